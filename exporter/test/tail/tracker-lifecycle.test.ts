// The tracker's handles, listings and failures, in the test process: at most maxOpenFiles handles stay open (the least
// recently used are closed, and only files still open can be drained after a rotation), one handle per file however
// often it is visited, none opened for a file that did not change, all closed by closeAll; a complete listing forgets
// files no longer listed, an incomplete one keeps them; a burst of notifications for one path is one visit; a second
// path to the same file is not a rotation; unreadable paths and files are reported with their error code once per
// file and counted every time. Open handles are read from /proc/self/fd (Linux), the tracker's own file descriptors.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AgentId } from '../../src/adapters/types.js';
import { FileTracker, type TrackedFile, type TrackerOptions, type TrackerSink } from '../../src/tail/tracker.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-tracker-life-'));
after(() => rmSync(root, { recursive: true, force: true }));

const T = { timeout: 15_000 };
let n = 0;
function folder(): string {
  const dir = join(root, `d${++n}`);
  mkdirSync(dir);
  return dir;
}

/** Names of the files under `dir` this process has open, sorted. */
function openIn(dir: string): string[] {
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // closed meanwhile (the listing's own descriptor)
    }
    if (target.startsWith(`${dir}/`)) out.push(target.slice(dir.length + 1));
  }
  return out.sort();
}

/** Waits (bounded) until the millisecond clock moved on, so the next visit is more recent than the last. */
async function tick(): Promise<void> {
  const t0 = Date.now();
  for (let i = 0; i < 1000 && Date.now() === t0; i++) await new Promise((r) => setTimeout(r, 1));
}

function recorder(opts: Partial<TrackerOptions> = {}, restored: TrackedFile[] = [], hooks: Partial<TrackerSink> = {}) {
  const lines: string[] = [];
  const events: string[] = [];
  let consumed = 0;
  const tracker = new FileTracker({ maxLineBytes: 1 << 20, chunkBytes: 4096, maxOpenFiles: 16, ...opts }, {
    line: (f, t) => {
      lines.push(t);
      hooks.line?.(f, t);
    },
    tooLong: () => void events.push('tooLong'),
    consumed: (_f, b) => void (consumed += b),
    fileEvent: (f, e, detail) => {
      events.push(detail === undefined ? e : `${e}:${detail}`);
      hooks.fileEvent?.(f, e, detail);
    },
  }, restored);
  return { tracker, lines, events, consumed: () => consumed };
}

test('at most maxOpenFiles handles stay open: the least recently read are closed, and only open ones are drained after a rotation', T, async () => {
  const dir = folder();
  const names = Array.from({ length: 9 }, (_, i) => `f${i + 1}.jsonl`);
  for (const name of names) writeFileSync(join(dir, name), `${name}:1\n`);
  const { tracker, lines } = recorder({ maxOpenFiles: 8 });
  for (const name of names.slice(0, 8)) {
    await tracker.visit(join(dir, name), 'codex');
    await tick();
  }
  assert.deepEqual(openIn(dir), names.slice(0, 8));
  appendFileSync(join(dir, 'f1.jsonl'), 'f1.jsonl:2\n');
  await tracker.visit(join(dir, 'f1.jsonl'), 'codex'); // f1 is now the most recently read
  await tick();
  await tracker.visit(join(dir, 'f9.jsonl'), 'codex');
  // Nine open, one over: a quarter of the limit (two) are closed, the two read longest ago.
  assert.deepEqual(openIn(dir), names.filter((x) => x !== 'f2.jsonl' && x !== 'f3.jsonl'));
  // Rotation: what f2 and f4 gained before they were moved away is drained only where the handle was still open.
  for (const name of ['f2.jsonl', 'f4.jsonl']) {
    appendFileSync(join(dir, name), `${name}:2\n`);
    renameSync(join(dir, name), join(dir, `${name}.old`));
    writeFileSync(join(dir, name), `${name}:new\n`);
    await tracker.visit(join(dir, name), 'codex');
  }
  assert.deepEqual(lines.slice(10), ['f2.jsonl:new', 'f4.jsonl:2', 'f4.jsonl:new']);
  await tracker.closeAll();
  assert.deepEqual(openIn(dir), []);
});

