// How many parse workers (parse-pool.ts) a cold read gets. Apart from the pool so that deciding loads no worker code.
//
// None unless asked: on the 2-core machine the benchmark runs on, the workers made a cold `scan` of the 100 MB mixed
// corpus slower, not faster (a worker's start-up and its own cold JIT cost more CPU than its share of the parsing
// saves; see docs/PERFORMANCE.md, Findings, issue 16). AGENTMON_SCAN_WORKERS=N turns them on for tuning and tests.

/** AGENTMON_SCAN_WORKERS as a count (0 = one thread, the default), or an error naming the variable. */
export function workersSetting(env: NodeJS.ProcessEnv): number {
  const raw = env.AGENTMON_SCAN_WORKERS;
  if (raw === undefined || raw === '') return 0;
  if (!/^\d{1,2}$/.test(raw) || Number(raw) > 16) throw new Error(`AGENTMON_SCAN_WORKERS must be a whole number from 0 to 16 (got ${JSON.stringify(raw.slice(0, 20))}); unset it to read on one thread`);
  return Number(raw);
}
