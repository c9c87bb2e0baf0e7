// The ledger turns normalized events into exact totals: it deduplicates responses across lines and files, adds
// only the growth of streamed usage, prices requests, and keeps every counter, rollup and dedup key as plain data
// that one synchronous snapshot can checkpoint.
import type { AgentEvent, AgentId, LineResult, RequestEvent, TokenCounts } from '../adapters/types.js';
import { METRICS, type MetricDef } from '../metrics/catalogue.js';
import { FILE_EVENTS, type FileEvent } from '../tail/tracker.js';
import type { PriceTable } from '../pricing/pricing.js';
import { ColdKeys } from './cold-keys.js';
import { ColdResponses, NO_GROWTH } from './cold-responses.js';
import { LabelLimiter, sanitizeLabel } from './labels.js';
import { Rollups, type RollupRow } from './rollups.js';
import { CounterStore, HistogramStore, type HistogramValue, type SeriesValue } from './series.js';

export interface LedgerOptions {
  prices: PriceTable;
  /** Distinct project / model / tool label values before the rest fold into `other`. */
  maxProjects: number;
  maxModels: number;
  maxTools: number;
  /**
   * Distinct project and model names kept in the hourly rollups (reports, scan, landing page); the rest count under
   * `other`, so a log with 100,000 invented names cannot grow memory and the checkpoint without bound (default 1000).
   */
  maxHistoryNames?: number;
  /** Full dedup entries and sessions older than this (by event time) shrink to an 8-byte hash. */
  retentionDays: number;
  /** Cap on full response entries; beyond it the oldest shrink to hashes. */
  maxDedupEntries: number;
  /** Hashes of counted keys are kept this long (by event month), then dropped. */
  coldRetentionDays: number;
  /** A session is active when its last event is at most this old. */
  activeWindowSeconds: number;
  /** Session summaries are kept this long after their last event (default: retentionDays). */
  sessionRetentionDays?: number;
  warn?: (message: string, fields: Record<string, unknown>) => void;
  /**
   * One-shot usage reads (`agentmon scan`): requests go to dedup and the hourly rollups only (what scan prints), not
   * to the metric series or sessions, which nothing reads afterwards. Other events must not be applied.
   */
  rollupsOnly?: boolean;
}

/** What is remembered of a counted response, so later lines can add only their growth to the same series. */
interface ResponseEntry {
  ts: number;
  agent: AgentId;
  project: string;
  model: string;
  /** The model id as logged (before label sanitizing), for price lookups; absent when equal to `model`. */
  priceModel?: string;
  session: string;
  tokens: number[]; // input, output, cacheRead, cacheWrite5m, cacheWrite1h
  costNano: number;
  /** The cost came from the log (custom logs), not the price table. */
  statedCost?: true;
}

/** The series a request adds to: cost and requests, and the token series by TOKEN_LABELS index once created. */
interface RequestSeries {
  cost: SeriesValue;
  requests: SeriesValue;
  tokens: (SeriesValue | undefined)[];
}

/** Per-session aggregate served by the API (never exported as labels). */
export interface SessionEntry {
  agent: AgentId;
  sessionId: string;
  project: string;
  firstMs: number;
  lastMs: number;
  lastModel: string;
  requests: number;
  costNano: number;
  tokens: number[];
  prompts: number;
  toolCalls: number;
  toolErrors: number;
  apiErrors: number;
  /** The latest todo list / plan: [done, total]. */
  progress?: [number, number];
  /** Log files this session's lines were read from (for the API's timeline; never exported). */
  files?: string[];
}

interface PendingTool {
  tool: string;
  ts: number;
  agent: AgentId;
  session: string;
}

export interface LedgerSnapshot {
  version: 1;
  counters: ReturnType<CounterStore['toJSON']>;
  histograms: Record<string, HistogramValue[]>;
  rollups: RollupRow[];
  responses: [string, ResponseEntry][];
  seen: [string, number][];
  sessions: [string, SessionEntry][];
  pendingTools: [string, PendingTool][];
  cold: Record<string, string>;
  /** Compacted responses with what their growth needs (absent in checkpoints of older versions). */
  coldResponses?: Record<string, string>;
  limiters: { projects: string[]; models: string[]; tools: string[] };
}

