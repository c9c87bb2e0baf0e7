// Report sources written by hand (hour rollups, sessions, tool rows), for insights whose every case — speaking and
// staying silent — needs exact inputs. Costs come from the shipped price table, as the ledger computes them.
import type { SessionEntry } from '../../src/accounting/ledger.js';
import type { RollupRow } from '../../src/accounting/rollups.js';
import type { AgentId } from '../../src/adapters/types.js';
import { METRICS } from '../../src/metrics/catalogue.js';
import { loadShippedPrices, PriceTable } from '../../src/pricing/pricing.js';
import { ActivityStore } from '../../src/reports/activity/store.js';
import type { ReportSources } from '../../src/reports/data.js';
import { insightContext, type InsightContext } from '../../src/reports/insights/context.js';
import { TemplateSchema, type InsightsSpec } from '../../src/reports/template/schema.js';
import { WEEK_A, WEEK_B } from './harness.js';

export const PRICES = new PriceTable(loadShippedPrices());
const BOUNDS: readonly number[] = METRICS.toolDuration.buckets ?? [];

/** Tokens in the order input, output, cacheRead, cacheWrite5m, cacheWrite1h. */
export type Tokens = [number, number, number, number, number];

const costOf = (model: string, t: Tokens): number => PRICES.costNano(model, { input: t[0], output: t[1], cacheRead: t[2], cacheWrite5m: t[3], cacheWrite1h: t[4] }) ?? 0;

export interface SessionSpec {
  agent?: AgentId;
  model: string;
  startMs: number;
  minutes?: number;
  /** Requests, each with these tokens. */
  requests: number;
  perRequest: Tokens;
}

export interface ToolSpec {
  agent?: AgentId;
  ms: number;
  tool: string;
  calls: number;
  repeats?: number;
  repeatErrors?: number;
  errors?: Record<string, number>;
  /** Durations of timed calls, in seconds. */
  seconds?: number[];
}

/** Builds report sources: each session adds its requests to the hour it started in. */
export function sources(sessions: SessionSpec[], tools: ToolSpec[] = []): ReportSources {
  const rollups = new Map<string, RollupRow>();
  const entries: SessionEntry[] = [];
  sessions.forEach((s, n) => {
    const agent = s.agent ?? 'claude-code';
    const tokens = s.perRequest.map((v) => v * s.requests) as Tokens;
    const costNano = costOf(s.model, s.perRequest) * s.requests;
    const hourStartSec = Math.floor(s.startMs / 3_600_000) * 3600;
    const key = `${hourStartSec}/${agent}/${s.model}`;
    const row = rollups.get(key) ?? { hourStartSec, agent, project: 'shop', model: s.model, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, costNano: 0, requests: 0 };
    row.inputTokens += tokens[0];
    row.outputTokens += tokens[1];
    row.cacheReadTokens += tokens[2];
    row.cacheWrite5mTokens += tokens[3];
    row.cacheWrite1hTokens += tokens[4];
    row.costNano += costNano;
    row.requests += s.requests;
    rollups.set(key, row);
    entries.push({ agent, sessionId: `s${n}`, project: 'shop', firstMs: s.startMs, lastMs: s.startMs + (s.minutes ?? 10) * 60_000, lastModel: s.model, requests: s.requests, costNano, tokens, prompts: 1, toolCalls: 0, toolErrors: 0, apiErrors: 0 });
  });
  const activity = new ActivityStore(0);
  for (const t of tools) {
    const row = activity.toolRow(t.ms, t.agent ?? 'claude-code', 'shop', t.tool, BOUNDS.length);
    row.calls += t.calls;
    row.repeats += t.repeats ?? 0;
    if (t.repeatErrors) row.repeatErrors = (row.repeatErrors ?? 0) + t.repeatErrors;
    for (const [c, n] of Object.entries(t.errors ?? {})) row.errors[c] = (row.errors[c] ?? 0) + n;
    for (const sec of t.seconds ?? []) {
      const i = BOUNDS.findIndex((b) => sec <= b);
      row.durationCounts[i < 0 ? BOUNDS.length : i]! += 1;
      row.durationSum += sec;
    }
  }
  return { rollups: () => rollups.values(), sessions: () => entries, activity, prices: PRICES };
}

/** An insights section's settings as a template gives them: `extra` over the defaults. */
export const insightsSpec = (extra: Record<string, unknown> = {}): InsightsSpec =>
  TemplateSchema.parse({ name: 't', title: 'T', sections: [{ type: 'insights', ...extra }] }).sections[0] as InsightsSpec;

/** The insights' context over week B, week A before it (UTC). */
export const weekBContext = (src: ReportSources, spec: InsightsSpec): InsightContext => insightContext(src, { range: WEEK_B, tz: 'UTC' }, { range: WEEK_A, tz: 'UTC' }, spec);
