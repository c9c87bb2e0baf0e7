import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { findLogFiles } from '../../src/tail/discover.js';
import { FileTracker, type TrackedFile } from '../../src/tail/tracker.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-tracker-'));
after(() => rmSync(root, { recursive: true, force: true }));

function recorder(restored: TrackedFile[] = []) {
  const lines: string[] = [];
  const events: string[] = [];
  const tracker = new FileTracker({ maxLineBytes: 1 << 20, chunkBytes: 4096, maxOpenFiles: 16 }, {
    line: (_f, t) => lines.push(t),
    tooLong: () => events.push('tooLong'),
    consumed: () => undefined,
    fileEvent: (_f, e) => events.push(e),
  }, restored);
  return { tracker, lines, events };
}

const isLog = (p: string): boolean => p.endsWith('.jsonl');

test('growth is read incrementally; a truncated file is read again from the start', async () => {
  const dir = join(root, 'grow');
  mkdirSync(dir);
  const p = join(dir, 'a.jsonl');
  writeFileSync(p, 'l1\nl2\n');
  const { tracker, lines, events } = recorder();
  await tracker.visit(p, 'claude-code');
  appendFileSync(p, 'l3\n');
  await tracker.visit(p, 'claude-code');
  assert.deepEqual(lines, ['l1', 'l2', 'l3']);
  truncateSync(p, 0);
  appendFileSync(p, 'n1\n');
  await tracker.visit(p, 'claude-code');
  assert.deepEqual(lines, ['l1', 'l2', 'l3', 'n1']);
  assert.deepEqual(events, ['discovered', 'truncated']);
  await tracker.closeAll();
});

test('a file renamed to another watched name continues from its offset (rotation, no re-read)', async () => {
  const dir = join(root, 'rename');
  mkdirSync(dir);
  const a = join(dir, 'a.jsonl');
  const b = join(dir, 'b.jsonl');
  writeFileSync(a, 'x1\n');
  const { tracker, lines, events } = recorder();
  await tracker.visit(a, 'codex');
  renameSync(a, b);
  appendFileSync(b, 'x2\n');
  const { files } = await findLogFiles(dir, isLog);
  await tracker.reconcile(files.map((path) => ({ path, agent: 'codex' as const })), true);
  assert.deepEqual(lines, ['x1', 'x2']);
  assert.deepEqual(events, ['discovered', 'rotated']);
  await tracker.closeAll();
});

test('rename+create rotation drains what the old file gained before it was moved away', async () => {
  const dir = join(root, 'rotate');
  mkdirSync(dir);
  const p = join(dir, 'log.jsonl');
  writeFileSync(p, 'old1\n');
  const { tracker, lines, events } = recorder();
  await tracker.visit(p, 'claude-code');
  appendFileSync(p, 'old2\n'); // written, not yet read
  renameSync(p, join(dir, 'log.jsonl.1')); // no longer a watched name
  writeFileSync(p, 'new1\n');
  await tracker.visit(p, 'claude-code');
  await tracker.reconcile([{ path: p, agent: 'claude-code' }], true);
  assert.deepEqual(lines, ['old1', 'old2', 'new1']);
  assert.deepEqual(events, ['discovered', 'discovered', 'deleted']);
  await tracker.closeAll();
});

test('restored state resumes at its offset; a fingerprint mismatch (reused inode) starts over', async () => {
  const dir = join(root, 'restore');
  mkdirSync(dir);
  const p = join(dir, 's.jsonl');
  writeFileSync(p, 'first\nsecond\n');
  const st = statSync(p);
  const first = recorder();
  await first.tracker.visit(p, 'codex');
  const snap = first.tracker.snapshot();
  await first.tracker.closeAll();
  appendFileSync(p, 'third\n');
  const resumed = recorder(snap);
  await resumed.tracker.visit(p, 'codex');
  assert.deepEqual(resumed.lines, ['third']);
  await resumed.tracker.closeAll();
  const bogus: TrackedFile = { path: p, agent: 'codex', dev: st.dev, ino: st.ino, fp: 'deadbeef', fpLen: 6, offset: 7, skipping: false, state: { model: 'x' } };
  const reused = recorder([bogus]);
  await reused.tracker.visit(p, 'codex');
  assert.deepEqual(reused.lines, ['first', 'second', 'third']);
  assert.deepEqual(reused.tracker.snapshot()[0]!.state, {}, 'adapter state of the old file is dropped');
  await reused.tracker.closeAll();
});

test('discovery skips folders named like logs (but reads inside them) and survives symlink loops', async () => {
  const dir = join(root, 'discover');
  mkdirSync(join(dir, 'weird.jsonl'), { recursive: true });
  writeFileSync(join(dir, 'weird.jsonl', 'inner.jsonl'), 'i\n');
  writeFileSync(join(dir, 'top.jsonl'), 't\n');
  writeFileSync(join(dir, 'notes.txt'), 'n\n');
  symlinkSync(dir, join(dir, 'loop'));
  symlinkSync(join(dir, 'missing-target'), join(dir, 'dangling.jsonl'));
  const { files, problems } = await findLogFiles(dir, isLog);
  assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), ['top.jsonl', 'weird.jsonl/inner.jsonl']);
  assert.deepEqual(problems, []);
  const { tracker, lines } = recorder();
  await tracker.reconcile([...files, join(dir, 'weird.jsonl')].map((path) => ({ path, agent: 'claude-code' as const })), true);
  assert.deepEqual(lines.sort(), ['i', 't']);
  await tracker.closeAll();
});

