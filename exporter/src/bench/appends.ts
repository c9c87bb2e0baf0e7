// Measuring a running `agentmon serve` from outside: append assistant lines with a marker model to transcripts and
// time until /metrics counts them; CPU use while nothing happens.
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { TailFile } from './corpus.js';
import { cpuSeconds, httpGet, percentile, sleep } from './measure.js';
import type { Prng } from './prng.js';

/** Model name of the steady-state appends. */
export const MARKER_MODEL = 'bench-marker';
/** Model name of the single line appended right after /readyz (the start-up case, reported apart). */
export const PROBE_MODEL = 'bench-probe';

export interface AppendFigures {
  samples: number;
  /** Appends the counter never reflected within 15 s after the last one. */
  missed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Every latency in append order, ms. */
  latencies: number[];
}

/** Sums agentmon_requests_total over the series of one model in a text exposition. */
export function markerCount(body: string, model = MARKER_MODEL): number {
  let sum = 0;
  for (const line of body.split('\n')) {
    if (line.startsWith('agentmon_requests_total{') && line.includes(`model="${model}"`)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** One new assistant response for the given file, as a transcript line. */
function assistantLine(file: TailFile, model: string, i: number, rng: Prng): string {
  return JSON.stringify({
    parentUuid: null, isSidechain: false, userType: 'external', cwd: `/home/dev/code/${file.project}`, sessionId: file.sessionId, version: '2.1.39',
    type: 'assistant', requestId: `req_bench_${i}_${rng.base62(8)}`, uuid: rng.uuid(), timestamp: new Date().toISOString(),
    message: { model, id: `msg_bench_${i}_${rng.base62(12)}`, type: 'message', role: 'assistant', content: [{ type: 'text', text: 'benchmark marker' }],
      usage: { input_tokens: 3, output_tokens: 42, cache_read_input_tokens: 1000, cache_creation_input_tokens: 100 } },
  });
}

/** Appends one probe line now and returns how long until /metrics showed it (ms), or -1 after 30 s. */
export async function firstAppend(base: string, file: TailFile, rng: Prng): Promise<number> {
  appendFileSync(file.path, assistantLine(file, PROBE_MODEL, -1, rng) + '\n');
  const t0 = performance.now();
  while (performance.now() - t0 < 30_000) {
    const res = await httpGet(`${base}/metrics`);
    if (markerCount(res.body, PROBE_MODEL) > 0) return performance.now() - t0;
    await sleep(5);
  }
  return -1;
}

/**
 * Appends `samples` marker lines to random files at `rate` per second while a poller reads /metrics about every 5 ms
 * and stamps each append once the marker's counter has caught up with it. Counts are cumulative per process, so
 * call it once per serve process.
 */
export async function measureAppends(base: string, files: TailFile[], samples: number, rate: number, rng: Prng): Promise<AppendFigures> {
  const appendedAt: number[] = [];
  const latencies: number[] = [];
  let appending = true;
  let lastAppend = performance.now();
  const poller = (async () => {
    while (latencies.length < samples && (appending || performance.now() < lastAppend + 15_000)) {
      const res = await httpGet(`${base}/metrics`);
      const now = performance.now();
      const count = Math.min(markerCount(res.body), appendedAt.length);
      while (latencies.length < count) latencies.push(now - appendedAt[latencies.length]!);
      await sleep(5);
    }
  })();
  const start = performance.now();
  for (let i = 0; i < samples; i++) {
    // Steady rate: wait for the i-th slot, not a fixed pause after each append.
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const file = rng.pick(files);
    appendFileSync(file.path, assistantLine(file, MARKER_MODEL, i, rng) + '\n');
    lastAppend = performance.now();
    appendedAt.push(lastAppend);
  }
  appending = false;
  await poller;
  return {
    samples,
    missed: samples - latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.length ? Math.max(...latencies) : NaN,
    latencies: latencies.map((v) => Math.round(v)),
  };
}

/** Waits `settleSeconds` for stragglers, then returns the process's CPU use over `seconds` as % of one core. */
export async function measureIdleCpu(pid: number, seconds: number, settleSeconds = 2): Promise<{ seconds: number; cpuPercent: number }> {
  await sleep(settleSeconds * 1000);
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const cpu1 = cpuSeconds(pid);
  const wall = (performance.now() - t0) / 1000;
  return { seconds: wall, cpuPercent: ((cpu1 - cpu0) / wall) * 100 };
}
