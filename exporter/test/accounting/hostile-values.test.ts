// Numbers in log lines are untrusted: an absurd token count must be rejected as malformed, not poison a counter
// with Infinity (a checkpoint would then store null, and the total would be lost for good).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feed, newLedger, totalsOf } from '../fixtures/harness.js';

const claudeLine = (usage: Record<string, unknown>, id = 'H1') =>
  JSON.stringify({ cwd: '/w/shop', sessionId: 's-h', type: 'assistant', timestamp: '2026-03-12T10:00:00Z', requestId: `req_${id}`, message: { model: 'claude-sonnet-4-5', id: `msg_${id}`, usage } });
const codexLine = (total: Record<string, unknown>) =>
  JSON.stringify({ timestamp: '2026-03-12T10:00:05Z', type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: total, model: 'gpt-5-codex' } } });

/** Every counter value in the ledger. */
const allValues = (l: ReturnType<typeof newLedger>) => Object.values(l.counters.toJSON()).flatMap((series) => series.map(([, v]) => v));

describe('absurd token counts', () => {
  it('rejects a Claude line claiming 1e308 tokens and keeps every counter finite', () => {
    const ledger = newLedger();
    const results = feed(ledger, 'claude-code', [claudeLine({ input_tokens: 1e308, output_tokens: 1e308 }), claudeLine({ input_tokens: 4, output_tokens: 9 }, 'H2')]);
    assert.deepEqual(results, ['malformed', 'parsed']);
    assert.ok(allValues(ledger).every(Number.isFinite));
    assert.deepEqual([totalsOf(ledger).inputTokens, totalsOf(ledger).outputTokens, totalsOf(ledger).requests], [4, 9, 1]);
  });

  it('rejects a Codex total of 1e308 and keeps every counter finite', () => {
    const ledger = newLedger();
    const results = feed(ledger, 'codex', [codexLine({ input_tokens: 1e308, output_tokens: 1e308 }), codexLine({ input_tokens: 500, output_tokens: 20 })]);
    assert.deepEqual(results, ['malformed', 'parsed']);
    assert.ok(allValues(ledger).every(Number.isFinite));
    assert.deepEqual([totalsOf(ledger).inputTokens, totalsOf(ledger).outputTokens], [500, 20]);
  });

  it('survives a JSON round trip of the snapshot (what the checkpoint stores)', () => {
    const ledger = newLedger();
    feed(ledger, 'claude-code', [claudeLine({ cache_read_input_tokens: 1e308, output_tokens: 3 }), claudeLine({ output_tokens: 5 }, 'H3')]);
    const restored = JSON.parse(JSON.stringify(ledger.snapshot())) as ReturnType<typeof ledger.snapshot>;
    assert.deepEqual(restored.counters, ledger.snapshot().counters);
  });

  it('still takes large real counts (a long Codex session passes a billion cumulative tokens)', () => {
    const ledger = newLedger();
    feed(ledger, 'codex', [codexLine({ input_tokens: 2_400_000_000, cached_input_tokens: 2_300_000_000, output_tokens: 9_000_000 })]);
    assert.deepEqual([totalsOf(ledger).inputTokens, totalsOf(ledger).cacheReadTokens, totalsOf(ledger).outputTokens], [100_000_000, 2_300_000_000, 9_000_000]);
  });
});
