// A series must start at 0 in Prometheus, or increase()/rate() never count its first value. With a real backfill,
// a real serve and a real Prometheus scraping it every second: a project whose history lies only after the backfill
// cut-off (beta), and one born while serve runs (gamma), both show their whole cost in increase(); nothing shows a
// counter reset; and a plain GET /metrics (not a Prometheus scrape) sees every value at once.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureTools, type Server, startPrometheus, stopServer, waitFor } from '../alerting/tools.js';
import { CLI, ensureBuilt, scrape, startServe, stop, sumMetric, type Running } from '../helpers/exporter.js';
import { claudeAssistant } from '../helpers/lines.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-new-series-'));
const logs = join(root, 'projects');
const file = join(logs, 'p', 's.jsonl');
let serve: Running | undefined;
let prom: Server | undefined;

// claude-sonnet-4-5: 1,000 input tokens at $3 per million = $0.003 a request.
const COST = 0.003;
const line = (id: string, ms: number, project: string): string =>
  claudeAssistant({ msgId: `msg_${id}`, reqId: `req_${id}`, ts: new Date(ms).toISOString(), cwd: `/w/${project}`, usage: { input: 1000 } }) + '\n';

before(() => {
  ensureTools();
  ensureBuilt();
});

after(async () => {
  await stopServer(prom);
  if (serve) await stop(serve, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

type Vector = { metric: Record<string, string>; value: [number, string] }[];

async function byProject(expr: string): Promise<Record<string, number>> {
  const r = (await (await fetch(`${prom!.url}/api/v1/query?query=${encodeURIComponent(expr)}`, { signal: AbortSignal.timeout(10_000) })).json()) as { status: string; error?: string; data: { result: Vector } };
  if (r.status !== 'success') throw new Error(`${expr}: ${r.error}`);
  return Object.fromEntries(r.data.result.map((s) => [s.metric.project ?? '', Number(s.value[1])]));
}

test('series born after the backfill cut-off and series born live count in increase()', async () => {
  const now = Date.now();
  mkdirSync(join(logs, 'p'), { recursive: true });
  // alpha: history two days ago (backfilled) and an hour ago; beta: only an hour ago, after the cut-off (now − 3 h).
  writeFileSync(file, line('a1', now - 2 * 86_400_000, 'alpha') + line('b1', now - 3_600_000, 'beta') + line('a2', now - 3_600_000, 'alpha'));
  const data = join(root, 'prom-data');
  const backfill = spawnSync(process.execPath, [CLI, 'backfill', '--claude-dir', logs, '--out', join(root, 'history.om'), '--blocks', data, '--step', '1m'], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: root } });
  assert.equal(backfill.status, 0, backfill.stderr);

  serve = await startServe(['--claude-dir', logs, '--state-dir', join(root, 'state')], { HOME: root });
  // The scrape target's instance is rewritten to the backfill's default label, so history and live are one series.
  writeFileSync(join(root, 'prometheus.yml'), [
    'global: { scrape_interval: 1s }',
    'scrape_configs:',
    '- job_name: agentmon',
    `  static_configs: [{ targets: ['127.0.0.1:${serve.port}'] }]`,
    "  relabel_configs: [{ target_label: instance, replacement: '127.0.0.1:9477' }]",
    '',
  ].join('\n'));
  prom = await startPrometheus(join(root, 'prometheus.yml'), data);
  await waitFor('a few live scrapes', async () => ((await byProject('count_over_time(agentmon_requests_total{project="alpha"}[1m])')).alpha ?? 0) >= 3 || undefined, 60_000, 250);

  // gamma is born live: its first request after Prometheus has been scraping for a while.
  appendFileSync(file, line('g1', Date.now(), 'gamma'));
  const plain = await waitFor('gamma in a plain GET /metrics', async () => {
    const v = sumMetric(await scrape(serve!.url), 'agentmon_cost_usd_total', { project: 'gamma' });
    return v > 0 ? v : undefined;
  }, 30_000, 50);
  assert.equal(plain, COST, 'a plain GET is never held back');
  await waitFor('gamma\'s value in Prometheus', async () => ((await byProject('agentmon_cost_usd_total')).gamma === COST) || undefined, 60_000, 250);
  await waitFor('two scrapes more', async () => ((await byProject('count_over_time(agentmon_cost_usd_total{project="gamma"}[1m])')).gamma ?? 0) >= 4 || undefined, 60_000, 250);

  const recent = await byProject('increase(agentmon_cost_usd_total[1m])');
  assert.ok((recent.gamma ?? 0) >= COST * (1 - 1e-9), `gamma, born live: increase over 1m is ${recent.gamma}`);
  const hours = await byProject('increase(agentmon_cost_usd_total[6h])');
  assert.ok((hours.beta ?? 0) >= COST * (1 - 1e-9), `beta, born after the cut-off: increase over 6h is ${hours.beta}`);
  assert.ok((hours.alpha ?? 0) >= COST * (1 - 1e-9), `alpha's request after the cut-off: increase over 6h is ${hours.alpha}`);
  const days = await byProject('increase(agentmon_cost_usd_total[3d])');
  assert.ok((days.alpha ?? 0) >= 2 * COST * (1 - 1e-9), `alpha over 3d: ${days.alpha}`);
  // Shown at 0 first, never dropped back to 0 after a value: no series has a counter reset.
  const resets = await byProject('resets(agentmon_cost_usd_total[3d]) + resets(agentmon_requests_total[3d])');
  assert.deepEqual(Object.values(resets).filter((n) => n !== 0), [], JSON.stringify(resets));
  const values = await byProject('agentmon_cost_usd_total');
  assert.deepEqual(values, { alpha: 2 * COST, beta: COST, gamma: COST });
});
