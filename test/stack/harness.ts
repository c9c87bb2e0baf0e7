// The stack test's machinery: a private Docker engine (test/stack/engine.sh) that builds in the machine's network
// and then runs the stack in a network namespace of its own, the project's docker-compose.yml as a user runs it
// (plus the one override the test needs), HTTP into that namespace, and a teardown that leaves nothing behind.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = join(HERE, '..', '..');
const ENGINE = join(HERE, 'engine.sh');

/** Exit status of engine.sh start when no Docker engine can run on this machine. */
const ENGINE_UNAVAILABLE = 3;
/** The stack's services that run here (Grafana has no stand-in image). */
export const SERVICES = ['exporter', 'backfill', 'backfill-blocks', 'prometheus', 'alertmanager'] as const;
export type Service = (typeof SERVICES)[number];

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    encoding: 'utf8',
    env: opts.env ?? process.env,
    input: opts.input,
    timeout: opts.timeoutMs ?? 120_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Commands running without blocking, each in a process group of its own, so a teardown can stop them and theirs. */
const running = new Set<ChildProcess>();

/** Kills every command runAsync started that is still running, with everything it started. */
export function killRunning(): void {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  running.clear();
}

/** Like run, without blocking: for the long steps (stand-ins, image builds), so a signal can stop the test meanwhile. */
export function runAsync(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<SpawnSyncReturns<string>> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    let stdout = '';
    let stderr = '';
    // Keep the end only: a build prints megabytes, a failure message needs its last lines.
    child.stdout!.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-200_000)));
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-200_000)));
    let error: Error | undefined;
    const timer = setTimeout(() => {
      error = new Error(`timed out after ${(opts.timeoutMs ?? 120_000) / 1000} s`);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone already
      }
    }, opts.timeoutMs ?? 120_000);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ pid: child.pid ?? 0, output: [null, stdout, stderr], stdout, stderr, status, signal, ...(error ? { error } : {}) });
    });
  });
}

/** Throws with the command, its status and the end of its output unless it exited 0. */
export function check(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status === 0) return r.stdout;
  const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
  throw new Error(`${what} failed (${r.error ? String(r.error) : `exit ${r.status ?? r.signal}`}):\n${tail}`);
}

/** One run of the stack: a temporary folder with the engine, a fake home with agent logs, and the compose files. */
export class Stack {
  readonly dir: string;
  readonly engineDir: string;
  readonly home: string;
  readonly envFile: string;
  readonly netns: string;
  dockerHost = '';
  private forwarder?: ChildProcess;
  private composeFiles: string[] = [];

  constructor() {
    // Short: the engine's socket paths must stay under ~100 bytes.
    this.dir = mkdtempSync('/tmp/amstk-');
    this.engineDir = join(this.dir, 'e');
    this.home = join(this.dir, 'home');
    this.envFile = join(this.dir, 'env');
    this.netns = `agentmon-stack-${this.dir.slice(-6)}`;
    // The fake home's user (uid 1000, then 2345) must reach it, as a user reaches their own home.
    chmodSync(this.dir, 0o755);
    mkdirSync(this.home, { recursive: true });
  }

  /** Starts the engine in the machine's network (for builds). Returns false when no engine can run here. */
  startEngine(inNamespace = false): boolean {
    const args = inNamespace ? ['nsenter', `--net=/run/netns/${this.netns}`, '--', ENGINE, 'start', this.engineDir] : [ENGINE, 'start', this.engineDir];
    const r = run(args[0]!, args.slice(1), { timeoutMs: 300_000 });
    if (r.status === ENGINE_UNAVAILABLE) {
      this.unavailable = r.stderr.trim();
      return false;
    }
    this.dockerHost = check(r, 'starting the Docker engine').trim();
    return true;
  }

  /** Why no engine can run here, when startEngine returned false. */
  unavailable = '';

  /** Stops the engine and keeps its images (before it starts again inside the stack's own network namespace). */
  stopEngineKeepData(): void {
    check(run(ENGINE, ['stop', this.engineDir, '--keep']), 'stopping the Docker engine');
  }

  /** Creates the stack's network namespace (loopback only) and restarts the engine inside it. */
  moveIntoNamespace(): void {
    check(run('ip', ['netns', 'add', this.netns]), 'ip netns add');
    check(run('ip', ['-n', this.netns, 'link', 'set', 'lo', 'up']), 'ip link set lo up');
    this.stopEngineKeepData();
    if (!this.startEngine(true)) throw new Error(`the engine did not start in the namespace: ${this.unavailable}`);
  }

  /** Makes the namespace's 127.0.0.1 ports reachable as Unix sockets in the stack folder. */
  async forward(ports: number[]): Promise<void> {
    const proc = spawn('nsenter', [`--net=/run/netns/${this.netns}`, '--', process.execPath, join(HERE, 'forward.mjs'), this.dir, ...ports.map(String)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.forwarder = proc;
    await new Promise<void>((resolve, reject) => {
      proc.stdout!.once('data', () => resolve());
      proc.once('exit', (code) => reject(new Error(`forwarder exited with ${code}`)));
    });
  }

  /** Environment for docker and docker-compose: this engine, the fake home (compose expands `~` with it). */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, DOCKER_HOST: this.dockerHost, HOME: this.home, ...extra };
  }

  docker(args: string[], timeoutMs = 120_000): SpawnSyncReturns<string> {
    return run('docker', args, { env: this.env(), timeoutMs });
  }

