// Label values come from untrusted log lines: sanitize them, keep secrets out of them, and keep their number bounded.
import { looksSecret } from '../redact/secrets.js';

const CACHE_MAX = 10_000;
/** Sanitized values by length cap and raw value: names repeat on almost every line, the secret check need not. */
const cache = new Map<number, Map<string, string>>();

/**
 * Returns a label-safe value: limited charset and length, never empty, and `redacted` for a value that looks like a
 * credential (a custom log may map any field to a label; /metrics is open even when the API has a token).
 */
export function sanitizeLabel(raw: string, maxLength = 80): string {
  let byRaw = cache.get(maxLength);
  if (!byRaw) cache.set(maxLength, (byRaw = new Map()));
  const known = byRaw.get(raw);
  if (known !== undefined) return known;
  const cut = raw.replace(/[^A-Za-z0-9._:@/+-]/g, '_').slice(0, maxLength);
  const v = cut.length === 0 ? 'unknown' : looksSecret(raw.slice(0, 1000)) ? 'redacted' : cut;
  if (raw.length > 256) return v; // hostile lines can hold huge names: keep the cache small
  if (byRaw.size >= CACHE_MAX) byRaw.clear();
  byRaw.set(raw, v);
  return v;
}

/** Gives the first `max` distinct values their own label and folds the rest into `other`; assignments are sticky. */
export class LabelLimiter {
  private readonly assigned: Set<string>;

  constructor(private readonly max: number, assigned: Iterable<string> = [], private readonly maxLength = 80) {
    this.assigned = new Set(assigned);
  }

  label(raw: string): string {
    const v = sanitizeLabel(raw, this.maxLength);
    if (this.assigned.has(v)) return v;
    if (this.assigned.size < this.max) {
      this.assigned.add(v);
      return v;
    }
    return 'other';
  }

  toJSON(): string[] {
    return [...this.assigned];
  }
}
