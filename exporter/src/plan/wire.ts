// Connects the plan store to a running engine: every reading goes to it, it is saved in the checkpoint with the
// counters, and the landing page can find it.
import type { Engine } from '../engine.js';
import { PlanStore } from './store.js';

const PLAN_PART = 'plan';
const attached = new WeakMap<object, PlanStore>();

/** Returns the engine's plan store (restored from the checkpoint), fed by every reading from now on. */
export function startPlanLimits(engine: Engine): PlanStore {
  const store = PlanStore.restore(engine.restoredParts[PLAN_PART]);
  engine.addSnapshotPart(PLAN_PART, () => store.snapshot());
  engine.readingListeners.push((agent, readings) => {
    for (const r of readings) store.observe(agent, r);
  });
  attached.set(engine, store);
  return store;
}

/** Returns the plan store attached to `engine`, if any. */
export function planOf(engine: object): PlanStore | undefined {
  return attached.get(engine);
}
