// Filesystem notifications as an accelerator: they make appends show up within milliseconds. The periodic rescan
// in the service stays the correctness backstop for anything a notification misses.
//
// One fs.watch per folder, not per file: on Linux an inotify watch on a folder reports changes to every file in
// it. Agents keep many files in few folders (a project, a day), so this costs a few watches where a per-file
// watcher (chokidar) held ~20 KB for each of thousands of transcripts.
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentId } from '../adapters/types.js';
import type { Logger } from '../util/log.js';

const MAX_DEPTH = 16;

export class RootWatcher {
  private readonly folders = new Map<string, FSWatcher>();
  private readonly pending = new Set<string>();
  private walking = 0;
  private warned = false;
  /** Folders that exist but could not be watched (e.g. the inotify watch limit was hit). */
  private readonly unwatched = new Set<string>();

  constructor(
    private readonly onChange: (path: string, agent: AgentId) => void,
    private readonly isLogFile: (agent: AgentId, path: string) => boolean,
    private readonly log: Logger,
  ) {}

  /**
   * Watches each root that exists and is not watched yet, with the folders below it (call again after a rescan to
   * pick up roots created since). Folders created later are picked up from their parent's events.
   */
  ensure(roots: { agent: AgentId; root: string }[]): void {
    for (const { agent, root } of roots) if (!this.folders.has(root)) void this.watchTree(root, agent, 0, false);
  }

  /**
   * Whether every folder found so far is watched, so that appends arrive by notification. A root that does not exist
   * yet does not count against it: ensure() after a rescan watches it once it appears.
   */
  get complete(): boolean {
    return this.unwatched.size === 0;
  }

  /** Resolves once the folders found by the last ensure() are all watched. */
  async whenReady(): Promise<void> {
    while (this.walking > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private async watchTree(dir: string, agent: AgentId, depth: number, visitFiles: boolean): Promise<void> {
    if (depth > MAX_DEPTH) return;
    this.walking += 1;
    try {
      const fresh = this.watchFolder(dir, agent);
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return; // missing or unreadable: the rescan reports it
      }
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await this.watchTree(p, agent, depth + 1, visitFiles || fresh);
        // Files in a folder that appeared after start were written before its watch existed: visit them now.
        else if (visitFiles && this.isLogFile(agent, p)) this.notify(p, agent);
      }
    } finally {
      this.walking -= 1;
    }
  }

  /** Starts a watch on one folder; returns false if it was already watched. */
  private watchFolder(dir: string, agent: AgentId): boolean {
    if (this.folders.has(dir)) return false;
    let w: FSWatcher;
    try {
      w = watch(dir, { persistent: true }, (_event, name) => {
        if (name) this.onEvent(join(dir, name.toString()), agent);
      });
    } catch (err) {
      // Missing (a root not created yet, or a folder just removed) is not a failure; anything else leaves it unwatched.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.failed(dir, err);
      return false;
    }
    w.on('error', (err) => {
      // The folder went away (or the watch limit was hit): drop the watch; the rescan carries on.
      w.close();
      this.folders.delete(dir);
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.failed(dir, err);
    });
    this.folders.set(dir, w);
    this.unwatched.delete(dir);
    return true;
  }

  private onEvent(path: string, agent: AgentId): void {
    if (this.isLogFile(agent, path)) {
      this.notify(path, agent);
      return;
    }
    // Perhaps a new folder (a new project, a new day): watch it and visit what it already holds.
    if (this.folders.has(path)) return;
    void stat(path).then(
      (s) => (s.isDirectory() ? this.watchTree(path, agent, 0, true) : undefined),
      () => undefined,
    );
  }

  /** Coalesces bursts of events for one file into a single visit. */
  private notify(path: string, agent: AgentId): void {
    const key = `${agent}\u0000${path}`;
    if (this.pending.has(key)) return;
    this.pending.add(key);
    queueMicrotask(() => {
      this.pending.delete(key);
      this.onChange(path, agent);
    });
  }

  private failed(dir: string, err: unknown): void {
    this.unwatched.add(dir);
    if (this.warned) return;
    this.warned = true;
    this.log.warn('cannot watch a folder for changes; the periodic rescan still picks them up', { path: dir, code: (err as NodeJS.ErrnoException).code });
  }

  async close(): Promise<void> {
    for (const w of this.folders.values()) w.close();
    this.folders.clear();
    this.unwatched.clear();
  }
}
