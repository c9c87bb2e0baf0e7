// Pure parser for one Codex CLI rollout line. token_count events carry cumulative totals per file: the parser turns
// them into deltas using the previous totals kept in ctx.state.
import type { AgentEvent, FileContext, FileState, ParseOutcome, Reading } from '../types.js';
import { classifyApiError, classifyToolError } from '../shared/classify.js';
import { asRecord, count, fileStem, inputHash, parseJsonObject, parseTimestamp, progressOf, projectFromCwd, str } from '../shared/fields.js';
import { codexReadings } from './rate-limits.js';
import { readCodexLine, readCodexTokenInfo } from './read.js';
import type { CodexUsage } from './schema.js';
import { safeSessionId } from '../../redact/secrets.js';

const MALFORMED: ParseOutcome = { result: 'malformed', events: [] };
const IGNORED: ParseOutcome = { result: 'ignored', events: [] };
const UNKNOWN: ParseOutcome = { result: 'unknown_type', events: [] };

const TOOL_CALL_TYPES = new Set(['function_call', 'custom_tool_call', 'local_shell_call']);
const TOOL_OUTPUT_TYPES = new Set(['function_call_output', 'custom_tool_call_output']);

/** [input, cached, output, reasoning, total] of a usage object; total falls back to input + output. */
function usageVector(u: CodexUsage): number[] {
  const input = count(u.input_tokens);
  const output = count(u.output_tokens);
  return [input, count(u.cached_input_tokens), output, count(u.reasoning_output_tokens), count(u.total_tokens) || input + output];
}

/**
 * Returns the usage added since the previous token_count of this file, or null when nothing was added
 * (a re-emitted unchanged total). A decrease of the running total means the counter restarted: the new
 * total is all new usage.
 */
export function codexDelta(state: FileState, info: { total?: CodexUsage | null; last?: CodexUsage | null }): number[] | null {
  if (info.total) {
    const cur = usageVector(info.total);
    const prev = Array.isArray(state.totals) && state.totals.length === 5 ? state.totals : undefined;
    state.totals = cur;
    if (!prev) return cur.some((v) => v > 0) ? cur : null;
    if (cur.every((v, i) => v === prev[i])) return null;
    const reset = cur[4]! < prev[4]! || cur[0]! < prev[0]! || cur[2]! < prev[2]!;
    const delta = reset ? cur : cur.map((v, i) => Math.max(0, v - prev[i]!));
    return delta.some((v) => v > 0) ? delta : null;
  }
  if (info.last) return usageVector(info.last);
  return null;
}

function toolFailure(output: unknown): string | undefined {
  // Outputs are either plain text ("Exit code: 1 ...", "Process exited with code 1") or a JSON string with
  // metadata.exit_code. Only the first few KB are looked at.
  const text = typeof output === 'string' ? output.slice(0, 4000) : JSON.stringify(output ?? '').slice(0, 4000);
  if (text.startsWith('{')) {
    try {
      const o = asRecord(JSON.parse(typeof output === 'string' ? output : text));
      const meta = asRecord(o?.metadata);
      if (meta && typeof meta.exit_code === 'number') return meta.exit_code === 0 ? undefined : `exit code ${meta.exit_code}`;
      if (o?.success === false) return str(o.output) ?? 'failed';
    } catch {
      // Not JSON after all: fall through to the text patterns.
    }
  }
  const code = /(?:^|\n)\s*(?:Exit code:|Process exited with code)\s*(-?\d+)/.exec(text)?.[1];
  if (code !== undefined && code !== '0') return `exit code ${code} ${text}`;
  if (/^(?:error|failed)\b/i.test(text) || text.startsWith('apply_patch verification failed')) return text;
  return undefined;
}

