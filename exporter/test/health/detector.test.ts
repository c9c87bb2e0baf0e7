// The stuck / looping detector on literal event sequences, judged at chosen times (no clocks, no sleeps).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentEvent } from '../../src/adapters/types.js';
import { SessionHealth } from '../../src/health/session-health.js';
import { activity, at, call, defaults, prompt, response, result, T0 } from './events.js';

/** A SessionHealth whose clock is `now` (ms), fed with `events` as the engine would. */
function feed(events: AgentEvent[], nowMs: number, cfg = defaults()): SessionHealth {
  const h = new SessionHealth(cfg, (p) => p, () => nowMs);
  for (const ev of events) h.observe('claude-code', ev);
  return h;
}
const judge = (h: SessionHealth, sec: number) => h.unhealthy(at(sec)).map((e) => `${e.status}:${e.reason}`);

describe('stuck: a tool call without result', () => {
  const events = [prompt(0), response(5), call(5, 'c1', 'Bash')];
  it('is fine up to toolPendingSeconds (600 s) and stuck after, since the call, naming the tool', () => {
    const h = feed(events, at(5));
    assert.deepEqual(judge(h, 605), []);
    const [e] = h.unhealthy(at(606));
    assert.deepEqual(e, { agent: 'claude-code', sessionId: 's1', project: 'alpha', status: 'stuck', reason: 'tool_pending', since: new Date(at(5)).toISOString(), tool: 'Bash' });
  });
  it('clears when the result arrives', () => {
    const h = feed([...events, result(700, 'c1'), response(710)], at(700));
    assert.deepEqual(judge(h, 720), []);
  });
  it('waits longer for a tool that usually takes long: factor × its p95 of recent calls', () => {
    // 20 Task calls of 300 s each in history read at start (hours old): p95 300 s, limit max(600, 5 × 300) = 1500 s.
    const history: AgentEvent[] = [];
    for (let i = 0; i < 20; i++) history.push(call(i * 400 - 20_000, `t${i}`, 'Task', `h${i}`, 'old'), result(i * 400 - 20_000 + 300, `t${i}`, true, 'old'));
    const h = feed([...history, prompt(0), call(10, 'task-now', 'Task', 'hx')], at(10));
    assert.deepEqual(judge(h, 1510), []);
    assert.deepEqual(judge(h, 1511), ['stuck:tool_pending']);
  });
});

describe('stuck: the model owes a response', () => {
  it('no line at all after a prompt: no_activity after 300 s', () => {
    const h = feed([prompt(0)], at(0));
    assert.deepEqual(judge(h, 300), []);
    assert.deepEqual(judge(h, 301), ['stuck:no_activity']);
  });
  it('activity but no response after a prompt: response_pending after 600 s, since the prompt', () => {
    const h = feed([prompt(0), activity(2)], at(2));
    assert.deepEqual(judge(h, 599), []);
    const [e] = h.unhealthy(at(601));
    assert.equal(`${e?.reason} ${e?.since}`, `response_pending ${new Date(T0).toISOString()}`);
  });
  it('after the last result of a tool round: response_pending counts from that result', () => {
    const h = feed([prompt(0), response(3), call(3, 'a'), call(3, 'b'), result(10, 'a'), result(20, 'b')], at(20));
    assert.deepEqual(judge(h, 620), []);
    const [e] = h.unhealthy(at(621));
    assert.equal(`${e?.reason} ${e?.since}`, `response_pending ${new Date(at(20)).toISOString()}`);
  });
  it('a turn that ended with a response is idle, not stuck, however long it stays quiet', () => {
    const h = feed([prompt(0), response(3), call(3, 'a'), result(5, 'a'), response(9)], at(9));
    assert.deepEqual(judge(h, 7000), []);
  });
});

describe('only recent sessions count', () => {
  it('history read at start (older than forgetAfterSeconds) is never judged', () => {
    const now = at(3 * 3600);
    const h = feed([prompt(0), call(1, 'c1')], now); // both 3 h old
    assert.deepEqual(h.unhealthy(now), []);
    assert.equal(h.size, 0);
  });
  it('sessions idle past forgetAfterSeconds are dropped as events arrive, even if /metrics is never scraped', () => {
    let now = at(0);
    const h = new SessionHealth(defaults(), (p) => p, () => now);
    for (let i = 0; i < 50; i++) h.observe('claude-code', prompt(0, `old-${i}`));
    assert.equal(h.size, 50);
    now = at(7300);
    h.observe('claude-code', prompt(7300, 'new'));
    assert.equal(h.size, 1);
  });
  it('a stuck session stops counting once idle longer than forgetAfterSeconds (7200 s)', () => {
    const h = feed([prompt(0)], at(0));
    assert.deepEqual(judge(h, 7200), ['stuck:no_activity']);
    assert.deepEqual(judge(h, 7201), []);
    assert.equal(h.size, 0);
  });
});

