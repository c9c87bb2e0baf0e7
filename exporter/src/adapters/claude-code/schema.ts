// What agentmon reads from a Claude Code transcript line. Loose objects: Claude Code adds fields often, and
// anything not named here is neither read nor kept.
import { z } from 'zod';
import { asRecord, isTokenCount } from '../shared/fields.js';

// The cap rejects absurd counts (a hostile or corrupt line) before they can make a total or cost infinite.
const tokenCount = z.number().nonnegative().max(1e12).optional();

export const ClaudeUsage = z.looseObject({
  input_tokens: tokenCount,
  output_tokens: tokenCount,
  cache_creation_input_tokens: tokenCount,
  cache_read_input_tokens: tokenCount,
  cache_creation: z
    .looseObject({ ephemeral_5m_input_tokens: tokenCount, ephemeral_1h_input_tokens: tokenCount })
    .optional()
    .nullable(),
});

export const ClaudeMessage = z.looseObject({
  id: z.string().optional(),
  role: z.string().optional(),
  model: z.string().optional(),
  usage: ClaudeUsage.optional().nullable(),
  content: z.union([z.string(), z.array(z.unknown())]).optional().nullable(),
});

export const ClaudeLine = z.looseObject({
  type: z.string().optional(),
  subtype: z.string().optional(),
  uuid: z.string().optional(),
  timestamp: z.string().optional(),
  sessionId: z.string().optional(),
  cwd: z.string().optional(),
  requestId: z.string().optional(),
  isApiErrorMessage: z.boolean().optional(),
  isMeta: z.boolean().optional(),
  message: ClaudeMessage.optional().nullable(),
  error: z.unknown().optional(),
});

export type ClaudeLine = z.infer<typeof ClaudeLine>;
export type ClaudeUsage = z.infer<typeof ClaudeUsage>;

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
