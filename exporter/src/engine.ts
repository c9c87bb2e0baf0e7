// The data path in one place: find files → tail them → adapter.parse → ledger. Used by `scan` (one pass) and
// `serve` (continuous, checkpointed). Knows nothing of HTTP or the command line.
import { adapterFor, registerCustomAdapters } from './adapters/index.js';
import { customAdapters } from './adapters/jsonl/index.js';
import type { AgentEvent, AgentId, BuiltinAgentId, ParseOutcome, Reading } from './adapters/types.js';
import { hash53 } from './accounting/cold-keys.js';
import { Ledger } from './accounting/ledger.js';
import type { Config } from './config/schema.js';
import { resolveRoots } from './config/load.js';
import type { LogRoot } from './config/paths.js';
import { loadShippedPrices, PriceTable } from './pricing/pricing.js';
import type { Checkpoint } from './state/checkpoint.js';
import { findLogFiles, MAX_FOLDER_DEPTH } from './tail/discover.js';
import { SHRINK_ABOVE_BYTES } from './tail/reader.js';
import type { ParsePool } from './tail/parse-pool.js';
import { AGENT_IDS } from './adapters/types.js';
import { FileTracker, type TrackedFile } from './tail/tracker.js';
import { type LineFilter, usageLineFilter } from './tail/usage-filter.js';
import { workersSetting } from './tail/parse-workers.js';
import { hookMetricsListener } from './hooks/metrics.js';
import type { Logger } from './util/log.js';

/**
 * `serve` reads at most this much of one file before the others queued meanwhile get a turn (a file written at 50 MB/s
 * starved every other file for as long as it was written). One-shot commands read each file to its end.
 */
const VISIT_BUDGET_BYTES = 8 << 20;

const CHUNK_BYTES = 1 << 20;

/** How long a whole-document log may stay unparsable before it counts as malformed (a rewrite takes milliseconds). */
const DOCUMENT_SETTLE_MS = 2000;

export interface EngineProgress {
  filesDone: number;
  filesTotal: number;
  bytes: number;
}

/** The usage-only line filter of each agent, built once per agent (none for adapters without usageMarkers). */
function usageFilters(): (agent: AgentId) => LineFilter | undefined {
  const filters = new Map<AgentId, LineFilter | undefined>();
  return (agent) => {
    if (!filters.has(agent)) {
      const markers = adapterFor(agent).usageMarkers;
      filters.set(agent, markers ? usageLineFilter(markers) : undefined);
    }
    return filters.get(agent);
  };
}

export class Engine {
  readonly ledger: Ledger;
  readonly tracker: FileTracker;
  readonly roots: LogRoot[];
  readonly prices: PriceTable;
  /** labels.static from the config: added to every exported series. */
  readonly staticLabels: Record<string, string>;
  initialScanDone: boolean;
  /** Bumped on every change; the checkpointer writes only when it moved. */
  version = 0;
  private readonly warnedFiles = new Set<string>();
  /** Folders skipped for their depth, counted once each (bounded: a hostile tree could hold millions). */
  private readonly tooDeep = new Set<string>();
  private readonly syncReads: boolean;
  private readonly usageOnly: boolean;
  /** AGENTMON_SCAN_WORKERS or the `workers` option: parse workers of the cold read (0: none). */
  private readonly workers: number;
  /** Whether this thread reads a file itself rather than wait for a worker (tests turn it off; see ParsePool). */
  private readonly workerSteal: boolean;
  /** Documents that did not parse: since when each has been unchanged and broken. */
  private readonly brokenDocuments = new Map<string, { digest: string; sinceMs: number }>();
  /** Snapshot parts restored from the checkpoint, by name (see addSnapshotPart). */
  readonly restoredParts: Record<string, unknown>;
  private readonly snapshotParts = new Map<string, () => unknown>();
  /** Called for every event after the ledger applied it (session health, live feeds). */
  readonly listeners: ((agent: AgentId, ev: AgentEvent) => void)[] = [];
  /** Called with the readings a line carries (plan limits, context fill; see plan/). */
  readonly readingListeners: ((agent: AgentId, readings: Reading[]) => void)[] = [];