const toVector = (t: TokenCounts): number[] => [t.input, t.output, t.cacheRead, t.cacheWrite5m, t.cacheWrite1h];
const fromVector = (v: number[]): TokenCounts => ({ input: v[0] ?? 0, output: v[1] ?? 0, cacheRead: v[2] ?? 0, cacheWrite5m: v[3] ?? 0, cacheWrite1h: v[4] ?? 0 });
const TOKEN_LABELS = ['input', 'output', 'cache_read', 'cache_write_5m', 'cache_write_1h'] as const;
const MAX_WARNED_MODELS = 100; // unpriced models named in the log; a log of invented names must not flood it
const MAX_LATENCY_SECONDS = 600; // longer gaps are the user away, not the model working
const bucketsOf = (metric: string): readonly number[] =>
  (Object.values(METRICS) as MetricDef[]).find((m) => m.name === metric)?.buckets ?? [];

export class Ledger {
  readonly counters: CounterStore;
  readonly histograms: HistogramStore;
  readonly rollups: Rollups;
  private readonly responses: Map<string, ResponseEntry>;
  /** Handles on the counters every counted request adds to (bounded like the labels: agents × projects × models). */
  private readonly requestSeries = new Map<string, RequestSeries>();
  /** Handles of the lines-read and bytes-read series (countLine, countBytes: called for every line). */
  private readonly lineSeries = new Map<AgentId, Map<LineResult, SeriesValue>>();
  private readonly bytesSeries = new Map<AgentId, SeriesValue>();
  /** Keys of tool calls, tool results and API errors already counted, with their event time. */
  private readonly seen: Map<string, number>;
  readonly sessions: Map<string, SessionEntry>;
  private readonly pendingTools: Map<string, PendingTool>;
  /** Hashes of keys whose full entries were dropped: copies of them are still recognized. */
  private readonly cold: ColdKeys;
  /** Responses whose full entries were dropped, with their largest output: copies are recognized, growth still counts. */
  private readonly coldResponses: ColdResponses;
  private readonly projects: LabelLimiter;
  private readonly models: LabelLimiter;
  private readonly tools: LabelLimiter;
  private readonly warnedModels = new Set<string>();
  /** Names the rollups (and reports' activity) keep, bounded like the labels but with a larger cap. */
  private readonly historyProjects: LabelLimiter;
  private readonly historyModels: LabelLimiter;
  /** Event time of the counter changes being made now (read by a CounterStore tap, e.g. for backfill). */
  eventTimeMs = 0;

  constructor(private readonly opts: LedgerOptions, snap?: LedgerSnapshot) {
    this.counters = snap ? CounterStore.fromJSON(snap.counters) : new CounterStore();
    this.histograms = snap ? HistogramStore.fromJSON(snap.histograms, bucketsOf) : new HistogramStore(bucketsOf);
    this.rollups = snap ? Rollups.fromJSON(snap.rollups) : new Rollups();
    this.responses = new Map(snap?.responses ?? []);
    this.seen = new Map(snap?.seen ?? []);
    this.sessions = new Map(snap?.sessions ?? []);
    this.pendingTools = new Map(snap?.pendingTools ?? []);
    this.cold = ColdKeys.fromJSON(snap?.cold);
    this.coldResponses = ColdResponses.fromJSON(snap?.coldResponses);
    this.projects = new LabelLimiter(opts.maxProjects, snap?.limiters.projects);
    this.models = new LabelLimiter(opts.maxModels, snap?.limiters.models);
    this.tools = new LabelLimiter(opts.maxTools, snap?.limiters.tools);
    // The names already in the rollups keep theirs (a checkpoint from before the cap may hold more than it allows).
    const rows = [...this.rollups.all()];
    this.historyProjects = new LabelLimiter(opts.maxHistoryNames ?? 1000, rows.map((r) => r.project));
    this.historyModels = new LabelLimiter(opts.maxHistoryNames ?? 1000, rows.map((r) => r.model), 100);
  }

