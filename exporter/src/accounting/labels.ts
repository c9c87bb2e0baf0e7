// Label values come from untrusted log lines: sanitize them and keep their number bounded.

/** Returns a label-safe value: limited charset and length, never empty. */
export function sanitizeLabel(raw: string, maxLength = 80): string {
  const v = raw.replace(/[^A-Za-z0-9._:@/+-]/g, '_').slice(0, maxLength);
  return v.length > 0 ? v : 'unknown';
}

/** Gives the first `max` distinct values their own label and folds the rest into `other`; assignments are sticky. */
export class LabelLimiter {
  private readonly assigned: Set<string>;

  constructor(private readonly max: number, assigned: Iterable<string> = []) {
    this.assigned = new Set(assigned);
  }

  label(raw: string): string {
    const v = sanitizeLabel(raw);
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
