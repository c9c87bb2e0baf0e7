// The checkpoint file in the test process: written whole through a temp file and a rename (a reader, or a crash, in
// the middle of a write sees the previous checkpoint), readable only by its owner, read back with errors that name the
// file, and temp files of crashed writers cleaned without touching a live writer's. test/state/crash-write.test.ts
// proves the same promise with a real kill -9 of a child exporter; this file pins it where Stryker can see it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

// The writer's test-only pause is read once, when the module loads: set it before importing.
process.env.AGENTMON_TEST_CHECKPOINT_STALL_MS = '150';
const { checkpointPath, readCheckpoint, removeStaleTemps, writeCheckpoint } = await import('../../src/state/checkpoint.js');

const root = mkdtempSync(join(tmpdir(), 'agentmon-checkpoint-file-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => join(root, `d${++n}`);

/** Polls (every 2 ms, at most 30 s) until `check` holds. */
async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

test('the checkpoint lives at <state>/checkpoint.json', () => {
  assert.equal(checkpointPath('/var/state'), join('/var/state', 'checkpoint.json'));
});

test('a write creates the folder, leaves only the checkpoint, readable by its owner alone', async () => {
  const dir = join(freshDir(), 'nested');
  const path = checkpointPath(dir);
  await writeCheckpoint(path, '{"a":1}');
  assert.equal(readFileSync(path, 'utf8'), '{"a":1}');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(dir).sort(), ['checkpoint.json', 'checkpoint.json.stall']);
});

test('pieces are written one after another, each whole, multi-byte text included', async () => {
  const dir = freshDir();
  const path = checkpointPath(dir);
  const pieces = ['{"text":"', 'é€😀'.repeat(50), '","n":', '12345', '}'];
  await writeCheckpoint(path, pieces);
  assert.equal(readFileSync(path, 'utf8'), pieces.join(''));
  // Rewriting with a shorter text leaves nothing of the longer one.
  await writeCheckpoint(path, ['{}']);
  assert.equal(readFileSync(path, 'utf8'), '{}');
});

test('in the middle of a write the checkpoint on disk is still the previous one, whole; the new one appears at once', async () => {
  const dir = freshDir();
  const path = checkpointPath(dir);
  const old = JSON.stringify({ version: 'old', pad: 'o'.repeat(5000) });
  await writeCheckpoint(path, old);
  const stallsBefore = Number(readFileSync(`${path}.stall`, 'utf8'));
  const next = ['{"version":"new",', `"pad":"${'n'.repeat(3000)}",`, `"more":"${'m'.repeat(3000)}"}`];
  const writing = writeCheckpoint(path, next);
  // The writer stops halfway through its text and says so with the number of the write.
  await until('the write to pause halfway', () => Number(readFileSync(`${path}.stall`, 'utf8')) === stallsBefore + 1);
  assert.equal(readFileSync(path, 'utf8'), old, 'the previous checkpoint is untouched while the new one is written');
  const temps = readdirSync(dir).filter((f) => f.startsWith('checkpoint.json.tmp-'));
  assert.deepEqual(temps, [`checkpoint.json.tmp-${process.pid}`]);
  const partial = readFileSync(join(dir, temps[0]!), 'utf8');
  const full = next.join('');
  assert.ok(partial.length > 0 && partial.length < full.length && full.startsWith(partial), 'the temp file holds the first part of the new text');
  await writing;
  assert.equal(readFileSync(path, 'utf8'), full);
  assert.equal(existsSync(join(dir, temps[0]!)), false, 'the temp file became the checkpoint');
});

test('the pause falls halfway through the text, in whichever piece that is', async () => {
  const dir = freshDir();
  const path = checkpointPath(dir);
  // 10 + 100 + 10 characters: halfway (60) is inside the second piece, which is cut at its own half.
  const pieces = ['a'.repeat(10), 'b'.repeat(100), 'c'.repeat(10)];
  const writing = writeCheckpoint(path, pieces);
  await until('the pause', () => existsSync(`${path}.stall`) && readFileSync(`${path}.stall`, 'utf8') !== '');
  // The marker holds the number of the pause (counted over the whole process).
  const pause = Number(readFileSync(`${path}.stall`, 'utf8'));
  assert.equal(readFileSync(join(dir, `checkpoint.json.tmp-${process.pid}`), 'utf8'), `${'a'.repeat(10)}${'b'.repeat(50)}`);
  await writing;
  assert.equal(readFileSync(path, 'utf8'), pieces.join(''));
  assert.equal(Number(readFileSync(`${path}.stall`, 'utf8')), pause, 'one pause per write, not one per piece after halfway');
  // Halfway on a piece's first character: the pause comes after half of that piece, not at the piece before.
  const two = ['x'.repeat(4), 'y'.repeat(4)];
  const stalls = Number(readFileSync(`${path}.stall`, 'utf8'));
  const w2 = writeCheckpoint(path, two);
  await until('the second pause', () => Number(readFileSync(`${path}.stall`, 'utf8')) === stalls + 1);
  assert.equal(readFileSync(join(dir, `checkpoint.json.tmp-${process.pid}`), 'utf8'), 'xxxxyy');
  await w2;
});

test('a write leaves no file or folder open', async () => {
  const dir = freshDir();
  const path = checkpointPath(dir);
  await writeCheckpoint(path, '{}'); // the folder exists from here on
  const open = (): number => readdirSync('/proc/self/fd').length;
  const before = open();
  for (let i = 0; i < 5; i++) await writeCheckpoint(path, ['{"n":', String(i), '}']);
  assert.equal(open(), before);
});

test('reading: no checkpoint is undefined; a cut or damaged one, or one that is not a file, fails naming the file', async () => {
  const dir = freshDir();
  mkdirSync(dir);
  const path = checkpointPath(dir);
  assert.equal(await readCheckpoint(path), undefined);
  writeFileSync(path, '{"version":1,"savedAt');
  await assert.rejects(readCheckpoint(path), (e: Error) => e.message === `${path} is not valid JSON (cut short or damaged)`);
  writeFileSync(path, JSON.stringify({ version: 1, savedAtMs: 'x' }));
  await assert.rejects(readCheckpoint(path), (e: Error) => e.message === `${path} is not a usable checkpoint: checkpoint.savedAtMs: expected a number`);
  rmSync(path);
  mkdirSync(path);
  await assert.rejects(readCheckpoint(path), (e: NodeJS.ErrnoException) => e.code === 'EISDIR');
});

test('a written checkpoint reads back as it was', async () => {
  const dir = freshDir();
  const path = checkpointPath(dir);
  const c = { version: 1, savedAtMs: 5, initialScanDone: false, files: [], ledger: { version: 1, counters: {}, histograms: {}, rollups: [], responses: [], seen: [], sessions: [], pendingTools: [], cold: {}, limiters: { projects: [], models: [], tools: [] } } };
  await writeCheckpoint(path, JSON.stringify(c));
  assert.deepEqual(await readCheckpoint(path), c);
});

test('temp files of crashed writers are removed; a live writer\'s, our own and other files are kept', async () => {
  const dir = freshDir();
  mkdirSync(dir);
  const path = checkpointPath(dir);
  const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!; // an exited process: its pid is free
  const live = process.ppid; // alive while this test runs
  const names = {
    dead: `checkpoint.json.tmp-${dead}`,
    live: `checkpoint.json.tmp-${live}`,
    liveButOld: `checkpoint.json.tmp-${live}0`,
    own: `checkpoint.json.tmp-${process.pid}`,
    notPid: 'checkpoint.json.tmp-x1',
    zero: 'checkpoint.json.tmp-0',
    other: 'checkpoint.json.bak',
    otherPrefix: 'other.json.tmp-1',
  };
  for (const name of Object.values(names)) writeFileSync(join(dir, name), 'x');
  // A live-looking pid whose file is over an hour old was a crashed writer's (pids are reused).
  const liveOld = names.liveButOld;
  const oldSec = Date.now() / 1000 - 3700;
  utimesSync(join(dir, liveOld), oldSec, oldSec);
  const now = Date.now();
  const removed = await removeStaleTemps(path, now);
  assert.deepEqual(removed.sort(), [names.dead, names.notPid, names.zero, liveOld].sort());
  assert.deepEqual(readdirSync(dir).sort(), [names.live, names.own, names.other, names.otherPrefix].sort());
  // The same live writer's file, an hour and a bit old by the clock given: removed.
  const later = await removeStaleTemps(path, now + 3_600_001 + 60_000);
  assert.deepEqual(later, [names.live]);
  // Exactly an hour is not yet old.
  writeFileSync(join(dir, names.live), 'x');
  const mtime = statSync(join(dir, names.live)).mtimeMs;
  assert.deepEqual(await removeStaleTemps(path, mtime + 3_600_000), []);
});

test('a temp file of a live process owned by another user (EPERM) is kept', async () => {
  const dir = freshDir();
  mkdirSync(dir);
  const path = checkpointPath(dir);
  const pid = 4_000_000; // above Linux's pid_max: no such process here
  writeFileSync(join(dir, `checkpoint.json.tmp-${pid}`), 'x');
  const kill = process.kill;
  // Tests run as root here, where a signal-0 probe never answers EPERM: stand in for another user's process.
  process.kill = ((p: number, sig?: string | number) => {
    if (p === pid) throw Object.assign(new Error('not permitted'), { code: 'EPERM' });
    return kill.call(process, p, sig);
  }) as typeof process.kill;
  try {
    assert.deepEqual(await removeStaleTemps(path), []);
  } finally {
    process.kill = kill;
  }
  assert.deepEqual(await removeStaleTemps(path), [`checkpoint.json.tmp-${pid}`], 'with no such process it is removed');
});

test('a folder that cannot be listed has nothing to remove', async () => {
  assert.deepEqual(await removeStaleTemps(join(root, 'missing', 'checkpoint.json')), []);
});
