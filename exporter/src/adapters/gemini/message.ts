// One Gemini chat message → events. Shared by both file formats, so a message means the same whichever file holds it
// (a resumed legacy session is copied whole into a new .jsonl file: the same ids, counted once).
import type { AgentEvent, FileState, ParseOutcome, TokenCounts } from '../types.js';
import { classifyApiError, classifyToolError } from '../shared/classify.js';
import { asRecord, count, inputHash, parseTimestamp, progressOf, str } from '../shared/fields.js';
import { readGeminiMessage, readGeminiToolCall } from './read.js';
import type { GeminiTokens } from './schema.js';

const MALFORMED: ParseOutcome = { result: 'malformed', events: [] };
const IGNORED: ParseOutcome = { result: 'ignored', events: [] };
const UNKNOWN: ParseOutcome = { result: 'unknown_type', events: [] };

/** Tool call states after which the call has its result. */
const FINISHED = new Set(['success', 'error', 'cancelled']);
const DAY_MS = 86_400_000;

/** The session a message belongs to, from the file's metadata. */
export interface GeminiSession {
  sessionId: string;
  project: string;
}

/**
 * Returns Gemini usage in agentmon's meaning: `input` is uncached input (Gemini's input includes cached tokens; the
 * tool-use prompt is input billed apart), `cacheRead` the cached part, `output` includes thoughts.
 */
export function geminiTokens(t: GeminiTokens): TokenCounts {
  const input = count(t.input);
  const cached = Math.min(count(t.cached), input);
  return { input: input - cached + count(t.tool), cacheRead: cached, output: count(t.output) + count(t.thoughts), cacheWrite5m: 0, cacheWrite1h: 0 };
}

/** Returns when a tool call started: Gemini CLI's own call ids end in `-<epoch ms>-<hex>`; else undefined. */
export function callStartMs(callId: string, endMs: number): number | undefined {
  const m = /-(\d{13})-[0-9a-f]+$/.exec(callId);
  if (!m) return undefined;
  const ms = Number(m[1]);
  return ms <= endMs && endMs - ms < DAY_MS ? ms : undefined;
}

const textOf = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v ?? '') ?? '')).slice(0, 4000);

function toolEvents(raw: unknown, base: GeminiSession & { timestampMs: number }, st: FileState): AgentEvent[] {
  const tc = readGeminiToolCall(raw);
  if (!tc) return [];
  const endMs = parseTimestamp(tc.timestamp) ?? base.timestampMs;
  const callId = `gemini:${base.sessionId}:${tc.id}`;
  const events: AgentEvent[] = [
    { ...base, timestampMs: callStartMs(tc.id, endMs) ?? endMs, kind: 'tool_call', tool: tc.name ?? 'unknown', callId, inputHash: inputHash(tc.args) },
  ];
  // write_todos carries the whole todo list: the session's progress.
  const todos = tc.name === 'write_todos' ? progressOf(asRecord(tc.args)?.todos) : undefined;
  if (todos) events.push({ ...base, kind: 'progress', ...todos });
  if (tc.status && FINISHED.has(tc.status)) {
    const ok = tc.status === 'success';
    const category = tc.status === 'cancelled' ? 'rejected' : classifyToolError(textOf(tc.resultDisplay ?? tc.result));
    events.push({ ...base, timestampMs: endMs, kind: 'tool_result', callId, ok, ...(ok ? {} : { errorCategory: category }) });
    st.lastTriggerTs = Math.max(endMs, typeof st.lastTriggerTs === 'number' ? st.lastTriggerTs : 0);
  }
  return events;
}

/** Gemini CLI shows failed requests as `error` messages, e.g. "[API Error: 429 quota exceeded]". */
const API_ERROR_TEXT = /api error|quota|rate limit|resource_exhausted|overloaded|unavailable|deadline|\b(?:429|5\d\d)\b/i;

/** Parses one chat message; keeps the time of the last prompt or tool result (for response latency) in `st`. */
export function messageOutcome(raw: unknown, session: GeminiSession, st: FileState): ParseOutcome {
  const msg = readGeminiMessage(raw);
  if (!msg) return MALFORMED;
  const ts = parseTimestamp(msg.timestamp);
  if (ts === undefined) return msg.tokens ? MALFORMED : IGNORED; // usage without a time cannot be put in a day
  const base = { ...session, timestampMs: ts };
  switch (msg.type) {
    case 'user':
      st.lastTriggerTs = ts;
      return { result: 'parsed', events: [{ ...base, kind: 'prompt', dedupKey: `gemini-prompt:${session.sessionId}:${msg.id}` }] };
    case 'gemini': {
      const events: AgentEvent[] = [];
      if (msg.model) st.model = msg.model.slice(0, 200);
      if (msg.tokens) {
        const trigger = typeof st.lastTriggerTs === 'number' ? st.lastTriggerTs : undefined;
        events.push({
          ...base,
          kind: 'request',
          model: msg.model ?? (typeof st.model === 'string' ? st.model : 'unknown'),
          tokens: geminiTokens(msg.tokens),
          // The message id is stable across re-appended copies and across the .json → .jsonl migration.
          dedupKey: `gemini:${session.sessionId}:${msg.id}`,
          ...(trigger !== undefined && ts >= trigger ? { latencySeconds: (ts - trigger) / 1000 } : {}),
        });
      }
      for (const tc of msg.toolCalls ?? []) events.push(...toolEvents(tc, base, st));
      if (events.length === 0) events.push({ ...base, kind: 'activity' });
      return { result: 'parsed', events };
    }
    case 'error': {
      const text = textOf(msg.content);
      if (!API_ERROR_TEXT.test(text)) return { result: 'parsed', events: [{ ...base, kind: 'activity' }] };
      const status = /\b([45]\d\d)\b/.exec(text)?.[1];
      return {
        result: 'parsed',
        events: [{ ...base, kind: 'api_error', errorKind: classifyApiError(status ? Number(status) : undefined, text), dedupKey: `gemini-err:${session.sessionId}:${msg.id}` }],
      };
    }
    case 'info':
    case 'warning':
      return { result: 'parsed', events: [{ ...base, kind: 'activity' }] };
    default:
      return str(msg.type) === undefined ? MALFORMED : UNKNOWN;
  }
}
