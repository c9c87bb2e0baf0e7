// The report worker thread: receives the rows a report needs (in chunks, so the main thread never blocks long
// copying them), builds the document and renders files. Each job's rows are dropped when it is done.
import { parentPort } from 'node:worker_threads';
import type { SessionEntry } from '../../accounting/ledger.js';
import type { RollupRow } from '../../accounting/rollups.js';
import { loadShippedPrices, PriceTable } from '../../pricing/pricing.js';
import type { ModelPrice } from '../../pricing/schema.js';
import { ActivityStore, type ActivityRow, type ToolRow } from '../activity/store.js';
import { buildReport, type BuildOptions } from '../build.js';
import type { ReportDocument } from '../document.js';
import { renderReport } from '../render/index.js';
import type { ReportFormat, ReportTemplate } from '../template/schema.js';

/** Messages the worker understands. */
export type WorkerRequest =
  | { id: number; op: 'rows'; kind: 'rollups'; rows: RollupRow[] }
  | { id: number; op: 'rows'; kind: 'sessions'; rows: SessionEntry[] }
  | { id: number; op: 'rows'; kind: 'tools'; rows: ToolRow[] }
  | { id: number; op: 'rows'; kind: 'activity'; rows: ActivityRow[] }
  | { id: number; op: 'build'; template: ReportTemplate; opts: BuildOptions; activity: { coverageStartMs: number } | undefined; prices: Record<string, ModelPrice> }
  | { id: number; op: 'render'; doc: ReportDocument; format: ReportFormat };

/** Answers: the document, a rendered file, or the error's first line. */
export type WorkerReply =
  | { id: number; ok: true; doc: ReportDocument }
  | { id: number; ok: true; file: { format: ReportFormat; fileName: string; contentType: string; body: Uint8Array } }
  | { id: number; ok: false; error: string };

interface Job {
  rollups: RollupRow[];
  sessions: SessionEntry[];
  tools: ToolRow[];
  activity: ActivityRow[];
}

const jobs = new Map<number, Job>();
const shipped = loadShippedPrices();
let pdfQueue: Promise<unknown> = Promise.resolve();

const jobOf = (id: number): Job => {
  let j = jobs.get(id);
  if (!j) jobs.set(id, (j = { rollups: [], sessions: [], tools: [], activity: [] }));
  return j;
};

async function handle(m: WorkerRequest): Promise<WorkerReply | undefined> {
  switch (m.op) {
    case 'rows':
      for (const r of m.rows) (jobOf(m.id)[m.kind] as unknown[]).push(r);
      return undefined;
    case 'build': {
      const j = jobOf(m.id);
      jobs.delete(m.id);
      const activity = m.activity ? ActivityStore.fromJSON({ version: 1, coverageStartMs: m.activity.coverageStartMs, tools: j.tools, activity: j.activity }) : undefined;
      const sources = { rollups: () => j.rollups, sessions: () => j.sessions, activity, prices: new PriceTable(shipped, m.prices) };
      return { id: m.id, ok: true, doc: await buildReport(m.template, sources, m.opts) };
    }
    case 'render': {
      // One Chromium at a time: each is a few hundred MB, and parallel previews must not start dozens.
      const work = m.format === 'pdf' ? (pdfQueue = pdfQueue.catch(() => undefined).then(() => renderReport(m.doc, m.format))) : renderReport(m.doc, m.format);
      const file = (await work) as Awaited<ReturnType<typeof renderReport>>;
      return { id: m.id, ok: true, file: { format: file.format, fileName: file.fileName, contentType: file.contentType, body: new Uint8Array(file.body) } };
    }
  }
}

parentPort?.on('message', (m: WorkerRequest) => {
  handle(m).then(
    (reply) => reply && parentPort!.postMessage(reply),
    (err: unknown) => {
      jobs.delete(m.id);
      parentPort!.postMessage({ id: m.id, ok: false, error: err instanceof Error ? (err.message.split('\n')[0] ?? 'failed') : String(err) } satisfies WorkerReply);
    },
  );
});
