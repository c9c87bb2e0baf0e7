// Insights over the team logs (test/reports/team-logs.ts) against hand counts, with the sample thresholds at 1 so
// every insight speaks: tool calls once each despite a resumed copy, repeats by input (a repeat that failed counts
// once, as an error), waste priced per agent, short sessions priced at the cheaper model, the cache gap, and the
// savings combined so that none overlaps and their total stays within the spend. Where each must stay silent:
// insight-silence.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildReport } from '../../src/reports/build.js';
import type { Insight, InsightsResult, ReportDocument } from '../../src/reports/document.js';
import type { ReportSources } from '../../src/reports/data.js';
import { quantile } from '../../src/reports/insights/slowest.js';
import { TemplateSchema } from '../../src/reports/template/schema.js';
import { scanForReports, teamLogs, WEEK_A, WEEK_B } from './harness.js';

const template = TemplateSchema.parse({
  name: 't',
  title: 'T',
  sections: [{ type: 'insights', minSamples: { sessions: 1, requests: 1, toolCalls: 1 } }, { type: 'summary', metrics: ['toolCalls', 'toolErrors', 'repeatedToolCalls', 'prompts', 'sessions', 'costUsd'] }],
});

// Week B's priced spend and requests per agent (nano-dollars): Claude Code 5 requests for $0.12609, Codex 2 for $0.007125.
const SPEND = 133_215_000;
const CLAUDE_REQUEST = 126_090_000 / 5;
const CODEX_REQUEST = 7_125_000 / 2;

