// Plan-limit rules on real parts: the exporter (`serve`) tails a Codex rollout the test appends token_count lines to
// and reads `agentmon statusline` readings; a real Prometheus scrapes it every second and evaluates the shipped rule
// files unchanged. Without plan data nothing is recorded or alerted; then Claude Code's 5-hour window at 95 % fires
// AgentmonPlanWindowNearlyUsed, and Codex's 5-hour window rising fast records a positive pace and a projection past
// 100 %, which puts AgentmonPlanWindowForecastExhausted in pending (its `for: 15m` is not waited out here), while the
// flat 7-day window projects to where it is and stays quiet.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { CLI, ensureBuilt, freePort, sleep } from '../helpers/exporter.js';
import { codexHeader } from '../helpers/lines.js';
import { codexLimitsLine, runStatusline, statusPayload } from '../helpers/plan-lines.js';
import { ensureTools, RULES_DIR, type Server, startPrometheus, stopServer, waitFor } from './tools.js';

const dir = mkdtempSync(join(tmpdir(), 'agentmon-plan-rules-'));
const state = join(dir, 'state');
const rollout = join(dir, 'codex', '2026', '05', '12', 'rollout-0197cccc-0000-7000-8000-000000000003.jsonl');
const nowS = (): number => Math.floor(Date.now() / 1000);
let exporter: ChildProcess | undefined;
let prom: Server | undefined;
let exporterPort = 0;

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(expr: string): Promise<Sample[]> {
  const r = await fetch(`${prom!.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await r.json()) as { status: string; data: { result: Sample[] }; error?: string };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data.result;
}

async function alerts(): Promise<{ labels: Record<string, string>; state: string }[]> {
  const body = (await (await fetch(`${prom!.url}/api/v1/alerts`)).json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } };
  return body.data.alerts.filter((a) => a.labels.alertname?.startsWith('AgentmonPlan'));
}

const codexLine = (fivePercent: number, resets5h: number, resets7d: number): string =>
  codexLimitsLine({ ts: new Date().toISOString(), limitId: 'codex', planType: 'plus', primary: { usedPercent: fivePercent, windowMinutes: 300, resetsAt: resets5h }, secondary: { usedPercent: 20, windowMinutes: 10080, resetsAt: resets7d } });

before(async () => {
  ensureTools();
  ensureBuilt();
  mkdirSync(join(dir, 'codex', '2026', '05', '12'), { recursive: true });
  mkdirSync(join(dir, 'claude'), { recursive: true });
  writeFileSync(rollout, `${codexHeader({ ts: new Date().toISOString(), id: '0197cccc-0000-7000-8000-000000000003', cwd: '/home/dev/api' })}\n`);
  writeFileSync(join(dir, 'agentmon.yaml'), 'tail: { rescanIntervalSeconds: 1, checkpointIntervalSeconds: 1 }\n');
  exporterPort = await freePort();
  const args = [CLI, 'serve', '--config', join(dir, 'agentmon.yaml'), '--codex-dir', join(dir, 'codex'), '--claude-dir', join(dir, 'claude'), '--claude-dir', join(state, 'hooks'), '--state-dir', state, '--port', String(exporterPort)];
  const proc = spawn(process.execPath, args, { env: { ...process.env, HOME: dir, AGENTMON_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  exporter = proc;
  await waitFor('the exporter to be ready', async () => {
    if (proc.exitCode !== null) throw new Error(`exporter exited ${proc.exitCode}`);
    return (await fetch(`http://127.0.0.1:${exporterPort}/readyz`).then((r) => r.ok).catch(() => false)) || undefined;
  }, 30_000, 100);
  // Test timing only: scrape and evaluate every second. The rule files are the shipped ones, as they are.
  const promConfig = join(dir, 'prometheus.yml');
  writeFileSync(promConfig, [
    'global: {scrape_interval: 1s, evaluation_interval: 1s}',
    `rule_files: ['${join(RULES_DIR, '*.rules.yml')}']`,
    `scrape_configs: [{job_name: agentmon, static_configs: [{targets: ['127.0.0.1:${exporterPort}']}]}]`,
  ].join('\n'));
  prom = await startPrometheus(promConfig, join(dir, 'prom-data'));
});

