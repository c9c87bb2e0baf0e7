// Reading configured fields out of a parsed line: dotted paths, timestamps in the formats logs use, and the loose
// ways logs write numbers and success.
import { asRecord } from '../shared/fields.js';

/** Returns the value at a dotted path (`usage.input_tokens`, `events.0.name`), or undefined. */
export function valueAt(record: Record<string, unknown>, path: string): unknown {
  let v: unknown = record;
  for (const key of path.split('.')) {
    if (Array.isArray(v)) v = /^\d+$/.test(key) ? v[Number(key)] : undefined;
    else v = asRecord(v)?.[key];
    if (v === undefined) return undefined;
  }
  return v;
}

export type TimestampFormat = 'auto' | 'iso8601' | 'unix_s' | 'unix_ms' | 'unix_us' | 'unix_ns';

const SCALE: Record<string, number> = { unix_s: 1000, unix_ms: 1, unix_us: 1e-3, unix_ns: 1e-6 };
// Unix times after 2001 in seconds are > 1e9 and < 1e11; in milliseconds > 1e12.
const isPlausible = (ms: number): boolean => ms > 946_684_800_000 && ms < 4_102_444_800_000;

function fromText(text: string): number | undefined {
  if (text.length > 64) return undefined;
  // Text without a zone is read as UTC, whatever the machine's zone: days must not move between machines.
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) || !/\d{2}:\d{2}/.test(text) ? text : `${text.replace(' ', 'T')}Z`;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Returns epoch milliseconds for a timestamp value in the given format, or undefined when it cannot be read. */
export function timestampMs(v: unknown, format: TimestampFormat): number | undefined {
  const num = typeof v === 'number' ? v : typeof v === 'string' && /^\d+(?:\.\d+)?$/.test(v) ? Number(v) : undefined;
  let ms: number | undefined;
  if (format === 'iso8601') ms = typeof v === 'string' ? fromText(v) : undefined;
  else if (format !== 'auto') ms = num !== undefined ? num * SCALE[format]! : undefined;
  else if (num !== undefined) ms = num < 1e11 ? num * 1000 : num < 1e14 ? num : num < 1e17 ? num / 1e3 : num / 1e6;
  else if (typeof v === 'string') ms = fromText(v);
  return ms !== undefined && isPlausible(ms) ? Math.round(ms) : undefined;
}

/** Returns a non-negative finite number (numbers or numeric text), capped like the built-in adapters' token counts. */
export function numberOf(v: unknown, max = 1e12): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(v) ? Number(v) : undefined;
  return n !== undefined && Number.isFinite(n) && n >= 0 && n <= max ? n : undefined;
}

const OK_WORDS = new Set(['true', 'ok', 'success', 'succeeded', 'successful', 'pass', 'passed', 'completed', 'complete', 'done', 'yes', '0']);

/** Whether a success field's value means success: listed values when given, else the usual words, true, or 0. */
export function isSuccess(v: unknown, okValues: readonly (string | number | boolean)[] | undefined): boolean {
  if (okValues) return okValues.some((ok) => ok === v || String(ok) === String(v));
  if (typeof v === 'boolean') return v;
  return OK_WORDS.has(String(v).trim().toLowerCase());
}

/**
 * Returns a matcher for a file-name pattern where * is any run of characters and ? one character. Matched by walking
 * name and pattern once, going back only to the last * seen (never a regular expression: `*a*a*a…*b` against a long
 * name made the backtracking regex engine run for hours), so a match costs at most name × pattern steps.
 */
export function globMatcher(pattern: string): (name: string) => boolean {
  return (name) => {
    let p = 0;
    let n = 0;
    let star = -1; // pattern index just after the last *
    let resume = 0; // name index that * is currently taken to end at
    while (n < name.length) {
      const c = pattern[p];
      if (c === '*') {
        star = ++p;
        resume = n;
      } else if (c !== undefined && (c === '?' || c === name[n])) {
        p += 1;
        n += 1;
      } else if (star >= 0) {
        p = star; // let the last * take one more character
        n = ++resume;
      } else {
        return false;
      }
    }
    while (pattern[p] === '*') p += 1;
    return p === pattern.length;
  };
}
