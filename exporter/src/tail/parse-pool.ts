// Parse workers for the cold read of a large history: the files of the listing are read and parsed by a few worker
// threads (parse-worker.ts) a little ahead of the main thread, which takes each file's batches when the tracker
// visits that file and applies them there, in file order and line order — so dedup across files, streamed growth
// and Codex deltas come out exactly as a read on one thread gives them. Bounded: at most AHEAD files are out at once,
// and each worker waits (Atomics) once it has BATCHES_AHEAD batches the main thread has not applied yet.
import { Worker } from 'node:worker_threads';
import type { AgentId } from '../adapters/types.js';
import { statSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { parseFile, type ParseBatch, type ParseFileOptions, type ParseJob } from './parse-file.js';
import type { ParseWorkerData } from './parse-worker.js';

/** As in parse-worker.ts (not imported from there: that module is the worker's entry point). */
const CLAIMED_BY_MAIN = 2;
/**
 * While it waits for a worker, the main thread parses files from the far end of the window itself, holding their
 * batches until their turn: only files up to this size, and at most this many bytes' worth at once.
 */
const STEAL_MAX_FILE_BYTES = 4 << 20;
const STEAL_MAX_HELD_BYTES = 16 << 20;

/** A file's read done by a worker: its batches in order (undefined once its worker is gone), or give it up. */
export interface PreparedRead {
  next(): Promise<ParseBatch | undefined>;
  discard(): void;
}

export interface ParsePoolOptions extends ParseFileOptions {
  /**
   * Whether the main thread reads files itself rather than wait for a worker (default true). Tests turn it off so that
   * every file goes through a worker, whatever the machine's speed.
   */
  steal?: boolean;
  /**
   * A worker failed (it could not start, or threw): its files are read by the main thread, as without it. Called with
   * the error's code or name only — an error's message may quote a log line.
   */
  onWorkerError?: (code: string) => void;
}

/** Batches a worker may send ahead of the main thread's applying them (a batch: up to BATCH_ITEMS lines' parse). */
const BATCHES_AHEAD = 32;
/** Files sent out per worker and not applied yet. */
const FILES_AHEAD = 16;

interface Slot {
  worker: Worker;
  credits: Int32Array;
  alive: boolean;
  /** Jobs sent to this worker whose last batch has not arrived. */
  open: Set<Job>;
}

interface Job {
  id: number;
  key: string;
  slot: Slot;
  batches: ParseBatch[];
  waiter?: (b: ParseBatch | undefined) => void;
  /** The last batch arrived, or the worker is gone. */
  ended: boolean;
  discarded: boolean;
  /** Parsed by the main thread while it waited (its batches cost no worker credit): the file's size. */
  heldBytes?: number;
}

/** The worker's module: beside this one, compiled, or as TypeScript when running from source (tests, under tsx). */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_ENTRY = new URL(FROM_SOURCE ? './parse-worker.ts' : './parse-worker.js', import.meta.url);

const keyOf = (path: string, agent: AgentId): string => `${agent}\u0000${path}`;

/** An error's code (ERR_MODULE_NOT_FOUND), else its name, cut to 40 characters: never its message. */
const errorCode = (err: unknown): string => {
  const e = err as { code?: unknown; name?: unknown } | null;
  const v = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'unknown';
  return v.slice(0, 40);
};

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly byId = new Map<number, Job>();
  /** Jobs sent out and not taken yet, in listing order. */
  private readonly waiting: Job[] = [];
  /** Jobs sent out and not finished with (taken or not): at most `ahead`. */
  private inFlight = 0;
  private nextFile = 0;
  private closed = false;
  /** Bytes of files parsed by the main thread ahead of their turn whose batches are not applied yet. */
  private heldBytes = 0;
  /** Who reads each file (see ParseWorkerData.claims); a job's id is its file's index. */
  private readonly claims: Int32Array;

  constructor(private readonly files: readonly { path: string; agent: AgentId }[], size: number, private readonly opts: ParsePoolOptions, private readonly ahead = FILES_AHEAD * size) {
    this.claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, files.length)));
    for (let i = 0; i < size; i++) {
      const credits = new Int32Array(new SharedArrayBuffer(4));
      credits[0] = BATCHES_AHEAD;
      const workerData: ParseWorkerData = { usageOnly: opts.usageOnly, maxLineBytes: opts.maxLineBytes, chunkBytes: opts.chunkBytes, shrinkAboveBytes: opts.shrinkAboveBytes, credits: credits.buffer as SharedArrayBuffer, claims: this.claims.buffer as SharedArrayBuffer };
      const worker = FROM_SOURCE
        ? // A worker thread does not inherit tsx's loader: it registers it before loading the TypeScript entry.
          new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(WORKER_ENTRY.href)}); });`, { eval: true, workerData })
        : new Worker(WORKER_ENTRY, { workerData });
      const slot: Slot = { worker, credits, alive: true, open: new Set() };
      // A 'message' listener keeps the worker's port, and so the process, alive (an unref() before it is undone): a
      // read waiting for a worker's batch needs that. close() ends the workers; the engine calls it in a finally.
      worker.on('message', (b: ParseBatch) => this.received(b));
      // A crash loses nothing: what arrived is applied, the rest of the file is read by the main thread, and the
      // files not sent out yet go to the other workers (or to the main thread, when none is left).
      worker.on('error', (err: unknown) => {
        if (slot.alive) this.opts.onWorkerError?.(errorCode(err));
        this.lost(slot);
      });
      worker.on('exit', () => this.lost(slot));
      this.slots.push(slot);
    }
    this.fill();
  }

  /**
   * The worker's read of this file, if one has started it; files listed before it and never taken are given up.
   * A file no worker has started yet is left to the caller (undefined): waiting for a worker would leave this thread
   * idle (while workers start up, or when they are behind), and reading it here is what it would do without them.
   */
  take(path: string, agent: AgentId): PreparedRead | undefined {
    const key = keyOf(path, agent);
    const at = this.waiting.findIndex((j) => j.key === key);
    if (at < 0) return undefined;
    for (const skipped of this.waiting.splice(0, at)) this.discard(skipped);
    const job = this.waiting.shift()!;
    if (this.opts.steal !== false && Atomics.compareExchange(this.claims, job.id, 0, CLAIMED_BY_MAIN) === 0) {
      // No worker will send anything for it.
      job.ended = true;
      this.discard(job);
      return undefined;
    }
    this.fill();
    return {
      next: () => this.next(job),
      discard: () => this.discard(job),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) this.discard(job);
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private async next(job: Job): Promise<ParseBatch | undefined> {
    for (;;) {
      const b = job.batches.shift();
      if (b) return this.handOut(job, b);
      if (job.ended) return undefined;
      // Rather than wait idle, parse a file further on (the worker's batches queue up meanwhile), then look again.
      if (this.opts.steal === false || !(await this.parseAhead())) return new Promise((resolve) => (job.waiter = resolve));
      await yieldToLoop();
    }
  }

  /** Parses here the last file of the window no worker has started; false when there is none to take. */
  private async parseAhead(): Promise<boolean> {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const job = this.waiting[i]!;
      if (Atomics.load(this.claims, job.id) !== 0) return false; // workers are past it: so are they past the ones before
      let size: number;
      try {
        size = statSync(this.files[job.id]!.path).size;
      } catch {
        size = 0;
      }
      if (size > STEAL_MAX_FILE_BYTES || this.heldBytes + size > STEAL_MAX_HELD_BYTES) continue;
      if (Atomics.compareExchange(this.claims, job.id, 0, CLAIMED_BY_MAIN) !== 0) return false;
      job.heldBytes = size;
      this.heldBytes += size;
      const { path, agent } = this.files[job.id]!;
      await parseFile({ id: job.id, path, agent }, this.opts, (b) => this.received(b), false);
      return true;
    }
    return false;
  }

  /** A batch leaves the pool to be applied: its worker may send another. */
  private handOut(job: Job, b: ParseBatch): ParseBatch {
    if (job.heldBytes === undefined) this.credit(job.slot);
    if (b.done || b.failed) this.finish(job);
    return b;
  }

  private received(b: ParseBatch): void {
    const job = this.byId.get(b.id);
    if (!job) return;
    if (b.done || b.failed) job.ended = true;
    if (job.discarded) {
      if (job.heldBytes === undefined) this.credit(job.slot);
      if (job.ended) this.finish(job);
      return;
    }
    const waiter = job.waiter;
    job.waiter = undefined;
    if (waiter) waiter(this.handOut(job, b));
    else job.batches.push(b);
  }

  private discard(job: Job): void {
    if (job.discarded) return;
    job.discarded = true;
    for (const _ of job.batches.splice(0)) if (job.heldBytes === undefined) this.credit(job.slot);
    if (job.ended) this.finish(job);
  }

  private finish(job: Job): void {
    if (!this.byId.delete(job.id)) return;
    this.heldBytes -= job.heldBytes ?? 0;
    job.slot.open.delete(job);
    this.inFlight--;
    this.fill();
  }

  private credit(slot: Slot): void {
    Atomics.add(slot.credits, 0, 1);
    Atomics.notify(slot.credits, 0);
  }

  private lost(slot: Slot): void {
    if (!slot.alive) return;
    slot.alive = false;
    for (const job of [...slot.open]) {
      if (job.heldBytes !== undefined) continue; // parsed here, not by that worker
      job.ended = true;
      const waiter = job.waiter;
      job.waiter = undefined;
      waiter?.(undefined);
      this.finish(job);
    }
  }

  /** Sends out the next files while fewer than `ahead` are out, each to the live worker with the fewest. */
  private fill(): void {
    while (!this.closed && this.inFlight < this.ahead && this.nextFile < this.files.length) {
      const live = this.slots.filter((s) => s.alive);
      if (live.length === 0) return;
      const slot = live.reduce((a, b) => (b.open.size < a.open.size ? b : a));
      const { path, agent } = this.files[this.nextFile++]!;
      const job: Job = { id: this.nextFile - 1, key: keyOf(path, agent), slot, batches: [], ended: false, discarded: false };
      this.byId.set(job.id, job);
      slot.open.add(job);
      this.waiting.push(job);
      this.inFlight++;
      const msg: ParseJob = { id: job.id, path, agent };
      slot.worker.postMessage(msg);
    }
  }
}