describe('report insights (team logs)', () => {
  const logs = teamLogs();
  let src: ReportSources;
  let weekB: ReportDocument;
  const section = (doc: ReportDocument): InsightsResult => doc.sections.find((s): s is InsightsResult => s.type === 'insights')!;
  const insight = (doc: ReportDocument, id: string): Insight => section(doc).items.find((i) => i.id === id)!;

  before(async () => {
    src = (await scanForReports(logs)).src;
    weekB = await buildReport(template, src, { range: WEEK_B, timezone: 'UTC' });
  });
  after(() => logs.cleanup());

  it('calls the section "Insights" when the template gives it no title', () => {
    assert.equal(section(weekB).title, 'Insights');
  });

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

  it('takes each saving from what the ones before it leave, so none overlaps and the total stays within the spend', () => {
    // On their own: errors Bash (Claude) + exec_command (Codex); repeats Read (Claude) only, since the repeated
    // exec_command failed and is already an error; short sessions S1 (Opus → Sonnet 4.6) and C1 (gpt-5-codex →
    // gpt-5-mini); Codex's cache gap of 3,100 tokens × $1.125/M.
    const own = { toolErrorHotspots: CLAUDE_REQUEST + CODEX_REQUEST, repeatedToolCalls: CLAUDE_REQUEST, modelRightSizing: 23_020_000 + 5_700_000, cacheEfficiency: 3_487_500 };
    let remaining = SPEND;
    const expected: Record<string, number> = {};
    for (const [id, gross] of Object.entries(own)) {
      const net = Math.floor((gross * remaining) / SPEND);
      expected[id] = net / 1e9;
      remaining -= net;
    }
    const s = section(weekB);
    for (const id of Object.keys(own)) assert.equal(insight(weekB, id).savingUsd, expected[id], id);
    assert.equal(s.spendUsd, SPEND / 1e9);
    assert.equal(s.savingUsd, (SPEND - remaining) / 1e9);
    assert.ok(s.savingUsd < s.spendUsd);
    // The first one is whole; a later one says what it would save on its own.
    assert.equal(insight(weekB, 'toolErrorHotspots').numbers.savingOnItsOwnUsd, undefined);
    assert.equal(insight(weekB, 'repeatedToolCalls').numbers.savingOnItsOwnUsd, CLAUDE_REQUEST / 1e9);
    for (const id of Object.keys(own)) assert.ok(insight(weekB, id).assumption, `${id} has its assumption`);
  });

  it('finds the repeated identical calls by input hash, per session', () => {
    const i = insight(weekB, 'repeatedToolCalls');
    assert.deepEqual(i.numbers.repeatedCalls, 2);
    assert.deepEqual(i.rows?.map((r) => [r.tool, r.calls, r.repeats]).sort(), [['Read', 2, 1], ['exec_command', 2, 1]]);
    // The repeated exec_command failed: its row claims nothing here.
    assert.equal(i.rows?.find((r) => r.tool === 'exec_command')?.savingUsd, 0);
  });

  it('names error hotspots by tool and category with advice', () => {
    const b = insight(weekB, 'toolErrorHotspots');
    assert.deepEqual(b.rows?.map((r) => [r.tool, r.category, r.errors, r.calls]).sort(), [['Bash', 'exit_code', 1, 1], ['exec_command', 'exit_code', 1, 2]]);
    // Each priced at its own agent's average request, not at the week's.
    assert.deepEqual(b.rows?.map((r) => [r.tool, r.savingUsd]).sort(), [['Bash', CLAUDE_REQUEST / 1e9], ['exec_command', CODEX_REQUEST / 1e9]]);
    assert.match(b.suggestion ?? '', /exited non-zero/);
  });

  it('takes p95 from the duration buckets like histogram_quantile', () => {
    const s = insight(weekB, 'slowestTools');
    // Bash took 95 s: bucket (60, 120], so p95 = 60 + 60 × 0.95 and p50 = 60 + 60 × 0.5 (one call: here only
    // because the template asks for 1 timed call; the default 20 keeps this silent).
    assert.deepEqual(s.rows?.[0], { tool: 'Bash', timedCalls: 1, p50Seconds: 90, p95Seconds: 117, totalMinutes: 95 / 60, minutesAboveMedian: 5 / 60 });
    assert.equal(quantile(0.5, [0, 0, 0, 0, 2, 2]), 2.5);
    assert.equal(quantile(0.95, [0, 0, 0, 0, 2, 2]), 2.5 + 2.5 * (1.8 / 2));
    assert.equal(quantile(0.99, [...new Array<number>(12).fill(0), 3]), 600);
  });

  it('prices short sessions at the cheaper model, whole sessions rather than short responses', () => {
    const r = insight(weekB, 'modelRightSizing');
    // S1: 4 requests, 1,330 output tokens (short); S1R: one 2,500-token answer (not short). S1's tokens (input 25,
    // output 1,330, cache read 42,100, cache write 500) cost 57,550,000 n$ on Opus and 34,530,000 on Sonnet 4.6.
    const opus = r.rows?.find((x) => x.model === 'claude-opus-4-6');
    assert.deepEqual(opus && [opus.cheaperModel, opus.shortSessions, opus.sessionShare, opus.costUsd, opus.atCheaperUsd], ['claude-sonnet-4-6', 1, 1 / 2, 0.05755, 0.03453]);
    // C1 on gpt-5-codex (input 4,000, cached 5,000, output 150) vs gpt-5-mini.
    const codex = r.rows?.find((x) => x.model === 'gpt-5-codex');
    assert.deepEqual([codex?.shortSessions, codex?.costUsd, codex?.atCheaperUsd], [1, 0.007125, 0.001425]);
  });

  it('measures cache efficiency against the target and names the models its table lists', () => {
    const c = insight(weekB, 'cacheEfficiency');
    // Prompt: Opus 33 + 54,100 + 500; Codex 4,000 + 5,000. Codex reaches 90% with 3,100 more cached tokens.
    assert.equal(c.numbers.promptTokens, 63_633);
    assert.equal(c.numbers.cacheReadTokens, 59_100);
    assert.deepEqual(c.rows?.map((r) => r.model), ['gpt-5-codex']);
    assert.match(c.summary, /Below the target: gpt-5-codex\./);
  });

  it('compares cost per session with the previous period, as a trend and not a saving', () => {
    const v = insight(weekB, 'sessionVelocity');
    // Week B: $0.133215 over 3 sessions (S1, S1R, C1); week A: S2 alone, $0.01716.
    assert.equal(v.numbers.sessions, 3);
    assert.equal(v.numbers.costPerSessionUsd, 0.044405);
    assert.equal(v.numbers.previousCostPerSessionUsd, 0.01716);
    assert.equal(v.savingUsd, undefined);
    assert.equal(v.level, 'warn');
  });

  it('reports nothing to fix in a week without repeats', async () => {
    const weekA = await buildReport(template, src, { range: WEEK_A, timezone: 'UTC' });
    assert.equal(insight(weekA, 'repeatedToolCalls').level, 'good');
    assert.equal(insight(weekA, 'repeatedToolCalls').savingUsd, undefined);
    const hot = insight(weekA, 'toolErrorHotspots');
    assert.deepEqual(hot.rows?.map((r) => [r.tool, r.category]), [['Grep', 'not_found']]);
    assert.match(hot.suggestion ?? '', /paths/);
  });
});
