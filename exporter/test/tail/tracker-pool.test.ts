// The tracker taking a file's read from a real parse worker (one worker thread, parse-pool.ts), in the test process:
// what reaches the sink is what parsing each line here would have given — the same outcomes in line order, the same
// adapter state and offset at the end, every byte counted once — and growth after the worker's read is read here.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { adapterFor } from '../../src/adapters/index.js';
import type { FileState, ParseOutcome } from '../../src/adapters/types.js';
import { ParsePool } from '../../src/tail/parse-pool.js';
import { FileTracker } from '../../src/tail/tracker.js';
import { codexHeader, codexTokenCount } from '../helpers/lines.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-tracker-pool-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a worker\'s read applied by the tracker gives what parsing each line here gives', { timeout: 20_000 }, async () => {
  const p = join(root, 'rollout.jsonl');
  const text = [
    codexHeader({ ts: '2026-03-01T10:00:00.000Z', id: 'sess-pool' }),
    codexTokenCount({ ts: '2026-03-01T10:00:05.000Z', input: 1000, cached: 200, output: 50 }),
    `{"payload":"${'x'.repeat(500)}"}`, // longer than the cap: counted, not parsed
    codexTokenCount({ ts: '2026-03-01T10:01:05.000Z', input: 1800, cached: 900, output: 90 }),
    'not json',
  ].join('\n') + '\n';
  writeFileSync(p, text);
  const opts = { usageOnly: false, maxLineBytes: 400, chunkBytes: 4096, shrinkAboveBytes: 0 };
  // What reading the file here gives: each line parsed in order with one file state.
  const expected: (ParseOutcome | 'tooLong')[] = [];
  const ctx = { state: {} as FileState, path: p, usageOnly: false };
  for (const line of text.split('\n').slice(0, -1)) expected.push(Buffer.byteLength(line) > opts.maxLineBytes ? 'tooLong' : adapterFor('codex').parse(line, ctx));

  const got: (ParseOutcome | 'tooLong')[] = [];
  const lines: string[] = [];
  let consumed = 0;
  const tracker = new FileTracker({ maxLineBytes: opts.maxLineBytes, chunkBytes: opts.chunkBytes, maxOpenFiles: 4 }, {
    line: (_f, t) => void lines.push(t),
    parsed: (_f, o) => void got.push(o),
    tooLong: () => void got.push('tooLong'),
    consumed: (_f, b) => void (consumed += b),
    fileEvent: () => undefined,
  });
  const pool = new ParsePool([{ path: p, agent: 'codex' }], 1, { ...opts, steal: false });
  let taken = 0;
  tracker.prepared = (path, agent) => {
    const prep = pool.take(path, agent);
    if (prep) taken++;
    return prep;
  };
  try {
    await tracker.visit(p, 'codex');
  } finally {
    tracker.prepared = undefined;
    await pool.close();
  }
  assert.equal(taken, 1, 'the file came from the worker');
  // Outcomes as JSON: a batch crosses from the worker as JSON text (undefined fields are not carried).
  assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(expected)));
  assert.deepEqual(lines, []);
  assert.equal(consumed, Buffer.byteLength(text));
  const [snap] = tracker.snapshot();
  assert.deepEqual([snap!.offset, snap!.state], [statSync(p).size, ctx.state]);
  appendFileSync(p, 'after\n');
  await tracker.visit(p, 'codex');
  assert.deepEqual(lines, ['after']);
  await tracker.closeAll();
});
