// The line filter of usage-only reads (`agentmon scan`): a cheap byte search that decides, before a line is decoded,
// whether its parse could change the usage totals. It must never drop a line that matters, so it errs one way only:
// a line is kept when it holds any of the adapter's markers anywhere (in a key, a value or a prompt's text alike),
// and also when it holds an escaped ASCII letter (`\u0041`–`\u007f`), because JSON may spell a key that way and the
// parser would still read it. Real agents never write such escapes; the rule only keeps hostile lines honest.

const ESCAPE = Buffer.from('\\u00');

/** Returns a predicate that is true for every line containing one of `markers` (or an escaped ASCII letter). */
export function usageLineFilter(markers: readonly string[]): (line: Buffer) => boolean {
  const needles = markers.map((m) => Buffer.from(m, 'utf8'));
  return (line) => {
    for (const n of needles) if (line.indexOf(n) >= 0) return true;
    for (let i = line.indexOf(ESCAPE); i >= 0; i = line.indexOf(ESCAPE, i + 1)) {
      const hi = line[i + 4];
      // '4'..'7': \u0040–\u007f, which covers every ASCII letter.
      if (hi !== undefined && hi >= 0x34 && hi <= 0x37) return true;
    }
    return false;
  };
}
