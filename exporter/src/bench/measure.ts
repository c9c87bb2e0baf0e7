// Measuring real processes: wall time and peak RSS of a child (GNU time -v, else polling /proc VmHWM), CPU time
// from /proc/<pid>/stat, a free loopback port, timed HTTP GETs and percentiles.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface RunResult {
  code: number | null;
  wallMs: number;
  /** Peak resident set size in bytes. */
  peakRss: number;
  /** User + system CPU seconds (all threads; NaN without GNU time). */
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/** Returns the peak RSS (VmHWM) of a live process in bytes, or 0 when it cannot be read. */
export function vmHwm(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs a command to completion and measures it (`env`: added to this process's environment). */
export function runMeasured(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<RunResult> {
  const useTime = existsSync(GNU_TIME);
  const t0 = performance.now();
  const environment = env ? { ...process.env, ...env } : process.env;
  const child = useTime
    ? spawn(GNU_TIME, ['-v', cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: environment })
    : spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: environment });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  let polled = 0;
  const poll = useTime ? undefined : setInterval(() => (polled = Math.max(polled, vmHwm(child.pid ?? -1))), 20);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (poll) clearInterval(poll);
      const stderr = Buffer.concat(err).toString('utf8');
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const timeExit = /Exit status: (\d+)/.exec(stderr);
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      resolve({
        code: useTime && timeExit ? Number(timeExit[1]) : code,
        wallMs,
        peakRss: m ? Number(m[1]) * 1024 : polled,
        cpuSeconds: user && system ? Number(user[1]) + Number(system[1]) : NaN,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
      });
    });
  });
}

let clockTicks: number | undefined;

/** Returns user+system CPU seconds a live process has used so far (from /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3; utime and stime are fields 14 and 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / clockTicks;
}

/** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** One keep-alive connection pool for the benchmark's requests. */
export const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

/** GETs a URL; returns status, body and the time from request to last byte in ms. */
export function httpGet(url: string, timeoutMs = 30_000): Promise<{ status: number; body: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: keepAlive, timeout: timeoutMs }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), ms: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

/** Returns the p-th percentile (0–100) of the values by nearest rank; NaN for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
