// Small readers for untrusted JSON values: every log line is treated as hostile input.

/** Returns the value if it is a plain object, else undefined. */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Parses a log line as a JSON object; undefined for invalid JSON or any other JSON value (both count as malformed). */
export function parseJsonObject(line: string): Record<string, unknown> | undefined {
  try {
    return asRecord(JSON.parse(line));
  } catch {
    return undefined;
  }
}

/** Whether a token count field is what the adapters' zod schemas accept: absent, or a number from 0 to 1e12. */
export const isTokenCount = (v: unknown): boolean => v === undefined || (typeof v === 'number' && v >= 0 && v <= 1e12);

/** Returns a non-negative finite integer count, or 0 for anything else (missing, negative, NaN, strings). */
export function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0;
}

/** Returns a string field, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Parses an ISO-8601 timestamp to epoch milliseconds, or undefined when absent or invalid. */
export function parseTimestamp(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.length > 64) return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Counts done items of a todo list / plan: entries whose `status` is "completed". Undefined if not a list. */
export function progressOf(items: unknown): { done: number; total: number } | undefined {
  if (!Array.isArray(items) || items.length > 10_000) return undefined;
  let done = 0;
  for (const it of items) if (asRecord(it)?.status === 'completed') done += 1;
  return { done, total: items.length };
}

/** Returns the project name for a working directory: its last path segment, never the whole path. */
export function projectFromCwd(cwd: string | undefined): string | undefined {
  if (!cwd) return undefined;
  const parts = cwd.split(/[\\/]+/).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : undefined;
}

/** Returns the file name without folders or extension, used as a fallback session id. */
export function fileStem(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.jsonl?$/i, '');
}

type Crypto = typeof import('node:crypto');
let crypto: Crypto | undefined;

/** Hex SHA-1 of a text; node:crypto is loaded on first use, since `scan` hashes nothing (~3 ms of its start-up). */
function sha1(text: string): string {
  crypto ??= process.getBuiltinModule('node:crypto') as Crypto;
  return crypto.createHash('sha1').update(text).digest('hex');
}

/**
 * Returns a short hash (8 hex digits of SHA-1) of a tool input, so repeats can be spotted without keeping the input.
 * Native hashing: tool inputs hold whole files (Write, Edit), and the byte loop in JS over them stood out in profiles.
 */
export function inputHash(input: unknown): string {
  const text = typeof input === 'string' ? input : (JSON.stringify(input ?? null) ?? '');
  return sha1(text).slice(0, 8);
}
