// Model right-sizing: short sessions (a question, a small edit) that ran on an expensive model a cheaper one would
// likely handle. Short is judged per session, not per response: almost every response of an agent that drives tools
// is short, so a response's size says nothing about the task. The saving prices the same tokens at both models.
import { nanoToUsd, normalizeModelId } from '../../pricing/pricing.js';
import { type ScopedSession, sessionRows } from '../data.js';
import type { Insight, TableColumn } from '../document.js';
import { sessionUnpriced } from '../unpriced.js';
import { count, type InsightContext, plural, priceTokens, unitPrices, usd } from './context.js';

/** Returns the cheaper model for `model` from the prefix map (longest prefix wins), if any. */
export function cheaperModelFor(model: string, map: Record<string, string>): string | undefined {
  const id = normalizeModelId(model);
  let best: string | undefined;
  for (const prefix of Object.keys(map)) if (id.startsWith(prefix.toLowerCase()) && (!best || prefix.length > best.length)) best = prefix;
  const cheaper = best ? map[best] : undefined;
  return cheaper && normalizeModelId(cheaper) !== id ? cheaper : undefined;
}

const COLUMNS: TableColumn[] = [
  { key: 'model', label: 'Model', unit: 'text' },
  { key: 'cheaperModel', label: 'Cheaper model', unit: 'text' },
  { key: 'shortSessions', label: 'Short sessions', unit: 'count' },
  { key: 'sessionShare', label: 'Of its sessions', unit: 'ratio' },
  { key: 'costUsd', label: 'Cost (USD)', unit: 'usd' },
  { key: 'atCheaperUsd', label: 'On cheaper (USD)', unit: 'usd' },
  { key: 'savingUsd', label: 'Saving (USD)', unit: 'usd' },
];

/** Returns the model right-sizing insight. */
export function modelRightSizing(ctx: InsightContext): Insight {
  const { maxRequests, maxOutputTokens } = ctx.spec.smallSession;
  const min = ctx.spec.minSamples.sessions;
  const short = (s: ScopedSession): boolean => s.requests > 0 && s.requests <= maxRequests && (s.tokens[1] ?? 0) <= maxOutputTokens;
  const byModel = new Map<string, { all: number; short: ScopedSession[] }>();
  for (const s of sessionRows(ctx.src, ctx.scope)) {
    if (s.requests === 0 || sessionUnpriced(ctx.src, s)) continue;
    const m = byModel.get(s.lastModel) ?? { all: 0, short: [] };
    m.all += 1;
    if (short(s)) m.short.push(s);
    byModel.set(s.lastModel, m);
  }
  const rows: Record<string, string | number>[] = [];
  let savingNano = 0;
  let shortSessions = 0;
  let tooFew = 0;
  for (const [model, m] of byModel) {
    const cheaper = cheaperModelFor(model, ctx.spec.cheaperModels);
    const alt = cheaper ? unitPrices(ctx.src.prices, cheaper) : undefined;
    if (!cheaper || !alt || m.short.length === 0) continue;
    if (m.short.length < min) {
      tooFew += m.short.length;
      continue;
    }
    let now = 0;
    let atCheaper = 0;
    let priced = true;
    for (const s of m.short) {
      const c = priceTokens(alt, s.tokens);
      if (c === undefined) priced = false;
      now += s.costNano;
      atCheaper += c ?? 0;
    }
    // A cheaper model that cannot price these tokens (no cache-write price) gives no comparison.
    if (!priced || now <= atCheaper) continue;
    savingNano += now - atCheaper;
    shortSessions += m.short.length;
    rows.push({ model, cheaperModel: cheaper, shortSessions: m.short.length, sessionShare: m.short.length / m.all, costUsd: nanoToUsd(now), atCheaperUsd: nanoToUsd(atCheaper), savingUsd: nanoToUsd(now - atCheaper) });
  }
  rows.sort((a, b) => Number(b.savingUsd) - Number(a.savingUsd) || (String(a.model) < String(b.model) ? -1 : 1));
  const saving = nanoToUsd(savingNano);
  const top = rows[0];
  const shortText = `at most ${plural(maxRequests, 'model request')} and ${count(maxOutputTokens)} output tokens`;
  const base = { id: 'modelRightSizing' as const, title: 'Model right-sizing', numbers: { shortSessions, maxRequests, maxOutputTokens, savingUsd: saving } };
  if (!top) {
    if (tooFew > 0) {
      return { ...base, level: 'good', summary: `Too few short sessions (${shortText}) per model to suggest a cheaper one: ${tooFew} in all, and a model needs at least ${min}.`, skipped: `fewer than ${min} short sessions per model` };
    }
    return { ...base, level: 'good', summary: `No short sessions (${shortText}) ran on a model with a cheaper alternative.` };
  }
  return {
    ...base,
    level: saving >= 0.01 ? 'warn' : 'info',
    summary: `${plural(Number(top.shortSessions), 'session')} on ${String(top.model)} (${Math.round(Number(top.sessionShare) * 100)}% of its sessions) ${Number(top.shortSessions) === 1 ? 'was' : 'were'} short (${shortText}): ${Number(top.shortSessions) === 1 ? 'it' : 'they'} cost ${usd(Number(top.costUsd))} and would cost ${usd(Number(top.atCheaperUsd))} on ${String(top.cheaperModel)}.${rows.length > 1 ? ` ${plural(rows.length - 1, 'more model')} in the table.` : ''}`,
    suggestion: `Start quick questions and small edits on a cheaper model: e.g. /model ${String(top.cheaperModel)}, or a subagent with a smaller model, and keep ${String(top.model)} for planning and hard problems.`,
    savingUsd: saving,
    assumption: `Short sessions (${shortText}) are routine tasks the cheaper model would finish with the same tokens; both are priced at their base rates.`,
    rows: rows.slice(0, ctx.spec.limit),
    columns: COLUMNS,
  };
}
