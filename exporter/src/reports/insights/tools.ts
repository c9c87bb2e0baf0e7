// Insights about wasted tool round trips: repeated identical calls and error hotspots (by tool and error category,
// with what to do). Each wasted call is priced as one extra model request of its agent; calls you rejected are your
// decisions, not waste, and a repeat that failed is counted once, as an error.
import { nanoToUsd } from '../../pricing/pricing.js';
import type { ToolRow } from '../activity/store.js';
import { toolRows } from '../data.js';
import type { Insight, TableColumn } from '../document.js';
import { type InsightContext, pct, plural, requestsCostNano } from './context.js';

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

/** Errors you caused on purpose: never priced as waste. */
const NOT_WASTE = new Set(['rejected']);

/** Results whose call was not in the logs read are counted under this tool name. */
const UNKNOWN_TOOL = 'unknown';

interface Totals {
  calls: number;
  repeats: number;
  repeatErrors: number;
  errors: Record<string, number>;
}

function add(map: Map<string, Totals>, key: string, r: ToolRow): void {
  const t = map.get(key) ?? { calls: 0, repeats: 0, repeatErrors: 0, errors: {} };
  t.calls += r.calls;
  t.repeats += r.repeats;
  t.repeatErrors += r.repeatErrors ?? 0;
  for (const [c, n] of Object.entries(r.errors)) t.errors[c] = (t.errors[c] ?? 0) + n;
  map.set(key, t);
}

/** Tool rows summed per tool, and per agent and tool (waste is priced per agent). */
function totals(ctx: InsightContext): { byTool: Map<string, Totals>; byAgentTool: Map<string, Totals>; calls: number } {
  const byTool = new Map<string, Totals>();
  const byAgentTool = new Map<string, Totals>();
  let calls = 0;
  for (const r of toolRows(ctx.src, ctx.scope)) {
    add(byTool, r.tool, r);
    add(byAgentTool, `${r.agent}\u001f${r.tool}`, r);
    calls += r.calls;
  }
  return { byTool, byAgentTool, calls };
}

/** Prices wasted calls per agent; returns the nano-dollars per key of `waste` and the calls that could not be priced. */
function priceWaste(ctx: InsightContext, waste: Map<string, number>): { nano: Map<string, number>; unpricedCalls: number } {
  // Per agent first, so that the waste of one agent never exceeds that agent's priced requests.
  const perAgent = new Map<string, number>();
  for (const [key, n] of waste) perAgent.set(key.split('\u001f')[0]!, (perAgent.get(key.split('\u001f')[0]!) ?? 0) + n);
  const nano = new Map<string, number>();
  let unpricedCalls = 0;
  for (const [key, n] of waste) {
    const agent = key.split('\u001f')[0]!;
    const agentCalls = perAgent.get(agent) ?? 0;
    const agentNano = requestsCostNano(ctx, agent, agentCalls);
    if (agentNano === undefined) {
      unpricedCalls += n;
      continue;
    }
    nano.set(key, agentCalls > 0 ? Math.round((agentNano * n) / agentCalls) : 0);
  }
  return { nano, unpricedCalls };
}

const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
const noCalls = (id: Insight['id'], title: string): Insight => ({ id, title, level: 'good', summary: 'No tool calls were recorded in this period.', skipped: 'no tool calls recorded', numbers: { toolCalls: 0 } });

const REPEAT_COLUMNS: TableColumn[] = [
  { key: 'tool', label: 'Tool', unit: 'text' },
  { key: 'calls', label: 'Calls', unit: 'count' },
  { key: 'repeats', label: 'Repeats', unit: 'count' },
  { key: 'repeatShare', label: 'Repeat share', unit: 'ratio' },
  { key: 'savingUsd', label: 'Saving (USD)', unit: 'usd' },
];

/** Returns the repeated-identical-tool-calls insight. */
export function repeatedToolCalls(ctx: InsightContext): Insight {
  const title = 'Repeated identical tool calls';
  const { byTool, byAgentTool, calls } = totals(ctx);
  if (calls === 0) return noCalls('repeatedToolCalls', title);
  // A repeat that failed is priced once, under tool errors.
  const waste = new Map([...byAgentTool].map(([k, t]) => [k, Math.max(0, t.repeats - t.repeatErrors)] as const).filter(([, n]) => n > 0));
  const { nano, unpricedCalls } = priceWaste(ctx, waste);
  let repeats = 0;
  const rows: Record<string, string | number>[] = [];
  for (const [tool, t] of byTool) {
    repeats += t.repeats;
    if (t.repeats === 0) continue;
    const toolNano = [...nano].filter(([k]) => k.endsWith(`\u001f${tool}`)).reduce((a, [, v]) => a + v, 0);
    rows.push({ tool, calls: t.calls, repeats: t.repeats, repeatShare: t.calls > 0 ? t.repeats / t.calls : 0, savingUsd: nanoToUsd(toolNano) });
  }
  rows.sort((a, b) => Number(b.repeats) - Number(a.repeats) || (String(a.tool) < String(b.tool) ? -1 : 1));
  const saving = nanoToUsd(sum(nano));
  const top = rows[0];
  const enough = calls >= ctx.spec.minSamples.toolCalls;
  return {
    id: 'repeatedToolCalls',
    title,
    level: repeats === 0 ? 'good' : enough && repeats / calls >= 0.1 ? 'warn' : 'info',
    summary: repeats === 0
      ? `No tool was called twice with the same input in one session (${plural(calls, 'call')}).`
      : `${repeats} of ${plural(calls, 'tool call')} (${pct(repeats / calls)}) repeated an earlier call with the same input in the same session; ${String(top?.tool)} most often (${String(top?.repeats)}).${unpricedCalls > 0 ? ` ${plural(unpricedCalls, 'repeat')} of agents without priced requests are not priced.` : ''}`,
    ...(repeats > 0 ? { suggestion: 'Repeats are re-reads and re-runs whose result the agent already had: keep key facts in the project instructions, and stop loops early (agentmon flags looping sessions live).' } : {}),
    ...(saving > 0
      ? { savingUsd: saving, assumption: "Each repeat that did not fail cost one extra model request at its agent's average request cost in this period (repeats that failed count under tool errors)." }
      : {}),
    numbers: { toolCalls: calls, repeatedCalls: repeats, unpricedRepeats: unpricedCalls, savingUsd: saving },
    rows: rows.slice(0, ctx.spec.limit),
    columns: REPEAT_COLUMNS,
  };
}

