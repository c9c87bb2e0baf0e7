// Real Prometheus / Alertmanager / promtool / amtool for the alerting tests: installs them when missing (the
// project's scripts/install-tools.sh, idempotent), renders the shipped Alertmanager config, starts the servers on
// loopback with temp dirs, and stops them.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, sleep, track } from '../helpers/exporter.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RULES_DIR = join(REPO, 'alert-rules');
export const AM_DIR = join(REPO, 'provisioning', 'alertmanager');

/** Makes sure promtool, prometheus, amtool and prometheus-alertmanager exist (installs the Debian packages if not). */
export function ensureTools(): void {
  execFileSync('bash', [join(REPO, 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
}

/** Renders provisioning/alertmanager/alertmanager.tmpl.yml to `out` with these AGENTMON_* variables. */
export function renderAlertmanagerConfig(out: string, env: Record<string, string>): { status: number | null; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AGENTMON_')));
  const r = spawnSync('sh', [join(AM_DIR, 'render-config.sh'), out], { env: { ...clean, ...env }, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

export interface Server {
  proc: ChildProcess;
  url: string;
  port: number;
  output: () => string;
}

async function startServer(bin: string, args: (port: number) => string[], readyPath: string): Promise<Server> {
  const port = await freePort();
  const proc = track(spawn(bin, args(port), { stdio: ['ignore', 'pipe', 'pipe'] }));
  let output = '';
  proc.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  proc.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const server: Server = { proc, url, port, output: () => output };
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`${bin} exited ${proc.exitCode ?? proc.signalCode}: ${output}`);
      try {
        if ((await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(5000) })).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${bin} not ready in 30 s: ${output}`);
      await sleep(100);
    }
  } catch (err) {
    await stopServer(server); // a server that never became ready must not outlive the test
    throw err;
  }
  return server;
}

/** Starts Alertmanager on loopback (no clustering) with `config`, keeping its data in `dataDir`. */
export function startAlertmanager(config: string, dataDir: string): Promise<Server> {
  return startServer(
    'prometheus-alertmanager',
    (port) => [`--config.file=${config}`, `--storage.path=${dataDir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', `--web.external-url=http://127.0.0.1:${port}`],
    '/-/ready',
  );
}

/** Starts Prometheus on loopback with `config`, keeping its TSDB in `dataDir`. */
export function startPrometheus(config: string, dataDir: string): Promise<Server> {
  return startServer(
    'prometheus',
    (port) => [`--config.file=${config}`, `--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${port}`, '--web.enable-lifecycle'],
    '/-/ready',
  );
}

/** Stops a server and waits for it to exit. */
export async function stopServer(s: Server | undefined): Promise<void> {
  if (!s || s.proc.exitCode !== null || s.proc.signalCode !== null) return;
  const done = new Promise<void>((resolve) => s.proc.once('exit', () => resolve()));
  s.proc.kill('SIGTERM');
  const timer = setTimeout(() => s.proc.kill('SIGKILL'), 30_000);
  await done.finally(() => clearTimeout(timer));
}

/** An alert as Alertmanager's API v2 returns it. */
export interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  status: { state: string; inhibitedBy: string[]; silencedBy: string[] };
  receivers: { name: string }[];
}

/** Returns the alerts Alertmanager holds now (active, inhibited and silenced; resolved ones are gone). */
export async function amAlerts(am: Server): Promise<AmAlert[]> {
  const r = await fetch(`${am.url}/api/v2/alerts`);
  if (!r.ok) throw new Error(`GET /api/v2/alerts: ${r.status}`);
  return (await r.json()) as AmAlert[];
}

/** Polls until `check` returns a value (not undefined) or the timeout expires; returns it or throws `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