/** Parses one Codex rollout line into events; keeps session, project, model and running totals in ctx.state. */
export function parseCodexLine(line: string, ctx: FileContext): ParseOutcome {
  const rec = parseJsonObject(line);
  if (!rec) return MALFORMED;
  if (typeof rec.type !== 'string') return UNKNOWN; // e.g. the pre-2025 rollout header lines
  const l = readCodexLine(rec);
  if (!l) return MALFORMED;
  const p = l.payload ?? {};
  const st = ctx.state;
  const ts = parseTimestamp(l.timestamp);

  if (l.type === 'session_meta' || l.type === 'turn_context') {
    if (l.type === 'session_meta' && typeof p.id === 'string') st.sessionId = safeSessionId(p.id);
    const project = projectFromCwd(str(p.cwd));
    if (project) st.project = project;
    if (l.type === 'turn_context' && typeof p.model === 'string') st.model = p.model;
  } else if (l.type !== 'event_msg' && l.type !== 'response_item' && l.type !== 'compacted') {
    return UNKNOWN;
  }
  if (ts === undefined) return l.type === 'event_msg' && p.type === 'token_count' ? MALFORMED : IGNORED;

  const base = {
    timestampMs: ts,
    sessionId: typeof st.sessionId === 'string' ? st.sessionId : fileStem(ctx.path),
    project: typeof st.project === 'string' ? st.project : 'unknown',
  };
  const events: AgentEvent[] = [];
  let readings: Reading[] = [];
  if (l.type === 'event_msg') {
    switch (p.type) {
      case 'token_count': {
        const info = p.info === null || p.info === undefined ? undefined : readCodexTokenInfo(p.info);
        if (p.info !== null && p.info !== undefined && !info) return MALFORMED;
        // Plan limits and context fill ride on token_count lines (alone when info is null); scan prints neither.
        if (!ctx.usageOnly) readings = codexReadings(p, ts, st, base.sessionId, base.project);
        const withReadings = (): ParseOutcome => (readings.length > 0 ? { result: 'parsed', events: [], readings } : IGNORED);
        if (!info) return withReadings(); // rate limits only
        const d = codexDelta(st, { total: info.total_token_usage, last: info.last_token_usage });
        if (info.model) st.model = info.model;
        if (!d) return withReadings();
        const [input, cached, output] = d as [number, number, number];
        events.push({
          ...base,
          kind: 'request',
          model: info.model ?? (typeof st.model === 'string' ? st.model : 'unknown'),
          // cached_input_tokens is part of input_tokens; reasoning is part of output_tokens.
          tokens: { input: Math.max(0, input - cached), cacheRead: Math.min(cached, input), output, cacheWrite5m: 0, cacheWrite1h: 0 },
          dedupKey: null,
        });
        break;
      }
      case 'user_message':
        events.push({ ...base, kind: 'prompt' });
        break;
      case 'error':
      case 'stream_error':
        events.push({ ...base, kind: 'api_error', errorKind: classifyApiError(undefined, str(p.message) ?? ''), dedupKey: null });
        break;
      default:
        events.push({ ...base, kind: 'activity' });
    }
  } else if (l.type === 'response_item' && typeof p.type === 'string' && TOOL_CALL_TYPES.has(p.type)) {
    const callId = str(p.call_id) ?? str(p.id);
    if (callId) events.push({ ...base, kind: 'tool_call', tool: str(p.name) ?? p.type, callId: `codex:${base.sessionId}:${callId}`, inputHash: inputHash(p.arguments ?? p.input ?? p.action) });
    if (p.name === 'update_plan' && typeof p.arguments === 'string' && p.arguments.length < 100_000) {
      // update_plan carries the whole plan: the session's progress.
      let plan: unknown;
      try {
        plan = asRecord(JSON.parse(p.arguments))?.plan;
      } catch {
        plan = undefined;
      }
      const steps = progressOf(plan);
      if (steps) events.push({ ...base, kind: 'progress', ...steps });
    }
  } else if (l.type === 'response_item' && typeof p.type === 'string' && TOOL_OUTPUT_TYPES.has(p.type)) {
    const callId = str(p.call_id);
    if (callId) {
      const failure = toolFailure(p.output);
      events.push({
        ...base,
        kind: 'tool_result',
        callId: `codex:${base.sessionId}:${callId}`,
        ok: failure === undefined,
        ...(failure !== undefined ? { errorCategory: classifyToolError(failure) } : {}),
      });
    }
  } else {
    events.push({ ...base, kind: 'activity' });
  }
  return readings.length > 0 ? { result: 'parsed', events, readings } : { result: 'parsed', events };
}
