// Cache efficiency: how much of the prompt was read from the prompt cache, and what reaching the target hit ratio
// would save (the extra cached input priced at input minus cache-read price). Judged per priced model with enough
// requests; the sentence names exactly the models the table lists.
import { nanoToUsd } from '../../pricing/pricing.js';
import { isUnpriced } from '../../pricing/unpriced.js';
import { usageRows } from '../data.js';
import type { Insight, TableColumn } from '../document.js';
import { type InsightContext, pct, plural, unitPrices, usd } from './context.js';

const COLUMNS: TableColumn[] = [
  { key: 'model', label: 'Model', unit: 'text' },
  { key: 'requests', label: 'Requests', unit: 'count' },
  { key: 'hitRatio', label: 'Hit ratio', unit: 'ratio' },
  { key: 'uncachedInputTokens', label: 'Uncached input', unit: 'tokens' },
  { key: 'savingUsd', label: 'Saving (USD)', unit: 'usd' },
];

/** Returns "a, b and c" (with "and N more" beyond `limit`). */
function names(list: string[], limit: number): string {
  const shown = list.slice(0, limit);
  if (list.length > limit) return `${shown.join(', ')} and ${list.length - limit} more`;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Returns the cache-efficiency insight. */
export function cacheEfficiency(ctx: InsightContext): Insight {
  const byModel = new Map<string, { input: number; cacheRead: number; cacheWrite: number; requests: number; unpriced: boolean }>();
  for (const r of usageRows(ctx.src, ctx.scope)) {
    const m = byModel.get(r.model) ?? { input: 0, cacheRead: 0, cacheWrite: 0, requests: 0, unpriced: false };
    m.input += r.inputTokens;
    m.cacheRead += r.cacheReadTokens;
    m.cacheWrite += r.cacheWrite5mTokens + r.cacheWrite1hTokens;
    m.requests += r.requests;
    m.unpriced ||= isUnpriced(ctx.src.prices, r.model, r.requests, r.costNano);
    byModel.set(r.model, m);
  }
  const target = ctx.spec.targetCacheHitRatio;
  const min = ctx.spec.minSamples.requests;
  let prompt = 0;
  let read = 0;
  let savedNano = 0;
  let potentialNano = 0;
  let judged = 0;
  let tooFew = 0;
  const rows: Record<string, string | number>[] = [];
  for (const [model, m] of byModel) {
    const modelPrompt = m.input + m.cacheRead + m.cacheWrite;
    prompt += modelPrompt;
    read += m.cacheRead;
    const p = m.unpriced ? undefined : unitPrices(ctx.src.prices, model);
    if (!p || modelPrompt === 0 || p[0] < 0 || p[2] < 0) continue;
    const discount = Math.max(0, p[0] - p[2]);
    savedNano += m.cacheRead * discount;
    if (m.requests < min) {
      tooFew += 1;
      continue;
    }
    judged += 1;
    const extra = Math.min(m.input, Math.max(0, Math.floor(target * modelPrompt) - m.cacheRead));
    if (extra * discount === 0) continue;
    potentialNano += extra * discount;
    rows.push({ model, requests: m.requests, hitRatio: m.cacheRead / modelPrompt, uncachedInputTokens: m.input, savingUsd: nanoToUsd(extra * discount) });
  }
  rows.sort((a, b) => Number(b.savingUsd) - Number(a.savingUsd) || (String(a.model) < String(b.model) ? -1 : 1));
  const hit = prompt > 0 ? read / prompt : 0;
  const saving = nanoToUsd(potentialNano);
  const base = { id: 'cacheEfficiency' as const, title: 'Cache efficiency' };
  const ratio = `${pct(hit)} of prompt tokens were read from the cache (target ${pct(target)})`;
  const numbers = { hitRatio: hit, targetHitRatio: target, promptTokens: prompt, cacheReadTokens: read, savedUsd: nanoToUsd(savedNano), savingUsd: saving, modelsJudged: judged };
  if (prompt === 0) return { ...base, level: 'good', summary: 'No prompt tokens in this period.', skipped: 'no prompt tokens', numbers };
  if (judged === 0) {
    return { ...base, level: 'good', summary: `${ratio}. No priced model had the ${min} requests needed to judge its cache use.`, skipped: `fewer than ${min} requests per priced model`, numbers };
  }
  const listed = rows.slice(0, ctx.spec.limit).map((r) => String(r.model));
  const few = tooFew > 0 ? ` ${plural(tooFew, 'model')} with fewer than ${min} requests ${tooFew === 1 ? 'is' : 'are'} not judged.` : '';
  const level = rows.length === 0 || saving < 0.01 ? 'good' : hit < target ? 'warn' : 'info';
  return {
    ...base,
    level,
    summary: `${ratio}; on priced models, reading them from the cache cost ${usd(nanoToUsd(savedNano))} less than sending them uncached.${rows.length > 0 ? ` Below the target: ${names(rows.map((r) => String(r.model)), listed.length)}.` : ''}${few}`,
    ...(rows.length > 0 && level !== 'good' ? { suggestion: 'Keep the start of the context stable (system prompt, CLAUDE.md/AGENTS.md, early files) and continue sessions instead of restarting them, so the cached prefix is reused.' } : {}),
    ...(saving > 0
      ? { savingUsd: saving, assumption: 'Reaching the target would serve that much more of the prompt from the cache at the cache-read price instead of the input price; the cache writes this takes are not counted, so it is an upper bound.' }
      : {}),
    numbers,
    rows: rows.slice(0, ctx.spec.limit),
    columns: COLUMNS,
  };
}
