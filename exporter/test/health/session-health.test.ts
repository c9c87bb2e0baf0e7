// SessionHealth as the engine and the API use it: which events it learns from, what it forgets, how the API list
// is ordered, what the checkpoint carries, and the `enabled` switch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentEvent } from '../../src/adapters/types.js';
import { HealthSchema } from '../../src/health/config.js';
import { attachSessionHealth, SessionHealth, sessionHealthOf } from '../../src/health/session-health.js';
import { at, call, defaults, prompt, response, result, T0 } from './events.js';

/** A SessionHealth whose clock follows the events fed to it, or stays at `fixedNow` when given. */
function live(events: AgentEvent[], cfg = defaults(), fixedNow?: number): SessionHealth {
  let now = fixedNow ?? T0;
  const h = new SessionHealth(cfg, (p) => p, () => now);
  for (const ev of events) {
    if (fixedNow === undefined) now = Math.max(now, ev.timestampMs);
    h.observe('claude-code', ev);
  }
  return h;
}
const judge = (h: SessionHealth, sec: number) => h.unhealthy(at(sec)).map((e) => `${e.status}:${e.reason}`);
/** 20 Task calls of 300 s each, hours before T0, in a session of their own: Task's usual p95 is 300 s. */
const slowTaskHistory = (): AgentEvent[] =>
  Array.from({ length: 20 }, (_, i) => [call(i * 400 - 20_000, `t${i}`, 'Task', `h${i}`, 'old'), result(i * 400 - 19_700, `t${i}`, true, 'old')]).flat();
/** A session that started a Task at 10 s and is still waiting for it. */
const waitingOnTask = [prompt(0), response(5), call(10, 'task-now', 'Task', 'hx')];

describe('learning usual durations', () => {
  it('a Task that usually takes 300 s may run 5 × 300 s before it is stuck (the control for the cases below)', () => {
    const h = live([...slowTaskHistory(), ...waitingOnTask]);
    assert.deepEqual(judge(h, 1000), []);
    assert.deepEqual(judge(h, 1511), ['stuck:tool_pending']);
  });
  it('copies of a call (a resumed file) do not count as a 0 s run of it', () => {
    const history = slowTaskHistory().flatMap((ev): AgentEvent[] => (ev.kind === 'tool_call' ? [ev, { ...ev }] : [ev]));
    assert.deepEqual(judge(live([...history, ...waitingOnTask]), 1000), []);
  });
  it('copies of a result do not count twice: 10 runs stay 10, too few to know the usual', () => {
    const history = slowTaskHistory()
      .slice(0, 20)
      .flatMap((ev): AgentEvent[] => (ev.kind === 'tool_result' ? [ev, { ...ev, timestampMs: ev.timestampMs + 50_000 }] : [ev]));
    assert.deepEqual(judge(live([...history, ...waitingOnTask]), 611), ['stuck:tool_pending']);
  });
  it('a result whose call was never seen (read before the exporter started) teaches nothing and breaks nothing', () => {
    const h = live([prompt(0), result(1, 'never-seen'), response(2)]);
    assert.deepEqual(judge(h, 700), []);
    assert.deepEqual(h.snapshot().openCalls, []);
  });
  it('only calls awaiting a result are remembered for it (and kept in the checkpoint)', () => {
    const h = live([prompt(0), call(1, 'a', 'Read'), result(2, 'a'), result(3, 'b'), response(4), call(5, 'c', 'Bash')]);
    assert.deepEqual(h.snapshot().openCalls, [['c', { agent: 'claude-code', tool: 'Bash', ts: at(5) }]]);
  });
  it('at most 50,000 calls await a result (a log of calls that never finish cannot take all memory)', () => {
    const h = new SessionHealth(defaults(), (p) => p, () => at(0));
    for (let i = 0; i <= 50_000; i++) h.observe('claude-code', call(-10_000, `c${i}`, 'Bash', 'h', 'old'));
    const open = h.snapshot().openCalls.length;
    assert.ok(open <= 50_000 && open > 40_000, `open calls: ${open}`);
  });
  it('calls open at a restart teach their duration when the result comes after it', () => {
    let now = at(-20_000);
    const before = new SessionHealth(defaults(), (p) => p, () => now);
    for (let i = 0; i < 20; i++) before.observe('claude-code', call(-20_000, `t${i}`, 'Task', `h${i}`, 'old'));
    const after = new SessionHealth(defaults(), (p) => p, () => now);
    after.restore(JSON.parse(JSON.stringify(before.snapshot())) as ReturnType<SessionHealth['snapshot']>);
    for (let i = 0; i < 20; i++) after.observe('claude-code', result(-19_700, `t${i}`, true, 'old'));
    now = at(10);
    for (const ev of waitingOnTask) after.observe('claude-code', ev);
    assert.deepEqual(judge(after, 1000), []);
  });
});

