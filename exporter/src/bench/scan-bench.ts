// Part 1: cold `agentmon scan --json` against the naive baseline over the same corpus, as real processes,
// alternating A B A B and keeping each one's better time.
import { join } from 'node:path';
import type { ScanCorpus } from './corpus.js';
import { runMeasured, vmHwm } from './measure.js';
import { startServe } from './serve-process.js';
import { tokenSum, type TokenTotals } from './writer.js';

export interface ScanTotals {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  requests: number;
}

export interface ProcessFigures {
  /** Best wall time of the runs, seconds. */
  seconds: number;
  /** All wall times, seconds, in run order. */
  runs: number[];
  /** Highest peak RSS over the runs, bytes. */
  peakRss: number;
  totals: ScanTotals;
}

export interface ScanResult {
  bytes: number;
  files: number;
  agentmon: ProcessFigures;
  baseline: ProcessFigures;
  expected: TokenTotals;
  /** `agentmon serve` over the same corpus: seconds until /readyz (history read) and its peak RSS then. */
  serve?: { readySeconds: number; peakRss: number };
}

/** Total tokens of the four kinds in a scan-shaped totals object. */
export const scanTokens = (t: ScanTotals): number => t.inputTokens + t.outputTokens + t.cacheCreationTokens + t.cacheReadTokens;

/** Total tokens the generator wrote. */
export const expectedTokens = (t: TokenTotals): number => tokenSum(t);

async function once(cmd: string, args: string[], label: string): Promise<{ seconds: number; peakRss: number; totals: ScanTotals }> {
  const r = await runMeasured(cmd, args);
  if (r.code !== 0) throw new Error(`${label} exited with ${r.code}:\n${r.stderr.slice(-3000)}`);
  const parsed = JSON.parse(r.stdout) as { totals: ScanTotals };
  return { seconds: r.wallMs / 1000, peakRss: r.peakRss, totals: parsed.totals };
}

/** Runs agentmon scan and the baseline `rounds` times each, alternating. */
export async function benchScan(corpus: ScanCorpus, mainJs: string, baselineJs: string, rounds: number, log: (msg: string) => void): Promise<ScanResult> {
  const node = process.execPath;
  const agentmonArgs = [mainJs, 'scan', '--json', '--claude-dir', corpus.claudeDir, '--codex-dir', corpus.codexDir];
  const baselineArgs = [baselineJs, corpus.claudeDir, corpus.codexDir];
  const a: Awaited<ReturnType<typeof once>>[] = [];
  const b: Awaited<ReturnType<typeof once>>[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await once(node, agentmonArgs, 'agentmon scan'));
    log(`  scan round ${i + 1}: agentmon ${a[i]!.seconds.toFixed(2)} s, ${(a[i]!.peakRss / 1e6).toFixed(0)} MB peak RSS`);
    b.push(await once(node, baselineArgs, 'baseline'));
    log(`  scan round ${i + 1}: baseline ${b[i]!.seconds.toFixed(2)} s, ${(b[i]!.peakRss / 1e6).toFixed(0)} MB peak RSS`);
  }
  const figures = (runs: typeof a): ProcessFigures => ({
    seconds: Math.min(...runs.map((r) => r.seconds)),
    runs: runs.map((r) => r.seconds),
    peakRss: Math.max(...runs.map((r) => r.peakRss)),
    totals: runs[0]!.totals,
  });
  return { bytes: corpus.bytes, files: corpus.files, agentmon: figures(a), baseline: figures(b), expected: corpus.expected };
}

/** Starts serve over the corpus with a fresh state folder; returns the time to /readyz and the peak RSS at that point. */
export async function benchServeHistory(corpus: ScanCorpus, mainJs: string, workDir: string): Promise<{ readySeconds: number; peakRss: number }> {
  const serve = await startServe(mainJs, join(workDir, 'serve-history'), 'logLevel: warn\n', { claude: corpus.claudeDir, codex: corpus.codexDir });
  try {
    return { readySeconds: serve.readySeconds, peakRss: vmHwm(serve.pid) };
  } finally {
    await serve.stop();
  }
}
