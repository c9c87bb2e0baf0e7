// Per-day usage rows from the hourly rollups: what `scan --json` prints and the landing page shows.
import type { AgentId } from '../adapters/types.js';
import { nanoToUsd } from '../pricing/pricing.js';
import { addTotals, emptyTotals, type RollupRow, type UsageTotals } from './rollups.js';

export interface DailyRow {
  date: string;
  agent: AgentId;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  costUsd: number;
  requests: number;
}

export type Totals = Omit<DailyRow, 'date' | 'agent' | 'model'>;

/** Returns the UTC day (YYYY-MM-DD) of a Unix time in seconds. */
export const utcDay = (sec: number): string => new Date(sec * 1000).toISOString().slice(0, 10);

const toRow = (t: UsageTotals): Totals => ({
  inputTokens: t.inputTokens,
  outputTokens: t.outputTokens,
  cacheCreationTokens: t.cacheWrite5mTokens + t.cacheWrite1hTokens,
  cacheReadTokens: t.cacheReadTokens,
  costUsd: nanoToUsd(t.costNano),
  requests: t.requests,
});

/** Aggregates rollups by UTC day, agent and model within [since, until] (inclusive days), sorted. */
export function dailyUsage(rows: Iterable<RollupRow>, since?: string, until?: string): { daily: DailyRow[]; totals: Totals } {
  const byKey = new Map<string, { date: string; agent: AgentId; model: string; t: UsageTotals }>();
  const total = emptyTotals();
  for (const r of rows) {
    const date = utcDay(r.hourStartSec);
    if ((since && date < since) || (until && date > until)) continue;
    const key = `${date}\u001f${r.agent}\u001f${r.model}`;
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { date, agent: r.agent, model: r.model, t: emptyTotals() }));
    addTotals(e.t, r);
    addTotals(total, r);
  }
  const daily = [...byKey.values()]
    .sort((a, b) => (a.date + a.agent + a.model < b.date + b.agent + b.model ? -1 : 1))
    .map((e) => ({ date: e.date, agent: e.agent, model: e.model, ...toRow(e.t) }));
  return { daily, totals: toRow(total) };
}
