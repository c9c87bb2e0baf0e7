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
  /** One cold-scan result per corpus shape (mixed, long-lines). */
  scans?: ScanResult[];
  tail?: TailResult;
  render?: RenderResult;
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0);
const n = (v: number): string => v.toLocaleString('en-US');
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
const RSS_LIMIT = 300e6;

/** Rows for serve run over the scan corpus as its history. */
function historyRows(h: HistoryServeResult): string[][] {
  const rows = [['`serve` with the same corpus as history: spawn → /readyz 200, peak RSS then / at the end', `${h.readySeconds.toFixed(1)} s, ${mb(h.peakRssReady)} / ${mb(h.peakRssEnd)} MB`, '—', 'RSS < 300 MB', verdict(h.peakRssEnd < RSS_LIMIT)]];
  const a = h.appends;
  if (!a) return rows;
  return [
    ...rows,
    [`… append → /metrics latency with that history, p50 / p99 / max (${a.samples} appends at 5/s)`, `${a.p50Ms.toFixed(0)} / ${a.p99Ms.toFixed(0)} / ${a.maxMs.toFixed(0)} ms${a.missed ? `, ${a.missed} never seen` : ''}`, '—', 'p99 < 1 s', verdict(a.p99Ms < 1000 && a.missed === 0)],
    [`… CPU in the ${(h.afterActivitySeconds ?? 0).toFixed(0)} s from 2 s after the last append (checkpoint, memory-reducing GC)`, `${(h.afterActivityCpuPercent ?? 0).toFixed(2)} % of a core`, '—', 'report only', '—'],
    [`… CPU while idle with that history (the next ${(h.idleSeconds ?? 0).toFixed(0)} s)`, `${(h.idleCpuPercent ?? 0).toFixed(2)} % of a core`, '—', '< 1 %', verdict((h.idleCpuPercent ?? 100) < 1)],
  ];
}

const secs = (s: number): string => `${s.toFixed(2)} s`;
const peerTokens = (tokens: number, exact: number): string => (tokens === exact ? `${n(tokens)} (exact)` : `${n(tokens)} (off by ${n(tokens - exact)}, ${((100 * (tokens - exact)) / exact).toFixed(1)} %)`);

/** Rows of one cold-scan result: agentmon against the naive loop, tokscale, `cat` and ccusage. */
function scanRows(scan: ScanResult): string[][] {
  const mbps = (s: number): number => scan.bytes / 1e6 / s;
  const vsBaseline = scan.agentmon.seconds / scan.baseline.seconds;
  const a = scanTokens(scan.agentmon.totals);
  const b = scanTokens(scan.baseline.totals);
  const exact = expectedTokens(scan.expected);
  const rows: string[][] = [
    [`Cold scan (${mb(scan.bytes)} MB, ${n(scan.files)} files; best of ${scan.agentmon.runs.length}): wall time, throughput`, `${secs(scan.agentmon.seconds)}, ${mbps(scan.agentmon.seconds).toFixed(1)} MB/s`, `${secs(scan.baseline.seconds)}, ${mbps(scan.baseline.seconds).toFixed(1)} MB/s`, 'agentmon ≤ 0.6 × baseline', `${verdict(vsBaseline <= 0.6)} (${vsBaseline.toFixed(2)} ×)`],
    ['… CPU time, user + system (best run)', secs(scan.agentmon.cpuSeconds), secs(scan.baseline.cpuSeconds), 'report only', `${(scan.agentmon.cpuSeconds / scan.baseline.cpuSeconds).toFixed(2)} ×`],
  ];
  const t = scan.tokscale;
  if (t) {
    const vsTokscale = scan.agentmon.seconds / t.seconds;
    rows.push(
      [`… against tokscale 4.17 \`monthly --json\` (cold: its cache cleared), wall time / CPU time / peak RSS`, `${secs(scan.agentmon.seconds)} / ${secs(scan.agentmon.cpuSeconds)} / ${mb(scan.agentmon.peakRss)} MB`, `tokscale: ${secs(t.seconds)} / ${secs(t.cpuSeconds)} / ${mb(t.peakRss)} MB`, 'agentmon ≤ tokscale (wall)', `${verdict(vsTokscale <= 1)} (${vsTokscale.toFixed(2)} ×)`],
      ['… tokscale\'s tokens (output with reasoning) and requests', '—', `${peerTokens(t.tokens, exact)}; ${n(t.requests)} requests`, 'report only', t.tokens === exact && t.requests === scan.expected.requests ? 'exact' : 'not exact'],
    );
  }
  if (scan.cat) rows.push(['… against `cat` of the same files (reading them and nothing else)', secs(scan.agentmon.seconds), `cat: ${secs(scan.cat.seconds)}`, 'report only', `${(scan.agentmon.seconds / scan.cat.seconds).toFixed(1)} ×`]);
  const c = scan.ccusage;
  if (c) {
    const claudeExact = expectedTokens(scan.claudeExpected);
    rows.push(['… ccusage 18 `daily --json --offline` (Claude Code only; one run), wall / CPU / peak RSS, tokens', '—', `ccusage: ${secs(c.seconds)} / ${secs(c.cpuSeconds)} / ${mb(c.peakRss)} MB; ${peerTokens(c.tokens, claudeExact)}`, 'report only', `${(scan.agentmon.seconds / c.seconds).toFixed(2)} × (agentmon reads Codex too)`]);
  }
  for (const m of scan.peersMissing) rows.push([`… ${m}`, '—', '—', '—', '—']);
  rows.push(
    [
      'Start-up alone: the same command over an empty folder (best of 5)',
      secs(scan.startup.agentmon),
      secs(scan.startup.baseline),
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
  return rows;
}

const tableOf = (rows: string[][]): string =>
  ['| Measure | agentmon | naive baseline | Target | Result |', '|---|---|---|---|---|', ...rows.map((c) => `| ${c.join(' | ')} |`)].join('\n');

/** Returns the Markdown results section for one run. */
export function renderReport(r: BenchReport): string {
  const rows: string[][] = [];
  const { tail, render } = r;
  const scans = r.scans ?? [];
  const mixed = scans.find((s) => s.shape === 'mixed');
  if (mixed) rows.push(...scanRows(mixed));
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
  const sections = [
    `Run ${r.date} on ${r.machine}; load average before ${r.loadBefore}, after ${r.loadAfter}.`,
    '',
    `Command: \`${r.command}\``,
    '',
  ];
  if (rows.length) sections.push(mixed ? 'Mixed corpus (the shapes of the shared samples):' : '', '', tableOf(rows), '');
  for (const other of scans.filter((s) => s.shape !== 'mixed')) {
    sections.push(`${other.shape === 'long-lines' ? 'Long-line corpus (most bytes in 1–3 MB lines)' : other.shape}:`, '', tableOf(scanRows(other)), '');
  }
  return sections.join('\n');
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
