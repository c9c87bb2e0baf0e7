// The checkpoint is written as pieces (Engine.serialize): joined, they must be exactly the snapshot.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCheckpoint, writeCheckpoint } from '../../src/state/checkpoint.js';
import { scanScenario } from '../fixtures/harness.js';

const withoutTime = (c: Record<string, unknown>): Record<string, unknown> => ({ ...c, savedAtMs: 0 });

test('serialize() joined parses to snapshot(), parts included (a part returning undefined is left out)', async () => {
  const { engine } = await scanScenario('resume');
  engine.addSnapshotPart('numbers', () => ({ a: [1, 2, 3], text: 'quote " and \\ backslash' }));
  engine.addSnapshotPart('absent', () => undefined);
  engine.addSnapshotPart('list', () => ['x', null]);
  const pieces = engine.serialize();
  assert.ok(pieces.length > 4, 'written in pieces');
  const parsed = JSON.parse(pieces.join('')) as Record<string, unknown>;
  const expected = JSON.parse(JSON.stringify(engine.snapshot())) as Record<string, unknown>;
  assert.deepEqual(withoutTime(parsed), withoutTime(expected));
  assert.deepEqual(Object.keys(parsed.parts as object), ['numbers', 'list']);
  assert.ok((parsed.files as unknown[]).length > 0 && typeof parsed.savedAtMs === 'number');
});

test('a checkpoint written from pieces reads back whole', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-serialize-'));
  try {
    const { engine } = await scanScenario('stream');
    const path = join(dir, 'checkpoint.json');
    await writeCheckpoint(path, engine.serialize());
    // Only the checkpoint: no temp file left, and none of the test-only pause's marker (never set in use).
    assert.deepEqual(readdirSync(dir), ['checkpoint.json']);
    const back = await readCheckpoint(path);
    assert.ok(back);
    assert.deepEqual(withoutTime(back as unknown as Record<string, unknown>), withoutTime(JSON.parse(JSON.stringify(engine.snapshot())) as Record<string, unknown>));
    assert.equal(readFileSync(path, 'utf8'), engine.serialize().join('').replace(/"savedAtMs":\d+/, `"savedAtMs":${back.savedAtMs}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
