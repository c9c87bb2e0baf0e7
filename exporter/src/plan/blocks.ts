// Claude Code's past 5-hour windows, rebuilt from the usage rollups the way `ccusage blocks` does: a window starts at
// the UTC hour of the first request after the previous window ended, and lasts 5 hours. Because a window starts on
// an hour and is a whole number of hours long, the hourly rollups place every request in its window exactly (one
// difference from ccusage: a request at exactly start + 5 h opens the next window here; ccusage keeps it).
import type { AgentId } from '../adapters/types.js';
import { addTotals, emptyTotals, type RollupRow, type UsageTotals } from '../accounting/rollups.js';

export const WINDOW_HOURS = 5;
const HOUR_S = 3600;

/** One 5-hour window with the usage counted in it. */
export interface UsageWindow extends UsageTotals {
  agent: AgentId;
  /** Start and end (exclusive) in Unix seconds. */
  startSec: number;
  endSec: number;
  /** Start of the last hour with usage in the window. */
  lastActiveHourSec: number;
  /** Models used, sorted. */
  models: string[];
}

/** Returns the 5-hour windows of `agent`'s usage, oldest first. */
export function fiveHourWindows(rows: Iterable<RollupRow>, agent: AgentId = 'claude-code'): UsageWindow[] {
  const hours = new Map<number, { t: UsageTotals; models: Set<string> }>();
  for (const r of rows) {
    if (r.agent !== agent) continue;
    // Rows with nothing in them (none are written today) must not open a window.
    if (r.requests === 0 && r.inputTokens + r.outputTokens + r.cacheReadTokens + r.cacheWrite5mTokens + r.cacheWrite1hTokens === 0) continue;
    let h = hours.get(r.hourStartSec);
    if (!h) hours.set(r.hourStartSec, (h = { t: emptyTotals(), models: new Set() }));
    addTotals(h.t, r);
    h.models.add(r.model);
  }
  const out: (UsageWindow & { modelSet: Set<string> })[] = [];
  let current: (UsageWindow & { modelSet: Set<string> }) | undefined;
  for (const hour of [...hours.keys()].sort((a, b) => a - b)) {
    const h = hours.get(hour)!;
    if (!current || hour >= current.endSec) {
      current = { agent, startSec: hour, endSec: hour + WINDOW_HOURS * HOUR_S, lastActiveHourSec: hour, models: [], modelSet: new Set(), ...emptyTotals() };
      out.push(current);
    }
    addTotals(current, h.t);
    current.lastActiveHourSec = hour;
    for (const m of h.models) current.modelSet.add(m);
  }
  return out.map(({ modelSet, ...w }) => ({ ...w, models: [...modelSet].sort() }));
}

/** Whether the window is still open at `nowMs`. */
export const isActiveWindow = (w: UsageWindow, nowMs: number): boolean => nowMs >= w.startSec * 1000 && nowMs < w.endSec * 1000;
