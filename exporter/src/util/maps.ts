// Bounded insertion-ordered maps and sets (the oldest entry goes first).

/**
 * Keeps a Map or Set at no more than `max` entries by deleting the oldest, a batch at a time (down to 7/8 of `max`).
 * Deleting one entry per insert looks O(1) but is not in V8: deleted entries stay in the table as holes until it is
 * rehashed, and every `keys()` walk from the front steps over all of them. At 50,000 entries that walk cost ~15 % of
 * `serve`'s history read; in batches its cost is spread over max/8 inserts.
 */
export function dropOldest<K>(m: { readonly size: number; keys(): IterableIterator<K>; delete(key: K): boolean }, max: number): void {
  if (m.size <= max) return;
  const keep = max - Math.floor(max / 8);
  for (const k of m.keys()) {
    if (m.size <= keep) break;
    m.delete(k);
  }
}
