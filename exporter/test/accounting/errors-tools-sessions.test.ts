// API errors, tool calls and results, sessions and prompts: each counted once, whichever file repeats them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ledger } from '../../src/accounting/ledger.js';
import { scanScenario, totalsOf } from '../fixtures/harness.js';

const c = (ledger: Ledger, metric: string, labels: string[]) => ledger.counters.get(metric, labels);
const histogram = (ledger: Ledger, metric: string, labels: string[]) => {
  const h = [...ledger.histograms.values(metric)].find((v) => v.labels.join() === labels.join());
  return h && { count: h.count, sum: h.sum };
};

describe('API errors (fixtures/errors)', () => {
  it('counts each retry line and each <synthetic> error message once, by kind, across files', async () => {
    const { engine } = await scanScenario('errors');
    const l = engine.ledger;
    // File 1: two 529 retries + a 529 synthetic message, one 429 retry + a 429 synthetic message.
    // File 2 copies one retry of each (same uuid) and adds a 500 retry.
    assert.equal(c(l, 'agentmon_api_errors_total', ['claude-code', 'shop', 'overloaded']), 3);
    assert.equal(c(l, 'agentmon_api_errors_total', ['claude-code', 'shop', 'rate_limit']), 2);
    assert.equal(c(l, 'agentmon_api_errors_total', ['claude-code', 'shop', 'server']), 1);
    assert.equal(l.counters.sum('agentmon_api_errors_total'), 6);
  });

  it('never turns error messages into usage, requests or unpriced models', async () => {
    const { engine, log } = await scanScenario('errors');
    assert.deepEqual([...engine.ledger.rollups.all()], []);
    assert.equal(totalsOf(engine.ledger).requests, 0);
    assert.equal(engine.ledger.counters.sum('agentmon_requests_total'), 0);
    assert.equal(engine.ledger.counters.sum('agentmon_unpriced_requests_total'), 0);
    assert.deepEqual(log.warnings.filter((w) => w.msg.includes('price')), []);
  });
});

describe('tool calls and results', () => {
  it('counts calls by tool, errors by category, and times each call to its result (fixtures/stream)', async () => {
    const { engine } = await scanScenario('stream');
    const l = engine.ledger;
    assert.equal(c(l, 'agentmon_tool_calls_total', ['claude-code', 'shop', 'Grep']), 1);
    assert.equal(c(l, 'agentmon_tool_calls_total', ['claude-code', 'shop', 'Read']), 1);
    assert.equal(c(l, 'agentmon_tool_errors_total', ['claude-code', 'shop', 'Read', 'not_found']), 1);
    assert.equal(l.counters.sum('agentmon_tool_errors_total'), 1);
    // Grep called 11:00:01, answered 11:00:03.5; Read called 11:00:02, answered 11:00:04.
    assert.deepEqual(histogram(l, 'agentmon_tool_duration_seconds', ['claude-code', 'Grep']), { count: 1, sum: 2.5 });
    assert.deepEqual(histogram(l, 'agentmon_tool_duration_seconds', ['claude-code', 'Read']), { count: 1, sum: 2 });
  });

  it('times responses from the prompt or tool result before them (fixtures/stream)', async () => {
    const { engine } = await scanScenario('stream');
    // 10:59:50 prompt → 10:59:58 first line (8 s); 11:00:04 tool result → 11:00:09 (5 s).
    assert.deepEqual(histogram(engine.ledger, 'agentmon_response_duration_seconds', ['claude-code', 'claude-sonnet-4-5-20250929']), { count: 2, sum: 13 });
  });

  it('does not count a call or result again when a resumed file copies it (fixtures/resume)', async () => {
    const { engine } = await scanScenario('resume');
    const l = engine.ledger;
    assert.equal(c(l, 'agentmon_tool_calls_total', ['claude-code', 'shop', 'Bash']), 1);
    assert.equal(c(l, 'agentmon_tool_errors_total', ['claude-code', 'shop', 'Bash', 'exit_code']), 1);
    // The copied result finds no pending call; counted again it would land under tool "unknown".
    assert.equal(l.counters.sum('agentmon_tool_errors_total'), 1);
    assert.deepEqual(histogram(l, 'agentmon_tool_duration_seconds', ['claude-code', 'Bash']), { count: 1, sum: 30 });
    assert.equal(c(l, 'agentmon_api_errors_total', ['claude-code', 'shop', 'overloaded']), 1);
  });

  it('counts Codex function calls and failed exit codes (fixtures/codex-turns)', async () => {
    const { engine } = await scanScenario('codex-turns');
    const l = engine.ledger;
    assert.equal(c(l, 'agentmon_tool_calls_total', ['codex', 'api', 'exec_command']), 2);
    assert.equal(c(l, 'agentmon_tool_errors_total', ['codex', 'api', 'exec_command', 'exit_code']), 1);
    assert.equal(l.counters.sum('agentmon_tool_errors_total'), 1);
    assert.deepEqual(histogram(l, 'agentmon_tool_duration_seconds', ['codex', 'exec_command']), { count: 2, sum: 2.8 });
  });
});

describe('sessions and prompts', () => {
  it('counts a session once however many files carry its id (fixtures/sidechain)', async () => {
    const { engine } = await scanScenario('sidechain');
    assert.equal(c(engine.ledger, 'agentmon_sessions_total', ['claude-code', 'shop']), 1);
  });

  it('counts prompts, and a copied prompt once (fixtures/resume)', async () => {
    const { engine } = await scanScenario('resume');
    // Sessions ...02 (first file, copied into the second) and ...03 (the new lines of the second file).
    assert.equal(c(engine.ledger, 'agentmon_sessions_total', ['claude-code', 'shop']), 2);
    assert.equal(c(engine.ledger, 'agentmon_prompts_total', ['claude-code', 'shop']), 2);
  });

  it('counts one prompt and one session per agent (fixtures/stream, fixtures/codex-turns)', async () => {
    const claude = (await scanScenario('stream')).engine.ledger;
    assert.deepEqual([c(claude, 'agentmon_prompts_total', ['claude-code', 'shop']), c(claude, 'agentmon_sessions_total', ['claude-code', 'shop'])], [1, 1]);
    const codex = (await scanScenario('codex-turns')).engine.ledger;
    assert.deepEqual([c(codex, 'agentmon_prompts_total', ['codex', 'api']), c(codex, 'agentmon_sessions_total', ['codex', 'api'])], [1, 1]);
  });
});
