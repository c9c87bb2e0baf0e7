// Insights over the team logs (test/reports/team-logs.ts) against hand counts: tool calls once each despite a
// resumed copy, repeats by input, error categories, p95 from the duration buckets, small turns priced at the
// cheaper model, and the cost-per-session trend.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildReport } from '../../src/reports/build.js';
import type { Insight, ReportDocument } from '../../src/reports/document.js';
import type { ReportSources } from '../../src/reports/data.js';
import { quantile } from '../../src/reports/insights/tools.js';
import { TemplateSchema } from '../../src/reports/template/schema.js';
import { scanForReports, teamLogs, WEEK_A, WEEK_B } from './harness.js';

const template = TemplateSchema.parse({ name: 't', title: 'T', sections: [{ type: 'insights' }, { type: 'summary', metrics: ['toolCalls', 'toolErrors', 'repeatedToolCalls', 'prompts', 'sessions', 'costUsd'] }] });

describe('report insights (team logs)', () => {
  const logs = teamLogs();
  let src: ReportSources;
  let weekB: ReportDocument;
  const insight = (doc: ReportDocument, id: string): Insight => doc.sections.flatMap((s) => (s.type === 'insights' ? s.items : [])).find((i) => i.id === id)!;

  before(async () => {
    src = (await scanForReports(logs)).src;
    weekB = await buildReport(template, src, { range: WEEK_B, timezone: 'UTC' });
  });
  after(() => logs.cleanup());

  it('counts each tool call once although a resumed session copies them', () => {
    const summary = weekB.sections.find((s) => s.type === 'summary')!;
    const values = Object.fromEntries(summary.type === 'summary' ? summary.items.map((i) => [i.metric, [i.value, i.previous]]) : []);
    // Week B: Read ×2, Bash, exec_command ×2; week A: Grep. Prompts: S1, S1R, C1 (the copied S1 prompt does not count).
    assert.deepEqual(values.toolCalls, [5, 1]);
    assert.deepEqual(values.toolErrors, [2, 1]);
    assert.deepEqual(values.repeatedToolCalls, [2, 0]);
    assert.deepEqual(values.prompts, [3, 1]);
    assert.deepEqual(values.sessions, [3, 1]);
  });

  it('finds the repeated identical calls by input hash, per session', () => {
    const i = insight(weekB, 'repeatedToolCalls');
    assert.deepEqual(i.numbers.repeatedCalls, 2);
    assert.deepEqual(i.rows?.map((r) => [r.tool, r.calls, r.repeats]).sort(), [['Read', 2, 1], ['exec_command', 2, 1]]);
    // Each repeat is priced as one request of the week: $0.133215 / 7 requests.
    assert.equal(i.savingUsd, 2 * (Math.round(133_215_000 / 7) / 1e9));
  });

  it('names error hotspots by tool and category with advice', () => {
    const b = insight(weekB, 'toolErrorHotspots');
    assert.deepEqual(b.rows?.map((r) => [r.tool, r.category, r.errors]).sort(), [['Bash', 'exit_code', 1], ['exec_command', 'exit_code', 1]]);
    assert.match(b.suggestion ?? '', /exited non-zero/);
  });

  it('takes p95 from the duration buckets like histogram_quantile', () => {
    const s = insight(weekB, 'slowestTools');
    // Bash took 95 s: bucket (60, 120], so p95 = 60 + 60 × 0.95 and p50 = 60 + 60 × 0.5.
    assert.deepEqual(s.rows?.[0], { tool: 'Bash', timedCalls: 1, p50Seconds: 90, p95Seconds: 117, totalMinutes: 95 / 60, minutesAboveMedian: 5 / 60 });
    // Two calls in (1, 2.5] and two in (2.5, 5]: the median is the top of the first bucket, p95 interpolates the second.
    assert.equal(quantile(0.5, [0, 0, 0, 0, 2, 2]), 2.5);
    assert.equal(quantile(0.95, [0, 0, 0, 0, 2, 2]), 2.5 + 2.5 * (1.8 / 2));
    // Past the last bound (+Inf) the answer is the last bound, as in PromQL.
    assert.equal(quantile(0.99, [...new Array<number>(12).fill(0), 3]), 600);
  });

  it('prices small Opus turns at Sonnet from the price table', () => {
    const r = insight(weekB, 'modelRightSizing');
    const opus = r.rows?.find((x) => x.model === 'claude-opus-4-6');
    // A1..A3 (output 40, 30, 60; A4 grew from 10 to 1,200 so it is not small): input 15, output 130, cache read
    // 31,100, cache write 500. In nano-dollars, Opus (5/25/0.5/6.25 $/M): 75,000 + 3,250,000 + 15,550,000 + 3,125,000
    // = 22,000,000; Sonnet 4.5 (3/15/0.3/3.75): 45,000 + 1,950,000 + 9,330,000 + 1,875,000 = 13,200,000.
    assert.deepEqual(opus, { model: 'claude-opus-4-6', cheaperModel: 'claude-sonnet-4-5', smallTurns: 3, turnShare: 3 / 5, costUsd: 0.022, atCheaperUsd: 0.0132, savingUsd: 0.0088 });
    // Codex: 2 small turns; gpt-5-codex (1.25/10/0.125) vs gpt-5-mini (0.25/2/0.025) on input 4,000, output 150, cached 5,000.
    const codex = r.rows?.find((x) => x.model === 'gpt-5-codex');
    assert.deepEqual([codex?.smallTurns, codex?.costUsd, codex?.atCheaperUsd], [2, 0.007125, 0.001425]);
    assert.equal(r.savingUsd, 0.0145);
  });

  it('measures cache efficiency against the target and prices the gap', () => {
    const c = insight(weekB, 'cacheEfficiency');
    // Prompt: Opus 33 + 54,100 + 500; Codex 4,000 + 5,000. Codex reaches 90% with 3,100 more cached tokens at
    // (1.25 - 0.125) $/M each = $0.0034875; Opus is above the target.
    assert.equal(c.numbers.promptTokens, 63_633);
    assert.equal(c.numbers.cacheReadTokens, 59_100);
    assert.equal(c.savingUsd, 0.0034875);
    assert.equal(c.level, 'good');
  });

  it('compares cost per session with the previous period', () => {
    const v = insight(weekB, 'sessionVelocity');
    // Week B: $0.133215 over 3 sessions (S1, S1R, C1); week A: S2 alone, $0.01716.
    assert.equal(v.numbers.sessions, 3);
    assert.equal(v.numbers.costPerSessionUsd, 0.044405);
    assert.equal(v.numbers.previousCostPerSessionUsd, 0.01716);
    assert.equal(v.savingUsd, (0.044405 - 0.01716) * 3);
    assert.equal(v.level, 'warn');
  });

  it('reports nothing to fix in a week without tools', async () => {
    const weekA = await buildReport(template, src, { range: WEEK_A, timezone: 'UTC' });
    assert.equal(insight(weekA, 'repeatedToolCalls').level, 'good');
    const hot = insight(weekA, 'toolErrorHotspots');
    assert.deepEqual(hot.rows?.map((r) => [r.tool, r.category]), [['Grep', 'not_found']]);
    assert.match(hot.suggestion ?? '', /paths/);
  });
});
