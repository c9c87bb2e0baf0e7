// Finds log files below a root folder: recursive, follows symlinks without looping, tolerates unreadable
// folders and folders named like log files.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface WalkProblem {
  path: string;
  code: string;
}

/** Folders nested deeper than this below a root are not read (nor watched); each is reported as too deep. */
export const MAX_FOLDER_DEPTH = 32;

// Folders are listed with synchronous calls: a thread-pool round trip per folder (fs/promises) cost three times the
// CPU of the listing itself — for `serve`, whose backstop rescan walks every folder, that was most of its idle CPU.
// `serve` (sync = false) gives the event loop a turn every YIELD_EVERY folders, so a walk of thousands of folders
// never holds up a scrape or an append for more than a few milliseconds; one-shot commands walk straight through.
const YIELD_EVERY = 16;

/**
 * Returns the log files below root (sorted for deterministic order), the folders that could not be read, and the
 * folders skipped for being nested deeper than MAX_FOLDER_DEPTH (their contents are not listed).
 */
export async function findLogFiles(root: string, isLogFile: (path: string) => boolean, sync = false): Promise<{ files: string[]; problems: WalkProblem[]; tooDeep: string[] }> {
  let listed = 0;
  const files: string[] = [];
  const problems: WalkProblem[] = [];
  const tooDeep: string[] = [];
  const visited = new Set<string>();
  // `real` is the folder's real path: resolved once for the root and for each symlink followed, and built by joining
  // names below those (a realpath per folder cost more than the rest of a rescan).
  async function walk(dir: string, depth: number, known?: string): Promise<void> {
    if (depth > MAX_FOLDER_DEPTH) {
      tooDeep.push(dir);
      return;
    }
    let real = known;
    if (real === undefined) {
      try {
        real = realpathSync(dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
        if (code !== 'ENOENT') problems.push({ path: dir, code });
        return;
      }
    }
    if (visited.has(real)) return; // symlink loop or a folder reachable twice
    visited.add(real);
    if (!sync && ++listed % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
      if (code !== 'ENOENT' && code !== 'ENOTDIR') problems.push({ path: dir, code });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p, depth + 1, join(real, e.name));
      else if (e.isFile()) {
        if (isLogFile(p)) files.push(p);
      } else if (e.isSymbolicLink()) {
        try {
          const s = statSync(p);
          if (s.isDirectory()) await walk(p, depth + 1);
          else if (s.isFile() && isLogFile(p)) files.push(p);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
          if (code !== 'ENOENT') problems.push({ path: p, code });
        }
      }
    }
  }
  await walk(root, 0);
  return { files, problems, tooDeep };
}
