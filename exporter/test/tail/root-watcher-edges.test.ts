// RootWatcher in the test process, with real folders and real fs.watch: which folders hold a watch (one per folder,
// down to MAX_FOLDER_DEPTH levels and no deeper), what is announced (log files, never other files; the files a new
// folder already holds), how a missing root is awaited and found, what a failed or broken watch does to `complete`,
// and that close() leaves no watch behind. fs.watch is wrapped (never replaced) to see which watches are open and to
// inject the failures the kernel gives rarely (ENOSPC: the inotify limit); everything else is the real thing.
import assert from 'node:assert/strict';
import fs, { appendFileSync, chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, afterEach, test } from 'node:test';
import { MAX_FOLDER_DEPTH } from '../../src/tail/discover.js';
import { RootWatcher } from '../../src/tail/watcher.js';
import { createLogger } from '../../src/util/log.js';

const base = mkdtempSync(join(tmpdir(), 'agentmon-rootwatch-edges-'));
after(() => rmSync(base, { recursive: true, force: true }));

// --- fs.watch, wrapped --------------------------------------------------------------------------------------------
interface Opened {
  path: string;
  watcher: fs.FSWatcher;
  closed: boolean;
}
const opened: Opened[] = [];
/** Called with the path before each real watch: may create or remove things (a race), or throw (a failed watch). */
let beforeWatch: ((path: string) => void) | undefined;
const realWatch = fs.watch;
fs.watch = ((path: fs.PathLike, ...rest: unknown[]) => {
  beforeWatch?.(String(path));
  const watcher = (realWatch as (...a: unknown[]) => fs.FSWatcher)(path, ...rest);
  const entry = { path: String(path), watcher, closed: false };
  const close = watcher.close.bind(watcher);
  watcher.close = () => {
    entry.closed = true;
    close();
  };
  opened.push(entry);
  return watcher;
}) as typeof fs.watch;
syncBuiltinESMExports();
after(() => {
  fs.watch = realWatch;
  syncBuiltinESMExports();
});

/** The folders with an open watch, sorted (a folder watched twice is listed twice). */
const live = (): string[] => opened.filter((o) => !o.closed).map((o) => o.path).sort();
const openOn = (path: string): Opened => {
  const o = opened.find((x) => x.path === path && !x.closed);
  assert.ok(o, `a watch is open on ${path}`);
  return o;
};
const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`injected ${code}`), { code });

// --- the watcher under test -----------------------------------------------------------------------------------------
const started: RootWatcher[] = [];
afterEach(async () => {
  beforeWatch = undefined;
  for (const w of started.splice(0)) await w.close();
  for (const o of opened) if (!o.closed) o.watcher.close(); // whatever a failing test left open must not hold the process
  opened.length = 0;
});

function start() {
  const warnings: string[] = [];
  const out = new Writable({ write: (chunk: Buffer, _enc, done) => { warnings.push(...chunk.toString('utf8').split('\n').filter(Boolean)); done(); } });
  const changed: string[] = [];
  const w = new RootWatcher((path) => changed.push(path), (_agent, path) => path.endsWith('.jsonl'), createLogger('info', out));
  started.push(w);
  return { w, changed, warnings };
}

