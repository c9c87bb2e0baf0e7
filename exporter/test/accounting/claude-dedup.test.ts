// Claude Code responses counted once: across content-block lines, streamed partials, copied files, Bedrock ids and
// subagent files. Engine passes over test/fixtures/<scenario> plus ledger runs on literal lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dailyUsage } from '../../src/accounting/daily.js';
import { feed, newLedger, scanScenario, tokensOfType, totalsOf } from '../fixtures/harness.js';

const HOUR = (iso: string) => Date.parse(iso) / 1000;

describe('one response written as several lines (fixtures/stream)', () => {
  it('counts each response once with its final output (4 lines of 10,10,10,299 → 299)', async () => {
    const { engine } = await scanScenario('stream');
    assert.deepEqual(totalsOf(engine.ledger), {
      inputTokens: 10,
      outputTokens: 341,
      cacheCreationTokens: 3500,
      cacheReadTokens: 27000,
      costUsd: 0.03087,
      requests: 2,
    });
    assert.equal(engine.ledger.counters.get('agentmon_requests_total', ['claude-code', 'shop', 'claude-sonnet-4-5-20250929']), 2);
    assert.equal(tokensOfType(engine.ledger, 'output'), 341);
    // Two block lines added nothing (10 then 10); the third grew the output and is not a duplicate.
    assert.equal(engine.ledger.counters.get('agentmon_duplicate_responses_total', ['claude-code']), 2);
  });

  it('adds the growth to the hour of the first line, even when later lines cross the hour', async () => {
    const { engine } = await scanScenario('stream');
    const rows = [...engine.ledger.rollups.all()].map((r) => [r.hourStartSec, r.outputTokens, r.requests, r.project, r.model]);
    assert.deepEqual(rows, [
      [HOUR('2026-03-02T10:00:00Z'), 299, 1, 'shop', 'claude-sonnet-4-5-20250929'],
      [HOUR('2026-03-02T11:00:00Z'), 42, 1, 'shop', 'claude-sonnet-4-5-20250929'],
    ]);
  });

  it('splits cache writes into 5m and 1h and puts unsplit writes in 5m', async () => {
    const { engine } = await scanScenario('stream');
    assert.equal(tokensOfType(engine.ledger, 'cache_write_5m'), 1500);
    assert.equal(tokensOfType(engine.ledger, 'cache_write_1h'), 2000);
  });
});

describe('streamed partials in any order (ledger)', () => {
  const line = (output: number, ts: string, id = 'msg_01OrderAAAAAAAAAAAAAAA') =>
    `{"cwd":"/home/dev/shop","sessionId":"5e551010-aaaa-4bbb-8ccc-0000000000a2","type":"assistant","uuid":"a2-${output}-${ts}","timestamp":"${ts}","requestId":"req_${id}","message":{"model":"claude-sonnet-4-5-20250929","id":"${id}","role":"assistant","content":[{"type":"text","text":"x"}],"usage":{"input_tokens":5,"cache_read_input_tokens":100,"output_tokens":${output}}}}`;

  it('keeps the larger value when a smaller repeat arrives after it (no decrease)', () => {
    const ledger = newLedger();
    feed(ledger, 'claude-code', [line(299, '2026-03-02T10:00:00Z'), line(10, '2026-03-02T10:00:01Z'), line(10, '2026-03-02T10:00:02Z')]);
    assert.deepEqual([totalsOf(ledger).outputTokens, totalsOf(ledger).requests, totalsOf(ledger).inputTokens], [299, 1, 5]);
    assert.equal(ledger.counters.get('agentmon_duplicate_responses_total', ['claude-code']), 2);
  });

  it('prices the grown response exactly once (cost of 299 output, not 10 + 299)', () => {
    const ledger = newLedger();
    feed(ledger, 'claude-code', [line(10, '2026-03-02T10:59:59Z'), line(299, '2026-03-02T11:00:03Z')]);
    // 5 × $3 + 100 × $0.30 + 299 × $15 per million = 15,000 + 30,000 + 4,485,000 nano-dollars.
    assert.equal(ledger.counters.get('agentmon_cost_usd_total', ['claude-code', 'shop', 'claude-sonnet-4-5-20250929']), 4_530_000);
    assert.deepEqual([...ledger.rollups.all()].map((r) => [r.hourStartSec, r.outputTokens, r.costNano]), [[HOUR('2026-03-02T10:00:00Z'), 299, 4_530_000]]);
  });
});

describe('copies across files (fixtures/resume)', () => {
  it('does not count a resumed file’s copies of old responses again', async () => {
    const { engine } = await scanScenario('resume');
    const t = totalsOf(engine.ledger);
    assert.deepEqual([t.requests, t.inputTokens, t.outputTokens, t.cacheReadTokens, t.cacheCreationTokens], [3, 10, 252, 25400, 200]);
    // 1 repeated block line in the first file + 3 copied response lines in the second.
    assert.equal(engine.ledger.counters.get('agentmon_duplicate_responses_total', ['claude-code']), 4);
  });

  it('gives the same total whichever file is read first', () => {
    const a = newLedger();
    const b = newLedger();
    const first = [
      '{"cwd":"/home/dev/shop","sessionId":"s-1","type":"assistant","uuid":"u1","timestamp":"2026-03-03T09:00:04Z","requestId":"req_01X","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_01X","usage":{"input_tokens":3,"output_tokens":120}}}',
    ];
    const copy = [...first, '{"cwd":"/home/dev/shop","sessionId":"s-2","type":"assistant","uuid":"u2","timestamp":"2026-03-03T14:10:06Z","requestId":"req_01Y","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_01Y","usage":{"input_tokens":5,"output_tokens":77}}}'];
    feed(a, 'claude-code', first, '/p/s-1.jsonl');
    feed(a, 'claude-code', copy, '/p/s-2.jsonl');
    feed(b, 'claude-code', copy, '/p/s-2.jsonl');
    feed(b, 'claude-code', first, '/p/s-1.jsonl');
    assert.deepEqual(totalsOf(a), totalsOf(b));
    assert.deepEqual([totalsOf(a).requests, totalsOf(a).outputTokens], [2, 197]);
  });
});

describe('Bedrock and proxies (fixtures/bedrock)', () => {
  it('dedups on message.id without requestId, and keeps two requestIds of one message.id apart', async () => {
    const { engine } = await scanScenario('bedrock');
    const { daily } = dailyUsage(engine.ledger.rollups.all());
    assert.deepEqual(daily, [
      {
        date: '2026-03-04',
        agent: 'claude-code',
        model: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
        inputTokens: 26,
        outputTokens: 240,
        cacheCreationTokens: 400,
        cacheReadTokens: 0,
        costUsd: 0.0013808,
        requests: 3,
      },
    ]);
  });
});

describe('subagent files (fixtures/sidechain)', () => {
  it('counts sidechain usage in subagents/ and in old agent-<id>.jsonl files, and the session once', async () => {
    const { engine } = await scanScenario('sidechain');
    const byModel = dailyUsage(engine.ledger.rollups.all()).daily.map((r) => [r.model, r.requests, r.outputTokens]);
    assert.deepEqual(byModel, [
      ['claude-haiku-4-5-20251001', 2, 464],
      ['claude-sonnet-4-5-20250929', 2, 50],
    ]);
    assert.equal(engine.ledger.counters.sum('agentmon_sessions_total'), 1);
  });
});
