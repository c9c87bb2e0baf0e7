// The two complete examples of docs/custom-logs.md, exactly as written there: the doc holds the example config files
// and fixture logs verbatim, and the engine counts what the doc says it counts.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../src/config/load.js';
import { Engine } from '../../../src/engine.js';
import { EXPORTER_DIR } from '../../fixtures/cli.js';
import { FIXTURES, recordingLogger, tokensOfType } from '../../fixtures/harness.js';

const REPO = join(EXPORTER_DIR, '..');
const DOC = readFileSync(join(REPO, 'docs', 'custom-logs.md'), 'utf8');
const EXAMPLES = {
  skill: { config: join(REPO, 'examples', 'custom-skill-runner.yaml'), log: join(FIXTURES, 'custom', 'skill-runner', 'invocations-2026-03-05.jsonl'), home: '.skill-runner/logs/invocations-2026-03-05.jsonl' },
  tool: { config: join(REPO, 'examples', 'custom-tool-runner.yaml'), log: join(FIXTURES, 'custom', 'tool-runner', 'tool-exec.jsonl'), home: 'ci-agents/tool-exec.jsonl' },
};

let home: string;
before(() => (home = mkdtempSync(join(tmpdir(), 'agentmon-custom-'))));
after(() => rmSync(home, { recursive: true, force: true }));

/** Puts the example's log where its config looks (under a temp HOME) and reads it with the real engine. */
async function scanExample(ex: (typeof EXAMPLES)[keyof typeof EXAMPLES]): Promise<Engine> {
  const target = join(home, ex.home);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(ex.log, target);
  const env = { HOME: home };
  const engine = new Engine(await loadConfig({ configFile: ex.config, stateDir: join(home, 'state') }, env), recordingLogger(), undefined, env);
  await engine.scanAll();
  await engine.tracker.closeAll();
  return engine;
}

const series = (e: Engine, metric: string): [string[], number][] => [...e.ledger.counters.values(metric)].filter((s) => s.value !== 0).map((s) => [s.labels, s.value]);

describe('docs/custom-logs.md examples', () => {
  it('the doc shows both configs and both logs verbatim', () => {
    for (const ex of Object.values(EXAMPLES)) {
      assert.ok(DOC.includes('```yaml\n' + readFileSync(ex.config, 'utf8') + '```'), `${ex.config} is not in the doc as written`);
      assert.ok(DOC.includes('```json\n' + readFileSync(ex.log, 'utf8') + '```'), `${ex.log} is not in the doc as written`);
    }
  });

  it('example 1 (skill invocations): 3 requests by agent, logged cost, 4 skill calls, 1 error, 3 sessions', async () => {
    const e = await scanExample(EXAMPLES.skill);
    assert.deepEqual(series(e, 'agentmon_requests_total').sort(), [
      [['coder', 'billing', 'claude-sonnet-4-5'], 1],
      [['planner', 'billing', 'claude-haiku-4-5'], 1],
      [['skill-runner', 'billing', 'claude-haiku-4-5'], 1],
    ]);
    assert.deepEqual(['input', 'output', 'cache_read'].map((t) => tokensOfType(e.ledger, t)), [7400, 1100, 15000]);
    assert.equal(e.ledger.counters.sum('agentmon_cost_usd_total'), 37_200_000); // nano-dollars: $0.0372
    assert.equal(e.ledger.counters.sum('agentmon_unpriced_requests_total'), 0);
    assert.deepEqual(series(e, 'agentmon_tool_calls_total').sort(), [
      [['coder', 'billing', 'apply_patch'], 1],
      [['planner', 'billing', 'search_docs'], 2],
      [['skill-runner', 'billing', 'summarize'], 1],
    ]);
    assert.deepEqual(series(e, 'agentmon_tool_errors_total'), [[['coder', 'billing', 'apply_patch', 'invalid_input'], 1]]);
    const durations = [...e.ledger.histograms.values('agentmon_tool_duration_seconds')].map((h) => [h.labels.join('/'), h.count, Math.round(h.sum * 1000)]);
    assert.deepEqual(durations.sort(), [['coder/apply_patch', 1, 2700], ['planner/search_docs', 2, 1290], ['skill-runner/summarize', 1, 900]]);
    assert.deepEqual([...e.ledger.sessions.values()].map((s) => `${s.agent}:${s.sessionId}`).sort(), ['coder:run-7f3a', 'planner:run-7f3a', 'skill-runner:run-9c1d']);
    assert.deepEqual(series(e, 'agentmon_lines_total').sort(), [[['skill-runner', 'ignored'], 1], [['skill-runner', 'malformed'], 1], [['skill-runner', 'parsed'], 5]]);
    assert.equal(e.ledger.counters.sum('agentmon_duplicate_responses_total'), 1);
    assert.ok(!JSON.stringify(e.snapshot()).includes('sk-ant-api03'), 'an unmapped field reached the state');
  });

  it('example 2 (tool executions): 4 calls, timeout and other errors, durations from the start time, secrets redacted', async () => {
    const e = await scanExample(EXAMPLES.tool);
    assert.deepEqual(series(e, 'agentmon_tool_calls_total').sort(), [
      [['tool-runner', 'infra', 'redacted'], 1],
      [['tool-runner', 'payments', 'pytest'], 2],
      [['tool-runner', 'payments', 'terraform'], 1],
    ]);
    assert.deepEqual(series(e, 'agentmon_tool_errors_total').sort(), [[['tool-runner', 'payments', 'pytest', 'timeout'], 1], [['tool-runner', 'payments', 'terraform', 'other'], 1]]);
    const durations = [...e.ledger.histograms.values('agentmon_tool_duration_seconds')].map((h) => [h.labels[1], h.count, h.sum]);
    assert.deepEqual(durations.sort(), [['pytest', 2, 342.5], ['redacted', 1, 5], ['terraform', 1, 12]]);
    assert.equal(e.ledger.counters.sum('agentmon_requests_total'), 0);
    const sessions = [...e.ledger.sessions.values()].map((s) => s.sessionId).sort();
    assert.deepEqual(sessions.slice(0, 2), ['job-1001', 'job-1002']);
    assert.match(sessions[2]!, /^redacted-[0-9a-f]{8}$/);
    const everything = JSON.stringify(e.snapshot());
    for (const secret of ['ghp_16C7e42F', 'token=abc']) assert.ok(!everything.includes(secret), `${secret} reached the exporter's state`);
    assert.deepEqual(series(e, 'agentmon_lines_total').sort(), [[['tool-runner', 'ignored'], 1], [['tool-runner', 'parsed'], 4]]);
  });
});
