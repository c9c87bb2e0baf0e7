// Reading every log once, for the one-shot commands (scan, backfill, report): config from flags, an Engine,
// progress on stderr when it is a terminal.
import { loadConfig, type ConfigOverrides } from '../config/load.js';
import { Engine } from '../engine.js';
import { createLogger } from '../util/log.js';

/** The ledger's warning about a model without a price. */
const UNPRICED_WARNING = /^model has no price/;

/**
 * Builds an Engine for the given overrides, lets `prepare` hook into it, and reads all logs to their end.
 * `usageOnly`: parse only the lines that can change usage (for `scan`; see Engine). `markUnpriced`: the command marks
 * unpriced models beside the costs it prints, for the range it prints, so the reader's warning (which speaks of
 * every log read, whatever the range) is left out.
 */
export async function readAllLogs(overrides: ConfigOverrides, prepare?: (engine: Engine) => void, opts: { usageOnly?: boolean; markUnpriced?: boolean } = {}): Promise<Engine> {
  const config = await loadConfig(overrides);
  const base = createLogger('warn', process.stderr, 'text');
  const log = opts.markUnpriced ? { ...base, warn: (msg: string, fields?: Record<string, unknown>) => void (UNPRICED_WARNING.test(msg) || base.warn(msg, fields)) } : base;
  const engine = new Engine(config, log, undefined, process.env, { syncReads: true, usageOnly: opts.usageOnly === true });
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
