// The checkpoint: one JSON file holding file offsets and the whole ledger, written atomically (temp file, fsync,
// rename, fsync of the folder) so a crash at any moment leaves either the old or the new state, never a mix.
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
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

/**
 * Test-only fault hook, never set in use: with AGENTMON_TEST_CHECKPOINT_STALL_MS every write stops halfway through
 * its text for that long, after writing the write's number to `<checkpoint>.stall`, so that a test can kill the
 * exporter inside a write (test/state/crash-write.test.ts). A write takes milliseconds: without the pause a kill at
 * a random moment almost never lands inside one.
 */
const STALL_MS = Number(process.env.AGENTMON_TEST_CHECKPOINT_STALL_MS ?? 0);
let stalls = 0;

/** Writes the serialized checkpoint atomically: one text, or pieces written one after another (see Engine.serialize). */
export async function writeCheckpoint(path: string, serialized: string | readonly string[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    const pieces = typeof serialized === 'string' ? [serialized] : serialized;
    const halfway = STALL_MS > 0 ? Math.floor(pieces.join('').length / 2) : -1;
    let written = 0;
    // writeFile, unlike write, loops until the whole piece is written; each call continues where the last one ended.
    for (const piece of pieces) {
      if (halfway >= written && halfway < written + piece.length) {
        const bytes = Buffer.from(piece, 'utf8'); // cut between bytes: they are written one after the other anyway
        await fh.writeFile(bytes.subarray(0, bytes.length >> 1));
        await stall(path);
        await fh.writeFile(bytes.subarray(bytes.length >> 1));
      } else {
        await fh.writeFile(piece, 'utf8');
      }
      written += piece.length;
    }
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

async function stall(path: string): Promise<void> {
  await writeFile(`${path}.stall`, String(++stalls));
  await new Promise((resolve) => setTimeout(resolve, STALL_MS));
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
