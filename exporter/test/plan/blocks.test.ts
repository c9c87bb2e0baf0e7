// Claude Code's 5-hour windows: rebuilt from the hourly rollups as `ccusage blocks` does (start at the hour of the
// first request after the last window ended, 5 hours long), exact to the token and nano-dollar, and printed by
// `agentmon scan --blocks` as a table and as JSON that sums to the same totals as `scan --json`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { RollupRow } from '../../src/accounting/rollups.js';
import { fiveHourWindows, isActiveWindow } from '../../src/plan/blocks.js';
import { runCli } from '../cli/run-cli.js';
import { FIXTURES } from '../fixtures/harness.js';
import { ensureBuilt } from '../helpers/exporter.js';

const H = 3600;
const T = Date.parse('2026-04-01T00:00:00Z') / 1000;
const row = (hour: number, o: Partial<RollupRow> = {}): RollupRow => ({
  hourStartSec: T + hour * H, agent: 'claude-code', project: 'shop', model: 'claude-sonnet-4-5-20250929',
  inputTokens: 10, outputTokens: 1, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0, costNano: 1000, requests: 1, ...o,
});
const spans = (rows: RollupRow[]) => fiveHourWindows(rows).map((w) => [(w.startSec - T) / H, (w.endSec - T) / H, w.requests]);

describe('fiveHourWindows', () => {
  it('starts a window at the first active hour and keeps every hour before start + 5 h in it', () => {
    // Hours 9 and 13 (start + 4 h) share a window; hour 14 (start + 5 h) opens the next one.
    assert.deepEqual(spans([row(13), row(9), row(14), row(18)]), [[9, 14, 2], [14, 19, 2]]);
  });

  it('starts a new window after a gap, at the hour of the first request after it', () => {
    assert.deepEqual(spans([row(1), row(30), row(31)]), [[1, 6, 1], [30, 35, 2]]);
  });

  it('sums every project and model of the agent, and leaves other agents and empty rows out', () => {
    const [w, ...rest] = fiveHourWindows([
      row(9, { project: 'api', model: 'claude-opus-4-6', costNano: 7 }),
      row(10, { cacheWrite1hTokens: 4, cacheReadTokens: 5, requests: 0, costNano: 3 }), // growth of a streamed response
      row(9, { agent: 'codex', model: 'gpt-5-codex' }),
      row(2, { inputTokens: 0, outputTokens: 0, requests: 0, costNano: 0 }),
    ]);
    assert.equal(rest.length, 0);
    assert.deepEqual({ ...w }, {
      agent: 'claude-code', startSec: T + 9 * H, endSec: T + 14 * H, lastActiveHourSec: T + 10 * H,
      inputTokens: 20, outputTokens: 2, cacheWrite5mTokens: 0, cacheWrite1hTokens: 4, cacheReadTokens: 5, costNano: 10, requests: 1,
      models: ['claude-opus-4-6', 'claude-sonnet-4-5-20250929'],
    });
    assert.deepEqual(fiveHourWindows([row(9, { agent: 'codex' })]), []);
  });

  it('is active from its start until just before its end', () => {
    const [w] = fiveHourWindows([row(9)]);
    assert.deepEqual([T + 9 * H - 1, T + 9 * H, T + 14 * H - 1, T + 14 * H].map((s) => isActiveWindow(w!, s * 1000)), [false, true, true, false]);
  });
});

describe('agentmon scan --blocks (fixtures/blocks)', () => {
  const dirs = ['--claude-dir', join(FIXTURES, 'blocks')];
  before(() => ensureBuilt());

  it('prints each window with its requests, tokens and cost as JSON, summing to scan\'s totals', async () => {
    const r = await runCli(['scan', '--blocks', '--json', ...dirs]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { blocks: Record<string, unknown>[]; totals: Record<string, number> };
    const model = ['claude-sonnet-4-5-20250929'];
    // 09:10 and 13:59:59 share 09:00-14:00; 14:00:00 opens 14:00-19:00, where the response streamed from 18:59 to
    // 19:05 stays whole (its growth belongs to the hour it was first counted in); 02:30 the next day opens a third.
    // Sonnet 4.5 at $3 / $15 per million input / output tokens.
    assert.deepEqual(out.blocks, [
      { agent: 'claude-code', start: '2026-04-01T09:00:00.000Z', end: '2026-04-01T14:00:00.000Z', active: false, inputTokens: 300, outputTokens: 150, cacheCreationTokens: 0, cacheReadTokens: 0, totalTokens: 450, costUsd: 0.00315, requests: 2, models: model },
      { agent: 'claude-code', start: '2026-04-01T14:00:00.000Z', end: '2026-04-01T19:00:00.000Z', active: false, inputTokens: 700, outputTokens: 260, cacheCreationTokens: 0, cacheReadTokens: 0, totalTokens: 960, costUsd: 0.006, requests: 2, models: model },
      { agent: 'claude-code', start: '2026-04-02T02:00:00.000Z', end: '2026-04-02T07:00:00.000Z', active: false, inputTokens: 500, outputTokens: 20, cacheCreationTokens: 0, cacheReadTokens: 0, totalTokens: 520, costUsd: 0.0018, requests: 1, models: model },
    ]);
    const scan = JSON.parse((await runCli(['scan', '--json', ...dirs])).stdout) as { totals: Record<string, number> };
    for (const k of ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'costUsd', 'requests']) assert.equal(out.totals[k], scan.totals[k], k);
    assert.equal(out.totals.costUsd, 0.01095);
  });

  it('prints a table, and honours --since/--until on the window\'s start day', async () => {
    const r = await runCli(['scan', '--blocks', ...dirs]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^Window start \(UTC\)\s+End\s+Requests\s+Input\s+Output\s+Cache write\s+Cache read\s+Total tokens\s+Cost\s+Models$/);
    assert.match(lines[2]!, /^2026-04-01 09:00\s+14:00\s+2\s+300\s+150\s+0\s+0\s+450\s+\$0\.00\s+claude-sonnet-4-5-20250929$/);
    assert.match(lines.at(-1)!, /^Total\s+3 windows\s+5\s+1,500\s+430\s+0\s+0\s+1,930\s+\$0\.01$/);
    const since = JSON.parse((await runCli(['scan', '--blocks', '--json', '--since', '2026-04-02', ...dirs])).stdout) as { blocks: { start: string }[] };
    assert.deepEqual(since.blocks.map((b) => b.start), ['2026-04-02T02:00:00.000Z']);
    const empty = await runCli(['scan', '--blocks', '--until', '2026-03-31', ...dirs]);
    assert.match(empty.stdout, /^No Claude Code usage found in: /);
  });
});
