import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ColdKeys, mergeSorted } from '../../src/accounting/cold-keys.js';

const DAY = 86_400_000;
const NOV = Date.UTC(2026, 10, 5);
const OCT = Date.UTC(2026, 9, 20);

test('mergeSorted equals sorting the concatenation (duplicates and empty sides included)', () => {
  let seed = 7;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % 50;
  for (let round = 0; round < 200; round++) {
    const a = Float64Array.from({ length: round % 13 }, rnd).sort();
    const b = Float64Array.from({ length: (round * 7) % 11 }, rnd).sort();
    const expected = Float64Array.from([...a, ...b]).sort();
    assert.deepEqual(mergeSorted(a, b), expected);
  }
});

test('keys are found after compact, across several compacts and months, and never before', () => {
  const c = new ColdKeys();
  for (let i = 0; i < 500; i++) c.add(`claude:msg_${i}:req_${i}`, NOV + (i % 3) * DAY);
  assert.equal(c.has('claude:msg_1:req_1'), false, 'queued keys are not visible yet');
  c.compact();
  for (let i = 500; i < 1200; i++) c.add(`claude:msg_${i}:req_${i}`, i % 2 ? NOV : OCT);
  c.compact();
  c.compact(); // nothing queued: a no-op
  assert.equal(c.size, 1200);
  for (let i = 0; i < 1200; i++) assert.equal(c.has(`claude:msg_${i}:req_${i}`), true, `key ${i}`);
  assert.equal(c.has('claude:msg_1200:req_1200'), false);
  assert.equal(c.has('claude:msg_1:req_2'), false);
});

test('a snapshot round trip keeps every key; prune drops whole months that ended', () => {
  const c = new ColdKeys();
  c.add('old', OCT);
  c.add('new', NOV);
  const back = ColdKeys.fromJSON(JSON.parse(JSON.stringify(c.toJSON())) as Record<string, string>);
  assert.equal(back.has('old'), true);
  assert.equal(back.has('new'), true);
  back.prune(NOV);
  assert.equal(back.has('old'), false);
  assert.equal(back.has('new'), true);
});

test('keys are grouped by UTC month: one checkpoint entry per month, and prune drops only months that ended', () => {
  const c = new ColdKeys();
  c.add('oct-last', Date.UTC(2026, 9, 31, 23, 59, 59, 999));
  c.add('nov-a', NOV);
  c.add('nov-b', NOV + DAY + 1234);
  assert.deepEqual(Object.keys(c.toJSON()), ['2026-10', '2026-11']);
  c.prune(Date.UTC(2026, 10, 20, 12)); // later in November: November has not ended
  assert.deepEqual(['oct-last', 'nov-a', 'nov-b'].map((k) => c.has(k)), [false, true, true]);
});

test('a checkpoint written before still recognizes its keys (the hash is part of the checkpoint format)', () => {
  // Written by ColdKeys.toJSON for the three keys below (October 20 and November 5 and 6, 2026): a change to hash53 or
  // to the layout would make every key compacted before an upgrade count again.
  const written = { '2026-10': 'O+0ruHtBM0M=', '2026-11': 'MG8a2Z9LEkM4Er2ujOMyQw==' };
  const c = ColdKeys.fromJSON(written);
  assert.deepEqual(['claude:msg_01ABC:req_01XYZ', 'tc:toolu_01Q', 's:claude-code\u001fsess-1'].map((k) => c.has(k)), [true, true, true]);
  assert.deepEqual(['claude:msg_01ABC:req_01XYY', 'tc:toolu_01q', 's:claude-code\u001fsess-2', ''].map((k) => c.has(k)), [false, false, false, false]);
  assert.equal(c.size, 3);
});
