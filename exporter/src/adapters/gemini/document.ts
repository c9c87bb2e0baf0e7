// The older Gemini CLI chat format: one JSON document ({sessionId, projectHash, startTime, lastUpdated, messages})
// rewritten whole on every change. Each read hands on only the messages that are new or changed since the last read
// (a digest of each message's counted parts is remembered per file); the ledger's dedup keys (session + message id,
// tool call id) stop anything from counting twice even if that memory is lost.
import { hash53 } from '../../accounting/cold-keys.js';
import type { FileContext, ParseOutcome } from '../types.js';
import { asRecord } from '../shared/fields.js';
import { messageOutcome } from './message.js';
import { sessionOf } from './parse.js';
import { safeSessionId } from '../../redact/secrets.js';

/** A digest of what a message contributes (not its text): a changed status, usage or model gives a new one. */
function digestOf(message: unknown): number {
  const m = asRecord(message);
  if (!m) return hash53(JSON.stringify(message) ?? '');
  const calls = Array.isArray(m.toolCalls) ? m.toolCalls.map((c) => { const r = asRecord(c); return [r?.id, r?.status, r?.timestamp]; }) : null;
  return hash53(JSON.stringify([m.id, m.type, m.timestamp, m.model, m.tokens, calls]));
}

/** Parses a whole chat document; undefined when the text is not JSON (maybe caught mid-rewrite). */
export function parseGeminiDocument(text: string, ctx: FileContext): ParseOutcome[] | undefined {
  const st = ctx.state;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const doc = asRecord(raw);
  if (!doc || !Array.isArray(doc.messages)) {
    // Some other JSON file below the chat folders: noted once, never read for events.
    if (st.notChat === true) return [];
    st.notChat = true;
    return [{ result: 'unknown_type', events: [] }];
  }
  if (typeof doc.sessionId === 'string' && doc.sessionId.length > 0) st.sessionId = safeSessionId(doc.sessionId);
  const session = sessionOf(ctx, doc.projectHash);
  const before = new Set(Array.isArray(st.digests) ? st.digests : []);
  const digests: number[] = [];
  const out: ParseOutcome[] = [];
  // Latency needs the previous prompt even when that prompt was handed on in an earlier read: replay in order.
  delete st.lastTriggerTs;
  for (const message of doc.messages.slice(0, 100_000)) {
    const digest = digestOf(message);
    digests.push(digest);
    const outcome = messageOutcome(message, session, st);
    if (!before.has(digest)) out.push(outcome);
  }
  st.digests = digests;
  return out;
}
