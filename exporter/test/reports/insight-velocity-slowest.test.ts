// Two insights whole, from inputs written here: session velocity (sessions, their averages, cost per priced session
// against the previous period, and the trend per day) and the slowest tools (percentiles from the duration histogram
// as PromQL's histogram_quantile reads it: the buckets end at 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600 s).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionEntry } from '../../src/accounting/ledger.js';
import { PriceTable } from '../../src/pricing/pricing.js';
import type { Insight } from '../../src/reports/document.js';
import { insightContext, type InsightContext } from '../../src/reports/insights/context.js';
import { quantile, slowestTools } from '../../src/reports/insights/slowest.js';
import { sessionVelocity } from '../../src/reports/insights/velocity.js';
import { WEEK_A, WEEK_B } from './harness.js';
import { insightsSpec, sources, type ToolSpec, weekBContext } from './sources.js';

const spec = (extra: Record<string, unknown> = {}) => insightsSpec({ minSamples: { sessions: 2, toolCalls: 20 }, ...extra });

describe('session velocity', () => {
  const PRICES = new PriceTable({ 'big-1': { input: 10, output: 50, cacheRead: 1 }, 'free-1': { input: 0, output: 0, cacheRead: 0 } });
  interface S { at: string; minutes: number; requests: number; prompts: number; cost: number; model?: string }
  /** Over week B (week A before it), or over `range` when given. */
  function velocity(sessions: S[], extra: Record<string, unknown> = {}, range?: { startMs: number; endMs: number }): Insight {
    const entries: SessionEntry[] = sessions.map((s, i) => ({
      agent: 'claude-code', sessionId: `s${i}`, project: 'shop', firstMs: Date.parse(s.at), lastMs: Date.parse(s.at) + s.minutes * 60_000, lastModel: s.model ?? 'big-1',
      requests: s.requests, costNano: s.cost, tokens: [1, 1, 0, 0, 0], prompts: s.prompts, toolCalls: 0, toolErrors: 0, apiErrors: 0,
    }));
    const src = { rollups: () => [], sessions: () => entries, activity: undefined, prices: PRICES };
    return sessionVelocity(range ? insightContext(src, { range, tz: 'UTC' }, { range: WEEK_A, tz: 'UTC' }, spec(extra)) : weekBContext(src, spec(extra)));
  }
  const previous: S[] = [
    { at: '2026-03-03T10:00:00Z', minutes: 10, requests: 1, prompts: 1, cost: 1e8 },
    { at: '2026-03-04T10:00:00Z', minutes: 10, requests: 1, prompts: 1, cost: 1e8 },
  ];
  /** One-minute sessions of one request and one prompt at 10:00 on these days of March, each costing `cost` nano-dollars. */
  const onDays = (cost: number, ...days: number[]): S[] => days.map((d) => ({ at: `2026-03-${String(d).padStart(2, '0')}T10:00:00Z`, minutes: 1, requests: 1, prompts: 1, cost }));

  it('counts sessions and their averages, compares the cost of a priced session, and trends per day', () => {
    const got = velocity([
      ...previous,
      { at: '2026-03-10T10:00:00Z', minutes: 20, requests: 4, prompts: 2, cost: 2e8 },
      { at: '2026-03-10T12:00:00Z', minutes: 10, requests: 2, prompts: 1, cost: 1e8 },
      { at: '2026-03-12T09:00:00Z', minutes: 30, requests: 6, prompts: 3, cost: 0, model: 'ghost' }, // nothing priced
    ]);
    const change = (0.15 - 0.1) / 0.1;
    assert.deepEqual(got, {
      id: 'sessionVelocity',
      title: 'Session velocity and cost per session',
      level: 'warn',
      summary: '3 sessions started (2 in the previous period), 0.4 per day; a session averaged 2.0 prompts, 4.0 model requests and 20 minutes; a priced session cost $0.1500 (1 session with nothing priced left out), up 50% from $0.1000.',
      suggestion: 'Sessions got more expensive: long sessions re-send a growing context; start a fresh session per task, /compact or /clear between tasks, and check the model mix (see the other insights for what it costs).',
      numbers: {
        sessions: 3, previousSessions: 2, pricedSessions: 2, previousPricedSessions: 2, sessionsPerDay: 3 / 7, promptsPerSession: 2, requestsPerSession: 4,
        minutesPerSession: 20, costPerSessionUsd: 0.15, previousCostPerSessionUsd: 0.1, costPerSessionChange: change,
      },
      rows: [{ day: '2026-03-10', sessions: 2, costPerSessionUsd: 0.15 }, { day: '2026-03-12', sessions: 1, costPerSessionUsd: 'unpriced' }],
      columns: [{ key: 'day', label: 'Day', unit: 'text' }, { key: 'sessions', label: 'Sessions', unit: 'count' }, { key: 'costPerSessionUsd', label: 'Cost per session (USD)', unit: 'usd' }],
    });
  });

  it('warns only above a 20 % rise; says "down" for a fall', () => {
    const now = (cost: number): S[] => [{ at: '2026-03-10T10:00:00Z', minutes: 1, requests: 1, prompts: 1, cost }, { at: '2026-03-11T10:00:00Z', minutes: 1, requests: 1, prompts: 1, cost }];
    const at20 = velocity([...previous, ...now(1.2e8)]);
    assert.equal(at20.level, 'good', 'a 20 % rise is not above 20 %');
    assert.equal(at20.suggestion, undefined);
    assert.match(at20.summary, /, up 20% from \$0\.1000\.$/);
    assert.equal(velocity([...previous, ...now(1.21e8)]).level, 'warn');
    const down = velocity([...previous, ...now(0.5e8)]);
    assert.equal(down.level, 'good');
    assert.match(down.summary, /a priced session cost \$0\.0500, down 50% from \$0\.1000\.$/);
  });

  it('does not compare with too few priced sessions in either period, or none priced now', () => {
    const one = velocity([...previous, { at: '2026-03-10T10:00:00Z', minutes: 1, requests: 1, prompts: 1, cost: 9e8 }]);
    assert.equal(one.level, 'good');
    assert.equal(one.numbers.costPerSessionChange, undefined);
    assert.match(one.summary, /a priced session cost \$0\.9000; not compared with the previous period \(1 and 2 priced sessions; at least 2 in each are needed\)\.$/);
    const none = velocity([{ at: '2026-03-10T10:00:00Z', minutes: 1, requests: 1, prompts: 1, cost: 0, model: 'ghost' }]);
    assert.match(none.summary, /; no session used a priced model, so cost per session is not known\.$/);
    assert.equal(none.numbers.costPerSessionUsd, 0);
  });

  it('no sessions: skipped; the trend keeps the last rows up to the limit or 12', () => {
    const empty = velocity(previous);
    assert.deepEqual([empty.level, empty.summary, empty.skipped, empty.numbers.previousSessions], ['good', 'No sessions started in this period.', 'no sessions', 2]);
    const daily = Array.from({ length: 7 }, (_, i) => ({ at: `2026-03-${String(9 + i).padStart(2, '0')}T10:00:00Z`, minutes: 1, requests: 1, prompts: 1, cost: 1e8 }));
    assert.equal(velocity(daily, { limit: 3 }).rows?.length, 7, 'at least 12 trend rows are kept');
  });
  it('does not compare with too few priced sessions in the previous period; the numbers then carry no change at all', () => {
    const got = velocity([previous[0]!, ...onDays(1e8, 10, 11)]);
    assert.equal(got.level, 'good');
    assert.match(got.summary, /a priced session cost \$0\.1000; not compared with the previous period \(2 and 1 priced sessions; at least 2 in each are needed\)\.$/);
    // Every number is listed (the CSV has a row per number): no change, not even an empty one.
    assert.deepEqual(got.numbers, {
      sessions: 2, previousSessions: 1, pricedSessions: 2, previousPricedSessions: 1, sessionsPerDay: 2 / 7, promptsPerSession: 1, requestsPerSession: 1,
      minutesPerSession: 1, costPerSessionUsd: 0.1, previousCostPerSessionUsd: 0.1,
    });
  });

  it('a previous period whose priced sessions cost nothing (a free model) is not compared: no rise from $0', () => {
    const free = previous.map((s) => ({ ...s, cost: 0, model: 'free-1' }));
    const got = velocity([...free, ...onDays(1e8, 10, 11)]);
    assert.deepEqual([got.level, got.suggestion, got.numbers.previousPricedSessions, got.numbers.costPerSessionChange], ['good', undefined, 2, undefined]);
    assert.match(got.summary, /a priced session cost \$0\.1000; not compared with the previous period \(its priced sessions cost nothing\)\.$/);
  });

  it('a rise of exactly 20 % (from $2.50 to $3.00, exact in binary) does not warn', () => {
    const got = velocity([...onDays(2.5e9, 3, 4), ...onDays(3e9, 10, 11)]);
    assert.equal(got.numbers.costPerSessionChange, 0.2);
    assert.deepEqual([got.level, got.suggestion], ['good', undefined]);
    assert.match(got.summary, /a priced session cost \$3\.00, up 20% from \$2\.50\.$/);
  });

  it('an unchanged cost per session reads "up 0%" and does not warn', () => {
    const got = velocity([...previous, ...onDays(1e8, 10, 11)]);
    assert.equal(got.level, 'good');
    assert.match(got.summary, /a priced session cost \$0\.1000, up 0% from \$0\.1000\.$/);
  });

  it('dollars in the sentence: whole from $100, cents from $1, four decimals below', () => {
    // $1 a session before, $100 now: exactly at both bounds.
    assert.match(velocity([...onDays(1e9, 3, 4), ...onDays(1e11, 10, 11)]).summary, /a priced session cost \$100, up 9900% from \$1\.00\.$/);
    // Just below them.
    assert.match(velocity([...onDays(0.99e9, 3, 4), ...onDays(99.5e9, 10, 11)]).summary, /a priced session cost \$99\.50, up 9950\.5% from \$0\.9900\.$/);
  });

  it('a long range trends per day and keeps the last 12 days, or the limit when it is larger', () => {
    // 20 days of March with a session each.
    const march = { startMs: Date.parse('2026-03-01T00:00:00Z'), endMs: Date.parse('2026-03-21T00:00:00Z') };
    const daily = onDays(1e8, ...Array.from({ length: 20 }, (_, i) => 1 + i));
    const twelve = velocity(daily, { limit: 3 }, march).rows ?? [];
    assert.deepEqual([twelve.length, twelve[0]?.day, twelve.at(-1)?.day], [12, '2026-03-09', '2026-03-20']);
    const fifteen = velocity(daily, { limit: 15 }, march).rows ?? [];
    assert.deepEqual([fifteen.length, fifteen[0]?.day, fifteen.at(-1)?.day], [15, '2026-03-06', '2026-03-20']);
  });
});