  /** Creates the agent-level series so they exist (at 0) before the first event. */
  initAgent(agent: AgentId): void {
    for (const result of ['parsed', 'ignored', 'unknown_type', 'malformed', 'too_long'] satisfies LineResult[]) {
      this.counters.inc(METRICS.lines.name, [agent, result], 0);
    }
    this.counters.inc(METRICS.bytesRead.name, [agent], 0);
    this.counters.inc(METRICS.duplicates.name, [agent], 0);
    for (const event of FILE_EVENTS) this.counters.inc(METRICS.fileEvents.name, [agent, event], 0);
  }

  countLine(agent: AgentId, result: LineResult): void {
    // Once per line read: the series is looked up once per agent and result, not joined and found on every line.
    let byResult = this.lineSeries.get(agent);
    if (!byResult) this.lineSeries.set(agent, (byResult = new Map()));
    let series = byResult.get(result);
    if (!series) byResult.set(result, (series = this.counters.series(METRICS.lines.name, [agent, result])));
    this.counters.add(METRICS.lines.name, series, 1);
  }

  countBytes(agent: AgentId, bytes: number): void {
    let series = this.bytesSeries.get(agent);
    if (!series) this.bytesSeries.set(agent, (series = this.counters.series(METRICS.bytesRead.name, [agent])));
    this.counters.add(METRICS.bytesRead.name, series, bytes);
  }

  fileEvent(agent: AgentId, event: FileEvent): void {
    this.counters.inc(METRICS.fileEvents.name, [agent, event]);
  }

  /** Applies one event from an agent's log. */
  apply(agent: AgentId, ev: AgentEvent): void {
    this.eventTimeMs = ev.timestampMs;
    if (this.opts.rollupsOnly) {
      if (ev.kind !== 'request') throw new Error(`a rollups-only ledger applies requests only, not ${ev.kind}`);
      this.applyRequest(agent, ev, undefined);
      return;
    }
    if (ev.timestampMs > 0) this.counters.max(METRICS.lastEvent.name, [agent], ev.timestampMs / 1000);
    const session = this.touchSession(agent, ev);
    const project = this.projects.label(ev.project);
    switch (ev.kind) {
      case 'request':
        this.applyRequest(agent, ev, session);
        break;
      case 'tool_call': {
        if (!this.firstSight(`tc:${ev.callId}`, ev.timestampMs)) break;
        const tool = this.tools.label(ev.tool);
        this.counters.inc(METRICS.toolCalls.name, [agent, project, tool]);
        this.pendingTools.set(ev.callId, { tool, ts: ev.timestampMs, agent, session: ev.sessionId });
        session.toolCalls += 1;
        break;
      }
      case 'tool_result': {
        if (!this.firstSight(`tr:${ev.callId}`, ev.timestampMs)) break;
        const call = this.pendingTools.get(ev.callId);
        this.pendingTools.delete(ev.callId);
        const tool = call?.tool ?? 'unknown';
        if (call && ev.timestampMs >= call.ts) {
          this.histograms.observe(METRICS.toolDuration.name, [agent, tool], (ev.timestampMs - call.ts) / 1000);
        }
        if (!ev.ok) {
          this.counters.inc(METRICS.toolErrors.name, [agent, project, tool, ev.errorCategory ?? 'other']);
          session.toolErrors += 1;
        }
        break;
      }
      case 'api_error':
        if (ev.dedupKey && !this.firstSight(ev.dedupKey, ev.timestampMs)) break;
        this.counters.inc(METRICS.apiErrors.name, [agent, project, ev.errorKind]);
        session.apiErrors += 1;
        break;
      case 'prompt':
        if (ev.dedupKey && !this.firstSight(ev.dedupKey, ev.timestampMs)) break;
        this.counters.inc(METRICS.prompts.name, [agent, project]);
        session.prompts += 1;
        break;
      case 'progress':
        session.progress = [ev.done, ev.total];
        break;
      case 'activity':
        break;
      default: {
        const never: never = ev;
        throw new Error(`unhandled event ${JSON.stringify(never)}`);
      }
    }
  }

