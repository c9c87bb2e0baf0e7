// The compose stack as users run it: `cp .env.example .env`, set the password, `docker compose up -d`, on a real
// Docker engine with fresh volumes, then `down` and `up` again. Grafana has no stand-in image and stays out (its
// image's plugin build stage still runs). What differs from a user's machine is in docs/grafana.md ("The stack test").
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { parse } from 'yaml';
import { appendLiveResponse, CLAUDE_MODEL, chownTree, historyTimes, writeHistory } from './history.js';
import { check, REPO, runAsync, SERVICES, Stack, waitFor, type Service } from './harness.js';

const EXPORTER = 9477;
const PROMETHEUS = 9090;
const ALERTMANAGER = 9093;
/** CI must run this test: there it fails instead of skipping when no engine can start (set by .ci/run). */
const REQUIRED = process.env.AGENTMON_STACK_REQUIRED === '1';
const LONG_RUNNING: Service[] = ['exporter', 'prometheus', 'alertmanager'];
const ONE_SHOT: Service[] = ['backfill', 'backfill-blocks'];

const stack = new Stack();
// Interrupted (Ctrl-C, a CI timeout): tear the engine down before going, as after() would.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stack.teardown();
    process.exit(130);
  });
}
const nowMs = Date.now();
let skip = '';
const expected = { claudeRequests: 0, codexRequests: 0, claudeOutput: 0 };

/** Marks the test skipped when no engine can run here; returns true then. */
function skipped(t: TestContext): boolean {
  if (skip) t.skip(skip);
  return Boolean(skip);
}

/** The stack's failing services' recent log lines, for failure messages. */
function allLogs(): string {
  return SERVICES.map((s) => stack.logs(s)).join('\n');
}

