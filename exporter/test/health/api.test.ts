// The real exporter on logs written "now": /api/v1/health/sessions names the stuck and looping sessions, /metrics
// counts them by agent/project/reason and exports budgets and spend so far, and the text passes promtool.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { claudeSession, TEST_PRICES } from '../alerting/claude-lines.js';
import { ensureBuilt, parseMetrics, type Running, startServe, stop } from '../helpers/exporter.js';

const MIN = 60_000;

describe('session health and budgets through the running exporter', () => {
  let dir = '';
  let serve: Running;
  let loopStartMs = 0;
  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'agentmon-health-'));
    const logs = join(dir, 'projects', '-home-dev-alpha');
    mkdirSync(logs, { recursive: true });
    const now = Date.now();
    // Stuck: a prompt 6 minutes ago and nothing since (noActivityAfterPromptSeconds defaults to 300).
    const stuck = claudeSession('sess-stuck', 'alpha', () => now - 6 * MIN);
    writeFileSync(join(logs, 'sess-stuck.jsonl'), `${stuck.prompt()}\n`);
    // Looping: the same Bash command 5 times in the last 7 minutes, each failing; 100,000 output tokens each ($1).
    let t = now - 7 * MIN; // 12 lines 30 s apart: the last one 1 minute ago
    const loop = claudeSession('sess-loop', 'alpha', () => (t += 30_000));
    loopStartMs = t;
    const lines = [loop.prompt()];
    for (let i = 0; i < 5; i++) lines.push(loop.toolUse(`toolu_${i}`, 'Bash', { command: 'npm test' }, 100_000), loop.toolResult(`toolu_${i}`, true));
    lines.push(loop.text(50_000)); // $0.50: $5.50 in total today
    writeFileSync(join(logs, 'sess-loop.jsonl'), `${lines.join('\n')}\n`);
    const config = { prices: TEST_PRICES, budgets: { total: { day: 5, month: 100 }, projects: { alpha: { day: 6 } } } };
    writeFileSync(join(dir, 'agentmon.yaml'), JSON.stringify(config));
    serve = await startServe(['--config', join(dir, 'agentmon.yaml'), '--claude-dir', join(dir, 'projects'), '--state-dir', join(dir, 'state')]);
  });
  after(async () => {
    if (serve) await stop(serve);
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists which sessions are stuck or looping, and why', async () => {
    const r = await fetch(`${serve.url}/api/v1/health/sessions`);
    assert.equal(r.status, 200);
    const body = (await r.json()) as { sessionId: string; status: string; reason: string; project: string; agent: string; tool?: string; count?: number; since: string }[];
    const brief = body.map((e) => `${e.agent} ${e.sessionId} ${e.project} ${e.status} ${e.reason} ${e.tool ?? '-'} ${e.count ?? '-'}`).sort();
    assert.deepEqual(brief, ['claude-code sess-loop alpha looping repeated_tool_call Bash 5', 'claude-code sess-stuck alpha stuck no_activity - -']);
    for (const e of body) assert.match(e.since, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const looping = (await (await fetch(`${serve.url}/api/v1/health/sessions?status=looping`)).json()) as unknown[];
    assert.equal(looping.length, 1);
    assert.equal((await fetch(`${serve.url}/api/v1/health/sessions?status=sleepy`)).status, 400);
  });

  it('counts them in /metrics by agent, project and reason; budgets and spend in US dollars', async () => {
    const text = await (await fetch(`${serve.url}/metrics`)).text();
    const m = parseMetrics(text);
    assert.equal(m.get('agentmon_sessions_stuck{agent="claude-code",project="alpha",reason="no_activity"}'), 1);
    assert.equal(m.get('agentmon_sessions_looping{agent="claude-code",project="alpha",reason="repeated_tool_call"}'), 1);
    assert.equal(m.get('agentmon_budget_usd{scope="total",period="day"}'), 5);
    assert.equal(m.get('agentmon_budget_usd{scope="total",period="month"}'), 100);
    assert.equal(m.get('agentmon_budget_usd{scope="project",project="alpha",period="day"}'), 6);
    // $5.50 spent in the last 7 minutes; near 00:00 UTC part of it falls on yesterday (each priced line is 30 s apart).
    const dayStart = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    const monthStart = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1);
    const costs = [1, 1, 1, 1, 1, 0.5].map((usd, i) => ({ usd, ts: loopStartMs + 30_000 * (2 + 2 * i) }));
    const since = (from: number) => costs.filter((c) => c.ts >= from).reduce((a, c) => a + c.usd, 0);
    assert.equal(m.get('agentmon_spend_usd{scope="total",period="day"}'), since(dayStart));
    assert.equal(m.get('agentmon_spend_usd{scope="project",project="alpha",period="day"}'), since(dayStart));
    assert.equal(m.get('agentmon_spend_usd{scope="project",project="alpha",period="month"}'), since(monthStart));
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stderr + lint.stdout);
  });
});
