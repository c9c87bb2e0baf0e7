// The model right-sizing insight whole, from sessions and prices written here: big-1 costs 10,000 / 50,000
// nano-dollars per input / output token, small-1 a tenth of that; "short" is at most 3 requests and 1,000 output
// tokens; a model needs 2 short sessions to be judged. Each session's cost is what big-1's prices give for its tokens.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionEntry } from '../../src/accounting/ledger.js';
import { PriceTable } from '../../src/pricing/pricing.js';
import type { Insight } from '../../src/reports/document.js';
import { cheaperModelFor, modelRightSizing } from '../../src/reports/insights/right-sizing.js';
import { insightsSpec, weekBContext } from './sources.js';

const PRICES = new PriceTable({
  'big-1': { input: 10, output: 50, cacheRead: 1, cacheWrite5m: 12.5, cacheWrite1h: 20 },
  'big-2': { input: 10, output: 50, cacheRead: 1, cacheWrite5m: 12.5, cacheWrite1h: 20 },
  'small-1': { input: 1, output: 5, cacheRead: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2 },
  'mid-1': { input: 10, output: 50, cacheRead: 1, cacheWrite5m: 12.5, cacheWrite1h: 20 },
  'nowrite': { input: 1, output: 5, cacheRead: 0.1 },
  'freeread': { input: 1, output: 5, cacheRead: 0 },
});
const CHEAPER = { big: 'small-1', mid: 'nowrite', small: 'big-1' };
const TUE = Date.parse('2026-03-10T10:00:00Z');

interface S { model: string; requests: number; tokens: number[]; cost?: number }
/** big-1's own price of the tokens: what the ledger would have counted. */
const bigCost = (t: number[]): number => (t[0] ?? 0) * 10_000 + (t[1] ?? 0) * 50_000 + (t[2] ?? 0) * 1_000 + (t[3] ?? 0) * 12_500 + (t[4] ?? 0) * 20_000;

function rightSizing(sessions: S[], extra: Record<string, unknown> = {}): Insight {
  const entries: SessionEntry[] = sessions.map((s, i) => ({
    agent: 'claude-code', sessionId: `s${i}`, project: 'shop', firstMs: TUE + i * 60_000, lastMs: TUE + i * 60_000 + 600_000, lastModel: s.model,
    requests: s.requests, costNano: s.cost ?? bigCost(s.tokens), tokens: s.tokens, prompts: 1, toolCalls: 0, toolErrors: 0, apiErrors: 0,
  }));
  const src = { rollups: () => [], sessions: () => entries, activity: undefined, prices: PRICES };
  return modelRightSizing(weekBContext(src, insightsSpec({ smallSession: { maxRequests: 3, maxOutputTokens: 1000 }, minSamples: { sessions: 2 }, cheaperModels: CHEAPER, ...extra })));
}

const SHORT = 'at most 3 model requests and 1,000 output tokens';
const COLUMNS = [
  { key: 'model', label: 'Model', unit: 'text' },
  { key: 'cheaperModel', label: 'Cheaper model', unit: 'text' },
  { key: 'shortSessions', label: 'Short sessions', unit: 'count' },
  { key: 'sessionShare', label: 'Of its sessions', unit: 'ratio' },
  { key: 'costUsd', label: 'Cost (USD)', unit: 'usd' },
  { key: 'atCheaperUsd', label: 'On cheaper (USD)', unit: 'usd' },
  { key: 'savingUsd', label: 'Saving (USD)', unit: 'usd' },
];

