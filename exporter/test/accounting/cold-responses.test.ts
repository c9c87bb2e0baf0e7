// The store of compacted responses on its own: what a response keeps (its largest output and the second it was
// counted) survives merges into a month that already holds responses, a raise finds its response in whichever month
// and position it is, an output that cannot be kept exactly means "never grows" (never a wrong number or time), and a
// checkpoint holds responses queued but not yet compacted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ColdResponses, NO_GROWTH } from '../../src/accounting/cold-responses.js';

const NOV = Date.UTC(2026, 10, 5, 8, 30, 15, 900);
const OCT = Date.UTC(2026, 9, 20, 23, 0, 1, 5);
const second = (ms: number): number => Math.floor(ms / 1000) * 1000;
const roundTrip = (c: ColdResponses): ColdResponses => ColdResponses.fromJSON(JSON.parse(JSON.stringify(c.toJSON())) as Record<string, string>);

describe('ColdResponses', () => {
  it('finds every response with its output and time after several merges into the same month', () => {
    const c = new ColdResponses();
    const all: [string, number, number][] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 7; i++) {
        const key = `claude:msg_${round}_${i}:req_${round}_${i}`;
        const at = NOV + (round * 7 + i) * 60_000;
        all.push([key, at, round * 100 + i]);
        c.add(key, at, round * 100 + i);
      }
      c.compact();
    }
    assert.equal(c.size, 28);
    for (const [key, at, output] of all) assert.deepEqual(c.get(key), { eventMs: second(at), output }, key);
    assert.equal(c.get('claude:msg_9_9:req_9_9'), undefined);
  });

  it('stores an output it cannot keep exactly (negative, fractional, too large) as never growing, with the right time', () => {
    const c = new ColdResponses();
    const outputs: Record<string, number> = { zero: 0, largest: NO_GROWTH - 1, negative: -5, fraction: 10.5, tooLarge: 2 ** 31, huge: 2 ** 40 };
    for (const [key, output] of Object.entries(outputs)) c.add(key, NOV, output);
    c.compact();
    const kept = Object.fromEntries(Object.keys(outputs).map((key) => [key, c.get(key)]));
    const at = second(NOV);
    assert.deepEqual(kept, {
      zero: { eventMs: at, output: 0 },
      largest: { eventMs: at, output: NO_GROWTH - 1 },
      negative: { eventMs: at, output: NO_GROWTH },
      fraction: { eventMs: at, output: NO_GROWTH },
      tooLarge: { eventMs: at, output: NO_GROWTH },
      huge: { eventMs: at, output: NO_GROWTH },
    });
  });

  it('raises a response in whichever month and position it is, keeping its time; an unkeepable output stops its growth', () => {
    const c = new ColdResponses();
    c.add('october', OCT, 10); // the first month
    c.add('november', NOV, 20); // alone in the second month: index 0
    for (let i = 0; i < 9; i++) c.add(`oct-${i}`, OCT + i * 1000, i);
    c.compact();
    c.raise('november', 25);
    c.raise('october', 11);
    for (let i = 0; i < 9; i++) c.raise(`oct-${i}`, 100 + i);
    c.raise('not-here', 5); // no effect
    assert.deepEqual(c.get('november'), { eventMs: second(NOV), output: 25 });
    assert.deepEqual(c.get('october'), { eventMs: second(OCT), output: 11 });
    for (let i = 0; i < 9; i++) assert.deepEqual(c.get(`oct-${i}`), { eventMs: second(OCT + i * 1000), output: 100 + i });
    assert.equal(c.get('not-here'), undefined);
    assert.equal(c.size, 11);
    const back = roundTrip(c);
    assert.deepEqual(back.get('november'), { eventMs: second(NOV), output: 25 });
    c.raise('october', 0);
    assert.equal(c.get('october')!.output, 0);
    for (const bad of [-1, 3.5, 2 ** 31]) {
      c.raise('november', 1);
      c.raise('november', bad);
      assert.deepEqual(c.get('november'), { eventMs: second(NOV), output: NO_GROWTH }, `raised to ${bad}`);
    }
  });

  it('a checkpoint holds responses queued and not yet compacted', () => {
    const c = new ColdResponses();
    c.add('kept', OCT, 3);
    c.compact();
    c.add('queued', NOV, 7);
    c.add('queued-oct', OCT + 1000, 8);
    const back = roundTrip(c);
    assert.deepEqual(back.get('queued'), { eventMs: second(NOV), output: 7 });
    assert.deepEqual(back.get('queued-oct'), { eventMs: second(OCT + 1000), output: 8 });
    assert.deepEqual(back.get('kept'), { eventMs: second(OCT), output: 3 });
    assert.equal(back.size, 3);
  });
});
