// What the detectors remember of a session, judged through what a user sees: which sessions are stuck or looping,
// and what the checkpoint keeps. Events come in the orders the real files produce (transcript and hook spool read
// separately, streamed lines of one response, resumed files that copy old calls, scrapes in between).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentEvent, TokenCounts } from '../../src/adapters/types.js';
import { SessionHealth } from '../../src/health/session-health.js';
import { activity, at, call, defaults, prompt, response, result, T0 } from './events.js';

/** A SessionHealth whose clock follows the events fed to it (as when they are read live). */
function live(events: AgentEvent[], cfg = defaults()): SessionHealth {
  let now = T0;
  const h = new SessionHealth(cfg, (p) => p, () => now);
  for (const ev of events) {
    now = Math.max(now, ev.timestampMs);
    h.observe('claude-code', ev);
  }
  return h;
}
const judge = (h: SessionHealth, sec: number) => h.unhealthy(at(sec)).map((e) => `${e.status}:${e.reason}`);
const usage = (sec: number, tokens: Partial<TokenCounts>, dedupKey: string | null = null): AgentEvent => ({
  timestampMs: at(sec),
  sessionId: 's1',
  project: 'alpha',
  kind: 'request',
  model: 'claude-sonnet-4-5',
  tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, ...tokens },
  dedupKey,
});
const hook = (sec: number, permission?: 'asked' | 'answered'): AgentEvent => ({
  timestampMs: at(sec),
  sessionId: 's1',
  project: 'alpha',
  kind: 'activity',
  hook: { event: permission === 'asked' ? 'Notification' : 'PostToolUse', ...(permission ? { permission } : {}) },
});
const progress = (sec: number): AgentEvent => ({ timestampMs: at(sec), sessionId: 's1', project: 'alpha', kind: 'progress', done: 1, total: 3 });
const apiError = (sec: number): AgentEvent => ({ timestampMs: at(sec), sessionId: 's1', project: 'alpha', kind: 'api_error', errorKind: 'overloaded', dedupKey: null });
const inProject = (ev: AgentEvent, project: string): AgentEvent => ({ ...ev, project });
const sessionOf = (h: SessionHealth) => h.snapshot().sessions[0]![1];

describe('token burn counts every token type', () => {
  // 10,000,000 tokens in the 600 s window is exactly the default limit (1,000,000 a minute): cache reads and both
  // cache writes count like input and output.
  const mixed = { input: 1_000_000, output: 2_000_000, cacheRead: 3_000_000, cacheWrite5m: 2_500_000, cacheWrite1h: 1_500_000 };
  it('at the limit with every type: not looping; one token more: looping, with the rate', () => {
    assert.deepEqual(judge(live([usage(0, mixed)]), 10), []);
    const [e] = live([usage(0, mixed), usage(5, { cacheWrite1h: 1 })]).unhealthy(at(10));
    assert.equal(`${e?.reason} ${e?.count}`, 'token_burn 1000000');
    const [more] = live([usage(0, { ...mixed, cacheRead: 13_000_000 })]).unhealthy(at(10));
    assert.equal(`${more?.reason} ${more?.count}`, 'token_burn 2000000');
  });
  it('streamed lines of one response count at their largest total, even when a smaller line comes last', () => {
    const [e] = live([usage(0, { output: 11_000_000 }, 'msg_1:req_1'), usage(1, { output: 5 }, 'msg_1:req_1')]).unhealthy(at(10));
    assert.equal(`${e?.reason} ${e?.count}`, 'token_burn 1100000');
  });
});

describe('lines read out of order', () => {
  it('a line stamped before the prompt but read after it does not hide a silent prompt', () => {
    const h = live([prompt(10), activity(5)]);
    assert.deepEqual(judge(h, 310), []);
    assert.deepEqual(judge(h, 311), ['stuck:no_activity']);
  });
  it('a tool call in the same millisecond as the prompt is the session moving on (not no_activity)', () => {
    const h = live([prompt(10), call(10, 'c1')]);
    assert.deepEqual(judge(h, 311), []);
    assert.deepEqual(judge(h, 611), ['stuck:tool_pending']);
  });
});

describe('project', () => {
  it('a session first seen without a project takes the first known one, and an unknown one later does not undo it', () => {
    const h = live([inProject(prompt(0), 'unknown'), inProject(activity(1), 'alpha'), inProject(activity(2), 'unknown')]);
    const [e] = h.unhealthy(at(700));
    assert.deepEqual([e?.reason, e?.project], ['response_pending', 'alpha']);
  });
});

