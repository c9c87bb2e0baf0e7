// Pure parser for one Claude Code transcript line.
import type { AgentEvent, FileContext, ParseOutcome, RequestEvent, TokenCounts } from '../types.js';
import { classifyApiError, classifyToolError } from '../shared/classify.js';
import { asRecord, count, fileStem, inputHash, parseJsonObject, parseTimestamp, progressOf, projectFromCwd, str } from '../shared/fields.js';
import { claudeProjectFromPath } from './paths.js';
import { readClaudeLine } from './read.js';
import type { ClaudeLine, ClaudeUsage } from './schema.js';
import { safeSessionId } from '../../redact/secrets.js';

const MALFORMED: ParseOutcome = { result: 'malformed', events: [] };
const IGNORED: ParseOutcome = { result: 'ignored', events: [] };
const UNKNOWN: ParseOutcome = { result: 'unknown_type', events: [] };

/** Line types Claude Code writes that carry nothing agentmon counts. */
const IGNORED_TYPES = new Set(['file-history-snapshot', 'queue-operation', 'summary', 'custom-title', 'tag', 'agent-name', 'pr-link']);

/** Returns token counts from a usage object; cache writes split into 5-minute and 1-hour where Claude says so. */
export function claudeTokens(usage: ClaudeUsage): TokenCounts {
  const cacheWriteTotal = count(usage.cache_creation_input_tokens);
  let w5m = count(usage.cache_creation?.ephemeral_5m_input_tokens);
  const w1h = count(usage.cache_creation?.ephemeral_1h_input_tokens);
  // Older lines carry only the total: it is all 5-minute writes (the API default). A total larger than the split
  // (never seen, but cheap to handle) goes to 5m so no token is lost.
  if (cacheWriteTotal > w5m + w1h) w5m = cacheWriteTotal - w1h;
  return {
    input: count(usage.input_tokens),
    output: count(usage.output_tokens),
    cacheRead: count(usage.cache_read_input_tokens),
    cacheWrite5m: w5m,
    cacheWrite1h: w1h,
  };
}

/** Returns the identity of a response: message.id + requestId, or message.id alone (Bedrock and proxies omit it). */
export function claudeDedupKey(messageId: string | undefined, requestId: string | undefined): string | null {
  if (!messageId) return null;
  return requestId ? `claude:${messageId}:${requestId}` : `claude:${messageId}`;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let out = '';
  for (const block of content) {
    const b = asRecord(block);
    if (b && typeof b.text === 'string') out += b.text + '\n';
    if (out.length > 2000) break;
  }
  return out;
}

/** Parses one line of a Claude Code transcript into events; updates ctx.state (session, project, last prompt time). */
export function parseClaudeLine(line: string, ctx: FileContext): ParseOutcome {
  const rec = parseJsonObject(line);
  if (!rec) return MALFORMED;
  if (typeof rec.type === 'string' && IGNORED_TYPES.has(rec.type)) return IGNORED;
  const l = readClaudeLine(rec);
  if (!l) return MALFORMED;
  const msg = l.message ?? undefined;
  const type = l.type ?? (msg?.role === 'assistant' ? 'assistant' : undefined);

  const st = ctx.state;
  const ts = parseTimestamp(l.timestamp);
  if (l.sessionId && l.sessionId !== st.sessionId) st.sessionId = safeSessionId(l.sessionId);
  const project = projectFromCwd(l.cwd);
  if (project) st.project = project;
  const base = {
    timestampMs: ts ?? 0,
    sessionId: typeof st.sessionId === 'string' ? st.sessionId : fileStem(ctx.path),
    // A transcript that never names its working folder still lives in its project's folder.
    project: typeof st.project === 'string' ? st.project : (claudeProjectFromPath(ctx.path) ?? 'unknown'),
  };

  switch (type) {
    case 'assistant': {
      if (ts === undefined) return MALFORMED; // usage without a time cannot be put in a day
      return { result: 'parsed', events: assistantEvents(l, base, st, ctx.usageOnly === true) };
    }
    case 'user': {
      if (ts === undefined) return MALFORMED;
      st.lastUserTs = ts;
      return { result: 'parsed', events: userEvents(l, base) };
    }
    case 'system': {
      if (ts === undefined) return IGNORED;
      if (l.subtype === 'api_error') {
        const err = asRecord(l.error);
        const inner = asRecord(asRecord(err?.error)?.error) ?? asRecord(err?.error);
        const status = count(err?.status) || undefined;
        const kind = classifyApiError(status, `${str(inner?.type) ?? ''} ${str(inner?.message) ?? ''}`);
        return { result: 'parsed', events: [{ ...base, kind: 'api_error', errorKind: kind, dedupKey: l.uuid ? `claude-err:${l.uuid}` : null }] };
      }
      return { result: 'parsed', events: [{ ...base, kind: 'activity' }] };
    }
    case 'progress':
      return ts === undefined ? IGNORED : { result: 'parsed', events: [{ ...base, kind: 'activity' }] };
    default:
      return UNKNOWN;
  }
}

