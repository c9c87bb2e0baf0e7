// Very long JSON lines (tool results carrying whole files) are mostly the text of a few string values, and the
// parsers read only ids, numbers, flags and the first few KB of a text. The reader cuts such strings at the byte
// level, before UTF-8 decoding: a 1 MB line then costs a few KB of decoding, parsing and garbage. Quotes and
// backslashes are ASCII, and UTF-8 continuation bytes are never ASCII, so scanning bytes is exact.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Returns `line` with every JSON string value longer than `maxBytes` bytes cut (at a character boundary, never inside an escape). */
export function shrinkJsonStrings(line: Buffer, maxBytes: number): Buffer {
  const parts: Buffer[] = [];
  let copiedTo = 0;
  let i = line.indexOf(QUOTE);
  while (i >= 0) {
    let end = i + 1;
    for (;;) {
      end = line.indexOf(QUOTE, end);
      if (end < 0) return parts.length ? Buffer.concat([...parts, line.subarray(copiedTo)]) : line; // unterminated: JSON.parse rejects it
      let slashes = 0;
      for (let k = end - 1; line[k] === BACKSLASH; k--) slashes++;
      if (slashes % 2 === 0) break;
      end += 1;
    }
    if (end - i - 1 > maxBytes) {
      let cut = i + 1 + maxBytes;
      while ((line[cut]! & 0xc0) === 0x80) cut--; // not inside a multi-byte character
      let slashes = 0;
      for (let k = cut - 1; line[k] === BACKSLASH; k--) slashes++;
      if (slashes % 2 === 1) cut -= 1; // not after a lone backslash
      for (let k = cut - 1; k > cut - 6 && k > i; k--) {
        // not inside \uXXXX
        if (line[k] === 0x75 && line[k - 1] === BACKSLASH) {
          let before = 0;
          for (let j = k - 2; line[j] === BACKSLASH; j--) before++;
          if (before % 2 === 0) cut = k - 1;
          break;
        }
      }
      parts.push(line.subarray(copiedTo, cut), Buffer.from('"'));
      copiedTo = end + 1;
    }
    i = line.indexOf(QUOTE, end + 1);
  }
  return parts.length ? Buffer.concat([...parts, line.subarray(copiedTo)]) : line;
}
