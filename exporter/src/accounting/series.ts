// Labelled counters and histograms kept as plain data, so one synchronous snapshot captures them together with
// file offsets. Label values are passed in the catalogue's label order.

const SEP = '\u001f';

export interface SeriesValue {
  labels: string[];
  value: number;
  /**
   * When the series was created (performance.now(): monotonic, ms since the process started), for series born after
   * the history was read (see `markBirths`): Prometheus must see such a series at 0 before its first value, or
   * increase() never counts that first value (metrics/new-series.ts). Not checkpointed: a series restored at a
   * restart is one Prometheus may already hold.
   */
  bornMs?: number;
}

/** Monotonic labelled counters (and last-value gauges) keyed by metric name. */
export class CounterStore {
  private readonly byMetric = new Map<string, Map<string, SeriesValue>>();
  /** Told of every non-zero increment (backfill records them with their event time). */
  tap?: (metric: string, labels: readonly string[], by: number) => void;
  /** Set once the history is read: series created from then on carry their birth time. */
  markBirths = false;

  /** Adds `by` to the series; zero adds still create the series (so it exists before its first event). */
  inc(metric: string, labels: string[], by = 1): void {
    this.add(metric, this.series(metric, labels), by);
  }

  /**
   * Returns the series itself (created at 0 if new), for a caller that adds to the same series often: `add` on it skips
   * the label join and map lookups. Series are never removed, so the handle stays valid.
   */
  series(metric: string, labels: string[]): SeriesValue {
    const series = this.seriesOf(metric);
    const key = labels.join(SEP);
    let s = series.get(key);
    if (!s) series.set(key, (s = this.markBirths ? { labels: [...labels], value: 0, bornMs: performance.now() } : { labels: [...labels], value: 0 }));
    return s;
  }

  /** Adds `by` to a series obtained from `series()` on this store. */
  add(metric: string, s: SeriesValue, by: number): void {
    if (by !== 0) this.tap?.(metric, s.labels, by);
    s.value += by;
  }

  /** Sets a gauge-like value (used for last-event timestamps, which only move forward). */
  max(metric: string, labels: string[], value: number): void {
    const series = this.seriesOf(metric);
    const key = labels.join(SEP);
    const s = series.get(key);
    if (!s) series.set(key, { labels: [...labels], value });
    else if (value > s.value) s.value = value;
  }

  get(metric: string, labels: string[]): number {
    return this.byMetric.get(metric)?.get(labels.join(SEP))?.value ?? 0;
  }

  values(metric: string): Iterable<SeriesValue> {
    return this.byMetric.get(metric)?.values() ?? [];
  }

  /** Sum over all series of a metric whose labels match the given partial filter (index → value). */
  sum(metric: string, filter: Record<number, string> = {}): number {
    let total = 0;
    for (const s of this.values(metric)) {
      if (Object.entries(filter).every(([i, v]) => s.labels[Number(i)] === v)) total += s.value;
    }
    return total;
  }

  seriesCount(): number {
    let n = 0;
    for (const m of this.byMetric.values()) n += m.size;
    return n;
  }

  private seriesOf(metric: string): Map<string, SeriesValue> {
    let series = this.byMetric.get(metric);
    if (!series) this.byMetric.set(metric, (series = new Map()));
    return series;
  }

  toJSON(): Record<string, [string[], number][]> {
    const out: Record<string, [string[], number][]> = {};
    for (const [metric, series] of this.byMetric) out[metric] = [...series.values()].map((s) => [s.labels, s.value]);
    return out;
  }

  static fromJSON(data: Record<string, [string[], number][]>): CounterStore {
    const store = new CounterStore();
    for (const [metric, series] of Object.entries(data)) for (const [labels, value] of series) store.inc(metric, labels, value);
    return store;
  }
}

export interface HistogramValue {
  labels: string[];
  /** Per-bucket (non-cumulative) counts; the last slot is +Inf. */
  counts: number[];
  sum: number;
  count: number;
  /** As SeriesValue.bornMs. */
  bornMs?: number;
}

/** Labelled histograms with fixed buckets. */
export class HistogramStore {
  private readonly byMetric = new Map<string, Map<string, HistogramValue>>();
  /** As CounterStore.markBirths. */
  markBirths = false;

  constructor(private readonly bucketsOf: (metric: string) => readonly number[]) {}

  observe(metric: string, labels: string[], value: number): void {
    const buckets = this.bucketsOf(metric);
    let series = this.byMetric.get(metric);
    if (!series) this.byMetric.set(metric, (series = new Map()));
    const key = labels.join(SEP);
    let h = series.get(key);
    if (!h) {
      h = { labels: [...labels], counts: new Array<number>(buckets.length + 1).fill(0), sum: 0, count: 0 };
      if (this.markBirths) h.bornMs = performance.now();
      series.set(key, h);
    }
    let i = buckets.findIndex((b) => value <= b);
    if (i < 0) i = buckets.length;
    h.counts[i] = (h.counts[i] ?? 0) + 1;
    h.sum += value;
    h.count += 1;
  }

  values(metric: string): Iterable<HistogramValue> {
    return this.byMetric.get(metric)?.values() ?? [];
  }

  toJSON(): Record<string, HistogramValue[]> {
    const out: Record<string, HistogramValue[]> = {};
    for (const [metric, series] of this.byMetric) out[metric] = [...series.values()].map(({ labels, counts, sum, count }) => ({ labels, counts, sum, count }));
    return out;
  }

  static fromJSON(data: Record<string, HistogramValue[]>, bucketsOf: (metric: string) => readonly number[]): HistogramStore {
    const store = new HistogramStore(bucketsOf);
    for (const [metric, series] of Object.entries(data)) {
      const m = new Map<string, HistogramValue>();
      for (const h of series) m.set(h.labels.join(SEP), { labels: h.labels, counts: [...h.counts], sum: h.sum, count: h.count });
      store.byMetric.set(metric, m);
    }
    return store;
  }
}
