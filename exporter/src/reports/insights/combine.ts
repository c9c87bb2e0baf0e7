// Puts the insights' savings together so that no dollar is claimed twice and the total never exceeds what was
// spent. Each saving is first capped at the period's priced spend, then applied to what the savings before it leave:
// if the first could save 20% of the spend, a second one's 10% applies to the remaining 80% (8%). Rows are scaled
// with their insight, so they still add up to it.
import type { Insight } from '../document.js';

/** The order savings are taken in: the most direct waste first. */
const ORDER = ['toolErrorHotspots', 'repeatedToolCalls', 'modelRightSizing', 'cacheEfficiency'];

const toNano = (usd: number): number => Math.round(usd * 1e9);

/** Adjusts the insights' `savingUsd` in place; returns the total saving in USD. */
export function combineSavings(items: Insight[], spendNano: number): number {
  const rank = (i: Insight): number => (ORDER.includes(i.id) ? ORDER.indexOf(i.id) : ORDER.length);
  let remaining = spendNano;
  for (const item of [...items].sort((a, b) => rank(a) - rank(b))) {
    if (item.savingUsd === undefined) continue;
    const gross = Math.min(toNano(item.savingUsd), spendNano);
    const net = spendNano > 0 ? Math.floor((gross * remaining) / spendNano) : 0;
    remaining -= net;
    if (net <= 0) {
      // Nothing left to claim (or nothing priced): no saving line, and so no assumption either.
      delete item.savingUsd;
      if (item.savingMinutes === undefined) delete item.assumption;
      item.numbers.savingUsd = 0;
      for (const r of item.rows ?? []) if (typeof r.savingUsd === 'number') r.savingUsd = 0;
      continue;
    }
    const own = toNano(item.savingUsd);
    if (net !== own) {
      item.numbers.savingOnItsOwnUsd = own / 1e9;
      const factor = net / own;
      for (const r of item.rows ?? []) if (typeof r.savingUsd === 'number') r.savingUsd = Math.floor(toNano(r.savingUsd) * factor) / 1e9;
    }
    item.savingUsd = net / 1e9;
    item.numbers.savingUsd = item.savingUsd;
  }
  return (spendNano - remaining) / 1e9;
}
