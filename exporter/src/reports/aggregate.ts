// Computes a metric over a report's scope, in total and grouped by a time bucket or a label. Sums are kept in
// integers (costs in nano-dollars) and ratios are formed once, from the sums, never averaged.
import { nanoToUsd } from '../pricing/pricing.js';
import { sessionUnpriced } from './unpriced.js';
import { activityRows, type ReportSources, type Scope, sessionRows, toolRows, usageRows } from './data.js';
import { type Dimension, isTimeDimension, type MetricName, metricDef } from './metrics.js';
import { bucketStart } from './period.js';

type Acc = Record<string, number>;

/** A metric's total and its value per group (groups keyed by label, or by bucket start in ms for time). */
export interface MetricValues {
  total: number;
  groups: Map<string, number>;
}

/** What one row adds to each sum, per source; `errorCategory` rows expand into one entry per category. */
function contributions(src: ReportSources, scope: Scope, metric: MetricName): { hourStartSec: number; labels: Record<string, string>; add: Acc }[] {
  switch (metricDef(metric).source) {
    case 'usage':
      return usageRows(src, scope).map((r) => ({
        hourStartSec: r.hourStartSec,
        labels: { agent: r.agent, project: r.project, model: r.model },
        add: { input: r.inputTokens, output: r.outputTokens, cacheRead: r.cacheReadTokens, cacheWrite: r.cacheWrite5mTokens + r.cacheWrite1hTokens, costNano: r.costNano, requests: r.requests },
      }));
    case 'tools':
      return toolRows(src, scope).flatMap((r) => {
        const errors = Object.values(r.errors).reduce((a, b) => a + b, 0);
        const base = { agent: r.agent, project: r.project, tool: r.tool };
        const durationCount = r.durationCounts.reduce((a, b) => a + b, 0);
        const whole = { hourStartSec: r.hourStartSec, labels: { ...base, errorCategory: '' }, add: { calls: r.calls, errors, repeats: r.repeats, seconds: r.durationSum, timed: durationCount } };
        if (metric !== 'toolErrors') return [whole];
        return Object.entries(r.errors).map(([category, n]) => ({ hourStartSec: r.hourStartSec, labels: { ...base, errorCategory: category }, add: { errors: n } }));
      });
    case 'activity':
      return activityRows(src, scope).map((r) => ({ hourStartSec: r.hourStartSec, labels: { agent: r.agent, project: r.project }, add: { prompts: r.prompts, apiErrors: r.apiErrors } }));
    case 'sessions':
      return sessionRows(src, scope).map((s) => ({
        hourStartSec: s.hourStartSec,
        labels: { agent: s.agent, project: s.projectLabel, model: s.lastModel || 'unknown' },
        // Cost per session leaves out sessions with nothing priced: their $0 would pull the average down.
        add: { sessions: 1, ...(sessionUnpriced(src, s) === 'all' ? {} : { pricedSessions: 1, pricedCostNano: s.costNano }), minutes: Math.max(0, s.lastMs - s.firstMs) / 60_000 },
      }));
  }
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

/** Turns sums into the metric's value. */
function finish(metric: MetricName, a: Acc): number {
  const n = (k: string): number => a[k] ?? 0;
  switch (metric) {
    case 'costUsd':
      return nanoToUsd(n('costNano'));
    case 'requests':
      return n('requests');
    case 'inputTokens':
      return n('input');
    case 'outputTokens':
      return n('output');
    case 'cacheReadTokens':
      return n('cacheRead');
    case 'cacheWriteTokens':
      return n('cacheWrite');
    case 'totalTokens':
      return n('input') + n('output') + n('cacheRead') + n('cacheWrite');
    case 'cacheHitRatio':
      return ratio(n('cacheRead'), n('input') + n('cacheRead') + n('cacheWrite'));
    case 'toolCalls':
      return n('calls');
    case 'toolErrors':
      return n('errors');
    case 'toolErrorRate':
      return ratio(n('errors'), n('calls'));
    case 'repeatedToolCalls':
      return n('repeats');
    case 'toolSeconds':
      return n('seconds');
    case 'prompts':
      return n('prompts');
    case 'apiErrors':
      return n('apiErrors');
    case 'sessions':
      return n('sessions');
    case 'costPerSession':
      return nanoToUsd(Math.round(ratio(n('pricedCostNano'), n('pricedSessions'))));
    case 'sessionMinutes':
      return ratio(n('minutes'), n('sessions'));
  }
}

const addInto = (into: Acc, add: Acc): void => {
  for (const [k, v] of Object.entries(add)) into[k] = (into[k] ?? 0) + v;
};

/** Returns the metric over the scope, and per group of `by` when given. */
export function metricValues(src: ReportSources, scope: Scope, metric: MetricName, by?: Dimension): MetricValues {
  const total: Acc = {};
  const byGroup = new Map<string, Acc>();
  const bucketCache = new Map<number, string>();
  for (const c of contributions(src, scope, metric)) {
    addInto(total, c.add);
    if (!by) continue;
    let key: string;
    if (isTimeDimension(by)) {
      let k = bucketCache.get(c.hourStartSec);
      if (k === undefined) bucketCache.set(c.hourStartSec, (k = String(bucketStart(c.hourStartSec * 1000, by, scope.tz))));
      key = k;
    } else key = c.labels[by] ?? 'unknown';
    let acc = byGroup.get(key);
    if (!acc) byGroup.set(key, (acc = {}));
    addInto(acc, c.add);
  }
  return { total: finish(metric, total), groups: new Map([...byGroup].map(([k, a]) => [k, finish(metric, a)])) };
}
