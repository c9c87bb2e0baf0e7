// An insight's saving reads well at every size: dollars and minutes, and seconds rather than "0 min".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSaving } from '../../src/reports/render/format.js';

test('savings in words', () => {
  assert.equal(formatSaving({ savingMinutes: 0.25 }), '15 s');
  assert.equal(formatSaving({ savingMinutes: 0.001 }), '1 s');
  assert.equal(formatSaving({ savingMinutes: 12.4 }), '12 min');
  assert.equal(formatSaving({}), '');
  assert.match(formatSaving({ savingUsd: 1.5, savingMinutes: 0.5 }), /^\$1\.50? \+ 30 s$/);
});

test('dollars, values in their units, and changes', async () => {
  const { formatChange, formatUsd, formatValue } = await import('../../src/reports/render/format.js');
  assert.deepEqual([formatUsd(0), formatUsd(1234.5), formatUsd(0.0034), formatUsd(-2.5), formatUsd(-0.5), formatUsd(1)], ['$0.00', '$1,234.50', '$0.0034', '-$2.50', '-$0.5000', '$1.00']);
  assert.deepEqual([formatValue(0.1234, 'ratio'), formatValue(2.25, 'seconds'), formatValue(2.25, 'minutes'), formatValue(1234.4, 'count'), formatValue(1234.6, 'tokens')], ['12.3%', '2.3 s', '2.3', '1,234', '1,235']);
  assert.deepEqual([formatValue(1234, undefined), formatValue(1.23456, undefined), formatValue('text', 'usd')], ['1,234', '1.235', 'text']);
  assert.deepEqual([formatChange(0), formatChange(-0.5), formatChange(0.125)], ['+0.0%', '-50.0%', '+12.5%']);
});

test('the unit and label of an insight number come from the end of its name', async () => {
  const { insightColumns, keyLabel, unitOfKey } = await import('../../src/reports/render/format.js');
  assert.deepEqual(['savingUsd', 'usdCost', 'hitRatio', 'ratioOf', 'errorRate', 'rateLimit', 'cacheShare', 'p95Seconds', 'secondsLeft', 'totalMinutes', 'minutesSaved', 'promptsPerSession', 'perSessionX', 'sessionsPerDay', 'calls'].map(unitOfKey), [
    'usd', undefined, 'ratio', undefined, 'ratio', undefined, 'ratio', 'seconds', undefined, 'minutes', undefined, 'minutes', undefined, 'minutes', undefined,
  ]);
  assert.deepEqual(['costUsdTotal', 'hitRatioOf', 'p95SecondsMax', 'totalMinutesLeft', 'perDayCount'].map(unitOfKey), [undefined, undefined, undefined, undefined, undefined], 'only a name that ends so');
  assert.deepEqual(['savingUsd', 'usdTotal', 'p95Seconds', 'secondsLeft', 'timedCalls', 'model', 'costUsdTotal', 'waitSecondsMax'].map(keyLabel), ['Saving (USD)', 'Usd total', 'P95 (s)', 'Seconds left', 'Timed calls', 'Model', 'Cost usd total', 'Wait seconds max']);
  const own = [{ key: 'a', label: 'A' }];
  assert.equal(insightColumns({ rows: [{ a: 1 }], columns: own }), own);
  assert.deepEqual(insightColumns({ rows: [{ tool: 'x', savingUsd: 1, note: 'n' }] }), [
    { key: 'tool', label: 'Tool', unit: 'text' }, { key: 'savingUsd', label: 'Saving (USD)', unit: 'usd' }, { key: 'note', label: 'Note', unit: 'text' },
  ]);
  assert.deepEqual(insightColumns({}), []);
});

test('chart footnotes name at most five unpriced points; the savings line gives a share only of a spend', async () => {
  const { chartMarkNote, savingsLine } = await import('../../src/reports/render/format.js');
  const points = Array.from({ length: 7 }, (_, i) => ({ key: `k${i}`, label: `p${i}` }));
  assert.equal(chartMarkNote({ points, unpricedKeys: ['k0', 'k2', 'k3', 'k4', 'k5', 'k6'] }), 'Cost leaves out requests of models without a price: p0, p2, p3, p4, p5 and 1 more.');
  assert.equal(chartMarkNote({ points, unpricedKeys: ['k1', 'k2', 'k3', 'k4', 'k5'] }), 'Cost leaves out requests of models without a price: p1, p2, p3, p4, p5.');
  assert.equal(chartMarkNote({ points }), 'Cost leaves out requests of models without a price: .');
  assert.equal(savingsLine({ spendUsd: 0, savingUsd: 0 }), 'Acting on every insight below could save about $0.00 of the $0.00 spent on priced models in this period. Spend two insights both touch is counted once, so the savings add up to this total.');
  assert.match(savingsLine({ spendUsd: 4, savingUsd: 1 }), /in this period \(25\.0%\)\. /);
});

test('a saving of exactly a minute reads in minutes', async () => {
  const { formatSaving } = await import('../../src/reports/render/format.js');
  assert.deepEqual([formatSaving({ savingMinutes: 1 }), formatSaving({ savingMinutes: 0.99 }), formatSaving({ savingUsd: 0, savingMinutes: 0 })], ['1 min', '59 s', '']);
});
