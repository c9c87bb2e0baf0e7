// How the ledger counts a model response, fed events directly (the paths the adapter-level tests did not reach in the
// test process): a cost stated by the log and its growth, unpriced models (counted once per request, warned about once
// per model up to a cap), the response-latency histogram in the catalogue's buckets, a session's totals including the
// growth of a response first counted in another session, compacted responses that must not count twice, and
// checkpoints of an older version whose compacted responses kept no output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ColdKeys } from '../../src/accounting/cold-keys.js';
import { Ledger, type LedgerOptions, type LedgerSnapshot } from '../../src/accounting/ledger.js';
import type { AgentEvent, RequestEvent, TokenCounts } from '../../src/adapters/types.js';
import { METRICS } from '../../src/metrics/catalogue.js';
import { loadShippedPrices, PriceTable } from '../../src/pricing/pricing.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12);
const SONNET = 'claude-sonnet-4-5-20250929';
const base: LedgerOptions = {
  prices: new PriceTable(loadShippedPrices()), maxProjects: 10, maxModels: 200, maxTools: 10, retentionDays: 30, maxDedupEntries: 100_000,
  coldRetentionDays: 400, activeWindowSeconds: 300,
};
const ledger = (over: Partial<LedgerOptions> = {}, snap?: LedgerSnapshot): Ledger => new Ledger({ ...base, ...over }, snap);
const restart = (l: Ledger, over: Partial<LedgerOptions> = {}): Ledger => ledger(over, JSON.parse(JSON.stringify(l.snapshot())) as LedgerSnapshot);
const tokens = (t: Partial<TokenCounts>): TokenCounts => ({ input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, ...t });
const req = (o: Partial<RequestEvent> & { t?: Partial<TokenCounts> }): RequestEvent => ({
  kind: 'request', timestampMs: NOW - DAY, sessionId: 's1', project: 'shop', model: SONNET, dedupKey: 'r1', ...o, tokens: tokens(o.t ?? {}),
});
const sum = (l: Ledger, metric: string, filter: Record<number, string> = {}): number => l.counters.sum(metric, filter);
const cost = (l: Ledger): number => sum(l, METRICS.cost.name);
const output = (l: Ledger): number => sum(l, METRICS.tokens.name, { 3: 'output' });
/** The price table's cost of a Sonnet request, in nano-USD. */
const sonnet = (t: Partial<TokenCounts>): number => base.prices.costNano(SONNET, tokens(t))!;

