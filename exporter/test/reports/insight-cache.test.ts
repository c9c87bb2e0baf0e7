// The cache-efficiency insight whole, from hour rollups and a price table written here (so every dollar is worked
// out by hand): m-a input $3 / cache read $0.30 per million tokens (a 2,700 nano-dollar discount per cached token),
// m-b $1 / $0.10 (900). Reaching the target would move min(uncached input, target × prompt − cache read) more tokens
// to the cache; the sentence names exactly the models the table lists; models with too few requests, and unpriced
// ones, are counted in the ratio but not judged.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RollupRow } from '../../src/accounting/rollups.js';
import { PriceTable } from '../../src/pricing/pricing.js';
import type { Insight } from '../../src/reports/document.js';
import { cacheEfficiency } from '../../src/reports/insights/cache.js';
import { insightsSpec, weekBContext } from './sources.js';

const PRICES = new PriceTable({
  'm-a': { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6 },
  'm-b': { input: 1, output: 5, cacheRead: 0.1 },
  'm-c': { input: 1, output: 5, cacheRead: 0.1 },
  'm-d': { input: 1, output: 5, cacheRead: 0.1 },
  // A free model (local, priced 0), and one whose cache reads are free (a 1,000 nano-dollar discount per cached token).
  'm-free': { input: 0, output: 0, cacheRead: 0 },
  'm-z': { input: 1, output: 5, cacheRead: 0 },
});
const HOUR = Date.parse('2026-03-10T10:00:00Z') / 1000;

interface Use { model: string; requests: number; input: number; cacheRead?: number; cacheWrite?: number; cacheWrite1h?: number; cost?: number }

function cache(uses: Use[], extra: Record<string, unknown> = {}): Insight {
  const rows: RollupRow[] = uses.map((u) => ({
    hourStartSec: HOUR, agent: 'claude-code', project: 'shop', model: u.model, inputTokens: u.input, outputTokens: 0, cacheReadTokens: u.cacheRead ?? 0,
    cacheWrite5mTokens: u.cacheWrite ?? 0, cacheWrite1hTokens: u.cacheWrite1h ?? 0, costNano: u.cost ?? (PRICES.has(u.model) ? 1 : 0), requests: u.requests,
  }));
  const src = { rollups: () => rows, sessions: () => [], activity: undefined, prices: PRICES };
  return cacheEfficiency(weekBContext(src, insightsSpec({ targetCacheHitRatio: 0.9, minSamples: { requests: 20 }, ...extra })));
}

const SUGGESTION = 'Keep the start of the context stable (system prompt, CLAUDE.md/AGENTS.md, early files) and continue sessions instead of restarting them, so the cached prefix is reused.';
const ASSUMPTION = 'Reaching the target would serve that much more of the prompt from the cache at the cache-read price instead of the input price; the cache writes this takes are not counted, so it is an upper bound.';
const COLUMNS = [
  { key: 'model', label: 'Model', unit: 'text' },
  { key: 'requests', label: 'Requests', unit: 'count' },
  { key: 'hitRatio', label: 'Hit ratio', unit: 'ratio' },
  { key: 'uncachedInputTokens', label: 'Uncached input', unit: 'tokens' },
  { key: 'savingUsd', label: 'Saving (USD)', unit: 'usd' },
];

