// Writing a spool for `serve` from a short-lived command (`agentmon hook`, `agentmon statusline`): read stdin for a
// bounded time and size, append one line with one write call, rotate a full file. Only node: imports, so the
// commands Claude Code runs on every event start fast.
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { hookSpoolDir, SPOOL_PREFIX } from './spool.js';

/** Reads a stream to its end, or returns undefined on timeout, error or when it grows past maxBytes. */
export function readInput(stream: NodeJS.ReadableStream, timeoutMs: number, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (value: string | undefined): void => {
      clearTimeout(timer);
      stream.removeAllListeners('data');
      stream.removeAllListeners('end');
      stream.removeAllListeners('error');
      if (value === undefined && 'destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    stream.on('data', (c: Buffer | string) => {
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      size += b.length;
      if (size > maxBytes) finish(undefined);
      else chunks.push(b);
    });
    stream.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', () => finish(undefined));
  });
}

/** Moves a full spool aside (the exporter keeps reading it under its new name) and drops the oldest rotated files. */
function rotate(dir: string, prefix: string, nowMs: number, keep: number): void {
  try {
    renameSync(join(dir, `${prefix}.jsonl`), join(dir, `${prefix}.${nowMs}.jsonl`));
  } catch {
    return; // another process rotated it first
  }
  const rotated = readdirSync(dir).filter((n) => n.startsWith(`${prefix}.`) && n.endsWith('.jsonl') && n !== `${prefix}.jsonl`).sort();
  for (const old of rotated.slice(0, Math.max(0, rotated.length - keep))) {
    try {
      unlinkSync(join(dir, old));
    } catch {
      // gone already
    }
  }
}

// Append, create, and never wait: a FIFO at the spool path (with no reader, opening it for writing would block the
// agent's hook forever) fails at once with ENXIO; no symlinks followed; and whatever opened is checked to be a file.
const SPOOL_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/** Opens the live spool for appending; throws when it is anything but a regular file. */
function openSpool(live: string): number {
  const fd = openSync(live, SPOOL_FLAGS, 0o600);
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw Object.assign(new Error('the spool is not a regular file'), { code: 'ENOTFILE' });
  }
  return fd;
}

/**
 * Appends one line to the live spool `<stateDir>/hooks/<prefix>.jsonl` (one write call, so concurrent writers never
 * interleave within a line), rotating it first once it holds rotateBytes.
 */
export function appendToSpool(stateDir: string, line: string, nowMs: number, rotateBytes: number, keepRotated: number, prefix: string = SPOOL_PREFIX): void {
  const dir = hookSpoolDir(stateDir);
  const live = join(dir, `${prefix}.jsonl`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let fd = openSpool(live);
  try {
    if (fstatSync(fd).size >= rotateBytes) {
      closeSync(fd);
      fd = -1;
      rotate(dir, prefix, nowMs, keepRotated);
      fd = openSpool(live);
    }
    writeSync(fd, line);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}