/** Samples of an instant PromQL query: labels and value. */
async function query(promql: string, atMs?: number): Promise<{ metric: Record<string, string>; value: number }[]> {
  const params = new URLSearchParams({ query: promql, ...(atMs ? { time: String(atMs / 1000) } : {}) });
  const r = await stack.get(PROMETHEUS, `/api/v1/query?${params}`);
  const body = JSON.parse(r.body) as { status: string; error?: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  if (body.status !== 'success') throw new Error(`${promql}: ${body.error}`);
  return body.data.result.map((s) => ({ metric: s.metric, value: Number(s.value[1]) }));
}

/** One number from the exporter's /metrics: the sample with exactly these labels (0 when absent). */
async function exporterSample(name: string, labels: Record<string, string>): Promise<number> {
  const { body } = await stack.get(EXPORTER, '/metrics');
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of body.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.lastIndexOf('}'));
    if (want.every((w) => inner.split(',').includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

/** Waits until the long-running services are healthy and the one-shot jobs exited 0; fails with their logs. */
async function waitForStack(): Promise<void> {
  await waitFor('the one-shot jobs to exit 0 and every service to be healthy', 240_000, () => {
    for (const s of ONE_SHOT) {
      const st = stack.inspect(s).State;
      if (st.Status === 'exited' && st.ExitCode !== 0) throw new Error(`${s} exited with ${st.ExitCode}\n${stack.logs(s)}`);
      if (st.Status !== 'exited') return undefined;
    }
    for (const s of LONG_RUNNING) {
      const st = stack.inspect(s).State;
      if (st.Status !== 'running') throw new Error(`${s} is ${st.Status} (exit ${st.ExitCode})\n${stack.logs(s)}`);
      if (st.Health?.Status !== 'healthy') return undefined;
    }
    return true;
  }, allLogs);
}

/** Every agentmon_requests_total series Prometheus holds for the exporter, with its current value. */
async function requestSeries(): Promise<Map<string, number>> {
  const rows = await query('agentmon_requests_total{job="agentmon"}');
  return new Map(rows.map((r) => [`${r.metric.agent} ${r.metric.model} ${r.metric.instance}`, r.value]));
}

/** Uid and gid of the exporter's process (pid 1 of its container, after the entrypoint dropped root). */
function exporterIds(): string {
  const status = check(stack.docker(['exec', stack.container('exporter'), 'cat', '/proc/1/status']), 'docker exec');
  const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
  const gid = /^Gid:\s+(\d+)/m.exec(status)?.[1];
  return `${uid}:${gid}`;
}

describe('docker compose up on a real Docker engine (test/stack)', { timeout: 40 * 60_000 }, () => {
  before(
    async () => {
      if (!stack.startEngine()) {
        skip = `no Docker engine can start on this machine: ${stack.unavailable}`;
        if (REQUIRED) throw new Error(`${skip} (AGENTMON_STACK_REQUIRED=1: the stack test must run here)`);
        return;
      }
      // Stand-in base images for every tag the project pulls (no registry is reachable), then the project's builds.
      check(await runAsync('bash', [join(REPO, 'test', 'stack', 'standins.sh'), join(stack.dir, 'standins')], { env: stack.env({ AGENTMON_STACK_CACHE: process.env.AGENTMON_STACK_CACHE }), timeoutMs: 900_000 }), 'building the stand-in base images');
      Object.assign(expected, writeHistory(stack.home, nowMs, 1000));
      stack.prepareCompose();
    },
    { timeout: 20 * 60_000 },
  );

  after(() => {
    const problems = stack.teardown();
    assert.deepEqual(problems, [], 'the teardown left something behind');
  });

  it('builds the exporter image and the Grafana image\'s plugin stage from the project\'s Dockerfiles', { timeout: 20 * 60_000 }, async (t) => {
    if (skipped(t)) return;
    // Side by side: both spend most of their time downloading packages.
    const [exporterBuild, pluginBuild] = await Promise.all([
      stack.composeAsync(['build', 'exporter'], 900_000),
      stack.dockerAsync(['build', '--network', 'host', '--target', 'plugin', '-f', join(REPO, 'grafana-plugin', 'Dockerfile'), '-t', 'agentmon-grafana-plugin-stage:test', REPO], 900_000),
    ]);
    check(exporterBuild, 'docker-compose build exporter');
    check(pluginBuild, 'building the Grafana image\'s plugin stage');
    const files = check(stack.docker(['run', '--rm', '--entrypoint', 'ls', 'agentmon-grafana-plugin-stage:test', '/src/grafana-plugin/dist']), 'listing the plugin build');
    assert.match(files, /^plugin\.json$/m);
    assert.match(files, /^module\.js$/m);
    // From here on the stack runs in a network namespace of its own: its 127.0.0.1 is not the machine's.
    stack.moveIntoNamespace();
  });

  it('stops a build at a failed `npm ci` even when npm exits 0 ("Exit handler never called!")', { timeout: 10 * 60_000 }, (t) => {
    if (skipped(t)) return;
    const nodeTag = /^FROM (node:\S+) AS build$/m.exec(readFileSync(join(REPO, 'exporter', 'Dockerfile'), 'utf8'))![1]!;
    // npm as it behaves when the bug hits: its error, then exit 0 with nothing installed.
    const brokenNpm = join(stack.dir, 'broken-npm');
    spawnSync('mkdir', ['-p', brokenNpm]);
    writeFileSync(join(brokenNpm, 'npm'), '#!/bin/sh\ncase "$1" in ci) echo "npm error code ECONNREFUSED" >&2; echo "npm error Exit handler never called!" >&2; exit 0;; esac\nexec /usr/local/lib/node_modules/npm/bin/npm-cli.js "$@"\n', { mode: 0o755 });
    writeFileSync(join(brokenNpm, 'Dockerfile'), `FROM ${nodeTag}\nCOPY npm /usr/local/bin/npm\n`);
    check(stack.docker(['build', '-q', '--network', 'host', '-t', 'agentmon-test/npm-exits-0:test', brokenNpm]), 'building the broken-npm image');
    const dockerfile = readFileSync(join(REPO, 'exporter', 'Dockerfile'), 'utf8').replaceAll(`FROM ${nodeTag}`, 'FROM agentmon-test/npm-exits-0:test');
    writeFileSync(join(stack.dir, 'exporter.Dockerfile'), dockerfile);
    const r = stack.docker(['build', '--network', 'host', '--target', 'build', '-f', join(stack.dir, 'exporter.Dockerfile'), REPO], 180_000);
    const out = `${r.stdout}\n${r.stderr}`;
    assert.notEqual(r.status, 0, 'the build went on after npm installed nothing');
    assert.match(out, /Exit handler never called!/);
    assert.match(out, /npm ci did not install the exporter's dependencies/);
    assert.doesNotMatch(out, /tsc: not found|Step \d+\/\d+ : COPY exporter\/ exporter\//, 'the build went past the npm step');
  });

  it('comes up from fresh volumes: services healthy, one-shot jobs exited 0, the exporter unprivileged', { timeout: 10 * 60_000 }, async (t) => {
    if (skipped(t)) return;
    await stack.forward([EXPORTER, PROMETHEUS, ALERTMANAGER]);
    // `docker compose up -d` of every service but Grafana.
    check(stack.compose(['up', '-d', ...SERVICES], 600_000), 'docker-compose up -d');
    await waitForStack();
    assert.equal(exporterIds(), '1000:1000');
    assert.equal((await stack.get(EXPORTER, '/readyz')).status, 200);
  });

  it('Prometheus scrapes the exporter and has every recording and alerting rule loaded and healthy', { timeout: 5 * 60_000 }, async (t) => {
    if (skipped(t)) return;
    await waitFor('the exporter target to be up', 120_000, async () => {
      const { body } = await stack.get(PROMETHEUS, '/api/v1/targets');
      const targets = (JSON.parse(body) as { data: { activeTargets: { labels: { job: string; instance: string }; health: string; lastError: string }[] } }).data.activeTargets;
      const t = targets.find((x) => x.labels.job === 'agentmon');
      if (t?.health === 'down') throw new Error(`agentmon target down: ${t.lastError}`);
      return t?.health === 'up' && t.labels.instance === 'exporter:9477' ? true : undefined;
    });
    const ruleFiles = spawnSync('sh', ['-c', `cat ${join(REPO, 'alert-rules')}/*.rules.yml`], { encoding: 'utf8' }).stdout;
    const expectedRules = (ruleFiles.match(/^\s+- (record|alert): /gm) ?? []).length;
    assert.ok(expectedRules > 30, `only ${expectedRules} rules found in alert-rules/`);
    const rules = await waitFor('every rule to be evaluated once', 120_000, async () => {
      const { body } = await stack.get(PROMETHEUS, '/api/v1/rules');
      const groups = (JSON.parse(body) as { data: { groups: { file: string; rules: { name: string; health: string; lastError?: string }[] }[] } }).data.groups;
      const all = groups.flatMap((g) => g.rules);
      return all.length === expectedRules && all.every((r) => r.health !== 'unknown') ? all : undefined;
    });
    assert.deepEqual(rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.lastError}`), []);
  });

  it('the backfilled history and the live counter form one series, counted once', { timeout: 5 * 60_000 }, async (t) => {
    if (skipped(t)) return;
    const times = historyTimes(nowMs);
    // The blocks hold the history at its own times, under the live series' labels.
    const atFirst = await query(`last_over_time(agentmon_requests_total{job="agentmon",agent="claude-code"}[1d])`, times.first + 10 * 60_000);
    const atSecond = await query(`last_over_time(agentmon_requests_total{job="agentmon",agent="claude-code"}[1d])`, times.second + 10 * 60_000);
    assert.deepEqual(atFirst.map((s) => [s.metric.instance, s.metric.model, s.value]), [['exporter:9477', CLAUDE_MODEL, 1]]);
    assert.deepEqual(atSecond.map((s) => [s.metric.instance, s.value]), [['exporter:9477', 2]]);
    // Live scrapes continue the same series: one series per label set, at the full count, never twice it.
    const series = await waitFor('a live scrape of both agents', 120_000, async () => {
      const s = await requestSeries();
      return s.size === 2 ? s : undefined;
    });
    assert.deepEqual([...series.entries()].sort(), [
      [`claude-code ${CLAUDE_MODEL} exporter:9477`, expected.claudeRequests],
      [`codex gpt-5-codex exporter:9477`, expected.codexRequests],
    ]);
    const spanning = await query(`count_over_time(agentmon_requests_total{job="agentmon",agent="claude-code"}[3d])`);
    assert.equal(spanning.length, 1, 'history and live samples are one series');
    assert.ok(spanning[0]!.value > 2, 'the series holds both backfilled and scraped samples');
  });

  it("Alertmanager runs the config rendered from the project's template", { timeout: 2 * 60_000 }, async (t) => {
    if (skipped(t)) return;
    const { body } = await stack.get(ALERTMANAGER, '/api/v2/status');
    const running = parse((JSON.parse(body) as { config: { original: string } }).config.original) as { route: { receiver: string; routes?: unknown[] }; receivers: { name: string }[]; inhibit_rules?: unknown[] };
    const rendered = join(stack.dir, 'alertmanager.yml');
    check(spawnSync('sh', [join(REPO, 'provisioning', 'alertmanager', 'render-config.sh'), rendered], { encoding: 'utf8', env: { PATH: process.env.PATH } }), 'render-config.sh');
    const want = parse(readFileSync(rendered, 'utf8')) as typeof running;
    assert.equal(running.route.receiver, want.route.receiver);
    assert.deepEqual(running.receivers.map((r) => r.name), want.receivers.map((r) => r.name));
    assert.equal(running.route.routes?.length, want.route.routes?.length);
    assert.equal(running.inhibit_rules?.length, want.inhibit_rules?.length);
    assert.ok((want.inhibit_rules?.length ?? 0) > 0);
  });

  it('counts lines appended to the logs, and hook and status-line events recorded on the host', { timeout: 3 * 60_000 }, async (t) => {
    if (skipped(t)) return;
    expected.claudeOutput += appendLiveResponse(stack.home, 1, Date.now());
    expected.claudeRequests += 1;
    await waitFor('the appended response in /metrics', 60_000, async () =>
      (await exporterSample('agentmon_requests_total', { agent: 'claude-code', model: CLAUDE_MODEL })) === expected.claudeRequests ? true : undefined,
    );
    assert.equal(await exporterSample('agentmon_tokens_total', { agent: 'claude-code', type: 'output' }), expected.claudeOutput);
    // `agentmon hook` on the host, as the user Claude Code runs as, with no options: the exporter reads its spool.
    const hook = spawnSync(process.execPath, [join(REPO, 'exporter', 'bin', 'agentmon.js'), 'hook'], {
      input: JSON.stringify({ hook_event_name: 'SessionStart', session_id: '5e551010-aaaa-4bbb-8ccc-00000000a001', transcript_path: '/home/dev/x.jsonl', cwd: '/home/dev/shop', source: 'startup' }),
      env: { PATH: process.env.PATH, HOME: stack.home },
      uid: 1000,
      gid: 1000,
      encoding: 'utf8',
    });
    assert.equal(hook.status, 0, hook.stderr);
    await waitFor('the hook event in /metrics', 60_000, async () =>
      (await exporterSample('agentmon_hook_events_total', { agent: 'claude-code', event: 'SessionStart' })) === 1 ? true : undefined,
    );
    // `agentmon statusline` likewise (Claude Code runs it on the host for each status line): its plan-limit reading.
    const resetsAt = Math.floor(Date.now() / 1000) + 2 * 3600;
    const status = spawnSync(process.execPath, [join(REPO, 'exporter', 'bin', 'agentmon.js'), 'statusline'], {
      input: JSON.stringify({ session_id: '5e551010-aaaa-4bbb-8ccc-00000000a001', cwd: '/home/dev/shop', model: { id: 'claude-opus-4-6', display_name: 'Opus 4.6' }, rate_limits: { five_hour: { used_percentage: 42, resets_at: resetsAt } } }),
      env: { PATH: process.env.PATH, HOME: stack.home },
      uid: 1000,
      gid: 1000,
      encoding: 'utf8',
    });
    assert.equal(status.status, 0, status.stderr);
    assert.match(status.stdout, /5h 42%/);
    await waitFor('the status line\'s 5-hour window in /metrics', 60_000, async () =>
      (await exporterSample('agentmon_plan_usage_ratio', { agent: 'claude-code', window: '5h' })) === 0.42 ? true : undefined,
    );
    assert.equal(await exporterSample('agentmon_plan_window_resets_timestamp_seconds', { agent: 'claude-code', window: '5h' }), resetsAt);
  });

  it('down and up again, as another uid: jobs skip their done work, counters resume exactly, no volume piles up', { timeout: 10 * 60_000 }, async (t) => {
    if (skipped(t)) return;
    await waitFor('a checkpoint after the last event', 30_000, async () => ((await exporterSample('agentmon_checkpoint_writes_total', { result: 'success' })) >= 2 ? true : undefined));
    const before = await exporterSample('agentmon_requests_total', { agent: 'claude-code', model: CLAUDE_MODEL });
    const marker = () => check(stack.docker(['run', '--rm', '--network', 'host', '-v', 'agentmon_prometheus-data:/p', '--entrypoint', 'sh', 'prom/prometheus:v3.5.0', '-c', 'stat -c %Y /p/.agentmon-backfilled; ls /p']), 'reading the backfill marker');
    const blocksBefore = marker();
    check(stack.compose(['down'], 300_000), 'docker-compose down');
    // The same user under another uid (AGENTMON_UID/GID in .env): their logs are theirs, the volumes hold uid 1000's files.
    chownTree(stack.home, 2345);
    stack.setEnv(['AGENTMON_UID=2345', 'AGENTMON_GID=2345']);
    check(stack.compose(['up', '-d', ...SERVICES], 600_000), 'docker-compose up -d (again)');
    await waitForStack();
    assert.equal(exporterIds(), '2345:2345');
    // The first request after `up` can meet a connection reset on a busy machine (the port forwarder into the engine's
    // network reaching the new container): retried, then the value must be the one before `down`.
    const after = await waitFor('the exporter answering after up', 60_000, () => exporterSample('agentmon_requests_total', { agent: 'claude-code', model: CLAUDE_MODEL }));
    assert.equal(after, before);
    for (const job of ['backfill', 'backfill-blocks'] as const) assert.equal(stack.logs(job).split('\n').filter((l) => l.includes('|')).join('\n'), '', `${job} did its work again`);
    // backfill-blocks did not run again: its marker keeps its time (a run would have created new blocks and touched it).
    const [stampBefore, ...filesBefore] = blocksBefore.trim().split('\n');
    const [stampAfter] = marker().trim().split('\n');
    assert.equal(stampAfter, stampBefore);
    assert.ok(filesBefore.some((name) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(name)), `no TSDB block in the data folder: ${filesBefore.join(' ')}`);
    // Still counting, and writing its checkpoint as the new uid.
    expected.claudeOutput += appendLiveResponse(stack.home, 2, Date.now());
    expected.claudeRequests += 1;
    await waitFor('the second appended response', 60_000, async () =>
      (await exporterSample('agentmon_requests_total', { agent: 'claude-code', model: CLAUDE_MODEL })) === expected.claudeRequests ? true : undefined,
    );
    await waitFor('a checkpoint written as uid 2345', 30_000, async () => ((await exporterSample('agentmon_checkpoint_writes_total', { result: 'success' })) >= 1 ? true : undefined));
    assert.equal(await exporterSample('agentmon_checkpoint_writes_total', { result: 'failure' }), 0);
    // Only the project's named volumes: no anonymous volume from a VOLUME line of an image.
    const volumes = check(stack.docker(['volume', 'ls', '-q']), 'docker volume ls').trim().split('\n').sort();
    assert.deepEqual(volumes, ['agentmon_alertmanager-data', 'agentmon_backfill', 'agentmon_exporter-state', 'agentmon_grafana-data', 'agentmon_prometheus-data']);
  });
});
