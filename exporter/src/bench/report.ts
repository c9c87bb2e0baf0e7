// Turns the benchmark's figures into a Markdown section (table + targets) and writes it into docs/PERFORMANCE.md
// between markers named after the corpus size, so the default and the 1 GB results can sit side by side.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { RenderResult } from './render-bench.js';
import { expectedTokens, type HistoryServeResult, scanTokens, type ScanResult } from './scan-bench.js';
import type { TailResult } from './tail-bench.js';

export interface BenchReport {
  /** Corpus label: quick, small, or the size given (e.g. 1GB). */
  label: string;
  command: string;
  date: string;
  machine: string;
  loadBefore: string;
  loadAfter: string;
  scan?: ScanResult;
  tail?: TailResult;
  render?: RenderResult;
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0);
const n = (v: number): string => v.toLocaleString('en-US');
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
const RSS_LIMIT = 300e6;

/** Rows for serve run over the scan corpus as its history. */
function historyRows(h: HistoryServeResult): string[][] {
  const a = h.appends;
  return [
    ['`serve` with the same corpus as history: spawn → /readyz 200, peak RSS then / at the end', `${h.readySeconds.toFixed(1)} s, ${mb(h.peakRssReady)} / ${mb(h.peakRssEnd)} MB`, '—', 'RSS < 300 MB', verdict(h.peakRssEnd < RSS_LIMIT)],
    [`… append → /metrics latency with that history, p50 / p99 / max (${a.samples} appends at 5/s)`, `${a.p50Ms.toFixed(0)} / ${a.p99Ms.toFixed(0)} / ${a.maxMs.toFixed(0)} ms${a.missed ? `, ${a.missed} never seen` : ''}`, '—', 'p99 < 1 s', verdict(a.p99Ms < 1000 && a.missed === 0)],
    [`… CPU in the ${h.afterActivitySeconds.toFixed(0)} s from 2 s after the last append (checkpoint, memory-reducing GC)`, `${h.afterActivityCpuPercent.toFixed(2)} % of a core`, '—', 'report only', '—'],
    [`… CPU while idle with that history (the next ${h.idleSeconds.toFixed(0)} s)`, `${h.idleCpuPercent.toFixed(2)} % of a core`, '—', '< 1 %', verdict(h.idleCpuPercent < 1)],
  ];
}

/** Returns the Markdown results section for one run. */
export function renderReport(r: BenchReport): string {
  const rows: string[][] = [];
  const { scan, tail, render } = r;
  if (scan) {
    const mbps = (s: number): number => scan.bytes / 1e6 / s;
    const ratio = mbps(scan.agentmon.seconds) / mbps(scan.baseline.seconds);
    const a = scanTokens(scan.agentmon.totals);
    const b = scanTokens(scan.baseline.totals);
    const exact = expectedTokens(scan.expected);
    rows.push(
      [`Cold scan throughput (${mb(scan.bytes)} MB, ${n(scan.files)} files; best of ${scan.agentmon.runs.length})`, `${mbps(scan.agentmon.seconds).toFixed(1)} MB/s (${scan.agentmon.seconds.toFixed(2)} s)`, `${mbps(scan.baseline.seconds).toFixed(1)} MB/s (${scan.baseline.seconds.toFixed(2)} s)`, 'agentmon/baseline ≥ 1', `${verdict(ratio >= 1)} (ratio ${ratio.toFixed(2)})`],
      [
        'Start-up alone: the same command over an empty folder (best of 5)',
        `${scan.startup.agentmon.toFixed(2)} s`,
        `${scan.startup.baseline.toFixed(2)} s`,
        'report only',
        '—',
      ],
      [
        'Cold scan throughput net of start-up (bytes / (wall − start-up))',
        `${(scan.bytes / 1e6 / Math.max(1e-3, scan.agentmon.seconds - scan.startup.agentmon)).toFixed(1)} MB/s`,
        `${(scan.bytes / 1e6 / Math.max(1e-3, scan.baseline.seconds - scan.startup.baseline)).toFixed(1)} MB/s`,
        'report only',
        '—',
      ],
      ['Peak RSS of the scan process', `${mb(scan.agentmon.peakRss)} MB`, `${mb(scan.baseline.peakRss)} MB`, '< 300 MB', verdict(scan.agentmon.peakRss < RSS_LIMIT)],
      ['Tokens counted (input + output + cache)', n(a), n(b), `≤ baseline; exact = ${n(exact)}`, `${verdict(a <= b && a === exact)}${a === exact ? ' (exact)' : ` (off by ${n(a - exact)})`}`],
      ['Requests counted', n(scan.agentmon.totals.requests), n(scan.baseline.totals.requests), `exact = ${n(scan.expected.requests)}`, verdict(scan.agentmon.totals.requests === scan.expected.requests)],
      ...(scan.serve ? historyRows(scan.serve) : []),
    );
  }
  if (tail) {
    rows.push(
      [`Append → /metrics latency, p50 / p99 / max (${tail.samples} appends to ${tail.files} files)`, `${tail.p50Ms.toFixed(0)} / ${tail.p99Ms.toFixed(0)} / ${tail.maxMs.toFixed(0)} ms${tail.missed ? `, ${tail.missed} never seen` : ''}`, '—', 'p99 < 1 s', verdict(tail.p99Ms < 1000 && tail.missed === 0)],
      ['First append right after /readyz turned 200: time until /metrics showed it', tail.firstAppendMs < 0 ? 'not within 30 s' : `${(tail.firstAppendMs / 1000).toFixed(2)} s`, '—', 'report only (start-up case)', tail.firstAppendMs >= 0 && tail.firstAppendMs < 1000 ? 'ok' : 'slow: see notes'],
      [`CPU while idle-tailing (${tail.idleSeconds.toFixed(0)} s, ${tail.files} files)`, `${tail.idleCpuPercent.toFixed(2)} % of a core`, '—', '< 1 %', verdict(tail.idleCpuPercent < 1)],
      ['Peak RSS of serve (tail run)', `${mb(tail.peakRss)} MB`, '—', '< 300 MB', verdict(tail.peakRss < RSS_LIMIT)],
    );
  }
  if (render) {
    rows.push([`GET /metrics at ${n(render.series)} series (${mb(render.bytes)} MB body), p50 / max of ${render.requests}`, `${render.p50Ms.toFixed(1)} / ${render.maxMs.toFixed(1)} ms`, '—', 'report only', '—']);
  }
  const table = [
    '| Measure | agentmon | naive baseline | Target | Result |',
    '|---|---|---|---|---|',
    ...rows.map((c) => `| ${c.join(' | ')} |`),
  ].join('\n');
  return [
    `Run ${r.date} on ${r.machine}; load average before ${r.loadBefore}, after ${r.loadAfter}.`,
    '',
    `Command: \`${r.command}\``,
    '',
    table,
    '',
  ].join('\n');
}

/** Replaces (or appends) the section for this label in the doc file. */
export function updateDoc(path: string, label: string, section: string): void {
  const start = `<!-- bench:${label}:start -->`;
  const end = `<!-- bench:${label}:end -->`;
  const block = `${start}\n${section}${end}`;
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n### Results: ${label}\n\n${block}\n`;
  writeFileSync(path, next);
}
