// What the tracker's checkpoint holds and what a restored tracker makes of it, in the test process: a file's offset,
// head fingerprint, tail hash (where the last read ended), adapter state and, for documents, mtime; a file rewritten
// in place is told from one that grew (by its first bytes, and by the bytes before the last read's end) and read
// again from its start, once; an unchanged file is not read again. Plus what a read hands on (over-long lines, bytes
// consumed) and whole-document files (Gemini's chats): read when their size or mtime changed, kept by a listing,
// never drained line by line, skipped past eight times the line cap.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FINGERPRINT_BYTES, fnv1a } from '../../src/tail/fingerprint.js';
import { FileTracker, type TrackedFile, type TrackerOptions, type TrackerSink } from '../../src/tail/tracker.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-tracker-detect-'));
after(() => rmSync(root, { recursive: true, force: true }));

const T = { timeout: 15_000 };
let n = 0;
function folder(): string {
  const dir = join(root, `d${++n}`);
  mkdirSync(dir);
  return dir;
}

const OPTS = { maxLineBytes: 1 << 20, chunkBytes: 4096, maxOpenFiles: 16 };

function recorder(opts: Partial<TrackerOptions> = {}, restored: TrackedFile[] = [], withDocument = true) {
  const lines: string[] = [];
  const documents: string[] = [];
  const events: string[] = [];
  let consumed = 0;
  const sink: TrackerSink = {
    line: (_f, t) => void lines.push(t),
    tooLong: () => void events.push('tooLong'),
    consumed: (_f, b) => void (consumed += b),
    fileEvent: (_f, e, detail) => void events.push(detail === undefined ? e : `${e}:${detail}`),
    ...(withDocument ? { document: (_f: TrackedFile, text: string) => (documents.push(text), true) } : {}),
  };
  const tracker = new FileTracker({ ...OPTS, ...opts }, sink, restored);
  return { tracker, lines, documents, events, consumed: () => consumed };
}

const head = (p: string) => {
  const b = readFileSync(p).subarray(0, FINGERPRINT_BYTES);
  return { fp: fnv1a(b), fpLen: b.length };
};
/** The hash of the (up to 256) bytes before `at`: what the tracker keeps of where its last read ended. */
const tailAt = (p: string, at: number) => ({ at, fp: fnv1a(readFileSync(p).subarray(Math.max(0, at - FINGERPRINT_BYTES), at)) });

/** A first line longer than the 256-byte head fingerprint, so that only the tail hash sees what follows it. */
const HEAD = `{"first":"${'h'.repeat(300)}"}\n`;

test('a tracker made without restored files tracks none', T, async () => {
  const tracker = new FileTracker(OPTS, { line: () => undefined, tooLong: () => undefined, consumed: () => undefined, fileEvent: () => undefined });
  assert.deepEqual([[...tracker.countByAgent()], tracker.snapshot()], [[], []]);
  await tracker.closeAll();
});

test('the snapshot holds offset, fingerprint, tail hash and state of each file; documents their mtime; an empty file, never opened, nothing more', T, async () => {
  const dir = folder();
  const empty = join(dir, 'empty.jsonl');
  const lines = join(dir, 'lines.jsonl');
  const doc = join(dir, 'chat.json');
  writeFileSync(empty, '');
  writeFileSync(lines, HEAD + '{"n":1}\n');
  writeFileSync(doc, '{"v":1}');
  const r = recorder({ isDocument: (_a, p) => p.endsWith('.json') });
  for (const p of [empty, lines, doc]) await r.tracker.visit(p, 'gemini');
  const id = (p: string) => ({ dev: statSync(p).dev, ino: statSync(p).ino });
  const size = statSync(lines).size;
  assert.deepEqual(r.tracker.snapshot(), [
    { path: empty, agent: 'gemini', ...id(empty), fp: '', fpLen: 0, offset: 0, skipping: false, state: {} },
    { path: lines, agent: 'gemini', ...id(lines), ...head(lines), offset: size, skipping: false, tail: tailAt(lines, size), state: {} },
    { path: doc, agent: 'gemini', ...id(doc), fp: '', fpLen: 0, offset: 7, skipping: false, state: {}, mtimeMs: statSync(doc).mtimeMs },
  ]);
  await r.tracker.closeAll();
  // A restored file's adapter state is in the next snapshot as it was restored.
  const restored = r.tracker.snapshot().map((f) => (f.path === lines ? { ...f, state: { model: 'm', turns: 3 } } : f));
  const s = recorder({ isDocument: (_a, p) => p.endsWith('.json') }, restored);
  assert.deepEqual(s.tracker.snapshot(), restored);
  await s.tracker.visit(lines, 'gemini');
  assert.deepEqual([s.lines, s.events, s.tracker.snapshot()[1]!.state], [[], [], { model: 'm', turns: 3 }], 'unchanged: nothing read, state kept');
});

