// Connects the plan store to a running engine: every reading goes to it, it is saved in the checkpoint with the
// counters, and the landing page can find it.
import type { Engine } from '../engine.js';
import { PlanStore } from './store.js';

const PLAN_PART = 'plan';
/** The store and the config's active window (sessions.activeWindowSeconds), for the landing page. */
export interface AttachedPlan {
  store: PlanStore;
  activeWindowSeconds: number;
}

const attached = new WeakMap<object, AttachedPlan>();

/** Returns the engine's plan store (restored from the checkpoint), fed by every reading from now on. */
export function startPlanLimits(engine: Engine, activeWindowSeconds: number): PlanStore {
  const store = PlanStore.restore(engine.restoredParts[PLAN_PART]);
  engine.addSnapshotPart(PLAN_PART, () => store.snapshot());
  engine.readingListeners.push((agent, readings) => {
    for (const r of readings) store.observe(agent, r);
  });
  attached.set(engine, { store, activeWindowSeconds });
  return store;
}

/** Returns the plan store attached to `engine`, if any. */
export function planOf(engine: object): AttachedPlan | undefined {
  return attached.get(engine);
}
