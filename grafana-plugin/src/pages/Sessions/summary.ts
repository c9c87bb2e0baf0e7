// Figures derived from one session for the detail and compare views, computed once from the API's answer.
import type { SessionDetail, TimelineEntry } from '../../api/types';
import { totalTokens } from '../../utils/format';

/** Per-tool calls, errors and time spent, from a timeline. */
export interface ToolUse {
  tool: string;
  calls: number;
  errors: number;
  seconds: number;
}

/** Returns tool usage from the timeline's tool_result entries (tool_call entries when no result came back). */
export function toolUsage(timeline: TimelineEntry[]): ToolUse[] {
  const byTool = new Map<string, ToolUse>();
  const get = (tool: string) => {
    let t = byTool.get(tool);
    if (!t) {
      t = { tool, calls: 0, errors: 0, seconds: 0 };
      byTool.set(tool, t);
    }
    return t;
  };
  for (const e of timeline) {
    if (e.kind === 'tool_call' && e.tool) {
      get(e.tool).calls++;
    } else if (e.kind === 'tool_result' && e.tool) {
      const t = get(e.tool);
      if (e.ok === false) {
        t.errors++;
      }
      t.seconds += e.durationSeconds ?? 0;
    }
  }
  return [...byTool.values()].sort((a, b) => b.calls - a.calls || a.tool.localeCompare(b.tool));
}

/** Seconds from a session's start to its last activity. */
export function sessionSeconds(s: Pick<SessionDetail, 'startedAt' | 'lastActivityAt'>): number {
  return Math.max(0, (Date.parse(s.lastActivityAt) - Date.parse(s.startedAt)) / 1000);
}

/** One comparable figure of a session. */
export interface Figure {
  label: string;
  value: (s: SessionDetail) => number;
  format: 'usd' | 'count' | 'duration';
}

/** The figures the compare view lines up. */
export const FIGURES: Figure[] = [
  { label: 'Cost', value: (s) => s.costUsd, format: 'usd' },
  { label: 'Duration', value: sessionSeconds, format: 'duration' },
  { label: 'Model requests', value: (s) => s.requests, format: 'count' },
  { label: 'Prompts', value: (s) => s.prompts, format: 'count' },
  { label: 'Tokens (all)', value: (s) => totalTokens(s.tokens), format: 'count' },
  { label: 'Input tokens', value: (s) => s.tokens.input, format: 'count' },
  { label: 'Output tokens', value: (s) => s.tokens.output, format: 'count' },
  { label: 'Cache read tokens', value: (s) => s.tokens.cacheRead, format: 'count' },
  { label: 'Cache write tokens (5 min)', value: (s) => s.tokens.cacheWrite5m, format: 'count' },
  { label: 'Cache write tokens (1 h)', value: (s) => s.tokens.cacheWrite1h, format: 'count' },
  { label: 'Tool calls', value: (s) => s.toolCalls, format: 'count' },
  { label: 'Tool errors', value: (s) => s.toolErrors, format: 'count' },
  { label: 'API errors', value: (s) => s.apiErrors, format: 'count' },
];
