// Prices are looked up by the model id as logged; only labels use the sanitized id. Codex call ids are scoped by
// session, so two sessions reusing `call_1` keep separate tool calls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ledger } from '../../src/accounting/ledger.js';
import type { RequestEvent } from '../../src/adapters/types.js';
import { parseCodexLine } from '../../src/adapters/codex/parse.js';
import { loadShippedPrices, PriceTable } from '../../src/pricing/pricing.js';

const opts = { prices: new PriceTable(loadShippedPrices()), maxProjects: 10, maxModels: 10, maxTools: 10, retentionDays: 60, maxDedupEntries: 1000, coldRetentionDays: 400, activeWindowSeconds: 300 };

test('a model id with characters labels cannot hold is still priced, and labelled sanitized', () => {
  const warned: Record<string, unknown>[] = [];
  const l = new Ledger({ ...opts, warn: (_m, f) => warned.push(f) });
  const ev = (key: string, output: number): RequestEvent => ({
    kind: 'request', timestampMs: Date.now(), sessionId: 's', project: 'p', model: 'claude-opus-4-6[1m]', dedupKey: key,
    tokens: { input: 1_000_000, output, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 },
  });
  l.apply('claude-code', ev('k', 0));
  l.apply('claude-code', ev('k', 1_000_000)); // streamed growth is priced with the same (raw) id
  assert.equal(l.counters.sum('agentmon_unpriced_requests_total'), 0);
  assert.equal(warned.length, 0);
  const expected = new PriceTable(loadShippedPrices()).costNano('claude-opus-4-6', { input: 1_000_000, output: 1_000_000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 });
  assert.ok(expected !== undefined && expected > 0);
  assert.equal(l.counters.get('agentmon_cost_usd_total', ['claude-code', 'p', 'claude-opus-4-6_1m_']), expected);
});

test('an unpriced model is warned about with a sanitized id only', () => {
  const warned: Record<string, unknown>[] = [];
  const l = new Ledger({ ...opts, warn: (_m, f) => warned.push(f) });
  l.apply('codex', { kind: 'request', timestampMs: Date.now(), sessionId: 's', project: 'p', model: 'evil\n{"x":1}', dedupKey: null, tokens: { input: 1, output: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 } });
  assert.deepEqual(warned, [{ agent: 'codex', model: 'evil___x_:1_' }]);
});

test('Codex call ids are scoped by session', () => {
  const call = (session: string) => {
    const state = {};
    parseCodexLine(JSON.stringify({ timestamp: '2026-05-01T00:00:00Z', type: 'session_meta', payload: { id: session, cwd: '/w/x' } }), { state, path: '/x.jsonl' });
    return parseCodexLine(JSON.stringify({ timestamp: '2026-05-01T00:00:01Z', type: 'response_item', payload: { type: 'function_call', name: 'shell', arguments: '{}', call_id: 'call_1' } }), { state, path: '/x.jsonl' }).events[0];
  };
  const a = call('sess-a');
  const b = call('sess-b');
  assert.ok(a?.kind === 'tool_call' && b?.kind === 'tool_call');
  assert.notEqual(a.callId, b.callId);
});
