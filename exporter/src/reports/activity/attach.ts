// Connects the activity store to an engine (every event goes to it) and saves / restores it as JSON in the state
// folder, written atomically like the checkpoint.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../../engine.js';
import { activityListener } from './feed.js';
import { ActivityStore, type ActivitySnapshot } from './store.js';

const attached = new WeakMap<object, ActivityStore>();

/** Returns the file the activity store is saved to. */
export const activityPath = (stateDir: string): string => join(stateDir, 'reports', 'activity.json');

/** Feeds `store` from the engine's events from now on, and makes it findable with activityOf(engine). */
export function attachActivity(engine: Engine, store: ActivityStore): ActivityStore {
  engine.listeners.push(activityListener(engine.ledger, store));
  attached.set(engine, store);
  return store;
}

/** Returns the activity store attached to `engine`, if any. */
export function activityOf(engine: object): ActivityStore | undefined {
  return attached.get(engine);
}

/**
 * Returns the saved store, or a new one. A new store beside an engine that already read its history (restored
 * from a checkpoint) sees only what happens from now: its coverage starts now, and reports say so.
 */
export async function restoreActivity(file: string, engineHasHistory: boolean, nowMs = Date.now()): Promise<ActivityStore> {
  try {
    const snap = JSON.parse(await readFile(file, 'utf8')) as ActivitySnapshot;
    if (snap.version === 1 && Array.isArray(snap.tools) && Array.isArray(snap.activity)) return ActivityStore.fromJSON(snap);
  } catch {
    // Missing or unusable: start afresh (usage numbers never depend on this file).
  }
  return new ActivityStore(engineHasHistory ? nowMs : 0);
}
