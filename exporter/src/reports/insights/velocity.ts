// Session velocity and the cost-per-session trend: how many sessions started, how long and how busy they were, and
// whether a session got more expensive than in the previous period. A trend, not a saving: what made sessions
// dearer is what the other insights price. Sessions with nothing priced are left out of every cost here (their $0
// would pull the average down), and periods with too few priced sessions are not compared.
import { nanoToUsd } from '../../pricing/pricing.js';
import { type ScopedSession, sessionRows } from '../data.js';
import type { Insight, TableColumn } from '../document.js';
import { bucketLabel, bucketStart, bucketsOf, fitBuckets } from '../period.js';
import { sessionUnpriced } from '../unpriced.js';
import { type InsightContext, pct, plural, usd } from './context.js';

interface Stats {
  sessions: number;
  priced: number;
  pricedCostNano: number;
  prompts: number;
  requests: number;
  minutes: number;
}

function stats(ctx: InsightContext, rows: ScopedSession[]): Stats {
  const s: Stats = { sessions: rows.length, priced: 0, pricedCostNano: 0, prompts: 0, requests: 0, minutes: 0 };
  for (const r of rows) {
    s.prompts += r.prompts;
    s.requests += r.requests;
    s.minutes += Math.max(0, r.lastMs - r.firstMs) / 60_000;
    if (sessionUnpriced(ctx.src, r) === 'all') continue;
    s.priced += 1;
    s.pricedCostNano += r.costNano;
  }
  return s;
}

const per = (a: number, n: number): number => (n > 0 ? a / n : 0);
const costPerSession = (s: Stats): number => nanoToUsd(Math.round(per(s.pricedCostNano, s.priced)));

/** Returns the session-velocity insight with sessions and cost per session per day (weeks or months for long ranges). */
export function sessionVelocity(ctx: InsightContext): Insight {
  const rows = sessionRows(ctx.src, ctx.scope);
  const now = stats(ctx, rows);
  const before = stats(ctx, sessionRows(ctx.src, ctx.previous));
  const min = ctx.spec.minSamples.sessions;
  const cps = costPerSession(now);
  const prevCps = costPerSession(before);
  const comparable = now.priced >= min && before.priced >= min && prevCps > 0;
  const change = comparable ? (cps - prevCps) / prevCps : undefined;
  const days = (ctx.scope.range.endMs - ctx.scope.range.startMs) / 86_400_000;
  const base = { id: 'sessionVelocity' as const, title: 'Session velocity and cost per session' };
  const numbers = {
    sessions: now.sessions,
    previousSessions: before.sessions,
    pricedSessions: now.priced,
    previousPricedSessions: before.priced,
    sessionsPerDay: per(now.sessions, days),
    promptsPerSession: per(now.prompts, now.sessions),
    requestsPerSession: per(now.requests, now.sessions),
    minutesPerSession: per(now.minutes, now.sessions),
    costPerSessionUsd: cps,
    previousCostPerSessionUsd: prevCps,
    ...(change !== undefined ? { costPerSessionChange: change } : {}),
  };
  if (now.sessions === 0) return { ...base, level: 'good', summary: 'No sessions started in this period.', skipped: 'no sessions', numbers };
  // A readable trend: days for up to a month or so, then weeks, then months; only buckets with sessions.
  const dim = fitBuckets(ctx.scope.range, 'day', 35);
  const byBucket = new Map<number, ScopedSession[]>();
  for (const r of rows) {
    const b = bucketStart(r.firstMs, dim, ctx.scope.tz);
    byBucket.set(b, [...(byBucket.get(b) ?? []), r]);
  }
  const trend = bucketsOf(ctx.scope.range, dim, ctx.scope.tz)
    .filter((b) => byBucket.has(b))
    .map((b) => {
      const s = stats(ctx, byBucket.get(b) ?? []);
      return { [dim]: bucketLabel(b, dim, ctx.scope.tz), sessions: s.sessions, costPerSessionUsd: s.priced > 0 ? costPerSession(s) : 'unpriced' };
    });
  const columns: TableColumn[] = [{ key: dim, label: dim[0]!.toUpperCase() + dim.slice(1), unit: 'text' }, { key: 'sessions', label: 'Sessions', unit: 'count' }, { key: 'costPerSessionUsd', label: 'Cost per session (USD)', unit: 'usd' }];
  const left = now.sessions - now.priced;
  const leftOut = left > 0 ? ` (${plural(left, 'session')} with nothing priced left out)` : '';
  let cost: string;
  if (now.priced === 0) cost = 'no session used a priced model, so cost per session is not known';
  else if (change !== undefined) cost = `a priced session cost ${usd(cps)}${leftOut}, ${change >= 0 ? 'up' : 'down'} ${pct(Math.abs(change))} from ${usd(prevCps)}`;
  else if (now.priced >= min && before.priced >= min) cost = `a priced session cost ${usd(cps)}${leftOut}; not compared with the previous period (its priced sessions cost nothing)`;
  else cost = `a priced session cost ${usd(cps)}${leftOut}; not compared with the previous period (${now.priced} and ${before.priced} priced sessions; at least ${min} in each are needed)`;
  return {
    ...base,
    level: change !== undefined && change > 0.2 ? 'warn' : 'good',
    summary: `${plural(now.sessions, 'session')} started (${before.sessions} in the previous period), ${per(now.sessions, days).toFixed(1)} per day; a session averaged ${per(now.prompts, now.sessions).toFixed(1)} prompts, ${per(now.requests, now.sessions).toFixed(1)} model requests and ${per(now.minutes, now.sessions).toFixed(0)} minutes; ${cost}.`,
    ...(change !== undefined && change > 0.2 ? { suggestion: 'Sessions got more expensive: long sessions re-send a growing context; start a fresh session per task, /compact or /clear between tasks, and check the model mix (see the other insights for what it costs).' } : {}),
    numbers,
    rows: trend.slice(-Math.max(ctx.spec.limit, 12)),
    columns,
  };
}
