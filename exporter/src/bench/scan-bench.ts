// Part 1: cold `agentmon scan --json` against the naive baseline over the same corpus, as real processes,
// alternating A B A B and keeping each one's better time.
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppendFigures, measureAppends, measureIdleCpu } from './appends.js';
import { appendableFiles, type CorpusShape, type ScanCorpus } from './corpus.js';
import { type RunResult, runMeasured, vmHwm } from './measure.js';
import { ccusageTotals, clearTokscaleCache, type PeerTotals, peerHome, type Peers, tokscaleTotals } from './peers.js';
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
  /** Best user + system CPU seconds of the runs (all threads). */
  cpuSeconds: number;
  /** Highest peak RSS over the runs, bytes. */
  peakRss: number;
  totals: ScanTotals;
}

/** A peer tool's figures: times like ProcessFigures, and its totals in tokens and requests. */
export interface PeerFigures {
  seconds: number;
  runs: number[];
  cpuSeconds: number;
  peakRss: number;
  tokens: number;
  requests: number;
}

export interface ScanResult {
  bytes: number;
  files: number;
  shape: CorpusShape;
  agentmon: ProcessFigures;
  baseline: ProcessFigures;
  expected: TokenTotals;
  claudeExpected: TokenTotals;
  /** Best wall time of each command over an empty folder: the process start-up alone, seconds. */
  startup: { agentmon: number; baseline: number };
  /** tokscale 4.17 (cold: its message cache cleared before each run), alternating with the others. */
  tokscale?: PeerFigures;
  /** ccusage 18 (Claude Code only), one run after the others: report only. */
  ccusage?: PeerFigures;
  /** `cat` of the same files: reading them and nothing else. */
  cat?: { seconds: number; runs: number[] };
  /** Peers that could not be measured, and why. */
  peersMissing: string[];
  /** `agentmon serve` over the same corpus: the history read, then appends and idle CPU with that history. */
  serve?: HistoryServeResult;
}

/** Total tokens of the four kinds in a scan-shaped totals object. */
export const scanTokens = (t: ScanTotals): number => t.inputTokens + t.outputTokens + t.cacheCreationTokens + t.cacheReadTokens;

/** Total tokens the generator wrote. */
export const expectedTokens = (t: TokenTotals): number => tokenSum(t);

async function once(cmd: string, args: string[], label: string, env?: NodeJS.ProcessEnv): Promise<RunResult> {
  const r = await runMeasured(cmd, args, env);
  if (r.code !== 0) throw new Error(`${label} exited with ${r.code}:\n${r.stderr.slice(-3000)}`);
  return r;
}

const scanTotals = (r: RunResult): ScanTotals => (JSON.parse(r.stdout) as { totals: ScanTotals }).totals;

function peerFigures(runs: RunResult[], totals: (stdout: string) => PeerTotals): PeerFigures {
  const t = totals(runs[0]!.stdout);
  return {
    seconds: Math.min(...runs.map((r) => r.wallMs / 1000)), runs: runs.map((r) => r.wallMs / 1000), cpuSeconds: Math.min(...runs.map((r) => r.cpuSeconds)),
    peakRss: Math.max(...runs.map((r) => r.peakRss)), tokens: t.tokens, requests: t.requests,
  };
}

/**
 * Runs agentmon scan, the baseline, tokscale and `cat` `rounds` times each, alternating (A B C D A B C D), then
 * ccusage once; `work` holds the peers' HOME.
 */
