// Reports computed in a worker thread (worker.ts), for `serve`. The main thread only selects the rows a report can
// read (its range and the previous one) and sends them in chunks, yielding between chunks, so /metrics and tailing
// keep their event loop while the report is built and rendered.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Engine } from '../../engine.js';
import type { ModelPrice } from '../../pricing/schema.js';
import { activityOf } from '../activity/attach.js';
import { reportRange, type BuildOptions } from '../build.js';
import type { ReportDocument } from '../document.js';
import { previousRange } from '../period.js';
import type { RenderedFile } from '../render/index.js';
import type { ReportFormat, ReportTemplate } from '../template/schema.js';
import type { ReportCompute } from './compute.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

const CHUNK = 5_000;
const HOUR_SEC = 3600;

/** A report compute backed by one worker thread, started on first use and again after a crash. */
export class ReportWorker implements ReportCompute {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  /** Builds run one after another: each holds a copy of its rows in the worker, and the worker has one thread. */
  private builds: Promise<unknown> = Promise.resolve();

  constructor(private readonly engine: Engine, private readonly configPrices: Record<string, ModelPrice>) {}

  build(template: ReportTemplate, opts: BuildOptions): Promise<ReportDocument> {
    const next = this.builds.catch(() => undefined).then(() => this.buildNow(template, opts));
    this.builds = next;
    return next;
  }

  private async buildNow(template: ReportTemplate, opts: BuildOptions): Promise<ReportDocument> {
    const id = this.nextId++;
    const { range, tz } = reportRange(template, opts);
    const prev = previousRange(range, tz);
    // Rows of the report's range and the previous one (the worker filters exactly; this only has to be a superset).
    const from = Math.floor(Math.min(range.startMs, prev.startMs) / 1000) - HOUR_SEC;
    const to = Math.ceil(Math.max(range.endMs, prev.endMs) / 1000) + HOUR_SEC;
    const inRange = (hourStartSec: number): boolean => hourStartSec >= from && hourStartSec < to;
    const activity = activityOf(this.engine);
    const result = this.call(id); // registered before the rows go out, so a crash while sending is seen
    await this.send(id, 'rollups', this.engine.ledger.rollups.all(), (r) => inRange(r.hourStartSec));
    await this.send(id, 'sessions', this.engine.ledger.sessions.values(), (s) => s.firstMs > 0 && inRange(Math.floor(s.firstMs / 3_600_000) * HOUR_SEC));
    if (activity) {
      await this.send(id, 'tools', activity.tools.values(), (r) => inRange(r.hourStartSec));
      await this.send(id, 'activity', activity.activity.values(), (r) => inRange(r.hourStartSec));
    }
    this.post({ id, op: 'build', template, opts, activity: activity ? { coverageStartMs: activity.coverageStartMs } : undefined, prices: this.configPrices });
    const reply = await result;
    if (!reply.ok) throw new Error(reply.error);
    if (!('doc' in reply)) throw new Error('report worker answered without a document');
    return reply.doc;
  }

  async render(doc: ReportDocument, format: ReportFormat): Promise<RenderedFile> {
    const id = this.nextId++;
    const result = this.call(id);
    this.post({ id, op: 'render', doc, format });
    const reply = await result;
    if (!reply.ok) throw new Error(reply.error);
    if (!('file' in reply)) throw new Error('report worker answered without a file');
    const f = reply.file;
    return { format: f.format, fileName: f.fileName, contentType: f.contentType, body: Buffer.from(f.body.buffer, f.body.byteOffset, f.body.byteLength) };
  }

  /** Stops the worker (pending calls fail). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private async send<K extends 'rollups' | 'sessions' | 'tools' | 'activity', T>(id: number, kind: K, rows: Iterable<T>, keep: (row: T) => boolean): Promise<void> {
    let chunk: T[] = [];
    let looked = 0;
    for (const row of rows) {
      if (keep(row)) chunk.push(row);
      if (chunk.length >= CHUNK || ++looked % (CHUNK * 4) === 0) {
        if (chunk.length > 0) this.post({ id, op: 'rows', kind, rows: chunk } as WorkerRequest);
        chunk = [];
        await yieldToLoop();
      }
    }
    if (chunk.length > 0) this.post({ id, op: 'rows', kind, rows: chunk } as WorkerRequest);
  }

  private call(id: number): Promise<WorkerReply> {
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  private post(m: WorkerRequest): void {
    this.start().postMessage(m);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./worker.js', import.meta.url));
    w.unref(); // an idle worker must not keep the process alive
    w.on('message', (r: WorkerReply) => {
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      p?.resolve(r);
    });
    const fail = (why: string): void => {
      if (this.worker === w) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(new Error(`report worker stopped: ${why}`));
      this.pending.clear();
    };
    w.on('error', (err) => fail(err.message.split('\n')[0] ?? 'error'));
    w.on('exit', (code) => fail(`exit code ${code}`));
    this.worker = w;
    return w;
  }
}
