// Builds the summary, chart and table sections of a report from its sources.
import { nanoToUsd } from '../pricing/pricing.js';
import { isUnpriced } from '../pricing/unpriced.js';
import { metricValues } from './aggregate.js';
import { type ReportSources, type Scope, sessionRows, usageRows } from './data.js';
import { windowItems } from './windows.js';
import type { ChartPoint, ChartResult, SummaryResult, TableColumn, TableResult } from './document.js';
import { type Dimension, isTimeDimension, type MetricName, METRIC_NAMES, metricDef } from './metrics.js';
import { bucketLabel, bucketStart, bucketsOf, fitBuckets } from './period.js';
import { ROW_DIMENSION, type ChartSpec, type SummarySpec, type TableSpec } from './template/schema.js';
import { sessionUnpriced } from './unpriced.js';

const MAX_TIME_BUCKETS = 120;

/** Metrics whose groups cannot be summed into an "other" group. */
const additive = (m: MetricName): boolean => metricDef(m).unit !== 'ratio' && m !== 'costPerSession' && m !== 'sessionMinutes';

/**
 * Returns the groups of `by` (label values, or bucket starts for time) whose cost leaves out unpriced requests,
 * each with whether the group is wholly unpriced. Only costUsd is built from usage rows; other metrics have none.
 */
export function unpricedGroups(src: ReportSources, scope: Scope, metric: MetricName, by?: Dimension): Map<string, boolean> {
  const out = new Map<string, boolean>();
  if (metric !== 'costUsd') return out;
  const priced = new Set<string>();
  for (const r of usageRows(src, scope)) {
    const key = !by ? '' : isTimeDimension(by) ? String(bucketStart(r.hourStartSec * 1000, by, scope.tz)) : by === 'agent' ? r.agent : by === 'project' ? r.project : by === 'model' ? r.model : undefined;
    if (key === undefined) continue;
    if (isUnpriced(src.prices, r.model, r.requests, r.costNano)) out.set(key, !priced.has(key));
    else if (r.requests > 0 || r.costNano > 0) {
      priced.add(key);
      if (out.has(key)) out.set(key, false);
    }
  }
  return out;
}

/** Whether a metric's total over the scope leaves out unpriced usage (cost) or unpriced sessions (cost per session). */
function unpricedIn(src: ReportSources, scope: Scope, metric: MetricName): boolean {
  if (metric === 'costPerSession') return sessionRows(src, scope).some((s) => sessionUnpriced(src, s));
  return unpricedGroups(src, scope, metric).size > 0;
}

/** Returns the summary: each metric's value, and its change against the previous period. */
export function buildSummary(spec: SummarySpec, src: ReportSources, scope: Scope, previous: Scope): SummaryResult {
  const items = spec.metrics.map((metric) => {
    const def = metricDef(metric);
    const value = metricValues(src, scope, metric).total;
    const marks = unpricedIn(src, scope, metric) ? { unpriced: true } : {};
    const item = { metric, label: def.label, unit: def.unit, value, ...(def.higherIsBetter !== undefined ? { higherIsBetter: def.higherIsBetter } : {}), ...marks };
    if (!spec.compare) return item;
    const prev = metricValues(src, previous, metric).total;
    const prevMarks = unpricedIn(src, previous, metric) ? { previousUnpriced: true } : {};
    return { ...item, previous: prev, ...(prev !== 0 ? { change: (value - prev) / Math.abs(prev) } : {}), ...prevMarks };
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
  const unpriced = unpricedGroups(src, scope, spec.metric, by);
  // An unpriced group folded into "other" makes "other" leave something out too.
  const folded = [...unpriced.keys()].some((k) => !points.some((p) => p.key === k));
  const unpricedKeys = points.filter((p) => unpriced.has(p.key) || (p.key === 'other' && folded)).map((p) => p.key);
  return { type: 'chart', title: chartTitle(spec, def.label, by), chart: spec.chart, metric: spec.metric, unit: def.unit, by, points, empty: points.every((p) => p.value === 0), ...(unpricedKeys.length > 0 ? { unpricedKeys } : {}) };
}

/** A chart's title; when a long range steps up from days to weeks, "per day" in the title says "per week". */
function chartTitle(spec: ChartSpec, label: string, by: Dimension): string {
  const title = spec.title ?? `${label} by ${spec.by}`;
  if (by === spec.by) return title;
  const stepped = title.replace(new RegExp(`\\b(per|by) ${spec.by}\\b`, 'i'), `$1 ${by}`);
  return stepped !== title ? stepped : `${title} (per ${by})`;
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
    [UNPRICED]: sessionUnpriced(src, s) ?? '',
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

/** A hidden field of table items: 'all' or 'part' when the row's cost leaves out unpriced requests. */
const UNPRICED = '\u0000unpriced';

function groupItems(spec: TableSpec, src: ReportSources, scope: Scope): Record<string, string | number>[] {
  const dim: Dimension = ROW_DIMENSION[spec.rows as Exclude<TableSpec['rows'], 'sessions' | 'windows'>];
  const rows = new Map<string, Record<string, string | number>>();
  const unpriced = spec.columns.includes('costUsd') ? unpricedGroups(src, scope, 'costUsd', dim) : new Map<string, boolean>();
  for (const col of spec.columns) {
    if (col === dim) continue;
    for (const [key, value] of metricValues(src, scope, col as MetricName, dim).groups) {
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { [dim]: isTimeDimension(dim) ? bucketLabel(Number(key), dim, scope.tz) : key }));
      row[col] = value;
    }
  }
  // Every row has every column: a model with no tool calls shows 0, not a blank.
  return [...rows].map(([key, r]) => ({
    ...Object.fromEntries(spec.columns.map((c) => [c, r[c] ?? (c === dim ? '' : 0)])),
    [UNPRICED]: unpriced.has(key) ? (unpriced.get(key) ? 'all' : 'part') : '',
  }));
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
  const shown = all.slice(0, spec.limit);
  const items = shown.map((r) => Object.fromEntries(spec.columns.map((c) => [c, r[c] ?? ''])));
  const unpriced = spec.columns.includes('costUsd') ? shown.flatMap((r, index) => (r[UNPRICED] ? [{ index, all: r[UNPRICED] === 'all' }] : [])) : [];
  return { type: 'table', title: spec.title ?? `Top ${spec.rows}`, rows: spec.rows, columns: spec.columns.map(column), items, ...(unpriced.length > 0 ? { unpriced } : {}) };
}