test('a restored file rewritten to the same size (a reused inode) is read from its start; unchanged, it is not read', T, async () => {
  const dir = folder();
  const p = join(dir, 's.jsonl');
  writeFileSync(p, '{"a":1}\n{"b":2}\n');
  const first = recorder();
  await first.tracker.visit(p, 'codex');
  const snap = first.tracker.snapshot();
  await first.tracker.closeAll();
  const same = recorder({}, snap);
  await same.tracker.visit(p, 'codex');
  assert.deepEqual([same.lines, same.events], [[], []]);
  await same.tracker.closeAll();
  writeFileSync(p, '{"c":3}\n{"d":4}\n'); // same inode, same size, other bytes
  const reused = recorder({}, snap);
  await reused.tracker.visit(p, 'codex');
  assert.deepEqual([reused.lines, reused.events], [['{"c":3}', '{"d":4}'], ['discovered']]);
  await reused.tracker.closeAll();
});

test('after a truncation the checkpoint holds the fingerprint of the new first bytes', T, async () => {
  const dir = folder();
  const p = join(dir, 't.jsonl');
  writeFileSync(p, '{"old":1}\n{"old":2}\n');
  const r = recorder();
  await r.tracker.visit(p, 'codex');
  truncateSync(p, 0);
  appendFileSync(p, '{"n":1}\n');
  await r.tracker.visit(p, 'codex');
  assert.deepEqual(r.events, ['discovered', 'truncated']);
  const [snap] = r.tracker.snapshot();
  assert.deepEqual([snap!.fp, snap!.fpLen, snap!.offset], [head(p).fp, 8, 8]);
  await r.tracker.closeAll();
  // So a restart that finds other bytes there (same size) knows the file is not the one read.
  writeFileSync(p, '{"m":2}\n');
  const s = recorder({}, [snap!]);
  await s.tracker.visit(p, 'codex');
  assert.deepEqual([s.lines, s.events], [['{"m":2}'], ['discovered']]);
  await s.tracker.closeAll();
});

test('a rewrite that keeps the first bytes is told by the bytes before the latest read\'s end, not an older one', T, async () => {
  const dir = folder();
  const p = join(dir, 'r.jsonl');
  writeFileSync(p, HEAD + '{"a":1}\n');
  const r = recorder();
  await r.tracker.visit(p, 'claude-code');
  appendFileSync(p, '{"b":1}\n');
  await r.tracker.visit(p, 'claude-code');
  // Rewritten longer: the first two lines as before, the third other bytes of the same length, then more.
  truncateSync(p, 0);
  appendFileSync(p, HEAD + '{"a":1}\n' + '{"b":2}\n' + '{"c":1}\n');
  await r.tracker.visit(p, 'claude-code');
  assert.deepEqual(r.events, ['discovered', 'truncated']);
  assert.deepEqual(r.lines.slice(3), [HEAD.slice(0, -1), '{"a":1}', '{"b":2}', '{"c":1}']);
  await r.tracker.closeAll();
});

test('a checkpoint from before tail hashes gets one at the first visit, so a later rewrite is still told', T, async () => {
  const dir = folder();
  const p = join(dir, 'old.jsonl');
  writeFileSync(p, HEAD + '{"a":1}\n');
  const first = recorder();
  await first.tracker.visit(p, 'claude-code');
  const [snap] = first.tracker.snapshot();
  await first.tracker.closeAll();
  const { tail: _dropped, ...older } = snap!;
  const r = recorder({}, [older]);
  await r.tracker.visit(p, 'claude-code'); // nothing new
  assert.deepEqual(r.tracker.snapshot()[0]!.tail, tailAt(p, statSync(p).size));
  truncateSync(p, 0);
  appendFileSync(p, HEAD + '{"a":2}\n' + '{"z":1}\n');
  await r.tracker.visit(p, 'claude-code');
  assert.deepEqual([r.events, r.lines], [['truncated'], [HEAD.slice(0, -1), '{"a":2}', '{"z":1}']]);
  await r.tracker.closeAll();
});

