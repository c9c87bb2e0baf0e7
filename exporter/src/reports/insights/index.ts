// The insights, by id, in the order a template lists them, with their savings combined (never overlapping).
import type { Insight, InsightsResult } from '../document.js';
import type { InsightId } from '../metrics.js';
import type { ReportSources, Scope } from '../data.js';
import type { InsightsSpec } from '../template/schema.js';
import { cacheEfficiency } from './cache.js';
import { combineSavings } from './combine.js';
import { insightContext, type InsightContext } from './context.js';
import { modelRightSizing } from './right-sizing.js';
import { slowestTools } from './slowest.js';
import { repeatedToolCalls, toolErrorHotspots } from './tools.js';
import { sessionVelocity } from './velocity.js';

const INSIGHTS: Record<InsightId, (ctx: InsightContext) => Insight> = {
  cacheEfficiency,
  modelRightSizing,
  repeatedToolCalls,
  toolErrorHotspots,
  slowestTools,
  sessionVelocity,
};

/** Returns the insights section of a report. */
export function buildInsights(spec: InsightsSpec, src: ReportSources, scope: Scope, previous: Scope): InsightsResult {
  const ctx = insightContext(src, scope, previous, spec);
  const items = spec.include.map((id) => INSIGHTS[id](ctx));
  const savingUsd = combineSavings(items, ctx.spendNano);
  return { type: 'insights', title: spec.title ?? 'Insights', items, spendUsd: ctx.spendNano / 1e9, savingUsd };
}
