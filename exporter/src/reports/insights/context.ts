// What every insight needs: the scope's rows, unit prices from the price table, the priced spend, and the average
// cost of a priced model request per agent (how a wasted tool round trip is priced).
import type { TokenCounts } from '../../adapters/types.js';
import type { PriceTable } from '../../pricing/pricing.js';
import { isUnpriced } from '../../pricing/unpriced.js';
import { type ReportSources, type Scope, usageRows } from '../data.js';
import type { InsightsSpec } from '../template/schema.js';

/** Inputs of one insight. */
export interface InsightContext {
  src: ReportSources;
  scope: Scope;
  previous: Scope;
  spec: InsightsSpec;
  /** What the scope's priced requests cost, in nano-dollars: no saving may exceed it. */
  spendNano: number;
  /** Priced requests and their cost per agent over the scope (agents with none priced are absent). */
  pricedByAgent: Map<string, { costNano: number; requests: number }>;
}

/** Returns the context for the insights of one report. */
export function insightContext(src: ReportSources, scope: Scope, previous: Scope, spec: InsightsSpec): InsightContext {
  const perAgent = new Map<string, { cost: number; requests: number }>();
  let spendNano = 0;
  for (const r of usageRows(src, scope)) {
    spendNano += r.costNano;
    // Unpriced requests cost "0" only because their price is unknown: they would pull the average down.
    if (isUnpriced(src.prices, r.model, r.requests, r.costNano)) continue;
    const a = perAgent.get(r.agent) ?? { cost: 0, requests: 0 };
    a.cost += r.costNano;
    a.requests += r.requests;
    perAgent.set(r.agent, a);
  }
  const pricedByAgent = new Map<string, { costNano: number; requests: number }>();
  for (const [agent, a] of perAgent) if (a.requests > 0) pricedByAgent.set(agent, { costNano: a.cost, requests: a.requests });
  return { src, scope, previous, spec, spendNano, pricedByAgent };
}

/**
 * Returns what `calls` extra model requests of `agent` cost at its average priced request, in nano-dollars: never more
 * than the agent's priced spend. Undefined when the agent has no priced request in scope (its waste cannot be priced).
 */
export function requestsCostNano(ctx: InsightContext, agent: string, calls: number): number | undefined {
  const a = ctx.pricedByAgent.get(agent);
  if (!a) return undefined;
  return Math.round((Math.min(calls, a.requests) * a.costNano) / a.requests);
}

/** Per-token prices of a model in nano-dollars, in the order input, output, cacheRead, cacheWrite5m, cacheWrite1h. */
export type UnitPrices = [number, number, number, number, number];

const UNIT: (keyof TokenCounts)[] = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'];

/** Returns a model's base-tier per-token prices, or undefined when it has none (or none for a token kind). */
export function unitPrices(prices: PriceTable, model: string): UnitPrices | undefined {
  if (!prices.has(model)) return undefined;
  const out = UNIT.map((k) => prices.costNano(model, { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, [k]: 1 }));
  // A model without cache-write prices (Gemini, OpenAI) cannot price cache writes: treat them as unknown (-1).
  return out.map((p) => p ?? -1) as UnitPrices;
}

/** Prices a token vector [input, output, cacheRead, cacheWrite5m, cacheWrite1h] linearly (base tier), in nano-dollars; undefined when a kind with tokens has no price. */
export function priceTokens(p: UnitPrices, tokens: readonly number[]): number | undefined {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const n = tokens[i] ?? 0;
    if (n === 0) continue;
    if (p[i]! < 0) return undefined;
    sum += p[i]! * n;
  }
  return sum;
}

/** Formats a share as a percentage with one decimal for sentences. */
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** Formats dollars for sentences. */
export const usd = (x: number): string => (Math.abs(x) >= 100 ? `$${x.toFixed(0)}` : Math.abs(x) >= 1 ? `$${x.toFixed(2)}` : `$${x.toFixed(4)}`);

/** Formats a count with thousands separators for sentences. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** "1 call" / "3 calls". */
export const plural = (n: number, word: string, many = `${word}s`): string => `${count(n)} ${n === 1 ? word : many}`;
