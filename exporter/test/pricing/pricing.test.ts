// Cost in exact integer nano-dollars: rates, long-context tier, model-id normalization, unpriced models, config
// overrides and the shipped table's own validity.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TokenCounts } from '../../src/adapters/types.js';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine.js';
import { loadShippedPrices, nanoToUsd, normalizeModelId, PriceTable } from '../../src/pricing/pricing.js';
import { PriceFileSchema } from '../../src/pricing/schema.js';
import { silentLogger } from '../../src/util/log.js';
import { feed, FIXTURES, newLedger, scanScenario, totalsOf } from '../fixtures/harness.js';

const tokens = (t: Partial<TokenCounts>): TokenCounts => ({ input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, ...t });
const shipped = new PriceTable(loadShippedPrices());

describe('rates', () => {
  it('prices a million input tokens of claude-sonnet-4-5 at exactly $3', () => {
    // Five requests of 200,000 (a single 1M-token prompt would be long-context, see below).
    const ledger = newLedger();
    const lines = Array.from({ length: 5 }, (_, i) =>
      JSON.stringify({ cwd: '/w/shop', sessionId: 's', type: 'assistant', timestamp: '2026-03-12T10:00:00Z', requestId: `req_M${i}`, message: { model: 'claude-sonnet-4-5-20250929', id: `msg_M${i}`, usage: { input_tokens: 200_000 } } }),
    );
    feed(ledger, 'claude-code', lines);
    assert.equal(ledger.counters.get('agentmon_cost_usd_total', ['claude-code', 'shop', 'claude-sonnet-4-5-20250929']), 3_000_000_000);
    assert.deepEqual([totalsOf(ledger).inputTokens, totalsOf(ledger).costUsd], [1_000_000, 3]);
    assert.equal(nanoToUsd(shipped.costNano('claude-sonnet-4-5', tokens({ input: 200_000 }))!), 0.6);
  });

  it('prices each token type at its own rate (5m and 1h cache writes differ)', () => {
    const cost = (t: Partial<TokenCounts>) => shipped.costNano('claude-sonnet-4-5-20250929', tokens(t));
    // 100,000 tokens of each type: $15, $0.30, $3.75 and $6 per million.
    assert.deepEqual([cost({ output: 100_000 }), cost({ cacheRead: 100_000 }), cost({ cacheWrite5m: 100_000 }), cost({ cacheWrite1h: 100_000 })], [1_500_000_000, 30_000_000, 375_000_000, 600_000_000]);
    assert.equal(cost({ input: 3, output: 7, cacheRead: 11, cacheWrite5m: 13, cacheWrite1h: 17 }), 3 * 3000 + 7 * 15000 + 11 * 300 + 13 * 3750 + 17 * 6000);
  });

  it('bills the whole request at the long-context rate once its prompt passes 200k tokens', () => {
    // Prompt = 150,000 input + 60,000 cache read = 210,000 > 200,000: $6 / $22.50 / $0.60 per million.
    assert.equal(shipped.costNano('claude-sonnet-4-5', tokens({ input: 150_000, cacheRead: 60_000, output: 1000 })), 150_000 * 6000 + 60_000 * 600 + 1000 * 22_500);
    assert.equal(shipped.costNano('claude-sonnet-4-5', tokens({ input: 1_000_000 })), 6_000_000_000);
    // Exactly 200,000 stays on the base rate.
    assert.equal(shipped.costNano('claude-sonnet-4-5', tokens({ input: 140_000, cacheWrite1h: 60_000, output: 1000 })), 140_000 * 3000 + 60_000 * 6000 + 1000 * 15_000);
    // Models without a tier never switch.
    assert.equal(shipped.costNano('claude-opus-4-6', tokens({ input: 500_000 })), 500_000 * 5000);
  });

  it('prices the models older Codex CLI versions ran (o4-mini, o3), dated ids included', () => {
    // 1,000 uncached input, 2,000 cached, 500 output: o4-mini $1.10 / $0.275 / $4.40, o3 $2 / $0.50 / $8 per million.
    const t = tokens({ input: 1000, cacheRead: 2000, output: 500 });
    assert.equal(shipped.costNano('o4-mini', t), 1000 * 1100 + 2000 * 275 + 500 * 4400);
    assert.equal(shipped.costNano('o4-mini-2025-04-16', t), shipped.costNano('o4-mini', t));
    assert.equal(shipped.costNano('o3', t), 1000 * 2000 + 2000 * 500 + 500 * 8000);
  });

  it('keeps sums exact where floating-point dollars would drift', () => {
    const ledger = newLedger();
    const lines = Array.from({ length: 10 }, (_, i) =>
      JSON.stringify({ cwd: '/w/shop', sessionId: 's', type: 'assistant', timestamp: '2026-03-12T10:00:00Z', requestId: `req_${i}`, message: { model: 'claude-haiku-4-5', id: `msg_${i}`, usage: { cache_read_input_tokens: 1 } } }),
    );
    feed(ledger, 'claude-code', lines);
    // 10 × $0.10 per million = 1,000 nano-dollars (0.0000001 × 10 in floats is 9.999999999999999e-7).
    assert.equal(ledger.counters.get('agentmon_cost_usd_total', ['claude-code', 'shop', 'claude-haiku-4-5']), 1000);
    assert.equal(totalsOf(ledger).costUsd, 0.000001);
  });
});