describe('permission prompts (Claude Code hooks)', () => {
  it('stay open through plan updates and API errors (the model did not move on)', () => {
    const h = live([prompt(0), hook(1, 'asked'), progress(10), apiError(20)]);
    assert.deepEqual(judge(h, 302), ['stuck:permission_wait']);
  });
  it('a line in the same millisecond as the prompt does not close it; one a millisecond later does', () => {
    const asked = hook(1, 'asked');
    const sameMs = { ...result(1, 'c1'), timestampMs: asked.timestampMs };
    assert.deepEqual(judge(live([prompt(0), call(0, 'c1'), asked, sameMs]), 302), ['stuck:permission_wait']);
    const later = { ...sameMs, timestampMs: asked.timestampMs + 1 };
    assert.deepEqual(judge(live([prompt(0), call(0, 'c1'), asked, later]), 302), []);
  });
});

describe('what a session keeps stays small, and nothing the detectors still need is dropped', () => {
  it('a busy two-hour session keeps only calls, responses and call ids of the loop windows (and pending calls)', () => {
    const events: AgentEvent[] = [prompt(0), call(5, 'bg', 'Task', 'bg')]; // never answered
    for (let t = 10; t <= 7200; t += 10) events.push(call(t, `c${t}`, 'Read', `h${t}`), result(t + 1, `c${t}`), response(t + 2, 10, `r${t}`));
    const h = live(events);
    h.unhealthy(at(7203)); // a scrape: windows of 600 s, so everything from 6603 s on is kept
    const s = sessionOf(h);
    const kept = (ts: number[]) => ts.every((t) => t >= at(6603));
    assert.equal(s.recentCalls.length, 60);
    assert.ok(kept(s.recentCalls.map((c) => c.ts)));
    assert.equal(s.recentTokens.length, 60);
    assert.ok(kept(s.recentTokens.map(([, v]) => v.ts)));
    assert.deepEqual(s.callIds.map(([id]) => id).sort(), ['bg', ...Array.from({ length: 60 }, (_, i) => `c${6610 + i * 10}`)].sort());
  });
  it('a loop is still found after older calls were trimmed away', () => {
    const same = [700, 730, 760, 790, 820].map((t, i) => call(t, `c${i}`, 'Bash', 'beef'));
    assert.deepEqual(judge(live([prompt(0), call(0, 'old', 'Read', 'other'), result(1, 'old'), ...same]), 830), ['looping:repeated_tool_call']);
  });
  it('a call exactly repeatWindowSeconds old still counts towards a loop; a millisecond more and it does not', () => {
    const same = [10, 40, 70, 100, 130].flatMap((t, i) => [call(t, `c${i}`, 'Bash', 'beef'), result(t + 1, `c${i}`), response(t + 2)]);
    const h = live([prompt(0), call(0, 'old', 'Read', 'other'), result(1, 'old'), ...same]);
    assert.deepEqual(judge(h, 610), ['looping:repeated_tool_call']);
    assert.deepEqual(h.unhealthy(at(610) + 1), []);
  });
  it('a response exactly burnWindowSeconds old still counts towards the burn rate', () => {
    const tenMillion = Array.from({ length: 10 }, (_, i) => response(i * 30, 1_000_000));
    assert.deepEqual(judge(live([...tenMillion, response(600, 1)]), 600), ['looping:token_burn']);
    assert.deepEqual(judge(live([...tenMillion, response(600, 0)]), 600), []);
  });
  it('copies of a recent call read after a scrape (a resumed file) are still recognised as copies', () => {
    let now = at(11);
    const h = new SessionHealth(defaults(), (p) => p, () => now);
    h.observe('claude-code', prompt(0));
    h.observe('claude-code', call(10, 'c1', 'Bash', 'beef'));
    h.observe('claude-code', result(11, 'c1'));
    for (let i = 0; i < 6; i++) {
      now = at(20 + i * 70);
      assert.deepEqual(h.unhealthy(now), []);
      h.observe('claude-code', call(10, 'c1', 'Bash', 'beef'));
    }
    assert.deepEqual(h.unhealthy(now), []);
  });
  it('a copy of a call exactly at the edge of the window is still a copy', () => {
    // c1..c4 are one call repeated 4 times (not yet a loop); c1 is exactly 600 s old when its copy is read.
    const h = live([prompt(0), ...[0, 100, 200, 300].flatMap((t, i) => [call(t, `c${i + 1}`, 'Bash', 'beef'), result(t + 1, `c${i + 1}`)])]);
    assert.deepEqual(h.unhealthy(at(600)), []);
    h.observe('claude-code', call(0, 'c1', 'Bash', 'beef'));
    assert.deepEqual(h.unhealthy(at(600)), []);
  });
});
