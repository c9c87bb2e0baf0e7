// Records what hook events measured into the ledger's own stores (so it is checkpointed with everything else):
// hook events by name, exact tool run times and permission waits.
import type { Ledger } from '../accounting/ledger.js';
import type { AgentEvent, AgentId } from '../adapters/types.js';
import { METRICS } from '../metrics/catalogue.js';

/** Returns an engine listener that turns hook signals into agentmon_hook_* series. */
export function hookMetricsListener(ledger: Ledger): (agent: AgentId, ev: AgentEvent) => void {
  return (agent, ev) => {
    if (ev.kind !== 'activity' || !ev.hook) return;
    const h = ev.hook;
    ledger.counters.inc(METRICS.hookEvents.name, [agent, h.event]);
    if (h.runSeconds !== undefined) ledger.histograms.observe(METRICS.toolRunDuration.name, [agent, ledger.toolLabel(h.tool ?? 'unknown')], h.runSeconds);
    if (h.waitSeconds !== undefined) ledger.histograms.observe(METRICS.permissionWait.name, [agent], h.waitSeconds);
  };
}