describe('ledger: a request counted in full', () => {
  it('creates every token type\'s series at 0 with the first request, so a later first count is seen by increase()', () => {
    const l = ledger();
    l.apply('claude-code', req({ t: { input: 5, output: 7 } }));
    const series = new Map([...l.counters.values(METRICS.tokens.name)].map((s) => [s.labels[3], s.value]));
    assert.deepEqual(Object.fromEntries(series), { input: 5, output: 7, cache_read: 0, cache_write_5m: 0, cache_write_1h: 0 });
  });

  it('keeps the newest event time per agent as the last-event gauge (in seconds), and ignores lines without a time', () => {
    const l = ledger();
    l.apply('claude-code', req({ timestampMs: NOW - 5000, dedupKey: 'a' }));
    l.apply('claude-code', req({ timestampMs: NOW - 9000, dedupKey: 'b' }));
    l.apply('codex', req({ timestampMs: 0, dedupKey: 'c' }));
    assert.deepEqual([...l.counters.values(METRICS.lastEvent.name)].map((s) => [s.labels, s.value]), [[['claude-code'], (NOW - 5000) / 1000]]);
  });

  it('observes response latency in the catalogue\'s buckets, up to 10 minutes inclusive (longer is the user away)', () => {
    const l = ledger();
    const latencies = [undefined, 0.5, 0.75, 250, 600, 600.5, 7200];
    latencies.forEach((latencySeconds, i) => l.apply('claude-code', req({ dedupKey: `r${i}`, ...(latencySeconds === undefined ? {} : { latencySeconds }) })));
    const [h, ...more] = [...l.histograms.values(METRICS.responseDuration.name)];
    assert.equal(more.length, 0);
    assert.deepEqual(h!.labels, ['claude-code', SONNET]);
    // Buckets 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, then +Inf.
    assert.deepEqual(h!.counts, [1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    assert.equal(h!.count, 4);
    assert.equal(h!.sum, 0.5 + 0.75 + 250 + 600);
  });

  it('a cost stated by the log wins over the price table and grows to the largest stated, never back', () => {
    const l = ledger();
    l.apply('claude-code', req({ t: { input: 100, output: 10 }, costUsd: 0.01 }));
    assert.equal(cost(l), 10_000_000);
    l.apply('claude-code', req({ t: { input: 100, output: 30 }, costUsd: 0.03 }));
    assert.equal(cost(l), 30_000_000);
    l.apply('claude-code', req({ t: { input: 100, output: 40 }, costUsd: 0.02 })); // a smaller stated cost: tokens grow, cost does not drop
    assert.equal(cost(l), 30_000_000);
    assert.equal(output(l), 40);
    assert.equal(sum(l, METRICS.requests.name), 1);
    assert.ok(sonnet({ input: 100, output: 40 }) !== 30_000_000, 'the table would have priced it differently');
  });

  it('a model without a price counts once per request in the unpriced counter (growth lines do not), and is warned about once', () => {
    const warnings: { msg: string; fields: Record<string, unknown> }[] = [];
    let l = ledger({ warn: (msg, fields) => warnings.push({ msg, fields }) });
    const house = (o: Partial<RequestEvent> & { t?: Partial<TokenCounts> }) => req({ model: 'house-model', timestampMs: NOW - 10 * DAY, ...o });
    l.apply('claude-code', house({ t: { input: 5, output: 1 } }));
    l.apply('claude-code', house({ t: { input: 5, output: 2 } })); // growth of the response held in full
    l.apply('claude-code', house({ dedupKey: 'r2', t: { input: 5, output: 1 } }));
    l.evict(NOW + 25 * DAY); // both responses compacted (older than 30 days)
    l = restart(l, { warn: (msg, fields) => warnings.push({ msg, fields }) });
    l.apply('claude-code', house({ dedupKey: 'r2', t: { input: 5, output: 9 } })); // growth of a compacted response
    assert.equal(output(l), 2 + 9);
    assert.deepEqual([...l.counters.values(METRICS.unpriced.name)].map((s) => [s.labels, s.value]), [[['claude-code', 'house-model'], 2]]);
    assert.equal(cost(l), 0);
    // One warning per ledger lifetime per model: before the restart, and once after it.
    assert.equal(warnings.length, 2);
    for (const w of warnings) {
      assert.deepEqual(w.fields, { agent: 'claude-code', model: 'house-model' });
      assert.match(w.msg, /prices:/, 'the warning says where to add the price');
    }
  });

  it('names at most 100 unpriced models in the log, then says once that the rest are only counted', () => {
    const warnings: { msg: string; fields: Record<string, unknown> }[] = [];
    const l = ledger({ warn: (msg, fields) => warnings.push({ msg, fields }) });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 105; i++) l.apply('codex', req({ model: `house-${i}`, dedupKey: `r${round}-${i}` }));
    }
    assert.equal(sum(l, METRICS.unpriced.name), 210);
    const named = warnings.filter((w) => w.fields.model !== undefined).map((w) => w.fields.model);
    assert.deepEqual(named, Array.from({ length: 100 }, (_, i) => `house-${i}`));
    const rest = warnings.filter((w) => w.fields.model === undefined);
    assert.equal(rest.length, 1);
    assert.deepEqual(rest[0]!.fields, { agent: 'codex' });
    assert.match(rest[0]!.msg, /agentmon_unpriced_requests_total/);
    assert.equal(warnings.length, 101);
    // A ledger given no warn function counts the same and does not fail past the cap.
    const quiet = ledger();
    for (let i = 0; i < 105; i++) quiet.apply('codex', req({ model: `house-${i}`, dedupKey: `q${i}` }));
    assert.equal(sum(quiet, METRICS.unpriced.name), 105);
  });

  it('a model id longer than 200 characters is priced by its first 200, the same on every line, compacted or not', () => {
    // The tail after 200 characters would name a priced model; the first 200 characters name none.
    const model = `${'x'.repeat(195)}/claude-sonnet-4-5`;
    const lines = [req({ model, t: { input: 1000, output: 10 } }), req({ model, t: { input: 1000, output: 500 } })];
    const totals = (compact: boolean) => {
      const l = ledger();
      l.apply('claude-code', lines[0]!);
      if (compact) l.evict(NOW + 40 * DAY);
      l.apply('claude-code', lines[1]!);
      return { cost: cost(l), output: output(l), unpriced: sum(l, METRICS.unpriced.name) };
    };
    assert.deepEqual(totals(false), { cost: 0, output: 500, unpriced: 1 });
    assert.deepEqual(totals(true), totals(false));
    const l = ledger();
    l.apply('claude-code', lines[0]!);
    const responses = l.snapshot().responses;
    assert.equal(responses.length, 1);
    assert.equal(responses[0]![1].priceModel, model.slice(0, 200), 'the checkpoint keeps a bounded id');
  });

  it('an event kind the ledger does not know is an error, not silently dropped', () => {
    const l = ledger();
    assert.throws(() => l.apply('claude-code', { kind: 'mystery', timestampMs: NOW, sessionId: 's', project: 'p' } as unknown as AgentEvent), /unhandled event .*mystery/);
  });
});

