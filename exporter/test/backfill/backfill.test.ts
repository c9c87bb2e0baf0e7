// Backfill: the history in the logs becomes OpenMetrics (validated), real promtool turns it into blocks, a real
// Prometheus loads them, and per-day sums queried from Prometheus equal `agentmon scan --json` for the same logs.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { formatValue, seriesSamples } from '../../src/backfill/openmetrics.js';
import { validateOpenMetrics } from '../../src/backfill/validate.js';
import { CLI, ensureBuilt, freePort, sleep } from '../helpers/exporter.js';
import { claudeAssistant, codexHeader, codexTokenCount } from '../helpers/lines.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-backfill-'));
let prometheus: ChildProcess | undefined;

after(() => {
  prometheus?.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

test('samples: the value before each rise, the rise, every midnight and the cut-off', () => {
  const s = { labels: [], deltas: new Map([[600, 5], [900, 2], [86_700, 1]]) };
  assert.deepEqual(seriesSamples(s, 300, 86_400 * 2), [
    [300, 0], [600, 5], [900, 7], [86_400, 7], [86_700, 8], [172_800, 8],
  ]);
  assert.deepEqual(seriesSamples(s, 300, 86_400), [[300, 0], [600, 5], [900, 7], [86_400, 7]], 'nothing after the cut-off');
  assert.deepEqual(seriesSamples(s, 300, 86_400, 800), [[900, 7], [86_400, 7]], '--since drops samples, not history');
  assert.equal(formatValue(12_345_678_901, 1e-9), '12.345678901');
  assert.equal(formatValue(3_000_000_000, 1e-9), '3');
  assert.equal(formatValue(42, undefined), '42');
});

test('the validator rejects what promtool would silently mangle', async () => {
  const f = join(root, 'bad.om');
  writeFileSync(f, 'a_total{x="1"} 1 1700000000000\na_total{x="1"} 2 1700000000\na_total{x="1"} 3 1699999999\n');
  const problems = await validateOpenMetrics(f);
  assert.equal(problems.length, 4);
  assert.match(problems[0]!, /:1: timestamp 1700000000000 is not Unix seconds/);
  assert.match(problems[1]!, /:2: timestamp 1700000000 not after 1700000000000/);
  assert.match(problems[2]!, /:3: timestamp 1699999999 not after 1700000000/);
  assert.match(problems[3]!, /missing # EOF/);
});

before(() => {
  ensureBuilt();
  execFileSync('bash', [join(import.meta.dirname, '..', '..', '..', 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
  const claude = join(root, 'logs', 'claude', '-w-alpha');
  const codex = join(root, 'logs', 'codex');
  mkdirSync(claude, { recursive: true });
  mkdirSync(codex, { recursive: true });
  const lines: string[] = [];
  // Three days, including responses right before and after midnight and a streamed one across lines.
  const times = ['2026-10-01T08:00:00Z', '2026-10-01T23:59:59Z', '2026-10-02T00:00:01Z', '2026-10-02T13:37:00Z', '2026-10-03T20:00:00Z'];
  times.forEach((ts, i) => {
    lines.push(claudeAssistant({ msgId: `m${i}`, reqId: `r${i}`, ts, cwd: '/w/alpha', usage: { input: 10 + i, output: 3, cacheRead: 1000 * i, cacheWrite5m: 7 } }));
    lines.push(claudeAssistant({ msgId: `m${i}`, reqId: `r${i}`, ts, cwd: '/w/alpha', usage: { input: 10 + i, output: 300 + i, cacheRead: 1000 * i, cacheWrite5m: 7 } }));
  });
  writeFileSync(join(claude, 's.jsonl'), lines.join('\n') + '\n');
  writeFileSync(join(codex, 'rollout.jsonl'), [
    codexHeader({ ts: '2026-10-01T09:00:00Z', id: 'cx' }),
    codexTokenCount({ ts: '2026-10-01T09:00:05Z', input: 5000, cached: 1000, output: 100 }),
    codexTokenCount({ ts: '2026-10-02T09:00:05Z', input: 9000, cached: 3000, output: 250 }),
  ].join('\n') + '\n');
});

async function query(url: string, expr: string, timeSec: number): Promise<Map<string, number>> {
  const r = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}&time=${timeSec}`);
  const body = (await r.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return new Map(body.data.result.map((x) => [x.metric.agent ?? '', Number(x.value[1])]));
}

test('per-day sums from the backfilled Prometheus equal scan --json', async () => {
  const logs = ['--claude-dir', join(root, 'logs', 'claude'), '--codex-dir', join(root, 'logs', 'codex')];
  const om = join(root, 'out', 'history.om');
  const data = join(root, 'prom-data');
  const run = spawnSync(process.execPath, [CLI, 'backfill', ...logs, '--out', om, '--blocks', data, '--until', '2026-10-05', '--label', 'instance=exporter:9477'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  // The summary line counts what the file holds (series = distinct name{labels}).
  const sampleLines = readFileSync(om, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const distinctSeries = new Set(sampleLines.map((l) => l.slice(0, l.indexOf('} ') + 1))).size;
  assert.ok(distinctSeries > 10);
  assert.match(run.stderr, new RegExp(`: ${distinctSeries} series, ${sampleLines.length} samples `));
  assert.deepEqual(await validateOpenMetrics(om), []);
  assert.match(readFileSync(om, 'utf8'), /agentmon_tokens_total\{agent="claude-code",project="alpha",model="claude-sonnet-4-5-20250929",type="input",job="agentmon",instance="exporter:9477"\} /);
  const scan = JSON.parse(execFileSync(process.execPath, [CLI, 'scan', '--json', ...logs], { encoding: 'utf8' })) as { daily: Record<string, any>[] };

  const port = await freePort();
  writeFileSync(join(root, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\n');
  prometheus = spawn('prometheus', [`--config.file=${join(root, 'prometheus.yml')}`, `--storage.tsdb.path=${data}`, `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=100y'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200 && !(await fetch(`${url}/-/ready`).then((r) => r.ok, () => false)); i++) await sleep(100);

  const fields: [string, string][] = [
    ['inputTokens', 'sum by (agent) (agentmon_tokens_total{type="input"})'],
    ['outputTokens', 'sum by (agent) (agentmon_tokens_total{type="output"})'],
    ['cacheReadTokens', 'sum by (agent) (agentmon_tokens_total{type="cache_read"})'],
    ['cacheCreationTokens', 'sum by (agent) (agentmon_tokens_total{type=~"cache_write_5m|cache_write_1h"})'],
    ['requests', 'sum by (agent) (agentmon_requests_total)'],
    ['costUsd', 'sum by (agent) (agentmon_cost_usd_total)'],
  ];
  const days = [...new Set(scan.daily.map((r) => r.date as string))].sort();
  assert.deepEqual(days, ['2026-10-01', '2026-10-02', '2026-10-03']);
  let checked = 0;
  for (const day of days) {
    const start = Date.parse(`${day}T00:00:00Z`) / 1000;
    for (const [field, expr] of fields) {
      const [atStart, atEnd] = [await query(url, expr, start), await query(url, expr, start + 86400)];
      for (const agent of ['claude-code', 'codex']) {
        const want = scan.daily.filter((r) => r.date === day && r.agent === agent).reduce((a, r) => a + r[field], 0);
        const got = (atEnd.get(agent) ?? 0) - (atStart.get(agent) ?? 0);
        assert.ok(Math.abs(got - want) < 1e-9, `${day} ${agent} ${field}: Prometheus ${got}, scan ${want}`);
        checked += 1;
      }
    }
  }
  assert.equal(checked, 36);
  const jobs = await query(url, 'count by (agent) (agentmon_requests_total{job="agentmon",instance="exporter:9477"})', Date.parse('2026-10-03T00:00:00Z') / 1000);
  assert.ok((jobs.get('claude-code') ?? 0) >= 1, 'history carries the live scrape job/instance labels');
});
