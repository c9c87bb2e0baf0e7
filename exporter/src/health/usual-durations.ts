// What "usual" means for a tool: the 95th percentile of its recent call durations, so a tool that normally takes
// minutes (a build, a subagent) is not called stuck as early as one that normally takes a second.

const KEEP = 200; // recent durations kept per tool: enough for a stable p95, small enough to sort at scrape time
const MIN_SAMPLES = 20; // below this the p95 is noise: the configured floor alone applies
const MAX_TOOLS = 2000; // tool names come from the logs: bound the memory they can take

export class UsualDurations {
  private readonly byTool = new Map<string, { ring: number[]; next: number }>();

  /** Records how long one call of `tool` took, in seconds. */
  observe(agent: string, tool: string, seconds: number): void {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) return;
    const key = `${agent}\u001f${tool}`;
    let e = this.byTool.get(key);
    if (!e) {
      if (this.byTool.size >= MAX_TOOLS) return;
      this.byTool.set(key, (e = { ring: [], next: 0 }));
    }
    if (e.ring.length < KEEP) e.ring.push(seconds);
    else e.ring[e.next] = seconds;
    e.next = (e.next + 1) % KEEP;
  }

  /** Returns the tool's p95 duration in seconds, or undefined while too few calls have been seen. */
  p95(agent: string, tool: string): number | undefined {
    const e = this.byTool.get(`${agent}\u001f${tool}`);
    if (!e || e.ring.length < MIN_SAMPLES) return undefined;
    const sorted = [...e.ring].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
  }

  /** Plain data for the checkpoint. */
  toJSON(): [string, number[], number][] {
    return [...this.byTool].map(([k, e]) => [k, [...e.ring], e.next]);
  }

  /** Restores what toJSON() wrote. */
  load(data: [string, number[], number][]): void {
    for (const [k, ring, next] of data) this.byTool.set(k, { ring: [...ring], next });
  }
}