  /**
   * `syncReads`: one-shot commands (scan, backfill, report) read with readSync; `serve` never does.
   * `usageOnly`: only lines that can change usage totals are parsed (adapters' usageMarkers) and only request events
   * are applied, for `scan`, which prints nothing else: rollups and requests come out the same, tool, prompt, error,
   * session and line counts do not.
   */
  constructor(
    private readonly config: Config,
    private readonly log: Logger,
    restored?: Checkpoint,
    env: NodeJS.ProcessEnv = process.env,
    opts: { syncReads?: boolean; usageOnly?: boolean; workers?: number; workerSteal?: boolean } = {},
  ) {
    this.syncReads = opts.syncReads === true;
    this.workers = opts.workers ?? workersSetting(env);
    this.workerSteal = opts.workerSteal !== false;
    this.usageOnly = opts.usageOnly === true;
    this.prices = new PriceTable(loadShippedPrices(), config.prices);
    this.staticLabels = config.labels.static;
    this.ledger = new Ledger(
      {
        prices: this.prices,
        maxProjects: config.labels.maxProjects,
        maxModels: config.labels.maxModels,
        maxTools: config.labels.maxTools,
        maxHistoryNames: config.labels.maxHistoryNames,
        retentionDays: config.dedup.retentionDays,
        maxDedupEntries: config.dedup.maxEntries,
        coldRetentionDays: config.dedup.coldRetentionDays,
        activeWindowSeconds: config.sessions.activeWindowSeconds,
        sessionRetentionDays: config.sessions.retentionDays,
        warn: (msg, fields) => log.warn(msg, fields),
        rollupsOnly: this.usageOnly,
      },
      restored?.ledger,
    );
    const custom = customAdapters(config.custom);
    registerCustomAdapters(custom);
    this.roots = resolveRoots(config, env);
    for (const agent of new Set(this.roots.map((r) => r.agent))) this.ledger.initAgent(agent);
    this.listeners.push(hookMetricsListener(this.ledger));
    this.initialScanDone = restored?.initialScanDone ?? false;
    if (this.initialScanDone) this.markBirths();
    this.restoredParts = restored?.parts ?? {};
    this.tracker = new FileTracker(
      {
        maxLineBytes: config.tail.maxLineBytes,
        chunkBytes: CHUNK_BYTES,
        shrinkAboveBytes: SHRINK_ABOVE_BYTES,
        syncReads: this.syncReads,
        ...(this.syncReads ? {} : { visitBudgetBytes: VISIT_BUDGET_BYTES }),
        maxOpenFiles: config.tail.maxOpenFiles,
        isDocument: (agent, path) => adapterFor(agent).isDocumentFile?.(path) === true,
        ...(this.usageOnly ? { lineFilter: usageFilters() } : {}),
      },
      {
        line: (file, text) => this.onLine(file, text),
        parsed: (file, outcome) => this.applyOutcome(file, outcome),
        document: (file, text) => this.onDocument(file, text),
        tooLong: (file) => {
          this.ledger.countLine(file.agent, 'too_long');
          this.warnOnce(file.path, 'line longer than tail.maxLineBytes skipped', { path: file.path, maxLineBytes: config.tail.maxLineBytes });
          this.version++;
        },
        consumed: (file, bytes) => {
          this.ledger.countBytes(file.agent, bytes);
          this.version++;
        },
        fileEvent: (file, event, detail) => {
          this.ledger.fileEvent(file.agent, event);
          this.version++;
          if (event === 'unreadable' && detail) log.warn('cannot read log file; will retry', { path: file.path, code: detail });
          else log.debug(`log file ${event}`, { path: file.path, agent: file.agent });
        },
      },
      restored?.files,
    );
  }

  private onLine(file: TrackedFile, text: string): void {
    let outcome: ParseOutcome;
    try {
      outcome = adapterFor(file.agent).parse(text, { state: file.state, path: file.path, usageOnly: this.usageOnly });
    } catch {
      // A parser bug must not stop the exporter: count the line as malformed and go on.
      outcome = { result: 'malformed', events: [] };
    }
    this.applyOutcome(file, outcome);
  }

