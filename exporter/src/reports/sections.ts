// Builds the summary, chart and table sections of a report from its sources.
import { nanoToUsd } from '../pricing/pricing.js';
import { metricValues } from './aggregate.js';
import { type ReportSources, type Scope, sessionRows } from './data.js';
import { windowItems } from './windows.js';
import type { ChartPoint, ChartResult, SummaryResult, TableColumn, TableResult } from './document.js';
import { type Dimension, isTimeDimension, type MetricName, METRIC_NAMES, metricDef } from './metrics.js';
import { bucketLabel, bucketsOf, fitBuckets } from './period.js';
import { ROW_DIMENSION, type ChartSpec, type SummarySpec, type TableSpec } from './template/schema.js';

const MAX_TIME_BUCKETS = 120;

/** Metrics whose groups cannot be summed into an "other" group. */
const additive = (m: MetricName): boolean => metricDef(m).unit !== 'ratio' && m !== 'costPerSession' && m !== 'sessionMinutes';

/** Returns the summary: each metric's value, and its change against the previous period. */
export function buildSummary(spec: SummarySpec, src: ReportSources, scope: Scope, previous: Scope): SummaryResult {
  const items = spec.metrics.map((metric) => {
    const def = metricDef(metric);
    const value = metricValues(src, scope, metric).total;
    const item = { metric, label: def.label, unit: def.unit, value, ...(def.higherIsBetter !== undefined ? { higherIsBetter: def.higherIsBetter } : {}) };
    if (!spec.compare) return item;
    const prev = metricValues(src, previous, metric).total;
    return { ...item, previous: prev, ...(prev !== 0 ? { change: (value - prev) / Math.abs(prev) } : {}) };
  });
  return { type: 'summary', title: spec.title ?? 'Summary', items };
}

/** Returns a chart's points: every time bucket of the range (empty ones at 0), or the largest label groups. */
export function buildChart(spec: ChartSpec, src: ReportSources, scope: Scope): ChartResult {
  const def = metricDef(spec.metric);
  // A long range in small buckets would draw thousands of bars: step up to weeks or months.
  const by: Dimension = isTimeDimension(spec.by) ? fitBuckets(scope.range, spec.by, MAX_TIME_BUCKETS) : spec.by;
  const { groups } = metricValues(src, scope, spec.metric, by);
  let points: ChartPoint[];
  if (isTimeDimension(by)) {
    points = bucketsOf(scope.range, by, scope.tz).map((start) => ({ key: String(start), label: bucketLabel(start, by, scope.tz), value: groups.get(String(start)) ?? 0 }));
  } else {
    const sorted = [...groups].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    points = sorted.slice(0, spec.limit).map(([key, value]) => ({ key, label: key, value }));
    const rest = sorted.slice(spec.limit);
    if (rest.length > 0 && additive(spec.metric)) points.push({ key: 'other', label: `other (${rest.length})`, value: rest.reduce((a, [, v]) => a + v, 0) });
  }
  const title = `${spec.title ?? `${def.label} by ${spec.by}`}${by !== spec.by ? ` (per ${by})` : ''}`;
  return { type: 'chart', title, chart: spec.chart, metric: spec.metric, unit: def.unit, by, points };
}

const COLUMN_LABELS: Record<string, string> = {
  session: 'Session', agent: 'Agent', project: 'Project', model: 'Model', tool: 'Tool', day: 'Day', started: 'Started', minutes: 'Minutes',
  ends: 'Ends', models: 'Models',
};

function column(key: string): TableColumn {
  if ((METRIC_NAMES as readonly string[]).includes(key)) {
    const def = metricDef(key as MetricName);
    return { key, label: def.label, unit: def.unit };
  }
  return { key, label: COLUMN_LABELS[key] ?? key, unit: key === 'minutes' ? 'minutes' : 'text' };
}

function sessionItems(src: ReportSources, scope: Scope): Record<string, string | number>[] {
  return sessionRows(src, scope).map((s) => ({
    session: s.sessionId,
    agent: s.agent,
    project: s.projectLabel,
    model: s.lastModel || 'unknown',
    started: new Date(s.firstMs).toISOString().slice(0, 16).replace('T', ' '),
    minutes: Math.round((Math.max(0, s.lastMs - s.firstMs) / 60_000) * 10) / 10,
    prompts: s.prompts,
    requests: s.requests,
    toolCalls: s.toolCalls,
    toolErrors: s.toolErrors,
    apiErrors: s.apiErrors,
    inputTokens: s.tokens[0] ?? 0,
    outputTokens: s.tokens[1] ?? 0,
    cacheReadTokens: s.tokens[2] ?? 0,
    cacheWriteTokens: (s.tokens[3] ?? 0) + (s.tokens[4] ?? 0),
    costUsd: nanoToUsd(s.costNano),
  }));
}

function groupItems(spec: TableSpec, src: ReportSources, scope: Scope): Record<string, string | number>[] {
  const dim: Dimension = ROW_DIMENSION[spec.rows as Exclude<TableSpec['rows'], 'sessions' | 'windows'>];
  const rows = new Map<string, Record<string, string | number>>();
  for (const col of spec.columns) {
    if (col === dim) continue;
    for (const [key, value] of metricValues(src, scope, col as MetricName, dim).groups) {
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { [dim]: isTimeDimension(dim) ? bucketLabel(Number(key), dim, scope.tz) : key }));
      row[col] = value;
    }
  }
  // Every row has every column: a model with no tool calls shows 0, not a blank.
  return [...rows.values()].map((r) => Object.fromEntries(spec.columns.map((c) => [c, r[c] ?? (c === dim ? '' : 0)])));
}

/** Returns a table of sessions (started in the range) or of groups (models, projects, agents, tools, days). */
export function buildTable(spec: TableSpec, src: ReportSources, scope: Scope): TableResult {
  const all = spec.rows === 'sessions' ? sessionItems(src, scope) : spec.rows === 'windows' ? windowItems(src, scope) : groupItems(spec, src, scope);
  const sortKey = spec.sort ?? spec.columns.find((c) => typeof all[0]?.[c] === 'number') ?? spec.columns[0]!;
  const dir = spec.order === 'asc' ? 1 : -1;
  all.sort((a, b) => {
    const x = a[sortKey] ?? 0;
    const y = b[sortKey] ?? 0;
    return (x < y ? -1 : x > y ? 1 : 0) * dir;
  });
  const items = all.slice(0, spec.limit).map((r) => Object.fromEntries(spec.columns.map((c) => [c, r[c] ?? ''])));
  return { type: 'table', title: spec.title ?? `Top ${spec.rows}`, rows: spec.rows, columns: spec.columns.map(column), items };
}
