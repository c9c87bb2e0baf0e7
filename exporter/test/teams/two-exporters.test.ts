// The team path, for real: two exporters (alice's and bob's machines: different `labels.static`, different logs)
// scraped by one Prometheus every second. PromQL split by user must give each exporter's own totals, and the Team
// dashboard's panel queries must split the two people, also for usage that arrives while Prometheus watches. Past
// one Prometheus: the shipped remote-write example forwards a machine's series to a central store.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureTools, REPO, type Server, startPrometheus, stopServer } from '../alerting/tools.js';
import { FIXTURES } from '../fixtures/harness.js';
import { ensureBuilt, freePort, type Running, scrape, sleep, startServe, stop, sumMetric, track } from '../helpers/exporter.js';
import { claudeAssistant } from '../helpers/lines.js';

type Vector = { metric: Record<string, string>; value: [number, string] }[];

/** Runs an instant PromQL query; throws on a query error. */
async function query(prom: Server, expr: string): Promise<Vector> {
  const r = (await (await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(expr)}`)).json()) as { status: string; error?: string; data: { result: Vector } };
  if (r.status !== 'success') throw new Error(`${expr}: ${r.error}`);
  return r.data.result;
}

/** Polls a query until `ok` holds (Prometheus scrapes every second), returning the last result. */
async function until(prom: Server, expr: string, ok: (v: Vector) => boolean, timeoutMs = 30_000): Promise<Vector> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await query(prom, expr);
    if (ok(v) || Date.now() > deadline) return v;
    await sleep(250);
  }
}

const byUser = (v: Vector): Record<string, number> => Object.fromEntries(v.map((s) => [s.metric.user ?? '(none)', Number(s.value[1])]));
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('a team: two exporters, one Prometheus', () => {
  let dir = '';
  let alice: Running;
  let bob: Running;
  let prom: Server;
  let aliceLog = '';
  before(async () => {
    ensureTools();
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'agentmon-team-'));
    // alice uses Claude Code; bob uses Codex and Gemini. Each machine has its own logs, state and static labels.
    cpSync(join(FIXTURES, 'stream', 'claude'), join(dir, 'alice', 'claude'), { recursive: true });
    aliceLog = join(dir, 'alice', 'claude', '-home-dev-shop', 'live.jsonl');
    cpSync(join(FIXTURES, 'codex-turns', 'codex'), join(dir, 'bob', 'codex'), { recursive: true });
    for (const [who, team] of [['alice', 'web'], ['bob', 'data']] as const) {
      writeFileSync(join(dir, who, 'agentmon.yaml'), `labels:\n  static:\n    user: ${who}\n    team: ${team}\ntail:\n  rescanIntervalSeconds: 1\n`);
    }
    alice = await startServe(['--config', join(dir, 'alice', 'agentmon.yaml'), '--state-dir', join(dir, 'alice', 'state'), '--claude-dir', join(dir, 'alice', 'claude')]);
    bob = await startServe([
      '--config', join(dir, 'bob', 'agentmon.yaml'), '--state-dir', join(dir, 'bob', 'state'),
      '--codex-dir', join(dir, 'bob', 'codex'), '--gemini-dir', join(FIXTURES, 'gemini', 'jsonl', 'gemini'),
    ]);
    mkdirSync(join(dir, 'prom'), { recursive: true });
    writeFileSync(join(dir, 'prom', 'prometheus.yml'), [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      'scrape_configs:',
      '- job_name: agentmon',
      '  static_configs:',
      `  - targets: ['127.0.0.1:${alice.port}', '127.0.0.1:${bob.port}']`,
      '',
    ].join('\n'));
    prom = await startPrometheus(join(dir, 'prom', 'prometheus.yml'), join(dir, 'prom', 'data'));
    await until(prom, 'sum(up{job="agentmon"})', (v) => Number(v[0]?.value[1]) === 2);
  });
  after(async () => {
    await stopServer(prom);
    if (alice) await stop(alice);
    if (bob) await stop(bob);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sum by (user) of cost, tokens and requests equals each exporter\'s own totals', async () => {
    const own = { alice: await scrape(alice.url), bob: await scrape(bob.url) };
    for (const metric of ['agentmon_cost_usd_total', 'agentmon_tokens_total', 'agentmon_requests_total']) {
      const want = { alice: sumMetric(own.alice, metric), bob: sumMetric(own.bob, metric) };
      assert.ok(want.alice > 0 && want.bob > 0, `${metric}: both exporters have usage`);
      const got = byUser(await until(prom, `sum by (user) (${metric})`, (v) => v.length === 2));
      assert.deepEqual(Object.keys(got).sort(), ['alice', 'bob'], metric);
      assert.ok(close(got.alice!, want.alice) && close(got.bob!, want.bob), `${metric}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    }
    // The split by agent follows the people: alice's machine has only Claude Code, bob's Codex and Gemini.
    const agents = await query(prom, 'sum by (user, agent) (agentmon_requests_total)');
    assert.deepEqual(agents.map((s) => `${s.metric.user}/${s.metric.agent}`).sort(), ['alice/claude-code', 'bob/codex', 'bob/gemini']);
    assert.deepEqual(byUser(await query(prom, 'sum by (user) (agentmon_build_info{team=~"web|data"})')), { alice: 1, bob: 1 });
  });

  it("the Team dashboard's queries split people, also for usage arriving while Prometheus watches", async () => {
    const dashboard = JSON.parse(readFileSync(join(REPO, 'dashboards', 'agentmon-team.json'), 'utf8')) as { panels: { title?: string; targets?: { expr?: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ title: p.title ?? '', expr: t.expr ?? '' }))).filter((t) => t.expr);
    assert.ok(exprs.length >= 10, `the Team dashboard has ${exprs.length} queries`);
    const vars: Record<string, string> = { group: 'user', agent: '.*', project: '.*', model: '.*', instance: '.*', user: '.*', __range: '10m', __rate_interval: '10s' };
    const render = (expr: string): string => expr.replace(/\$\{?(\w+)\}?/g, (m, name: string) => vars[name] ?? m);

    // alice's agent answers once more now: $0.15 of Sonnet output, seen by Prometheus a second or two later.
    const before = byUser(await query(prom, 'sum by (user) (agentmon_cost_usd_total)'));
    appendFileSync(aliceLog, claudeAssistant({ msgId: 'msg_live', reqId: 'req_live', ts: new Date().toISOString(), cwd: '/home/dev/shop', usage: { output: 10_000 } }) + '\n');
    await until(prom, 'sum by (user) (agentmon_cost_usd_total)', (v) => (byUser(v).alice ?? 0) > (before.alice ?? 0));
    await sleep(2500); // a few more scrapes, so rate() has points on both sides of the change

    for (const { title, expr } of exprs) {
      const result = await query(prom, render(expr));
      for (const s of result) assert.ok(['alice', 'bob'].includes(s.metric.user ?? ''), `${title}: a series without a person: ${JSON.stringify(s.metric)}`);
    }
    const costExpr = exprs.find((e) => /^sum by \(\$group\) \(increase\(agentmon_cost_usd_total/.test(e.expr))!.expr;
    const cost = byUser(await query(prom, render(costExpr)));
    assert.ok((cost.alice ?? 0) > 0.1, `alice's new usage shows up as hers: ${JSON.stringify(cost)}`);
    assert.equal(cost.bob ?? 0, 0, 'bob spent nothing meanwhile');
    const lastActivity = exprs.find((e) => e.expr.includes('agentmon_last_event_timestamp_seconds'))!.expr;
    assert.deepEqual(Object.keys(byUser(await query(prom, render(lastActivity)))).sort(), ['alice', 'bob']);
    const userVar = (await (await fetch(`${prom.url}/api/v1/label/user/values?match[]=agentmon_build_info`)).json()) as { data: string[] };
    assert.deepEqual(userVar.data, ['alice', 'bob']);
  });

  it('the remote-write example is valid and forwards agentmon series, labels and all, to a central store', async () => {
    const example = join(REPO, 'provisioning', 'prometheus', 'remote-write-mimir.example.yml');
    const check = spawnSync('promtool', ['check', 'config', example], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);

    // A stand-in for Mimir: a Prometheus that accepts remote write. The example, pointed at it and at alice.
    const port = await freePort();
    writeFileSync(join(dir, 'central.yml'), 'global: { scrape_interval: 1s }\n');
    const central = track(spawn('prometheus', [`--config.file=${join(dir, 'central.yml')}`, `--storage.tsdb.path=${join(dir, 'central')}`, `--web.listen-address=127.0.0.1:${port}`, '--web.enable-remote-write-receiver'], { stdio: 'ignore' }));
    const centralServer: Server = { proc: central, url: `http://127.0.0.1:${port}`, port, output: () => '' };
    let edge: Server | undefined;
    try {
      for (let i = 0; i < 200 && !(await fetch(`${centralServer.url}/-/ready`).then((r) => r.ok, () => false)); i++) await sleep(100);
      writeFileSync(join(dir, 'mimir-password'), 'not-checked-here\n');
      const config = readFileSync(example, 'utf8')
        .replace('https://mimir.example.com/api/v1/push', `http://127.0.0.1:${port}/api/v1/write`)
        .replace('/etc/prometheus/mimir-password', join(dir, 'mimir-password'))
        .replace("'127.0.0.1:9477'", `'127.0.0.1:${alice.port}'`)
        .replace('scrape_interval: 15s', 'scrape_interval: 1s')
        .replace('batch_send_deadline: 10s', 'batch_send_deadline: 1s');
      mkdirSync(join(dir, 'edge'), { recursive: true });
      writeFileSync(join(dir, 'edge', 'prometheus.yml'), config);
      edge = await startPrometheus(join(dir, 'edge', 'prometheus.yml'), join(dir, 'edge', 'data'));
      const want = sumMetric(await scrape(alice.url), 'agentmon_requests_total');
      const got = await until(centralServer, 'sum by (user, site) (agentmon_requests_total{job="agentmon"})', (v) => v.length > 0);
      assert.deepEqual(got.map((x) => [x.metric.user, x.metric.site, Number(x.value[1])]), [['alice', 'laptops', want]]);
      // Only agentmon's series and `up` are forwarded.
      assert.deepEqual(await query(centralServer, 'count({__name__=~"process_.*|nodejs_.*"})'), []);
    } finally {
      await stopServer(edge);
      await stopServer(centralServer);
    }
  });
});