  /** A whole-document file was read: returns false when it is not complete yet (read again on the next visit). */
  private onDocument(file: TrackedFile, text: string): boolean {
    let outcomes: ParseOutcome[] | undefined;
    try {
      outcomes = adapterFor(file.agent).parseDocument?.(text, { state: file.state, path: file.path });
    } catch {
      outcomes = [{ result: 'malformed', events: [] }];
    }
    if (!outcomes) {
      // Caught mid-rewrite, most likely: read it again on the next visit. Still broken and unchanged a while later,
      // it is one malformed document (and is read again only when it changes).
      const digest = `${text.length}:${hash53(text)}`;
      const broken = this.brokenDocuments.get(file.path);
      if (broken?.digest !== digest) this.brokenDocuments.set(file.path, { digest, sinceMs: Date.now() });
      if (!broken || broken.digest !== digest || Date.now() - broken.sinceMs < DOCUMENT_SETTLE_MS) return false;
      outcomes = [{ result: 'malformed', events: [] }];
    }
    this.brokenDocuments.delete(file.path);
    for (const outcome of outcomes) this.applyOutcome(file, outcome);
    this.version++;
    return true;
  }

  private applyOutcome(file: TrackedFile, outcome: ParseOutcome): void {
    this.ledger.countLine(file.agent, outcome.result);
    if (outcome.result === 'malformed') this.warnOnce(file.path, 'malformed line(s) skipped', { path: file.path });
    // Lines count under the file's agent; events under theirs (hook spool lines, a custom log's agent field).
    const agent = outcome.agent ?? file.agent;
    let noted = '';
    for (const ev of outcome.events) {
      if (this.usageOnly && ev.kind !== 'request') continue;
      this.ledger.apply(agent, ev);
      // Usage-only reads keep no sessions (Ledger's rollupsOnly).
      if (!this.usageOnly && ev.sessionId !== noted) {
        this.ledger.noteSessionFile(agent, ev.sessionId, file.path);
        noted = ev.sessionId;
      }
      for (const listener of this.listeners) listener(agent, ev);
    }
    if (outcome.readings && outcome.readings.length > 0) for (const listener of this.readingListeners) listener(agent, outcome.readings);
  }

  private warnOnce(path: string, msg: string, fields: Record<string, unknown>): void {
    const key = `${msg}\u0000${path}`;
    if (this.warnedFiles.has(key)) return;
    this.warnedFiles.add(key);
    this.log.warn(msg, fields);
  }

  /** Lists every log file below the roots. `complete` is false when some folder could not be read. */
  async listFiles(): Promise<{ listing: { path: string; agent: AgentId }[]; complete: boolean }> {
    const listing: { path: string; agent: AgentId }[] = [];
    let complete = true;
    for (const { agent, root } of this.roots) {
      const { files, problems, tooDeep } = await findLogFiles(root, adapterFor(agent).isLogFile, this.syncReads);
      for (const p of problems) {
        complete = false;
        this.warnOnce(p.path, 'cannot read folder; will retry', { path: p.path, code: p.code });
      }
      for (const dir of tooDeep) {
        if (this.tooDeep.has(dir)) continue;
        if (this.tooDeep.size < 10_000) this.tooDeep.add(dir);
        this.ledger.fileEvent(agent, 'too_deep');
        this.version++;
        if (this.tooDeep.size <= 20) this.log.warn(`folder nested deeper than ${MAX_FOLDER_DEPTH} levels below a log root; not read`, { path: dir, maxDepth: MAX_FOLDER_DEPTH });
      }
      for (const path of files) listing.push({ path, agent });
    }
    return { listing, complete };
  }

