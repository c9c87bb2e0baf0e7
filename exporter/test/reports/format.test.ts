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
