// The run history: every report run (scheduled or on demand) with its files and delivery outcomes, kept in
// <outputDir>/runs.json and <outputDir>/<runId>/<file>. Old runs beyond keepRuns are deleted with their files.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeCheckpoint } from '../../state/checkpoint.js';
import type { ReportFormat } from '../template/schema.js';

/** How one delivery went. Targets are named without secrets (webhook name or host, recipients counted). */
export interface DeliveryRecord {
  kind: 'email' | 'webhook' | 'folder';
  target: string;
  status: 'pending' | 'ok' | 'failed';
  attempts: number;
  error?: string;
  finishedAt?: string;
}

/** One run of a template. */
export interface RunRecord {
  id: string;
  template: string;
  title: string;
  trigger: 'schedule' | 'api';
  status: 'running' | 'delivering' | 'ok' | 'failed';
  startedAt: string;
  finishedAt?: string;
  range: { from: string; to: string; firstDay: string; lastDay: string };
  files: { format: ReportFormat; fileName: string; bytes: number }[];
  deliveries: DeliveryRecord[];
  /** Milliseconds spent computing and rendering. */
  buildMs?: number;
  renderMs?: number;
  error?: string;
  /** Totals for the history list (same shape as scan --json totals). */
  costUsd?: number;
  requests?: number;
}

const ID = /^[0-9]{8}T[0-9]{6}-[a-z0-9_-]{1,64}-[0-9a-f]{6}$/;

export class RunStore {
  private runs: RunRecord[] = [];
  private saving: Promise<void> = Promise.resolve();

  constructor(readonly dir: string, private readonly keep: number) {}

  /** Reads the history (an unreadable one starts empty). */
  async load(): Promise<void> {
    try {
      const data = JSON.parse(await readFile(join(this.dir, 'runs.json'), 'utf8')) as { runs?: RunRecord[] };
      this.runs = Array.isArray(data.runs) ? data.runs : [];
      // A run cut short by a stop or crash stays visible, marked as failed.
      for (const r of this.runs) if (r.status === 'running' || r.status === 'delivering') Object.assign(r, { status: 'failed', error: r.error ?? 'interrupted by a restart' });
    } catch {
      this.runs = [];
    }
  }

  /** Returns a new run id: time, template, random suffix. */
  static newId(template: string, nowMs = Date.now()): string {
    return `${new Date(nowMs).toISOString().replace(/[-:]/g, '').slice(0, 15)}-${template}-${randomBytes(3).toString('hex')}`;
  }

  /** Returns whether `id` has the shape of a run id (so it is safe as a folder name). */
  static isId(id: string): boolean {
    return ID.test(id);
  }

  /** Returns runs, newest first. */
  list(filter: { template?: string; limit?: number } = {}): RunRecord[] {
    return this.runs.filter((r) => !filter.template || r.template === filter.template).slice(0, filter.limit ?? 50);
  }

  get(id: string): RunRecord | undefined {
    return this.runs.find((r) => r.id === id);
  }

  /** Returns the path of a run's file. */
  filePath(run: RunRecord, fileName: string): string {
    return join(this.dir, run.id, fileName);
  }

  /** Adds a run (newest first) and drops the oldest beyond keepRuns, with their files. */
  async add(run: RunRecord): Promise<void> {
    this.runs.unshift(run);
    const dropped = this.runs.splice(this.keep);
    for (const r of dropped) await rm(join(this.dir, r.id), { recursive: true, force: true });
    await this.save();
  }

  /** Writes a run's file. */
  async writeFile(run: RunRecord, fileName: string, body: Buffer): Promise<void> {
    await mkdir(join(this.dir, run.id), { recursive: true });
    await writeFile(join(this.dir, run.id, fileName), body);
  }

  /** Saves the history atomically; saves are serialized. */
  save(): Promise<void> {
    const text = JSON.stringify({ version: 1, runs: this.runs }, null, 1);
    this.saving = this.saving.catch(() => undefined).then(() => writeCheckpoint(join(this.dir, 'runs.json'), text));
    return this.saving;
  }
}
