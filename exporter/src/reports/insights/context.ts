// What every insight needs: the scope's rows, unit prices from the price table, and the average cost of a
// model request in the period (how a wasted tool round trip is priced).
import type { TokenCounts } from '../../adapters/types.js';
import type { PriceTable } from '../../pricing/pricing.js';
import { type ReportSources, type Scope, usageRows } from '../data.js';
import type { InsightsSpec } from '../template/schema.js';

/** Inputs of one insight. */
export interface InsightContext {
  src: ReportSources;
  scope: Scope;
  previous: Scope;
  spec: InsightsSpec;
  /** Average cost of one model request over the scope, in nano-dollars (0 without requests). */
  costPerRequestNano: number;
}

/** Returns the context for the insights of one report. */
export function insightContext(src: ReportSources, scope: Scope, previous: Scope, spec: InsightsSpec): InsightContext {
  let cost = 0;
  let requests = 0;
  for (const r of usageRows(src, scope)) {
    cost += r.costNano;
    requests += r.requests;
  }
  return { src, scope, previous, spec, costPerRequestNano: requests > 0 ? Math.round(cost / requests) : 0 };
}

/** Per-token prices of a model in nano-dollars, in the order input, output, cacheRead, cacheWrite5m, cacheWrite1h. */
export type UnitPrices = [number, number, number, number, number];

const UNIT: (keyof TokenCounts)[] = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'];

/** Returns a model's base-tier per-token prices, or undefined when it has none. */
export function unitPrices(prices: PriceTable, model: string): UnitPrices | undefined {
  if (!prices.has(model)) return undefined;
  return UNIT.map((k) => prices.costNano(model, { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, [k]: 1 }) ?? 0) as UnitPrices;
}

/** Prices a token vector [input, output, cacheRead, cacheWrite5m, cacheWrite1h] linearly (base tier), in nano-dollars. */
export const priceTokens = (p: UnitPrices, tokens: readonly number[]): number => p.reduce((sum, price, i) => sum + price * (tokens[i] ?? 0), 0);

/** Formats a share as a whole percentage for sentences. */
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** Formats dollars for sentences. */
export const usd = (x: number): string => (Math.abs(x) >= 100 ? `$${x.toFixed(0)}` : Math.abs(x) >= 1 ? `$${x.toFixed(2)}` : `$${x.toFixed(4)}`);
