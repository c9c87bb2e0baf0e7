// Runs templates on their cron schedule (croner, in the template's time zone). Runs are queued one at a time, so
// two reports never render at once beside the tailer.
import { Cron } from 'croner';
import type { Logger } from '../../util/log.js';
import type { LoadedTemplate } from '../template/load.js';

/** Runs one template; resolves when its files are stored (deliveries may continue). */
export type RunJob = (loaded: LoadedTemplate) => Promise<void>;

export class ReportScheduler {
  private readonly jobs = new Map<string, Cron>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly log: Logger) {}

  /** Schedules every template that has a schedule; `zoneOf` gives its time zone. */
  start(templates: Iterable<LoadedTemplate>, zoneOf: (t: LoadedTemplate) => string, run: RunJob): void {
    for (const loaded of templates) {
      const { schedule, name } = loaded.template;
      if (!schedule || this.jobs.has(name)) continue;
      // protect: a run still going when the next tick comes is not started twice.
      const job = new Cron(schedule, { timezone: zoneOf(loaded), protect: true, name: `report-${name}` }, () => this.enqueue(loaded, run));
      this.jobs.set(name, job);
      this.log.info('report scheduled', { template: name, schedule, next: job.nextRun()?.toISOString() });
    }
  }

  /** Adds a run to the queue; returns when it is done. */
  enqueue(loaded: LoadedTemplate, run: RunJob): Promise<void> {
    const next = this.queue.then(() => run(loaded)).catch((err: unknown) => this.log.error('scheduled report failed', { template: loaded.template.name, error: String(err) }));
    this.queue = next;
    return next;
  }

  /** Returns the next run time of a scheduled template. */
  nextRun(name: string): Date | undefined {
    return this.jobs.get(name)?.nextRun() ?? undefined;
  }

  /** Stops every schedule and waits for the queued runs. */
  async stop(): Promise<void> {
    for (const job of this.jobs.values()) job.stop();
    this.jobs.clear();
    await this.queue;
  }
}