describe('model right-sizing', () => {
  it('prices short sessions at the cheaper model; long ones, unpriceable and unpriced ones are left out', () => {
    const got = rightSizing([
      { model: 'big-1', requests: 2, tokens: [1000, 500, 0, 0, 0] }, // short: $0.035, on small-1 $0.0035
      { model: 'big-1', requests: 3, tokens: [2000, 1000, 0, 0, 0] }, // short at both bounds: $0.07, on small-1 $0.007
      { model: 'big-1', requests: 4, tokens: [1, 1, 0, 0, 0] }, // too many requests
      { model: 'big-1', requests: 1, tokens: [1, 1001, 0, 0, 0] }, // too much output
      { model: 'big-1', requests: 0, tokens: [0, 0, 0, 0, 0] }, // no request: not a session here
      { model: 'mid-1', requests: 1, tokens: [10, 10, 0, 100, 0] }, // its cheaper model has no cache-write price
      { model: 'mid-1', requests: 1, tokens: [10, 10, 0, 100, 0] },
      { model: 'ghost', requests: 1, tokens: [10, 10, 0, 0, 0], cost: 0 }, // no price at all
    ]);
    const want: Insight = {
      id: 'modelRightSizing',
      title: 'Model right-sizing',
      numbers: { shortSessions: 2, maxRequests: 3, maxOutputTokens: 1000, savingUsd: 0.0945 },
      level: 'warn',
      summary: `2 sessions on big-1 (50% of its sessions) were short (${SHORT}): they cost $0.1050 and would cost $0.0105 on small-1.`,
      suggestion: 'Start quick questions and small edits on a cheaper model: e.g. /model small-1, or a subagent with a smaller model, and keep big-1 for planning and hard problems.',
      savingUsd: 0.0945,
      assumption: `Short sessions (${SHORT}) are routine tasks the cheaper model would finish with the same tokens; both are priced at their base rates.`,
      rows: [{ model: 'big-1', cheaperModel: 'small-1', shortSessions: 2, sessionShare: 0.5, costUsd: 0.105, atCheaperUsd: 0.0105, savingUsd: 0.0945 }],
      columns: COLUMNS as Insight['columns'],
    };
    assert.deepEqual(got, want);
  });

  it('several models: the largest saving leads, the others counted; one session reads in the singular', () => {
    const got = rightSizing([
      { model: 'big-2', requests: 1, tokens: [100, 10, 0, 0, 0] },
      { model: 'big-2', requests: 1, tokens: [100, 10, 0, 0, 0] },
      { model: 'big-1', requests: 1, tokens: [1000, 100, 0, 0, 0] },
      { model: 'big-1', requests: 1, tokens: [1000, 100, 0, 0, 0] },
    ], { limit: 1 });
    assert.deepEqual(got.rows?.map((r) => r.model), ['big-1']);
    assert.match(got.summary, /^2 sessions on big-1 \(100% of its sessions\) were short .*: they cost \$0\.0300 and would cost \$0\.0030 on small-1\. 1 more model in the table\.$/);
    const one = rightSizing([{ model: 'big-1', requests: 1, tokens: [1000, 100, 0, 0, 0] }], { minSamples: { sessions: 1 } });
    assert.equal(one.summary, `1 session on big-1 (100% of its sessions) was short (${SHORT}): it cost $0.0150 and would cost $0.0015 on small-1.`);
  });

  it('warns from a cent saved; informs below', () => {
    // 9 input tokens × 9,000 nano saved each, twice: 162,000 nano.
    const small = rightSizing([{ model: 'big-1', requests: 1, tokens: [9, 0, 0, 0, 0] }, { model: 'big-1', requests: 1, tokens: [9, 0, 0, 0, 0] }]);
    assert.deepEqual([small.level, small.savingUsd], ['info', 0.000162]);
    // 556 input tokens × 9,000 × 2 = 10,008,000 nano: a cent and more; 555 gives 9,990,000.
    assert.equal(rightSizing([{ model: 'big-1', requests: 1, tokens: [556, 0, 0, 0, 0] }, { model: 'big-1', requests: 1, tokens: [556, 0, 0, 0, 0] }]).level, 'warn');
    assert.equal(rightSizing([{ model: 'big-1', requests: 1, tokens: [555, 0, 0, 0, 0] }, { model: 'big-1', requests: 1, tokens: [555, 0, 0, 0, 0] }]).level, 'info');
  });

  it('says why it suggests nothing: too few short sessions per model, or none on a model with a cheaper one', () => {
    const few = rightSizing([{ model: 'big-1', requests: 1, tokens: [10, 10, 0, 0, 0] }, { model: 'big-2', requests: 5, tokens: [10, 10, 0, 0, 0] }]);
    assert.deepEqual(few, {
      id: 'modelRightSizing', title: 'Model right-sizing', numbers: { shortSessions: 0, maxRequests: 3, maxOutputTokens: 1000, savingUsd: 0 }, level: 'good',
      summary: `Too few short sessions (${SHORT}) per model to suggest a cheaper one: 1 in all, and a model needs at least 2.`, skipped: 'fewer than 2 short sessions per model',
    });
    // small-1's "cheaper" model costs more: no comparison to offer.
    const none = rightSizing([{ model: 'small-1', requests: 1, tokens: [10, 10, 0, 0, 0], cost: 35_000 }, { model: 'small-1', requests: 1, tokens: [10, 10, 0, 0, 0], cost: 35_000 }]);
    assert.deepEqual(none, {
      id: 'modelRightSizing', title: 'Model right-sizing', numbers: { shortSessions: 0, maxRequests: 3, maxOutputTokens: 1000, savingUsd: 0 }, level: 'good',
      summary: `No short sessions (${SHORT}) ran on a model with a cheaper alternative.`,
    });
  });

  it('a model with no cheaper one named, or a cheaper one the price table does not know, is not judged: not even as too few', () => {
    const none = `No short sessions (${SHORT}) ran on a model with a cheaper alternative.`;
    // nowrite matches no prefix of the map: one short session on it is not "1 in all" of too few.
    const noCheaper = rightSizing([{ model: 'nowrite', requests: 1, tokens: [10, 10, 0, 0, 0] }]);
    // big-1's cheaper model here has no price: nothing to compare with either.
    const unknownCheaper = rightSizing([{ model: 'big-1', requests: 1, tokens: [10, 10, 0, 0, 0] }], { cheaperModels: { big: 'ghost-cheap' } });
    for (const got of [noCheaper, unknownCheaper]) assert.deepEqual([got.level, got.summary, got.skipped, got.numbers.shortSessions], ['good', none, undefined, 0]);
  });

  it('a cheaper model that would cost exactly as much saves nothing: no row, no saving', () => {
    // 1,000 input tokens cost 1,000,000 nano on small-1, and these sessions were counted at exactly that.
    const same = { model: 'big-1', requests: 1, tokens: [1000, 0, 0, 0, 0], cost: 1_000_000 };
    const got = rightSizing([same, same]);
    assert.deepEqual([got.level, got.summary, got.savingUsd, got.rows, got.numbers.savingUsd], ['good', `No short sessions (${SHORT}) ran on a model with a cheaper alternative.`, undefined, undefined, 0]);
  });

  it('a saving of exactly a cent warns', () => {
    // 1,000 input tokens cost 1,000,000 nano on small-1; counted at 6,000,000 each: 2 × 5,000,000 = 10,000,000 nano.
    const dear = { model: 'big-1', requests: 1, tokens: [1000, 0, 0, 0, 0], cost: 6_000_000 };
    const got = rightSizing([dear, dear]);
    assert.deepEqual([got.savingUsd, got.level], [0.01, 'warn']);
  });

  /** Two short sessions of one request on `model`, each with `input` input tokens only. */
  const two = (model: string, input: number): S[] => [{ model, requests: 1, tokens: [input, 0, 0, 0, 0] }, { model, requests: 1, tokens: [input, 0, 0, 0, 0] }];

  it('the largest saving leads whatever order the models came in, also when the names sort the other way', () => {
    // Savings of 9,000 nano per input token: mid-1 (on nowrite) 2 × 300, big-2 2 × 200, big-1 2 × 100 tokens.
    const got = rightSizing([...two('big-2', 200), ...two('big-1', 100), ...two('mid-1', 300)]);
    assert.deepEqual(got.rows?.map((r) => [r.model, r.savingUsd]), [['mid-1', 0.0054], ['big-2', 0.0036], ['big-1', 0.0018]]);
    assert.match(got.summary, /^2 sessions on mid-1 .* on nowrite\. 2 more models in the table\.$/);
  });

  it('ties in saving go by model name whatever order the models came in', () => {
    // Came in as big-2, big-1, mid-1 (neither sorted nor its reverse), each saving 2 × 100 × 9,000 nano.
    const got = rightSizing([...two('big-2', 100), ...two('big-1', 100), ...two('mid-1', 100)]);
    assert.deepEqual(got.rows?.map((r) => r.model), ['big-1', 'big-2', 'mid-1']);
  });

  it('cache writes of both kinds are priced at the cheaper model\'s own write prices', () => {
    // 1,000 tokens written for 5 minutes and 1,000 for an hour: on small-1 1,250 + 2,000 nano each, on big-1 12,500 + 20,000.
    const writes = { model: 'big-1', requests: 1, tokens: [0, 0, 0, 1000, 1000] };
    const got = rightSizing([writes, writes]);
    assert.deepEqual(got.rows?.map((r) => [r.costUsd, r.atCheaperUsd]), [[(2 * 32_500_000) / 1e9, (2 * 3_250_000) / 1e9]]);
  });

  it('a token kind the cheaper model serves for free is priced at 0, not left unpriced', () => {
    // freeread reads the cache for nothing: 100 input tokens × 1,000 nano, the 1,000 cached ones free.
    const reads = { model: 'big-1', requests: 1, tokens: [100, 0, 1000, 0, 0] };
    const got = rightSizing([reads, reads], { cheaperModels: { big: 'freeread' } });
    assert.deepEqual(got.rows?.map((r) => [r.cheaperModel, r.atCheaperUsd]), [['freeread', (2 * 100_000) / 1e9]]);
  });
});

