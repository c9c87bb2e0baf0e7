// Reads complete lines from a file handle, starting at a committed byte offset. The offset only ever moves to a
// line boundary (or past the discarded bytes of an over-long line, with `skipping` set), and it moves in the same
// synchronous step as the line is handed on: a snapshot taken between awaits is always consistent.
import type { ReadHandle } from './handle.js';
import { shrinkJsonStrings } from './shrink.js';
import type { LineFilter } from './usage-filter.js';

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
  keep?: LineFilter;
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

/**
 * Reads from pos.offset to the current end of file (or its budget), handing complete lines to the sink.
 *
 * A line inside one chunk is handed on as a view of the chunk. A line that runs past a chunk's end is not carried:
 * its pieces are only searched for the newline (and, in usage-only reads, for the filter's markers) as they stream
 * past, and once it is complete and wanted, it is read again from the file in one piece. So a long line costs a
 * newline search, plus one read when it must be parsed — no copies of chunks, no concatenation (a 2 MB tool result
 * spans two or three chunks). Files are appended to, never rewritten before the committed offset, so the bytes
 * read again are the ones streamed past; if the file was cut meanwhile, the short line fails to parse and is counted.
 */
export async function readLines(fh: ReadHandle, pos: ReadPosition, opts: ReadOptions, sink: LineSink): Promise<ReadResult> {
  // Two buffers: the next chunk is read from disk while this one is parsed.
  let chunk = takeBuffer(opts.chunkBytes);
  let spare = takeBuffer(opts.chunkBytes);
  let readAt = pos.offset; // where the next read starts (ahead of pos.offset while a line runs past a chunk)
  let total = 0;
  let more = false;
  const keep = sink.keep;
  // The line running past chunk ends: its length so far, whether it is wanted (usage-only reads: a marker was seen in
  // it), and its last few bytes (the seam to search with the next piece).
  let spanBytes = 0;
  let spanWanted = false;
  let seam: Buffer | undefined;
  let span: SpanBuffer | undefined; // where spanning lines are read again, taken from the pool at the first one
  const readChunk = (buf: Buffer, at: number): Promise<{ bytesRead: number }> => fh.read(buf, 0, buf.length, at);
  let pending = readChunk(chunk, readAt);
  pending.catch(() => undefined); // if a line handler throws, the read in flight must not become an unhandled rejection
  /** Hands on one complete line of `length` bytes, committing its offset in the same step. */
  const complete = (bytes: Buffer, length = bytes.length): void => {
    const lineBytes = length + 1;
    pos.offset += lineBytes;
    total += lineBytes;
    sink.consumed(lineBytes);
    if (bytes.length > 0 && !(bytes.length === 1 && bytes[0] === 0x0d)) {
      const shrinkAbove = opts.shrinkAboveBytes ?? 0;
      sink.line((shrinkAbove > 0 && bytes.length > shrinkAbove ? shrinkJsonStrings(bytes, SHRUNK_STRING_BYTES) : bytes).toString('utf8'));
    }
  };
  /** Tests a piece of the spanning line (and its seam with the piece before) against the usage filter. */
  const scanPiece = (piece: Buffer): void => {
    if (spanWanted || !keep) return;
    if (seam && seam.length > 0) {
      const head = piece.subarray(0, keep.overlap);
      if (keep(Buffer.concat([seam, head]))) spanWanted = true;
    }
    if (!spanWanted && keep(piece)) spanWanted = true;
    // The seam for the next piece: the last `overlap` bytes streamed past (pieces may be shorter than that).
    seam = piece.length >= keep.overlap || !seam ? Buffer.from(piece.subarray(Math.max(0, piece.length - keep.overlap))) : Buffer.concat([seam, piece]).subarray(-keep.overlap);
  };
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
    if (spanBytes > 0) {
      // The spanning line continues in this chunk.
      const nl = view.indexOf(NEWLINE);
      const piece = view.subarray(0, nl < 0 ? bytesRead : nl);
      spanBytes += piece.length;
      if (spanBytes > opts.maxLineBytes) {
        // Too long to keep: what was streamed past is discarded; skip to the next newline.
        sink.tooLong();
        const discarded = spanBytes - piece.length + (nl < 0 ? bytesRead : nl + 1);
        pos.offset += discarded;
        total += discarded;
        sink.consumed(discarded);
        spanBytes = 0;
        seam = undefined;
        if (nl < 0) {
          pos.skipping = true;
          continue;
        }
        start = nl + 1;
      } else {
        scanPiece(piece);
        if (nl < 0) continue;
        const length = spanBytes;
        spanBytes = 0;
        seam = undefined;
        if (keep && !spanWanted) {
          // No marker anywhere in it: consumed without ever being copied or decoded.
          pos.offset += length + 1;
          total += length + 1;
          sink.consumed(length + 1);
        } else {
          span = await readSpan(fh, pos.offset, length, span);
          complete(span.subarray(0, Math.min(length, span.bytesRead)), length);
        }
        start = nl + 1;
      }
    }
    for (;;) {
      const nl = view.indexOf(NEWLINE, start);
      if (nl < 0) break;
      const bytes = view.subarray(start, nl);
      if (bytes.length > opts.maxLineBytes) {
        const lineBytes = bytes.length + 1;
        pos.offset += lineBytes;
        total += lineBytes;
        sink.consumed(lineBytes);
        sink.tooLong();
      } else if (keep === undefined || keep(bytes)) {
        complete(bytes);
      } else {
        pos.offset += bytes.length + 1;
        total += bytes.length + 1;
        sink.consumed(bytes.length + 1);
      }
      start = nl + 1;
    }
    if (start < bytesRead) {
      // A line runs past this chunk: remember how much of it there is, not its bytes.
      const piece = view.subarray(start);
      spanBytes = piece.length;
      spanWanted = false;
      seam = undefined;
      if (spanBytes > opts.maxLineBytes) {
        sink.tooLong();
        pos.offset += spanBytes;
        total += spanBytes;
        sink.consumed(spanBytes);
        spanBytes = 0;
        pos.skipping = true;
      } else {
        scanPiece(piece);
      }
    }
    if (opts.budgetBytes !== undefined && total >= opts.budgetBytes) {
      // A line in progress is left for the next turn: the offset is at its start, the next turn reads it again.
      more = await pending.then((r) => r.bytesRead > 0, () => false);
      break;
    }
  }
  // No read is in flight now (the last one returned 0 bytes): both buffers can serve the next file. After a throw
  // one may still be filling, so those are left to the garbage collector.
  giveBack(chunk);
  giveBack(spare);
  if (span) spans.push(span);
  return { bytes: total, more };
}

/** A buffer spanning lines are read again into, and how many bytes the last read put there. */
type SpanBuffer = Buffer & { bytesRead: number };

/** Span buffers of finished reads, for the next ones (each read takes its own: reads in flight never share one). */
const spans: SpanBuffer[] = [];

/** Reads `length` bytes at `offset` (a complete line streamed past earlier); fewer if the file was cut meanwhile. */
async function readSpan(fh: ReadHandle, offset: number, length: number, have: SpanBuffer | undefined): Promise<SpanBuffer> {
  let buf = have ?? spans.pop();
  if (!buf || buf.length < length) buf = Object.assign(Buffer.allocUnsafe(Math.max(length, 1 << 20)), { bytesRead: 0 });
  let at = 0;
  while (at < length) {
    const { bytesRead } = await fh.read(buf, at, length - at, offset + at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  buf.bytesRead = at;
  return buf;
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
