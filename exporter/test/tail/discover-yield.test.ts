// How findLogFiles shares the event loop: the walk for `serve` (sync = false) gives other work a turn every 16
// folders, so that a rescan of thousands of folders never holds up a scrape for long; the one-shot commands
// (sync = true) walk straight through. Both find the same files (discover.test.ts).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { findLogFiles } from '../../src/tail/discover.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-discover-yield-'));
after(() => rmSync(root, { recursive: true, force: true }));
for (let i = 0; i < 40; i++) {
  mkdirSync(join(root, `p${String(i).padStart(2, '0')}`));
  writeFileSync(join(root, `p${String(i).padStart(2, '0')}`, 'a.jsonl'), 'x\n');
}

/** Walks the 41 folders and counts the turns of the event loop that other work got meanwhile. */
async function turnsDuring(sync: boolean): Promise<{ turns: number; files: number }> {
  let turns = 0;
  let done = false;
  const tick = (): void => {
    if (done) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  const r = await findLogFiles(root, (p) => p.endsWith('.jsonl'), sync);
  done = true;
  return { turns, files: r.files.length };
}

test('the walk for serve yields about every 16 folders; a synchronous walk never', async () => {
  const yielding = await turnsDuring(false);
  assert.equal(yielding.files, 40);
  // 41 folders: turns after the 16th and the 32nd (the timer of the count may add one).
  assert.ok(yielding.turns >= 2 && yielding.turns <= 3, `turns during the yielding walk: ${yielding.turns}`);
  const straight = await turnsDuring(true);
  assert.deepEqual(straight, { turns: 0, files: 40 });
});