async function until(what: string, ok: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let n = 0;
const fresh = (name: string): string => {
  const d = join(base, `${name}-${++n}`);
  mkdirSync(d, { recursive: true });
  return d;
};

// --- tests ------------------------------------------------------------------------------------------------------------

test(`once ensure() is ready, every folder down to ${MAX_FOLDER_DEPTH} levels below the root holds one watch; deeper ones none`, async () => {
  const root = fresh('depth');
  const chain = [root];
  for (let i = 1; i <= MAX_FOLDER_DEPTH + 1; i++) chain.push(join(chain.at(-1)!, `d${i}`));
  mkdirSync(chain.at(-1)!, { recursive: true });
  mkdirSync(join(root, 'side'));
  const { w } = start();
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  assert.deepEqual(live(), [...chain.slice(0, MAX_FOLDER_DEPTH + 1), join(root, 'side')].sort());
  // The same root again (after a rescan) adds nothing.
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  assert.equal(live().length, MAX_FOLDER_DEPTH + 2);
});

test('a root that contains an already watched one watches each folder once', async () => {
  const outer = fresh('nested');
  const inner = join(outer, 'inner');
  mkdirSync(join(inner, 'deeper'), { recursive: true });
  const { w } = start();
  w.ensure([{ agent: 'claude-code', root: inner }]);
  await w.whenReady();
  w.ensure([{ agent: 'claude-code', root: outer }]);
  await w.whenReady();
  assert.deepEqual(live(), [outer, inner, join(inner, 'deeper')].sort());
});

test('a folder created later is watched and the log files it already holds are announced, other files never', async () => {
  const root = fresh('later');
  const { w, changed } = start();
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  // Written in one go, before any watch on the new folders can exist.
  const project = join(root, 'project');
  mkdirSync(join(project, 'day'), { recursive: true });
  writeFileSync(join(project, 'a.jsonl'), '{}\n');
  writeFileSync(join(project, 'b.jsonl'), '{}\n');
  writeFileSync(join(project, 'notes.txt'), 'x\n');
  writeFileSync(join(project, 'day', 'c.jsonl'), '{}\n');
  const expected = ['a.jsonl', 'b.jsonl', join('day', 'c.jsonl')].map((f) => join(project, f));
  await until('the files of the new folders', () => expected.every((p) => changed.includes(p)));
  await until('watches on the new folders', () => live().includes(join(project, 'day')));
  assert.deepEqual(live(), [root, project, join(project, 'day')].sort());
  // Later writes arrive by notification, each time the file changes.
  const seen = changed.filter((p) => p === expected[0]).length;
  appendFileSync(expected[0]!, '{}\n');
  await until('a second announcement of a.jsonl', () => changed.filter((p) => p === expected[0]).length > seen);
  writeFileSync(join(project, 'day', 'more.txt'), 'x\n');
  writeFileSync(join(project, 'day', 'd.jsonl'), '{}\n');
  writeFileSync(join(root, 'top.txt'), 'x\n');
  writeFileSync(join(root, 'top.jsonl'), '{}\n');
  await until('the new log files', () => changed.includes(join(project, 'day', 'd.jsonl')) && changed.includes(join(root, 'top.jsonl')));
  assert.deepEqual(changed.filter((p) => !p.endsWith('.jsonl')), [], 'only log files are announced');
});

test('a root created directly in an existing folder is watched, its files visited, and the wait for it ends', async () => {
  const parent = fresh('direct');
  const root = join(parent, 'root');
  const { w, changed } = start();
  w.ensure([{ agent: 'codex', root }]);
  await w.whenReady();
  assert.deepEqual(live(), [parent], 'the parent is watched for the root to appear');
  mkdirSync(root);
  writeFileSync(join(root, 'a.jsonl'), '{}\n');
  await until('the file in the new root', () => changed.includes(join(root, 'a.jsonl')));
  assert.deepEqual(live(), [root], 'the root is watched; its parent no longer');
  writeFileSync(join(root, 'b.jsonl'), '{}\n');
  await until('a file written after', () => changed.includes(join(root, 'b.jsonl')));
});

test('roots awaited in the same folder: each is found when it appears, also one awaited after the others were found', async () => {
  const parent = fresh('siblings');
  const [r1, r2, r3] = ['one', 'two', 'three'].map((s) => join(parent, s)) as [string, string, string];
  const { w, changed } = start();
  w.ensure([{ agent: 'claude-code', root: r1 }, { agent: 'codex', root: r2 }]);
  await w.whenReady();
  mkdirSync(r1);
  writeFileSync(join(r1, 'a.jsonl'), '{}\n');
  await until('the first root', () => changed.includes(join(r1, 'a.jsonl')));
  assert.deepEqual(live(), [parent, r1].sort(), 'the parent is still watched for the second root');
  mkdirSync(r2);
  writeFileSync(join(r2, 'b.jsonl'), '{}\n');
  await until('the second root', () => changed.includes(join(r2, 'b.jsonl')));
  assert.deepEqual(live(), [r1, r2].sort(), 'nothing is awaited any more');
  w.ensure([{ agent: 'gemini', root: r3 }]);
  await w.whenReady();
  assert.deepEqual(live(), [parent, r1, r2].sort());
  mkdirSync(r3);
  writeFileSync(join(r3, 'c.jsonl'), '{}\n');
  await until('a root awaited afresh', () => changed.includes(join(r3, 'c.jsonl')));
  assert.deepEqual(live(), [r1, r2, r3].sort());
});

test('a root that appears between the check for it and the watch on its parent is not missed', async () => {
  const parent = fresh('race');
  const root = join(parent, 'x', 'root');
  beforeWatch = (path) => {
    if (path !== parent) return;
    beforeWatch = undefined;
    // Too early for the watch to see: only the look after it can find these.
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'a.jsonl'), '{}\n');
  };
  const { w, changed } = start();
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  await until('the file in the root', () => changed.includes(join(root, 'a.jsonl')));
  assert.deepEqual(live(), [root]);
});

