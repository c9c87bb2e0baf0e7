// Serves the ledger through prom-client: each catalogue metric is a small object whose get() reads the ledger at
// scrape time (prom-client renders it). Point-in-time gauges are computed here, never on a timer.
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Engine } from '../engine.js';
import { METRICS, type MetricDef, scaled } from './catalogue.js';
import { heldInThisScrape } from './new-series.js';
import { budgetSamples, spendSamples, type BudgetSample } from '../health/budgets.js';
import type { BudgetsConfig } from '../health/config.js';
import type { SessionHealth } from '../health/session-health.js';
import { planSamples } from '../plan/samples.js';
import type { PlanStore } from '../plan/store.js';

type Sample = { labels: Record<string, string | number>; value: number; metricName?: string };

/** A catalogue metric whose samples come from a function, registered with a prom-client Registry. */
class ComputedMetric {
  readonly name: string;
  readonly help: string;
  readonly type: string;
  readonly aggregator = 'sum';

  constructor(def: MetricDef, private readonly samples: () => Sample[]) {
    this.name = def.name;
    this.help = def.help;
    this.type = def.type;
  }

  async get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: Sample[] }> {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: this.samples() };
  }

  reset(): void {}
}

const zip = (names: readonly string[], values: string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  names.forEach((n, i) => (out[n] = values[i] ?? ''));
  return out;
};

export interface ExporterStatus {
  checkpointSuccess: number;
  checkpointFailure: number;
  lastCheckpointMs: number;
  /** Set while the checkpoint cannot be written: the error code and when the failures began (cleared by a success). */
  checkpointFailing?: { code: string; sinceMs: number };
}

const budgetSample = (b: BudgetSample): Sample => ({ labels: { scope: b.scope, ...(b.project !== undefined ? { project: b.project } : {}), period: b.period }, value: b.usd });
const healthSample = (c: { agent: string; project: string; reason: string; sessions: number }): Sample => ({ labels: { agent: c.agent, project: c.project, reason: c.reason }, value: c.sessions });

/** Returns a Registry exposing the engine's ledger and the exporter's own health. */
export function createRegistry(engine: Engine, opts: { version: string; staticLabels: Record<string, string>; status: ExporterStatus; processMetrics?: boolean; health?: SessionHealth; budgets?: BudgetsConfig; plan?: PlanStore; activeWindowSeconds?: number }): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(opts.staticLabels);
  const { ledger, tracker } = engine;

  const counterSamples = (def: MetricDef) => (): Sample[] => {
    const counter = def.type === 'counter';
    return [...ledger.counters.values(def.name)].map((s) => ({ labels: zip(def.labels, s.labels), value: counter && heldInThisScrape(s.bornMs) ? 0 : scaled(s.value, def.scale) }));
  };
  const histogramSamples = (def: MetricDef) => (): Sample[] => {
    const out: Sample[] = [];
    const buckets = def.buckets ?? [];
    for (const h of ledger.histograms.values(def.name)) {
      const labels = zip(def.labels, h.labels);
      const held = heldInThisScrape(h.bornMs); // a new histogram series starts at 0 too (see new-series.ts)
      let cumulative = 0;
      buckets.forEach((le, i) => {
        cumulative += held ? 0 : (h.counts[i] ?? 0);
        out.push({ metricName: `${def.name}_bucket`, labels: { ...labels, le }, value: cumulative });
      });
      out.push({ metricName: `${def.name}_bucket`, labels: { ...labels, le: '+Inf' }, value: held ? 0 : h.count });
      out.push({ metricName: `${def.name}_sum`, labels, value: held ? 0 : h.sum });
      out.push({ metricName: `${def.name}_count`, labels, value: held ? 0 : h.count });
    }
    return out;
  };

  // Spend is summed from the rollups only when the ledger or the UTC minute changed since the last scrape.
  let spendMemo = { key: '', samples: [] as BudgetSample[] };
  const spendNow = (): BudgetSample[] => {
    const now = Date.now();
    const key = `${engine.version}:${Math.floor(now / 60_000)}`;
    if (spendMemo.key !== key) {
      const budgeted = budgetSamples(opts.budgets ?? { total: {}, projects: {} }).flatMap((b) => (b.project ? [b.project] : []));
      spendMemo = { key, samples: spendSamples(ledger.rollups.all(), now, (p) => ledger.projectLabel(p), budgeted) };
    }
    return spendMemo.samples;
  };
  // Both session gauges come from one evaluation per scrape.
  let healthMemo = { at: 0, counts: [] as ReturnType<SessionHealth['counts']> };
  const healthNow = (): ReturnType<SessionHealth['counts']> => {
    if (!opts.health) return [];
    const now = Date.now();
    if (now - healthMemo.at > 1000) healthMemo = { at: now, counts: opts.health.counts(now) };
    return healthMemo.counts;
  };

  const computed: Partial<Record<keyof typeof METRICS, () => Sample[]>> = {
    sessionsActive: () =>
      [...ledger.activeSessions(Date.now()).values()].map((s) => ({ labels: { agent: s.agent, project: s.project }, value: s.count })),
    filesWatched: () => {
      const counts = tracker.countByAgent();
      for (const r of engine.roots) if (!counts.has(r.agent)) counts.set(r.agent, 0);
      return [...counts].map(([agent, n]) => ({ labels: { agent }, value: n }));
    },
    checkpoints: () => [
      { labels: { result: 'success' }, value: opts.status.checkpointSuccess },
      { labels: { result: 'failure' }, value: opts.status.checkpointFailure },
    ],
    lastCheckpoint: () => [{ labels: {}, value: opts.status.lastCheckpointMs / 1000 }],
    initialScanDone: () => [{ labels: {}, value: engine.initialScanDone ? 1 : 0 }],
    buildInfo: () => [{ labels: { version: opts.version, nodejs_version: process.version }, value: 1 }],
    budget: () => budgetSamples(opts.budgets ?? { total: {}, projects: {} }).map(budgetSample),
    spend: () => spendNow().map(budgetSample),
    sessionsStuck: () => healthNow().filter((c) => c.status === 'stuck').map(healthSample),
    sessionsLooping: () => healthNow().filter((c) => c.status === 'looping').map(healthSample),
    ...(opts.plan ? planSamples(opts.plan, ledger, opts.activeWindowSeconds ?? 300) : {}),
  };

  for (const [key, def] of Object.entries(METRICS) as [keyof typeof METRICS, MetricDef][]) {
    const samples = computed[key] ?? (def.type === 'histogram' ? histogramSamples(def) : counterSamples(def));
    registry.registerMetric(new ComputedMetric(def, samples) as never);
  }
  if (opts.processMetrics !== false) {
    // A coarser event-loop monitor: the 10 ms default wakes the process 100 times a second even when idle.
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
    // These prom-client gauges end in _total, which promtool (rightly) rejects for non-counters.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);
  }
  return registry;
}
