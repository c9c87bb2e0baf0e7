// Cache efficiency: how much of the prompt was read from the prompt cache, what the cache already saved, and
// what reaching the target hit ratio would save (extra cached input priced at input minus cache-read price).
import { nanoToUsd } from '../../pricing/pricing.js';
import { usageRows } from '../data.js';
import type { Insight } from '../document.js';
import { type InsightContext, pct, unitPrices, usd } from './context.js';

/** Returns the cache-efficiency insight. */
export function cacheEfficiency(ctx: InsightContext): Insight {
  const byModel = new Map<string, { input: number; cacheRead: number; cacheWrite: number }>();
  for (const r of usageRows(ctx.src, ctx.scope)) {
    const m = byModel.get(r.model) ?? { input: 0, cacheRead: 0, cacheWrite: 0 };
    m.input += r.inputTokens;
    m.cacheRead += r.cacheReadTokens;
    m.cacheWrite += r.cacheWrite5mTokens + r.cacheWrite1hTokens;
    byModel.set(r.model, m);
  }
  const target = ctx.spec.targetCacheHitRatio;
  let prompt = 0;
  let read = 0;
  let savedNano = 0;
  let potentialNano = 0;
  const rows: Record<string, string | number>[] = [];
  for (const [model, m] of byModel) {
    const p = unitPrices(ctx.src.prices, model);
    const modelPrompt = m.input + m.cacheRead + m.cacheWrite;
    prompt += modelPrompt;
    read += m.cacheRead;
    if (!p || modelPrompt === 0) continue;
    const discount = Math.max(0, p[0] - p[2]);
    const extra = Math.min(m.input, Math.max(0, Math.floor(target * modelPrompt) - m.cacheRead));
    savedNano += m.cacheRead * discount;
    potentialNano += extra * discount;
    rows.push({ model, hitRatio: m.cacheRead / modelPrompt, uncachedInputTokens: m.input, savedUsd: nanoToUsd(m.cacheRead * discount), savingUsd: nanoToUsd(extra * discount) });
  }
  rows.sort((a, b) => Number(b.savingUsd) - Number(a.savingUsd));
  const hit = prompt > 0 ? read / prompt : 0;
  const saving = nanoToUsd(potentialNano);
  // The whole can meet the target while one model (often a second agent) stays far below it.
  const level = saving < 0.01 ? 'good' : hit < target ? 'warn' : 'info';
  const below = rows.filter((r) => Number(r.savingUsd) > 0).map((r) => String(r.model));
  return {
    id: 'cacheEfficiency',
    title: 'Cache efficiency',
    level,
    summary: prompt === 0
      ? 'No prompt tokens in this period.'
      : `${pct(hit)} of prompt tokens were read from the cache (target ${pct(target)}); the cache saved ${usd(nanoToUsd(savedNano))}.${level === 'good' ? '' : ` Below the target: ${below.slice(0, 3).join(', ')}.`}`,
    ...(level === 'good' ? {} : { suggestion: 'Keep the start of the context stable (system prompt, CLAUDE.md/AGENTS.md, early files) and continue sessions instead of restarting them, so the cached prefix is reused.' }),
    savingUsd: saving,
    numbers: { hitRatio: hit, targetHitRatio: target, promptTokens: prompt, cacheReadTokens: read, savedUsd: nanoToUsd(savedNano), savingUsd: saving },
    rows: rows.slice(0, ctx.spec.limit),
  };
}
