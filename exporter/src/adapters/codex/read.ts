// The hot path's check of a Codex CLI rollout line: accepts exactly what the schemas in schema.ts accept (a test keeps
// them equal), without zod's per-line copying and without loading zod at all.
import { asRecord, isTokenCount } from '../shared/fields.js';
import type { CodexLine, CodexTokenInfo } from './schema.js';

/** Accepts exactly what `CodexLine` accepts, without zod's per-line copying on the hot path (tested to agree). */
export function readCodexLine(rec: Record<string, unknown>): CodexLine | undefined {
  if (typeof rec.type !== 'string' || (rec.timestamp !== undefined && typeof rec.timestamp !== 'string')) return undefined;
  const p = rec.payload;
  if (p === undefined || p === null) return rec as CodexLine;
  if (typeof p !== 'object' || Array.isArray(p)) return undefined;
  const t = (p as Record<string, unknown>).type;
  return t === undefined || typeof t === 'string' ? (rec as CodexLine) : undefined;
}

function isCodexUsage(v: unknown): boolean {
  const u = asRecord(v);
  return u !== undefined && isTokenCount(u.input_tokens) && isTokenCount(u.cached_input_tokens) && isTokenCount(u.output_tokens) && isTokenCount(u.reasoning_output_tokens) && isTokenCount(u.total_tokens);
}

/** Accepts exactly what `CodexTokenInfo` accepts (tested to agree), without zod on every token_count line. */
export function readCodexTokenInfo(v: unknown): CodexTokenInfo | undefined {
  const info = asRecord(v);
  if (!info) return undefined;
  const { total_token_usage: total, last_token_usage: last, model } = info;
  if (total !== undefined && total !== null && !isCodexUsage(total)) return undefined;
  if (last !== undefined && last !== null && !isCodexUsage(last)) return undefined;
  return model === undefined || typeof model === 'string' ? (info as CodexTokenInfo) : undefined;
}
