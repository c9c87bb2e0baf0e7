// The long-running exporter: restore the checkpoint, read the history, then tail (notifications + periodic
// rescan), checkpoint every few seconds and at shutdown, and serve HTTP. start() and stop() are idempotent.
import type { Server } from 'node:http';
import { rename } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { adapterFor } from './adapters/index.js';
import type { Config } from './config/schema.js';
import { Engine } from './engine.js';
import { EventFeed } from './api/events.js';
import { createHttpApp } from './http/server.js';
import { ReportsService } from './reports/serve/service.js';
import { startSessionHealth } from './health/wire.js';
import { startPlanLimits } from './plan/wire.js';
import { createRegistry, type ExporterStatus } from './metrics/exposition.js';
import { checkpointPath, readCheckpoint, removeStaleTemps, writeCheckpoint } from './state/checkpoint.js';
import { Gate } from './http/gate.js';
import { hostNameOf, isLoopbackName } from './http/guards.js';
import { RootWatcher } from './tail/watcher.js';
import type { Logger } from './util/log.js';
import { agentmonVersion } from './util/version.js';

const EVICT_EVERY_MS = 10 * 60_000;
/**
 * Periodic work that blocks the event loop (serializing the checkpoint) or visits every file (the rescan) waits at
 * least this many times its last duration before running again: a very large history cannot keep the exporter busy.
 */
const BUSY_FACTOR = 20;
/**
 * While every folder is watched, appends arrive by notification and the rescan is only the backstop for a missed
 * one, so it waits longer: with 3 GB of history (9,440 files in 2,903 folders) a rescan costs ~0.3–0.4 s of CPU,
 * which at the 10 s interval alone would be 3–4 % of a core; at 400× its duration it is at most 0.25 %.
 */
const WATCHED_RESCAN_BUSY_FACTOR = 400;

/** What /healthz and /readyz report while the checkpoint cannot be written, or undefined when it can. */
function checkpointProblem(status: ExporterStatus): string | undefined {
  const f = status.checkpointFailing;
  if (!f) return undefined;
  return `checkpoint failing: the state folder cannot be written (${f.code}) since ${new Date(f.sinceMs).toISOString()}; counters are not saved (see the exporter's log)`;
}

export class Service {
  engine!: Engine;
  private server?: Server;
  private watcher?: RootWatcher;
  private timers: NodeJS.Timeout[] = [];
  private savedVersion = -1;
  private saving?: Promise<void>;
  private scanning = false;
  private nextRescanMs = 0;
  /** True once the history is read and the folder watches are in place (what /readyz reports). */
  private caughtUp = false;
  private nextCheckpointMs = 0;
  private started = false;
  private stopped = false;
  private reports?: ReportsService;
  readonly status: ExporterStatus = { checkpointSuccess: 0, checkpointFailure: 0, lastCheckpointMs: 0 };

  constructor(private readonly config: Config, private readonly log: Logger) {}

  /** Starts HTTP and tailing; resolves once listening (the history is read in the background). */
  async start(): Promise<AddressInfo> {
    if (this.started) return this.server!.address() as AddressInfo;
    this.started = true;
    const stateFile = checkpointPath(this.config.stateDir!);
    const stale = await removeStaleTemps(stateFile);
    if (stale.length > 0) this.log.info('removed temp files a crashed exporter left', { folder: this.config.stateDir, files: stale });
    let restored;
    try {
      restored = await readCheckpoint(stateFile);
      if (restored) this.log.info('resuming from checkpoint', { path: stateFile, files: restored.files.length });
    } catch (err) {
      const aside = `${stateFile}.unusable-${Date.now()}`;
      await rename(stateFile, aside).catch(() => undefined);
      this.log.error('checkpoint unusable; moved aside, reading the logs on disk again', { path: stateFile, movedTo: aside, error: err instanceof Error ? err.message : String(err) });
    }
    this.engine = new Engine(this.config, this.log, restored);
    const version = agentmonVersion();
    const health = startSessionHealth(this.engine, this.config.health);
    const plan = startPlanLimits(this.engine, this.config.sessions.activeWindowSeconds);
    const registry = createRegistry(this.engine, { version, staticLabels: this.config.labels.static, status: this.status, health, budgets: this.config.budgets, plan, activeWindowSeconds: this.config.sessions.activeWindowSeconds });
    const feed = new EventFeed();
    this.reports = new ReportsService(this.engine, { ...this.config, stateDir: this.config.stateDir! }, this.log);
    await this.reports.start(); // before the history is read: report activity is fed from the first event
    this.engine.listeners.push((agent, ev) => {
      if (this.engine.initialScanDone) feed.push(agent, ev);
    });
    // Timelines, report previews and API runs: two at a time, eight waiting, the rest answered 503.
    const heavy = new Gate(2, 8);
    const app = createHttpApp(this.engine, registry, version, this.log, {
      feed,
      token: this.config.api.token,
      activeWindowSeconds: this.config.sessions.activeWindowSeconds,
      maxLineBytes: this.config.tail.maxLineBytes,
      maxEventStreams: this.config.http.maxEventStreams,
      heavy,
      guard: { bindHost: this.config.host, allowedHosts: this.config.http.allowedHosts, allowedOrigins: this.config.http.allowedOrigins, tokenSet: this.config.api.token !== undefined },
      reports: this.reports.router(heavy),
      ready: () => this.caughtUp,
      problem: () => checkpointProblem(this.status),
    });
    if (!isLoopbackName(hostNameOf(this.config.host)) && this.config.api.token === undefined) {
      this.log.warn('serving beyond this machine without an API token: anyone who can reach this address can read every transcript through /api; set api.token (or AGENTMON_API_TOKEN), see docs/security.md', { host: this.config.host });
    }
    await new Promise<void>((resolve, reject) => {
      const server = app.listen(this.config.port, this.config.host);
      server.once('listening', () => resolve());
      server.once('error', reject);
      this.server = server;
    });
    const addr = this.server!.address() as AddressInfo;
    this.log.info('serving', { url: `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}/`, roots: this.engine.roots });
    void this.run();
    return addr;
  }

