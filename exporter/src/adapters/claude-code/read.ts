// The hot path's check of a Claude Code transcript line: accepts exactly what the schemas in schema.ts accept (a test
// keeps them equal), without zod's per-line copying and without loading zod at all.
import { asRecord, isTokenCount } from '../shared/fields.js';
import type { ClaudeLine, ClaudeUsage } from './schema.js';

const optString = (v: unknown): boolean => v === undefined || typeof v === 'string';
const optBool = (v: unknown): boolean => v === undefined || typeof v === 'boolean';

/**
 * Accepts exactly what `ClaudeLine` accepts, without zod's per-line copying on the hot path (every transcript line
 * passes here).
 * A test checks both agree on fixtures and hostile shapes.
 */
export function readClaudeLine(rec: Record<string, unknown>): ClaudeLine | undefined {
  if (!optString(rec.type) || !optString(rec.subtype) || !optString(rec.uuid) || !optString(rec.timestamp)) return undefined;
  if (!optString(rec.sessionId) || !optString(rec.cwd) || !optString(rec.requestId)) return undefined;
  if (!optBool(rec.isApiErrorMessage) || !optBool(rec.isMeta)) return undefined;
  const m = rec.message;
  if (m === undefined || m === null) return rec as ClaudeLine;
  if (typeof m !== 'object' || Array.isArray(m)) return undefined;
  const msg = m as Record<string, unknown>;
  if (!optString(msg.id) || !optString(msg.role) || !optString(msg.model)) return undefined;
  const c = msg.content;
  if (c !== undefined && c !== null && typeof c !== 'string' && !Array.isArray(c)) return undefined;
  if (msg.usage !== undefined && msg.usage !== null && !isClaudeUsage(msg.usage)) return undefined;
  return rec as ClaudeLine;
}

/** Accepts exactly what `ClaudeUsage` accepts (tested to agree): the counts that cost money, checked without zod. */
export function isClaudeUsage(v: unknown): v is ClaudeUsage {
  const u = asRecord(v);
  if (!u) return false;
  if (!isTokenCount(u.input_tokens) || !isTokenCount(u.output_tokens) || !isTokenCount(u.cache_creation_input_tokens) || !isTokenCount(u.cache_read_input_tokens)) return false;
  if (u.cache_creation === undefined || u.cache_creation === null) return true;
  const cc = asRecord(u.cache_creation);
  return cc !== undefined && isTokenCount(cc.ephemeral_5m_input_tokens) && isTokenCount(cc.ephemeral_1h_input_tokens);
}
