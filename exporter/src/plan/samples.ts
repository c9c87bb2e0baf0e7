// The plan gauges at scrape time: each window's share used and reset time, each agent's plan type, and the fullest
// context window among the active sessions of each agent and project.
import type { Ledger } from '../accounting/ledger.js';
import type { PlanStore } from './store.js';

type Sample = { labels: Record<string, string>; value: number };
type PlanMetricKey = 'planUsage' | 'planResets' | 'planInfo' | 'contextUsed';

/** Returns the sample functions of the plan metrics, reading `store` (project labels as the ledger exports them). */
export function planSamples(store: PlanStore, ledger: Ledger, activeWindowSeconds: number): Record<PlanMetricKey, () => Sample[]> {
  // Usage and reset time come from one evaluation per store change and clock second, so within a scrape both agree
  // on whether a window has expired (reset times are whole seconds).
  let memo = { key: '', windows: [] as ReturnType<PlanStore['windowsAt']> };
  const windowsNow = (): ReturnType<PlanStore['windowsAt']> => {
    const now = Date.now();
    const key = `${store.version}:${Math.floor(now / 1000)}`;
    if (memo.key !== key) memo = { key, windows: store.windowsAt(now) };
    return memo.windows;
  };
  return {
    planUsage: () => windowsNow().map((w) => ({ labels: { agent: w.agent, window: w.window }, value: w.usedRatio })),
    planResets: () => windowsNow().flatMap((w) => (w.resetsAtMs !== undefined ? [{ labels: { agent: w.agent, window: w.window }, value: w.resetsAtMs / 1000 }] : [])),
    planInfo: () => store.planTypes().map((p) => ({ labels: { agent: p.agent, plan_type: p.planType }, value: 1 })),
    contextUsed: () => {
      const since = Date.now() - activeWindowSeconds * 1000;
      // Active like agentmon_sessions_active: seen within the active window (both sources write on every response).
      const active = store.activeContexts((c) => c.observedMs >= since && c.observedMs <= Date.now() + 60_000);
      const fullest = new Map<string, Sample>();
      for (const c of active) {
        const project = ledger.projectLabel(c.project);
        const k = `${c.agent}\u001f${project}`;
        const held = fullest.get(k);
        if (!held || c.usedRatio > held.value) fullest.set(k, { labels: { agent: c.agent, project }, value: c.usedRatio });
      }
      return [...fullest.values()];
    },
  };
}