  private applyRequest(agent: AgentId, ev: RequestEvent, session: SessionEntry | undefined): void {
    const model = sanitizeLabel(ev.model, 100);
    const incoming = toVector(ev.tokens);
    if (ev.dedupKey) {
      const prev = this.responses.get(ev.dedupKey);
      if (prev) {
        // Another line of a response already counted: streamed partials grow, copies repeat. Add only growth,
        // to the series and hour the response was first counted in.
        const grown = incoming.map((v, i) => Math.max(v, prev.tokens[i] ?? 0));
        const delta = grown.map((v, i) => v - (prev.tokens[i] ?? 0));
        if (delta.every((d) => d === 0)) {
          this.counters.inc(METRICS.duplicates.name, [agent]);
          return;
        }
        const cost = ev.costUsd !== undefined ? Math.max(prev.costNano, Math.round(ev.costUsd * 1e9)) : this.cost(agent, prev.priceModel ?? prev.model, fromVector(grown), false);
        this.record(prev.agent, prev.project, prev.model, prev.ts, fromVector(delta), cost - prev.costNano, 0, this.sessionOf(prev.agent, prev.session));
        prev.tokens = grown;
        prev.costNano = cost;
        return;
      }
      const cold = this.coldResponses.get(ev.dedupKey);
      if (cold) {
        this.growCold(agent, ev, model, cold.eventMs, cold.output, incoming[1]!, session);
        return;
      }
      // Compacted by an older version, which kept no output: a copy, never growth.
      if (this.cold.has(ev.dedupKey)) {
        this.counters.inc(METRICS.duplicates.name, [agent]);
        return;
      }
    }
    // Prices are looked up by the id as logged (e.g. `claude-opus-4-6[1m]`); labels use the sanitized one.
    const priceModel = ev.model.slice(0, 200);
    // A cost stated by the log itself (custom logs) wins over the price table.
    const cost = ev.costUsd !== undefined ? Math.round(ev.costUsd * 1e9) : this.cost(agent, priceModel, ev.tokens, true);
    if (ev.dedupKey) {
      const entry: ResponseEntry = { ts: ev.timestampMs, agent, project: ev.project, model, session: ev.sessionId, tokens: incoming, costNano: cost };
      if (priceModel !== model) entry.priceModel = priceModel;
      if (ev.costUsd !== undefined) entry.statedCost = true;
      this.responses.set(ev.dedupKey, entry);
    }
    this.record(agent, ev.project, model, ev.timestampMs, ev.tokens, cost, 1, session);
    if (ev.latencySeconds !== undefined && ev.latencySeconds <= MAX_LATENCY_SECONDS) {
      this.histograms.observe(METRICS.responseDuration.name, [agent, this.models.label(model)], ev.latencySeconds);
    }
  }

  /**
   * A later line of a response whose full entry was compacted: only a larger output is growth (input and cache counts
   * are the same on every line of a response). It counts, like any growth, in the hour the response was first counted
   * in, under the line's own agent, project and model (those of the same response). Its cost is the cost of the whole
   * response at the new output minus at the old one, as for a response held in full.
   */
  private growCold(agent: AgentId, ev: RequestEvent, model: string, countedMs: number, counted: number, output: number, session: SessionEntry | undefined): void {
    if (counted === NO_GROWTH || output <= counted) {
      this.counters.inc(METRICS.duplicates.name, [agent]);
      return;
    }
    const priceModel = ev.model.slice(0, 200);
    const cost = this.cost(agent, priceModel, ev.tokens, false) - this.cost(agent, priceModel, { ...ev.tokens, output: counted }, false);
    this.record(agent, ev.project, model, countedMs, { input: 0, output: output - counted, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 }, cost, 0, session);
    this.coldResponses.raise(ev.dedupKey!, output);
  }

