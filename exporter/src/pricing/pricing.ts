// Cost of a request from the price table. Costs are integer nano-dollars: sums are exact and independent of order,
// so `scan`, `/metrics` and reports agree to the cent.
import { readFileSync } from 'node:fs';
import type { TokenCounts } from '../adapters/types.js';
import type { ModelPrice, PriceFile } from './schema.js';

/** Per-token prices in nano-USD (integers), resolved from USD per million tokens; no cache-write price when the provider has none. */
interface NanoTier {
  input: number;
  output: number;
  cacheWrite5m: number | undefined;
  cacheWrite1h: number | undefined;
  cacheRead: number;
}

interface ResolvedPrice extends NanoTier {
  longContext?: NanoTier & { thresholdTokens: number };
}

const toNano = (usdPerMTok: number): number => Math.round(usdPerMTok * 1000);

function resolve(p: ModelPrice): ResolvedPrice {
  const tierOf = (t: Omit<ModelPrice, 'longContext' | 'source'>): NanoTier => ({
    input: toNano(t.input),
    output: toNano(t.output),
    cacheWrite5m: t.cacheWrite5m === undefined ? undefined : toNano(t.cacheWrite5m),
    cacheWrite1h: t.cacheWrite1h === undefined ? undefined : toNano(t.cacheWrite1h),
    cacheRead: toNano(t.cacheRead),
  });
  return { ...tierOf(p), ...(p.longContext ? { longContext: { ...tierOf(p.longContext), thresholdTokens: p.longContext.thresholdTokens } } : {}) };
}

/**
 * Returns the model id used to look up prices: lowercase, without provider routing prefixes
 * (`converse/`, `us.anthropic.`, `openai/`), Bedrock version suffixes (`-v1:0`), Vertex `@date` or a trailing date.
 */
export function normalizeModelId(model: string): string {
  let m = model.trim().toLowerCase();
  m = m.slice(m.lastIndexOf('/') + 1);
  m = m.replace(/^(?:[a-z]{2,6}\.)?anthropic\./, '');
  m = m.replace(/-v\d+(?::\d+)?$/, '');
  m = m.replace(/@\d{8}$/, '');
  m = m.replace(/-\d{8}$/, '');
  m = m.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  m = m.replace(/\[1m\]$/, '');
  return m;
}

export class PriceTable {
  private readonly prices = new Map<string, ResolvedPrice>();

  /** Builds a table from model → price maps; later maps override earlier ones (shipped table, then config). */
  constructor(...tables: Record<string, ModelPrice>[]) {
    for (const table of tables) {
      for (const [model, price] of Object.entries(table)) this.prices.set(normalizeModelId(model), resolve(price));
    }
  }

  /** Returns whether the table has a price for this model. */
  has(model: string): boolean {
    return this.prices.has(normalizeModelId(model));
  }

  /**
   * Returns the request's cost in nano-USD, or undefined when the model has no price, or none for a kind of token
   * the request has (cache writes of a model priced without them).
   */
  costNano(model: string, t: TokenCounts): number | undefined {
    const p = this.prices.get(normalizeModelId(model));
    if (!p) return undefined;
    const prompt = t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h;
    // Providers bill the whole request at the long-context rate once its prompt passes the threshold.
    const tier: NanoTier = p.longContext && prompt > p.longContext.thresholdTokens ? p.longContext : p;
    const write5m = t.cacheWrite5m === 0 ? 0 : tier.cacheWrite5m === undefined ? undefined : t.cacheWrite5m * tier.cacheWrite5m;
    const write1h = t.cacheWrite1h === 0 ? 0 : tier.cacheWrite1h === undefined ? undefined : t.cacheWrite1h * tier.cacheWrite1h;
    if (write5m === undefined || write1h === undefined) return undefined;
    return t.input * tier.input + t.output * tier.output + t.cacheRead * tier.cacheRead + write5m + write1h;
  }
}

const PRICE_FIELDS = ['input', 'output', 'cacheRead'] as const;
const OPTIONAL_FIELDS = ['cacheWrite5m', 'cacheWrite1h'] as const;
const isPrice = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const badField = (p: Partial<Record<(typeof PRICE_FIELDS)[number] | (typeof OPTIONAL_FIELDS)[number], unknown>>): string | undefined =>
  PRICE_FIELDS.find((k) => !isPrice(p[k])) ?? OPTIONAL_FIELDS.find((k) => p[k] !== undefined && !isPrice(p[k]));

/**
 * Returns the price table shipped with agentmon (prices.json beside this module). It is part of the release and a test
 * validates it against PriceFileSchema; here only its numbers are checked, so that reading it does not load zod.
 */
export function loadShippedPrices(): Record<string, ModelPrice> {
  const url = new URL('./prices.json', import.meta.url);
  const file = JSON.parse(readFileSync(url, 'utf8')) as PriceFile;
  for (const [model, p] of Object.entries(file.models ?? {})) {
    const bad = badField(p) ?? (p.longContext !== undefined ? badField(p.longContext) : undefined);
    if (bad) throw new Error(`shipped price table ${url.pathname} is invalid: models.${model}.${bad} is not a price`);
  }
  return file.models;
}

/** Converts integer nano-USD to dollars. */
export const nanoToUsd = (nano: number): number => nano / 1e9;