describe('looping: the same tool with the same input again and again', () => {
  // n calls of one tool with one input, each answered at once (the session is busy, not stuck).
  const same = (n: number, every = 30, tool = 'Bash', hash = 'beef0001') =>
    Array.from({ length: n }, (_, i) => [call(10 + i * every, `c${i}`, tool, hash), result(11 + i * every, `c${i}`, false), response(12 + i * every)]).flat();
  it('5 identical calls within 10 minutes is a loop, since the first, with the count', () => {
    const h = feed([prompt(0), ...same(5)], at(130));
    const [e] = h.unhealthy(at(130));
    assert.deepEqual({ ...e }, { agent: 'claude-code', sessionId: 's1', project: 'alpha', status: 'looping', reason: 'repeated_tool_call', since: new Date(at(10)).toISOString(), tool: 'Bash', count: 5 });
  });
  it('4 identical calls is not', () => {
    assert.deepEqual(judge(feed([prompt(0), ...same(4)], at(100)), 100), []);
  });
  it('5 calls of one tool with different inputs is not', () => {
    const calls = Array.from({ length: 5 }, (_, i) => call(10 + i, `c${i}`, 'Read', `hash${i}`));
    assert.deepEqual(judge(feed([prompt(0), ...calls], at(20)), 20), []);
  });
  it('5 identical calls spread wider than the window is not (and a loop clears once the window passes)', () => {
    assert.deepEqual(judge(feed([prompt(0), ...same(5, 160)], at(700)), 700), []); // first and fifth 640 s apart
    const h = feed([prompt(0), ...same(5)], at(130));
    assert.deepEqual(judge(h, 609), ['looping:repeated_tool_call']); // the first call is 599 s old
    assert.deepEqual(judge(h, 611), []); // only 4 left inside the window
  });
  it('copies of one call (same call id, as in a resumed session file) are not repeats', () => {
    const copies = Array.from({ length: 6 }, () => call(10, 'c-same', 'Bash', 'beef0001'));
    assert.deepEqual(judge(feed([prompt(0), ...copies, result(11, 'c-same')], at(12)), 12), []);
  });
});

describe('looping: token burn far above normal', () => {
  // Default: more than 1,000,000 tokens per minute averaged over 600 s, i.e. more than 10,000,000 in 10 minutes.
  it('fires above the rate, not at it', () => {
    const at10M = Array.from({ length: 10 }, (_, i) => response(i * 30, 1_000_000));
    assert.deepEqual(judge(feed(at10M, at(300)), 300), []);
    const h = feed([...at10M, response(301, 1)], at(301));
    const [e] = h.unhealthy(at(301));
    assert.equal(`${e?.reason} ${e?.count} ${e?.since}`, `token_burn 1000000 ${new Date(T0).toISOString()}`);
  });
  it('streamed lines of one response (same dedup key) count once, at their largest total', () => {
    const streamed = Array.from({ length: 20 }, (_, i) => response(i, 9_000_000 + i, 'msg_1:req_1'));
    assert.deepEqual(judge(feed(streamed, at(20)), 20), []);
  });
});

describe('counts for /metrics', () => {
  it('counts by status, agent, project label and reason; a cleared label set stays at 0', () => {
    const events = [prompt(0, 'a'), prompt(0, 'b'), call(0, 'x', 'Bash', 'h', 'c')];
    const h = new SessionHealth(defaults(), (p) => (p === 'alpha' ? 'alpha' : 'other'), () => at(0));
    for (const ev of events) h.observe('codex', ev);
    const key = (c: { status: string; agent: string; project: string; reason: string; sessions: number }) => `${c.status} ${c.agent} ${c.project} ${c.reason} ${c.sessions}`;
    assert.deepEqual(h.counts(at(400)).map(key).sort(), ['stuck codex alpha no_activity 2']);
    assert.deepEqual(h.counts(at(700)).map(key).sort(), ['stuck codex alpha no_activity 2', 'stuck codex alpha tool_pending 1']);
    h.observe('codex', result(701, 'x', true, 'c'));
    h.observe('codex', response(702, 10, null, 'a'));
    h.observe('codex', response(702, 10, null, 'b'));
    h.observe('codex', response(702, 10, null, 'c'));
    assert.deepEqual(h.counts(at(703)).map(key).sort(), ['stuck codex alpha no_activity 0', 'stuck codex alpha tool_pending 0']);
  });
  it('reports nothing when disabled', () => {
    const cfg = { ...defaults(), enabled: false };
    assert.deepEqual(feed([prompt(0)], at(0), cfg).unhealthy(at(1000)), []);
  });
});

