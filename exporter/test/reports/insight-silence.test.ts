// Each insight speaks only where its comparison means something, on hand-built sources: a case where it must stay
// silent (no saving, no warning, or "not assessed") beside one where it speaks; savings never exceed the spend or
// count the same dollar twice, whatever the data; unpriced models never price anything at $0.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Prng } from '../../src/bench/prng.js';
import type { Insight, InsightsResult } from '../../src/reports/document.js';
import { buildInsights } from '../../src/reports/insights/index.js';
import { renderMarkdown } from '../../src/reports/render/markdown.js';
import { WEEK_A, WEEK_B } from './harness.js';
import { insightsSpec as spec, type SessionSpec, sources, type ToolSpec, type Tokens } from './sources.js';

const scope = (range: { startMs: number; endMs: number }) => ({ range, tz: 'UTC' });
const run = (s: ReturnType<typeof sources>, extra: Record<string, unknown> = {}): InsightsResult => buildInsights(spec(extra), s, scope(WEEK_B), scope(WEEK_A));
const pick = (r: InsightsResult, id: string): Insight => r.items.find((i) => i.id === id)!;

const TUE = Date.parse('2026-03-10T10:00:00Z');
const PREV_TUE = Date.parse('2026-03-03T10:00:00Z');
const OPUS = 'claude-opus-4-6';
const UNPRICED = 'gemini-9-ultra'; // no price in the table
const TURN: Tokens = [10, 150, 20_000, 500, 0]; // a tool-driving turn: small output, large cached prompt
const opus = (n: number, at = TUE, requests = 4, perRequest: Tokens = TURN): SessionSpec[] => Array.from({ length: n }, (_, i) => ({ model: OPUS, startMs: at + i * 60_000, requests, perRequest }));

