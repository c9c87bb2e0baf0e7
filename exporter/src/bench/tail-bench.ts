// Parts 2 and 3: append-to-/metrics latency while `agentmon serve` tails many small files, then its CPU use while
// idle. A line appended the moment /readyz turns 200 is timed first, on its own (the start-up case).
import { join } from 'node:path';
import { type AppendFigures, firstAppend, measureAppends, measureIdleCpu } from './appends.js';
import { generateTailCorpus } from './corpus.js';
import { vmHwm } from './measure.js';
import { Prng } from './prng.js';
import { startServe } from './serve-process.js';

export interface TailOptions {
  files: number;
  samples: number;
  /** Appends per second. */
  rate: number;
  idleSeconds: number;
}

export interface TailResult extends AppendFigures {
  files: number;
  readySeconds: number;
  /** A line appended right when /readyz turned 200: ms until /metrics showed it (-1: not within 30 s). */
  firstAppendMs: number;
  idleSeconds: number;
  /** CPU time over the idle window as % of one core. */
  idleCpuPercent: number;
  peakRss: number;
}

/** Runs the tail benchmark in workDir. */
export async function benchTail(mainJs: string, workDir: string, opts: TailOptions, seed: number, log: (msg: string) => void): Promise<TailResult> {
  const corpus = generateTailCorpus(join(workDir, 'logs'), opts.files, seed);
  const serve = await startServe(mainJs, join(workDir, 'run'), 'logLevel: warn\n', { claude: corpus.claudeDir, codex: corpus.codexDir });
  log(`  serve ready after ${serve.readySeconds.toFixed(1)} s over ${opts.files} files (pid ${serve.pid})`);
  try {
    const rng = new Prng(seed ^ 0x5eed);
    const firstAppendMs = await firstAppend(serve.base, rng.pick(corpus.appendable), rng);
    log(`  first append after /readyz seen after ${firstAppendMs.toFixed(0)} ms`);
    const appends = await measureAppends(serve.base, corpus.appendable, opts.samples, opts.rate, rng);
    const idle = await measureIdleCpu(serve.pid, opts.idleSeconds);
    return { ...appends, files: opts.files, readySeconds: serve.readySeconds, firstAppendMs, idleSeconds: idle.seconds, idleCpuPercent: idle.cpuPercent, peakRss: vmHwm(serve.pid) };
  } catch (err) {
    log(serve.stderrTail());
    throw err;
  } finally {
    await serve.stop();
  }
}
