// Reports inside `serve`: the activity store fed by the engine (saved inside the checkpoint), the templates,
// the scheduler, the run history and the HTTP API. start() and stop() are idempotent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Router } from 'express';
import type { Gate } from '../../http/gate.js';
import type { ResolvedConfig } from '../../config/load.js';
import type { Engine } from '../../engine.js';
import type { Logger } from '../../util/log.js';
import { activityPath, attachActivity, restoreActivity } from '../activity/attach.js';
import { chromiumPath } from '../render/pdf.js';
import { backfillActivity } from '../activity/backfill.js';
import { type ActivitySnapshot, ActivityStore } from '../activity/store.js';
import { sourcesOf } from '../data.js';
import type { TimeRange } from '../period.js';
import { type LoadedTemplate, loadTemplates } from '../template/load.js';
import type { ReportFormat } from '../template/schema.js';
import { reportsRouter } from './api.js';
import type { ReportCompute } from './compute.js';
import { type RunContext, runTemplate } from './runner.js';
import { ReportWorker } from './worker-client.js';
import { RunStore } from './runs.js';
import { ReportScheduler } from './scheduler.js';

/** Name of the activity store's part of the checkpoint. */
const ACTIVITY_PART = 'reports.activity';

export class ReportsService {
  templates = new Map<string, LoadedTemplate>();
  readonly scheduler: ReportScheduler;
  readonly runs: RunStore;
  private activity?: ActivityStore;
  private readonly abort = new AbortController();
  private readonly pending = new Set<Promise<void>>();
  private backfill?: Promise<void>;
  private started = false;
  private stopped = false;
  /** Builds and renders reports in a worker thread, off the event loop that serves /metrics. */
  readonly compute: ReportCompute & { close(): Promise<void> };

  constructor(private readonly engine: Engine, private readonly config: ResolvedConfig, private readonly log: Logger, private readonly env: NodeJS.ProcessEnv = process.env) {
    this.scheduler = new ReportScheduler(log);
    this.runs = new RunStore(config.reports.outputDir ?? join(config.stateDir, 'reports'), config.reports.keepRuns);
    this.compute = new ReportWorker(engine, config.prices);
  }

  /** Loads templates (throws ConfigError for a bad one), attaches the activity store, starts the schedules. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.templates = loadTemplates(this.config.reports.templatesDir);
    // The store lives in the engine's checkpoint; an activity.json beside it is read once (exporters before that).
    const saved = this.engine.restoredParts[ACTIVITY_PART] as ActivitySnapshot | undefined;
    const store = saved?.version === 1 ? ActivityStore.fromJSON(saved) : await restoreActivity(activityPath(this.config.stateDir), this.engine.initialScanDone);
    this.activity = attachActivity(this.engine, store);
    this.engine.addSnapshotPart(ACTIVITY_PART, () => store.toJSON());
    if (this.activity.coverageStartMs > 0) this.backfill = this.fillActivityPast(this.activity);
    await this.runs.load();
    if (!this.config.reports.enabled) return;
    const formats = this.scheduledFormats();
    this.scheduler.start(this.templates.values(), (t) => this.zoneOf(t), async (t) => void (await this.run(t, { trigger: 'schedule', deliver: true, formats: formats(t) })));
  }


  /**
   * Returns the formats a template's scheduled runs make: its own, less PDF when Chromium is missing, which is
   * warned about once per template here, at start, rather than failing every run (the other formats still go out).
   */
  private scheduledFormats(): (t: LoadedTemplate) => ReportFormat[] {
    const chromium = chromiumPath(this.env);
    if (existsSync(chromium)) return (t) => t.template.formats;
    for (const t of this.templates.values()) {
      if (!t.template.schedule || !t.template.formats.includes('pdf')) continue;
      this.log.warn('scheduled report cannot be made as PDF here: Chromium not found; its runs leave the PDF out (install Chromium or set AGENTMON_CHROMIUM, or drop pdf from its formats)', { template: t.template.name, chromium });
    }
    return (t) => t.template.formats.filter((f) => f !== 'pdf');
  }

  /** Returns the time zone a template's days are in. */
  zoneOf(t: LoadedTemplate): string {
    return t.template.timezone ?? this.config.reports.timezone;
  }

  private context(): RunContext {
    const r = this.config.reports.retry;
    return {
      sources: sourcesOf(this.engine),
      compute: this.compute,
      config: this.config.reports,
      store: this.runs,
      log: this.log,
      env: this.env,
      signal: this.abort.signal,
      retry: { attempts: r.attempts, initialDelayMs: r.initialDelaySeconds * 1000, maxDelayMs: r.maxDelaySeconds * 1000 },
    };
  }

  /** Runs a template now; resolves with the run once its files are stored. */
  async run(loaded: LoadedTemplate, opts: { trigger: 'schedule' | 'api'; deliver: boolean; range?: TimeRange; formats?: readonly ReportFormat[] }) {
    const { run, delivered } = await runTemplate(this.context(), loaded, { ...opts, timezone: this.zoneOf(loaded) });
    this.pending.add(delivered);
    void delivered.finally(() => this.pending.delete(delivered));
    this.log.info('report run', { run: run.id, template: run.template, trigger: opts.trigger, status: run.status, buildMs: run.buildMs, renderMs: run.renderMs });
    return run;
  }

  /** The /api/v1/reports router; expensive requests go through `heavy`. */
  router(heavy: Gate): Router {
    return reportsRouter(this, heavy);
  }

  /** Reads the logs on disk once more for the tool history an upgraded exporter has not seen (in the background). */
  private async fillActivityPast(store: ActivityStore): Promise<void> {
    const t0 = Date.now();
    try {
      const { hoursBefore, rows } = await backfillActivity(store, this.config, this.env, () => this.stopped);
      if (hoursBefore) this.log.info('report activity read from the logs on disk', { before: hoursBefore, rows, seconds: (Date.now() - t0) / 1000 });
      this.engine.version++; // the store changed outside line processing: the next checkpoint must save it
    } catch (err) {
      this.log.warn('reading report activity from the logs failed; tool numbers start now', { error: String(err) });
    }
  }

  /** Resolves when the background read of past activity (if any) is done; for tests and benchmarks. */
  async activityReady(): Promise<void> {
    await this.backfill;
  }

  /** Stops the schedules, gives up pending retries and waits for runs in progress (the checkpoint saves the store). */
  async stop(): Promise<void> {
    if (!this.started || this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    await this.scheduler.stop();
    await Promise.all([...this.pending]);
    await this.compute.close();
  }
}
