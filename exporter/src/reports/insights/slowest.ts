// The slowest tools by 95th-percentile duration (from the duration histogram, like PromQL's histogram_quantile),
// ranked only for tools with enough timed calls: a percentile of one call is that call, not a 95th percentile.
import { METRICS } from '../../metrics/catalogue.js';
import { toolRows } from '../data.js';
import type { Insight, TableColumn } from '../document.js';
import { type InsightContext, plural } from './context.js';

const BOUNDS: readonly number[] = METRICS.toolDuration.buckets ?? [];
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Returns the duration at quantile q (0..1) of bucketed counts, interpolating inside the bucket like PromQL. */
export function quantile(q: number, counts: readonly number[], bounds: readonly number[] = BOUNDS): number {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const rank = q * total;
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] ?? 0;
    if (before + n >= rank && n > 0) {
      if (i >= bounds.length) return bounds[bounds.length - 1] ?? 0;
      const lower = i === 0 ? 0 : (bounds[i - 1] ?? 0);
      return lower + ((bounds[i] ?? 0) - lower) * ((rank - before) / n);
    }
    before += n;
  }
  return bounds[bounds.length - 1] ?? 0;
}

const COLUMNS: TableColumn[] = [
  { key: 'tool', label: 'Tool', unit: 'text' },
  { key: 'timedCalls', label: 'Timed calls', unit: 'count' },
  { key: 'p50Seconds', label: 'Median', unit: 'seconds' },
  { key: 'p95Seconds', label: '95th percentile', unit: 'seconds' },
  { key: 'totalMinutes', label: 'Total (min)', unit: 'minutes' },
  { key: 'minutesAboveMedian', label: 'Above median (min)', unit: 'minutes' },
];

/** Returns the slowest-tools insight: p95 per tool, and the minutes spent above each tool's median. */
export function slowestTools(ctx: InsightContext): Insight {
  const perTool = new Map<string, { counts: number[]; seconds: number }>();
  for (const r of toolRows(ctx.src, ctx.scope)) {
    const t = perTool.get(r.tool) ?? { counts: new Array<number>(BOUNDS.length + 1).fill(0), seconds: 0 };
    r.durationCounts.forEach((n, i) => (t.counts[i] = (t.counts[i] ?? 0) + n));
    t.seconds += r.durationSum;
    perTool.set(r.tool, t);
  }
  const min = ctx.spec.minSamples.toolCalls;
  const rows: Record<string, string | number>[] = [];
  let minutes = 0;
  let most = 0;
  for (const [tool, t] of perTool) {
    const timed = t.counts.reduce((a, b) => a + b, 0);
    most = Math.max(most, timed);
    if (timed < min) continue;
    const p50 = quantile(0.5, t.counts);
    // Time above the median is at least the total minus calls × median (each slow call's excess, less the fast ones' slack).
    const above = Math.max(0, t.seconds - timed * p50) / 60;
    minutes += above;
    rows.push({ tool, timedCalls: timed, p50Seconds: round3(p50), p95Seconds: round3(quantile(0.95, t.counts)), totalMinutes: t.seconds / 60, minutesAboveMedian: above });
  }
  const base = { id: 'slowestTools' as const, title: 'Slowest tools' };
  if (rows.length === 0) {
    const why = most === 0 ? 'No timed tool calls in this period.' : `Too few timed calls to rank tools by duration: the most for one tool is ${most}, and a 95th percentile needs at least ${min}.`;
    return { ...base, level: 'good', summary: why, skipped: most === 0 ? 'no timed tool calls' : `fewer than ${min} timed calls per tool`, numbers: { tools: 0, mostTimedCalls: most } };
  }
  rows.sort((a, b) => Number(b.p95Seconds) - Number(a.p95Seconds) || (String(a.tool) < String(b.tool) ? -1 : 1));
  const top = rows[0]!;
  const skippedTools = perTool.size - rows.length;
  return {
    ...base,
    level: Number(top.p95Seconds) >= 60 ? 'warn' : 'info',
    summary: `${String(top.tool)} is the slowest tool: 95% of its ${plural(Number(top.timedCalls), 'timed call')} finished within ${Number(top.p95Seconds).toFixed(1)} s (median ${Number(top.p50Seconds).toFixed(1)} s).${skippedTools > 0 ? ` ${plural(skippedTools, 'tool')} with fewer than ${min} timed calls ${skippedTools === 1 ? 'is' : 'are'} not ranked.` : ''}`,
    suggestion: 'Slow tools are usually whole test suites or builds: run the affected tests only, cache dependencies, or give the agent a faster command.',
    ...(minutes > 0
      ? { savingMinutes: minutes, assumption: "Calls slower than their tool's median could take the median time; counted as total time minus calls × median, which is at most the time actually spent above the median." }
      : {}),
    numbers: { tools: rows.length, minutesAboveMedian: minutes, slowestTool: String(top.tool), p95Seconds: Number(top.p95Seconds) },
    rows: rows.slice(0, ctx.spec.limit),
    columns: COLUMNS,
  };
}
