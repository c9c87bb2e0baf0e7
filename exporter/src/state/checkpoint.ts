// The checkpoint: one JSON file holding file offsets and the whole ledger, written atomically (temp file, fsync,
// rename, fsync of the folder) so a crash at any moment leaves either the old or the new state, never a mix.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LedgerSnapshot } from '../accounting/ledger.js';
import type { TrackedFile } from '../tail/tracker.js';

export interface Checkpoint {
  version: 1;
  savedAtMs: number;
  initialScanDone: boolean;
  files: TrackedFile[];
  ledger: LedgerSnapshot;
  /** State of other modules that must stay consistent with the counters (e.g. the reports' activity store). */
  parts?: Record<string, unknown>;
}

export const checkpointPath = (stateDir: string): string => join(stateDir, 'checkpoint.json');

/** Writes the serialized checkpoint atomically: one text, or pieces written one after another (see Engine.serialize). */
export async function writeCheckpoint(path: string, serialized: string | readonly string[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    // writeFile, unlike write, loops until the whole piece is written; each call continues where the last one ended.
    for (const piece of typeof serialized === 'string' ? [serialized] : serialized) await fh.writeFile(piece, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } catch {
    // Some filesystems cannot fsync a folder; the rename is still atomic.
  } finally {
    await dir.close();
  }
}

/** Reads the checkpoint; undefined when there is none. Throws with the path when it exists but cannot be used. */
export async function readCheckpoint(path: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const data = JSON.parse(text) as Partial<Checkpoint>;
  if (data.version !== 1 || !Array.isArray(data.files) || typeof data.ledger !== 'object') {
    throw new Error(`unsupported checkpoint format in ${path}`);
  }
  return data as Checkpoint;
}
