// The landing page's usage: per agent, today, the last 7 and 30 days and all history (UTC days), each cost marked
// where it leaves out unpriced requests; and today's models in detail. From the ledger's hourly rollups, like scan.
import { utcDay } from '../accounting/daily.js';
import type { Engine } from '../engine.js';
import { isUnpriced, unpricedNote } from '../pricing/unpriced.js';
import { formatUsd } from '../reports/render/format.js';
import { esc, num, type LandingContext } from './landing-html.js';

const DAY_SEC = 86_400;

interface Cell {
  costNano: number;
  tokens: number;
  requests: number;
  unpriced: number;
}

const empty = (): Cell => ({ costNano: 0, tokens: 0, requests: 0, unpriced: 0 });

/** The windows shown, newest first: label, first UTC day (undefined: all history). */
function windows(nowMs: number): { label: string; since?: string; startSec: number }[] {
  const today = Math.floor(nowMs / 1000 / DAY_SEC) * DAY_SEC;
  return [
    { label: 'Today', since: utcDay(today), startSec: today },
    { label: 'Last 7 days', since: utcDay(today - 6 * DAY_SEC), startSec: today - 6 * DAY_SEC },
    { label: 'Last 30 days', since: utcDay(today - 29 * DAY_SEC), startSec: today - 29 * DAY_SEC },
    { label: 'All history', startSec: -Infinity },
  ];
}

/** Sums the rollups per agent and window; returns the cells, every unpriced model seen per window, and the last day with usage. */
function tally(engine: Engine, nowMs: number) {
  const wins = windows(nowMs);
  const agents = new Map<string, Cell[]>();
  const total = wins.map(empty);
  const unpricedModels = wins.map(() => new Set<string>());
  let lastSec = -Infinity; // only read once a rollup counted something
  for (const r of engine.ledger.rollups.all()) {
    if (r.requests === 0 && r.costNano === 0) continue;
    const cells = agents.get(r.agent) ?? wins.map(empty);
    agents.set(r.agent, cells);
    const unpriced = isUnpriced(engine.prices, r.model, r.requests, r.costNano);
    lastSec = Math.max(lastSec, r.hourStartSec);
    wins.forEach((w, i) => {
      if (r.hourStartSec < w.startSec) return;
      for (const c of [cells[i]!, total[i]!]) {
        c.costNano += r.costNano;
        c.tokens += r.inputTokens + r.outputTokens + r.cacheReadTokens + r.cacheWrite5mTokens + r.cacheWrite1hTokens;
        c.requests += r.requests;
        if (unpriced) c.unpriced += r.requests;
      }
      if (unpriced) unpricedModels[i]!.add(r.model);
    });
  }
  return { wins, agents, total, unpricedModels, lastSec };
}

/** A cost cell: "unpriced*" when nothing in it was priced, "$x*" when part was not, else the cost. */
function costCell(c: Cell): string {
  if (c.requests === 0) return '<td class="num muted">–</td>';
  if (c.unpriced === 0) return `<td class="num">${formatUsd(c.costNano / 1e9)}</td>`;
  return `<td class="num" title="leaves out requests of models without a price">${c.unpriced === c.requests ? 'unpriced' : formatUsd(c.costNano / 1e9)}*</td>`;
}

const tokensCell = (c: Cell): string => `<td class="num${c.requests === 0 ? ' muted' : ''}">${c.requests === 0 ? '–' : num(c.tokens)}</td>`;

/** Returns the usage section: per agent and window, with a total row, the unpriced note, and today's models. */
export function usageSection(ctx: LandingContext): string {
  const { wins, agents, total, unpricedModels, lastSec } = tally(ctx.engine, ctx.nowMs);
  const head = `<h2>Usage</h2>`;
  if (agents.size === 0) return `${head}<p id="no-usage">No usage recorded yet in the watched folders.</p>`;
  const groups = wins.map((w) => `<th colspan="2" class="group">${w.label}${w.since ? `<br><small>${w.label === 'Today' ? w.since : `since ${w.since}`}</small>` : ''}</th>`).join('');
  const sub = wins.map(() => '<th class="num">cost</th><th class="num">tokens</th>').join('');
  const rows = [...agents].sort(([a], [b]) => (a < b ? -1 : 1)).map(([agent, cells]) => `<tr><td>${esc(agent)}</td>${cells.map((c) => costCell(c) + tokensCell(c)).join('')}</tr>`).join('');
  const foot = agents.size > 1 ? `<tfoot><tr class="total"><td>total</td>${total.map((c) => costCell(c) + tokensCell(c)).join('')}</tr></tfoot>` : '';
  // The note speaks of what the table shows: models unpriced anywhere in history (the widest window).
  const models = [...unpricedModels[wins.length - 1]!];
  const note = models.length > 0 ? `<p class="note" id="unpriced">* ${esc(unpricedNote(models, total[wins.length - 1]!.unpriced))}</p>` : '';
  const quiet = total[2]!.requests === 0 ? `<p>No usage in the last 30 days; the latest was on ${utcDay(lastSec)}.</p>` : '';
  return `${head}${quiet}<table id="usage"><thead><tr><th rowspan="2">agent</th>${groups}</tr><tr>${sub}</tr></thead><tbody>${rows}</tbody>${foot}</table>${note}${todayByModel(ctx)}`;
}

/** Today's usage per agent and model with the token types apart (what the page showed before it had windows). */
function todayByModel(ctx: LandingContext): string {
  const start = Math.floor(ctx.nowMs / 1000 / DAY_SEC) * DAY_SEC;
  const rows = new Map<string, { agent: string; model: string; input: number; output: number; cacheWrite: number; cacheRead: number; costNano: number; requests: number; unpriced: boolean }>();
  for (const r of ctx.engine.ledger.rollups.all()) {
    if (r.hourStartSec < start || r.requests + r.costNano === 0) continue;
    const key = `${r.agent}\u001f${r.model}`;
    const row = rows.get(key) ?? { agent: r.agent, model: r.model, input: 0, output: 0, cacheWrite: 0, cacheRead: 0, costNano: 0, requests: 0, unpriced: false };
    row.input += r.inputTokens;
    row.output += r.outputTokens;
    row.cacheWrite += r.cacheWrite5mTokens + r.cacheWrite1hTokens;
    row.cacheRead += r.cacheReadTokens;
    row.costNano += r.costNano;
    row.requests += r.requests;
    row.unpriced ||= isUnpriced(ctx.engine.prices, r.model, r.requests, r.costNano);
    rows.set(key, row);
  }
  if (rows.size === 0) return '';
  const body = [...rows.values()]
    .sort((a, b) => (a.agent + a.model < b.agent + b.model ? -1 : 1))
    .map((r) => `<tr><td>${esc(r.agent)}</td><td>${esc(r.model)}</td><td class="num">${num(r.input)}</td><td class="num">${num(r.output)}</td><td class="num">${num(r.cacheWrite)}</td><td class="num">${num(r.cacheRead)}</td><td class="num">${r.unpriced ? 'unpriced*' : formatUsd(r.costNano / 1e9)}</td><td class="num">${num(r.requests)}</td></tr>`)
    .join('');
  return `<h3>Today by model</h3><table id="today"><thead><tr><th>agent</th><th>model</th><th class="num">input</th><th class="num">output</th><th class="num">cache write</th><th class="num">cache read</th><th class="num">cost</th><th class="num">requests</th></tr></thead><tbody>${body}</tbody></table>`;
}
