// Pure parser for one line of a custom JSONL log, driven by its `custom:` mapping. A line with usage (tokens, cost or
// a model) is a model request; a line with a tool is a tool call and its result; a failed line without a tool is an
// API error; anything else shows the session is alive.
import { hash53 } from '../../accounting/cold-keys.js';
import { classifyApiError, classifyToolError } from '../shared/classify.js';
import { fileStem, parseJsonObject } from '../shared/fields.js';
import { type AgentEvent, type AgentId, type FileContext, type ParseOutcome, TOOL_ERROR_CATEGORIES, type ToolErrorCategory } from '../types.js';
import { safeSessionId, safeText } from './secrets.js';
import type { CustomLog } from './schema.js';
import { isSuccess, numberOf, timestampMs, valueAt } from './values.js';

const MALFORMED: ParseOutcome = { result: 'malformed', events: [] };
const IGNORED: ParseOutcome = { result: 'ignored', events: [] };
const MAX_COST_USD = 1e6; // per line: more is a corrupt value, not a bill

function errorCategory(v: unknown): ToolErrorCategory {
  const text = typeof v === 'string' ? v.trim().toLowerCase() : '';
  return (TOOL_ERROR_CATEGORIES as readonly string[]).includes(text) ? (text as ToolErrorCategory) : classifyToolError(text);
}

/** Returns a parser for lines of the log described by `log`. */
export function customLineParser(log: CustomLog): (line: string, ctx: FileContext) => ParseOutcome {
  const f = log.fields;
  const get = (rec: Record<string, unknown>, path: string | undefined): unknown => (path ? valueAt(rec, path) : undefined);
  const allowed = new Set<string>(log.agents);
  return (line, ctx) => {
    const rec = parseJsonObject(line);
    if (!rec) return MALFORMED;
    if (log.when) {
      const v = valueAt(rec, log.when.field);
      if (!log.when.equals.some((x) => x === v)) return IGNORED;
    }
    const ts = timestampMs(valueAt(rec, log.timestamp.field), log.timestamp.format);
    if (ts === undefined) return MALFORMED;

    const named = safeText(get(rec, f.agent), 40);
    const agent = named !== undefined && allowed.has(named) ? named : log.agent;
    const sessionId = safeSessionId(get(rec, f.session)) ?? fileStem(ctx.path);
    const project = safeText(get(rec, f.project)) ?? 'unknown';
    const base = { sessionId, project };
    const seconds = f.durationMs ? (numberOf(get(rec, f.durationMs)) ?? 0) / 1000 : (numberOf(get(rec, f.durationSeconds)) ?? 0);
    const [startMs, endMs] = log.timestamp.marks === 'start' ? [ts, ts + seconds * 1000] : [ts - seconds * 1000, ts];
    const requestId = safeText(get(rec, f.requestId));
    const ok = f.success ? isSuccess(get(rec, f.success), log.successValues) : !safeText(get(rec, f.errorCategory));
    const events: AgentEvent[] = [];

    const input = numberOf(get(rec, f.inputTokens));
    const output = numberOf(get(rec, f.outputTokens));
    const reasoning = numberOf(get(rec, f.reasoningTokens));
    const cacheRead = numberOf(get(rec, f.cacheReadTokens));
    const cacheWrite = numberOf(get(rec, f.cacheWriteTokens));
    const costUsd = numberOf(get(rec, f.costUsd), MAX_COST_USD);
    const model = safeText(get(rec, f.model));
    if ([input, output, reasoning, cacheRead, cacheWrite, costUsd].some((v) => v !== undefined) || model !== undefined) {
      const read = Math.floor(cacheRead ?? 0);
      const inTokens = Math.floor(input ?? 0);
      events.push({
        ...base,
        timestampMs: endMs,
        kind: 'request',
        model: model ?? 'unknown',
        tokens: {
          input: log.inputIncludesCacheRead ? Math.max(0, inTokens - read) : inTokens,
          output: Math.floor(output ?? 0) + Math.floor(reasoning ?? 0),
          cacheRead: read,
          cacheWrite5m: Math.floor(cacheWrite ?? 0),
          cacheWrite1h: 0,
        },
        dedupKey: requestId ? `custom:${agent}:${sessionId}:${requestId}` : null,
        ...(costUsd !== undefined ? { costUsd } : {}),
      });
    }
    const tool = safeText(get(rec, f.tool), 100);
    const category = ok ? undefined : errorCategory(get(rec, f.errorCategory));
    if (tool) {
      // The same line read twice (a file copied or rewritten) is the same call: its id comes from the line itself.
      const callId = `custom:${agent}:${sessionId}:${requestId ?? hash53(line)}`;
      events.push({ ...base, timestampMs: startMs, kind: 'tool_call', tool, callId });
      events.push({ ...base, timestampMs: endMs, kind: 'tool_result', callId, ok, ...(category ? { errorCategory: category } : {}) });
    } else if (!ok) {
      const text = String(get(rec, f.errorCategory) ?? '');
      events.push({ ...base, timestampMs: endMs, kind: 'api_error', errorKind: classifyApiError(undefined, text), dedupKey: `custom-err:${agent}:${hash53(line)}` });
    }
    if (events.length === 0) events.push({ ...base, timestampMs: endMs, kind: 'activity' });
    return { result: 'parsed', events, ...(agent !== log.agent ? { agent: agent as AgentId } : {}) };
  };
}