describe('cache efficiency', () => {
  it('below the target: the saving of reaching it per model, what the cache already saved, who was not judged', () => {
    const got = cache([
      // 1,000,000 prompt tokens, 40 % cached: 500,000 more to reach 90 %, × 2,700 = $1.35; already saved 400,000 × 2,700.
      { model: 'm-a', requests: 30, input: 600_000, cacheRead: 400_000 },
      // exactly at the target: judged, nothing to gain; already saved 900,000 × 900.
      { model: 'm-b', requests: 25, input: 100_000, cacheRead: 900_000 },
      // too few requests to judge
      { model: 'm-c', requests: 5, input: 10_000 },
      // no price: in the ratio only
      { model: 'mystery', requests: 40, input: 50_000 },
    ]);
    const want: Insight = {
      id: 'cacheEfficiency',
      title: 'Cache efficiency',
      level: 'warn',
      summary: '63.1% of prompt tokens were read from the cache (target 90%); on priced models, reading them from the cache cost $1.89 less than sending them uncached. Below the target: m-a. 1 model with fewer than 20 requests is not judged.',
      suggestion: SUGGESTION,
      savingUsd: 1.35,
      assumption: ASSUMPTION,
      numbers: { hitRatio: 1_300_000 / 2_060_000, targetHitRatio: 0.9, promptTokens: 2_060_000, cacheReadTokens: 1_300_000, savedUsd: 1.89, savingUsd: 1.35, modelsJudged: 2 },
      rows: [{ model: 'm-a', requests: 30, hitRatio: 0.4, uncachedInputTokens: 600_000, savingUsd: 1.35 }],
      columns: COLUMNS as Insight['columns'],
    };
    assert.deepEqual(got, want);
  });

  it('the extra cached tokens never exceed the uncached input; cache writes count in the prompt', () => {
    // prompt 100,000 input + 900,000 writes: 90 % of it is 900,000, but only the 100,000 uncached input can move.
    const got = cache([{ model: 'm-a', requests: 20, input: 100_000, cacheWrite: 900_000 }]);
    assert.equal(got.numbers.promptTokens, 1_000_000);
    assert.equal(got.savingUsd, 0.27);
    assert.deepEqual(got.rows, [{ model: 'm-a', requests: 20, hitRatio: 0, uncachedInputTokens: 100_000, savingUsd: 0.27 }]);
  });

  it('names the models below the target as the table lists them: by saving, then name; "and N more" past the limit', () => {
    const three = [
      { model: 'm-d', requests: 20, input: 100_000 },
      { model: 'm-b', requests: 20, input: 100_000 },
      { model: 'm-c', requests: 20, input: 200_000 },
    ];
    const all = cache(three);
    assert.deepEqual(all.rows?.map((r) => r.model), ['m-c', 'm-b', 'm-d']);
    assert.match(all.summary, /Below the target: m-c, m-b and m-d\.$/);
    const cut = cache(three, { limit: 2 });
    assert.deepEqual(cut.rows?.map((r) => r.model), ['m-c', 'm-b']);
    assert.match(cut.summary, /Below the target: m-c, m-b and 1 more\.$/);
    const two = cache(three.slice(0, 2));
    assert.match(two.summary, /Below the target: m-b and m-d\.$/);
    assert.match(cache([{ model: 'm-c', requests: 20, input: 10_000 }, { model: 'm-d', requests: 1, input: 1 }, { model: 'm-b', requests: 2, input: 1 }]).summary, /Below the target: m-c\. 2 models with fewer than 20 requests are not judged\.$/);
  });

  it('informs when the whole prompt meets the target though a model lags; good when the saving is under a cent', () => {
    const lagging = cache([{ model: 'm-b', requests: 20, input: 0, cacheRead: 9_000_000 }, { model: 'm-a', requests: 20, input: 100_000 }]);
    assert.ok((lagging.numbers.hitRatio as number) >= 0.9);
    assert.equal(lagging.level, 'info');
    assert.equal(lagging.suggestion, SUGGESTION);
    // 90 % of 4,115 is 3,703 tokens (rounded down) × 2,700 = 9,998,100 nano: just under a cent.
    const small = cache([{ model: 'm-a', requests: 20, input: 4_115 }]);
    assert.equal(small.savingUsd, 0.0099981);
    assert.equal(small.level, 'good');
    assert.equal(small.suggestion, undefined);
    assert.equal(cache([{ model: 'm-a', requests: 20, input: 4_116 }]).level, 'warn', '3,704 × 2,700 is a cent and more');
  });

  it('at the target with nothing to gain: good, no rows, no saving', () => {
    const got = cache([{ model: 'm-a', requests: 20, input: 100_000, cacheRead: 900_000 }]);
    assert.deepEqual([got.level, got.rows, got.savingUsd, got.assumption, got.suggestion], ['good', [], undefined, undefined, undefined]);
    assert.equal(got.summary, '90% of prompt tokens were read from the cache (target 90%); on priced models, reading them from the cache cost $2.43 less than sending them uncached.');
  });

  it('skips, saying why: no prompt tokens; no priced model with enough requests', () => {
    const none = cache([]);
    assert.deepEqual([none.level, none.summary, none.skipped], ['good', 'No prompt tokens in this period.', 'no prompt tokens']);
    const few = cache([{ model: 'm-a', requests: 19, input: 1_000 }, { model: 'mystery', requests: 50, input: 1_000 }]);
    assert.deepEqual([few.level, few.summary, few.skipped], ['good', '0% of prompt tokens were read from the cache (target 90%). No priced model had the 20 requests needed to judge its cache use.', 'fewer than 20 requests per priced model']);
    assert.equal(few.numbers.modelsJudged, 0);
    assert.equal(few.rows, undefined);
  });

  it('no prompt tokens: the numbers are all 0 (no ratio of nothing)', () => {
    assert.deepEqual(cache([]).numbers, { hitRatio: 0, targetHitRatio: 0.9, promptTokens: 0, cacheReadTokens: 0, savedUsd: 0, savingUsd: 0, modelsJudged: 0 });
  });

  it('cache writes of both durations count in the prompt', () => {
    // 100,000 input + 400,000 5-minute + 500,000 1-hour writes: the same 1,000,000-token prompt as above, $0.27 to gain.
    const got = cache([{ model: 'm-a', requests: 20, input: 100_000, cacheWrite: 400_000, cacheWrite1h: 500_000 }]);
    assert.equal(got.numbers.promptTokens, 1_000_000);
    assert.equal(got.savingUsd, 0.27);
  });

  it('a model with no prompt tokens is neither judged nor counted among those with too few requests', () => {
    const got = cache([
      { model: 'm-a', requests: 20, input: 100_000, cacheRead: 900_000 },
      { model: 'm-b', requests: 20, input: 0 },
      { model: 'm-c', requests: 5, input: 0 },
    ]);
    assert.equal(got.numbers.modelsJudged, 1);
    assert.equal(got.summary, '90% of prompt tokens were read from the cache (target 90%); on priced models, reading them from the cache cost $2.43 less than sending them uncached.');
  });

  it('a free model is judged, with nothing to gain: no row, good', () => {
    // 1,000 input tokens at $0: 900 more cached tokens would save 900 × 0.
    const got = cache([{ model: 'm-free', requests: 20, input: 1_000 }]);
    assert.deepEqual([got.level, got.rows, got.savingUsd, got.numbers.modelsJudged], ['good', [], undefined, 1]);
    assert.equal(got.summary, '0% of prompt tokens were read from the cache (target 90%); on priced models, reading them from the cache cost $0.0000 less than sending them uncached.');
  });

  it('free cache reads are judged; a saving of exactly a cent warns', () => {
    // m-z: 20,000 input + 80,000 cached (80 %); 90 % of 100,000 is 90,000: 10,000 more × 1,000 nano = $0.01.
    const got = cache([{ model: 'm-z', requests: 20, input: 20_000, cacheRead: 80_000 }]);
    assert.deepEqual(got.rows, [{ model: 'm-z', requests: 20, hitRatio: 0.8, uncachedInputTokens: 20_000, savingUsd: 0.01 }]);
    assert.equal(got.savingUsd, 0.01);
    assert.equal(got.level, 'warn');
  });

  it('ties in saving go by model name whatever order the models came in', () => {
    // Came in as m-c, m-b, m-d (neither sorted nor its reverse), each 90,000 tokens × 900 = $0.081 to gain.
    const got = cache([{ model: 'm-c', requests: 20, input: 100_000 }, { model: 'm-b', requests: 20, input: 100_000 }, { model: 'm-d', requests: 20, input: 100_000 }]);
    assert.deepEqual(got.rows?.map((r) => r.model), ['m-b', 'm-c', 'm-d']);
    assert.match(got.summary, /Below the target: m-b, m-c and m-d\.$/);
  });
});