describe('ledger: a session\'s totals', () => {
  it('adds each request and its growth to the session the response was first counted in, even when a copy arrives in another', () => {
    const l = ledger();
    l.apply('claude-code', req({ dedupKey: 'a', t: { input: 100, output: 10, cacheRead: 1000, cacheWrite5m: 20, cacheWrite1h: 30 } }));
    l.apply('claude-code', req({ dedupKey: 'b', model: 'claude-opus-4-6', t: { input: 7, output: 3 } }));
    // A resumed session (s2) replays response a, grown: the growth belongs to s1.
    l.apply('claude-code', req({ dedupKey: 'a', sessionId: 's2', t: { input: 100, output: 50, cacheRead: 1000, cacheWrite5m: 20, cacheWrite1h: 30 } }));
    const s1 = l.sessions.get('claude-code\u001fs1')!;
    const s2 = l.sessions.get('claude-code\u001fs2')!;
    assert.deepEqual(s1.tokens, [107, 53, 1000, 20, 30]);
    assert.equal(s1.requests, 2);
    assert.equal(s1.costNano, sonnet({ input: 100, output: 50, cacheRead: 1000, cacheWrite5m: 20, cacheWrite1h: 30 }) + base.prices.costNano('claude-opus-4-6', tokens({ input: 7, output: 3 }))!);
    assert.equal(s1.costNano, cost(l));
    assert.equal(s1.lastModel, SONNET, 'the model of the last counted tokens');
    assert.deepEqual({ tokens: s2.tokens, requests: s2.requests, costNano: s2.costNano }, { tokens: [0, 0, 0, 0, 0], requests: 0, costNano: 0 });
  });

  it('still counts the growth of a response whose first session was already forgotten', () => {
    const l = ledger({ retentionDays: 30, sessionRetentionDays: 1 });
    l.apply('claude-code', req({ timestampMs: NOW - 2 * DAY, t: { input: 100, output: 10 } }));
    l.evict(NOW); // the session summary goes (older than a day); the response stays in full (younger than 30 days)
    assert.equal(l.sessions.size, 0);
    l.apply('claude-code', req({ timestampMs: NOW - 2 * DAY, sessionId: 's2', t: { input: 100, output: 60 } }));
    assert.equal(output(l), 60);
    assert.equal(cost(l), sonnet({ input: 100, output: 60 }));
    assert.deepEqual(l.sessions.get('claude-code\u001fs2')!.tokens, [0, 0, 0, 0, 0]);
  });
});