describe('insights stay silent where the data cannot support a claim', () => {
  it('never claims more than the spend, nor the same dollar twice, on random data', () => {
    const rnd = new Prng(15);
    const int = (n: number): number => Math.floor(rnd.next() * n);
    for (let round = 0; round < 40; round++) {
      const sessions: SessionSpec[] = Array.from({ length: 1 + int(12) }, () => ({
        agent: rnd.next() < 0.7 ? 'claude-code' : 'gemini',
        model: rnd.next() < 0.7 ? OPUS : UNPRICED,
        startMs: TUE + int(5 * 86_400_000),
        requests: 1 + int(12),
        perRequest: [int(5000), int(3000), int(50_000), int(2000), 0],
      }));
      // More wasted calls than requests: a response can ask for several tools at once.
      const tools: ToolSpec[] = Array.from({ length: 1 + int(5) }, (_, i) => {
        const calls = 1 + int(200);
        const repeats = int(calls);
        return { agent: rnd.next() < 0.8 ? 'claude-code' : 'gemini', ms: TUE, tool: `t${i}`, calls, repeats, repeatErrors: int(repeats + 1), errors: { exit_code: int(calls), rejected: int(10) } };
      });
      const r = run(sources(sessions, tools), { minSamples: { sessions: 1, requests: 1, toolCalls: 1 } });
      const claimed = r.items.reduce((a, i) => a + (i.savingUsd ?? 0), 0);
      assert.ok(r.savingUsd <= r.spendUsd + 1e-12, `round ${round}: ${r.savingUsd} > ${r.spendUsd}`);
      assert.ok(Math.abs(claimed - r.savingUsd) < 1e-9, `round ${round}: the insights add up to the total`);
      for (const i of r.items) {
        if (i.savingUsd !== undefined) assert.ok(i.assumption && i.savingUsd > 0, `${i.id} states its assumption`);
        const rows = (i.rows ?? []).reduce((a, row) => a + (typeof row.savingUsd === 'number' ? row.savingUsd : 0), 0);
        assert.ok(rows <= (i.savingUsd ?? 0) + 1e-9, `round ${round}: ${i.id}'s rows add up to at most its saving`);
      }
    }
  });

  it('tool errors: rejected calls and unpriced agents are not priced; a result without its call is not "of its 0 calls"', () => {
    const base = opus(3);
    const rejectedOnly = pick(run(sources(base, [{ ms: TUE, tool: 'Bash', calls: 30, errors: { rejected: 6 } }])), 'toolErrorHotspots');
    assert.deepEqual([rejectedOnly.savingUsd, rejectedOnly.assumption, rejectedOnly.numbers.rejectedCalls], [undefined, undefined, 6]);
    assert.match(rejectedOnly.summary, /6 of them were calls you rejected/);
    assert.equal(rejectedOnly.rows?.[0]?.savingUsd, 'not counted');

    const unknown = pick(run(sources(base, [{ ms: TUE, tool: 'Read', calls: 30 }, { ms: TUE, tool: 'unknown', calls: 0, errors: { exit_code: 1 } }])), 'toolErrorHotspots');
    assert.doesNotMatch(unknown.summary, /of its 0 calls/);
    assert.match(unknown.summary, /1 exit_code result whose call was not in the logs read/);
    assert.equal(unknown.rows?.[0]?.calls, 'call not in logs');

    // Gemini's requests are all of an unpriced model: its failures have no price, rather than $0 or Claude's.
    const gemini = pick(run(sources([...base, { agent: 'gemini', model: UNPRICED, startMs: TUE, requests: 9, perRequest: TURN }], [{ agent: 'gemini', ms: TUE, tool: 'shell', calls: 40, errors: { exit_code: 8 } }])), 'toolErrorHotspots');
    assert.deepEqual([gemini.savingUsd, gemini.numbers.unpricedErrors], [undefined, 8]);

    // An unpriced model of the same agent does not pull its average request down: 2 failures × one Opus request
    // (10 + 150 output + 20,000 cached + 500 written: 16,925,000 n$).
    const mixed = pick(run(sources([...base, { model: 'claude-mystery-1', startMs: TUE, requests: 12, perRequest: TURN }], [{ ms: TUE, tool: 'Bash', calls: 30, errors: { exit_code: 2 } }])), 'toolErrorHotspots');
    assert.equal(mixed.savingUsd, (2 * 16_925_000) / 1e9);

    const none = pick(run(sources(base)), 'toolErrorHotspots');
    assert.ok(none.skipped && none.savingUsd === undefined);
    // It speaks for a priced agent's failures.
    const speaks = pick(run(sources(base, [{ ms: TUE, tool: 'Bash', calls: 30, errors: { exit_code: 3 } }])), 'toolErrorHotspots');
    assert.ok(speaks.savingUsd! > 0 && speaks.level === 'warn');
  });

  it('repeats: a repeat that failed is priced once, as an error', () => {
    const r = run(sources(opus(3), [{ ms: TUE, tool: 'Bash', calls: 30, repeats: 4, repeatErrors: 4, errors: { exit_code: 4 } }]));
    assert.equal(pick(r, 'repeatedToolCalls').savingUsd, undefined);
    assert.equal(r.savingUsd, pick(r, 'toolErrorHotspots').savingUsd);
    assert.ok(pick(run(sources(opus(3), [{ ms: TUE, tool: 'Read', calls: 30, repeats: 4 }])), 'repeatedToolCalls').savingUsd! > 0);
  });

  it('slowest tools: one 80.4 s call gets no percentile and no saving; twenty do', () => {
    const one = pick(run(sources(opus(1), [{ ms: TUE, tool: 'delegate_to_agent', calls: 1, seconds: [80.4] }])), 'slowestTools');
    assert.ok(one.skipped);
    assert.doesNotMatch(one.summary, /95%|117/);
    assert.deepEqual([one.savingMinutes, one.rows], [undefined, undefined]);
    const many = pick(run(sources(opus(1), [{ ms: TUE, tool: 'Bash', calls: 20, seconds: [...new Array<number>(19).fill(2), 80.4] }])), 'slowestTools');
    assert.equal(many.skipped, undefined);
    assert.match(many.summary, /95% of its 20 timed calls/);
    assert.ok(many.savingMinutes! > 0 && many.assumption);
    // Its minutes read alike: "Above median (min)" 1.2 beside "Total (min)", never 1.227 beside 0.
    const md = renderMarkdown({ ...EMPTY_DOC, sections: [{ type: 'insights', title: 'Insights', items: [many], spendUsd: 0, savingUsd: 0 }] });
    assert.match(md, /\| Bash \| 20 \| 1\.8 s \| 2\.5 s \| 2\.0 \| 1\.4 \|/);
  });

  it('right-sizing: long tool-driving sessions are not "small", and too few short ones are not judged', () => {
    // 100 responses of 150 output tokens each: every response is short, the task is not.
    const long = pick(run(sources(opus(6, TUE, 100))), 'modelRightSizing');
    assert.deepEqual([long.level, long.savingUsd, long.rows], ['good', undefined, undefined]);
    const few = pick(run(sources(opus(4))), 'modelRightSizing');
    assert.ok(few.skipped && few.savingUsd === undefined);
    const enough = pick(run(sources(opus(5))), 'modelRightSizing');
    assert.equal(enough.rows?.[0]?.cheaperModel, 'claude-sonnet-4-6');
    assert.ok(enough.savingUsd! > 0 && enough.assumption);
  });

  it('cache: a model needs 20 requests to be judged, and an unpriced one is never priced', () => {
    const low: Tokens = [20_000, 100, 1000, 0, 0];
    const few = pick(run(sources([{ model: OPUS, startMs: TUE, requests: 19, perRequest: low }])), 'cacheEfficiency');
    assert.ok(few.skipped && few.savingUsd === undefined);
    const unpriced = pick(run(sources([{ agent: 'gemini', model: UNPRICED, startMs: TUE, requests: 100, perRequest: low }])), 'cacheEfficiency');
    assert.ok(unpriced.skipped && unpriced.savingUsd === undefined);
    const enough = pick(run(sources([{ model: OPUS, startMs: TUE, requests: 20, perRequest: low }])), 'cacheEfficiency');
    assert.deepEqual(enough.rows?.map((r) => r.model), [OPUS]);
    assert.ok(enough.savingUsd! > 0 && enough.assumption);
  });

  it('session velocity: an unpriced session does not make sessions look dearer, and few sessions are not compared', () => {
    // Same sessions in both weeks; the week before also had an unpriced Gemini session ($0).
    const before = [...opus(5, PREV_TUE), { agent: 'gemini' as const, model: UNPRICED, startMs: PREV_TUE, requests: 3, perRequest: TURN }];
    const same = pick(run(sources([...before, ...opus(5)])), 'sessionVelocity');
    assert.deepEqual([same.numbers.costPerSessionChange, same.level, same.suggestion, same.savingUsd], [0, 'good', undefined, undefined]);
    const few = pick(run(sources([...before, ...opus(4, TUE, 40)])), 'sessionVelocity');
    assert.deepEqual([few.numbers.costPerSessionChange, few.level, few.suggestion], [undefined, 'good', undefined]);
    assert.match(few.summary, /not compared with the previous period \(4 and 5 priced sessions/);
    // A session that ended on an unpriced model after priced requests keeps its priced cost in the average.
    const mixed = sources([...opus(5, PREV_TUE), ...opus(5)]);
    const entries = [...mixed.sessions()];
    entries[0]!.lastModel = UNPRICED;
    assert.equal(pick(run(mixed), 'sessionVelocity').numbers.previousPricedSessions, 5);
    // Enough sessions, dearer ones: it warns, still without claiming a saving.
    const dearer = pick(run(sources([...before, ...opus(5, TUE, 40)])), 'sessionVelocity');
    assert.deepEqual([dearer.level, dearer.savingUsd], ['warn', undefined]);
  });
});

const EMPTY_DOC = {
  template: 't', title: 'T', generatedAt: '2026-03-16T08:00:00.000Z', timezone: 'UTC',
  range: { from: '', to: '', firstDay: '2026-03-09', lastDay: '2026-03-15' }, previous: { from: '', to: '' },
  totals: { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, costUsd: 0, requests: 0, unpricedRequests: 0 },
  unpriced: { requests: 0, models: [] }, empty: false, notes: [], formats: [], sections: [],
} satisfies Parameters<typeof renderMarkdown>[0];
