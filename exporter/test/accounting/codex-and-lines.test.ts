// Codex cumulative totals through the whole engine, and every line counted by result for both agents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dailyUsage } from '../../src/accounting/daily.js';
import { scanScenario, tokensOfType, totalsOf } from '../fixtures/harness.js';

describe('Codex token_count totals (fixtures/codex-turns)', () => {
  it('counts deltas of the running total, skips the re-emitted total and restarts after a decrease', async () => {
    const { engine } = await scanScenario('codex-turns');
    // Totals 8,000/1,000/200 → (same again) → 17,000/6,000/450 → reset to 3,000/0/50 → 5,000/2,000/90:
    // input 8,000 + 9,000 + 3,000 + 2,000 = 22,000 of which cached 1,000 + 5,000 + 0 + 2,000 = 8,000; output 540.
    assert.deepEqual(dailyUsage(engine.ledger.rollups.all()).daily, [
      {
        date: '2026-03-07',
        agent: 'codex',
        model: 'gpt-5-codex',
        inputTokens: 14000,
        outputTokens: 540,
        cacheCreationTokens: 0,
        cacheReadTokens: 8000,
        // 14,000 × $1.25 + 540 × $10 + 8,000 × $0.125 per million.
        costUsd: 0.0239,
        requests: 4,
      },
    ]);
  });

  it('exports the same numbers as counters, labelled by project and model', async () => {
    const { engine } = await scanScenario('codex-turns');
    const l = engine.ledger;
    assert.equal(l.counters.get('agentmon_tokens_total', ['codex', 'api', 'gpt-5-codex', 'input']), 14000);
    assert.equal(l.counters.get('agentmon_tokens_total', ['codex', 'api', 'gpt-5-codex', 'cache_read']), 8000);
    assert.equal(l.counters.get('agentmon_tokens_total', ['codex', 'api', 'gpt-5-codex', 'output']), 540);
    assert.equal(l.counters.get('agentmon_cost_usd_total', ['codex', 'api', 'gpt-5-codex']), 23_900_000);
    assert.equal(l.counters.get('agentmon_requests_total', ['codex', 'api', 'gpt-5-codex']), 4);
    assert.equal(tokensOfType(l, 'cache_write_5m') + tokensOfType(l, 'cache_write_1h'), 0);
  });

  it('counts the rate-limit-only line as parsed (it carries plan limits) and the unchanged token_count lines as ignored', async () => {
    const { engine } = await scanScenario('codex-turns');
    const lines = (result: string) => engine.ledger.counters.get('agentmon_lines_total', ['codex', result]);
    assert.deepEqual([lines('parsed'), lines('ignored'), lines('unknown_type'), lines('malformed')], [16, 1, 0, 0]);
  });
});

describe('lines by result (fixtures/lines)', () => {
  it('counts unknown, malformed and ignored Claude lines and still counts the good one', async () => {
    const { engine, log } = await scanScenario('lines');
    const lines = (result: string) => engine.ledger.counters.get('agentmon_lines_total', ['claude-code', result]);
    // snapshot + queue-operation ignored; "hologram" unknown; cut JSON, array, string, wrong usage type,
    // numeric timestamp and null malformed; one good assistant line.
    assert.deepEqual({ parsed: lines('parsed'), ignored: lines('ignored'), unknown_type: lines('unknown_type'), malformed: lines('malformed'), too_long: lines('too_long') }, { parsed: 1, ignored: 2, unknown_type: 1, malformed: 6, too_long: 0 });
    assert.equal(engine.ledger.counters.get('agentmon_tokens_total', ['claude-code', 'shop', 'claude-sonnet-4-5-20250929', 'output']), 7);
    // One warning per file with malformed lines, naming the file and not the line's text.
    const malformed = log.warnings.filter((w) => w.msg.startsWith('malformed'));
    assert.equal(malformed.length, 2);
    assert.ok(malformed.every((w) => Object.keys(w.fields).join() === 'path'));
  });

  it('counts unknown, malformed and ignored Codex lines and still counts the good one', async () => {
    const { engine } = await scanScenario('lines');
    const lines = (result: string) => engine.ledger.counters.get('agentmon_lines_total', ['codex', result]);
    // Header without type + "hologram" unknown; payload string, negative count, cut JSON malformed; info:null ignored.
    assert.deepEqual({ parsed: lines('parsed'), ignored: lines('ignored'), unknown_type: lines('unknown_type'), malformed: lines('malformed') }, { parsed: 2, ignored: 1, unknown_type: 2, malformed: 3 });
    assert.deepEqual([totalsOf(engine.ledger).requests, engine.ledger.counters.get('agentmon_tokens_total', ['codex', 'api', 'gpt-5-codex', 'input'])], [2, 1000]);
  });
});