test('close() releases every watch, awaited parents too; ensure() after it watches nothing and nothing is announced', async () => {
  const root = fresh('close');
  mkdirSync(join(root, 'sub'));
  const missing = join(base, `close-missing-${++n}`, 'root');
  const { w, changed } = start();
  w.ensure([{ agent: 'claude-code', root }, { agent: 'codex', root: missing }]);
  await w.whenReady();
  assert.deepEqual(live(), [base, root, join(root, 'sub')].sort());
  // Each watch keeps the process alive (a serve with nothing else to wait on still tails).
  assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap').length, 3);
  await w.close();
  assert.deepEqual(live(), []);
  w.ensure([{ agent: 'claude-code', root }, { agent: 'codex', root: missing }]);
  await w.whenReady();
  assert.deepEqual(live(), [], 'ensure() after close() watches nothing');
  // Nothing arrives after close: a second watcher on the same folder sees the writes (in order), the first nothing.
  const marker = start();
  marker.w.ensure([{ agent: 'claude-code', root }]);
  await marker.w.whenReady();
  writeFileSync(join(root, 'sub', 'a.jsonl'), '{}\n');
  writeFileSync(join(root, 'b.jsonl'), '{}\n');
  await until('the second watcher', () => marker.changed.includes(join(root, 'b.jsonl')) && marker.changed.includes(join(root, 'sub', 'a.jsonl')));
  assert.deepEqual(changed, []);
});

test('a folder watch that fails (the inotify limit) marks the watch incomplete once; watched again after ensure()', async () => {
  const root = fresh('broken');
  mkdirSync(join(root, 'sub'));
  const { w, changed, warnings } = start();
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  assert.equal(w.complete, true);
  // A folder that goes away: not a failure.
  openOn(join(root, 'sub')).watcher.emit('error', errno('ENOENT'));
  assert.deepEqual(live(), [root]);
  assert.equal(w.complete, true);
  assert.deepEqual(warnings, []);
  // Anything else: the folder is left to the rescan, which then runs often; warned about once.
  openOn(root).watcher.emit('error', errno('ENOSPC'));
  assert.deepEqual(live(), []);
  assert.equal(w.complete, false);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /cannot watch a folder/);
  assert.match(warnings[0]!, /"code":"ENOSPC"/);
  // The next ensure() (after a rescan) watches the root again, and it is complete again.
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  assert.deepEqual(live(), [root, join(root, 'sub')].sort());
  assert.equal(w.complete, true);
  writeFileSync(join(root, 'a.jsonl'), '{}\n');
  await until('a write in the watched-again root', () => changed.includes(join(root, 'a.jsonl')));
});

test('a watch that cannot start: a folder just removed is no failure, anything else leaves the watch incomplete', async () => {
  const root = fresh('nostart');
  mkdirSync(join(root, 'gone'));
  mkdirSync(join(root, 'limit'));
  beforeWatch = (path) => {
    if (path === join(root, 'gone')) rmSync(path, { recursive: true }); // removed between the listing and the watch
  };
  const first = start();
  first.w.ensure([{ agent: 'claude-code', root }]);
  await first.w.whenReady();
  assert.deepEqual(live(), [root, join(root, 'limit')].sort());
  assert.equal(first.w.complete, true);
  assert.deepEqual(first.warnings, []);
  await first.w.close();
  beforeWatch = (path) => {
    if (path === join(root, 'limit')) throw errno('ENOSPC');
  };
  const second = start();
  second.w.ensure([{ agent: 'claude-code', root }]);
  await second.w.whenReady();
  assert.deepEqual(live(), [root]);
  assert.equal(second.w.complete, false);
  assert.equal(second.warnings.length, 1);
});

