// Filesystem notifications (chokidar) as an accelerator: they make appends show up within milliseconds. The
// periodic rescan in the service stays the correctness backstop for anything a notification misses.
import { existsSync } from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';
import type { AgentId } from '../adapters/types.js';
import type { Logger } from '../util/log.js';

export class RootWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly pending = new Set<string>();
  private notReady = 0;

  constructor(
    private readonly onChange: (path: string, agent: AgentId) => void,
    private readonly isLogFile: (agent: AgentId, path: string) => boolean,
    private readonly log: Logger,
  ) {}

  /** Starts watching every root that exists and is not watched yet (call again to pick up new roots). */
  ensure(roots: { agent: AgentId; root: string }[]): void {
    for (const { agent, root } of roots) {
      const key = `${agent}\u0000${root}`;
      if (this.watchers.has(key) || !existsSync(root)) continue;
      const w = watch(root, {
        ignoreInitial: true,
        followSymlinks: true,
        depth: 16,
        ignored: (path, stats) => stats?.isFile() === true && !this.isLogFile(agent, path),
      });
      const notify = (path: string): void => {
        // Coalesce bursts of events for one file into a single visit.
        const k = `${agent}\u0000${path}`;
        if (this.pending.has(k)) return;
        this.pending.add(k);
        queueMicrotask(() => {
          this.pending.delete(k);
          this.onChange(path, agent);
        });
      };
      this.notReady += 1;
      w.once('ready', () => (this.notReady -= 1));
      w.on('add', notify);
      w.on('change', notify);
      w.on('error', (err) => this.log.warn('file watcher error; the periodic rescan continues', { root, code: (err as NodeJS.ErrnoException).code }));
      this.watchers.set(key, w);
    }
  }

  /** True once every watcher finished its initial walk (before that, an append may wait for the rescan). */
  get ready(): boolean {
    return this.notReady === 0;
  }

  async close(): Promise<void> {
    const all = [...this.watchers.values()];
    this.watchers.clear();
    await Promise.all(all.map((w) => w.close()));
  }
}