describe('recent sessions only', () => {
  it('a call left without result in history read at start does not make the resumed session stuck', () => {
    const now = at(3 * 3600);
    const h = live([prompt(0), call(1, 'interrupted'), prompt(3 * 3600 - 20), response(3 * 3600 - 10)], defaults(), now);
    assert.deepEqual(h.unhealthy(now), []);
  });
  it('an event exactly forgetAfterSeconds (7200 s) old is still judged', () => {
    const h = live([prompt(0)], defaults(), at(7200));
    assert.equal(h.size, 1);
    assert.deepEqual(judge(h, 7200), ['stuck:no_activity']);
  });
});

describe('windows of different lengths', () => {
  const cfg = (repeatWindowSeconds: number, burnWindowSeconds: number) => HealthSchema.parse({ looping: { repeatWindowSeconds, burnWindowSeconds } });
  const fiveSame = [0, 10, 20, 30, 40].flatMap((t, i) => [call(t, `c${i}`, 'Bash', 'beef'), result(t + 1, `c${i}`), response(t + 2, 1)]);
  it('burn window 1200 s, repeat window 600 s: tokens 1000 s old count, repeats 660 s old do not', () => {
    // 1,000,000 a minute over 20 minutes is 20,000,000 tokens.
    assert.deepEqual(judge(live([response(0, 20_000_000), response(900, 1)], cfg(600, 1200)), 1000), ['looping:token_burn']);
    assert.deepEqual(judge(live([prompt(0), ...fiveSame], cfg(600, 1200)), 700), []);
    assert.deepEqual(judge(live([prompt(0), ...fiveSame], cfg(600, 1200)), 600), ['looping:repeated_tool_call']);
  });
  it('repeat window 1200 s, burn window 600 s: repeats 900 s old count, tokens 700 s old do not', () => {
    assert.deepEqual(judge(live([prompt(0), ...fiveSame], cfg(1200, 600)), 900), ['looping:repeated_tool_call']);
    assert.deepEqual(judge(live([response(0, 20_000_000), response(650, 1)], cfg(1200, 600)), 700), []);
  });
});

describe('the API list', () => {
  it('is ordered by when the condition began, oldest first; ties keep the order sessions were first seen', () => {
    const starts = [300, 100, 200, 100, 250, 50];
    const h = live(starts.map((t, i) => prompt(t, `s${i}`)));
    const got = h.unhealthy(at(2000)).map((e) => `${e.sessionId}@${(Date.parse(e.since) - T0) / 1000}`);
    assert.deepEqual(got, ['s5@50', 's1@100', 's3@100', 's2@200', 's4@250', 's0@300']);
  });
  it('an entry without a tool or count has no such fields', () => {
    assert.deepEqual(live([prompt(0)]).unhealthy(at(301)), [
      { agent: 'claude-code', sessionId: 's1', project: 'alpha', status: 'stuck', reason: 'no_activity', since: new Date(T0).toISOString() },
    ]);
  });
  it('project labels are the raw project names unless a label function is given', () => {
    const t = Date.now();
    const h = new SessionHealth(defaults());
    h.observe('codex', { ...prompt(0), timestampMs: t - 400_000 });
    assert.deepEqual(h.counts(t), [{ status: 'stuck', agent: 'codex', project: 'alpha', reason: 'no_activity', sessions: 1 }]);
  });
  it('the HTTP API finds the session health attached to its engine, and none on another', () => {
    const engine = {};
    const h = new SessionHealth(defaults());
    attachSessionHealth(engine, h);
    assert.equal(sessionHealthOf(engine), h);
    assert.equal(sessionHealthOf({}), undefined);
  });
});

describe('disabled', () => {
  const off = { ...defaults(), enabled: false };
  it('keeps nothing of the sessions it is shown', () => {
    const h = live([prompt(0), call(1, 'c1')], off);
    assert.equal(h.size, 0);
    assert.deepEqual(h.snapshot().sessions, []);
  });
  it('reports nothing, even for a stuck session restored from a checkpoint written while it was enabled', () => {
    const on = live([prompt(0), call(1, 'c1')]);
    const h = new SessionHealth(off, (p) => p, () => at(1000));
    h.restore(JSON.parse(JSON.stringify(on.snapshot())) as ReturnType<SessionHealth['snapshot']>);
    assert.deepEqual(h.unhealthy(at(1000)), []);
    assert.deepEqual(h.counts(at(1000)), []);
  });
});
