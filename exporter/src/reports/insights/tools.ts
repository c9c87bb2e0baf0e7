// Insights about tool use: repeated identical calls, error hotspots (by tool and error category, with what to
// do), and the slowest tools by 95th-percentile duration.
import { METRICS } from '../../metrics/catalogue.js';
import { nanoToUsd } from '../../pricing/pricing.js';
import type { ToolRow } from '../activity/store.js';
import { toolRows } from '../data.js';
import type { Insight } from '../document.js';
import { type InsightContext, pct, usd } from './context.js';

const BOUNDS: readonly number[] = METRICS.toolDuration.buckets ?? [];
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** What to do about each error category. */
export const ERROR_ADVICE: Record<string, string> = {
  not_found: 'Files or commands that do not exist: point the agent at the right paths (CLAUDE.md/AGENTS.md project map) and have it list before it reads.',
  permission: 'Permission denied: allow the commands the agent needs in its settings, or fix file ownership, instead of letting it retry.',
  rejected: 'Calls you rejected: write down what the agent may and may not do in the project instructions so it stops proposing them.',
  timeout: 'Timeouts: give long commands (tests, builds) a narrower scope or a longer timeout, or run them in the background.',
  exit_code: 'Failing commands: tests, builds or linters exited non-zero; fix the environment (dependencies, env vars) or tell the agent the right command.',
  invalid_input: 'Malformed tool input: the model misused the tool; a clearer tool description or a stronger model for these turns helps.',
  other: 'Other failures: open a failing session in the Sessions page to see the error text.',
};

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

interface PerTool {
  calls: number;
  repeats: number;
  errors: Record<string, number>;
  counts: number[];
  seconds: number;
}

function perTool(rows: ToolRow[]): Map<string, PerTool> {
  const out = new Map<string, PerTool>();
  for (const r of rows) {
    const t = out.get(r.tool) ?? { calls: 0, repeats: 0, errors: {}, counts: new Array<number>(BOUNDS.length + 1).fill(0), seconds: 0 };
    t.calls += r.calls;
    t.repeats += r.repeats;
    for (const [c, n] of Object.entries(r.errors)) t.errors[c] = (t.errors[c] ?? 0) + n;
    r.durationCounts.forEach((n, i) => (t.counts[i] = (t.counts[i] ?? 0) + n));
    t.seconds += r.durationSum;
    out.set(r.tool, t);
  }
  return out;
}

/** Returns the repeated-identical-tool-calls insight; each repeat is priced as one model request of the period. */
export function repeatedToolCalls(ctx: InsightContext): Insight {
  const tools = perTool(toolRows(ctx.src, ctx.scope));
  let calls = 0;
  let repeats = 0;
  const rows: Record<string, string | number>[] = [];
  for (const [tool, t] of tools) {
    calls += t.calls;
    repeats += t.repeats;
    if (t.repeats > 0) rows.push({ tool, calls: t.calls, repeats: t.repeats, repeatShare: t.repeats / t.calls, savingUsd: nanoToUsd(t.repeats * ctx.costPerRequestNano) });
  }
  rows.sort((a, b) => Number(b.repeats) - Number(a.repeats));
  const saving = nanoToUsd(repeats * ctx.costPerRequestNano);
  const top = rows[0];
  return {
    id: 'repeatedToolCalls',
    title: 'Repeated identical tool calls',
    level: repeats === 0 ? 'good' : calls > 0 && repeats / calls >= 0.1 ? 'warn' : 'info',
    summary: repeats === 0 ? `No tool was called twice with the same input in one session (${calls} calls).` : `${repeats} of ${calls} tool calls (${pct(repeats / Math.max(1, calls))}) repeated an earlier call with the same input in the same session; ${String(top?.tool)} most often (${String(top?.repeats)}).`,
    ...(repeats > 0 ? { suggestion: 'Repeats are re-reads and re-runs whose result the agent already had: keep key facts in the project instructions, and stop loops early (agentmon flags looping sessions live).' } : {}),
    savingUsd: saving,
    numbers: { toolCalls: calls, repeatedCalls: repeats, costPerRequestUsd: nanoToUsd(ctx.costPerRequestNano), savingUsd: saving },
    rows: rows.slice(0, ctx.spec.limit),
  };
}

