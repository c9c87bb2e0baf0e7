// Fills the activity store's past for an exporter that read its history before reports existed: the logs still on
// disk are read once more by a separate engine (usage numbers are untouched), and the hours before the store began
// are added to it. Logs deleted since (Claude Code keeps 30 days) cannot come back; the report notes say so.
import type { Config } from '../../config/schema.js';
import { Engine } from '../../engine.js';
import { silentLogger } from '../../util/log.js';
import { activityListener } from './feed.js';
import { ActivityStore } from './store.js';

/** Returns how many hours of rows were added; `stopped` is checked before anything is changed. */
export async function backfillActivity(store: ActivityStore, config: Config, env: NodeJS.ProcessEnv, stopped: () => boolean): Promise<{ hoursBefore: string; rows: number }> {
  const shadow = new Engine(config, silentLogger, undefined, env);
  const past = new ActivityStore(0);
  shadow.listeners.push(activityListener(shadow.ledger, past));
  try {
    await shadow.scanAll();
  } finally {
    await shadow.tracker.closeAll();
  }
  // The live store saw everything from its start on; the hour it started in is left to it (counted from then).
  const beforeSec = Math.floor(store.coverageStartMs / 3_600_000) * 3600;
  if (stopped() || store.coverageStartMs === 0) return { hoursBefore: '', rows: 0 };
  const before = store.tools.size + store.activity.size;
  store.addHoursBefore(past, beforeSec);
  store.coverageStartMs = 0;
  store.version++;
  return { hoursBefore: new Date(beforeSec * 1000).toISOString(), rows: store.tools.size + store.activity.size - before };
}