test('a read reports over-long lines and counts every byte consumed', T, async () => {
  const dir = folder();
  const p = join(dir, 'long.jsonl');
  const long = `{"x":"${'x'.repeat(200)}"}\n`;
  writeFileSync(p, '{"a":1}\n' + long + '{"b":2}\n');
  const r = recorder({ maxLineBytes: 100 });
  await r.tracker.visit(p, 'codex');
  assert.deepEqual([r.lines, r.events, r.consumed()], [['{"a":1}', '{"b":2}'], ['discovered', 'tooLong'], 16 + long.length]);
  await r.tracker.closeAll();
});

test('a rotated file is drained to its end, not a visit budget\'s worth', T, async () => {
  const dir = folder();
  const p = join(dir, 'log.jsonl');
  writeFileSync(p, '{"old":0}\n');
  const r = recorder({ visitBudgetBytes: 1024, chunkBytes: 1024 });
  await r.tracker.visit(p, 'codex');
  appendFileSync(p, Array.from({ length: 400 }, (_, i) => `{"old":${i + 1}}\n`).join('')); // ~5 KB, not read yet
  renameSync(p, join(dir, 'log.jsonl.1'));
  writeFileSync(p, '{"new":1}\n');
  await r.tracker.visit(p, 'codex');
  assert.equal(r.lines.length, 402);
  assert.deepEqual([r.lines[400], r.lines[401]], ['{"old":400}', '{"new":1}']);
  await r.tracker.closeAll();
});

test('a document is read when its size changed, even with the same mtime, and a listing keeps it tracked', T, async () => {
  const dir = folder();
  const p = join(dir, 'chat.json');
  const when = new Date('2026-01-02T03:04:05Z');
  writeFileSync(p, '{"v":1}');
  utimesSync(p, when, when);
  const r = recorder({ isDocument: () => true });
  await r.tracker.reconcile([{ path: p, agent: 'gemini' }], true);
  writeFileSync(p, '{"v":22}');
  utimesSync(p, when, when);
  await r.tracker.reconcile([{ path: p, agent: 'gemini' }], true);
  await r.tracker.reconcile([{ path: p, agent: 'gemini' }], true); // unchanged
  assert.deepEqual(r.documents, ['{"v":1}', '{"v":22}']);
  assert.deepEqual(r.events, ['discovered'], 'never forgotten while listed');
  assert.equal(r.consumed(), 15);
  await r.tracker.closeAll();
});

test('a document past eight times the line cap is counted as too long at its first visit, once', T, async () => {
  const dir = folder();
  const p = join(dir, 'big.json');
  writeFileSync(p, `{"t":"${'z'.repeat(82)}"}`); // 90 bytes, cap 80
  const r = recorder({ isDocument: () => true, maxLineBytes: 10 });
  await r.tracker.visit(p, 'gemini');
  assert.deepEqual(r.events, ['discovered', 'tooLong']);
  utimesSync(p, new Date(), new Date(Date.now() + 5000));
  await r.tracker.visit(p, 'gemini');
  assert.deepEqual([r.events, r.documents, r.consumed()], [['discovered', 'tooLong'], [], 0]);
  await r.tracker.closeAll();
});

test('a document read by a sink without a document reader is taken as read (consumed, not read again)', T, async () => {
  const dir = folder();
  const p = join(dir, 'chat.json');
  writeFileSync(p, '{"v":1}');
  const r = recorder({ isDocument: () => true }, [], false);
  await r.tracker.visit(p, 'gemini');
  await r.tracker.visit(p, 'gemini');
  assert.deepEqual([r.events, r.consumed(), r.tracker.snapshot()[0]!.offset], [['discovered'], 7, 7]);
  await r.tracker.closeAll();
});

test('a document moved away and replaced is not drained as lines (it is one JSON text, not appended lines)', T, async () => {
  const dir = folder();
  const p = join(dir, 'chat.json');
  writeFileSync(p, '{"v":1}');
  const r = recorder({ isDocument: () => true });
  await r.tracker.visit(p, 'gemini');
  writeFileSync(p, '{"v":1,"w":2}\n{"x":3}\n'); // rewritten in place, then moved away with its handle open
  renameSync(p, join(dir, 'chat.json.bak'));
  writeFileSync(p, '{"v":9}');
  await r.tracker.visit(p, 'gemini');
  assert.deepEqual([r.lines, r.documents], [[], ['{"v":1}', '{"v":9}']]);
  await r.tracker.reconcile([{ path: p, agent: 'gemini' }], true); // the moved one forgotten, not drained either
  assert.deepEqual([r.lines, r.events], [[], ['discovered', 'discovered', 'deleted']]);
  await r.tracker.closeAll();
});
