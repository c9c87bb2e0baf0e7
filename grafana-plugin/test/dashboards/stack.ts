// A real exporter reading fixture logs and a real Prometheus (Debian's /usr/bin/prometheus) scraping it every
// second and evaluating the project's rule files, both on loopback in a temp dir. Stopped and removed by stop().
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALERT_RULES, EXPORTER_CLI, REPO, ensureBuilt } from '../paths.ts';

/** A running exporter + Prometheus pair. */
export interface Stack {
  /** Folders the exporter reads; append lines here. */
  claudeDir: string;
  codexDir: string;
  /** The exporter's state folder (for `agentmon statusline --state-dir`). */
  stateDir: string;
  exporterUrl: string;
  prometheusUrl: string;
  /** Runs an instant query; throws with Prometheus' error text on failure. */
  query(expr: string): Promise<PromResult>;
  /** Runs an instant query at a given time (Unix seconds). */
  queryAt(expr: string, timeSeconds: number): Promise<PromResult>;
  /** Runs a range query over the last `seconds`, one point per second. */
  queryRange(expr: string, seconds: number): Promise<PromResult>;
  stop(): Promise<void>;
}

/** Prometheus' answer to a query. */
export interface PromResult {
  resultType: 'vector' | 'matrix' | 'scalar' | 'string';
  result: Array<{ metric: Record<string, string>; value?: [number, string]; values?: Array<[number, string]> }>;
  warnings?: string[];
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });

/** Polls until check() is true, failing with `what` after timeoutMs. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Makes sure Prometheus is installed (scripts/install-tools.sh installs it from Debian when missing). */
export function ensurePrometheus(): void {
  if (!existsSync('/usr/bin/prometheus')) {
    spawnSync('bash', [join(REPO, 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
  }
}

/** Makes sure the exporter's dist/ is today's build (built when missing or older than its sources). */
export function ensureExporterBuilt(): void {
  ensureBuilt('exporter');
}

const collect = (child: ChildProcess) => {
  const out: string[] = [];
  child.stdout?.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => out.push(d.toString()));
  return out;
};

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return resolve();
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });

/** Starts the exporter on a copy of `fixtures` (with claude/ and codex/ folders) and a Prometheus scraping it. */
export async function startStack(fixtures: string, exporterConfigYaml: string): Promise<Stack> {
  ensurePrometheus();
  ensureExporterBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-dash-'));
  const claudeDir = join(dir, 'logs', 'claude');
  const codexDir = join(dir, 'logs', 'codex');
  cpSync(join(fixtures, 'claude'), claudeDir, { recursive: true });
  cpSync(join(fixtures, 'codex'), codexDir, { recursive: true });
  writeFileSync(join(dir, 'agentmon.yaml'), exporterConfigYaml);
  const [exporterPort, promPort] = [await freePort(), await freePort()];
  const children: ChildProcess[] = [];
  const logs: string[][] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const exporter = spawn(
      process.execPath,
      [
        EXPORTER_CLI,
        'serve',
        '--config',
        join(dir, 'agentmon.yaml'),
        '--claude-dir',
        claudeDir,
        // The spool of agentmon hook / statusline: named folders mean only those, so it is named too.
        '--claude-dir',
        join(dir, 'state', 'hooks'),
        '--codex-dir',
        codexDir,
        '--state-dir',
        join(dir, 'state'),
        '--host',
        '127.0.0.1',
        '--port',
        String(exporterPort),
      ],
      { env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    children.push(exporter);
    logs.push(collect(exporter));
    const exporterUrl = `http://127.0.0.1:${exporterPort}`;
    await waitFor('the exporter to read its history', async () => (await fetch(`${exporterUrl}/readyz`)).ok);

    const rules = readdirSync(ALERT_RULES)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => join(ALERT_RULES, f));
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        `rule_files: ${JSON.stringify(rules)}`,
        'scrape_configs:',
        `  - { job_name: agentmon, static_configs: [ { targets: ["127.0.0.1:${exporterPort}"] } ] }`,
        '',
      ].join('\n')
    );
    const prometheus = spawn(
      '/usr/bin/prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    children.push(prometheus);
    logs.push(collect(prometheus));
    const prometheusUrl = `http://127.0.0.1:${promPort}`;
    await waitFor('Prometheus to start', async () => (await fetch(`${prometheusUrl}/-/ready`)).ok);

    const api = async (path: string, params: Record<string, string>): Promise<PromResult> => {
      const res = await fetch(`${prometheusUrl}/api/v1/${path}`, { method: 'POST', body: new URLSearchParams(params) });
      const body = (await res.json()) as { status: string; data: PromResult; error?: string; warnings?: string[] };
      if (body.status !== 'success') {
        throw new Error(`${body.error ?? res.status}`);
      }
      return { ...body.data, ...(body.warnings ? { warnings: body.warnings } : {}) };
    };
    return {
      claudeDir,
      codexDir,
      stateDir: join(dir, 'state'),
      exporterUrl,
      prometheusUrl,
      query: (expr) => api('query', { query: expr, time: String(Date.now() / 1000) }),
      queryAt: (expr, timeSeconds) => api('query', { query: expr, time: timeSeconds.toFixed(3) }),
      queryRange: (expr, seconds) => {
        const end = Date.now() / 1000;
        return api('query_range', { query: expr, start: String(end - seconds), end: String(end), step: '1' });
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw new Error(
      `${(err as Error).message}\n--- exporter/prometheus output ---\n${logs.map((l) => l.join('')).join('\n---\n')}`
    );
  }
}
