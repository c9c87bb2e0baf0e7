// Budgets from the config and spend so far in the UTC day and month, summed from hourly rollups.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rollups } from '../../src/accounting/rollups.js';
import { budgetSamples, periodBounds, spendSamples } from '../../src/health/budgets.js';
import { BudgetsSchema } from '../../src/health/config.js';

const tokens = { input: 1, output: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 };
const usd = (n: number) => n * 1e9; // rollups keep nano-dollars

describe('periodBounds', () => {
  it('gives UTC day and calendar month, including a 29-day February', () => {
    const b = periodBounds(Date.UTC(2028, 1, 29, 23, 59, 59));
    assert.deepEqual(b, {
      day: { startSec: Date.UTC(2028, 1, 29) / 1000, endSec: Date.UTC(2028, 2, 1) / 1000 },
      month: { startSec: Date.UTC(2028, 1, 1) / 1000, endSec: Date.UTC(2028, 2, 1) / 1000 },
    });
  });
});

describe('spendSamples', () => {
  const now = Date.UTC(2026, 2, 15, 12, 30);
  const r = new Rollups();
  r.add(Date.UTC(2026, 2, 15, 0, 0), 'claude-code', 'alpha', 'm', tokens, usd(1.5), 1); // today
  r.add(Date.UTC(2026, 2, 15, 11, 59), 'codex', 'alpha', 'm', tokens, usd(0.25), 1); // today, other agent
  r.add(Date.UTC(2026, 2, 14, 23, 59), 'claude-code', 'beta', 'm', tokens, usd(2), 1); // yesterday: month only
  r.add(Date.UTC(2026, 2, 1, 0, 0), 'claude-code', 'gamma', 'm', tokens, usd(4), 1); // first hour of the month
  r.add(Date.UTC(2026, 1, 28, 23, 59), 'claude-code', 'alpha', 'm', tokens, usd(100), 1); // last month: never
  it('sums today and this month, in total and per project label, sorted; budgeted projects appear at 0', () => {
    const got = spendSamples(r.all(), now, (p) => (p === 'gamma' ? 'other' : p), ['zeta']);
    assert.deepEqual(got, [
      { scope: 'total', period: 'day', usd: 1.75 },
      { scope: 'total', period: 'month', usd: 7.75 },
      { scope: 'project', project: 'alpha', period: 'day', usd: 1.75 },
      { scope: 'project', project: 'alpha', period: 'month', usd: 1.75 },
      { scope: 'project', project: 'beta', period: 'day', usd: 0 },
      { scope: 'project', project: 'beta', period: 'month', usd: 2 },
      { scope: 'project', project: 'other', period: 'day', usd: 0 },
      { scope: 'project', project: 'other', period: 'month', usd: 4 },
      { scope: 'project', project: 'zeta', period: 'day', usd: 0 },
      { scope: 'project', project: 'zeta', period: 'month', usd: 0 },
    ]);
  });
  it('hours after today (a clock running ahead) count in the month, not today; hours of next month in neither', () => {
    const ahead = new Rollups();
    ahead.add(Date.UTC(2026, 2, 16, 0, 0), 'claude-code', 'alpha', 'm', tokens, usd(3), 1); // first hour of tomorrow
    ahead.add(Date.UTC(2026, 3, 1, 0, 0), 'claude-code', 'alpha', 'm', tokens, usd(50), 1); // first hour of next month
    assert.deepEqual(spendSamples(ahead.all(), now, (p) => p), [
      { scope: 'total', period: 'day', usd: 0 },
      { scope: 'total', period: 'month', usd: 3 },
      { scope: 'project', project: 'alpha', period: 'day', usd: 0 },
      { scope: 'project', project: 'alpha', period: 'month', usd: 3 },
    ]);
  });
  it('starts again at 0 on the first day of the next month', () => {
    const got = spendSamples(r.all(), Date.UTC(2026, 3, 1, 0, 0, 1), (p) => p);
    assert.deepEqual(got, [
      { scope: 'total', period: 'day', usd: 0 },
      { scope: 'total', period: 'month', usd: 0 },
    ]);
  });
});

describe('budgetSamples', () => {
  it('exports exactly the budgets configured, project names as labels', () => {
    const cfg = BudgetsSchema.parse({ total: { day: 50 }, projects: { 'web app': { day: 5, month: 80 } } });
    assert.deepEqual(budgetSamples(cfg), [
      { scope: 'total', period: 'day', usd: 50 },
      { scope: 'project', project: 'web_app', period: 'day', usd: 5 },
      { scope: 'project', project: 'web_app', period: 'month', usd: 80 },
    ]);
  });
  it('a project with a monthly budget only has no daily one (and the reverse)', () => {
    const cfg = BudgetsSchema.parse({ projects: { api: { month: 200 }, docs: { day: 2 } } });
    assert.deepEqual(budgetSamples(cfg), [
      { scope: 'project', project: 'api', period: 'month', usd: 200 },
      { scope: 'project', project: 'docs', period: 'day', usd: 2 },
    ]);
  });
  it('is empty by default, and rejects a budget of 0 or less', () => {
    assert.deepEqual(budgetSamples(BudgetsSchema.parse(undefined)), []);
    assert.equal(BudgetsSchema.safeParse({ total: { month: 0 } }).success, false);
    assert.equal(BudgetsSchema.safeParse({ total: { week: 10 } }).success, false);
  });
});
