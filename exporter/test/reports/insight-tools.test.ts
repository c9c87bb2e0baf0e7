// The two tool insights whole, from tool rows written by hand: repeated identical calls and error hotspots. Each
// wasted call is priced at its agent's average priced request (here set to $0.01: 200 requests for $2), an agent with
// no priced request leaves its waste unpriced, a repeat that failed counts once (as an error), and calls you rejected
// are never waste. Every number below is worked out by hand from the rows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Insight } from '../../src/reports/document.js';
import { ERROR_ADVICE, repeatedToolCalls, toolErrorHotspots } from '../../src/reports/insights/tools.js';
import type { InsightContext } from '../../src/reports/insights/context.js';
import { WEEK_A, WEEK_B } from './harness.js';
import { PriceTable } from '../../src/pricing/pricing.js';
import { insightsSpec, sources, weekBContext, type ToolSpec } from './sources.js';

const TUE = Date.parse('2026-03-10T10:00:00Z');

/** A context over these tool rows, with claude-code's priced requests averaging $0.01 and codex's unpriced. */
function ctx(tools: Omit<ToolSpec, 'ms'>[], extra: Record<string, unknown> = {}): InsightContext {
  return {
    src: sources([], tools.map((t) => ({ ms: TUE, ...t }))),
    scope: { range: WEEK_B, tz: 'UTC' },
    previous: { range: WEEK_A, tz: 'UTC' },
    spec: insightsSpec({ minSamples: { toolCalls: 20 }, ...extra }),
    spendNano: 2e9,
    pricedByAgent: new Map([['claude-code', { costNano: 2e9, requests: 200 }]]),
  };
}

const REPEAT_SUGGESTION = 'Repeats are re-reads and re-runs whose result the agent already had: keep key facts in the project instructions, and stop loops early (agentmon flags looping sessions live).';
const REPEAT_ASSUMPTION = "Each repeat that did not fail cost one extra model request at its agent's average request cost in this period (repeats that failed count under tool errors).";
const ERROR_ASSUMPTION = "Each failed call cost one extra model request at its agent's average request cost in this period; calls you rejected are your decisions and are not counted.";

