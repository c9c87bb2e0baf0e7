// Writes recorded history as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: one family at a
// time, each series' samples in ascending time, timestamps in seconds, `# EOF` last.
//
// Samples per series: at each boundary where it changed, plus the value one step before (so rate() and
// increase() see the rise as a scrape would), plus every UTC midnight and the cut-off (so day totals can be read
// exactly at day boundaries). Quiet stretches need no samples. A series whose first change comes after the cut-off
// gets one sample, 0 at the cut-off: the live exporter's first scrape then shows its whole value as an increase
// (without it, Prometheus would take that first value as the series' starting point and increase() would read 0).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { MetricDef } from '../metrics/catalogue.js';
import type { HistoryRecorder, RecordedSeries } from './recorder.js';
import { BACKFILLED } from './recorder.js';

export interface WriteOptions {
  /** Last sample time (Unix seconds, a multiple of the step); later events are left to the live exporter. */
  untilSec: number;
  /** No samples before this time (their history still counts in the first sample's value). */
  sinceSec?: number;
  /** Extra labels on every series (job, instance, static labels), so history joins the live series. */
  labels: Record<string, string>;
  onProgress?: (seriesDone: number, seriesTotal: number) => void;
}

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Formats a stored integer value with the metric's scale exactly (nano-dollars → dollars without float error). */
export function formatValue(value: number, scale: number | undefined): string {
  if (scale === 1e-9) {
    const sign = value < 0 ? '-' : '';
    const v = Math.abs(value);
    const frac = String(v % 1e9).padStart(9, '0').replace(/0+$/, '');
    return `${sign}${Math.floor(v / 1e9)}${frac ? `.${frac}` : ''}`;
  }
  return String(value * (scale ?? 1));
}

/** Returns the (time, cumulative value) samples for one series. */
export function seriesSamples(s: RecordedSeries, stepSec: number, untilSec: number, sinceSec = 0): [number, number][] {
  const boundaries = [...s.deltas.keys()].sort((a, b) => a - b);
  const times = new Set<number>();
  for (const b of boundaries) {
    if (b > untilSec) break;
    times.add(b - stepSec);
    times.add(b);
  }
  if (times.size === 0) return boundaries.length > 0 && untilSec >= sinceSec ? [[untilSec, 0]] : [];
  const first = Math.min(...times);
  for (let day = Math.ceil(first / 86400) * 86400; day <= untilSec; day += 86400) times.add(day);
  times.add(untilSec);
  const sorted = [...times].filter((t) => t >= sinceSec && t <= untilSec).sort((a, b) => a - b);
  const out: [number, number][] = [];
  let i = 0;
  let value = 0;
  for (const t of sorted) {
    while (i < boundaries.length && boundaries[i]! <= t) value += s.deltas.get(boundaries[i++]!)!;
    out.push([t, value]);
  }
  return out;
}

/** Writes the history to `path`; returns the number of series and samples written. */
export async function writeOpenMetrics(path: string, rec: HistoryRecorder, opts: WriteOptions): Promise<{ series: number; samples: number }> {
  const out = createWriteStream(path);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const extra = Object.entries(opts.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  const total = rec.seriesCount;
  let done = 0;
  let samples = 0;
  for (const def of BACKFILLED as MetricDef[]) {
    const family = rec.series.get(def.name);
    if (!family || family.size === 0) continue;
    const base = def.name.replace(/_total$/, '');
    await write(`# HELP ${base} ${def.help}\n# TYPE ${base} counter\n`);
    for (const s of family.values()) {
      const labels = [...def.labels.map((l, i) => `${l}="${escapeLabel(s.labels[i] ?? '')}"`), ...extra].join(',');
      let chunk = '';
      for (const [t, v] of seriesSamples(s, rec.stepSeconds, opts.untilSec, opts.sinceSec)) {
        chunk += `${def.name}{${labels}} ${formatValue(v, def.scale)} ${t}\n`;
        samples += 1;
      }
      if (chunk) await write(chunk);
      done += 1;
      opts.onProgress?.(done, total);
    }
  }
  await write('# EOF\n');
  out.end();
  await once(out, 'finish');
  return { series: done, samples };
}
