// Finds log files below a root folder: recursive, follows symlinks without looping, tolerates unreadable
// folders and folders named like log files.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface WalkProblem {
  path: string;
  code: string;
}

// One-shot commands list folders synchronously (as they read files): a cold scan walks every folder once, and a
// thread-pool round trip per folder only left the CPU idle.
const SYNC_FS = {
  readdir: async (dir: string) => readdirSync(dir, { withFileTypes: true }),
  realpath: async (path: string) => realpathSync(path),
  stat: async (path: string) => statSync(path),
};
const ASYNC_FS = { readdir: (dir: string) => readdir(dir, { withFileTypes: true }), realpath, stat };

/** Returns the log files below root (sorted for deterministic order) and the folders that could not be read. */
export async function findLogFiles(root: string, isLogFile: (path: string) => boolean, sync = false): Promise<{ files: string[]; problems: WalkProblem[] }> {
  const fs = sync ? SYNC_FS : ASYNC_FS;
  const files: string[] = [];
  const problems: WalkProblem[] = [];
  const visited = new Set<string>();
  // `real` is the folder's real path: resolved once for the root and for each symlink followed, and built by joining
  // names below those (a realpath per folder cost more than the rest of a rescan).
  async function walk(dir: string, depth: number, known?: string): Promise<void> {
    if (depth > 32) return;
    let real = known;
    if (real === undefined) {
      try {
        real = await fs.realpath(dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
        if (code !== 'ENOENT') problems.push({ path: dir, code });
        return;
      }
    }
    if (visited.has(real)) return; // symlink loop or a folder reachable twice
    visited.add(real);
    let entries;
    try {
      entries = await fs.readdir(dir);
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
          const s = await fs.stat(p);
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
  return { files, problems };
}
