// The text table `agentmon scan` prints: one row per day, agent and model, and a total.
import type { DailyRow, Totals } from '../accounting/daily.js';

const fmt = (n: number): string => n.toLocaleString('en-US');
const usd = (n: number): string => `$${n.toFixed(2)}`;

type Unpriced = { unpricedRequests: number };

/** A cost cell: "unpriced*" when none of it was priced, a "*" when part of it was not. */
const cost = (usdValue: number, r: Unpriced & { requests: number }): string => (r.unpricedRequests === 0 ? usd(usdValue) : r.unpricedRequests === r.requests ? 'unpriced*' : `${usd(usdValue)}*`);

/** Renders the daily rows as an aligned text table with a total line. */
export function renderTable(daily: (DailyRow & Unpriced)[], totals: Totals & Unpriced): string {
  const head = ['Date', 'Agent', 'Model', 'Input', 'Output', 'Cache write', 'Cache read', 'Cost', 'Requests'];
  const rows = daily.map((r) => [r.date, r.agent, r.model, fmt(r.inputTokens), fmt(r.outputTokens), fmt(r.cacheCreationTokens), fmt(r.cacheReadTokens), cost(r.costUsd, r), fmt(r.requests)]);
  const total = ['Total', '', '', fmt(totals.inputTokens), fmt(totals.outputTokens), fmt(totals.cacheCreationTokens), fmt(totals.cacheReadTokens), cost(totals.costUsd, totals), fmt(totals.requests)];
  const widths = head.map((h, i) => Math.max(h.length, ...[...rows, total].map((r) => r[i]!.length)));
  // Text columns left-aligned, numbers right-aligned.
  const line = (cells: string[]): string => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(head), rule, ...rows.map(line), rule, line(total)].join('\n') + '\n';
}