describe('which pending call is named', () => {
  it('of two overdue calls, the one waiting longest (since it began), whatever order they were read in', () => {
    const name = (h: SessionHealth) => h.unhealthy(at(700)).map((e) => `${e.reason} ${e.tool} ${(Date.parse(e.since) - T0) / 1000}`);
    assert.deepEqual(name(feed([prompt(0), call(5, 'a', 'Bash', 'h1'), call(8, 'b', 'Read', 'h2')], at(8))), ['tool_pending Bash 5']);
    assert.deepEqual(name(feed([prompt(0), call(8, 'b', 'Read', 'h2'), call(5, 'a', 'Bash', 'h1')], at(8))), ['tool_pending Bash 5']);
    // Parallel calls of one response share a timestamp: the first of the round is named.
    assert.deepEqual(name(feed([prompt(0), call(5, 'a', 'Bash', 'h1'), call(5, 'b', 'Read', 'h2')], at(5))), ['tool_pending Bash 5']);
  });
  it('a prompt typed while a long tool still runs: the session waits on the tool, not on the model', () => {
    // Task usually takes 300 s (limit 1500 s); the user types at 10 s and the agent shows activity at 12 s.
    const history: AgentEvent[] = [];
    for (let i = 0; i < 20; i++) history.push(call(i * 400 - 20_000, `t${i}`, 'Task', `h${i}`, 'old'), result(i * 400 - 19_700, `t${i}`, true, 'old'));
    const h = feed([...history, prompt(0), response(1), call(2, 'task', 'Task', 'hx'), prompt(10), activity(12)], at(12));
    assert.deepEqual(judge(h, 1000), []);
    assert.deepEqual(judge(h, 1503), ['stuck:tool_pending']);
  });
});

describe('which loop is named', () => {
  const answered = (t: number, id: string, hash: string): AgentEvent[] => [call(t, id, 'Bash', hash), result(t + 1, id), response(t + 2, 1)];
  const run = (n: number, from: number, hash: string) => Array.from({ length: n }, (_, i) => answered(from + i * 10, `${hash}-${i}`, hash)).flat();
  const named = (events: AgentEvent[]) => feed([prompt(0), ...events], at(200)).unhealthy(at(200)).map((e) => `${e.reason} ${e.count} ${(Date.parse(e.since) - T0) / 1000}`);
  it('the call repeated most often, whichever came first', () => {
    assert.deepEqual(named([...run(7, 10, 'aaaa'), ...run(5, 100, 'bbbb')]), ['repeated_tool_call 7 10']);
    assert.deepEqual(named([...run(5, 10, 'aaaa'), ...run(7, 100, 'bbbb')]), ['repeated_tool_call 7 100']);
  });
  it('on a tie, the loop that began first', () => {
    assert.deepEqual(named([...run(5, 10, 'aaaa'), ...run(5, 100, 'bbbb')]), ['repeated_tool_call 5 10']);
  });
});

describe('lines stamped later than now (a clock ahead) count only once their time has come', () => {
  it('calls', () => {
    const same = [10, 40, 70, 100, 160].map((t, i) => call(t, `c${i}`, 'Bash', 'beef0001'));
    const h = feed([prompt(0), ...same], at(130)); // the exporter's clock is at 130 s when the 160 s line is read
    assert.deepEqual(judge(h, 130), []);
    assert.deepEqual(judge(h, 160), ['looping:repeated_tool_call']);
  });
  it('tokens', () => {
    const h = feed([response(0, 10_000_000), response(200, 1)], at(100));
    assert.deepEqual(judge(h, 100), []);
    assert.deepEqual(judge(h, 200), ['looping:token_burn']);
  });
});