test('a deleted file is forgotten; a missing listed path is not an error', async () => {
  const dir = join(root, 'delete');
  mkdirSync(dir);
  const p = join(dir, 'gone.jsonl');
  writeFileSync(p, 'g\n');
  const { tracker, events } = recorder();
  await tracker.visit(p, 'codex');
  rmSync(p);
  await tracker.reconcile([{ path: p, agent: 'codex' }], true);
  assert.deepEqual(events, ['discovered', 'deleted']);
  assert.equal(tracker.snapshot().length, 0);
  await tracker.closeAll();
});

test('a file truncated and rewritten longer between two visits, with the same first line, is read again from the start', async () => {
  const dir = join(root, 'rewrite');
  mkdirSync(dir);
  const p = join(dir, 's.jsonl');
  const head = '{"first":"line, the same in both versions, longer than the 256-byte head fingerprint' + '.'.repeat(256) + '"}\n';
  const old = Array.from({ length: 20 }, (_, i) => `{"old":${i}}\n`).join('');
  writeFileSync(p, head + old);
  const { tracker, lines, events } = recorder();
  await tracker.visit(p, 'claude-code');
  assert.equal(lines.length, 21);
  // Truncated and rewritten with 28 other lines: longer than before, same first line, same inode.
  const fresh = Array.from({ length: 28 }, (_, i) => `{"new":${i},"pad":"${'x'.repeat(10)}"}\n`).join('');
  truncateSync(p, 0);
  appendFileSync(p, head + fresh);
  await tracker.visit(p, 'claude-code');
  assert.deepEqual(lines.slice(21), [head, ...fresh.split('\n').slice(0, 28).map((l) => l + '\n')].map((l) => l.slice(0, -1)));
  assert.deepEqual(events, ['discovered', 'truncated']);
  // Plain growth is still read from the offset, without starting over; so is growth after a restart.
  appendFileSync(p, '{"more":1}\n');
  await tracker.visit(p, 'claude-code');
  assert.deepEqual(lines.slice(50), ['{"more":1}']);
  const snap = tracker.snapshot();
  await tracker.closeAll();
  appendFileSync(p, '{"more":2}\n');
  const resumed = recorder(snap);
  await resumed.tracker.visit(p, 'claude-code');
  assert.deepEqual(resumed.lines, ['{"more":2}']);
  assert.deepEqual(resumed.events, []);
  await resumed.tracker.closeAll();
});

test('a file that grows as fast as it is read does not hold up the other files (visit budget)', async () => {
  const dir = join(root, 'fair');
  mkdirSync(dir);
  const hog = join(dir, 'hog.jsonl');
  const quiet = join(dir, 'quiet.jsonl');
  const filler = `{"filler":"${'f'.repeat(1000)}"}\n`;
  writeFileSync(hog, filler.repeat(64));
  writeFileSync(quiet, '');
  const order: string[] = [];
  let appended = 0;
  const tracker = new FileTracker({ maxLineBytes: 1 << 20, chunkBytes: 16 * 1024, maxOpenFiles: 16, visitBudgetBytes: 64 * 1024 }, {
    line: (f, text) => {
      order.push(f.path === hog ? 'hog' : text);
      // The writer: every line read from the hog is replaced by two more, up to ~4 MB in all.
      if (f.path === hog && appended < 4000) {
        appendFileSync(hog, filler + filler);
        appended += 2;
      }
    },
    tooLong: () => undefined,
    consumed: () => undefined,
    fileEvent: () => undefined,
  });
  const hogRead = tracker.visit(hog, 'claude-code');
  writeFileSync(quiet, '{"quiet":1}\n');
  await tracker.visit(quiet, 'claude-code');
  const at = order.indexOf('{"quiet":1}');
  // Read after at most a couple of the hog's turns (64 KB ≈ 64 lines each), not after all ~4,000 of its lines.
  assert.ok(at >= 0 && at < 200, `quiet file read after ${at} hog lines`);
  await hogRead;
  assert.equal(order.filter((x) => x === 'hog').length, 64 + 4000, 'the hog is still read to its end, exactly');
  await tracker.closeAll();
});

test('a snapshot taken in the middle of a read resumes at its offset, not from the start (a crash mid-read)', async () => {
  const dir = join(root, 'midread');
  mkdirSync(dir);
  const p = join(dir, 's.jsonl');
  const lineOf = (i: number) => `{"pad":"${"p".repeat(300)}","n":${i}}\n`;
  writeFileSync(p, Array.from({ length: 100 }, (_, i) => lineOf(i)).join(''));
  let snap: TrackedFile[] = [];
  let n = 0;
  const tracker = new FileTracker({ maxLineBytes: 1 << 20, chunkBytes: 4096, maxOpenFiles: 16 }, {
    line: () => {
      // The checkpoint runs between two awaits of a read: here, 50 lines into the second read.
      if (++n === 150) snap = tracker.snapshot();
    },
    tooLong: () => undefined,
    consumed: () => undefined,
    fileEvent: () => undefined,
  });
  await tracker.visit(p, 'codex');
  appendFileSync(p, Array.from({ length: 300 }, (_, i) => lineOf(100 + i)).join(''));
  await tracker.visit(p, 'codex');
  appendFileSync(p, '{"n":400}\n');
  await tracker.visit(p, 'codex');
  await tracker.closeAll();
  assert.equal(n, 401);
  const resumed = recorder(snap);
  await resumed.tracker.visit(p, 'codex');
  assert.deepEqual(resumed.events, [], 'not mistaken for a rewritten file');
  assert.equal(resumed.lines.length, 251, 'lines 150..400 read again, as after a crash at that moment');
  assert.match(resumed.lines[0]!, /"n":150\}$/);
  await resumed.tracker.closeAll();
});
