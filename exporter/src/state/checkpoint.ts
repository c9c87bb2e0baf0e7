// The checkpoint: one JSON file holding file offsets and the whole ledger, written atomically (temp file, fsync,
// rename, fsync of the folder) so a crash at any moment leaves either the old or the new state, never a mix.
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LedgerSnapshot } from '../accounting/ledger.js';
import type { TrackedFile } from '../tail/tracker.js';
import { checkpointDefect } from './validate.js';

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

/** Reads the checkpoint; undefined when there is none. Throws, naming the file and the defect, when it cannot be used. */
export async function readCheckpoint(path: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON (cut short or damaged)`);
  }
  const defect = checkpointDefect(data);
  if (defect) throw new Error(`${path} is not a usable checkpoint: ${defect}`);
  return data as Checkpoint;
}

/** Temp files older than this are a crashed writer's, even if their pid now belongs to another process. */
const STALE_TEMP_MS = 3_600_000;

/**
 * Removes `checkpoint.json.tmp-<pid>` files a crashed exporter left (its process is gone, or the file is old).
 * Returns the names removed.
 */
export async function removeStaleTemps(path: string, nowMs = Date.now()): Promise<string[]> {
  const prefix = `${basename(path)}.tmp-`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (pid === process.pid) continue;
    const file = join(dirname(path), name);
    const old = await stat(file).then((s) => nowMs - s.mtimeMs > STALE_TEMP_MS, () => false);
    if (Number.isInteger(pid) && pid > 0 && !old && alive(pid)) continue; // another exporter may be writing it now
    if (await unlink(file).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, but is not ours
  }
}
