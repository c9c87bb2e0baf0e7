// Session health survives a restart through the checkpoint: a call pending before the restart is still judged
// stuck after it, and what was learned about usual tool durations is kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionHealth } from '../../src/health/session-health.js';
import { at, call, defaults, prompt, response, result } from './events.js';

test('a session stuck before a restart is still flagged after it; usual durations are kept', () => {
  let now = at(0);
  const before = new SessionHealth(defaults(), (p) => p, () => now);
  before.observe('claude-code', prompt(0));
  for (let i = 0; i < 30; i++) {
    before.observe('claude-code', call(1 + i * 3, `c${i}`, 'Read', `h${i}`, 'quick'));
    before.observe('claude-code', result(2 + i * 3, `c${i}`, true, 'quick'));
  }
  before.observe('claude-code', response(95, 1000, 'r-quick', 'quick')); // that session's turn ended
  before.observe('claude-code', call(100, 'pending-1', 'Bash'));
  const saved = JSON.parse(JSON.stringify(before.snapshot())) as ReturnType<SessionHealth['snapshot']>;

  now = at(100 + 700); // past toolPendingSeconds (600 s) without any new event
  const after = new SessionHealth(defaults(), (p) => p, () => now);
  after.restore(saved);
  const flagged = after.unhealthy();
  assert.deepEqual(flagged.map((e) => [e.sessionId, e.status, e.reason, e.tool]), [['s1', 'stuck', 'tool_pending', 'Bash']]);
  assert.equal(flagged[0]!.since, new Date(at(100)).toISOString());
  assert.deepEqual(after.snapshot().usual, saved.usual, 'usual durations restored as they were');
  assert.ok(saved.usual.length > 0);

  const fresh = new SessionHealth(defaults(), (p) => p, () => now);
  assert.deepEqual(fresh.unhealthy(), [], 'without the checkpoint nothing would be flagged');
});

/** A SessionHealth restored from `before`'s checkpoint (through JSON, as the checkpoint file holds it). */
function restarted(before: SessionHealth, nowMs: () => number): SessionHealth {
  const after = new SessionHealth(defaults(), (p) => p, nowMs);
  after.restore(JSON.parse(JSON.stringify(before.snapshot())) as ReturnType<SessionHealth['snapshot']>);
  return after;
}
const judgeAt = (h: SessionHealth, sec: number) => h.unhealthy(at(sec)).map((e) => `${e.status}:${e.reason}`);

/** A session that ran the same Bash call four times, 30 s apart (one short of a loop), and the clock it reads. */
function fourRepeatedCalls(): { before: SessionHealth; clock: { now: number } } {
  const clock = { now: at(0) };
  const before = new SessionHealth(defaults(), (p) => p, () => clock.now);
  before.observe('claude-code', prompt(0));
  for (let i = 0; i < 4; i++) {
    clock.now = at(10 + i * 30);
    before.observe('claude-code', call(10 + i * 30, `c${i}`, 'Bash', 'beef'));
    before.observe('claude-code', result(11 + i * 30, `c${i}`));
  }
  return { before, clock };
}

test('a loop that spans a restart is found: calls and tokens seen before it still count', () => {
  const { before, clock } = fourRepeatedCalls();
  before.observe('claude-code', response(120, 9_999_999, 'r-big'));
  const after = restarted(before, () => clock.now);
  clock.now = at(200);
  assert.deepEqual(judgeAt(after, 200), [], 'four calls and 9,999,999 tokens: neither a loop nor a burn yet');
  after.observe('claude-code', call(200, 'c4', 'Bash', 'beef'));
  after.observe('claude-code', result(201, 'c4'));
  after.observe('claude-code', response(202, 2, 'r-small'));
  assert.deepEqual(judgeAt(after, 203), ['looping:repeated_tool_call']);
  const burn = restarted(before, () => clock.now);
  burn.observe('claude-code', response(202, 2, 'r-small'));
  assert.deepEqual(judgeAt(burn, 203), ['looping:token_burn']);
});

test('copies of calls seen before a restart (a resumed file read after it) are not repeats', () => {
  const { before, clock } = fourRepeatedCalls();
  const after = restarted(before, () => clock.now);
  for (let i = 0; i < 4; i++) after.observe('claude-code', call(10 + i * 30, `c${i}`, 'Bash', 'beef'));
  assert.deepEqual(judgeAt(after, 200), []);
});
