// Shapes of the exporter's reports API (/api/v1/reports, see docs/reports.md "HTTP API"), as the exporter sends
// them (exporter/src/reports/document.ts, serve/api.ts, serve/runs.ts). Plain types: the app only reads them.

/** Every format the exporter renders. */
export const REPORT_FORMATS = ['pdf', 'html', 'md', 'json', 'csv'] as const;

/** One report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** How a number in a report is meant to be read. */
export type ReportUnit = 'usd' | 'count' | 'tokens' | 'ratio' | 'seconds' | 'minutes';

/** One entry of GET /templates. */
export interface ReportTemplateSummary {
  name: string;
  title: string;
  description?: string;
  period: 'day' | 'week' | 'month';
  /** Cron expression in the template's time zone; null when the template only runs on demand. */
  schedule: string | null;
  nextRunAt: string | null;
  timezone: string;
  formats: ReportFormat[];
  sections: Array<{ type: ReportSection['type']; title?: string }>;
  /** Recipients counted, webhooks counted, whether files go to a folder. */
  delivery: { email: number; webhooks: number; folder: boolean };
  builtin: boolean;
  lastRun: { id: string; status: RunStatus; startedAt: string; finishedAt: string | null } | null;
}

/** GET /templates answer. */
export interface ReportTemplateList {
  items: ReportTemplateSummary[];
}

/** Where a run is. */
export type RunStatus = 'running' | 'delivering' | 'ok' | 'failed';

/** One delivery of a run. Targets never hold secrets. */
export interface RunDelivery {
  kind: 'email' | 'webhook' | 'folder';
  target: string;
  status: 'pending' | 'ok' | 'failed';
  attempts: number;
  error?: string;
  finishedAt?: string;
}

/** A run record (POST /runs, GET /runs, GET /runs/:id). */
export interface ReportRun {
  id: string;
  template: string;
  title: string;
  trigger: 'schedule' | 'api';
  status: RunStatus;
  startedAt: string;
  finishedAt?: string;
  range: ReportRange;
  files: Array<{ format: ReportFormat; fileName: string; bytes: number }>;
  deliveries: RunDelivery[];
  buildMs?: number;
  renderMs?: number;
  costUsd?: number;
  requests?: number;
  error?: string;
}

/** GET /runs answer, newest first. */
export interface ReportRunList {
  items: ReportRun[];
}

/** A report's range: ISO instants [from, to) and its first and last day in the report's time zone. */
export interface ReportRange {
  from: string;
  to: string;
  firstDay: string;
  lastDay: string;
}

/** One figure of a summary section. */
export interface SummaryItem {
  metric: string;
  label: string;
  unit: ReportUnit;
  value: number;
  /** The value over the previous period of the same length. */
  previous?: number;
  /** (value − previous) / previous; absent when previous is 0. */
  change?: number;
  higherIsBetter?: boolean;
  /** The cost leaves out requests of models without a price (this period / the previous one). */
  unpriced?: boolean;
  previousUnpriced?: boolean;
}

/** One finding with its numbers and estimated saving. */
export interface ReportInsight {
  id: string;
  title: string;
  level: 'good' | 'info' | 'warn';
  summary: string;
  suggestion?: string;
  savingUsd?: number;
  savingMinutes?: number;
  /** What the saving rests on; present whenever a saving is. */
  assumption?: string;
  /** Why the insight makes no claim this period (too few samples, only unpriced models, no data). */
  skipped?: string;
  numbers: Record<string, number | string>;
  rows?: Array<Record<string, string | number>>;
  columns?: Array<{ key: string; label: string; unit?: ReportUnit | 'text' }>;
}

/** A computed section of a report. */
export type ReportSection =
  | { type: 'summary'; title: string; items: SummaryItem[] }
  | {
      type: 'chart';
      title: string;
      chart: 'line' | 'bar' | 'pie';
      metric: string;
      unit: ReportUnit;
      by: string;
      points: Array<{ key: string; label: string; value: number }>;
      /** Every point is 0. */
      empty?: boolean;
      /** Keys of points whose cost leaves out unpriced requests. */
      unpricedKeys?: string[];
    }
  | {
      type: 'table';
      title: string;
      rows: string;
      columns: Array<{ key: string; label: string; unit?: ReportUnit | 'text' }>;
      items: Array<Record<string, string | number>>;
      /** Items whose cost leaves out unpriced requests (`all`: nothing in it was priced). */
      unpriced?: Array<{ index: number; all: boolean }>;
    }
  | { type: 'insights'; title: string; items: ReportInsight[]; spendUsd?: number; savingUsd?: number };

/** The report document: GET /preview?format=json. */
export interface ReportDocument {
  template: string;
  title: string;
  description?: string;
  generatedAt: string;
  timezone: string;
  range: ReportRange;
  previous: { from: string; to: string };
  /** The shape of `agentmon scan --json` totals. */
  totals: {
    inputTokens: number;
    outputTokens: number;
    cacheCreationTokens: number;
    cacheReadTokens: number;
    costUsd: number;
    /** Requests of models without a price (their cost counts 0). */
    unpricedRequests?: number;
    requests: number;
  };
  /** Requests of models without a price in the range, by model. */
  unpriced?: { requests: number; models: Array<{ agent: string; model: string; requests: number }> };
  /** Nothing was recorded in the range. */
  empty?: boolean;
  notes: string[];
  formats: ReportFormat[];
  sections: ReportSection[];
}

/** A time range in Unix milliseconds, as Grafana's time picker gives it. */
export interface MsRange {
  from: number;
  to: number;
}