export async function benchScan(corpus: ScanCorpus, mainJs: string, baselineJs: string, rounds: number, log: (msg: string) => void, peers: Peers, work: string): Promise<ScanResult> {
  const node = process.execPath;
  const agentmonArgs = [mainJs, 'scan', '--json', '--claude-dir', corpus.claudeDir, '--codex-dir', corpus.codexDir];
  const baselineArgs = [baselineJs, corpus.claudeDir, corpus.codexDir];
  const catArgs = ['-c', 'find "$0" "$1" -name "*.jsonl" -exec cat {} + > /dev/null', corpus.claudeDir, corpus.codexDir];
  const home = peers.tokscale || peers.ccusage ? peerHome(work, corpus) : '';
  const a: RunResult[] = [];
  const b: RunResult[] = [];
  const t: RunResult[] = [];
  const c: RunResult[] = [];
  const fmt = (r: RunResult): string => `${(r.wallMs / 1000).toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} s), ${(r.peakRss / 1e6).toFixed(0)} MB peak RSS`;
  for (let i = 0; i < rounds; i++) {
    a.push(await once(node, agentmonArgs, 'agentmon scan'));
    log(`  scan round ${i + 1}: agentmon ${fmt(a[i]!)}`);
    b.push(await once(node, baselineArgs, 'baseline'));
    log(`  scan round ${i + 1}: baseline ${fmt(b[i]!)}`);
    if (peers.tokscale) {
      clearTokscaleCache(home);
      t.push(await once(peers.tokscale, ['monthly', '--json'], 'tokscale', { HOME: home }));
      log(`  scan round ${i + 1}: tokscale ${fmt(t[i]!)}`);
    }
    c.push(await once('sh', catArgs, 'cat'));
    log(`  scan round ${i + 1}: cat ${(c[i]!.wallMs / 1000).toFixed(2)} s`);
  }
  let ccusage: PeerFigures | undefined;
  if (peers.ccusage) {
    const r = await once(node, [peers.ccusage, 'daily', '--json', '--offline'], 'ccusage', { HOME: home });
    ccusage = peerFigures([r], ccusageTotals);
    log(`  ccusage (once): ${fmt(r)}`);
  }
  const figures = (runs: RunResult[]): ProcessFigures => ({
    seconds: Math.min(...runs.map((r) => r.wallMs / 1000)),
    runs: runs.map((r) => r.wallMs / 1000),
    cpuSeconds: Math.min(...runs.map((r) => r.cpuSeconds)),
    peakRss: Math.max(...runs.map((r) => r.peakRss)),
    totals: scanTotals(runs[0]!),
  });
  // The same commands over an empty folder, alternating, best of 5: what each pays before reading a byte.
  const empty = mkdtempSync(join(tmpdir(), 'agentmon-bench-empty-'));
  const startup = { agentmon: Infinity, baseline: Infinity };
  try {
    for (let i = 0; i < 5; i++) {
      startup.agentmon = Math.min(startup.agentmon, (await once(node, [mainJs, 'scan', '--json', '--claude-dir', empty, '--codex-dir', empty], 'agentmon scan (empty)')).wallMs / 1000);
      startup.baseline = Math.min(startup.baseline, (await once(node, [baselineJs, empty], 'baseline (empty)')).wallMs / 1000);
    }
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  log(`  start-up (empty folder, best of 5): agentmon ${startup.agentmon.toFixed(3)} s, baseline ${startup.baseline.toFixed(3)} s`);
  return {
    bytes: corpus.bytes, files: corpus.files, shape: corpus.shape, agentmon: figures(a), baseline: figures(b), expected: corpus.expected, claudeExpected: corpus.claudeExpected, startup,
    ...(t.length ? { tokscale: peerFigures(t, tokscaleTotals) } : {}),
    ...(ccusage ? { ccusage } : {}),
    cat: { seconds: Math.min(...c.map((r) => r.wallMs / 1000)), runs: c.map((r) => r.wallMs / 1000) },
    peersMissing: peers.missing,
  };
}

export interface HistoryServeResult {
  /** Seconds from spawn until /readyz answered 200 (the history was read). */
  readySeconds: number;
  /** Peak RSS when ready, and at the end (after the appends and the idle window), bytes. */
  peakRssReady: number;
  peakRssEnd: number;
  /** The rest only when the appends and idle windows were measured (not for the long-line corpus). */
  appends?: AppendFigures;
  /** CPU over the window that starts 2 s after the last append (% of one core). */
  afterActivitySeconds?: number;
  afterActivityCpuPercent?: number;
  /** CPU over the window right after that one: idle with the history, the activity's aftermath over. */
  idleSeconds?: number;
  idleCpuPercent?: number;
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
export async function benchServeHistory(corpus: ScanCorpus, mainJs: string, workDir: string, samples: number, windowSeconds: number, seed: number, readOnly = false): Promise<HistoryServeResult> {
  const serve = await startServe(mainJs, join(workDir, 'serve-history'), 'logLevel: warn\n', { claude: corpus.claudeDir, codex: corpus.codexDir });
  if (readOnly) {
    // Only the history read: time to /readyz and memory.
    try {
      const peakRssReady = vmHwm(serve.pid);
      return { readySeconds: serve.readySeconds, peakRssReady, peakRssEnd: peakRssReady };
    } finally {
      await serve.stop();
    }
  }
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
