// The helpers that start real processes must leave nothing running when a test fails: a serve that never became
// ready is killed before startServe throws (a leaked one kept a whole `npm test` from ending).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ensureBuilt, runningChildren, startServe } from './exporter.js';

const dir = mkdtempSync(join(tmpdir(), 'agentmon-helpers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('startServe kills its child when serve is not ready in time, then throws', async () => {
  ensureBuilt();
  mkdirSync(join(dir, 'logs'));
  const before = runningChildren();
  // 1 ms: serve cannot be ready that fast, so this is the timeout path every slow start takes.
  await assert.rejects(startServe(['--claude-dir', join(dir, 'logs'), '--state-dir', join(dir, 'state')], {}, 1), /not ready in/);
  assert.equal(runningChildren(), before, 'no serve process left running');
});

test('startServe reports a serve that exits, and leaves nothing running', async () => {
  ensureBuilt();
  const before = runningChildren();
  await assert.rejects(startServe(['--no-such-flag']), /serve exited 2/);
  assert.equal(runningChildren(), before);
});
