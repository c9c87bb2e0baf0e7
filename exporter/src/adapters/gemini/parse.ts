// The newer Gemini CLI chat format, one JSON record per line: a metadata line ({sessionId, projectHash, ...}),
// message records that are appended again whenever they change (same id; the ledger keeps one copy per id and
// adds only usage growth), {"$set": {...}} metadata updates (which may carry a whole `messages` list) and
// {"$rewindTo": id}. A rewind removes messages from the conversation, not from the bill: what was counted stays.
import type { AgentEvent, FileContext, ParseOutcome } from '../types.js';
import { asRecord, fileStem, parseJsonObject } from '../shared/fields.js';
import { type GeminiSession, messageOutcome } from './message.js';
import { geminiProject } from './paths.js';
import { safeSessionId } from '../../redact/secrets.js';

const MALFORMED: ParseOutcome = { result: 'malformed', events: [] };
const IGNORED: ParseOutcome = { result: 'ignored', events: [] };
const UNKNOWN: ParseOutcome = { result: 'unknown_type', events: [] };

/** Returns the session of a file from its remembered metadata (else the file name) and folder. */
export function sessionOf(ctx: FileContext, projectHash?: unknown): GeminiSession {
  const st = ctx.state;
  if (typeof st.project !== 'string') st.project = geminiProject(ctx.path, projectHash);
  return { sessionId: typeof st.sessionId === 'string' ? st.sessionId : fileStem(ctx.path), project: st.project };
}

function rememberMetadata(ctx: FileContext, meta: Record<string, unknown>): void {
  if (typeof meta.sessionId === 'string' && meta.sessionId.length > 0) ctx.state.sessionId = safeSessionId(meta.sessionId);
  if (typeof meta.projectHash === 'string' && typeof ctx.state.project !== 'string') sessionOf(ctx, meta.projectHash);
}

/** Parses a list of messages (a `$set.messages` update) as if each had been appended. */
function messagesOutcome(list: unknown[], ctx: FileContext): ParseOutcome {
  const events: AgentEvent[] = [];
  let parsed = false;
  for (const m of list.slice(0, 100_000)) {
    const out = messageOutcome(m, sessionOf(ctx), ctx.state);
    if (out.result === 'parsed') parsed = true;
    events.push(...out.events);
  }
  return parsed ? { result: 'parsed', events } : IGNORED;
}

/** Parses one line of a Gemini CLI .jsonl chat file. */
export function parseGeminiLine(line: string, ctx: FileContext): ParseOutcome {
  const rec = parseJsonObject(line);
  if (!rec) return MALFORMED;
  if (typeof rec.$rewindTo === 'string') return IGNORED;
  const set = asRecord(rec.$set);
  if (set) {
    rememberMetadata(ctx, set);
    return Array.isArray(set.messages) ? messagesOutcome(set.messages, ctx) : IGNORED;
  }
  if (typeof rec.id === 'string') return messageOutcome(rec, sessionOf(ctx), ctx.state);
  if (typeof rec.sessionId === 'string') {
    rememberMetadata(ctx, rec);
    return IGNORED; // a session with no message yet is not counted
  }
  return UNKNOWN;
}
