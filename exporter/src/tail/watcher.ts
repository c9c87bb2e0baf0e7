// Filesystem notifications as an accelerator: they make appends show up within milliseconds. The periodic rescan
// in the service stays the correctness backstop for anything a notification misses.
//
// One fs.watch per folder, not per file: on Linux an inotify watch on a folder reports changes to every file in
// it. Agents keep many files in few folders (a project, a day), so this costs a few watches where a per-file
// watcher (chokidar) held ~20 KB for each of thousands of transcripts.
//
// A root that does not exist yet (Codex installed after agentmon started, the hook spool before the first hook) is
// awaited through a watch on its nearest existing parent, so it is read the moment it appears, not at the next rescan.
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import type { AgentId } from '../adapters/types.js';
import type { Logger } from '../util/log.js';
import { MAX_FOLDER_DEPTH } from './discover.js';

/** True when nothing exists at `path` yet (ENOENT), as opposed to something unusable being there. */
function missing(path: string): boolean {
  try {
    statSync(path);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

export class RootWatcher {
  /** Watched folders, with the inode the watch is on (a folder removed and created again is another one). */
  private readonly folders = new Map<string, { watcher: FSWatcher; ino: number }>();
  private readonly pending = new Set<string>();
  private walking = 0;
  private warned = false;
  /** Folders that exist but could not be watched (e.g. the inotify watch limit was hit). */
  private readonly unwatched = new Set<string>();
  /** Roots that do not exist yet, by the nearest existing parent folder watched for their creation. */
  private readonly awaiting = new Map<string, { watcher: FSWatcher; roots: Map<string, AgentId> }>();
  private closed = false;

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
    for (const { agent, root } of roots) {
      if (this.folders.has(root) || this.isAwaited(root)) continue;
      if (missing(root)) this.awaitRoot(root, agent);
      else void this.watchTree(root, agent, 0, false); // also when unusable (e.g. below a plain file): that is reported
    }
  }

  private isAwaited(root: string): boolean {
    for (const a of this.awaiting.values()) if (a.roots.has(root)) return true;
    return false;
  }

  /**
   * Watches the nearest existing parent of a missing root for the next folder on the way to it. When that appears,
   * the root is looked at again: watched (and its files visited) if it exists now, else awaited one level deeper.
   */
  private awaitRoot(root: string, agent: AgentId): void {
    if (this.closed) return;
    let parent = dirname(root);
    while (parent !== dirname(parent) && !existsSync(parent)) parent = dirname(parent);
    let a = this.awaiting.get(parent);
    if (!a) {
      let w: FSWatcher;
      try {
        w = watch(parent, { persistent: true }, (_event, name) => {
          if (name) this.onParentEvent(parent, join(parent, name.toString()));
        });
      } catch {
        return; // e.g. no permission on the parent: the periodic rescan still finds the root (no gap: nothing is there yet)
      }
      w.on('error', () => {
        w.close();
        const gone = this.awaiting.get(parent);
        this.awaiting.delete(parent);
        for (const [r, ag] of gone?.roots ?? []) this.awaitRoot(r, ag);
      });
      this.awaiting.set(parent, (a = { watcher: w, roots: new Map() }));
    }
    a.roots.set(root, agent);
    // Created between the existence check and the watch: look again now rather than miss it.
    const next = join(parent, root.slice(parent.length + 1).split(sep)[0] ?? '');
    if (existsSync(next)) this.onParentEvent(parent, next);
  }

  /** Something changed in a watched parent of missing roots: re-examine the roots below `path`. */
  private onParentEvent(parent: string, path: string): void {
    const a = this.awaiting.get(parent);
    if (!a || !existsSync(path)) return;
    const affected = [...a.roots].filter(([root]) => root === path || root.startsWith(path + sep));
    if (affected.length === 0) return;
    for (const [root] of affected) a.roots.delete(root);
    if (a.roots.size === 0) {
      a.watcher.close();
      this.awaiting.delete(parent);
    }
    for (const [root, agent] of affected) {
      // The root's files were written before its watch existed: visit them.
      if (missing(root)) this.awaitRoot(root, agent);
      else void this.watchTree(root, agent, 0, true);
    }
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
    if (depth > MAX_FOLDER_DEPTH || this.closed) return;
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
    let ino: number;
    const own = basename(dir);
    try {
      ino = statSync(dir).ino;
      w = watch(dir, { persistent: true }, (_event, name) => {
        if (!name) return;
        // The folder's own removal or move is reported to its watch under the folder's own name.
        if (name.toString() === own) this.recheck(dir, agent);
        this.onEvent(join(dir, name.toString()), agent);
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
    this.folders.set(dir, { watcher: w, ino });
    this.unwatched.delete(dir);
    return true;
  }

  /**
   * A watched folder that is gone, or was replaced, is not seen by its watch any more (the kernel dropped it): close
   * the watches on it and below, so that its parent's event (or ensure(), for a root) watches it again once it is back.
   */
  private recheck(dir: string, agent: AgentId): void {
    const held = this.folders.get(dir);
    if (!held) return;
    let ino: number | undefined;
    try {
      ino = statSync(dir).ino;
    } catch {
      ino = undefined;
    }
    if (ino === held.ino) return;
    for (const [path, f] of this.folders) {
      if (path !== dir && !path.startsWith(dir + sep)) continue;
      f.watcher.close();
      this.folders.delete(path);
    }
    if (ino !== undefined) void this.watchTree(dir, agent, 0, true);
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
    this.closed = true;
    for (const f of this.folders.values()) f.watcher.close();
    this.folders.clear();
    for (const a of this.awaiting.values()) a.watcher.close();
    this.awaiting.clear();
    this.unwatched.clear();
  }
}
