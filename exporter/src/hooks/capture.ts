// `agentmon hook`: reads one Claude Code hook event from stdin and appends its spool record. It must never slow down
// or fail the agent: stdin is read for at most a moment, every error is swallowed (an unwritable state folder means
// the event is dropped), nothing is printed (Claude Code would show stdout to the model for some events).
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { toSpoolRecord } from './record.js';
import { hookSpoolDir, hookSpoolFile, isSpoolFile, SPOOL_PREFIX } from './spool.js';

/** Limits of one capture; the defaults keep the hook well under Claude Code's hook timeout. */
export interface CaptureOptions {
  stateDir: string;
  /** Give up reading stdin after this long. */
  timeoutMs?: number;
  /** Larger inputs (a huge tool output on PostToolUse) are dropped unread past this size. */
  maxInputBytes?: number;
  /** The live spool is rotated once it passes this size; `keepRotated` older files are kept. */
  rotateBytes?: number;
  keepRotated?: number;
  now?: () => number;
}

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
function rotate(dir: string, live: string, nowMs: number, keep: number): void {
  try {
    renameSync(live, join(dir, `${SPOOL_PREFIX}.${nowMs}.jsonl`));
  } catch {
    return; // another hook rotated it first
  }
  const rotated = readdirSync(dir).filter((n) => isSpoolFile(n) && n !== `${SPOOL_PREFIX}.jsonl`).sort();
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
    throw Object.assign(new Error('the hook spool is not a regular file'), { code: 'ENOTFILE' });
  }
  return fd;
}

/** Appends one line to the live spool (one write call, so concurrent hooks never interleave within a line). */
export function appendToSpool(stateDir: string, line: string, nowMs: number, rotateBytes: number, keepRotated: number): void {
  const dir = hookSpoolDir(stateDir);
  const live = hookSpoolFile(stateDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let fd = openSpool(live);
  try {
    if (fstatSync(fd).size >= rotateBytes) {
      closeSync(fd);
      fd = -1;
      rotate(dir, live, nowMs, keepRotated);
      fd = openSpool(live);
    }
    writeSync(fd, line);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** Captures one hook event from `stdin`. Never throws; returns whether a record was written (for tests). */
export async function captureHook(stdin: NodeJS.ReadableStream, opts: CaptureOptions): Promise<boolean> {
  try {
    const now = opts.now ?? Date.now;
    const nowMs = now(); // the moment the hook ran, before anything slow
    const text = await readInput(stdin, opts.timeoutMs ?? 2000, opts.maxInputBytes ?? 32 * 1024 * 1024);
    if (text === undefined) return false;
    const record = toSpoolRecord(JSON.parse(text), nowMs);
    if (!record) return false;
    appendToSpool(opts.stateDir, `${JSON.stringify(record)}\n`, nowMs, opts.rotateBytes ?? 8 * 1024 * 1024, opts.keepRotated ?? 3);
    return true;
  } catch {
    return false;
  }
}
