// Expensive requests (a session's timeline rebuilt from its files, a report preview) run a few at a time: a burst of
// them must not take the memory or the event loop that /metrics and tailing need. Extra ones wait in a short queue;
// beyond it they are answered 503 with Retry-After.
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly maxRunning: number, readonly maxWaiting: number) {}

  /** Runs work when a slot is free; undefined (without running it) when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.running >= this.maxRunning) {
      if (this.waiting.length >= this.maxWaiting) return undefined;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return { value: await work() };
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next in line
      else this.running -= 1;
    }
  }

  /** Requests running plus waiting (for tests and the log). */
  get load(): number {
    return this.running + this.waiting.length;
  }
}
