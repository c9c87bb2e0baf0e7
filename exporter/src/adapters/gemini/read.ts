// The parser's check of a Gemini CLI chat message and tool call: accepts exactly what the schemas in schema.ts accept
// (a test keeps them equal), without loading zod.
import { asRecord, isTokenCount } from '../shared/fields.js';
import type { GeminiMessage, GeminiToolCall } from './schema.js';

const optString = (v: unknown): boolean => v === undefined || typeof v === 'string';
const isId = (v: unknown): boolean => typeof v === 'string' && v.length > 0;

function isGeminiTokens(v: unknown): boolean {
  const t = asRecord(v);
  return t !== undefined && isTokenCount(t.input) && isTokenCount(t.output) && isTokenCount(t.cached) && isTokenCount(t.thoughts) && isTokenCount(t.tool) && isTokenCount(t.total);
}

/** Accepts exactly what `GeminiMessage` accepts (tested to agree). */
export function readGeminiMessage(v: unknown): GeminiMessage | undefined {
  const m = asRecord(v);
  if (!m || !isId(m.id) || !optString(m.timestamp) || !optString(m.type) || !optString(m.model)) return undefined;
  if (m.tokens !== undefined && m.tokens !== null && !isGeminiTokens(m.tokens)) return undefined;
  if (m.toolCalls !== undefined && m.toolCalls !== null && !Array.isArray(m.toolCalls)) return undefined;
  return m as GeminiMessage;
}

/** Accepts exactly what `GeminiToolCall` accepts (tested to agree). */
export function readGeminiToolCall(v: unknown): GeminiToolCall | undefined {
  const c = asRecord(v);
  return c && isId(c.id) && optString(c.name) && optString(c.status) && optString(c.timestamp) ? (c as GeminiToolCall) : undefined;
}
