// Runs the real exporter as a child process and reads its /metrics, for tests that need the whole thing.
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXPORTER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(EXPORTER_DIR, 'dist', 'cli', 'main.js');

/** Builds the exporter once if dist is missing or older than src. */
export function ensureBuilt(): void {
  const stamp = existsSync(CLI) ? statSync(CLI).mtimeMs : 0;
  const newest = execFileSync('find', [join(EXPORTER_DIR, 'src'), '-newer', CLI, '-name', '*.ts'], { encoding: 'utf8' }).trim();
  if (stamp === 0 || newest !== '') execFileSync('npm', ['run', 'build'], { cwd: EXPORTER_DIR, stdio: 'ignore' });
}

/** Returns a TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Running {
  proc: ChildProcess;
  port: number;
  url: string;
  stderr: () => string;
}

/** Starts `agentmon serve` with the given args and waits for /readyz. */
export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const port = await freePort();
  const proc = spawn(process.execPath, [CLI, 'serve', '--port', String(port), ...args], {
    env: { ...process.env, AGENTMON_LOG_LEVEL: 'warn', HOME: '/nonexistent-home', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`serve exited ${proc.exitCode}: ${err}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL'); // a hung exporter must not outlive the test that started it
      throw new Error(`serve not ready in 30 s: ${err}`);
    }
    await sleep(50);
  }
  return { proc, port, url, stderr: () => err };
}

/** Stops a child with a signal and waits for it to exit. */
export async function stop(r: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (r.proc.exitCode !== null) return r.proc.exitCode;
  const done = new Promise<number | null>((resolve) => r.proc.once('exit', (code) => resolve(code)));
  r.proc.kill(signal);
  return await done;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Parses Prometheus text exposition into `name{labels}` → value. */
export function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

/** Sums every sample of `name` whose label text contains all of the given `key="value"` pairs. */
export function sumMetric(m: Map<string, number>, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const [k, v] of m) {
    if (k !== name && !k.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([l, val]) => k.includes(`${l}="${val}"`))) total += v;
  }
  return total;
}

export async function scrape(url: string): Promise<Map<string, number>> {
  const r = await fetch(`${url}/metrics`);
  return parseMetrics(await r.text());
}

/** Polls /metrics until `check` passes or the timeout expires; returns the last scrape. */
export async function waitForMetrics(url: string, check: (m: Map<string, number>) => boolean, timeoutMs = 20_000): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let m = await scrape(url);
  while (!check(m)) {
    if (Date.now() > deadline) return m;
    await sleep(100);
    m = await scrape(url);
  }
  return m;
}
