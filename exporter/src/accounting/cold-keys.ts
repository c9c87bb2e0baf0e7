// Keys of responses (and tool calls, sessions, errors) that were counted long ago, kept as 53-bit hashes in sorted
// Float64Arrays: 8 bytes a key instead of a full entry. A replayed copy of an old line is still recognized after its
// full entry was dropped. Keys are grouped by the UTC month of their event, so very old months can be pruned.

/** A 53-bit hash of a string (two 32-bit multiplicative hashes combined); exact-integer safe as a double. */
export function hash53(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function contains(sorted: Float64Array, v: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid]!;
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Merges two ascending arrays into one. */
export function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

export class ColdKeys {
  private readonly months = new Map<string, Float64Array>();
  private readonly pending = new Map<string, number[]>();

  /** Queues a key; it becomes visible to has() after compact(). */
  add(key: string, eventMs: number): void {
    const m = monthOf(Math.max(0, eventMs));
    let p = this.pending.get(m);
    if (!p) this.pending.set(m, (p = []));
    p.push(hash53(key));
  }

  /**
   * Merges queued keys into the sorted arrays: the new keys are sorted alone and merged in one linear pass, so a
   * month of a million keys is not sorted again each time a few hundred join it (a history read compacts often).
   */
  compact(): void {
    for (const [m, queued] of this.pending) {
      const added = Float64Array.from(queued).sort();
      const old = this.months.get(m);
      this.months.set(m, old ? mergeSorted(old, added) : added);
    }
    this.pending.clear();
  }

  has(key: string): boolean {
    if (this.months.size === 0) return false;
    const h = hash53(key);
    for (const arr of this.months.values()) if (contains(arr, h)) return true;
    return false;
  }

  /** Drops months that ended before the given time. */
  prune(beforeMs: number): void {
    const cutoff = monthOf(beforeMs);
    for (const m of this.months.keys()) if (m < cutoff) this.months.delete(m);
  }

  get size(): number {
    let n = 0;
    for (const a of this.months.values()) n += a.length;
    return n;
  }

  toJSON(): Record<string, string> {
    this.compact();
    const out: Record<string, string> = {};
    for (const [m, a] of this.months) out[m] = Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    return out;
  }

  static fromJSON(data: Record<string, string> | undefined): ColdKeys {
    const c = new ColdKeys();
    for (const [m, b64] of Object.entries(data ?? {})) {
      const buf = Buffer.from(b64, 'base64');
      const copy = new Float64Array(buf.length / 8);
      new Uint8Array(copy.buffer).set(buf);
      c.months.set(m, copy);
    }
    return c;
  }
}
