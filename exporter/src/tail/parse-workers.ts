// How many parse workers (parse-pool.ts) a cold read gets. Apart from the pool so that deciding loads no worker code.

/** Below this many bytes of history a cold read stays on one thread: starting workers costs more than it saves. */
export const PARALLEL_MIN_BYTES = 32_000_000;
const MAX_WORKERS = 3;

/**
 * How many parse workers a cold read of `bytes` gets: `setting` when given (AGENTMON_SCAN_WORKERS, for tests and
 * tuning: 0 = one thread, N = N workers whatever the size), else, once the history is large enough, one per core
 * but one, up to three: the main thread parses too (it reads any file no worker has started when it gets there).
 */
export function parseWorkerCount(setting: number | undefined, bytes: number, cores: number): number {
  if (setting !== undefined) return setting;
  if (cores < 2 || bytes < PARALLEL_MIN_BYTES) return 0;
  return Math.min(cores - 1, MAX_WORKERS);
}

/** AGENTMON_SCAN_WORKERS as a count, or undefined when unset; an invalid value is an error naming the variable. */
export function workersSetting(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.AGENTMON_SCAN_WORKERS;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,2}$/.test(raw) || Number(raw) > 16) throw new Error(`AGENTMON_SCAN_WORKERS must be a whole number from 0 to 16 (got ${JSON.stringify(raw.slice(0, 20))}); unset it to choose by the history's size`);
  return Number(raw);
}
