// A real agentmon exporter for jest tests: `agentmon serve` on the dashboard test fixtures (copied to a temp dir),
// plus a fake-backend route that plays Grafana's plugin proxy: it forwards /api/plugin-proxy/<id>/exporter/* to
// the exporter over HTTP and adds the bearer token from the app's secure settings.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { request } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { EXPORTER_PROXY_URL } from '../constants';
import { routePrefix } from './fakeBackend';

const REPO = join(__dirname, '..', '..', '..');
const CLI = join(REPO, 'exporter', 'dist', 'cli', 'main.js');
const FIXTURES = join(REPO, 'grafana-plugin', 'test', 'dashboards', 'fixtures');

/** A running exporter. */
export interface RealExporter {
  url: string;
  claudeDir: string;
  /** Appends lines to a file below the Claude folder. */
  append(relativePath: string, lines: string[]): void;
  stop(): Promise<void>;
}

const call = (method: string, url: string, headers: Record<string, string>, body?: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
const get = (url: string, headers: Record<string, string>) => call('GET', url, headers);

/** Starts the exporter (building it first when exporter/dist is missing or stale) with an API token. */
export async function startExporter(token: string): Promise<RealExporter> {
  // Today's build: built when dist/ is missing or older than the exporter's sources (another test may be building).
  const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'ensure-built.mjs'), 'exporter'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 16 * 60_000,
  });
  if (build.status !== 0) {
    throw new Error(`building the exporter failed (exit ${build.status ?? build.signal})`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-app-'));
  cpSync(FIXTURES, join(dir, 'logs'), { recursive: true });
  // The fixtures are dated 2025: keep their session summaries however old they get.
  writeFileSync(
    join(dir, 'agentmon.yaml'),
    `api: { token: ${JSON.stringify(token)} }\ntail: { rescanIntervalSeconds: 1 }\nsessions: { retentionDays: 100000 }\n`
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--config',
      join(dir, 'agentmon.yaml'),
      '--claude-dir',
      join(dir, 'logs', 'claude'),
      '--codex-dir',
      join(dir, 'logs', 'codex'),
      '--state-dir',
      join(dir, 'state'),
      '--host',
      '127.0.0.1',
      '--port',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } }
  );
  // Port 0: the exporter picks a free port and logs it; read it from its log lines.
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /"port":(\d+)/.exec(out) ?? /127\.0\.0\.1:(\d+)/.exec(out);
      if (m && m[1] !== '0') {
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', () => reject(new Error(`exporter exited: ${out}`)));
    setTimeout(() => reject(new Error(`exporter did not say its port: ${out}`)), 20_000);
  });
  for (let i = 0; i < 100 && (await get(`${url}/readyz`, {}).catch(() => ({ status: 0 }))).status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    claudeDir: join(dir, 'logs', 'claude'),
    append: (rel, lines) => appendFileSync(join(dir, 'logs', 'claude', rel), `${lines.join('\n')}\n`),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Makes the fake backend forward the plugin route (GET and POST) to `exporter`, sending `token` as Grafana would. */
export function proxyPluginRoute(exporter: RealExporter, token: string): void {
  for (const method of ['GET', 'POST']) {
    routePrefix(method, EXPORTER_PROXY_URL, async (url, body) => {
      const json = body === undefined ? undefined : JSON.stringify(body);
      const res = await call(
        method,
        `${exporter.url}${url.pathname.slice(EXPORTER_PROXY_URL.length)}${url.search}`,
        { Authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'Content-Type': 'application/json' }) },
        json
      );
      let data: unknown = res.body;
      try {
        data = JSON.parse(res.body);
      } catch {}
      return { status: res.status, data };
    });
  }
}
