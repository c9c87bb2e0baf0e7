import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropOldest } from '../../src/util/maps.js';

test('dropOldest leaves a map at or under its bound untouched', () => {
  const m = new Map([[1, 'a'], [2, 'b']]);
  dropOldest(m, 2);
  assert.deepEqual([...m.keys()], [1, 2]);
});

test('dropOldest deletes the oldest entries, a batch at a time, and keeps the newest in order', () => {
  const m = new Map<number, number>();
  const sizes: number[] = [];
  for (let i = 0; i < 100; i++) {
    m.set(i, i);
    dropOldest(m, 16);
    sizes.push(m.size);
    assert.ok(m.size <= 16);
  }
  // Over the bound by one, it drops to 14 (16 - 16/8), then grows again: one walk per two inserts here.
  assert.deepEqual(sizes.slice(14, 20), [15, 16, 14, 15, 16, 14]);
  assert.deepEqual([...m.keys()], Array.from({ length: m.size }, (_, i) => 100 - m.size + i));
});

test('a re-inserted key counts as new (insertion order is what ages an entry)', () => {
  const m = new Map([[1, 1], [2, 2], [3, 3]]);
  m.delete(1);
  m.set(1, 1);
  m.set(4, 4);
  dropOldest(m, 3);
  assert.deepEqual([...m.keys()], [3, 1, 4]);
});

test('dropOldest bounds a Set the same way', () => {
  const s = new Set<string>();
  for (let i = 0; i < 40; i++) {
    s.add(`k${i}`);
    dropOldest(s, 16);
  }
  assert.ok(s.size <= 16 && s.size >= 14);
  assert.ok(s.has('k39') && !s.has('k0'));
});