type Base = { timestampMs: number; sessionId: string; project: string };

function assistantEvents(l: ClaudeLine, base: Base, st: FileContext['state'], usageOnly: boolean): AgentEvent[] {
  const msg = l.message ?? undefined;
  const events: AgentEvent[] = [];
  const model = msg?.model ?? 'unknown';
  if (model === '<synthetic>' || l.isApiErrorMessage === true) {
    // Claude Code's stand-in message for a failed request: an error, never usage.
    const text = textOf(msg?.content);
    const status = /API Error:\s*(\d{3})/.exec(text)?.[1];
    const key = l.uuid ?? msg?.id;
    events.push({ ...base, kind: 'api_error', errorKind: classifyApiError(status ? Number(status) : undefined, text), dedupKey: key ? `claude-err:${key}` : null });
    return events;
  }
  if (msg?.usage) {
    const lastUserTs = typeof st.lastUserTs === 'number' ? st.lastUserTs : undefined;
    const latency = lastUserTs !== undefined && base.timestampMs >= lastUserTs ? (base.timestampMs - lastUserTs) / 1000 : undefined;
    // Built field by field: a spread of a conditional object here was a visible part of a usage-only read.
    const ev: RequestEvent = { timestampMs: base.timestampMs, sessionId: base.sessionId, project: base.project, kind: 'request', model, tokens: claudeTokens(msg.usage), dedupKey: claudeDedupKey(msg.id, l.requestId) };
    if (latency !== undefined) ev.latencySeconds = latency;
    events.push(ev);
  }
  if (!usageOnly && Array.isArray(msg?.content)) {
    // Tool calls (hashing each one's input, which may hold a whole file) matter to everything but usage-only reads.
    for (const block of msg.content) {
      const b = asRecord(block);
      if (b?.type === 'tool_use' && typeof b.id === 'string') {
        events.push({ ...base, kind: 'tool_call', tool: str(b.name) ?? 'unknown', callId: b.id, inputHash: inputHash(b.input) });
        // TodoWrite carries the whole todo list: the session's progress.
        const todos = b.name === 'TodoWrite' ? progressOf(asRecord(b.input)?.todos) : undefined;
        if (todos) events.push({ ...base, kind: 'progress', ...todos });
      }
    }
  }
  if (events.length === 0) events.push({ ...base, kind: 'activity' });
  return events;
}

function userEvents(l: ClaudeLine, base: Base): AgentEvent[] {
  const content = l.message?.content;
  const events: AgentEvent[] = [];
  let hasText = typeof content === 'string';
  if (Array.isArray(content)) {
    for (const block of content) {
      const b = asRecord(block);
      if (b?.type === 'tool_result' && typeof b.tool_use_id === 'string') {
        const ok = b.is_error !== true;
        events.push({
          ...base,
          kind: 'tool_result',
          callId: b.tool_use_id,
          ok,
          ...(ok ? {} : { errorCategory: classifyToolError(textOf(b.content)) }),
        });
      } else if (b?.type === 'text' && !String(b.text).startsWith('[Request interrupted by user')) {
        // Claude Code writes an interrupt as a text block: it ends the turn, it is not a prompt.
        hasText = true;
      }
    }
  }
  if (events.length === 0 && hasText && l.isMeta !== true) events.push({ ...base, kind: 'prompt', dedupKey: l.uuid ? `claude-prompt:${l.uuid}` : null });
  if (events.length === 0) events.push({ ...base, kind: 'activity' });
  return events;
}
