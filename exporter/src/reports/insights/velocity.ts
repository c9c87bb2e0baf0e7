// Session velocity and the cost-per-session trend: how many sessions started, how long and how busy they were,
// and whether a session got more expensive than in the previous period (the increase is the saving to win back).
import { nanoToUsd } from '../../pricing/pricing.js';
import { type ScopedSession, sessionRows } from '../data.js';
import type { Insight } from '../document.js';
import { bucketLabel, bucketStart, bucketsOf, fitBuckets } from '../period.js';
import { type InsightContext, pct, usd } from './context.js';

interface Stats {
  sessions: number;
  costNano: number;
  prompts: number;
  requests: number;
  minutes: number;
}

function stats(rows: ScopedSession[]): Stats {
  const s: Stats = { sessions: rows.length, costNano: 0, prompts: 0, requests: 0, minutes: 0 };
  for (const r of rows) {
    s.costNano += r.costNano;
    s.prompts += r.prompts;
    s.requests += r.requests;
    s.minutes += Math.max(0, r.lastMs - r.firstMs) / 60_000;
  }
  return s;
}

const per = (a: number, n: number): number => (n > 0 ? a / n : 0);

/** Returns the session-velocity insight with sessions and cost per session per day (weeks or months for long ranges). */
export function sessionVelocity(ctx: InsightContext): Insight {
  const rows = sessionRows(ctx.src, ctx.scope);
  const now = stats(rows);
  const before = stats(sessionRows(ctx.src, ctx.previous));
  const cps = nanoToUsd(Math.round(per(now.costNano, now.sessions)));
  const prevCps = nanoToUsd(Math.round(per(before.costNano, before.sessions)));
  const change = prevCps > 0 ? (cps - prevCps) / prevCps : undefined;
  const saving = change !== undefined && change > 0 ? (cps - prevCps) * now.sessions : 0;
  const days = (ctx.scope.range.endMs - ctx.scope.range.startMs) / 86_400_000;
  // A readable trend: days for up to a month or so, then weeks, then months.
  const dim = fitBuckets(ctx.scope.range, 'day', 35);
  const byBucket = new Map<number, ScopedSession[]>();
  for (const r of rows) {
    const b = bucketStart(r.firstMs, dim, ctx.scope.tz);
    byBucket.set(b, [...(byBucket.get(b) ?? []), r]);
  }
  const trend = bucketsOf(ctx.scope.range, dim, ctx.scope.tz).map((b) => {
    const s = stats(byBucket.get(b) ?? []);
    return { [dim]: bucketLabel(b, dim, ctx.scope.tz), sessions: s.sessions, costPerSessionUsd: nanoToUsd(Math.round(per(s.costNano, s.sessions))) };
  });
  const trendText = change === undefined ? 'no sessions in the previous period to compare with' : `${change >= 0 ? 'up' : 'down'} ${pct(Math.abs(change))} from ${usd(prevCps)}`;
  return {
    id: 'sessionVelocity',
    title: 'Session velocity and cost per session',
    level: now.sessions === 0 ? 'info' : change !== undefined && change > 0.2 ? 'warn' : 'good',
    summary: now.sessions === 0
      ? 'No sessions started in this period.'
      : `${now.sessions} sessions started (${before.sessions} in the previous period), ${per(now.sessions, days).toFixed(1)} per day; a session averaged ${per(now.prompts, now.sessions).toFixed(1)} prompts, ${per(now.requests, now.sessions).toFixed(1)} model requests and ${per(now.minutes, now.sessions).toFixed(0)} minutes, and cost ${usd(cps)} (${trendText}).`,
    ...(saving > 0 ? { suggestion: 'Sessions got more expensive: long sessions re-send a growing context; start a fresh session per task, /compact or /clear between tasks, and check the model mix.' } : {}),
    savingUsd: saving,
    numbers: {
      sessions: now.sessions,
      previousSessions: before.sessions,
      sessionsPerDay: per(now.sessions, days),
      promptsPerSession: per(now.prompts, now.sessions),
      requestsPerSession: per(now.requests, now.sessions),
      minutesPerSession: per(now.minutes, now.sessions),
      costPerSessionUsd: cps,
      previousCostPerSessionUsd: prevCps,
      savingUsd: saving,
    },
    rows: now.sessions > 0 ? trend : [],
  };
}
