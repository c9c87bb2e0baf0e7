// The rows of a `rows: windows` table: Claude Code's 5-hour windows (plan/blocks.ts) that started in the report's
// range. A window belongs to the account, not to a project: a `projects` filter does not split it (an `agents`
// filter without claude-code leaves the table empty).
import { nanoToUsd } from '../pricing/pricing.js';
import { fiveHourWindows } from '../plan/blocks.js';
import type { ReportSources, Scope } from './data.js';

const when = (sec: number): string => new Date(sec * 1000).toISOString().slice(0, 16).replace('T', ' ');

/** Returns one row per window that started in scope, with its usage in the units of the other tables. */
export function windowItems(src: ReportSources, scope: Scope): Record<string, string | number>[] {
  if (scope.agents && !scope.agents.includes('claude-code')) return [];
  const start = scope.range.startMs / 1000;
  const end = scope.range.endMs / 1000;
  return fiveHourWindows(src.rollups(), 'claude-code')
    .filter((w) => w.startSec >= start && w.startSec < end)
    .map((w) => ({
      started: when(w.startSec),
      ends: when(w.endSec),
      requests: w.requests,
      inputTokens: w.inputTokens,
      outputTokens: w.outputTokens,
      cacheReadTokens: w.cacheReadTokens,
      cacheWriteTokens: w.cacheWrite5mTokens + w.cacheWrite1hTokens,
      totalTokens: w.inputTokens + w.outputTokens + w.cacheReadTokens + w.cacheWrite5mTokens + w.cacheWrite1hTokens,
      costUsd: nanoToUsd(w.costNano),
      models: w.models.join(', '),
    }));
}
