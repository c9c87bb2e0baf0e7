// End to end with real parts: the exporter (`serve`) tails Claude Code logs written by the test, a real Prometheus
// scrapes it every second and evaluates the shipped rule files (alert-rules/*.rules.yml, unchanged), and a real
// Alertmanager with the shipped config notifies a webhook. Three alerts cross, reach Alertmanager's API with their
// labels and annotations, reach the webhook, and resolve:
//   AgentmonBudgetExceeded      $6 spent today over a $5 daily budget; resolves when the budget is raised to $50
//                               in the config and the exporter restarts (the same state dir: counters resume)
//   AgentmonToolErrorRatioHigh  20 of 24 tool calls fail; resolves when 100 successful calls follow
//   AgentmonSessionLooping      one Bash command repeated 5 times; resolves when the repeat window (90 s in the
//                               test config) has passed without more repeats
// About 2 minutes: the looping and tool-error alerts wait their `for: 1m`.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { claudeSession, TEST_PRICES } from './claude-lines.js';
import { CLI, ensureBuilt, freePort, sleep, track } from '../helpers/exporter.js';
import { startWebhookSink, type Sink, type WebhookNotification } from './sinks.js';
import { amAlerts, type AmAlert, ensureTools, renderAlertmanagerConfig, RULES_DIR, type Server, startAlertmanager, startPrometheus, stopServer, waitFor } from './tools.js';

const dir = mkdtempSync(join(tmpdir(), 'agentmon-e2e-'));
const logs = join(dir, 'projects');
let exporterPort = 0;
let exporter: ChildProcess | undefined;
let am: Server | undefined;
let prom: Server | undefined;
let hook: Sink<WebhookNotification>;

