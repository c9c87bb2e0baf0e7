// Responses counted long ago, kept compact but still able to grow. A streamed response's lines carry a growing
// output count (10, 10, 299); when a later line arrives after the response's full dedup entry was dropped (a history
// copied into a watched folder, a restart between a response's lines, or a long one-shot read), the growth must still
// count, once. So each key keeps, besides its 53-bit hash, the largest output counted and when the response was
// counted (the growth belongs to that hour): 16 bytes a response.
//
// Packed in one double: seconds since the start of the event's UTC month (< 2^22) times 2^31, plus the output count
// (< 2^31). An output that does not fit is stored as NO_GROWTH: that response never grows again (as before this
// store existed). Input and cache counts are not kept: they are the same on every line of a response.
import { hash53 } from './cold-keys.js';

const OUTPUT_SPAN = 2 ** 31;
/** Stored output meaning "do not count growth" (a count too large to keep, or a response priced by its own log). */
export const NO_GROWTH = OUTPUT_SPAN - 1;

const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);
const monthStartMs = (month: string): number => Date.parse(`${month}-01T00:00:00Z`);

/** What is kept of a compacted response. */
export interface ColdResponse {
  /** When the response was first counted, to the second. */
  eventMs: number;
  /** The largest output counted for it (NO_GROWTH: growth is not counted). */
  output: number;
}

interface Month {
  hashes: Float64Array; // ascending
  packed: Float64Array; // parallel to hashes
}

/** Returns the index of `h` in the ascending array, or -1. */
function indexOf(sorted: Float64Array, h: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid]!;
    if (x === h) return mid;
    if (x < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export class ColdResponses {
  private readonly months = new Map<string, Month>();
  private readonly pending = new Map<string, [number, number][]>();

  /** Queues a response; it becomes visible to get() after compact(). */
  add(key: string, eventMs: number, output: number): void {
    const ms = Math.max(0, eventMs);
    const m = monthOf(ms);
    const seconds = Math.floor((ms - monthStartMs(m)) / 1000);
    const out = Number.isInteger(output) && output >= 0 && output < NO_GROWTH ? output : NO_GROWTH;
    let p = this.pending.get(m);
    if (!p) this.pending.set(m, (p = []));
    p.push([hash53(key), seconds * OUTPUT_SPAN + out]);
  }

  /** Merges queued responses into the sorted arrays (new ones sorted alone, then merged in one pass). */
  compact(): void {
    for (const [m, queued] of this.pending) {
      queued.sort((a, b) => a[0] - b[0]);
      const old = this.months.get(m) ?? { hashes: new Float64Array(0), packed: new Float64Array(0) };
      const n = old.hashes.length + queued.length;
      const hashes = new Float64Array(n);
      const packed = new Float64Array(n);
      let i = 0;
      let j = 0;
      for (let k = 0; k < n; k++) {
        if (j >= queued.length || (i < old.hashes.length && old.hashes[i]! <= queued[j]![0])) {
          hashes[k] = old.hashes[i]!;
          packed[k] = old.packed[i++]!;
        } else {
          hashes[k] = queued[j]![0];
          packed[k] = queued[j++]![1];
        }
      }
      this.months.set(m, { hashes, packed });
    }
    this.pending.clear();
  }

  /** Returns what is kept of a compacted response, or undefined when the key is not here. */
  get(key: string): ColdResponse | undefined {
    if (this.months.size === 0) return undefined;
    const h = hash53(key);
    for (const [m, month] of this.months) {
      const i = indexOf(month.hashes, h);
      if (i < 0) continue;
      const v = month.packed[i]!;
      const output = v % OUTPUT_SPAN;
      return { eventMs: monthStartMs(m) + ((v - output) / OUTPUT_SPAN) * 1000, output };
    }
    return undefined;
  }

  /** Records that a compacted response was counted up to `output` now. */
  raise(key: string, output: number): void {
    const h = hash53(key);
    const out = Number.isInteger(output) && output >= 0 && output < NO_GROWTH ? output : NO_GROWTH;
    for (const month of this.months.values()) {
      const i = indexOf(month.hashes, h);
      if (i < 0) continue;
      const v = month.packed[i]!;
      month.packed[i] = v - (v % OUTPUT_SPAN) + out;
      return;
    }
  }

  /** Drops months that ended before the given time. */
  prune(beforeMs: number): void {
    const cutoff = monthOf(beforeMs);
    for (const m of this.months.keys()) if (m < cutoff) this.months.delete(m);
  }

  get size(): number {
    let n = 0;
    for (const m of this.months.values()) n += m.hashes.length;
    return n;
  }

  /** Per month, base64 of the hashes followed by their packed values (2 × 8 bytes a response). */
  toJSON(): Record<string, string> {
    this.compact();
    const out: Record<string, string> = {};
    for (const [m, { hashes, packed }] of this.months) {
      const both = new Float64Array(hashes.length * 2);
      both.set(hashes);
      both.set(packed, hashes.length);
      out[m] = Buffer.from(both.buffer).toString('base64');
    }
    return out;
  }

  static fromJSON(data: Record<string, string> | undefined): ColdResponses {
    const c = new ColdResponses();
    for (const [m, b64] of Object.entries(data ?? {})) {
      const buf = Buffer.from(b64, 'base64');
      const both = new Float64Array(buf.length / 8);
      new Uint8Array(both.buffer).set(buf);
      const n = both.length / 2;
      c.months.set(m, { hashes: both.slice(0, n), packed: both.slice(n) });
    }
    return c;
  }
}
