// Connects session health to the running engine: every event goes to it, and the HTTP API can find it.
import type { Engine } from '../engine.js';
import type { HealthConfig } from './config.js';
import { attachSessionHealth, SessionHealth } from './session-health.js';

/** Returns a SessionHealth fed by the engine's events, with project labels as the ledger exports them. */
export function startSessionHealth(engine: Engine, cfg: HealthConfig): SessionHealth {
  const health = new SessionHealth(cfg, (p) => engine.ledger.projectLabel(p));
  engine.listeners.push((agent, ev) => health.observe(agent, ev));
  attachSessionHealth(engine, health);
  return health;
}
