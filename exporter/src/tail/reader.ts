// Reads complete lines from a file handle, starting at a committed byte offset. The offset only ever moves to a
// line boundary (or past the discarded bytes of an over-long line, with `skipping` set), and it moves in the same
// synchronous step as the line is handed on: a snapshot taken between awaits is always consistent.
import type { ReadHandle } from './handle.js';
import { shrinkJsonStrings } from './shrink.js';

export interface ReadPosition {
  /** Byte offset just after the last line handed on (or the last discarded byte of an over-long line). */
  offset: number;
  /** True while inside a line longer than the cap: bytes are discarded until its newline. */
  skipping: boolean;
}

export interface LineSink {
  /** A complete line (without its newline), decoded as UTF-8 (invalid bytes become U+FFFD). */
  line(text: string): void;
  /** A line longer than the cap began; it is discarded. Called once per such line. */
  tooLong(): void;
  /** Bytes consumed (lines handed on, or discarded), for accounting. */
  consumed(bytes: number): void;
  /** Usage-only reads: lines for which this is false are consumed without being decoded or handed on. */
  keep?: (bytes: Buffer) => boolean;
}

export interface ReadOptions {
  maxLineBytes: number;
  chunkBytes: number;
  /** Lines longer than this many bytes have their long JSON string values cut (see shrink.ts); 0 = never. */
  shrinkAboveBytes?: number;
  /** Open and read with synchronous calls (handle.ts): for one-shot commands, where nothing else waits on the event loop. */
  syncReads?: boolean;
  /**
   * Stop after about this many bytes (at a chunk's end, once at least this much was consumed) and report `more`, so
   * the caller can let other files have a turn: one file written faster than it is read must not starve the rest.
   * Undefined: read to the end of the file.
   */
  budgetBytes?: number;
}

/** What a read did: bytes consumed, and whether it stopped at its budget with more of the file still to read. */
export interface ReadResult {
  bytes: number;
  more: boolean;
}

/** Lines above 64 KB keep at most 4 KB of each string value. */
export const SHRINK_ABOVE_BYTES = 64 * 1024;
const SHRUNK_STRING_BYTES = 4096;

const NEWLINE = 0x0a;

/** Reads from pos.offset to the current end of file (or its budget), handing complete lines to the sink. */
export async function readLines(fh: ReadHandle, pos: ReadPosition, opts: ReadOptions, sink: LineSink): Promise<ReadResult> {
  // Two buffers: the next chunk is read from disk while this one is parsed.
  let chunk = takeBuffer(opts.chunkBytes);
  let spare = takeBuffer(opts.chunkBytes);
  let readAt = pos.offset; // where the next read starts (ahead of pos.offset while a partial line is carried)
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let total = 0;
  let more = false;
  const readChunk = (buf: Buffer, at: number): Promise<{ bytesRead: number }> => fh.read(buf, 0, buf.length, at);
  let pending = readChunk(chunk, readAt);
  pending.catch(() => undefined); // if a line handler throws, the read in flight must not become an unhandled rejection
  for (;;) {
    const { bytesRead } = await pending;
    if (bytesRead === 0) break;
    readAt += bytesRead;
    const view = chunk.subarray(0, bytesRead);
    [chunk, spare] = [spare, chunk];
    pending = readChunk(chunk, readAt);
    pending.catch(() => undefined);
    let start = 0;
    if (pos.skipping) {
      const nl = view.indexOf(NEWLINE);
      const end = nl < 0 ? bytesRead : nl + 1;
      pos.offset += end;
      total += end;
      sink.consumed(end);
      if (nl < 0) continue;
      pos.skipping = false;
      start = end;
    }
    for (;;) {
      const nl = view.indexOf(NEWLINE, start);
      if (nl < 0) break;
      let bytes: Buffer;
      if (carryBytes > 0) {
        carry.push(view.subarray(start, nl));
        bytes = Buffer.concat(carry);
        carry = [];
        carryBytes = 0;
      } else {
        bytes = view.subarray(start, nl);
      }
      const lineBytes = bytes.length + 1;
      pos.offset += lineBytes;
      total += lineBytes;
      sink.consumed(lineBytes);
      if (bytes.length > opts.maxLineBytes) sink.tooLong();
      else if (bytes.length > 0 && !(bytes.length === 1 && bytes[0] === 0x0d) && (sink.keep === undefined || sink.keep(bytes))) {
        const shrinkAbove = opts.shrinkAboveBytes ?? 0;
        sink.line((shrinkAbove > 0 && bytes.length > shrinkAbove ? shrinkJsonStrings(bytes, SHRUNK_STRING_BYTES) : bytes).toString('utf8'));
      }
      start = nl + 1;
    }
    if (start < bytesRead) {
      // Partial line: carry it (copied, the chunk buffer is reused) until its newline arrives.
      carry.push(Buffer.from(view.subarray(start)));
      carryBytes += bytesRead - start;
      if (carryBytes > opts.maxLineBytes) {
        // Too long to keep: discard what we have and skip to the next newline.
        sink.tooLong();
        pos.offset += carryBytes;
        total += carryBytes;
        sink.consumed(carryBytes);
        carry = [];
        carryBytes = 0;
        pos.skipping = true;
      }
    }
    if (opts.budgetBytes !== undefined && total >= opts.budgetBytes) {
      // A partial line carried so far is dropped: the offset is at its start, the next turn reads it again.
      more = await pending.then((r) => r.bytesRead > 0, () => false);
      break;
    }
  }
  // No read is in flight now (the last one returned 0 bytes): both buffers can serve the next file. After a throw
  // one may still be filling, so those are left to the garbage collector.
  giveBack(chunk);
  giveBack(spare);
  return { bytes: total, more };
}

/**
 * Chunk buffers of finished reads, reused by the next file: a cold read of a large history opens thousands of
 * files, and two fresh megabyte buffers for each only give the garbage collector work.
 */
const pool: Buffer[] = [];
const POOL_MAX = 4;

function takeBuffer(size: number): Buffer {
  const i = pool.findIndex((b) => b.length === size);
  return i >= 0 ? pool.splice(i, 1)[0]! : Buffer.allocUnsafe(size);
}

function giveBack(buf: Buffer): void {
  if (pool.length < POOL_MAX) pool.push(buf);
}
