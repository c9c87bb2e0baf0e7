// Summary, chart and table sections over the team logs: changes against the previous period, every time bucket
// present (empty ones at 0), label groups capped with "other", long ranges stepped up to weeks, tables sorted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReportSources } from '../../src/reports/data.js';
import { buildChart, buildSummary, buildTable } from '../../src/reports/sections.js';
import { TemplateSchema, type ChartSpec, type SummarySpec, type TableSpec } from '../../src/reports/template/schema.js';
import { scanForReports, teamLogs, WEEK_A, WEEK_B } from './harness.js';

const section = <T>(s: Record<string, unknown>): T => TemplateSchema.parse({ name: 's', title: 'S', sections: [s] }).sections[0] as T;
const utc = (range: { startMs: number; endMs: number }) => ({ range, tz: 'UTC' });

describe('report sections (team logs)', () => {
  const logs = teamLogs();
  let src: ReportSources;
  before(async () => {
    src = (await scanForReports(logs)).src;
  });
  after(() => logs.cleanup());

  it('summarizes with the change against the previous week', () => {
    const s = buildSummary(section<SummarySpec>({ type: 'summary', metrics: ['costUsd', 'sessions', 'apiErrors'] }), src, utc(WEEK_B), utc(WEEK_A));
    assert.deepEqual(s.items.map((i) => [i.metric, i.value, i.previous, i.change]), [
      ['costUsd', 0.133215, 0.01716, (0.133215 - 0.01716) / 0.01716],
      ['sessions', 3, 1, 2],
      ['apiErrors', 0, 0, undefined],
    ]);
  });

  it('charts every hour of a day, and steps a year of days up to weeks', () => {
    const day = { startMs: Date.parse('2026-03-10T00:00:00Z'), endMs: Date.parse('2026-03-11T00:00:00Z') };
    const hours = buildChart(section<ChartSpec>({ type: 'chart', metric: 'requests', by: 'hour' }), src, utc(day));
    assert.equal(hours.points.length, 24);
    assert.deepEqual(hours.points.filter((p) => p.value > 0).map((p) => [p.label, p.value]), [['2026-03-10 10:00', 4], ['2026-03-10 14:00', 1]]);
    const year = { startMs: Date.parse('2026-01-01T00:00:00Z'), endMs: Date.parse('2027-01-01T00:00:00Z') };
    const weeks = buildChart(section<ChartSpec>({ type: 'chart', metric: 'costUsd', by: 'day', title: 'Cost per day' }), src, utc(year));
    // The title says what a bar is: "per day" becomes "per week" (a title without it gets "(per week)").
    assert.deepEqual([weeks.by, weeks.title, weeks.points.length], ['week', 'Cost per week', 53]);
    const untitled = buildChart(section<ChartSpec>({ type: 'chart', metric: 'costUsd', by: 'day' }), src, utc(year));
    assert.equal(untitled.title, 'Cost (USD) by week');
    assert.equal(weeks.points.reduce((a, p) => a + p.value, 0).toFixed(6), '0.150375');
  });

  it('keeps the largest groups and sums the rest as other', () => {
    const byModel = buildChart(section<ChartSpec>({ type: 'chart', chart: 'pie', metric: 'costUsd', by: 'model', limit: 1 }), src, utc({ startMs: WEEK_A.startMs, endMs: WEEK_B.endMs }));
    assert.deepEqual(byModel.points.map((p) => [p.label, p.value]), [['claude-opus-4-6', 0.12609], ['other (2)', 0.01716 + 0.007125]]);
    const byCategory = buildChart(section<ChartSpec>({ type: 'chart', metric: 'toolErrors', by: 'errorCategory' }), src, utc({ startMs: WEEK_A.startMs, endMs: WEEK_B.endMs }));
    assert.deepEqual(byCategory.points.map((p) => [p.key, p.value]), [['exit_code', 2], ['not_found', 1]]);
  });

  it('lists sessions and tools, sorted, with every column filled', () => {
    const sessions = buildTable(section<TableSpec>({ type: 'table', rows: 'sessions', columns: ['session', 'project', 'requests', 'toolCalls', 'costUsd'], sort: 'costUsd' }), src, utc(WEEK_B));
    // S1R's one 2,500-token answer ($0.06854) costs more than S1's four responses ($0.05755); Codex $0.007125.
    assert.deepEqual(sessions.items.map((r) => [r.project, r.requests, r.toolCalls, r.costUsd]), [['shop', 1, 0, 0.06854], ['shop', 4, 3, 0.05755], ['api', 2, 2, 0.007125]]);
    const tools = buildTable(section<TableSpec>({ type: 'table', rows: 'tools', columns: ['tool', 'toolCalls', 'toolErrors', 'repeatedToolCalls'], sort: 'tool', order: 'asc' }), src, utc(WEEK_B));
    assert.deepEqual(tools.items, [
      { tool: 'Bash', toolCalls: 1, toolErrors: 1, repeatedToolCalls: 0 },
      { tool: 'Read', toolCalls: 2, toolErrors: 0, repeatedToolCalls: 1 },
      { tool: 'exec_command', toolCalls: 2, toolErrors: 1, repeatedToolCalls: 1 },
    ]);
  });
});
