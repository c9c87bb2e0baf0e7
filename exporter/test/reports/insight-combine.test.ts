// Savings put together (combine.ts) with numbers that halve exactly: each saving is capped at the priced spend and
// applied to what the savings before it leave, in a fixed order (tool errors, repeats, right-sizing, cache, then the
// rest), rows scaled with their insight; nothing left to claim removes the saving line and its assumption.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Insight } from '../../src/reports/document.js';
import { combineSavings } from '../../src/reports/insights/combine.js';

const item = (id: Insight['id'], savingUsd: number | undefined, rows: number[] = [], extra: Partial<Insight> = {}): Insight => ({
  id, title: id, level: 'warn', summary: '', numbers: { savingUsd: savingUsd ?? 0 }, ...(savingUsd !== undefined ? { savingUsd, assumption: 'a' } : {}),
  rows: rows.map((s) => ({ savingUsd: s, name: 'x' })), ...extra,
});

describe('combined savings', () => {
  it('takes them in order, each from what is left, rows scaled with it; unknown ids last', () => {
    const cache = item('cacheEfficiency', 1, [1]);
    const slow = item('slowestTools', 1, [], { savingMinutes: 5 });
    const errors = item('toolErrorHotspots', 4, [4]);
    const repeats = item('repeatedToolCalls', 4, [3, 1]);
    const minutesOnly = item('sessionVelocity', undefined, [], { savingMinutes: 2, assumption: 'm' });
    // Spend $8: errors take $4 (leaving 4), repeats half of theirs ($2, leaving 2), cache a quarter ($0.25, leaving
    // 1.75), the unknown-order one 1/8 × 1.75 ($0.21875).
    assert.equal(combineSavings([cache, slow, minutesOnly, errors, repeats], 8e9), 8 - 1.53125);
    assert.deepEqual([errors.savingUsd, errors.numbers, errors.rows], [4, { savingUsd: 4 }, [{ savingUsd: 4, name: 'x' }]]);
    assert.deepEqual([repeats.savingUsd, repeats.numbers, repeats.rows], [2, { savingUsd: 2, savingOnItsOwnUsd: 4 }, [{ savingUsd: 1.5, name: 'x' }, { savingUsd: 0.5, name: 'x' }]]);
    assert.deepEqual([cache.savingUsd, cache.numbers, cache.rows], [0.25, { savingUsd: 0.25, savingOnItsOwnUsd: 1 }, [{ savingUsd: 0.25, name: 'x' }]]);
    assert.deepEqual([slow.savingUsd, slow.numbers.savingOnItsOwnUsd], [0.21875, 1]);
    assert.deepEqual([minutesOnly.savingUsd, minutesOnly.assumption], [undefined, 'm']);
  });

  it('caps a saving at the spend', () => {
    const repeats = item('repeatedToolCalls', 10, [10]);
    assert.equal(combineSavings([repeats], 2e9), 2);
    assert.deepEqual([repeats.savingUsd, repeats.numbers.savingOnItsOwnUsd, repeats.rows?.[0]?.savingUsd], [2, 10, 2]);
  });

  it('nothing priced: every saving line goes, with its assumption unless minutes are also saved', () => {
    const errors = item('toolErrorHotspots', 1, [1]);
    const slow = item('slowestTools', 1, [], { savingMinutes: 3 });
    assert.equal(combineSavings([errors, slow], 0), 0);
    assert.deepEqual([errors.savingUsd, errors.assumption, errors.numbers.savingUsd, errors.rows?.[0]?.savingUsd], [undefined, undefined, 0, 0]);
    assert.deepEqual([slow.savingUsd, slow.assumption], [undefined, 'a']);
  });

  it('cache efficiency comes before the insights outside the order, whatever order they are given in', () => {
    const slow = item('slowestTools', 4, [], { savingMinutes: 1 });
    const cache = item('cacheEfficiency', 4, [4]);
    // Spend $8: cache takes its $4 whole, the slow tools half of theirs from the $4 left.
    assert.equal(combineSavings([slow, cache], 8e9), 6);
    assert.deepEqual([cache.savingUsd, slow.savingUsd], [4, 2]);
  });

  it('nothing left to claim: only numeric row savings go to 0, other cells stay as they are', () => {
    const errors = item('toolErrorHotspots', 1, [], { rows: [{ savingUsd: 1, name: 'x' }, { savingUsd: 'not counted', name: 'y' }, { name: 'z' }] });
    combineSavings([errors], 0);
    assert.deepEqual(errors.rows, [{ savingUsd: 0, name: 'x' }, { savingUsd: 'not counted', name: 'y' }, { name: 'z' }]);
  });
});
