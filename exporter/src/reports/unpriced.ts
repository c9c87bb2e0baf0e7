// Which usage in a report's scope has no price: the models, their requests, and the groups (models, projects,
// agents, days, sessions) whose cost therefore leaves something out. Renderers mark those costs.
import { isUnpriced } from '../pricing/unpriced.js';
import { type ReportSources, type Scope, type ScopedSession, usageRows } from './data.js';

/** Unpriced usage of a scope. */
export interface UnpricedUsage {
  /** Requests of models without a price (counted with cost 0). */
  requests: number;
  /** Those models, most requests first. */
  models: { agent: string; model: string; requests: number }[];
}

/** Returns the unpriced usage in scope (no models when everything is priced). */
export function unpricedUsage(src: ReportSources, scope: Scope): UnpricedUsage {
  const byModel = new Map<string, { agent: string; model: string; requests: number }>();
  let requests = 0;
  for (const r of usageRows(src, scope)) {
    if (!isUnpriced(src.prices, r.model, r.requests, r.costNano)) continue;
    requests += r.requests;
    const key = `${r.agent}\u001f${r.model}`;
    const m = byModel.get(key) ?? { agent: r.agent, model: r.model, requests: 0 };
    m.requests += r.requests;
    byModel.set(key, m);
  }
  return { requests, models: [...byModel.values()].sort((a, b) => b.requests - a.requests || (a.model < b.model ? -1 : 1)) };
}

/**
 * Returns how a session's cost leaves out unpriced requests: `all` when nothing in it was priced (its $0 would pull
 * any average down, so averages leave it out), `part` when its latest model has no price but earlier requests were
 * priced (its cost is a lower bound), undefined when it was priced. Sessions keep no per-model split, so a session
 * whose unpriced model was not its last one reads as priced.
 */
export function sessionUnpriced(src: ReportSources, s: ScopedSession): 'all' | 'part' | undefined {
  if (s.requests === 0 || src.prices.has(s.lastModel)) return undefined;
  return s.costNano === 0 ? 'all' : 'part';
}