  /**
   * Writes what a user has after `cp .env.example .env` and setting the password, and the compose files: the
   * project's own docker-compose.yml without its published ports (Compose 1.29 refuses them with host networking
   * and an override cannot delete a list), and an override that only moves every service to the host network.
   */
  prepareCompose(envLines: string[] = []): void {
    const example = readFileSync(join(REPO, '.env.example'), 'utf8');
    writeFileSync(this.envFile, `${example.replace(/^GRAFANA_ADMIN_PASSWORD=$/m, 'GRAFANA_ADMIN_PASSWORD=stack-test-password')}\n${envLines.join('\n')}\n`);
    const compose = parse(readFileSync(join(REPO, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Record<string, unknown>> };
    const override: { services: Record<string, Record<string, unknown>> } = { services: {} };
    for (const [name, service] of Object.entries(compose.services)) {
      delete service.ports;
      override.services[name] = {
        network_mode: 'host',
        extra_hosts: ['exporter:127.0.0.1', 'prometheus:127.0.0.1', 'alertmanager:127.0.0.1', 'grafana:127.0.0.1'],
        ...(service.build ? { build: { network: 'host' } } : {}),
      };
    }
    const base = join(this.dir, 'docker-compose.yml');
    const extra = join(this.dir, 'docker-compose.host-network.yml');
    // YAML 1.1 for Compose 1.x (PyYAML): a plain `no` would read as false there.
    writeFileSync(base, stringify(compose, { version: '1.1' }));
    writeFileSync(extra, stringify(override, { version: '1.1' }));
    this.composeFiles = [base, extra];
  }

  /** Appends KEY=VALUE lines to the stack's .env (later lines win). */
  setEnv(lines: string[]): void {
    writeFileSync(this.envFile, `${readFileSync(this.envFile, 'utf8')}${lines.join('\n')}\n`);
  }

  compose(args: string[], timeoutMs = 300_000): SpawnSyncReturns<string> {
    return run('docker-compose', this.composeArgs(args), { env: this.env(), timeoutMs });
  }

  /** compose() without blocking. */
  composeAsync(args: string[], timeoutMs = 300_000): Promise<SpawnSyncReturns<string>> {
    return runAsync('docker-compose', this.composeArgs(args), { env: this.env(), timeoutMs });
  }

  /** docker() without blocking. */
  dockerAsync(args: string[], timeoutMs = 120_000): Promise<SpawnSyncReturns<string>> {
    return runAsync('docker', args, { env: this.env(), timeoutMs });
  }

  private composeArgs(args: string[]): string[] {
    return ['--project-directory', REPO, '--env-file', this.envFile, ...this.composeFiles.flatMap((f) => ['-f', f]), ...args];
  }

  /** The container id of a service (its only container), or '' when it has none. */
  container(service: Service): string {
    return this.compose(['ps', '-q', '--all', service]).stdout.trim();
  }

  /** `docker inspect` of a service's container. */
  inspect(service: Service): { State: { Status: string; ExitCode: number; Health?: { Status: string } }; Config: { User: string } } {
    const id = this.container(service);
    if (!id) throw new Error(`${service} has no container`);
    return (JSON.parse(check(this.docker(['inspect', id]), `docker inspect ${service}`)) as ReturnType<Stack['inspect']>[])[0]!;
  }

  /** The last lines a service logged, for failure messages. */
  logs(service: Service, lines = 40): string {
    const r = this.compose(['logs', '--no-color', '--tail', String(lines), service]);
    return `--- ${service} (last ${lines} lines) ---\n${r.stdout}${r.stderr}`;
  }

  /** GET over the forwarded socket of a port in the stack's namespace. */
  get(port: number, path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ socketPath: join(this.dir, `${port}.sock`), path, headers: { host: `127.0.0.1:${port}` }, timeout: 10_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('timeout', () => req.destroy(new Error(`GET :${port}${path} timed out`)));
      req.on('error', reject);
      req.end();
    });
  }

  /** Stops everything this run started (also after a failure): containers and volumes, engine, namespace, folder. */
  teardown(): string[] {
    const problems: string[] = [];
    killRunning();
    if (this.dockerHost && this.composeFiles.length > 0) this.compose(['down', '-v', '--remove-orphans'], 120_000);
    this.forwarder?.kill('SIGKILL');
    // Deleting the engine's images (hundreds of thousands of files) takes minutes on a busy machine.
    const stop = run(ENGINE, ['stop', this.engineDir], { timeoutMs: 900_000 });
    if (stop.status !== 0) problems.push(`engine.sh stop: ${stop.stderr}`);
    if (existsSync(`/run/netns/${this.netns}`)) run('ip', ['netns', 'delete', this.netns]);
    const mounts = readFileSync('/proc/mounts', 'utf8').split('\n').filter((l) => l.includes(this.dir) || l.includes(this.netns));
    if (mounts.length > 0) problems.push(`mounts left behind:\n${mounts.join('\n')}`);
    const procs = run('pgrep', ['-a', '-f', this.dir]).stdout.trim();
    if (procs) problems.push(`processes left behind:\n${procs}`);
    rmSync(this.dir, { recursive: true, force: true });
    return problems;
  }
}

/** Polls fn until it returns a value that is not undefined, or throws with `what` (and `explain()`) after ms. */
export async function waitFor<T>(what: string, ms: number, fn: () => Promise<T | undefined> | T | undefined, explain?: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms / 1000} s waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}${explain ? `\n${explain()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
