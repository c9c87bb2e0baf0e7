// A file's identity beyond device+inode: a hash of its first bytes, so a reused inode is not mistaken for the
// file that had it before.
import { readSync } from 'node:fs';
import type { ReadHandle } from './handle.js';

export const FINGERPRINT_BYTES = 256;

/** FNV-1a (32-bit) of the bytes, as 8 hex digits. */
export function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Returns the hash of the first `length` bytes of the file (fewer if the file is shorter) and how many were read.
 * Synchronous: a 256-byte read of a local file costs microseconds, less than a round trip through the thread pool.
 */
export function fingerprintOf(fh: ReadHandle, length = FINGERPRINT_BYTES, position = 0): { fp: string; fpLen: number } {
  const buf = Buffer.alloc(length);
  const bytesRead = readSync(fh.fd, buf, 0, length, position);
  return { fp: fnv1a(buf.subarray(0, bytesRead)), fpLen: bytesRead };
}

/**
 * Returns the hash of the (up to FINGERPRINT_BYTES) bytes just before `offset`: the end of what was read. A file
 * truncated and rewritten longer between two visits keeps its first bytes and grows past the old offset, so only this
 * tells that the bytes before the offset are no longer the ones read.
 */
export function tailFingerprintOf(fh: ReadHandle, offset: number): string {
  const length = Math.min(FINGERPRINT_BYTES, offset);
  return fingerprintOf(fh, length, offset - length).fp;
}