const ERROR_COLUMNS: TableColumn[] = [
  { key: 'tool', label: 'Tool', unit: 'text' },
  { key: 'category', label: 'Category', unit: 'text' },
  { key: 'errors', label: 'Errors', unit: 'count' },
  { key: 'calls', label: 'Calls', unit: 'count' },
  { key: 'savingUsd', label: 'Saving (USD)', unit: 'usd' },
];

/** Returns the tool-error-hotspots insight. */
export function toolErrorHotspots(ctx: InsightContext): Insight {
  const title = 'Tool error hotspots';
  const { byTool, byAgentTool, calls } = totals(ctx);
  const errorsOf = (t: Totals, waste: boolean): number => Object.entries(t.errors).reduce((a, [c, n]) => a + (NOT_WASTE.has(c) === waste ? 0 : n), 0);
  if (calls === 0 && [...byTool.values()].every((t) => errorsOf(t, true) + errorsOf(t, false) === 0)) return noCalls('toolErrorHotspots', title);
  const waste = new Map([...byAgentTool].map(([k, t]) => [k, errorsOf(t, true)] as const).filter(([, n]) => n > 0));
  const { nano, unpricedCalls } = priceWaste(ctx, waste);
  let errors = 0;
  let rejected = 0;
  const rows: Record<string, string | number>[] = [];
  for (const [tool, t] of byTool) {
    const toolWaste = errorsOf(t, true);
    const toolNano = [...nano].filter(([k]) => k.endsWith(`\u001f${tool}`)).reduce((a, [, v]) => a + v, 0);
    for (const [category, n] of Object.entries(t.errors)) {
      if (n === 0) continue;
      errors += n;
      if (NOT_WASTE.has(category)) rejected += n;
      // Results whose call was not in the logs read have no call count: say so instead of "of its 0 calls".
      const callsCell = tool === UNKNOWN_TOOL && t.calls === 0 ? 'call not in logs' : t.calls;
      const saving = NOT_WASTE.has(category) ? 'not counted' : nanoToUsd(toolWaste > 0 ? Math.round((toolNano * n) / toolWaste) : 0);
      rows.push({ tool, category, errors: n, calls: callsCell, savingUsd: saving });
    }
  }
  rows.sort((a, b) => Number(b.errors) - Number(a.errors) || (String(a.tool) + String(a.category) < String(b.tool) + String(b.category) ? -1 : 1));
  const saving = nanoToUsd(sum(nano));
  const wasted = errors - rejected;
  const top = rows.find((r) => !NOT_WASTE.has(String(r.category))) ?? rows[0];
  const where = (r: Record<string, string | number>): string =>
    typeof r.calls === 'number'
      ? `${String(r.tool)} (${String(r.category)}: ${String(r.errors)} of its ${plural(r.calls, 'call')})`
      : `${plural(Number(r.errors), `${String(r.category)} result`)} whose call was not in the logs read`;
  const enough = calls >= ctx.spec.minSamples.toolCalls;
  // With no call recorded (only results whose call was not in the logs read) a share of calls means nothing.
  const parts = [calls > 0 ? `${errors} of ${plural(calls, 'tool call')} failed (${pct(errors / calls)})` : plural(errors, 'failed tool result')];
  if (rejected > 0) parts.push(`${rejected} of them ${rejected === 1 ? 'was a call' : 'were calls'} you rejected`);
  if (top) parts.push(`the largest hotspot is ${where(top)}`);
  return {
    id: 'toolErrorHotspots',
    title,
    level: errors === 0 ? 'good' : enough && wasted / calls >= 0.05 ? 'warn' : 'info',
    summary: errors === 0 ? `No tool errors in ${plural(calls, 'call')}.` : `${parts.join('; ')}.${unpricedCalls > 0 ? ` ${plural(unpricedCalls, 'error')} of agents without priced requests are not priced.` : ''}`,
    ...(top ? { suggestion: ERROR_ADVICE[String(top.category)] ?? ERROR_ADVICE.other } : {}),
    ...(saving > 0
      ? { savingUsd: saving, assumption: "Each failed call cost one extra model request at its agent's average request cost in this period; calls you rejected are your decisions and are not counted." }
      : {}),
    numbers: { toolCalls: calls, toolErrors: errors, rejectedCalls: rejected, errorRate: calls > 0 ? errors / calls : 0, unpricedErrors: unpricedCalls, savingUsd: saving, ...(top ? { topTool: String(top.tool), topCategory: String(top.category) } : {}) },
    rows: rows.slice(0, ctx.spec.limit),
    columns: ERROR_COLUMNS,
  };
}