describe('cheaper model lookup', () => {
  it('the longest matching prefix wins, in any letter case; never the model itself', () => {
    const map = { claude: 'claude-haiku-4-5', 'claude-opus': 'claude-sonnet-4-6', 'CLAUDE-OPUS-4-1': 'claude-opus-4-6' };
    assert.equal(cheaperModelFor('claude-opus-4-1-20250805', map), 'claude-opus-4-6');
    assert.equal(cheaperModelFor('claude-opus-4-6', map), 'claude-sonnet-4-6');
    assert.equal(cheaperModelFor('Claude-Sonnet-4-5', map), 'claude-haiku-4-5');
    assert.equal(cheaperModelFor('claude-haiku-4-5-20251001', map), undefined, 'its own cheaper model');
    assert.equal(cheaperModelFor('gpt-5', map), undefined);
  });

  it('the longest prefix wins wherever the map lists it; of two prefixes equal but for letter case, the first listed', () => {
    assert.equal(cheaperModelFor('claude-opus-4-6', { 'claude-opus': 'claude-sonnet-4-6', claude: 'claude-haiku-4-5' }), 'claude-sonnet-4-6');
    assert.equal(cheaperModelFor('claude-opus-4-6', { 'Claude-Opus': 'claude-sonnet-4-6', 'claude-opus': 'claude-haiku-4-5' }), 'claude-sonnet-4-6');
  });
});
