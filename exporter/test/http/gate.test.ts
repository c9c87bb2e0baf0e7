// The gate for expensive requests (gate.ts): at most maxRunning at once, at most maxWaiting queued, the rest refused
// (the routes answer those 503 with Retry-After); a finished request hands its slot to the first in line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Gate } from '../../src/http/gate.js';

/** A piece of work the test finishes when it wants; `started` tells whether the gate ran it yet. */
function work<T>(value: T) {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  const w = { started: false, finish, fn: async () => ((w.started = true), await done, value) };
  return w;
}

/** Waits (bounded) until `cond` holds: the gate resumes waiters on later ticks. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(cond(), what);
}

describe('Gate', () => {
  it('runs up to maxRunning at once, queues up to maxWaiting, refuses the rest without running them', async () => {
    const gate = new Gate(2, 1);
    assert.equal(gate.load, 0);
    const [a, b, c, d] = [work('a'), work('b'), work('c'), work('d')];
    const pa = gate.run(a.fn);
    const pb = gate.run(b.fn);
    const pc = gate.run(c.fn);
    await until(() => a.started && b.started, 'two run at once');
    assert.equal(c.started, false, 'the third waits');
    assert.equal(gate.load, 3, 'two running plus one waiting');
    const refused = await Promise.race([gate.run(d.fn), new Promise((r) => setTimeout(r, 2000, 'queued'))]);
    assert.equal(refused, undefined, 'the queue is full: refused at once');
    assert.equal(d.started, false, 'a refused request never runs');
    a.finish();
    assert.deepEqual(await pa, { value: 'a' });
    await until(() => c.started, 'the waiting one takes the freed slot');
    assert.equal(gate.load, 2);
    b.finish();
    c.finish();
    assert.deepEqual(await Promise.all([pb, pc]), [{ value: 'b' }, { value: 'c' }]);
    assert.equal(gate.load, 0, 'every slot given back');
  });

  it('never runs more than maxRunning, also while the slot passes down a queue', async () => {
    const gate = new Gate(1, 3);
    let running = 0;
    let most = 0;
    const jobs = [0, 1, 2, 3].map((i) => gate.run(async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setImmediate(r));
      running -= 1;
      return i;
    }));
    assert.deepEqual(await Promise.all(jobs), [{ value: 0 }, { value: 1 }, { value: 2 }, { value: 3 }]);
    assert.equal(most, 1);
    assert.equal(gate.load, 0);
    // Still usable afterwards: a new request runs at once.
    const e = work('e');
    const pe = gate.run(e.fn);
    await until(() => e.started, 'runs at once on an idle gate');
    e.finish();
    assert.deepEqual(await pe, { value: 'e' });
  });

  it('gives the slot back when the work throws', async () => {
    const gate = new Gate(1, 0);
    await assert.rejects(gate.run(async () => { throw new Error('work failed'); }), /work failed/);
    assert.equal(gate.load, 0);
    assert.deepEqual(await gate.run(async () => 7), { value: 7 });
  });

  it('with maxWaiting 0 refuses whatever finds every slot taken', async () => {
    const gate = new Gate(1, 0);
    const a = work('a');
    const pa = gate.run(a.fn);
    await until(() => a.started, 'the first runs');
    assert.equal(await gate.run(async () => 'b'), undefined);
    a.finish();
    await pa;
  });
});