test('a parent that cannot be watched for a missing root is no error; the root is watched by a later ensure()', async () => {
  const parent = fresh('noparent');
  const root = join(parent, 'root');
  beforeWatch = (path) => {
    if (path === parent) throw errno('EACCES');
  };
  const { w, changed } = start();
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  assert.deepEqual(live(), []);
  beforeWatch = undefined;
  mkdirSync(root);
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  assert.deepEqual(live(), [root]);
  writeFileSync(join(root, 'a.jsonl'), '{}\n');
  await until('a write in the root', () => changed.includes(join(root, 'a.jsonl')));
});

test('when the watch on an awaited parent breaks, it is opened again and the root still found', async () => {
  const parent = fresh('reawait');
  const root = join(parent, 'root');
  const { w, changed } = start();
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  const before = openOn(parent);
  before.watcher.emit('error', errno('EIO'));
  assert.equal(before.closed, true, 'the broken watch is closed');
  assert.deepEqual(live(), [parent], 'and a new one opened');
  mkdirSync(root);
  writeFileSync(join(root, 'a.jsonl'), '{}\n');
  await until('the root', () => changed.includes(join(root, 'a.jsonl')));
  assert.deepEqual(live(), [root]);
});

test('a removed folder loses its watch; created again, it is watched again', async () => {
  const root = fresh('removed');
  const sub = join(root, 'sub');
  mkdirSync(join(sub, 'inner'), { recursive: true });
  const { w, changed } = start();
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  assert.deepEqual(live(), [root, sub, join(sub, 'inner')].sort());
  rmSync(sub, { recursive: true });
  await until('the watches below the removed folder to be closed', () => live().length === 1);
  assert.deepEqual(live(), [root]);
  mkdirSync(sub);
  await until('a watch on the folder created again', () => live().includes(sub));
  writeFileSync(join(sub, 'a.jsonl'), '{}\n');
  await until('a write in it', () => changed.includes(join(sub, 'a.jsonl')));
  // A root removed and created again is watched again by the next ensure() (after a rescan).
  rmSync(root, { recursive: true });
  await until('no watch left', () => live().length === 0);
  mkdirSync(root);
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  assert.deepEqual(live(), [root]);
  writeFileSync(join(root, 'b.jsonl'), '{}\n');
  await until('a write in the root created again', () => changed.includes(join(root, 'b.jsonl')));
});

test('a folder moved away and replaced by a new one of the same name: both are watched, and the files of the new one visited', async () => {
  const root = fresh('replaced');
  const sub = join(root, 'sub');
  mkdirSync(join(sub, 'inner'), { recursive: true });
  const { w, changed } = start();
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  const old = openOn(sub);
  renameSync(sub, join(root, 'moved'));
  mkdirSync(sub);
  writeFileSync(join(sub, 'a.jsonl'), '{}\n');
  await until('the file in the new folder', () => changed.includes(join(sub, 'a.jsonl')));
  await until('the watches to follow', () => live().includes(join(root, 'moved', 'inner')) && !live().includes(join(sub, 'inner')));
  assert.equal(old.closed, true, 'the watch on the folder moved away is closed');
  assert.deepEqual(live(), [root, sub, join(root, 'moved'), join(root, 'moved', 'inner')].sort());
  writeFileSync(join(sub, 'b.jsonl'), '{}\n');
  await until('a later write in the new folder', () => changed.includes(join(sub, 'b.jsonl')));
  // The same for the root itself, which has no watched parent: no ensure() needed.
  renameSync(root, `${root}-moved`);
  mkdirSync(root);
  writeFileSync(join(root, 'c.jsonl'), '{}\n');
  await until('the file in the new root', () => changed.includes(join(root, 'c.jsonl')));
  assert.deepEqual(live(), [root]);
});

test('a change to a watched folder itself (its mode) keeps its watch and announces nothing', async () => {
  const root = fresh('chmod');
  const sub = join(root, 'sub');
  mkdirSync(sub);
  writeFileSync(join(sub, 'old.jsonl'), '{}\n');
  const { w, changed } = start();
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  const held = openOn(sub);
  const since = changed.length;
  chmodSync(sub, 0o700);
  writeFileSync(join(sub, 'sub'), 'a file named like its folder\n');
  writeFileSync(join(sub, 'marker.jsonl'), '{}\n'); // reported after the mode change, on the same watch
  await until('the marker', () => changed.includes(join(sub, 'marker.jsonl')));
  assert.equal(held.closed, false);
  assert.deepEqual(live(), [root, sub].sort());
  assert.deepEqual([...new Set(changed.slice(since))], [join(sub, 'marker.jsonl')], 'the files already there are not announced again');
});
