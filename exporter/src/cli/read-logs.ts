// Reading every log once, for the one-shot commands (scan, backfill, report): config from flags, an Engine,
// progress on stderr when it is a terminal.
import { loadConfig, type ConfigOverrides } from '../config/load.js';
import { Engine } from '../engine.js';
import { createLogger } from '../util/log.js';

/** Builds an Engine for the given overrides, lets `prepare` hook into it, and reads all logs to their end. */
/** `usageOnly`: parse only the lines that can change usage (for `scan`; see Engine). */
export async function readAllLogs(overrides: ConfigOverrides, prepare?: (engine: Engine) => void, opts: { usageOnly?: boolean } = {}): Promise<Engine> {
  const config = await loadConfig(overrides);
  const engine = new Engine(config, createLogger('warn', process.stderr, 'text'), undefined, process.env, { syncReads: true, usageOnly: opts.usageOnly === true });
  prepare?.(engine);
  const showProgress = process.stderr.isTTY === true;
  const started = Date.now();
  let shown = false;
  await engine.scanAll(
    showProgress
      ? (p) => {
          if (Date.now() - started < 1000) return;
          shown = true;
          process.stderr.write(`\rreading logs: ${p.filesDone}/${p.filesTotal} files, ${(p.bytes / 1e6).toFixed(0)} MB`);
        }
      : undefined,
  );
  if (shown) process.stderr.write('\n');
  await engine.tracker.closeAll();
  return engine;
}
