// The computed report: plain data every renderer (HTML, PDF, Markdown, JSON, CSV) draws from, and what the API and
// webhooks send.
import type { Totals } from '../accounting/daily.js';
import type { InsightId, MetricName, ReportMetric } from './metrics.js';
import type { ReportFormat } from './template/schema.js';
import type { UnpricedUsage } from './unpriced.js';

export interface SummaryItem {
  metric: MetricName;
  label: string;
  unit: ReportMetric['unit'];
  value: number;
  /** The value over the previous period of the same length, when compared. */
  previous?: number;
  /** (value - previous) / previous; absent when previous is 0. */
  change?: number;
  higherIsBetter?: boolean;
  /** A cost that leaves out requests of models without a price (this period or, with `previousUnpriced`, the one before). */
  unpriced?: boolean;
  previousUnpriced?: boolean;
}

export interface SummaryResult {
  type: 'summary';
  title: string;
  items: SummaryItem[];
}

export interface ChartPoint {
  /** Group key: a label value, or a bucket's start (ms) for time. */
  key: string;
  label: string;
  value: number;
}

export interface ChartResult {
  type: 'chart';
  title: string;
  chart: 'line' | 'bar' | 'pie';
  metric: MetricName;
  unit: ReportMetric['unit'];
  by: string;
  points: ChartPoint[];
  /** Every point is 0: renderers say "no data" instead of drawing a flat line. */
  empty: boolean;
  /** Keys of points whose cost leaves out unpriced requests. */
  unpricedKeys?: string[];
}

export interface TableColumn {
  key: string;
  label: string;
  unit?: ReportMetric['unit'] | 'text';
}

export interface TableResult {
  type: 'table';
  title: string;
  rows: string;
  columns: TableColumn[];
  items: Record<string, string | number>[];
  /** Indexes of items whose cost leaves out unpriced requests (`all`: the whole row is unpriced). */
  unpriced?: { index: number; all: boolean }[];
}

/** One finding with the numbers behind it and what acting on it would save. */
export interface Insight {
  id: InsightId;
  title: string;
  /** `good` when nothing needs doing, `info` worth knowing, `warn` worth acting on. */
  level: 'good' | 'info' | 'warn';
  summary: string;
  suggestion?: string;
  /**
   * Estimated saving over a period like this one, in USD (after taking out what the other insights already claim:
   * see InsightsResult) and/or minutes of waiting. Never present without `assumption`.
   */
  savingUsd?: number;
  savingMinutes?: number;
  /** What the saving rests on, in one sentence a reader can disagree with. */
  assumption?: string;
  /** Why this insight makes no claim for this period (too few samples, only unpriced models, no data). */
  skipped?: string;
  numbers: Record<string, number | string>;
  /** Supporting rows (top tools, models, ...), shown as a small table with these columns. */
  rows?: Record<string, string | number>[];
  columns?: TableColumn[];
}

export interface InsightsResult {
  type: 'insights';
  title: string;
  items: Insight[];
  /** Priced spend of the period, and what acting on every insight could save of it (never more, never counted twice). */
  spendUsd: number;
  savingUsd: number;
}

export type SectionResult = SummaryResult | ChartResult | TableResult | InsightsResult;

/** A report, computed. Times are ISO 8601 (UTC); `firstDay`/`lastDay` are days in the report's time zone. */
export interface ReportDocument {
  template: string;
  title: string;
  description?: string;
  generatedAt: string;
  timezone: string;
  range: { from: string; to: string; firstDay: string; lastDay: string };
  previous: { from: string; to: string };
  /** Usage totals in the same shape and units as `agentmon scan --json` totals. */
  totals: Totals & { unpricedRequests: number };
  /** Requests of models without a price in this period (their cost counts 0 everywhere in the report). */
  unpriced: UnpricedUsage;
  /** Nothing was recorded in the period: no usage, sessions or tool activity. */
  empty: boolean;
  /** Things a reader must know (e.g. tool data only since a date). */
  notes: string[];
  formats: ReportFormat[];
  sections: SectionResult[];
}