test('with a limit of four, every file past the fourth closes one other: never more than four open', T, async () => {
  const dir = folder();
  const { tracker, lines } = recorder({ maxOpenFiles: 4 });
  for (let i = 1; i <= 7; i++) {
    writeFileSync(join(dir, `g${i}.jsonl`), `g${i}\n`);
    await tracker.visit(join(dir, `g${i}.jsonl`), 'codex');
    await tick();
    assert.equal(openIn(dir).length, Math.min(i, 4), `after ${i} files`);
    assert.ok(openIn(dir).includes(`g${i}.jsonl`), `the file just read stays open (${i})`);
  }
  assert.deepEqual(openIn(dir), ['g4.jsonl', 'g5.jsonl', 'g6.jsonl', 'g7.jsonl']);
  assert.equal(lines.length, 7);
  await tracker.closeAll();
});

test('one handle per file however often it is read; none opened for a file that did not change; closeAll closes every one', T, async () => {
  const dir = folder();
  const a = join(dir, 'a.jsonl');
  const empty = join(dir, 'empty.jsonl');
  writeFileSync(a, 'a1\n');
  writeFileSync(empty, '');
  const { tracker, lines } = recorder();
  await tracker.visit(a, 'codex');
  appendFileSync(a, 'a2\n');
  await tracker.visit(a, 'codex');
  assert.deepEqual(openIn(dir), ['a.jsonl']);
  await tracker.visit(empty, 'codex');
  assert.deepEqual(openIn(dir), ['a.jsonl'], 'a new empty file: nothing to read, not opened');
  await tracker.closeAll();
  assert.deepEqual(openIn(dir), []);
  // A rescan of files that did not change stats them and opens none.
  await tracker.reconcile([{ path: a, agent: 'codex' }, { path: empty, agent: 'codex' }], true);
  assert.deepEqual(openIn(dir), []);
  assert.deepEqual(lines, ['a1', 'a2']);
  // A restored file is checked (opened) once, at its first visit; after that, unchanged, it is not opened again.
  const snap = tracker.snapshot();
  const second = recorder({}, snap);
  await second.tracker.visit(a, 'codex');
  assert.deepEqual(openIn(dir), ['a.jsonl']);
  await second.tracker.closeAll();
  await second.tracker.visit(a, 'codex');
  assert.deepEqual(openIn(dir), []);
  assert.deepEqual(second.lines, []);
});

test('reads through fs/promises handles by default (the event loop runs meanwhile), synchronous ones with syncReads', T, async () => {
  const dir = folder();
  for (const syncReads of [false, true]) {
    const p = join(dir, `${syncReads}.jsonl`);
    writeFileSync(p, 'x\n'.repeat(5000));
    const { tracker, lines } = recorder({ syncReads });
    let loopRan = false;
    setImmediate(() => (loopRan = true));
    await tracker.visit(p, 'codex');
    assert.equal(lines.length, 5000);
    assert.equal(loopRan, !syncReads, `syncReads ${syncReads}`);
    await tracker.closeAll();
  }
});

