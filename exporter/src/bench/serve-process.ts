// Starts `agentmon serve` as a real child process on a free loopback port with its own state folder and config,
// waits for /readyz, and stops it with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, httpGet, sleep } from './measure.js';

export interface ServeHandle {
  child: ChildProcess;
  pid: number;
  base: string;
  /** Seconds from spawn until /readyz answered 200 (the history was read). */
  readySeconds: number;
  /** The last few KB the process wrote to stderr (warnings, errors). */
  stderrTail(): string;
  stop(): Promise<void>;
}

/** Starts serve over the given folders with a YAML config written into workDir; resolves once ready. */
export async function startServe(mainJs: string, workDir: string, configYaml: string, dirs: { claude: string; codex?: string }): Promise<ServeHandle> {
  mkdirSync(workDir, { recursive: true });
  const configFile = join(workDir, 'agentmon.yaml');
  writeFileSync(configFile, configYaml);
  const port = await freePort();
  const args = [mainJs, 'serve', '--config', configFile, '--host', '127.0.0.1', '--port', String(port), '--state-dir', join(workDir, 'state'), '--claude-dir', dirs.claude];
  if (dirs.codex) args.push('--codex-dir', dirs.codex);
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  child.stderr!.on('data', (b: Buffer) => (tail = (tail + b.toString('utf8')).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (exited) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (exited) throw new Error(`agentmon serve exited before it was ready:\n${tail}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`agentmon serve was not ready within 10 minutes:\n${tail}`);
    }
    const res = await httpGet(`${base}/readyz`, 5_000).catch(() => undefined);
    if (res?.status === 200) break;
    await sleep(50);
  }
  return { child, pid: child.pid!, base, readySeconds: (performance.now() - t0) / 1000, stderrTail: () => tail, stop };
}
