// findLogFiles in the test process: the depth limit at its edge (and through symlinks), name order, which symlinks
// are followed and listed, which errors are problems (a symlink loop, a root below a file) and which are not (a root
// that is missing or is a file, a dangling link), and the same answer from the synchronous and the yielding walk.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { findLogFiles, MAX_FOLDER_DEPTH } from '../../src/tail/discover.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-discover-'));
after(() => rmSync(root, { recursive: true, force: true }));
const isLog = (p: string): boolean => p.endsWith('.jsonl');

/** Creates `levels` nested folders below `base` and returns the deepest. */
function nest(base: string, levels: number): string {
  let dir = base;
  for (let i = 1; i <= levels; i++) dir = join(dir, `d${i}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

test(`a folder ${MAX_FOLDER_DEPTH} levels below the root is read; one level more is reported as too deep, not read`, async () => {
  const base = join(root, 'depth');
  const ok = nest(join(base, 'ok'), MAX_FOLDER_DEPTH - 1); // base/ok is level 1
  writeFileSync(join(ok, 'a.jsonl'), 'x\n');
  const deep = nest(join(base, 'deep'), MAX_FOLDER_DEPTH);
  writeFileSync(join(deep, 'b.jsonl'), 'x\n');
  for (const sync of [true, false]) {
    const r = await findLogFiles(base, isLog, sync);
    assert.deepEqual(r.files, [join(ok, 'a.jsonl')], `sync ${sync}`);
    assert.deepEqual(r.tooDeep, [deep], `sync ${sync}`);
    assert.deepEqual(r.problems, []);
  }
});

test('a symlinked folder counts one level, like a real one', async () => {
  const base = join(root, 'depth-link');
  const target = join(root, 'depth-link-target');
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'c.jsonl'), 'x\n');
  const parent = nest(base, MAX_FOLDER_DEPTH - 1);
  symlinkSync(target, join(parent, 'link')); // level MAX: read
  const deeper = nest(join(base, 'more'), MAX_FOLDER_DEPTH - 1);
  symlinkSync(target, join(deeper, 'link')); // level MAX + 1: too deep
  const r = await findLogFiles(base, isLog, true);
  assert.deepEqual(r.files, [join(parent, 'link', 'c.jsonl')]);
  assert.deepEqual(r.tooDeep, [join(deeper, 'link')]);
});

test('files come in name order, folders in their place among them', async () => {
  const base = join(root, 'order');
  mkdirSync(join(base, 'b'), { recursive: true });
  // Names created out of order (ext4 lists them by hash). Node's readdir already returns them sorted (libuv's scandir
  // sorts), so this pins the comparator; the explicit sort only guards against that changing.
  const names = Array.from({ length: 40 }, (_, i) => `f${String((i * 17) % 40).padStart(2, '0')}.jsonl`);
  for (const f of ['c.jsonl', 'a.jsonl', 'b/x.jsonl', 'B.jsonl', 'notes.txt', ...names]) writeFileSync(join(base, f), 'x\n');
  const r = await findLogFiles(base, isLog, true);
  const expected = ['B.jsonl', 'a.jsonl', 'b/x.jsonl', 'c.jsonl', ...[...names].sort()].map((f) => join(base, f));
  assert.deepEqual(r.files, expected);
});

test('symlinks: to a log file listed, to another file not, to a folder walked; a dangling one is not a problem', async () => {
  const base = join(root, 'links');
  const elsewhere = join(root, 'links-elsewhere');
  mkdirSync(join(elsewhere, 'sub'), { recursive: true });
  mkdirSync(base, { recursive: true });
  writeFileSync(join(elsewhere, 'real.jsonl'), 'x\n');
  writeFileSync(join(elsewhere, 'real.txt'), 'x\n');
  writeFileSync(join(elsewhere, 'sub', 'inner.jsonl'), 'x\n');
  symlinkSync(join(elsewhere, 'real.jsonl'), join(base, 'a.jsonl'));
  symlinkSync(join(elsewhere, 'real.txt'), join(base, 'b.jsonl.txt'));
  symlinkSync(join(elsewhere, 'real.txt'), join(base, 'c.jsonl')); // named like a log, a file: listed by name
  symlinkSync(join(elsewhere, 'sub'), join(base, 'd'));
  symlinkSync(join(elsewhere, 'gone.jsonl'), join(base, 'e.jsonl'));
  const r = await findLogFiles(base, isLog, true);
  assert.deepEqual(r.files, [join(base, 'a.jsonl'), join(base, 'c.jsonl'), join(base, 'd', 'inner.jsonl')]);
  assert.deepEqual(r.problems, []);
});

test('a symlink loop among the entries is a problem named by path and code; the rest is still listed', async () => {
  const base = join(root, 'loop');
  mkdirSync(base, { recursive: true });
  symlinkSync(join(base, 'y'), join(base, 'x'));
  symlinkSync(join(base, 'x'), join(base, 'y'));
  writeFileSync(join(base, 'z.jsonl'), 'x\n');
  const r = await findLogFiles(base, isLog, true);
  assert.deepEqual(r.files, [join(base, 'z.jsonl')]);
  assert.deepEqual(r.problems, [
    { path: join(base, 'x'), code: 'ELOOP' },
    { path: join(base, 'y'), code: 'ELOOP' },
  ]);
});

test('a root that is missing or is a file gives nothing and no problem; a root that loops is a problem', async () => {
  assert.deepEqual(await findLogFiles(join(root, 'nowhere'), isLog, true), { files: [], problems: [], tooDeep: [] });
  const file = join(root, 'plain.jsonl');
  writeFileSync(file, 'x\n');
  assert.deepEqual(await findLogFiles(file, isLog, false), { files: [], problems: [], tooDeep: [] });
  const looping = join(root, 'root-loop');
  symlinkSync(looping, looping);
  assert.deepEqual(await findLogFiles(looping, isLog, true), { files: [], problems: [{ path: looping, code: 'ELOOP' }], tooDeep: [] });
  // Below a file: a path that can never be a folder (a mistake in the configured path) is a problem, not "missing".
  const belowFile = join(file, 'projects');
  assert.deepEqual(await findLogFiles(belowFile, isLog, true), { files: [], problems: [{ path: belowFile, code: 'ENOTDIR' }], tooDeep: [] });
});
