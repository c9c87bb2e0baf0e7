// Part 1: cold `agentmon scan --json` against the naive baseline over the same corpus, as real processes,
// alternating A B A B and keeping each one's better time.
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppendFigures, measureAppends, measureIdleCpu } from './appends.js';
import { appendableFiles, type ScanCorpus } from './corpus.js';
import { runMeasured, vmHwm } from './measure.js';
import { Prng } from './prng.js';
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
  /** Best wall time of each command over an empty folder: the process start-up alone, seconds. */
  startup: { agentmon: number; baseline: number };
  /** `agentmon serve` over the same corpus: the history read, then appends and idle CPU with that history. */
  serve?: HistoryServeResult;
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
  // The same commands over an empty folder, alternating, best of 5: what each pays before reading a byte.
  const empty = mkdtempSync(join(tmpdir(), 'agentmon-bench-empty-'));
  const startup = { agentmon: Infinity, baseline: Infinity };
  try {
    for (let i = 0; i < 5; i++) {
      startup.agentmon = Math.min(startup.agentmon, (await once(node, [mainJs, 'scan', '--json', '--claude-dir', empty, '--codex-dir', empty], 'agentmon scan (empty)')).seconds);
      startup.baseline = Math.min(startup.baseline, (await once(node, [baselineJs, empty], 'baseline (empty)')).seconds);
    }
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  log(`  start-up (empty folder, best of 5): agentmon ${startup.agentmon.toFixed(3)} s, baseline ${startup.baseline.toFixed(3)} s`);
  return { bytes: corpus.bytes, files: corpus.files, agentmon: figures(a), baseline: figures(b), expected: corpus.expected, startup };
}

export interface HistoryServeResult {
  /** Seconds from spawn until /readyz answered 200 (the history was read). */
  readySeconds: number;
  /** Peak RSS when ready, and at the end (after the appends and the idle window), bytes. */
  peakRssReady: number;
  peakRssEnd: number;
  appends: AppendFigures;
  /** CPU over the window that starts 2 s after the last append (% of one core). */
  afterActivitySeconds: number;
  afterActivityCpuPercent: number;
  /** CPU over the window right after that one: idle with the history, the activity's aftermath over. */
  idleSeconds: number;
  idleCpuPercent: number;
}

/**
 * Starts serve over the corpus with a fresh state folder: time to /readyz and peak RSS, then `samples` appends at
 * 5 per second and an idle window — the same checks as the tail part, but with the corpus as history.
 *
 * CPU is measured in two windows of `windowSeconds` one after the other. The first, from 2 s after the last append,
 * holds the activity's aftermath: the checkpoint the appends caused and V8's memory-reducing collections once
 * allocation stops (with 3 GB of history ~0.5 s of CPU in all). The second is idle proper: timers and the backstop
 * rescans (at 3 GB ~0.3–0.4 s of CPU each, at least 400× their duration apart).
 */
export async function benchServeHistory(corpus: ScanCorpus, mainJs: string, workDir: string, samples: number, windowSeconds: number, seed: number): Promise<HistoryServeResult> {
  const serve = await startServe(mainJs, join(workDir, 'serve-history'), 'logLevel: warn\n', { claude: corpus.claudeDir, codex: corpus.codexDir });
  // The appends go into corpus files: remember their sizes and cut them back afterwards, so a kept corpus (--out)
  // still holds exactly what the generator counted when the next run reuses it.
  const files = appendableFiles(corpus.claudeDir);
  const sizes = new Map(files.map((f) => [f.path, statSync(f.path).size]));
  try {
    const peakRssReady = vmHwm(serve.pid);
    const appends = await measureAppends(serve.base, files, samples, 5, new Prng(seed ^ 0x4157));
    const after = await measureIdleCpu(serve.pid, windowSeconds, 2);
    const idle = await measureIdleCpu(serve.pid, windowSeconds, 0);
    return {
      readySeconds: serve.readySeconds, peakRssReady, peakRssEnd: vmHwm(serve.pid), appends,
      afterActivitySeconds: after.seconds, afterActivityCpuPercent: after.cpuPercent, idleSeconds: idle.seconds, idleCpuPercent: idle.cpuPercent,
    };
  } catch (err) {
    throw new Error(`${String(err)}\n${serve.stderrTail()}`);
  } finally {
    await serve.stop();
    for (const [path, size] of sizes) if (statSync(path).size !== size) truncateSync(path, size);
  }
}