/** Returns the tool-error-hotspots insight: errors by tool and category, each failed call priced as one request. */
export function toolErrorHotspots(ctx: InsightContext): Insight {
  const tools = perTool(toolRows(ctx.src, ctx.scope));
  let calls = 0;
  let errors = 0;
  const rows: Record<string, string | number>[] = [];
  for (const [tool, t] of tools) {
    calls += t.calls;
    for (const [category, n] of Object.entries(t.errors)) {
      errors += n;
      rows.push({ tool, category, errors: n, errorRate: t.calls > 0 ? n / t.calls : 0, savingUsd: nanoToUsd(n * ctx.costPerRequestNano) });
    }
  }
  rows.sort((a, b) => Number(b.errors) - Number(a.errors));
  const top = rows[0];
  const saving = nanoToUsd(errors * ctx.costPerRequestNano);
  return {
    id: 'toolErrorHotspots',
    title: 'Tool error hotspots',
    level: errors === 0 ? 'good' : calls > 0 && errors / calls >= 0.05 ? 'warn' : 'info',
    summary: top ? `${errors} of ${calls} tool calls failed (${pct(errors / Math.max(1, calls))}); the largest hotspot is ${String(top.tool)} (${String(top.category)}: ${String(top.errors)} of its ${tools.get(String(top.tool))?.calls ?? 0} calls).` : `No tool errors in ${calls} calls.`,
    ...(top ? { suggestion: ERROR_ADVICE[String(top.category)] ?? ERROR_ADVICE.other } : {}),
    savingUsd: saving,
    numbers: { toolCalls: calls, toolErrors: errors, errorRate: calls > 0 ? errors / calls : 0, savingUsd: saving, ...(top ? { topTool: String(top.tool), topCategory: String(top.category) } : {}) },
    rows: rows.slice(0, ctx.spec.limit),
  };
}

/** Returns the slowest-tools insight: p95 per tool, and the minutes spent above each tool's median. */
export function slowestTools(ctx: InsightContext): Insight {
  const rows: Record<string, string | number>[] = [];
  let minutes = 0;
  for (const [tool, t] of perTool(toolRows(ctx.src, ctx.scope))) {
    const timed = t.counts.reduce((a, b) => a + b, 0);
    if (timed === 0) continue;
    const p50 = quantile(0.5, t.counts);
    const p95 = quantile(0.95, t.counts);
    const above = Math.max(0, t.seconds - timed * p50) / 60;
    minutes += above;
    rows.push({ tool, timedCalls: timed, p50Seconds: round3(p50), p95Seconds: round3(p95), totalMinutes: t.seconds / 60, minutesAboveMedian: above });
  }
  rows.sort((a, b) => Number(b.p95Seconds) - Number(a.p95Seconds));
  const top = rows[0];
  return {
    id: 'slowestTools',
    title: 'Slowest tools',
    level: top && Number(top.p95Seconds) >= 60 ? 'warn' : top ? 'info' : 'good',
    summary: top ? `${String(top.tool)} is the slowest tool: 95% of its ${String(top.timedCalls)} calls finished within ${Number(top.p95Seconds).toFixed(1)} s (median ${Number(top.p50Seconds).toFixed(1)} s).` : 'No timed tool calls in this period.',
    ...(top ? { suggestion: 'Slow tools are usually whole test suites or builds: run the affected tests only, cache dependencies, or give the agent a faster command.' } : {}),
    savingMinutes: minutes,
    numbers: { tools: rows.length, minutesAboveMedian: minutes, ...(top ? { slowestTool: String(top.tool), p95Seconds: Number(top.p95Seconds) } : {}) },
    rows: rows.slice(0, ctx.spec.limit),
  };
}