describe('repeated identical tool calls', () => {
  it('an agent whose requests ran on a model priced at $0 has its repeats priced (at $0), not called unpriced', () => {
    // Through insightContext, from usage rows: 10 requests of a model the price table prices at 0 are priced requests.
    const rows = sources([{ model: 'local-free', startMs: TUE, requests: 10, perRequest: [100, 10, 0, 0, 0] }], [{ ms: TUE, tool: 'Read', calls: 30, repeats: 5 }]);
    const src = { ...rows, prices: new PriceTable({ 'local-free': { input: 0, output: 0, cacheRead: 0 } }) };
    const got = repeatedToolCalls(weekBContext(src, insightsSpec({ minSamples: { toolCalls: 20 } })));
    assert.deepEqual(got.numbers, { toolCalls: 30, repeatedCalls: 5, unpricedRepeats: 0, savingUsd: 0 });
    assert.doesNotMatch(got.summary, /not priced/);
  });

  it('prices repeats that did not fail per agent, leaves an unpriced agent\'s out, ranks tools by repeats', () => {
    const got = repeatedToolCalls(ctx([
      { tool: 'Bash', calls: 10, repeats: 4, repeatErrors: 1 },
      { tool: 'Read', calls: 20, repeats: 2 },
      { agent: 'codex', tool: 'Bash', calls: 10, repeats: 3 },
      { tool: 'Edit', calls: 5 },
    ]));
    // Waste: claude-code Bash 4 - 1 = 3, Read 2 (5 calls: $0.05 at $0.01); codex Bash 3, unpriced.
    const want: Insight = {
      id: 'repeatedToolCalls',
      title: 'Repeated identical tool calls',
      level: 'warn', // 9 of 45 = 20 %, at least 10 %, over at least 20 calls
      summary: '9 of 45 tool calls (20%) repeated an earlier call with the same input in the same session; Bash most often (7). 3 repeats of agents without priced requests are not priced.',
      suggestion: REPEAT_SUGGESTION,
      savingUsd: 0.05,
      assumption: REPEAT_ASSUMPTION,
      numbers: { toolCalls: 45, repeatedCalls: 9, unpricedRepeats: 3, savingUsd: 0.05 },
      rows: [
        { tool: 'Bash', calls: 20, repeats: 7, repeatShare: 0.35, savingUsd: 0.03 },
        { tool: 'Read', calls: 20, repeats: 2, repeatShare: 0.1, savingUsd: 0.02 },
      ],
      columns: [
        { key: 'tool', label: 'Tool', unit: 'text' },
        { key: 'calls', label: 'Calls', unit: 'count' },
        { key: 'repeats', label: 'Repeats', unit: 'count' },
        { key: 'repeatShare', label: 'Repeat share', unit: 'ratio' },
        { key: 'savingUsd', label: 'Saving (USD)', unit: 'usd' },
      ],
    };
    assert.deepEqual(got, want);
  });

  it('warns from a 10 % repeat share over enough calls; informs just below it, or with too few calls', () => {
    const level = (repeats: number, calls: number, minCalls = 20): string => repeatedToolCalls(ctx([{ tool: 'Read', calls, repeats }], { minSamples: { toolCalls: minCalls } })).level;
    assert.equal(level(2, 20), 'warn');
    assert.equal(level(2, 21), 'info');
    assert.equal(level(5, 20, 21), 'info', 'too few calls to judge');
    assert.equal(level(5, 21, 21), 'warn', 'exactly enough calls');
  });

  it('ties in repeats go by tool name; rows stop at the limit; no saving and no suggestion without repeats', () => {
    const tied = repeatedToolCalls(ctx([{ tool: 'Write', calls: 10, repeats: 1 }, { tool: 'Grep', calls: 10, repeats: 1 }, { tool: 'Bash', calls: 10, repeats: 1 }], { limit: 2 }));
    assert.deepEqual(tied.rows?.map((r) => r.tool), ['Bash', 'Grep']);
    assert.equal(tied.summary, '3 of 30 tool calls (10%) repeated an earlier call with the same input in the same session; Bash most often (1).');
    const none = repeatedToolCalls(ctx([{ tool: 'Read', calls: 1 }]));
    assert.deepEqual(none, {
      id: 'repeatedToolCalls', title: 'Repeated identical tool calls', level: 'good',
      summary: 'No tool was called twice with the same input in one session (1 call).',
      numbers: { toolCalls: 1, repeatedCalls: 0, unpricedRepeats: 0, savingUsd: 0 }, rows: [], columns: none.columns,
    });
    // Repeats that all failed: shown, but nothing to save here (they count under errors).
    const failed = repeatedToolCalls(ctx([{ tool: 'Bash', calls: 30, repeats: 3, repeatErrors: 3 }]));
    assert.equal(failed.savingUsd, undefined);
    assert.equal(failed.assumption, undefined);
    assert.deepEqual(failed.numbers, { toolCalls: 30, repeatedCalls: 3, unpricedRepeats: 0, savingUsd: 0 });
    assert.equal(failed.suggestion, REPEAT_SUGGESTION);
  });

  it('no tool calls: skipped, and says so', () => {
    assert.deepEqual(repeatedToolCalls(ctx([])), { id: 'repeatedToolCalls', title: 'Repeated identical tool calls', level: 'good', summary: 'No tool calls were recorded in this period.', skipped: 'no tool calls recorded', numbers: { toolCalls: 0 } });
  });

  it('an agent\'s waste is priced at most at what its priced requests cost, shared over its tools by repeats', () => {
    // claude-code's 200 priced requests cost $2; it wasted 150 + 100 = 250 repeats, more than it has requests: the $2
    // is shared 150/250 ($1.20) and 100/250 ($0.80), not 250 × $0.01.
    const got = repeatedToolCalls(ctx([{ tool: 'Bash', calls: 200, repeats: 150 }, { tool: 'Read', calls: 200, repeats: 100 }]));
    assert.equal(got.savingUsd, 2);
    assert.deepEqual(got.rows?.map((r) => [r.tool, r.savingUsd]), [['Bash', 1.2], ['Read', 0.8]]);
  });

  it('ties in repeats go by tool name whatever order the tools came in', () => {
    // Came in as Grep, Bash, Write: neither sorted nor its reverse.
    const got = repeatedToolCalls(ctx([{ tool: 'Grep', calls: 10, repeats: 1 }, { tool: 'Bash', calls: 10, repeats: 1 }, { tool: 'Write', calls: 10, repeats: 1 }]));
    assert.deepEqual(got.rows?.map((r) => r.tool), ['Bash', 'Grep', 'Write']);
  });
});

