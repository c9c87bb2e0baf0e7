// The line filter of usage-only reads (`agentmon scan`): a cheap byte search that decides, before a line is decoded,
// whether its parse could change the usage totals. It must never drop a line that matters, so it errs one way only:
// a line is kept when it holds any of the adapter's markers anywhere (in a key, a value or a prompt's text alike),
// and also when it holds an escaped ASCII letter (`\u0041`–`\u007f`), because JSON may spell a key that way and the
// parser would still read it. Real agents never write such escapes; the rule only keeps hostile lines honest.

//
// A line is a match when any part of it is; the reader can therefore test a long line piece by piece as it streams
// past (never holding it whole), provided consecutive pieces also get their seam tested: the last `overlap` bytes of
// one piece followed by the first `overlap` bytes of the next hold every match that straddles the two.

const ESCAPE = Buffer.from('\\u00');
const UNDERSCORE = 0x5f;

/** A usage filter: true for a line (or a piece of one) that may change usage; `overlap` as described above. */
export type LineFilter = ((bytes: Buffer) => boolean) & { readonly overlap: number };

/**
 * Returns a predicate that is true for every line containing one of `markers` (or an escaped ASCII letter).
 *
 * Long lines are mostly tool output, so the searches are laid out for speed there (measured on 1–3 MB lines): markers
 * holding an underscore (Codex's token_count, turn_context, session_meta) are all found from one search for `_`,
 * rare in such text, instead of one pass each (2.5× faster on Codex's long lines); other markers (`"usage"`) and
 * escapes with one search each.
 */
export function usageLineFilter(markers: readonly string[]): LineFilter {
  const needles = markers.map((m) => Buffer.from(m, 'utf8'));
  const plain = needles.filter((n) => !n.includes(UNDERSCORE));
  const anchored = needles.filter((n) => n.includes(UNDERSCORE)).map((n) => ({ needle: n, at: n.indexOf(UNDERSCORE) }));
  const test = (line: Buffer): boolean => {
    for (const n of plain) if (line.indexOf(n) >= 0) return true;
    if (anchored.length > 0) {
      for (let i = line.indexOf(UNDERSCORE); i >= 0; i = line.indexOf(UNDERSCORE, i + 1)) {
        for (const { needle, at } of anchored) {
          const from = i - at;
          if (from >= 0 && from + needle.length <= line.length && line.compare(needle, 0, needle.length, from, from + needle.length) === 0) return true;
        }
      }
    }
    // Every \u00 is looked at, after a backslash of its own or not (`\\u0041` matches too): a match is then a local
    // pattern, the same whether a line is tested whole or in pieces.
    for (let i = line.indexOf(ESCAPE); i >= 0; i = line.indexOf(ESCAPE, i + 1)) {
      // '4'..'7': \u0040–\u007f, which covers every ASCII letter.
      const hi = line[i + 4];
      if (hi !== undefined && hi >= 0x34 && hi <= 0x37) return true;
    }
    return false;
  };
  // The longest match is a needle, or an escape and its digit (5 bytes).
  return Object.assign(test, { overlap: Math.max(ESCAPE.length + 1, ...needles.map((n) => n.length)) - 1 });
}