describe('slowest tools', () => {
  const ctx = (tools: Omit<ToolSpec, 'ms'>[]): InsightContext => ({
    src: sources([], tools.map((t) => ({ ms: Date.parse('2026-03-10T10:00:00Z'), ...t }))),
    scope: { range: WEEK_B, tz: 'UTC' },
    previous: { range: WEEK_A, tz: 'UTC' },
    spec: spec(),
    spendNano: 0,
    pricedByAgent: new Map(),
  });
  const times = (n: number, s: number): number[] => new Array<number>(n).fill(s);

  it('ranks tools with enough timed calls by their 95th percentile; minutes above the median are the saving', () => {
    const got = slowestTools(ctx([
      // 10 calls in (0.5, 1], 9 in (2.5, 5], 1 in (60, 120]: median 1 s, 95th 5 s; 155 s in all.
      { tool: 'Bash', calls: 20, seconds: [...times(10, 1), ...times(9, 5), 100] },
      // 20 calls in (0.5, 1]: median 0.75 s, 95th 0.975 s; 20 s in all.
      { tool: 'Read', calls: 20, seconds: times(20, 1) },
      { tool: 'Edit', calls: 3, seconds: times(3, 1) },
    ]));
    assert.deepEqual(got, {
      id: 'slowestTools',
      title: 'Slowest tools',
      level: 'info',
      summary: 'Bash is the slowest tool: 95% of its 20 timed calls finished within 5.0 s (median 1.0 s). 1 tool with fewer than 20 timed calls is not ranked.',
      suggestion: 'Slow tools are usually whole test suites or builds: run the affected tests only, cache dependencies, or give the agent a faster command.',
      savingMinutes: (155 - 20) / 60 + (20 - 20 * 0.75) / 60,
      assumption: "Calls slower than their tool's median could take the median time; counted as total time minus calls × median, which is at most the time actually spent above the median.",
      numbers: { tools: 2, minutesAboveMedian: (155 - 20) / 60 + (20 - 20 * 0.75) / 60, slowestTool: 'Bash', p95Seconds: 5 },
      rows: [
        { tool: 'Bash', timedCalls: 20, p50Seconds: 1, p95Seconds: 5, totalMinutes: 155 / 60, minutesAboveMedian: 135 / 60 },
        { tool: 'Read', timedCalls: 20, p50Seconds: 0.75, p95Seconds: 0.975, totalMinutes: 20 / 60, minutesAboveMedian: 5 / 60 },
      ],
      columns: [
        { key: 'tool', label: 'Tool', unit: 'text' },
        { key: 'timedCalls', label: 'Timed calls', unit: 'count' },
        { key: 'p50Seconds', label: 'Median', unit: 'seconds' },
        { key: 'p95Seconds', label: '95th percentile', unit: 'seconds' },
        { key: 'totalMinutes', label: 'Total (min)', unit: 'minutes' },
        { key: 'minutesAboveMedian', label: 'Above median (min)', unit: 'minutes' },
      ],
    });
  });

  it('warns from a 95th percentile of a minute; ties go by name; several unranked tools in the plural', () => {
    // 19 calls in (30, 60] and one above: the 95th is the 19th call, at the top of its bucket: 60 s.
    const slow = slowestTools(ctx([{ tool: 'Test', calls: 20, seconds: [...times(19, 45), 100] }, { tool: 'A', calls: 1, seconds: [1] }, { tool: 'B', calls: 1, seconds: [1] }]));
    assert.equal(slow.numbers.p95Seconds, 60);
    assert.equal(slow.level, 'warn');
    assert.match(slow.summary, / 2 tools with fewer than 20 timed calls are not ranked\.$/);
    // All 20 in (30, 60]: the 95th falls inside it, 58.5 s.
    assert.equal(slowestTools(ctx([{ tool: 'Test', calls: 20, seconds: times(20, 45) }])).level, 'info');
    const tie = slowestTools(ctx([{ tool: 'Zed', calls: 20, seconds: times(20, 1) }, { tool: 'Ack', calls: 20, seconds: times(20, 1) }]));
    assert.deepEqual(tie.rows?.map((r) => r.tool), ['Ack', 'Zed']);
  });

  it('all calls at their median: no saving claimed', () => {
    // 20 calls in (0.5, 1] of 0.75 s each: 15 s, exactly calls × median.
    const got = slowestTools(ctx([{ tool: 'Read', calls: 20, seconds: times(20, 0.75) }]));
    assert.equal(got.savingMinutes, undefined);
    assert.equal(got.assumption, undefined);
    assert.equal(got.numbers.minutesAboveMedian, 0);
  });

  it('says why it ranks nothing: no timed calls, or too few for any tool', () => {
    assert.deepEqual(slowestTools(ctx([{ tool: 'Read', calls: 5 }])), { id: 'slowestTools', title: 'Slowest tools', level: 'good', summary: 'No timed tool calls in this period.', skipped: 'no timed tool calls', numbers: { tools: 0, mostTimedCalls: 0 } });
    assert.deepEqual(slowestTools(ctx([{ tool: 'Read', calls: 19, seconds: times(19, 1) }, { tool: 'Bash', calls: 4, seconds: times(4, 1) }])), {
      id: 'slowestTools', title: 'Slowest tools', level: 'good',
      summary: 'Too few timed calls to rank tools by duration: the most for one tool is 19, and a 95th percentile needs at least 20.',
      skipped: 'fewer than 20 timed calls per tool', numbers: { tools: 0, mostTimedCalls: 19 },
    });
  });

  it('every tool ranked: the summary says nothing about unranked tools', () => {
    // 20 calls in (0.5, 1]: median 0.75 s, 95th 0.975 s.
    const got = slowestTools(ctx([{ tool: 'Read', calls: 20, seconds: times(20, 1) }]));
    assert.equal(got.summary, 'Read is the slowest tool: 95% of its 20 timed calls finished within 1.0 s (median 0.8 s).');
  });

  it('ties in the 95th percentile go by tool name whatever order the tools came in', () => {
    // Came in as Grep, Bash, Write: neither sorted nor its reverse.
    const got = slowestTools(ctx([{ tool: 'Grep', calls: 20, seconds: times(20, 1) }, { tool: 'Bash', calls: 20, seconds: times(20, 1) }, { tool: 'Write', calls: 20, seconds: times(20, 1) }]));
    assert.deepEqual(got.rows?.map((r) => r.tool), ['Bash', 'Grep', 'Write']);
  });

  it('lists the slowest tools up to the limit, and counts all ranked ones', () => {
    // 95th percentiles: Bash 4.875 s, Grep 2.425 s, Read 0.975 s.
    const got = slowestTools({ ...ctx([{ tool: 'Read', calls: 20, seconds: times(20, 1) }, { tool: 'Bash', calls: 20, seconds: times(20, 5) }, { tool: 'Grep', calls: 20, seconds: times(20, 2) }]), spec: spec({ limit: 2 }) });
    assert.deepEqual(got.rows?.map((r) => r.tool), ['Bash', 'Grep']);
    assert.equal(got.numbers.tools, 3);
  });

  it("a tool's timed calls from several agents count together", () => {
    // 10 calls of Bash by each agent, in (0.5, 1] and (2.5, 5]: 20 together, enough to rank (neither alone is); the 95th
    // is the 19th call, 9 of 10 into (2.5, 5].
    const got = slowestTools(ctx([{ tool: 'Bash', calls: 10, seconds: times(10, 1) }, { agent: 'codex', tool: 'Bash', calls: 10, seconds: times(10, 5) }]));
    assert.deepEqual(got.rows?.map((r) => [r.tool, r.timedCalls, r.p50Seconds, r.p95Seconds]), [['Bash', 20, 1, 4.75]]);
  });

  it('quantile: interpolates inside the bucket from its lower bound; the last bound past it; 0 for nothing', () => {
    const bounds = [1, 2, 4];
    assert.equal(quantile(0.5, [2, 2, 0, 0], bounds), 1); // rank 2: the top of the first bucket
    assert.equal(quantile(0.75, [2, 2, 0, 0], bounds), 1.5); // rank 3: halfway into (1, 2]
    assert.equal(quantile(0.25, [0, 4, 0, 0], bounds), 1.25);
    assert.equal(quantile(0.9, [0, 0, 0, 5], bounds), 4, 'past the last bound: the last bound');
    assert.equal(quantile(0.5, [0, 0, 0, 0], bounds), 0);
    assert.equal(quantile(0, [0, 3, 0, 0], bounds), 1, 'rank 0: the lower bound of the first bucket with calls');
  });

  it('quantile: a rank past every call (q above 1) reads as the last bound, as calls past it do', () => {
    assert.equal(quantile(1.5, [2, 2, 0, 0], [1, 2, 4]), 4);
  });
});
