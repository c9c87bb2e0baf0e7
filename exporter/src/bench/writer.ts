// Buffered JSONL file writing for the corpus generator, and the totals the generator knows to be true.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Token totals counted the way agentmon defines them (input uncached, output incl. reasoning). */
export interface TokenTotals {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  requests: number;
}

/** Returns all-zero totals. */
export const zeroTotals = (): TokenTotals => ({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0, requests: 0 });

/** Returns the sum of the four token kinds. */
export const tokenSum = (t: TokenTotals): number => t.input + t.output + t.cacheRead + t.cacheWrite;

/** Writes one JSONL file through a small buffer and counts its bytes. */
export class JsonlWriter {
  private readonly fd: number;
  private buf: string[] = [];
  private buffered = 0;
  bytes = 0;
  lines = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  /** Appends one object as a line; returns the exact text written (without the newline). */
  write(obj: unknown): string {
    const text = JSON.stringify(obj);
    this.raw(text);
    return text;
  }

  /** Appends an already serialized line. */
  raw(text: string): void {
    this.buf.push(text, '\n');
    this.buffered += text.length + 1;
    this.lines += 1;
    if (this.buffered > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buf.length === 0) return;
    const data = Buffer.from(this.buf.join(''), 'utf8');
    writeSync(this.fd, data);
    this.bytes += data.length;
    this.buf = [];
    this.buffered = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
