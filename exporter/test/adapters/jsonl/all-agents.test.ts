// "Done when": scan and serve read Claude Code, Codex, Gemini CLI and a custom log together, from the default
// locations under HOME plus the config's custom: section, with the same counts as each adapter alone.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { agentmon, EXPORTER_DIR } from '../../fixtures/cli.js';
import { FIXTURES } from '../../fixtures/harness.js';
import { ensureBuilt, type Running, startServe, stop, sumMetric, waitForMetrics } from '../../helpers/exporter.js';

const CONFIG = join(EXPORTER_DIR, '..', 'examples', 'custom-skill-runner.yaml');
/** Hand counts per agent label: [requests, input, output, cacheRead] (see the fixtures' READMEs and the docs). */
const EXPECTED: Record<string, number[]> = {
  'claude-code': [2, 10, 341, 27_000], // fixtures/stream
  codex: [4, 14_000, 540, 8_000], // fixtures/codex-turns
  gemini: [5, 7_740, 840, 22_400], // fixtures/gemini legacy + jsonl
  planner: [1, 1_200, 80, 3_000], // docs/custom-logs.md example 1
  coder: [1, 5_400, 900, 12_000],
  'skill-runner': [1, 800, 120, 0],
};

describe('all agents and a custom log together', () => {
  let home = '';
  before(() => {
    ensureBuilt();
    home = mkdtempSync(join(tmpdir(), 'agentmon-all-'));
    // The agents' default locations under HOME.
    cpSync(join(FIXTURES, 'stream', 'claude'), join(home, '.claude', 'projects'), { recursive: true });
    cpSync(join(FIXTURES, 'codex-turns', 'codex'), join(home, '.codex', 'sessions'), { recursive: true });
    for (const f of ['legacy', 'jsonl']) cpSync(join(FIXTURES, 'gemini', f, 'gemini', 'tmp'), join(home, '.gemini', 'tmp'), { recursive: true });
    mkdirSync(join(home, '.skill-runner', 'logs'), { recursive: true });
    cpSync(join(FIXTURES, 'custom', 'skill-runner', 'invocations-2026-03-05.jsonl'), join(home, '.skill-runner', 'logs', 'invocations-2026-03-05.jsonl'));
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  it('scan --json: every agent with its own hand-counted totals', async () => {
    const out = JSON.parse(await agentmon(['scan', '--json', '--config', CONFIG], { HOME: home, XDG_STATE_HOME: join(home, 'state') })) as { daily: Record<string, number | string>[] };
    const byAgent: Record<string, number[]> = {};
    for (const r of out.daily) {
      const sum = (byAgent[r.agent as string] ??= [0, 0, 0, 0]);
      [r.requests, r.inputTokens, r.outputTokens, r.cacheReadTokens].forEach((n, i) => (sum[i] = sum[i]! + Number(n)));
    }
    assert.deepEqual(byAgent, EXPECTED);
  });

  describe('serve', () => {
    let serve: Running;
    before(async () => {
      serve = await startServe(['--config', CONFIG, '--state-dir', join(home, 'serve-state')], { HOME: home });
    });
    after(async () => {
      if (serve) await stop(serve);
    });

    it('/metrics counts the same per agent; the API lists sessions of every agent, custom ones included', async () => {
      const m = await waitForMetrics(serve.url, (x) => sumMetric(x, 'agentmon_requests_total') === 14);
      for (const [agent, [requests, input]] of Object.entries(EXPECTED)) {
        assert.equal(sumMetric(m, 'agentmon_requests_total', { agent }), requests, agent);
        assert.equal(sumMetric(m, 'agentmon_tokens_total', { agent, type: 'input' }), input, agent);
      }
      const sessions = ((await (await fetch(`${serve.url}/api/v1/sessions?limit=100`)).json()) as { items: { agent: string }[] }).items;
      assert.deepEqual([...new Set(sessions.map((s) => s.agent))].sort(), ['claude-code', 'coder', 'codex', 'gemini', 'planner', 'skill-runner']);
      const planner = ((await (await fetch(`${serve.url}/api/v1/sessions?agent=planner`)).json()) as { items: { sessionId: string }[] }).items;
      assert.deepEqual(planner.map((s) => s.sessionId), ['run-7f3a']);
    });

    it("a legacy Gemini chat's timeline is read from the whole document", async () => {
      const detail = (await (await fetch(`${serve.url}/api/v1/sessions/${encodeURIComponent('gemini:9a1e0c2d-0000-4000-8000-00000000000a')}`)).json()) as { timeline: { kind: string }[] };
      assert.deepEqual(detail.timeline.map((t) => t.kind), ['prompt', 'response', 'tool_call', 'tool_call', 'tool_result', 'tool_result', 'api_error', 'response']);
    });

    it('new lines in each agent\'s logs are counted live', async () => {
      const gemini = join(home, '.gemini', 'tmp', 'shop', 'chats');
      const [jsonl] = readdirSync(gemini);
      appendFileSync(join(gemini, jsonl!), `${JSON.stringify({ id: 'g9', timestamp: '2026-03-02T11:00:00.000Z', type: 'gemini', model: 'gemini-2.5-flash', tokens: { input: 100, output: 5, cached: 40, thoughts: 5 } })}\n`);
      appendFileSync(join(home, '.skill-runner', 'logs', 'invocations-2026-03-05.jsonl'), `${JSON.stringify({ ts: '2026-03-05T15:00:00Z', event: 'skill_end', invocation_id: 'inv-9', run_id: 'run-9c1d', skill: 'summarize', model: 'claude-haiku-4-5', usage: { input_tokens: 10 }, cost_usd: 0.5, duration_ms: 10, status: 'ok' })}\n`);
      const m = await waitForMetrics(serve.url, (x) => sumMetric(x, 'agentmon_requests_total') === 16);
      assert.equal(sumMetric(m, 'agentmon_tokens_total', { agent: 'gemini', type: 'input' }), 7_740 + 60);
      assert.equal(sumMetric(m, 'agentmon_tokens_total', { agent: 'gemini', type: 'output' }), 840 + 10);
      assert.equal(sumMetric(m, 'agentmon_cost_usd_total', { agent: 'skill-runner' }), 0.0014 + 0.5);
    });
  });
});