/** Writes the exporter config: test prices, a daily budget, and health thresholds that only looping can cross. */
function writeConfig(dailyBudgetUsd: number): string {
  const file = join(dir, 'agentmon.yaml');
  const config = {
    prices: TEST_PRICES,
    budgets: { total: { day: dailyBudgetUsd } },
    health: { looping: { repeatedCalls: 5, repeatWindowSeconds: 90 }, stuck: { noActivityAfterPromptSeconds: 3600, responsePendingSeconds: 3600 } },
    tail: { rescanIntervalSeconds: 1, checkpointIntervalSeconds: 1 },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

async function startExporter(): Promise<void> {
  const args = [CLI, 'serve', '--config', join(dir, 'agentmon.yaml'), '--claude-dir', logs, '--state-dir', join(dir, 'state'), '--port', String(exporterPort)];
  const proc = track(spawn(process.execPath, args, { env: { ...process.env, HOME: dir, AGENTMON_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] }));
  exporter = proc;
  await waitFor('the exporter to be ready', async () => {
    if (proc.exitCode !== null) throw new Error(`exporter exited ${proc.exitCode}`);
    return (await fetch(`http://127.0.0.1:${exporterPort}/readyz`).then((r) => r.ok).catch(() => false)) || undefined;
  }, 30_000, 100);
}

async function stopExporter(): Promise<void> {
  const proc = exporter;
  if (!proc || proc.exitCode !== null) return;
  const done = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  await done;
}

const alertNamed = (name: string) => async (): Promise<AmAlert | undefined> => (await amAlerts(am!)).find((a) => a.labels.alertname === name);
const goneFromAlertmanager = (name: string) => async (): Promise<true | undefined> => ((await alertNamed(name)()) ? undefined : true);
const notified = (name: string, status: 'firing' | 'resolved') => async (): Promise<true | undefined> =>
  hook.received.some((n) => n.status === status && n.alerts.some((a) => a.labels.alertname === name && a.status === status)) || undefined;

before(async () => {
  ensureTools();
  ensureBuilt();
  // Spend is per UTC day: a run across midnight would put the test's spend on two days. The spend below is dated
  // SPEND_AGE_MS in the past, so the wait goes past midnight by more than that (a 2 s margin once dated the spend to
  // the day before, 3 s before midnight, and the budget alert never fired).
  const SPEND_AGE_MS = 5000;
  const msToMidnight = 86_400_000 - (Date.now() % 86_400_000);
  if (msToMidnight < 4 * 60_000) await sleep(msToMidnight + SPEND_AGE_MS + 5000);

  const alpha = join(logs, '-home-dev-alpha');
  const beta = join(logs, '-home-dev-beta');
  mkdirSync(alpha, { recursive: true });
  mkdirSync(beta, { recursive: true });
  const spender = claudeSession('sess-spend', 'alpha', () => Date.now() - SPEND_AGE_MS);
  writeFileSync(join(alpha, 'sess-spend.jsonl'), `${[spender.prompt(), spender.text(600_000)].join('\n')}\n`); // $6
  // The tool-call series exist before Prometheus first scrapes: rate() sees only increases after that.
  const tools = claudeSession('sess-tools', 'beta');
  writeFileSync(join(beta, 'sess-tools.jsonl'), `${[tools.prompt(), tools.toolUse('t-0', 'Bash', { command: 'npm test' }), tools.toolResult('t-0', true), tools.toolUse('t-1', 'Read', { file: 'a.ts' }), tools.toolResult('t-1', false)].join('\n')}\n`);
  writeFileSync(join(alpha, 'sess-loop.jsonl'), `${claudeSession('sess-loop', 'alpha').prompt()}\n`);

  exporterPort = await freePort();
  writeConfig(5);
  await startExporter();

  hook = await startWebhookSink();
  const amConfig = join(dir, 'alertmanager.yml');
  const rendered = renderAlertmanagerConfig(amConfig, { AGENTMON_ALERT_WEBHOOK_URL: hook.url, AGENTMON_ALERT_GROUP_WAIT: '1s', AGENTMON_ALERT_GROUP_INTERVAL: '2s' });
  assert.equal(rendered.status, 0, rendered.stderr);
  am = await startAlertmanager(amConfig, join(dir, 'am-data'));

  // Test timing only: scrape and evaluate every second. The rule files are the shipped ones, as they are.
  const promConfig = join(dir, 'prometheus.yml');
  writeFileSync(promConfig, [
    'global: {scrape_interval: 1s, evaluation_interval: 1s}',
    `rule_files: ['${join(RULES_DIR, '*.rules.yml')}']`,
    `alerting: {alertmanagers: [{static_configs: [{targets: ['127.0.0.1:${am.port}']}]}]}`,
    `scrape_configs: [{job_name: agentmon, static_configs: [{targets: ['127.0.0.1:${exporterPort}']}]}]`,
  ].join('\n'));
  prom = await startPrometheus(promConfig, join(dir, 'prom-data'));
});

after(async () => {
  await stopServer(prom);
  await stopServer(am);
  await stopExporter();
  await hook?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('budget exceeded: reaches Alertmanager and the webhook, resolves when the budget is raised', async () => {
  const instance = `127.0.0.1:${exporterPort}`;
  const a = await waitFor('AgentmonBudgetExceeded in Alertmanager', alertNamed('AgentmonBudgetExceeded'), 30_000);
  assert.deepEqual(a.labels, { alertname: 'AgentmonBudgetExceeded', severity: 'critical', scope: 'total', period: 'day', job: 'agentmon', instance });
  assert.deepEqual(a.annotations, {
    summary: 'Total daily AI agent budget exceeded',
    description: `All agents together have spent $6.00 this UTC day, at or above the budget of $5.00 (agentmon at ${instance}).`,
    runbook_url: 'https://github.com/agentmon/agentmon/blob/main/docs/runbooks/AgentmonBudgetExceeded.md',
  });
  assert.deepEqual(a.receivers.map((r) => r.name), ['agentmon-critical']);
  await waitFor('the budget webhook notification', notified('AgentmonBudgetExceeded', 'firing'), 15_000);

  await stopExporter();
  writeConfig(50);
  await startExporter();
  await waitFor('AgentmonBudgetExceeded to resolve', goneFromAlertmanager('AgentmonBudgetExceeded'), 30_000);
  await waitFor('the budget resolved notification', notified('AgentmonBudgetExceeded', 'resolved'), 15_000);
});

it('tool errors and a looping session: reach Alertmanager and the webhook, then resolve', async () => {
  const instance = `127.0.0.1:${exporterPort}`;
  const tools = claudeSession('sess-tools', 'beta');
  const failing: string[] = [];
  for (let i = 0; i < 24; i++) failing.push(tools.toolUse(`f-${i}`, 'Bash', { command: `npm test -- case${i}` }), tools.toolResult(`f-${i}`, i < 20));
  appendFileSync(join(logs, '-home-dev-beta', 'sess-tools.jsonl'), `${failing.join('\n')}\n`);
  const loop = claudeSession('sess-loop', 'alpha');
  const repeats: string[] = [];
  for (let i = 0; i < 5; i++) repeats.push(loop.toolUse(`l-${i}`, 'Bash', { command: 'npm run build' }), loop.toolResult(`l-${i}`, true), loop.text(10));
  appendFileSync(join(logs, '-home-dev-alpha', 'sess-loop.jsonl'), `${repeats.join('\n')}\n`);

  const [toolAlert, loopAlert] = await Promise.all([
    waitFor('AgentmonToolErrorRatioHigh in Alertmanager', alertNamed('AgentmonToolErrorRatioHigh'), 100_000),
    waitFor('AgentmonSessionLooping in Alertmanager', alertNamed('AgentmonSessionLooping'), 100_000),
  ]);
  assert.deepEqual(toolAlert.labels, { alertname: 'AgentmonToolErrorRatioHigh', severity: 'warning', agent: 'claude-code', project: 'beta', job: 'agentmon', instance });
  assert.equal(toolAlert.annotations.summary, 'claude-code tool calls failing in project beta');
  assert.match(toolAlert.annotations.description ?? '', /^(8\d)(\.\d+)?% of claude-code tool calls in project beta failed over the last 30 minutes \(threshold 25%, user rejections not counted\)\.$/);
  assert.equal(toolAlert.annotations.runbook_url, 'https://github.com/agentmon/agentmon/blob/main/docs/runbooks/AgentmonToolErrorRatioHigh.md');
  assert.deepEqual(loopAlert.labels, { alertname: 'AgentmonSessionLooping', severity: 'critical', agent: 'claude-code', project: 'alpha', reason: 'repeated_tool_call', job: 'agentmon', instance });
  assert.deepEqual(loopAlert.annotations, {
    summary: 'claude-code session looping in project alpha',
    description: `1 claude-code session(s) in project alpha look like a loop (the same tool call with the same input again and again). Which sessions: http://${instance}/api/v1/health/sessions?status=looping`,
    runbook_url: 'https://github.com/agentmon/agentmon/blob/main/docs/runbooks/AgentmonSessionLooping.md',
  });
  // The link in the description names the session.
  const listed = (await (await fetch(`http://${instance}/api/v1/health/sessions?status=looping`)).json()) as { sessionId: string }[];
  assert.deepEqual(listed.map((s) => s.sessionId), ['sess-loop']);
  await waitFor('both webhook notifications', async () => ((await notified('AgentmonToolErrorRatioHigh', 'firing')()) && (await notified('AgentmonSessionLooping', 'firing')())) || undefined, 15_000);

  // The tools recover: 100 successful calls bring the 30-minute error ratio to 20/124.
  const ok: string[] = [];
  for (let i = 0; i < 100; i++) ok.push(tools.toolUse(`ok-${i}`, 'Read', { file: `f${i}.ts` }), tools.toolResult(`ok-${i}`, false));
  appendFileSync(join(logs, '-home-dev-beta', 'sess-tools.jsonl'), `${ok.join('\n')}\n`);
  await waitFor('AgentmonToolErrorRatioHigh to resolve', goneFromAlertmanager('AgentmonToolErrorRatioHigh'), 30_000);
  // The loop stopped: once its repeats are older than the 90 s window the session is no longer looping.
  await waitFor('AgentmonSessionLooping to resolve', goneFromAlertmanager('AgentmonSessionLooping'), 60_000);
  await waitFor('both resolved notifications', async () => ((await notified('AgentmonToolErrorRatioHigh', 'resolved')()) && (await notified('AgentmonSessionLooping', 'resolved')())) || undefined, 15_000);
});
