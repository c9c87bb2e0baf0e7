// Records every counter increment the ledger makes during a scan, bucketed by event time, so the history in the
// logs can be written as counter samples with real timestamps.
import type { Ledger } from '../accounting/ledger.js';
import { METRICS, type MetricDef } from '../metrics/catalogue.js';

/** The agent-activity counters that have a meaningful event time (not the exporter's own I/O counters). */
export const BACKFILLED: readonly MetricDef[] = [
  METRICS.tokens, METRICS.cost, METRICS.requests, METRICS.unpriced, METRICS.apiErrors, METRICS.prompts,
  METRICS.toolCalls, METRICS.toolErrors, METRICS.sessions,
];

export interface RecordedSeries {
  labels: readonly string[];
  /** Boundary (Unix seconds) → amount added by events before it and at/after the previous boundary. */
  deltas: Map<number, number>;
}

export class HistoryRecorder {
  /** Metric name → label key → series. */
  readonly series = new Map<string, Map<string, RecordedSeries>>();

  constructor(readonly stepSeconds: number) {
    for (const m of BACKFILLED) this.series.set(m.name, new Map());
  }

  /** Starts recording the ledger's increments (before the scan). */
  attach(ledger: Ledger): void {
    ledger.counters.tap = (metric, labels, by) => {
      const family = this.series.get(metric);
      if (!family || ledger.eventTimeMs <= 0) return;
      // An event at t shows in the sample at the first step boundary after t.
      const boundary = (Math.floor(ledger.eventTimeMs / 1000 / this.stepSeconds) + 1) * this.stepSeconds;
      const key = labels.join('\u001f');
      let s = family.get(key);
      if (!s) family.set(key, (s = { labels: [...labels], deltas: new Map() }));
      s.deltas.set(boundary, (s.deltas.get(boundary) ?? 0) + by);
    };
  }

  /** Number of series recorded. */
  get seriesCount(): number {
    let n = 0;
    for (const f of this.series.values()) n += f.size;
    return n;
  }
}
