// Filler text that looks like what agents log: source files, shell output, prose. Built from a fixed pool of
// lines so producing megabytes stays cheap; the pool itself comes from the seeded generator.
import type { Prng } from './prng.js';

const WORDS = [
  'const', 'return', 'function', 'import', 'export', 'async', 'await', 'if', 'else', 'for', 'of', 'new', 'this',
  'config', 'value', 'result', 'error', 'request', 'session', 'tokens', 'user', 'file', 'path', 'offset', 'line',
  'parse', 'render', 'metrics', 'counter', 'ledger', 'state', 'handler', 'server', 'client', 'cache', 'read',
  'write', 'update', 'delete', 'items', 'index', 'length', 'string', 'number', 'true', 'false', 'null', 'map',
];
const PUNCT = [' = ', '(', ')', ', ', '.', ' => ', '; ', ' { ', ' }', '"', "'", '[', ']', ': ', ' + ', ' \\ ', '\t'];

/** A pool of code-like and log-like lines to draw from. */
export class TextPool {
  private readonly lines: string[] = [];
  private readonly prose: string[] = [];

  constructor(rng: Prng) {
    for (let i = 0; i < 512; i++) {
      let s = ' '.repeat(rng.int(0, 4) * 2);
      const n = rng.int(2, 14);
      for (let j = 0; j < n; j++) s += rng.pick(WORDS) + (rng.chance(0.6) ? rng.pick(PUNCT) : ' ');
      this.lines.push(s.trimEnd());
    }
    for (let i = 0; i < 128; i++) {
      let s = '';
      const n = rng.int(6, 30);
      for (let j = 0; j < n; j++) s += rng.pick(WORDS) + ' ';
      this.prose.push(s.trimEnd() + '.');
    }
  }

  /** Returns about `bytes` of source-file text, numbered like Claude Code's Read tool output. */
  fileContent(rng: Prng, bytes: number, numbered: boolean): string {
    const parts: string[] = [];
    let len = 0;
    let n = 1;
    while (len < bytes) {
      const line = numbered ? `${String(n).padStart(6)}\u2192${rng.pick(this.lines)}` : rng.pick(this.lines);
      parts.push(line);
      len += line.length + 1;
      n++;
    }
    return parts.join('\n');
  }

  /** Returns a few sentences of prose (assistant text, prompts, thinking). */
  sentences(rng: Prng, count: number): string {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(rng.pick(this.prose));
    return out.join(' ');
  }

  /** Returns base64 image data as a pasted screenshot carries it (no quotes, escapes or newlines). */
  image(rng: Prng, bytes: number): string {
    const chunk = `${rng.base62(60)}+/==`.replace(/==$/, 'ab');
    return chunk.repeat(Math.ceil(bytes / 64)).slice(0, bytes);
  }

  /** Returns base64-looking opaque data (signatures, encrypted reasoning). */
  opaque(rng: Prng, bytes: number): string {
    const chunk = rng.base62(64);
    return chunk.repeat(Math.ceil(bytes / 64)).slice(0, bytes);
  }
}

/**
 * Picks the size of a tool result: mostly a few KB, some up to ~100 KB, rarely ~1 MB. With `long` (the long-line
 * corpus), ~4 % are 0.5–1.5 MB, so that most bytes sit in lines of 1–3 MB (Claude Code writes a result twice).
 */
export function toolResultBytes(rng: Prng, long = false): number {
  if (long && rng.chance(0.04)) return rng.int(500_000, 1_500_000);
  const r = rng.next();
  if (r < 0.002) return rng.int(800_000, 1_100_000);
  if (r < 0.15) return rng.logInt(20_000, 100_000);
  return rng.logInt(200, 20_000);
}
