// Budgets and spend to date, for agentmon_budget_usd and agentmon_spend_usd. Spend comes from the ledger's hourly
// rollups (UTC day / month so far), so it is exact and does not depend on how long Prometheus has been scraping.
import { sanitizeLabel } from '../accounting/labels.js';
import type { RollupRow } from '../accounting/rollups.js';
import type { BudgetsConfig } from './config.js';

export type BudgetPeriod = 'day' | 'month';

/** One sample of agentmon_budget_usd or agentmon_spend_usd; `project` is absent for scope="total". */
export interface BudgetSample {
  scope: 'total' | 'project';
  project?: string;
  period: BudgetPeriod;
  usd: number;
}

/** Returns the start (Unix seconds) of the UTC day and month containing `nowMs`, and of the next ones. */
export function periodBounds(nowMs: number): Record<BudgetPeriod, { startSec: number; endSec: number }> {
  const d = new Date(nowMs);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / 1000;
  const month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
  const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
  return { day: { startSec: day, endSec: day + 86_400 }, month: { startSec: month, endSec: nextMonth } };
}

/** Returns the configured budgets as samples (project names as labels). */
export function budgetSamples(cfg: BudgetsConfig): BudgetSample[] {
  const out: BudgetSample[] = [];
  for (const period of ['day', 'month'] as const) {
    const total = cfg.total[period];
    if (total !== undefined) out.push({ scope: 'total', period, usd: total });
  }
  for (const [name, b] of Object.entries(cfg.projects)) {
    for (const period of ['day', 'month'] as const) {
      const usd = b[period];
      if (usd !== undefined) out.push({ scope: 'project', project: sanitizeLabel(name), period, usd });
    }
  }
  return out;
}

/**
 * Returns spend so far in the current UTC day and month: in total (always present) and per project label (every
 * project with spend this month, and every budgeted project, at 0 when it spent nothing).
 */
export function spendSamples(rows: Iterable<RollupRow>, nowMs: number, projectLabel: (raw: string) => string, budgeted: Iterable<string> = []): BudgetSample[] {
  const bounds = periodBounds(nowMs);
  const nano = { day: 0, month: 0 };
  const perProject = new Map<string, { day: number; month: number }>();
  for (const p of budgeted) perProject.set(p, { day: 0, month: 0 });
  for (const r of rows) {
    if (r.hourStartSec < bounds.month.startSec || r.hourStartSec >= bounds.month.endSec) continue;
    const project = projectLabel(r.project);
    let p = perProject.get(project);
    if (!p) perProject.set(project, (p = { day: 0, month: 0 }));
    p.month += r.costNano;
    nano.month += r.costNano;
    if (r.hourStartSec >= bounds.day.startSec && r.hourStartSec < bounds.day.endSec) {
      p.day += r.costNano;
      nano.day += r.costNano;
    }
  }
  const out: BudgetSample[] = [
    { scope: 'total', period: 'day', usd: nano.day / 1e9 },
    { scope: 'total', period: 'month', usd: nano.month / 1e9 },
  ];
  for (const [project, p] of [...perProject].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push({ scope: 'project', project, period: 'day', usd: p.day / 1e9 }, { scope: 'project', project, period: 'month', usd: p.month / 1e9 });
  }
  return out;
}