describe('model ids', () => {
  it('strips provider prefixes, Bedrock versions, Vertex and date suffixes', () => {
    const cases: [string, string][] = [
      ['us.anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku'],
      ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
      ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
      ['converse/jp.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5'],
      ['anthropic.claude-opus-4-1-20250805-v1:0', 'claude-opus-4-1'],
      ['Claude-Sonnet-4-5[1m]', 'claude-sonnet-4-5'],
      ['openai/gpt-4.1-2025-04-14', 'gpt-4.1'],
      ['gpt-5-codex', 'gpt-5-codex'],
    ];
    assert.deepEqual(cases.map(([raw]) => [raw, normalizeModelId(raw)]), cases);
  });

  it('prices every spelling of one model alike', () => {
    const t = tokens({ input: 1000, output: 100 });
    const base = shipped.costNano('claude-3-5-haiku', t);
    assert.equal(base, 1000 * 800 + 100 * 4000);
    for (const id of ['us.anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku@20241022', 'claude-3-5-haiku-20241022']) assert.equal(shipped.costNano(id, t), base, id);
  });
});

describe('unpriced models', () => {
  it('counts cost 0, increments agentmon_unpriced_requests_total per response and warns once per model', () => {
    const warnings: string[] = [];
    const ledger = newLedger({ warn: (_msg, fields) => warnings.push(String(fields.model)) });
    const line = (id: string, output: number) =>
      JSON.stringify({ cwd: '/w/shop', sessionId: 's', type: 'assistant', timestamp: '2026-03-12T10:00:00Z', requestId: `req_${id}`, message: { model: 'acme-coder-9', id: `msg_${id}`, usage: { input_tokens: 500, output_tokens: output } } });
    feed(ledger, 'claude-code', [line('U1', 10), line('U1', 80), line('U2', 30)]);
    assert.equal(ledger.counters.get('agentmon_unpriced_requests_total', ['claude-code', 'acme-coder-9']), 2);
    assert.equal(ledger.counters.get('agentmon_cost_usd_total', ['claude-code', 'shop', 'acme-coder-9']), 0);
    assert.deepEqual([totalsOf(ledger).outputTokens, totalsOf(ledger).requests, totalsOf(ledger).costUsd], [110, 2, 0]);
    assert.deepEqual(warnings, ['acme-coder-9']);
  });
});

