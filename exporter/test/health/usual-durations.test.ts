// What "usual" means for a tool: the p95 of its last 200 call durations, once 20 are known. The stuck detector waits
// max(toolPendingSeconds, factor × p95), so a wrong p95 flags a normal long tool (or misses a stuck quick one).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsualDurations } from '../../src/health/usual-durations.js';

/** A UsualDurations that saw `seconds` for claude-code's `tool`, in that order. */
function seen(seconds: number[], tool = 'Bash'): UsualDurations {
  const u = new UsualDurations();
  for (const s of seconds) u.observe('claude-code', tool, s);
  return u;
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('p95 of recent durations', () => {
  it('is the value at the 95th percentile of the sorted durations, whatever order they came in', () => {
    // 40 durations 1..40: the 38th smallest (ceil(40 × 0.95) = 38) is 38. Fed largest first, and as text-sorting
    // would order them (1, 10, 11, …): neither the arrival order nor a string sort may leak into the answer.
    assert.equal(seen(range(1, 40).reverse()).p95('claude-code', 'Bash'), 38);
    assert.equal(seen(range(1, 40).map(String).sort().map(Number)).p95('claude-code', 'Bash'), 38);
    // 20 durations 1..20: ceil(19) = 19th smallest.
    assert.equal(seen(range(1, 20)).p95('claude-code', 'Bash'), 19);
  });

  it('is unknown below 20 calls, and known from the 20th', () => {
    assert.equal(seen(Array(19).fill(300)).p95('claude-code', 'Bash'), undefined);
    assert.equal(seen(Array(20).fill(300)).p95('claude-code', 'Bash'), 300);
  });

  it('is per agent and tool', () => {
    const u = seen(Array(20).fill(300), 'Task');
    assert.equal(u.p95('claude-code', 'Task'), 300);
    assert.equal(u.p95('claude-code', 'Bash'), undefined);
    assert.equal(u.p95('codex', 'Task'), undefined);
  });

  it('follows the last 200 calls: older durations are forgotten', () => {
    // 200 slow calls, then 200 quick ones: only the quick ones are usual now.
    const u = seen([...Array(200).fill(1000), ...Array(200).fill(2)]);
    assert.equal(u.p95('claude-code', 'Bash'), 2);
    // Half-way through the quick ones, 100 slow ones are still among the last 200.
    assert.equal(seen([...Array(200).fill(1000), ...Array(100).fill(2)]).p95('claude-code', 'Bash'), 1000);
    // One call more than the ring holds: exactly the newest 200 are kept (and checkpointed), in ring order.
    const [[, ring, next]] = seen([7, ...range(1, 200)]).toJSON() as [[string, number[], number]];
    assert.equal(ring.length, 200);
    assert.deepEqual([...ring].sort((a, b) => a - b), range(1, 200));
    assert.equal(next, 1);
  });

  it('ignores durations that cannot be real (negative from clock skew, NaN, infinite) but keeps instant calls', () => {
    assert.equal(seen([...Array(20).fill(-1), NaN, Infinity, -Infinity]).p95('claude-code', 'Bash'), undefined);
    assert.deepEqual(seen([-5, Infinity, NaN]).toJSON(), []);
    // 0 s is a real duration (a cached read): 20 of them are a usual duration of 0.
    assert.equal(seen(Array(20).fill(0)).p95('claude-code', 'Bash'), 0);
    // 20 real ones plus an infinite one: the p95 of the 20 (19), not of 21 values (20).
    assert.equal(seen([...range(1, 20), Infinity]).p95('claude-code', 'Bash'), 19);
  });
});

describe('bounded memory', () => {
  it('remembers at most 2000 tools (names come from the logs); known tools keep learning', () => {
    const u = new UsualDurations();
    for (let i = 0; i < 2000; i++) u.observe('claude-code', `tool-${i}`, 1);
    for (let i = 0; i < 20; i++) u.observe('claude-code', 'one-too-many', 5);
    assert.equal(u.p95('claude-code', 'one-too-many'), undefined);
    assert.equal(u.toJSON().length, 2000);
    for (let i = 0; i < 19; i++) u.observe('claude-code', 'tool-1999', 7);
    assert.equal(u.p95('claude-code', 'tool-1999'), 7);
  });
});

describe('checkpoint', () => {
  it('toJSON holds each tool\'s durations and ring position; load restores the same answers', () => {
    const u = seen([1.5, 2.5], 'Read');
    assert.deepEqual(u.toJSON(), [['claude-code\u001fRead', [1.5, 2.5], 2]]);
    const big = seen([...range(1, 250)]);
    const back = new UsualDurations();
    back.load(JSON.parse(JSON.stringify(big.toJSON())));
    assert.equal(back.p95('claude-code', 'Bash'), big.p95('claude-code', 'Bash'));
    // It goes on overwriting the oldest after the restore: 200 more quick calls replace all the old ones.
    for (let i = 0; i < 200; i++) back.observe('claude-code', 'Bash', 3);
    assert.equal(back.p95('claude-code', 'Bash'), 3);
  });
});