test('a complete listing forgets the files it no longer holds (draining them first); an incomplete one keeps them', T, async () => {
  const dir = folder();
  const a = join(dir, 'a.jsonl');
  const b = join(dir, 'b.jsonl');
  writeFileSync(a, 'a1\n');
  writeFileSync(b, 'b1\n');
  const { tracker, lines, events } = recorder();
  await tracker.reconcile([{ path: a, agent: 'codex' }, { path: b, agent: 'claude-code' }], true);
  appendFileSync(b, 'b2\n');
  renameSync(b, join(dir, 'b.jsonl.1')); // rotated out of the listing, with a line not read yet
  await tracker.reconcile([{ path: a, agent: 'codex' }], false);
  assert.deepEqual(events, ['discovered', 'discovered'], 'an incomplete listing forgets nothing');
  assert.deepEqual([...tracker.countByAgent()].sort(), [['claude-code', 1], ['codex', 1]]);
  await tracker.reconcile([{ path: a, agent: 'codex' }], true);
  assert.deepEqual(events, ['discovered', 'discovered', 'deleted']);
  assert.deepEqual(lines, ['a1', 'b1', 'b2'], 'drained before it was forgotten');
  assert.deepEqual([...tracker.countByAgent()], [['codex', 1]]);
  // A file forgotten while it has no open handle (closed by closeAll).
  await tracker.closeAll();
  rmSync(a);
  await tracker.reconcile([], true);
  assert.deepEqual(events.slice(3), ['deleted']);
  assert.deepEqual(tracker.snapshot(), []);
});

