// `agentmon scan --json` from the built CLI over fixtures/days: the exact shape scripts depend on, UTC day
// boundaries whatever the machine's zone, and --since/--until.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../cli/run-cli.js';
import { agentmon, ensureBuilt } from '../fixtures/cli.js';
import { FIXTURES } from '../fixtures/harness.js';

const DIRS = ['--claude-dir', join(FIXTURES, 'days', 'claude'), '--codex-dir', join(FIXTURES, 'days', 'codex')];
const scan = async (...extra: string[]) => JSON.parse(await agentmon(['scan', '--json', ...DIRS, ...extra])) as { daily: Record<string, unknown>[]; totals: Record<string, unknown> };

const ROW_KEYS = ['date', 'agent', 'model', 'inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'costUsd', 'requests', 'unpricedRequests'];
const TOTAL_KEYS = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'costUsd', 'requests', 'unpricedRequests'];

// 23:59:59Z: 2 input, 11 output, 100 + 50 cache writes → 6,000 + 165,000 + 375,000 + 300,000 nano-dollars.
const LATE = { date: '2026-03-09', agent: 'claude-code', model: 'claude-sonnet-4-5-20250929', inputTokens: 2, outputTokens: 11, cacheCreationTokens: 150, cacheReadTokens: 0, costUsd: 0.000846, requests: 1, unpricedRequests: 0 };
// 00:00:01Z the next day: 3 input, 13 output → 9,000 + 195,000.
const EARLY = { date: '2026-03-10', agent: 'claude-code', model: 'claude-sonnet-4-5-20250929', inputTokens: 3, outputTokens: 13, cacheCreationTokens: 0, cacheReadTokens: 0, costUsd: 0.000204, requests: 1, unpricedRequests: 0 };
// Codex: 2,000 input of which 500 cached, 40 output → 1,875,000 + 62,500 + 400,000.
const CODEX = { date: '2026-03-11', agent: 'codex', model: 'gpt-5-codex', inputTokens: 1500, outputTokens: 40, cacheCreationTokens: 0, cacheReadTokens: 500, costUsd: 0.0023375, requests: 1, unpricedRequests: 0 };

describe('scan --json (fixtures/days)', () => {
  before(() => ensureBuilt());

  it('prints daily rows and totals with exactly these keys, in this order', async () => {
    const out = await scan();
    assert.deepEqual(Object.keys(out), ['daily', 'totals']);
    for (const row of out.daily) assert.deepEqual(Object.keys(row), ROW_KEYS);
    assert.deepEqual(Object.keys(out.totals), TOTAL_KEYS);
  });

  it('puts 23:59:59Z and 00:00:01Z on different UTC days and totals every row', async () => {
    const out = await scan();
    assert.deepEqual(out.daily, [LATE, EARLY, CODEX]);
    assert.deepEqual(out.totals, { inputTokens: 1505, outputTokens: 64, cacheCreationTokens: 150, cacheReadTokens: 500, costUsd: 0.0033875, requests: 3, unpricedRequests: 0 });
  });

  it('uses UTC days whatever the machine’s time zone', async () => {
    const out = JSON.parse(await agentmon(['scan', '--json', ...DIRS], { TZ: 'Pacific/Kiritimati' })) as { daily: { date: string }[] };
    assert.deepEqual(out.daily.map((r) => r.date), ['2026-03-09', '2026-03-10', '2026-03-11']);
  });

  it('gives the same with a parse worker (AGENTMON_SCAN_WORKERS=1)', async () => {
    // That the bundled CLI finds the worker's entry point is test/cli/bundle.test.ts's: on logs this small the main
    // thread may read every file before a worker that could not start reports it.
    const r = await runCli(['scan', '--json', ...DIRS], { env: { AGENTMON_SCAN_WORKERS: '1' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual((JSON.parse(r.stdout) as { daily: unknown[] }).daily, [LATE, EARLY, CODEX]);
  });

  it('filters whole UTC days with --since and --until (inclusive) and totals only what is shown', async () => {
    const since = await scan('--since', '2026-03-10');
    assert.deepEqual(since.daily, [EARLY, CODEX]);
    assert.deepEqual(since.totals, { inputTokens: 1503, outputTokens: 53, cacheCreationTokens: 0, cacheReadTokens: 500, costUsd: 0.0025415, requests: 2, unpricedRequests: 0 });
    assert.deepEqual((await scan('--until', '2026-03-09')).daily, [LATE]);
    const one = await scan('--since', '2026-03-10', '--until', '2026-03-10');
    assert.deepEqual([one.daily, one.totals.requests], [[EARLY], 1]);
    const none = await scan('--since', '2026-04-01');
    assert.deepEqual(none, { daily: [], totals: { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, costUsd: 0, requests: 0, unpricedRequests: 0 } });
  });
});
