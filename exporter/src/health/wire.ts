// Connects session health to the running engine: every event goes to it, and the HTTP API can find it.
import type { Engine } from '../engine.js';
import type { HealthConfig } from './config.js';
import { attachSessionHealth, type HealthSnapshot, SessionHealth } from './session-health.js';

const HEALTH_PART = 'health';

/** Returns a SessionHealth fed by the engine's events, with project labels as the ledger exports them. */
export function startSessionHealth(engine: Engine, cfg: HealthConfig): SessionHealth {
  const health = new SessionHealth(cfg, (p) => engine.ledger.projectLabel(p));
  // Kept in the checkpoint with the counters, so what was pending before a restart is still judged after it.
  const saved = engine.restoredParts[HEALTH_PART] as HealthSnapshot | undefined;
  if (saved && Array.isArray(saved.sessions) && Array.isArray(saved.usual) && Array.isArray(saved.openCalls)) health.restore(saved);
  engine.addSnapshotPart(HEALTH_PART, () => health.snapshot());
  engine.listeners.push((agent, ev) => health.observe(agent, ev));
  attachSessionHealth(engine, health);
  return health;
}