test('a listing reads each file to its end, also past the visit budget (the rest after the pass)', T, async () => {
  const dir = folder();
  const p = join(dir, 'big.jsonl');
  const q = join(dir, 'small.jsonl');
  const line = `{"pad":"${'p'.repeat(1000)}"}\n`;
  writeFileSync(p, line.repeat(200)); // ~200 KB: four budgets of 64 KB
  writeFileSync(q, 'q\n');
  const { tracker, lines, consumed } = recorder({ visitBudgetBytes: 64 * 1024, chunkBytes: 16 * 1024 });
  await tracker.reconcile([{ path: p, agent: 'codex' }, { path: q, agent: 'codex' }], true);
  // The rest of the big file is read by visits the pass queued, with nothing else asking for it.
  for (let i = 0; i < 500 && lines.length < 201; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(lines.length, 201);
  assert.equal(consumed(), 200 * line.length + 2);
  assert.ok(lines.indexOf('q') < 200, 'the small file is not held up until the big one is done');
  await tracker.closeAll();
});

test('a burst of notifications for one path is one visit; a listed path is visited once per pass', T, async () => {
  const dir = folder();
  writeFileSync(join(dir, 'plain'), 'not a folder');
  const bad = join(dir, 'plain', 'x.jsonl'); // stat fails with ENOTDIR
  const about: string[] = [];
  const { tracker, events } = recorder({}, [], { fileEvent: (f) => void about.push(`${f.agent}:${f.path}`) });
  await Promise.all([tracker.visit(bad, 'codex'), tracker.visit(bad, 'codex'), tracker.visit(bad, 'codex')]);
  assert.deepEqual(events, ['unreadable:ENOTDIR'], 'reported with its code; counted once for the three notifications');
  assert.deepEqual(about, [`codex:${bad}`], 'for its agent and path');
  await tracker.reconcile([{ path: bad, agent: 'codex' }], true);
  await tracker.closeAll();
  assert.deepEqual(events, ['unreadable:ENOTDIR', 'unreadable:ENOTDIR']);
});

test('a file renamed while a new one took its name is a rotation, whichever of the two is visited first', T, async () => {
  const dir = folder();
  const a = join(dir, 'a.jsonl');
  const b = join(dir, 'b.jsonl');
  writeFileSync(a, 'a1\n');
  const { tracker, lines, events } = recorder();
  await tracker.visit(a, 'codex');
  appendFileSync(a, 'a2\n');
  renameSync(a, b);
  writeFileSync(a, 'new1\n'); // another inode on the same device at the old name
  await tracker.visit(b, 'codex');
  await tracker.visit(a, 'codex');
  assert.deepEqual(events, ['discovered', 'rotated', 'discovered']);
  assert.deepEqual(lines, ['a1', 'a2', 'new1']);
  assert.deepEqual(tracker.snapshot().map((f) => f.path), [b, a]);
  await tracker.closeAll();
});

test('a second path to the same file (a symlink) is not a rotation: the file is read once, under its first path', T, async () => {
  const dir = folder();
  const real = join(dir, 'real.jsonl');
  const link = join(dir, 'link.jsonl');
  writeFileSync(real, 'r1\n');
  symlinkSync(real, link);
  const { tracker, lines, events } = recorder();
  await tracker.visit(real, 'codex');
  appendFileSync(real, 'r2\n');
  await tracker.visit(link, 'codex');
  assert.deepEqual([lines, events], [['r1'], ['discovered']], 'the link is passed over');
  await tracker.visit(real, 'codex');
  assert.deepEqual(lines, ['r1', 'r2']);
  // Listed under the link alone (its target outside the listing): still the same, tracked file.
  await tracker.reconcile([{ path: link, agent: 'codex' }], true);
  assert.deepEqual(events, ['discovered']);
  assert.equal(tracker.snapshot()[0]!.path, real);
  await tracker.closeAll();
});

test('a file that cannot be opened is reported with its code; one gone before it is opened is nothing', T, async () => {
  const dir = folder();
  const p = join(dir, 'swapped.jsonl');
  writeFileSync(p, 's1\n');
  // Between the stat and the open, the file is replaced by a folder (not a regular file: ENOTFILE).
  const { tracker, lines, events } = recorder({}, [], {
    fileEvent: (_f, e) => {
      if (e === 'discovered') {
        rmSync(p);
        mkdirSync(p);
      }
    },
  });
  await tracker.visit(p, 'codex');
  assert.deepEqual(events, ['discovered', 'unreadable:ENOTFILE']);
  assert.deepEqual(lines, []);

  const q = join(dir, 'vanished.jsonl');
  writeFileSync(q, 'v1\n');
  const gone = recorder({}, [], { fileEvent: (_f, e) => e === 'discovered' && rmSync(q) });
  await gone.tracker.reconcile([{ path: q, agent: 'codex' }], true);
  assert.deepEqual(gone.events, ['discovered'], 'deleted between listing and opening: not an error, forgotten at the next pass');
  await gone.tracker.reconcile([{ path: q, agent: 'codex' }], true);
  assert.deepEqual(gone.events, ['discovered', 'deleted']);
  await tracker.closeAll();
  await gone.tracker.closeAll();
});

test('a read that fails is counted unreadable (code once per file, EUNKNOWN without one), its handle closed, and resumed at the next visit', T, async () => {
  const dir = folder();
  const p = join(dir, 'fails.jsonl');
  writeFileSync(p, 'l1\nl2\nl3\n');
  const failures = [Object.assign(new Error('disk'), { code: 'EIO' }), new Error('no code')];
  const { tracker, lines, events } = recorder({}, [], {
    line: () => {
      const err = failures.shift();
      if (err) throw err;
    },
  });
  await tracker.visit(p, 'codex');
  assert.deepEqual([lines, events], [['l1'], ['discovered', 'unreadable:EIO']], 'not read on straight away');
  assert.deepEqual(openIn(dir), [], 'the handle is closed');
  await tracker.reconcile([{ path: p, agent: 'codex' }], true);
  assert.deepEqual([lines, events], [['l1', 'l2'], ['discovered', 'unreadable:EIO', 'unreadable']], 'logged once per file');
  await tracker.visit(p, 'codex');
  assert.deepEqual(lines, ['l1', 'l2', 'l3'], 'each line handed on once: the offset moved with it');
  assert.equal(tracker.snapshot().length, 1, 'still tracked after the failed pass');
  // A file's first failure without an error code; a restored file logs its first failure too.
  const q = join(dir, 'nocode.jsonl');
  writeFileSync(q, 'n1\n');
  const snap = recorder();
  await snap.tracker.visit(q, 'codex');
  const restored = snap.tracker.snapshot();
  await snap.tracker.closeAll();
  appendFileSync(q, 'n2\n');
  const r = recorder({}, restored, {
    line: () => {
      throw new Error('no code');
    },
  });
  await r.tracker.visit(q, 'codex');
  await r.tracker.visit(q, 'codex' as AgentId);
  assert.deepEqual(r.events, ['unreadable:EUNKNOWN']);
  await tracker.closeAll();
  await r.tracker.closeAll();
});
