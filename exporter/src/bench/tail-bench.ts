// Parts 2 and 3: append-to-/metrics latency while `agentmon serve` tails many files, then its CPU use while idle.
// Each appended line is a new assistant response with a marker model; the poller reads the marker's
// agentmon_requests_total from /metrics and stamps every append the counter has caught up with.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateTailCorpus, type TailFile } from './corpus.js';
import { cpuSeconds, httpGet, percentile, sleep, vmHwm } from './measure.js';
import { Prng } from './prng.js';
import { startServe } from './serve-process.js';

export const MARKER_MODEL = 'bench-marker';
/** Model name of the single line appended right after /readyz (the start-up case, reported apart). */
const PROBE_MODEL = 'bench-probe';

export interface TailOptions {
  files: number;
  samples: number;
  /** Appends per second. */
  rate: number;
  idleSeconds: number;
}

export interface TailResult {
  files: number;
  readySeconds: number;
  /** A line appended right when /readyz turned 200: ms until /metrics showed it (-1: not within 30 s). */
  firstAppendMs: number;
  samples: number;
  /** Appends the counter never reflected within the wait. */
  missed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  polls: number;
  idleSeconds: number;
  /** CPU time over the idle window as % of one core. */
  idleCpuPercent: number;
  peakRss: number;
  /** Every latency in append order, ms (for the raw results file). */
  latencies: number[];
}

const markerCount = (body: string, model = MARKER_MODEL): number => {
  let sum = 0;
  for (const line of body.split('\n')) {
    if (line.startsWith('agentmon_requests_total{') && line.includes(`model="${model}"`)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
};

/** One new assistant response for the given file, as a transcript line. */
function assistantLine(file: TailFile, model: string, i: number, rng: Prng): string {
  return JSON.stringify({
    parentUuid: null, isSidechain: false, userType: 'external', cwd: `/home/dev/code/${file.project}`, sessionId: file.sessionId, version: '2.1.39',
    type: 'assistant', requestId: `req_bench_${i}_${rng.base62(8)}`, uuid: rng.uuid(), timestamp: new Date().toISOString(),
    message: { model, id: `msg_bench_${i}_${rng.base62(12)}`, type: 'message', role: 'assistant', content: [{ type: 'text', text: 'benchmark marker' }],
      usage: { input_tokens: 3, output_tokens: 42, cache_read_input_tokens: 1000, cache_creation_input_tokens: 100 } },
  });
}

/** Appends one line right after /readyz and returns how long until /metrics showed it (ms), or -1 after 30 s. */
async function firstAppend(base: string, file: TailFile, rng: Prng): Promise<number> {
  appendFileSync(file.path, assistantLine(file, PROBE_MODEL, -1, rng) + '\n');
  const t0 = performance.now();
  while (performance.now() - t0 < 30_000) {
    const res = await httpGet(`${base}/metrics`);
    if (markerCount(res.body, PROBE_MODEL) > 0) return performance.now() - t0;
    await sleep(5);
  }
  return -1;
}

/** Runs the tail benchmark in workDir. */
export async function benchTail(mainJs: string, workDir: string, opts: TailOptions, seed: number, log: (msg: string) => void): Promise<TailResult> {
  const corpus = generateTailCorpus(join(workDir, 'logs'), opts.files, seed);
  const serve = await startServe(mainJs, join(workDir, 'run'), 'logLevel: warn\n', { claude: corpus.claudeDir, codex: corpus.codexDir });
  log(`  serve ready after ${serve.readySeconds.toFixed(1)} s over ${opts.files} files (pid ${serve.pid})`);
  try {
    const rng = new Prng(seed ^ 0x5eed);
    // The start-up case first: a line written the moment /readyz says ready. Steady-state samples follow.
    const firstAppendMs = await firstAppend(serve.base, rng.pick(corpus.appendable), rng);
    log(`  first append after /readyz seen after ${firstAppendMs.toFixed(0)} ms`);
    const appendedAt: number[] = [];
    const latencies: number[] = [];
    let observed = 0;
    let polls = 0;
    let appending = true;
    let lastAppend = performance.now();

    const poller = (async () => {
      const deadline = (): number => (appending ? Infinity : lastAppend + 15_000);
      while (observed < opts.samples && performance.now() < deadline()) {
        const res = await httpGet(`${serve.base}/metrics`);
        const now = performance.now();
        polls += 1;
        const count = Math.min(markerCount(res.body), appendedAt.length);
        for (; observed < count; observed++) latencies.push(now - appendedAt[observed]!);
        await sleep(5);
      }
    })();

    const start = performance.now();
    for (let i = 0; i < opts.samples; i++) {
      // Steady rate: wait for the i-th slot, not a fixed pause after each append.
      const due = start + (i * 1000) / opts.rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const file = rng.pick(corpus.appendable);
      appendFileSync(file.path, assistantLine(file, MARKER_MODEL, i, rng) + '\n');
      appendedAt.push(performance.now());
      lastAppend = appendedAt[i]!;
    }
    appending = false;
    await poller;

    // Idle: nothing appended, nothing polled; the process only runs its timers (rescan, checkpoint).
    await sleep(2_000);
    const cpu0 = cpuSeconds(serve.pid);
    const t0 = performance.now();
    await sleep(opts.idleSeconds * 1000);
    const cpu1 = cpuSeconds(serve.pid);
    const idleWall = (performance.now() - t0) / 1000;
    return {
      files: opts.files,
      readySeconds: serve.readySeconds,
      firstAppendMs,
      samples: opts.samples,
      missed: opts.samples - latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
      polls,
      idleSeconds: idleWall,
      idleCpuPercent: ((cpu1 - cpu0) / idleWall) * 100,
      peakRss: vmHwm(serve.pid),
      latencies: latencies.map((v) => Math.round(v)),
    };
  } catch (err) {
    log(serve.stderrTail());
    throw err;
  } finally {
    await serve.stop();
  }
}
