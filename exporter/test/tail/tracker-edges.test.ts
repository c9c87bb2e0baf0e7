// The tracker's smaller promises, in the test process: files counted per agent (agentmon_files_tracked), what a
// snapshot holds and a restored tracker makes of it, paths that are not files, and whole-document logs (Gemini CLI's
// chats): read whole when size or mtime changed, not before; read again later when the reader says the text is not
// complete; skipped once, like an over-long line, past eight times the line cap.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AgentId } from '../../src/adapters/types.js';
import { FileTracker, type TrackedFile, type TrackerOptions } from '../../src/tail/tracker.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-tracker-edges-'));
after(() => rmSync(root, { recursive: true, force: true }));

function recorder(opts: Partial<TrackerOptions> = {}, restored: TrackedFile[] = [], documentComplete: (text: string) => boolean = () => true) {
  const lines: string[] = [];
  const documents: string[] = [];
  const events: string[] = [];
  let consumed = 0;
  const tracker = new FileTracker(
    { maxLineBytes: 1 << 20, chunkBytes: 4096, maxOpenFiles: 16, ...opts },
    {
      line: (_f, t) => lines.push(t),
      tooLong: () => events.push('tooLong'),
      consumed: (_f, b) => (consumed += b),
      fileEvent: (_f, e) => events.push(e),
      document: (_f, text) => {
        documents.push(text);
        return documentComplete(text);
      },
    },
    restored,
  );
  return { tracker, lines, documents, events, consumed: () => consumed };
}

test('files are counted per agent', async () => {
  const dir = join(root, 'count');
  mkdirSync(dir);
  const { tracker } = recorder();
  for (const [name, agent] of [['a.jsonl', 'claude-code'], ['b.jsonl', 'claude-code'], ['c.jsonl', 'codex']] as [string, AgentId][]) {
    writeFileSync(join(dir, name), 'x\n');
    await tracker.visit(join(dir, name), agent);
  }
  assert.deepEqual([...tracker.countByAgent()].sort(), [['claude-code', 2], ['codex', 1]]);
  await tracker.closeAll();
});

test('a snapshot holds each file at its offset, and a tracker restored from it reads only what came after', async () => {
  const dir = join(root, 'snap');
  mkdirSync(dir);
  const p = join(dir, 'a.jsonl');
  writeFileSync(p, 'one\ntwo\n');
  const first = recorder();
  await first.tracker.visit(p, 'codex');
  const snap = first.tracker.snapshot();
  await first.tracker.closeAll();
  assert.equal(snap.length, 1);
  const st = statSync(p);
  assert.deepEqual([snap[0]!.path, snap[0]!.agent, snap[0]!.dev, snap[0]!.ino, snap[0]!.offset, snap[0]!.skipping], [p, 'codex', st.dev, st.ino, 8, false]);
  assert.equal(snap[0]!.fpLen, 8, 'the fingerprint covers what was read');
  appendFileSync(p, 'three\n');
  const second = recorder({}, JSON.parse(JSON.stringify(snap)) as TrackedFile[]);
  assert.deepEqual([...second.tracker.countByAgent()], [['codex', 1]], 'restored files are tracked before any visit');
  await second.tracker.visit(p, 'codex');
  assert.deepEqual(second.lines, ['three']);
  assert.deepEqual(second.events, [], 'a known file, not a discovered one');
  await second.tracker.closeAll();
});

test('a folder named like a log and a missing path are passed over without an event', async () => {
  const dir = join(root, 'notfile');
  mkdirSync(join(dir, 'x.jsonl'), { recursive: true });
  const { tracker, lines, events } = recorder();
  await tracker.visit(join(dir, 'x.jsonl'), 'claude-code');
  await tracker.visit(join(dir, 'missing.jsonl'), 'claude-code');
  assert.deepEqual([lines, events, [...tracker.countByAgent()]], [[], [], []]);
  await tracker.closeAll();
});

test('a document is read whole when its size or mtime changed, and only then', async () => {
  const dir = join(root, 'doc');
  mkdirSync(dir);
  const p = join(dir, 'chat.json');
  writeFileSync(p, '{"v":1}');
  const { tracker, documents, consumed } = recorder({ isDocument: () => true });
  await tracker.visit(p, 'gemini');
  await tracker.visit(p, 'gemini');
  assert.deepEqual(documents, ['{"v":1}'], 'unchanged: not read again');
  writeFileSync(p, '{"v":2}'); // same size
  utimesSync(p, new Date(), new Date(Date.now() + 5000));
  await tracker.visit(p, 'gemini');
  writeFileSync(p, '{"v":30}'); // another size
  utimesSync(p, new Date(), new Date(Date.now() + 10_000));
  await tracker.visit(p, 'gemini');
  assert.deepEqual(documents, ['{"v":1}', '{"v":2}', '{"v":30}']);
  assert.equal(consumed(), 7 + 7 + 8);
  await tracker.closeAll();
});

test('a document the reader finds incomplete is read again at the next visit, unchanged or not', async () => {
  const dir = join(root, 'doc-incomplete');
  mkdirSync(dir);
  const p = join(dir, 'chat.json');
  writeFileSync(p, '{"v":');
  const { tracker, documents, consumed } = recorder({ isDocument: () => true }, [], (text) => text.endsWith('}'));
  await tracker.visit(p, 'gemini');
  await tracker.visit(p, 'gemini');
  assert.deepEqual(documents, ['{"v":', '{"v":'], 'not taken: read again');
  assert.equal(consumed(), 0);
  writeFileSync(p, '{"v":1}');
  await tracker.visit(p, 'gemini');
  await tracker.visit(p, 'gemini');
  assert.deepEqual(documents, ['{"v":', '{"v":', '{"v":1}']);
  assert.equal(consumed(), 7);
  await tracker.closeAll();
});

test('a document over eight times the line cap is skipped and counted once, not read', async () => {
  const dir = join(root, 'doc-big');
  mkdirSync(dir);
  const p = join(dir, 'chat.json');
  writeFileSync(p, `{"t":"${'z'.repeat(82)}"}`); // 90 bytes
  const { tracker, documents, events } = recorder({ isDocument: () => true, maxLineBytes: 10 });
  await tracker.visit(p, 'gemini');
  await tracker.visit(p, 'gemini');
  utimesSync(p, new Date(), new Date(Date.now() + 5000)); // touched, same size: looked at again, not counted again
  await tracker.visit(p, 'gemini');
  assert.deepEqual(documents, []);
  assert.deepEqual(events, ['discovered', 'tooLong']);
  writeFileSync(p, `{"t":"${'z'.repeat(72)}"}`); // 80 bytes: exactly eight times the cap, read
  await tracker.visit(p, 'gemini');
  assert.equal(documents.length, 1);
  await tracker.closeAll();
});