after(async () => {
  await stopServer(prom);
  if (exporter && exporter.exitCode === null) {
    const done = new Promise<void>((resolve) => exporter!.once('exit', () => resolve()));
    exporter.kill('SIGTERM');
    await done;
  }
  rmSync(dir, { recursive: true, force: true });
});

it('records nothing and alerts nothing while no agent has reported plan limits', async () => {
  await waitFor('a few scrapes and rule evaluations', async () => ((await query('count_over_time(up{job="agentmon"}[1m]) >= 3')).length > 0 ? true : undefined), 30_000);
  assert.deepEqual(await query('agentmon_plan_usage_ratio'), []);
  assert.deepEqual(await query('agentmon:plan_usage_ratio_per_hour:deriv1h or agentmon:plan_usage_ratio:projected_at_reset'), []);
  assert.deepEqual(await alerts(), []);
});

it('Claude Code\'s 5-hour window at 95 % (from agentmon statusline) fires AgentmonPlanWindowNearlyUsed', async () => {
  const r = await runStatusline(state, statusPayload({ session: 'sess-p', project: 'shop', fiveHour: [95, nowS() + 2 * 3600], sevenDay: [40, nowS() + 3 * 86400], contextPercent: 30 }));
  assert.equal(r.code, 0);
  const firing = await waitFor('AgentmonPlanWindowNearlyUsed firing', async () => (await alerts()).find((a) => a.labels.alertname === 'AgentmonPlanWindowNearlyUsed' && a.state === 'firing'), 30_000);
  assert.deepEqual(firing.labels, { alertname: 'AgentmonPlanWindowNearlyUsed', severity: 'warning', agent: 'claude-code', window: '5h', job: 'agentmon', instance: `127.0.0.1:${exporterPort}` });
  assert.deepEqual((await query('agentmon_plan_usage_ratio{agent="claude-code"}')).map((s) => [s.metric.window, Number(s.value[1])]).sort(), [['5h', 0.95], ['7d', 0.4]]);
  // The 7-day window at 40 % is below the threshold.
  assert.equal((await alerts()).filter((a) => a.labels.window === '7d').length, 0);
});

it('Codex\'s 5-hour window rising fast projects past 100 % and puts the forecast alert in pending; the flat 7-day one does not', async () => {
  const resets5h = nowS() + 4 * 3600;
  const resets7d = nowS() + 5 * 86400;
  // 30 % up 2 points a second: at that pace the window would be used up within a minute.
  for (let used = 30; used <= 50; used += 2) {
    appendFileSync(rollout, `${codexLine(used, resets5h, resets7d)}\n`);
    await sleep(1000);
  }
  const pending = await waitFor('AgentmonPlanWindowForecastExhausted pending for codex 5h', async () =>
    (await alerts()).find((a) => a.labels.alertname === 'AgentmonPlanWindowForecastExhausted' && a.labels.agent === 'codex' && a.labels.window === '5h'), 30_000);
  assert.equal(pending.state, 'pending');
  const pace = Number((await query('agentmon:plan_usage_ratio_per_hour:deriv1h{agent="codex",window="5h"}'))[0]?.value[1]);
  assert.ok(pace > 1, `pace ${pace} of the window per hour`);
  const projected = await query('agentmon:plan_usage_ratio:projected_at_reset{agent="codex"}');
  const byWindow = Object.fromEntries(projected.map((s) => [s.metric.window, Number(s.value[1])]));
  assert.ok(byWindow['5h']! > 1, `5h projected at ${byWindow['5h']}`);
  // The 7-day window has not moved: its projection is what is used now, and no alert is pending for it.
  assert.equal(byWindow['7d'], 0.2);
  assert.equal((await alerts()).filter((a) => a.labels.agent === 'codex' && a.labels.window === '7d').length, 0);
  // Codex's plan type rides along.
  assert.deepEqual((await query('agentmon_plan_info')).map((s) => [s.metric.agent, s.metric.plan_type]), [['codex', 'plus']]);
});
