// Runs the real exporter as a child process and reads its /metrics, for tests that need the whole thing.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.js';

export const EXPORTER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(EXPORTER_DIR, 'dist', 'cli', 'main.js');

export { ensureBuilt };

/**
 * How serve is started: the built CLI, or with AGENTMON_TEST_FROM_SRC=1 the TypeScript sources through tsx (set by
 * `npm run mutate` for the state group, so the child runs the mutated source).
 */
function entry(): string[] {
  if (process.env.AGENTMON_TEST_FROM_SRC === '1') return ['--import', 'tsx', join(EXPORTER_DIR, 'src', 'cli', 'main.ts')];
  ensureBuilt();
  return [CLI];
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

/** Children started by the helpers; killed when the test process exits, whatever happened to the test. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Number of helper-started children still running (a test checks that failures leave none behind). */
export const runningChildren = (): number => children.size;

/** Remembers a child so it is killed at the latest when the test process exits; returns it. */
export function track(proc: ChildProcess): ChildProcess {
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  return proc;
}

/**
 * Starts `agentmon serve` with the given args and waits for /readyz (at most `timeoutMs`). On any failure the child is
 * killed before the error is thrown: a test that fails here leaves nothing running.
 */
export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<Running> {
  const port = await freePort();
  const proc = track(spawn(process.execPath, [...entry(), 'serve', '--port', String(port), ...args], {
    env: { ...process.env, AGENTMON_LOG_LEVEL: 'warn', HOME: '/nonexistent-home', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  }));
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const running: Running = { proc, port, url, stderr: () => err };
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`serve exited ${proc.exitCode ?? proc.signalCode}: ${err}`);
      try {
        const r = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
        if (r.status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`serve not ready in ${timeoutMs / 1000} s: ${err}`);
      await sleep(50);
    }
  } catch (e) {
    await stop(running, 'SIGKILL');
    throw e;
  }
  return running;
}

/** Stops a child with a signal and waits for it to exit; SIGKILL after `graceMs` if it has not. */
export async function stop(r: Running, signal: NodeJS.Signals = 'SIGTERM', graceMs = 30_000): Promise<number | null> {
  if (r.proc.exitCode !== null || r.proc.signalCode !== null) return r.proc.exitCode;
  const done = new Promise<number | null>((resolve) => r.proc.once('exit', (code) => resolve(code)));
  r.proc.kill(signal);
  const timer = setTimeout(() => r.proc.kill('SIGKILL'), graceMs);
  try {
    return await done;
  } finally {
    clearTimeout(timer);
  }
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
  const r = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(30_000) });
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