describe('tool error hotspots', () => {
  it('ranks hotspots, prices failures per agent and tool, never prices rejected calls, names calls not in the logs', () => {
    const got = toolErrorHotspots(ctx([
      { tool: 'Bash', calls: 10, errors: { exit_code: 3, rejected: 2 } },
      { tool: 'Read', calls: 10, errors: { not_found: 1 } },
      { agent: 'codex', tool: 'Bash', calls: 5, errors: { timeout: 1 } },
      { tool: 'unknown', calls: 0, errors: { other: 1 } },
    ]));
    // claude-code wastes 3 (Bash) + 1 (Read) + 1 (unknown) = 5 calls: $0.05. Bash's $0.03 is shared by its 4 wasted
    // errors (codex's timeout among them, unpriced): exit_code 3/4, timeout 1/4.
    const want: Insight = {
      id: 'toolErrorHotspots',
      title: 'Tool error hotspots',
      level: 'warn', // 6 wasted of 25 = 24 %
      summary: '8 of 25 tool calls failed (32%); 2 of them were calls you rejected; the largest hotspot is Bash (exit_code: 3 of its 15 calls). 1 error of agents without priced requests are not priced.',
      suggestion: ERROR_ADVICE.exit_code,
      savingUsd: 0.05,
      assumption: ERROR_ASSUMPTION,
      numbers: { toolCalls: 25, toolErrors: 8, rejectedCalls: 2, errorRate: 0.32, unpricedErrors: 1, savingUsd: 0.05, topTool: 'Bash', topCategory: 'exit_code' },
      rows: [
        { tool: 'Bash', category: 'exit_code', errors: 3, calls: 15, savingUsd: 0.0225 },
        { tool: 'Bash', category: 'rejected', errors: 2, calls: 15, savingUsd: 'not counted' },
        { tool: 'Bash', category: 'timeout', errors: 1, calls: 15, savingUsd: 0.0075 },
        { tool: 'Read', category: 'not_found', errors: 1, calls: 10, savingUsd: 0.01 },
        { tool: 'unknown', category: 'other', errors: 1, calls: 'call not in logs', savingUsd: 0.01 },
      ],
      columns: [
        { key: 'tool', label: 'Tool', unit: 'text' },
        { key: 'category', label: 'Category', unit: 'text' },
        { key: 'errors', label: 'Errors', unit: 'count' },
        { key: 'calls', label: 'Calls', unit: 'count' },
        { key: 'savingUsd', label: 'Saving (USD)', unit: 'usd' },
      ],
    };
    assert.deepEqual(got, want);
  });

  it('warns from 5 % wasted calls over enough calls; rejected calls do not count toward it', () => {
    const level = (errors: Record<string, number>, calls: number, minCalls = 20): string => toolErrorHotspots(ctx([{ tool: 'Bash', calls, errors }], { minSamples: { toolCalls: minCalls } })).level;
    assert.equal(level({ exit_code: 1 }, 20), 'warn');
    assert.equal(level({ exit_code: 1 }, 21), 'info');
    assert.equal(level({ exit_code: 1, rejected: 5 }, 21), 'info');
    assert.equal(level({ exit_code: 2 }, 20, 21), 'info', 'too few calls to judge');
    assert.equal(level({ exit_code: 2 }, 21, 21), 'warn');
  });

  it('a rejected call alone: "was a call you rejected", its advice, nothing saved; unknown categories get the general advice', () => {
    const one = toolErrorHotspots(ctx([{ tool: 'Edit', calls: 4, errors: { rejected: 1 } }]));
    assert.equal(one.summary, '1 of 4 tool calls failed (25%); 1 of them was a call you rejected; the largest hotspot is Edit (rejected: 1 of its 4 calls).');
    assert.equal(one.suggestion, ERROR_ADVICE.rejected);
    assert.equal(one.savingUsd, undefined);
    assert.deepEqual(one.numbers, { toolCalls: 4, toolErrors: 1, rejectedCalls: 1, errorRate: 0.25, unpricedErrors: 0, savingUsd: 0, topTool: 'Edit', topCategory: 'rejected' });
    const odd = toolErrorHotspots(ctx([{ tool: 'Bash', calls: 1, errors: { weird_new_kind: 1, exit_code: 0 } }]));
    assert.equal(odd.suggestion, ERROR_ADVICE.other);
    assert.equal(odd.rows?.length, 1, 'a category with no errors is no row');
  });

  it('each error category has its own advice, about that kind of failure', () => {
    // What the reader is told to do, by category: the phrase that makes each one useful, not the whole sentence.
    const about: Record<string, RegExp> = {
      not_found: /^Files or commands that do not exist: .*list before it reads\.$/,
      permission: /^Permission denied: allow the commands the agent needs/,
      rejected: /^Calls you rejected: write down what the agent may and may not do/,
      timeout: /^Timeouts: give long commands .* run them in the background\.$/,
      exit_code: /^Failing commands: tests, builds or linters exited non-zero/,
      invalid_input: /^Malformed tool input: the model misused the tool/,
      other: /^Other failures: open a failing session in the Sessions page/,
    };
    assert.deepEqual(Object.keys(ERROR_ADVICE).sort(), Object.keys(about).sort());
    for (const [category, re] of Object.entries(about)) {
      assert.match(ERROR_ADVICE[category]!, re, category);
      // And it is what the insight suggests when that category is the largest hotspot.
      assert.equal(toolErrorHotspots(ctx([{ tool: 'Bash', calls: 10, errors: { [category]: 1 } }])).suggestion, ERROR_ADVICE[category], category);
    }
  });

  it('results whose call was not in the logs: counted though no call was, and said so', () => {
    const got = toolErrorHotspots(ctx([{ tool: 'unknown', calls: 0, errors: { not_found: 2 } }]));
    // (It once read "2 of 0 tool calls failed (200%)".)
    assert.equal(got.summary, '2 failed tool results; the largest hotspot is 2 not_found results whose call was not in the logs read.');
    assert.equal(got.numbers.errorRate, 0);
    assert.equal(got.level, 'info');
  });

  it('no errors: good, with no suggestion or rows; no calls and no errors: skipped', () => {
    const clean = toolErrorHotspots(ctx([{ tool: 'Read', calls: 3 }], { limit: 1 }));
    assert.equal(clean.level, 'good');
    assert.equal(clean.summary, 'No tool errors in 3 calls.');
    assert.equal(clean.suggestion, undefined);
    assert.deepEqual(clean.rows, []);
    assert.equal(toolErrorHotspots(ctx([])).skipped, 'no tool calls recorded');
    const many = toolErrorHotspots(ctx([{ tool: 'A', calls: 9, errors: { exit_code: 1, timeout: 2 } }], { limit: 1 }));
    assert.deepEqual(many.rows?.map((r) => r.category), ['timeout'], 'most errors first, cut at the limit');
  });

  it('no call recorded: skipped only when there is no error either, rejected ones included', () => {
    // A tool row with neither calls nor errors is nothing to report.
    assert.deepEqual(toolErrorHotspots(ctx([{ tool: 'Read', calls: 0 }])), { id: 'toolErrorHotspots', title: 'Tool error hotspots', level: 'good', summary: 'No tool calls were recorded in this period.', skipped: 'no tool calls recorded', numbers: { toolCalls: 0 } });
    // Only rejected results (no waste, nothing priced): still reported.
    const rejected = toolErrorHotspots(ctx([{ tool: 'unknown', calls: 0, errors: { rejected: 2 } }]));
    assert.equal(rejected.skipped, undefined);
    assert.equal(rejected.summary, '2 failed tool results; 2 of them were calls you rejected; the largest hotspot is 2 rejected results whose call was not in the logs read.');
    // As many wasted as rejected results: reported, the wasted one as the hotspot (tie by name: not_found < rejected).
    const mixed = toolErrorHotspots(ctx([{ tool: 'unknown', calls: 0, errors: { not_found: 1, rejected: 1 } }]));
    assert.equal(mixed.skipped, undefined);
    assert.equal(mixed.summary, '2 failed tool results; 1 of them was a call you rejected; the largest hotspot is 1 not_found result whose call was not in the logs read.');
  });

  it('a tool called "unknown" (a call without a name) with calls of its own shows its call count', () => {
    // Calls of a nameless tool are labelled "unknown", like results whose call was not read: here there were 4 calls.
    const got = toolErrorHotspots(ctx([{ tool: 'unknown', calls: 4, errors: { other: 1 } }]));
    assert.deepEqual(got.rows, [{ tool: 'unknown', category: 'other', errors: 1, calls: 4, savingUsd: 0.01 }]);
    assert.equal(got.summary, '1 of 4 tool calls failed (25%); the largest hotspot is unknown (other: 1 of its 4 calls).');
  });

  it('ties in errors go by tool, then category, whatever order they came in', () => {
    // Came in as Read/timeout, Bash/timeout, Bash/exit_code, Write/timeout: neither sorted nor its reverse.
    const got = toolErrorHotspots(ctx([{ tool: 'Read', calls: 10, errors: { timeout: 1 } }, { tool: 'Bash', calls: 10, errors: { timeout: 1, exit_code: 1 } }, { tool: 'Write', calls: 10, errors: { timeout: 1 } }]));
    assert.deepEqual(got.rows?.map((r) => `${r.tool}/${r.category}`), ['Bash/exit_code', 'Bash/timeout', 'Read/timeout', 'Write/timeout']);
  });

  it('the hotspot is the largest wasted one, even when more calls were rejected', () => {
    const got = toolErrorHotspots(ctx([{ tool: 'Edit', calls: 10, errors: { rejected: 3 } }, { tool: 'Bash', calls: 10, errors: { exit_code: 1 } }]));
    assert.deepEqual([got.rows?.[0]?.category, got.numbers.topTool, got.numbers.topCategory, got.suggestion], ['rejected', 'Bash', 'exit_code', ERROR_ADVICE.exit_code]);
  });
});
