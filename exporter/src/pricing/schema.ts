// The price table's shape, shared by the shipped prices.json and the `prices:` section of the config file.
import { z } from 'zod';

/** USD per million tokens; at most three decimals so costs stay exact in integer nano-dollars. */
const usdPerMTok = z
  .number()
  .nonnegative()
  .refine((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6, { message: 'use at most 3 decimal places (USD per million tokens)' });

const tier = z.strictObject({
  input: usdPerMTok,
  output: usdPerMTok,
  /**
   * Cache writes, for providers that bill them (Anthropic). Leave them out for models whose provider has none
   * (OpenAI, Google): a request that does report cache writes for such a model is then unpriced, never guessed.
   */
  cacheWrite5m: usdPerMTok.optional(),
  cacheWrite1h: usdPerMTok.optional(),
  cacheRead: usdPerMTok,
});

export const ModelPriceSchema = tier.extend({
  /** Applies to the whole request when its prompt (input + cache read + cache writes) exceeds the threshold. */
  longContext: tier.extend({ thresholdTokens: z.number().int().positive() }).optional(),
  source: z.string().optional(),
});

export const PriceFileSchema = z.object({
  updated: z.string(),
  note: z.string().optional(),
  sources: z.record(z.string(), z.string()),
  models: z.record(z.string(), ModelPriceSchema),
});

export type ModelPrice = z.infer<typeof ModelPriceSchema>;
export type PriceFile = z.infer<typeof PriceFileSchema>;
