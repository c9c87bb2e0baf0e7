// Model right-sizing: responses of an expensive model with small outputs (short tool-driving turns) that a
// cheaper model would likely handle. The saving prices the same tokens at both models' base rates.
import { nanoToUsd, normalizeModelId } from '../../pricing/pricing.js';
import { OUTPUT_SIZE_BOUNDS } from '../activity/store.js';
import { turnRows } from '../data.js';
import type { Insight } from '../document.js';
import { type InsightContext, pct, priceTokens, unitPrices, usd } from './context.js';

/** Returns the cheaper model for `model` from the prefix map (longest prefix wins), if any. */
export function cheaperModelFor(model: string, map: Record<string, string>): string | undefined {
  const id = normalizeModelId(model);
  let best: string | undefined;
  for (const prefix of Object.keys(map)) if (id.startsWith(prefix.toLowerCase()) && (!best || prefix.length > best.length)) best = prefix;
  const cheaper = best ? map[best] : undefined;
  return cheaper && normalizeModelId(cheaper) !== id ? cheaper : undefined;
}

/** Returns the model right-sizing insight. */
export function modelRightSizing(ctx: InsightContext): Insight {
  // Size classes are fixed when counting; the threshold used is the largest class bound within the template's.
  const classes = OUTPUT_SIZE_BOUNDS.filter((b) => b <= ctx.spec.smallTurnOutputTokens).length;
  const threshold = OUTPUT_SIZE_BOUNDS[classes - 1] ?? 0;
  const byModel = new Map<string, { turns: number; small: number; tokens: number[] }>();
  for (const r of turnRows(ctx.src, ctx.scope)) {
    const m = byModel.get(r.model) ?? { turns: 0, small: 0, tokens: [0, 0, 0, 0, 0] };
    r.classes.forEach((c, i) => {
      m.turns += c[0] ?? 0;
      if (i >= classes) return;
      m.small += c[0] ?? 0;
      for (let t = 0; t < 5; t++) m.tokens[t] = (m.tokens[t] ?? 0) + (c[t + 1] ?? 0);
    });
    byModel.set(r.model, m);
  }
  const rows: Record<string, string | number>[] = [];
  let savingNano = 0;
  let small = 0;
  for (const [model, m] of byModel) {
    const cheaper = cheaperModelFor(model, ctx.spec.cheaperModels);
    const now = unitPrices(ctx.src.prices, model);
    const alt = cheaper ? unitPrices(ctx.src.prices, cheaper) : undefined;
    if (!cheaper || !now || !alt || m.small === 0) continue;
    const costNow = priceTokens(now, m.tokens);
    const costAlt = priceTokens(alt, m.tokens);
    if (costNow <= costAlt) continue;
    savingNano += costNow - costAlt;
    small += m.small;
    rows.push({ model, cheaperModel: cheaper, smallTurns: m.small, turnShare: m.small / m.turns, costUsd: nanoToUsd(costNow), atCheaperUsd: nanoToUsd(costAlt), savingUsd: nanoToUsd(costNow - costAlt) });
  }
  rows.sort((a, b) => Number(b.savingUsd) - Number(a.savingUsd));
  const saving = nanoToUsd(savingNano);
  const top = rows[0];
  return {
    id: 'modelRightSizing',
    title: 'Model right-sizing',
    level: saving >= 0.01 ? 'warn' : small > 0 ? 'info' : 'good',
    summary: top
      ? `${small} responses of at most ${threshold} output tokens ran on expensive models; ${top.model} handled ${top.smallTurns} of them (${pct(Number(top.turnShare))} of its turns). The same tokens on ${top.cheaperModel} would cost ${usd(Number(top.atCheaperUsd))} instead of ${usd(Number(top.costUsd))}.`
      : `No small responses (at most ${threshold} output tokens) ran on a model with a cheaper alternative.`,
    ...(top ? { suggestion: `Use a cheaper model for routine, short turns (file reads, small edits, searches): e.g. /model ${String(top.cheaperModel)} or a subagent with a smaller model, and keep ${String(top.model)} for planning and hard problems.` } : {}),
    savingUsd: saving,
    numbers: { smallTurns: small, smallTurnOutputTokens: threshold, savingUsd: saving },
    rows: rows.slice(0, ctx.spec.limit),
  };
}
