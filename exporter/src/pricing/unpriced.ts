// Usage the price table could not price: counted with cost 0, and marked wherever a cost is shown (scan, reports,
// the landing page) so that $0.00 never reads as "free". Decided from the numbers already counted, so no counter or
// rollup needs an extra field: requests were counted, they cost nothing, and the model has no price.

/** Anything that knows which models have a price (the PriceTable). */
export interface KnowsPrices {
  has(model: string): boolean;
}

/**
 * Returns whether usage of `model` (requests counted, total cost `cost` in any unit) is unpriced. A log that states
 * its own cost (custom logs) is priced whatever the table says, and so is a model whose price is 0 in the table.
 */
export function isUnpriced(prices: KnowsPrices, model: string, requests: number, cost: number): boolean {
  return requests > 0 && cost === 0 && !prices.has(model);
}

/** The sentence every output uses to say what an unpriced model means for its costs. */
export function unpricedNote(models: readonly string[], requests: number): string {
  const names = models.length <= 3 ? models.join(', ') : `${models.slice(0, 3).join(', ')} and ${models.length - 3} more`;
  const one = requests === 1;
  return `${requests.toLocaleString('en-US')} request${one ? '' : 's'} of ${names} ${one ? 'has' : 'have'} no price and ${one ? 'counts' : 'count'} as $0 in every cost shown: add ${models.length === 1 ? 'its price' : 'their prices'} under "prices:" in the config.`;
}
