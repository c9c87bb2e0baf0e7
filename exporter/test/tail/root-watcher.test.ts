// RootWatcher on its own: a root that does not exist yet is neither a warning nor a gap (it is watched once it
// appears), while a folder that cannot be watched marks the watch incomplete, which keeps the backstop rescan frequent.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { RootWatcher } from '../../src/tail/watcher.js';
import { createLogger } from '../../src/util/log.js';

const dir = mkdtempSync(join(tmpdir(), 'agentmon-rootwatch-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function watcherWithLog() {
  const lines: string[] = [];
  const out = new Writable({ write: (chunk: Buffer, _enc, done) => { lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)); done(); } });
  const changed: string[] = [];
  const w = new RootWatcher((path) => changed.push(path), (_agent, path) => path.endsWith('.jsonl'), createLogger('info', out));
  return { w, lines, changed };
}

test('a missing root is not a gap and is watched once it exists', async () => {
  const { w, lines, changed } = watcherWithLog();
  const root = join(dir, 'later', 'projects');
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  assert.equal(w.complete, true);
  assert.deepEqual(lines, []);
  mkdirSync(root, { recursive: true });
  w.ensure([{ agent: 'claude-code', root }]);
  await w.whenReady();
  writeFileSync(join(root, 'a.jsonl'), '{}\n');
  const deadline = Date.now() + 5000;
  while (!changed.includes(join(root, 'a.jsonl')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(changed.includes(join(root, 'a.jsonl')), `notified of ${JSON.stringify(changed)}`);
  assert.equal(w.complete, true);
  await w.close();
});

test('a folder that cannot be watched makes the watch incomplete and is warned about once', async () => {
  const { w, lines } = watcherWithLog();
  const file = join(dir, 'plain-file');
  writeFileSync(file, 'x');
  const ok = join(dir, 'ok');
  mkdirSync(ok);
  w.ensure([{ agent: 'claude-code', root: ok }, { agent: 'codex', root: join(file, 'sessions') }, { agent: 'gemini', root: join(file, 'tmp') }]);
  await w.whenReady();
  assert.equal(w.complete, false);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, /cannot watch a folder/);
  assert.match(lines[0]!, /"code":"ENOTDIR"/);
  await w.close();
});

test('a root created after start (parents and all) is watched and its files visited without another ensure()', async () => {
  const { w, changed } = watcherWithLog();
  const root = join(dir, 'created', 'later', 'projects');
  const other = join(dir, 'created', 'elsewhere', 'sessions');
  w.ensure([{ agent: 'claude-code', root }, { agent: 'codex', root: other }]);
  await w.whenReady();
  // Written in one go, before any watch on the new folders can exist: the file must still be visited.
  mkdirSync(join(root, 'proj'), { recursive: true });
  writeFileSync(join(root, 'proj', 'a.jsonl'), '{}\n');
  const deadline = Date.now() + 10_000;
  while (!changed.includes(join(root, 'proj', 'a.jsonl')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(changed.includes(join(root, 'proj', 'a.jsonl')), `notified of ${JSON.stringify(changed)}`);
  // Once watched, later files arrive by notification as in any root.
  writeFileSync(join(root, 'proj', 'b.jsonl'), '{}\n');
  while (!changed.includes(join(root, 'proj', 'b.jsonl')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(changed.includes(join(root, 'proj', 'b.jsonl')), `notified of ${JSON.stringify(changed)}`);
  // The other root is still awaited, and found too.
  mkdirSync(other, { recursive: true });
  writeFileSync(join(other, 'c.jsonl'), '{}\n');
  while (!changed.includes(join(other, 'c.jsonl')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(changed.includes(join(other, 'c.jsonl')), `notified of ${JSON.stringify(changed)}`);
  await w.close();
});