  private record(agent: AgentId, rawProject: string, model: string, ts: number, t: TokenCounts, costNano: number, requests: number, session: SessionEntry | undefined): void {
    this.eventTimeMs = ts; // growth of a streamed response belongs to the time the response was first counted
    if (this.opts.rollupsOnly) {
      this.rollups.add(ts, agent, this.historyProjects.label(rawProject), this.historyModels.label(model), t, costNano, requests);
      return;
    }
    const project = this.projects.label(rawProject);
    const modelLabel = this.models.label(model);
    const series = this.requestSeriesOf(agent, project, modelLabel);
    const v = toVector(t);
    for (let i = 0; i < v.length; i++) {
      const n = v[i]!;
      // A token type's series is created by its first count (or by any counted request), as with inc().
      if (n > 0 || requests > 0) this.counters.add(METRICS.tokens.name, (series.tokens[i] ??= this.counters.series(METRICS.tokens.name, [agent, project, modelLabel, TOKEN_LABELS[i]!])), n);
    }
    this.counters.add(METRICS.cost.name, series.cost, costNano);
    this.counters.add(METRICS.requests.name, series.requests, requests);
    this.rollups.add(ts, agent, this.historyProjects.label(rawProject), this.historyModels.label(model), t, costNano, requests);
    if (session) {
      session.requests += requests;
      session.costNano += costNano;
      v.forEach((n, i) => (session.tokens[i] = (session.tokens[i] ?? 0) + n));
      session.lastModel = model;
    }
  }

  /** The cost, request and token series of one agent, project and model label, looked up once per combination. */
  private requestSeriesOf(agent: AgentId, project: string, modelLabel: string): RequestSeries {
    const key = `${agent}\u001f${project}\u001f${modelLabel}`;
    let s = this.requestSeries.get(key);
    if (!s) {
      const labels = [agent, project, modelLabel];
      s = { cost: this.counters.series(METRICS.cost.name, labels), requests: this.counters.series(METRICS.requests.name, labels), tokens: [] };
      this.requestSeries.set(key, s);
    }
    return s;
  }

  private cost(agent: AgentId, model: string, t: TokenCounts, countUnpriced: boolean): number {
    const nano = this.opts.prices.costNano(model, t);
    if (nano !== undefined) return nano;
    if (countUnpriced) this.counters.inc(METRICS.unpriced.name, [agent, this.models.label(model)]);
    const shown = sanitizeLabel(model, 100); // log lines are untrusted: only a sanitized id reaches our log
    if (!this.warnedModels.has(shown) && this.warnedModels.size <= MAX_WARNED_MODELS) {
      this.warnedModels.add(shown);
      if (this.warnedModels.size > MAX_WARNED_MODELS) this.opts.warn?.('more models without a price; they are counted in agentmon_unpriced_requests_total but no longer logged', { agent });
      else this.opts.warn?.('model has no price; its cost counts as 0 (add it under `prices:` in the config)', { agent, model: shown });
    }
    return 0;
  }

  /** Returns true the first time a key is seen; false for a repeat (remembered in full or as a hash). */
  private firstSight(key: string, ts: number): boolean {
    if (this.seen.has(key) || this.cold.has(key)) return false;
    this.seen.set(key, ts);
    return true;
  }

  private sessionOf(agent: AgentId, sessionId: string): SessionEntry | undefined {
    return this.sessions.get(`${agent}\u001f${sessionId}`);
  }

  private touchSession(agent: AgentId, ev: AgentEvent): SessionEntry {
    const key = `${agent}\u001f${ev.sessionId}`;
    let s = this.sessions.get(key);
    if (!s) {
      s = { agent, sessionId: ev.sessionId, project: ev.project, firstMs: ev.timestampMs, lastMs: ev.timestampMs, lastModel: '', requests: 0, costNano: 0, tokens: [0, 0, 0, 0, 0], prompts: 0, toolCalls: 0, toolErrors: 0, apiErrors: 0 };
      this.sessions.set(key, s);
      if (!this.cold.has(`s:${key}`)) this.counters.inc(METRICS.sessions.name, [agent, this.projects.label(ev.project)]);
    }
    if (ev.timestampMs > s.lastMs) s.lastMs = ev.timestampMs;
    if (ev.timestampMs > 0 && (s.firstMs === 0 || ev.timestampMs < s.firstMs)) s.firstMs = ev.timestampMs;
    if (ev.project !== 'unknown') s.project = ev.project;
    return s;
  }

  /** Returns the `project` label a raw project name is exported under (its own, or `other` past the cap). */
  projectLabel(rawProject: string): string {
    return this.projects.label(rawProject);
  }

  /** The cap on distinct names in the usage history. */
  get maxHistoryNames(): number {
    return this.opts.maxHistoryNames ?? 1000;
  }

  /** Returns the project name the usage history keeps for a raw project (its own, or `other` past maxHistoryNames). */
  historyProject(rawProject: string): string {
    return this.historyProjects.label(rawProject);
  }