describe('price sources', () => {
  it('lets config prices override the shipped table, by normalized id', () => {
    const table = new PriceTable(loadShippedPrices(), { 'Claude-Sonnet-4-5-20250929': { input: 1, output: 2, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 } });
    assert.equal(table.costNano('claude-sonnet-4-5', tokens({ input: 1000, output: 1000 })), 1000 * 1000 + 1000 * 2000);
  });

  it('turns three-decimal config prices into whole nano-dollars (0.007 × 1000 is 7.000000000000001 in floats)', () => {
    const table = new PriceTable({ 'acme-coder-9': { input: 0.007, output: 0.035, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 1.001 } });
    assert.equal(table.costNano('acme-coder-9', tokens({ input: 1000, output: 1000, cacheRead: 1000 })), 7000 + 35_000 + 1_001_000);
  });

  it('uses config-file prices in a real scan, and prices a model the shipped table lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentmon-prices-'));
    try {
      const file = join(dir, 'agentmon.yaml');
      writeFileSync(file, 'prices:\n  claude-3-5-haiku:\n    input: 2\n    output: 10\n    cacheWrite5m: 2.5\n    cacheWrite1h: 4\n    cacheRead: 0.2\n');
      const { engine, log } = await scanScenario('bedrock', file);
      // fixtures/bedrock: 26 input, 240 output, 400 5-minute cache writes.
      assert.equal(totalsOf(engine.ledger).costUsd, (26 * 2000 + 240 * 10_000 + 400 * 2500) / 1e9);
      assert.deepEqual(log.warnings, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets the config price a Gemini or Codex model without cache-write prices, and never guesses them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentmon-prices-'));
    try {
      // The legacy Gemini fixture, with the model id a real Gemini CLI chat records and the table lacks.
      cpSync(join(FIXTURES, 'gemini', 'legacy', 'gemini', 'tmp'), join(dir, 'gemini', 'tmp'), { recursive: true });
      const doc = join(dir, 'gemini', 'tmp', '5d41402abc4b2a76b9719d911017c592ab3f8e5a9c1d2e3f4a5b6c7d8e9f0a1b', 'chats', 'session-2026-03-01T09-00-9a1e0c2d.json');
      writeFileSync(doc, readFileSync(doc, 'utf8').replaceAll('gemini-2.5-pro', 'gemini-3-pro'));
      const file = join(dir, 'agentmon.yaml');
      writeFileSync(file, 'prices:\n  gemini-3-pro:\n    input: 2\n    output: 12\n    cacheRead: 0.2\n');
      const config = await loadConfig({ configFile: file, dirs: { 'claude-code': [], codex: [], gemini: [join(dir, 'gemini', 'tmp')] }, stateDir: join(dir, 'state') }, {});
      const engine = new Engine(config, silentLogger, undefined, {});
      await engine.scanAll();
      await engine.tracker.closeAll();
      const t = totalsOf(engine.ledger);
      assert.equal(t.costUsd, (t.inputTokens * 2000 + t.outputTokens * 12_000 + t.cacheReadTokens * 200) / 1e9);
      assert.ok(t.costUsd > 0);
      assert.equal(engine.ledger.counters.get('agentmon_unpriced_requests_total', ['gemini', 'gemini-3-pro']) ?? 0, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A request that did write to the cache cannot be priced by a table without cache-write prices: unpriced, not $0 for those tokens.
    const table = new PriceTable({ 'gemini-3-pro': { input: 2, output: 12, cacheRead: 0.2 } });
    assert.equal(table.costNano('gemini-3-pro', tokens({ input: 10, cacheWrite5m: 5 })), undefined);
    assert.equal(table.costNano('gemini-3-pro', tokens({ input: 10, output: 1 })), 10 * 2000 + 12_000);
  });

  it('ships no cache-write price for a provider that bills none (OpenAI, Google)', () => {
    const models = Object.entries(loadShippedPrices());
    const invented = models.filter(([id, p]) => /^(gpt|o\d|codex|gemini)/.test(id) && (p.cacheWrite5m !== undefined || p.cacheWrite1h !== undefined || p.longContext?.cacheWrite5m !== undefined));
    assert.deepEqual(invented.map(([id]) => id), []);
    // Anthropic bills both, and every Claude model has both.
    assert.deepEqual(models.filter(([id, p]) => id.startsWith('claude') && (p.cacheWrite5m === undefined || p.cacheWrite1h === undefined)).map(([id]) => id), []);
  });

  it('ships a prices.json that passes its schema, with one entry per normalized id', () => {
    const raw: unknown = JSON.parse(readFileSync(new URL('../../src/pricing/prices.json', import.meta.url), 'utf8'));
    const parsed = PriceFileSchema.safeParse(raw);
    assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
    const keys = Object.keys(parsed.data.models);
    assert.deepEqual(keys.map(normalizeModelId), keys);
    assert.ok(keys.length >= 20);
  });

  it('rejects prices that integer nano-dollars cannot hold exactly', () => {
    const bad = { updated: 'x', sources: {}, models: { m: { input: 0.0001, output: 1, cacheWrite5m: 1, cacheWrite1h: 1, cacheRead: 1 } } };
    assert.equal(PriceFileSchema.safeParse(bad).success, false);
  });
});
