// `agentmon scan --blocks`: Claude Code's past (and current) 5-hour windows from the logs just read.
import type { Engine } from '../engine.js';
import { fiveHourWindows } from '../plan/blocks.js';
import { renderWindowsTable, windowsBetween, windowsJson } from '../plan/blocks-output.js';

/** Returns what `scan --blocks` prints: a table, or JSON with --json. */
export function printBlocks(engine: Engine, o: { json: boolean; since?: string; until?: string; nowMs: number }): string {
  const windows = windowsBetween(fiveHourWindows(engine.ledger.rollups.all(), 'claude-code'), o.since, o.until);
  if (o.json) return `${JSON.stringify(windowsJson(windows, o.nowMs))}\n`;
  if (windows.length === 0) return `No Claude Code usage found in: ${engine.roots.filter((r) => r.agent === 'claude-code').map((r) => r.root).join(', ') || '(no Claude Code folders)'}\n`;
  return renderWindowsTable(windows, o.nowMs);
}