  /** Returns the model name the usage history keeps (its own, or `other` past maxHistoryNames). */
  historyModel(model: string): string {
    return this.historyModels.label(model);
  }

  /** Returns the `tool` label a raw tool name is exported under (its own, or `other` past the cap). */
  toolLabel(rawTool: string): string {
    return this.tools.label(rawTool);
  }

  /** Remembers that a session's lines live in `path` (the API re-reads them for a session's timeline). */
  noteSessionFile(agent: AgentId, sessionId: string, path: string): void {
    const s = this.sessions.get(`${agent}\u001f${sessionId}`);
    if (!s) return;
    if (!s.files) s.files = [path];
    else if (!s.files.includes(path) && s.files.length < 64) s.files.push(path);
  }

  /** Counts sessions active at `nowMs`, by agent and project label. */
  activeSessions(nowMs: number): Map<string, { agent: AgentId; project: string; count: number }> {
    const out = new Map<string, { agent: AgentId; project: string; count: number }>();
    const since = nowMs - this.opts.activeWindowSeconds * 1000;
    for (const s of this.sessions.values()) {
      if (s.lastMs < since || s.lastMs > nowMs + 60_000) continue;
      const project = this.projects.label(s.project);
      const key = `${s.agent}\u001f${project}`;
      const e = out.get(key);
      if (e) e.count += 1;
      else out.set(key, { agent: s.agent, project, count: 1 });
    }
    return out;
  }

  /**
   * Shrinks what is remembered: full entries of responses, tool calls, errors and sessions older than the retention
   * window (and the oldest responses beyond the cap) become 8-byte hashes, which still stop copies from counting;
   * hashes older than coldRetentionDays are dropped. Safe at any time. Returns how many entries shrank.
   */
  evict(nowMs: number): number {
    const cutoff = nowMs - this.opts.retentionDays * 86_400_000;
    let moved = 0;
    for (const [k, e] of this.responses) {
      if (e.ts < cutoff || this.responses.size > this.opts.maxDedupEntries) {
        this.responses.delete(k);
        // A cost stated by the log cannot be recomputed for growth: such a response stops growing once compacted.
        this.coldResponses.add(k, e.ts, e.statedCost ? NO_GROWTH : (e.tokens[1] ?? 0));
        moved += 1;
      }
    }
    for (const [k, ts] of this.seen) {
      if (ts < cutoff) {
        this.seen.delete(k);
        this.cold.add(k, ts);
        moved += 1;
      }
    }
    const sessionCutoff = nowMs - (this.opts.sessionRetentionDays ?? this.opts.retentionDays) * 86_400_000;
    for (const [k, s] of this.sessions) {
      if (s.lastMs < sessionCutoff) {
        this.sessions.delete(k);
        this.cold.add(`s:${k}`, s.lastMs);
        moved += 1;
      }
    }
    for (const [k, p] of this.pendingTools) if (p.ts < nowMs - 86_400_000) this.pendingTools.delete(k);
    this.cold.compact();
    this.coldResponses.compact();
    this.cold.prune(nowMs - this.opts.coldRetentionDays * 86_400_000);
    this.coldResponses.prune(nowMs - this.opts.coldRetentionDays * 86_400_000);
    return moved;
  }

  /** Number of dedup keys remembered in full (responses + other events), for memory checks. */
  get dedupSize(): number {
    return this.responses.size + this.seen.size;
  }

  /** Number of keys remembered only as hashes (responses with their largest output included). */
  get coldSize(): number {
    return this.cold.size + this.coldResponses.size;
  }

  snapshot(): LedgerSnapshot {
    return {
      version: 1,
      counters: this.counters.toJSON(),
      histograms: this.histograms.toJSON(),
      rollups: this.rollups.toJSON(),
      responses: [...this.responses],
      seen: [...this.seen],
      sessions: [...this.sessions],
      pendingTools: [...this.pendingTools],
      cold: this.cold.toJSON(),
      coldResponses: this.coldResponses.toJSON(),
      limiters: { projects: this.projects.toJSON(), models: this.models.toJSON(), tools: this.tools.toJSON() },
    };
  }
}