describe('ledger: compacted responses', () => {
  it('counts the growth of a compacted response once: a later copy of the grown line is a duplicate, across a restart too', () => {
    let l = ledger({ retentionDays: 2 });
    l.apply('claude-code', req({ timestampMs: NOW - 3 * DAY, t: { input: 1200, output: 10 } }));
    l.evict(NOW);
    l.apply('claude-code', req({ timestampMs: NOW - 3 * DAY, t: { input: 1200, output: 299 } }));
    l.apply('claude-code', req({ timestampMs: NOW - 3 * DAY, t: { input: 1200, output: 299 } }));
    l = restart(l, { retentionDays: 2 });
    l.apply('claude-code', req({ timestampMs: NOW - 3 * DAY, t: { input: 1200, output: 299 } }));
    assert.equal(output(l), 299);
    assert.equal(cost(l), sonnet({ input: 1200, output: 299 }));
    assert.equal(sum(l, METRICS.duplicates.name), 2);
  });

  it('never grows a compacted response that was not to grow again, however large a later line claims it is', () => {
    const l = ledger({ retentionDays: 2 });
    // Priced by its own log: no table price to recompute growth with.
    l.apply('claude-code', req({ dedupKey: 'stated', model: 'house-model', timestampMs: NOW - 3 * DAY, t: { output: 10 }, costUsd: 0.5 }));
    // An output too large to keep with the compacted key.
    l.apply('claude-code', req({ dedupKey: 'huge', timestampMs: NOW - 3 * DAY, t: { output: 2 ** 31 + 5 } }));
    l.evict(NOW);
    l.apply('claude-code', req({ dedupKey: 'stated', model: 'house-model', timestampMs: NOW - 3 * DAY, t: { output: 3_000_000_000 }, costUsd: 0.75 }));
    l.apply('claude-code', req({ dedupKey: 'huge', timestampMs: NOW - 3 * DAY, t: { output: 2 ** 31 + 10 } }));
    assert.equal(output(l), 10 + 2 ** 31 + 5);
    assert.deepEqual([...l.counters.values(METRICS.duplicates.name)].map((s) => [s.labels, s.value]), [[['claude-code'], 2]]);
  });

  it('a copy of a response compacted by an older version (hash only, no output) is a duplicate, even a grown one', () => {
    const l = ledger();
    l.apply('claude-code', req({ t: { input: 50, output: 10 } }));
    const snap = JSON.parse(JSON.stringify(l.snapshot())) as LedgerSnapshot;
    // What an older version checkpointed after compacting r1: its key among the plain hashes, no coldResponses.
    const cold = new ColdKeys();
    cold.add('r1', NOW - DAY);
    cold.compact();
    const old: LedgerSnapshot = { ...snap, responses: [], cold: cold.toJSON() };
    delete old.coldResponses;
    const back = ledger({}, old);
    back.apply('claude-code', req({ t: { input: 50, output: 10 } }));
    back.apply('claude-code', req({ t: { input: 50, output: 80 } }));
    assert.equal(output(back), 10);
    assert.equal(sum(back, METRICS.requests.name), 1);
    assert.deepEqual([...back.counters.values(METRICS.duplicates.name)].map((s) => [s.labels, s.value]), [[['claude-code'], 2]]);
  });

  it('requests without a dedup key all count, also once compacted keys exist', () => {
    const l = ledger({ retentionDays: 2 });
    l.apply('claude-code', req({ timestampMs: NOW - 3 * DAY }));
    l.apply('claude-code', { kind: 'tool_call', timestampMs: NOW - 3 * DAY, sessionId: 's1', project: 'shop', tool: 'Bash', callId: 'c1' });
    l.evict(NOW);
    assert.equal(l.coldSize, 3, 'the response, the tool call and the session are kept as hashes');
    for (let i = 0; i < 3; i++) l.apply('gemini', req({ dedupKey: null, timestampMs: NOW, t: { input: 10, output: 1 } }));
    assert.equal(sum(l, METRICS.requests.name, { 0: 'gemini' }), 3);
  });
});