  /** Reads every file once to its end (and forgets files that are gone). */
  async scanAll(onProgress?: (p: EngineProgress) => void): Promise<void> {
    const { listing, complete } = await this.listFiles();
    if (!this.initialScanDone || onProgress) {
      // The first read of a large history goes in slices: progress is reported and old dedup entries shrink to
      // hashes as it goes, so memory stays bounded whatever the history's size.
      const step = 200;
      const pool = this.initialScanDone ? undefined : await this.parsePool(listing);
      if (pool) this.tracker.prepared = (path, agent) => pool.take(path, agent);
      try {
        for (let i = 0; i < listing.length; i += step) {
          for (const f of listing.slice(i, i + step)) await this.tracker.visit(f.path, f.agent);
          this.ledger.evict(Date.now());
          onProgress?.({ filesDone: Math.min(i + step, listing.length), filesTotal: listing.length, bytes: this.ledger.counters.sum('agentmon_bytes_read_total') });
        }
      } finally {
        this.tracker.prepared = undefined;
        await pool?.close();
      }
    }
    await this.tracker.reconcile(listing, complete);
    if (!this.initialScanDone) {
      this.initialScanDone = true;
      this.markBirths();
      this.version++;
    }
  }

  /**
   * Parse workers for the cold read (tail/parse-pool.ts), when asked for (AGENTMON_SCAN_WORKERS; off by default, see
   * tail/parse-workers.ts): they read and parse the built-in agents' line logs ahead; this thread applies what they
   * parsed in file order. Whole-document logs and custom logs (whose adapters come from the config) are read here.
   */
  private async parsePool(listing: { path: string; agent: AgentId }[]): Promise<ParsePool | undefined> {
    if (this.workers === 0) return undefined;
    const builtin = new Set<AgentId>(AGENT_IDS);
    const files = listing.filter((f) => builtin.has(f.agent) && adapterFor(f.agent as BuiltinAgentId).isDocumentFile?.(f.path) !== true);
    if (files.length === 0) return undefined;
    const { ParsePool } = await import('./tail/parse-pool.js');
    return new ParsePool(files, this.workers, {
      usageOnly: this.usageOnly,
      maxLineBytes: this.config.tail.maxLineBytes,
      chunkBytes: CHUNK_BYTES,
      shrinkAboveBytes: SHRINK_ABOVE_BYTES,
      steal: this.workerSteal,
      onWorkerError: (code) => this.log.warn('parse worker failed; its files are read on the main thread', { error: code }),
    });
  }

  /**
   * From now on, series are born live: /metrics shows each at 0 to a Prometheus scraper once before its value
   * (metrics/new-series.ts). Series created while the history is first read are history, which `backfill` covers.
   */
  private markBirths(): void {
    this.ledger.counters.markBirths = true;
    this.ledger.histograms.markBirths = true;
  }

  /**
   * Adds a module's state to every checkpoint, in the same synchronous snapshot as offsets and counters: state fed
   * by events (like the reports' activity store) then survives a crash exactly as the counters do.
   */
  addSnapshotPart(name: string, snapshot: () => unknown): void {
    this.snapshotParts.set(name, snapshot);
  }

  /**
   * The snapshot as JSON text in pieces; joined they parse to what snapshot() returns. Each part is serialized as
   * soon as it is taken, so a checkpoint holds one part's copied objects at a time rather than all of them, and the
   * pieces are written one by one (with 3 GB of history the text is ~17 MB). Synchronous, hence consistent.
   */
  serialize(): string[] {
    const out = [`{"version":1,"savedAtMs":${Date.now()},"initialScanDone":${this.initialScanDone},"files":`, JSON.stringify(this.tracker.snapshot()), ',"ledger":'];
    out.push(JSON.stringify(this.ledger.snapshot()), ',"parts":{');
    let sep = '';
    for (const [name, snap] of this.snapshotParts) {
      const json = JSON.stringify(snap()) as string | undefined; // undefined: left out, as JSON.stringify does
      if (json === undefined) continue;
      out.push(`${sep}${JSON.stringify(name)}:`, json);
      sep = ',';
    }
    out.push('}}');
    return out;
  }

  /** One consistent, JSON-serializable snapshot of offsets and totals (synchronous by design). */
  snapshot(): Checkpoint {
    const parts = Object.fromEntries([...this.snapshotParts].map(([name, snap]) => [name, snap()]));
    return { version: 1, savedAtMs: Date.now(), initialScanDone: this.initialScanDone, files: this.tracker.snapshot(), ledger: this.ledger.snapshot(), parts };
  }
}
