// How `agentmon scan --blocks` prints the 5-hour windows: JSON rows in the units of `scan --json`, or a text table.
import { addTotals, emptyTotals, type UsageTotals } from '../accounting/rollups.js';
import { nanoToUsd } from '../pricing/pricing.js';
import { isActiveWindow, type UsageWindow } from './blocks.js';

/** One window as `scan --blocks --json` prints it. */
export interface WindowRow {
  agent: string;
  start: string;
  end: string;
  /** Still open now: its numbers will grow. */
  active: boolean;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
  costUsd: number;
  requests: number;
  models: string[];
}

const iso = (sec: number): string => new Date(sec * 1000).toISOString();

/** The token and cost fields of a row, from totals kept in integer nano-dollars (so sums agree with `scan`). */
function amounts(t: UsageTotals): Omit<WindowRow, 'agent' | 'start' | 'end' | 'active' | 'models'> {
  const cacheCreationTokens = t.cacheWrite5mTokens + t.cacheWrite1hTokens;
  return {
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    cacheCreationTokens,
    cacheReadTokens: t.cacheReadTokens,
    totalTokens: t.inputTokens + t.outputTokens + cacheCreationTokens + t.cacheReadTokens,
    costUsd: nanoToUsd(t.costNano),
    requests: t.requests,
  };
}

/** Returns the JSON row of a window. */
export function windowRow(w: UsageWindow, nowMs: number): WindowRow {
  return { agent: w.agent, start: iso(w.startSec), end: iso(w.endSec), active: isActiveWindow(w, nowMs), ...amounts(w), models: w.models };
}

/** What `scan --blocks --json` prints: the windows and their totals. */
export function windowsJson(windows: UsageWindow[], nowMs: number): { blocks: WindowRow[]; totals: ReturnType<typeof amounts> } {
  const total = emptyTotals();
  for (const w of windows) addTotals(total, w);
  return { blocks: windows.map((w) => windowRow(w, nowMs)), totals: amounts(total) };
}

/** Keeps the windows that start within [since, until] (UTC days, inclusive). */
export function windowsBetween(windows: UsageWindow[], since?: string, until?: string): UsageWindow[] {
  return windows.filter((w) => {
    const day = iso(w.startSec).slice(0, 10);
    return (!since || day >= since) && (!until || day <= until);
  });
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const when = (isoText: string): string => isoText.slice(0, 16).replace('T', ' ');

/** Renders windows as an aligned text table with a total line. */
export function renderWindowsTable(windows: UsageWindow[], nowMs: number): string {
  const { blocks, totals } = windowsJson(windows, nowMs);
  const head = ['Window start (UTC)', 'End', 'Requests', 'Input', 'Output', 'Cache write', 'Cache read', 'Total tokens', 'Cost', 'Models'];
  const cells = (a: ReturnType<typeof amounts>): string[] => [fmt(a.requests), fmt(a.inputTokens), fmt(a.outputTokens), fmt(a.cacheCreationTokens), fmt(a.cacheReadTokens), fmt(a.totalTokens), `$${a.costUsd.toFixed(2)}`];
  const body = blocks.map((r) => [when(r.start), `${when(r.end).slice(11)}${r.active ? ' (active)' : ''}`, ...cells(r), r.models.join(', ')]);
  const total = ['Total', `${blocks.length} window${blocks.length === 1 ? '' : 's'}`, ...cells(totals), ''];
  const widths = head.map((h, i) => Math.max(h.length, ...[...body, total].map((r) => r[i]!.length)));
  // Times and models left-aligned, numbers right-aligned.
  const line = (row: string[]): string => row.map((c, i) => (i < 2 || i === 9 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(head), rule, ...body.map(line), rule, line(total)].join('\n') + '\n';
}
