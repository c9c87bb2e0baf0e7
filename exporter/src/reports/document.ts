// The computed report: plain data every renderer (HTML, PDF, Markdown, JSON, CSV) draws from, and what the API and
// webhooks send.
import type { Totals } from '../accounting/daily.js';
import type { InsightId, MetricName, ReportMetric } from './metrics.js';
import type { ReportFormat } from './template/schema.js';

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
}

/** One finding with the numbers behind it and what acting on it would save. */
export interface Insight {
  id: InsightId;
  title: string;
  /** `good` when nothing needs doing, `info` worth knowing, `warn` worth acting on. */
  level: 'good' | 'info' | 'warn';
  summary: string;
  suggestion?: string;
  /** Estimated saving over a period like this one, in USD and/or minutes of waiting. */
  savingUsd?: number;
  savingMinutes?: number;
  numbers: Record<string, number | string>;
  /** Supporting rows (top tools, models, ...), shown as a small table. */
  rows?: Record<string, string | number>[];
}

export interface InsightsResult {
  type: 'insights';
  title: string;
  items: Insight[];
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
  totals: Totals;
  /** Things a reader must know (e.g. tool data only since a date). */
  notes: string[];
  formats: ReportFormat[];
  sections: SectionResult[];
}