  private async run(): Promise<void> {
    const t0 = Date.now();
    // Checkpoint during the first read too: a crash while reading a large history resumes where it stopped.
    this.timers.push(setInterval(() => void this.checkpoint(), this.config.tail.checkpointIntervalSeconds * 1000));
    await this.rescan();
    if (this.stopped) return;
    // Watch after the first read (walking the folders meanwhile only raised the memory peak), then read once more
    // to catch what was appended while the watches were being set up. /readyz waits for both.
    if (this.config.tail.watch) {
      this.watcher = new RootWatcher(
        (path, agent) => void this.engine.tracker.visit(path, agent),
        (agent, path) => adapterFor(agent).isLogFile(path),
        this.log,
      );
      this.watcher.ensure(this.engine.roots);
      await this.watcher.whenReady();
      await this.rescan();
    }
    this.caughtUp = true;
    if (this.stopped) return;
    this.log.info('history read', { seconds: (Date.now() - t0) / 1000, files: [...this.engine.tracker.countByAgent()] });
    this.engine.ledger.evict(Date.now());
    await this.checkpoint(true);
    this.timers.push(
      setInterval(() => void this.rescan(true).then(() => this.watcher?.ensure(this.engine.roots)), this.config.tail.rescanIntervalSeconds * 1000),
      setInterval(() => this.engine.ledger.evict(Date.now()), EVICT_EVERY_MS),
    );
  }

  private async rescan(periodic = false): Promise<void> {
    if (this.scanning || this.stopped || (periodic && Date.now() < this.nextRescanMs)) return;
    this.scanning = true;
    const t0 = Date.now();
    try {
      await this.engine.scanAll();
    } catch (err) {
      this.log.error('rescan failed; will retry', { error: String(err) });
    } finally {
      this.scanning = false;
      // A folder that could not be watched (e.g. the inotify limit) depends on the rescan: keep it frequent then.
      this.nextRescanMs = Date.now() + (this.watcher?.complete ? WATCHED_RESCAN_BUSY_FACTOR : BUSY_FACTOR) * (Date.now() - t0);
    }
  }

  /** Writes the checkpoint if anything changed since the last one (`force`: even if the last one was recent). Never throws. */
  async checkpoint(force = false): Promise<void> {
    if (this.saving) await this.saving;
    if (this.engine.version === this.savedVersion || (!force && Date.now() < this.nextCheckpointMs)) return;
    const version = this.engine.version;
    const t0 = performance.now();
    const serialized = this.engine.serialize(); // synchronous: one consistent state
    this.nextCheckpointMs = Date.now() + BUSY_FACTOR * (performance.now() - t0);
    this.saving = writeCheckpoint(checkpointPath(this.config.stateDir!), serialized)
      .then(() => {
        this.savedVersion = version;
        this.status.checkpointSuccess += 1;
        this.status.lastCheckpointMs = Date.now();
        this.status.checkpointFailing = undefined;
      })
      .catch((err: unknown) => {
        this.status.checkpointFailure += 1;
        this.status.checkpointFailing ??= { code: String((err as NodeJS.ErrnoException).code ?? 'error'), sinceMs: Date.now() };
        this.log.error('writing checkpoint failed; will retry', { path: checkpointPath(this.config.stateDir!), code: (err as NodeJS.ErrnoException).code });
      })
      .finally(() => (this.saving = undefined));
    await this.saving;
  }

  /** Stops tailing, writes a final checkpoint and closes the HTTP server. */
  async stop(): Promise<void> {
    if (!this.started || this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await this.watcher?.close();
    await this.engine.tracker.enqueue(async () => undefined); // let the read in progress finish
    await this.reports?.stop();
    await this.checkpoint(true);
    await this.engine.tracker.closeAll();
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}
