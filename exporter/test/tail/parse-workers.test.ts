// AGENTMON_SCAN_WORKERS as read by workersSetting: unset or empty means no workers; a whole number from 0 to 16 is
// taken as is; anything else stops with an error that names the variable and shows (the start of) the bad value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workersSetting } from '../../src/tail/parse-workers.js';

const setting = (v: string | undefined): number => workersSetting(v === undefined ? {} : { AGENTMON_SCAN_WORKERS: v });

test('unset or empty: no workers (one thread)', () => {
  assert.equal(setting(undefined), 0);
  assert.equal(setting(''), 0);
});

test('whole numbers from 0 to 16 are taken as written', () => {
  assert.equal(setting('0'), 0);
  assert.equal(setting('1'), 1);
  assert.equal(setting('7'), 7);
  assert.equal(setting('09'), 9);
  assert.equal(setting('15'), 15);
  assert.equal(setting('16'), 16);
});

test('anything else is refused, naming the variable and quoting the value (cut to 20 characters)', () => {
  const refused = (v: string, shown: string): void =>
    assert.throws(() => setting(v), (err: Error) => err.message === `AGENTMON_SCAN_WORKERS must be a whole number from 0 to 16 (got ${shown}); unset it to read on one thread`, `value ${JSON.stringify(v)}`);
  refused('17', '"17"');
  refused('99', '"99"');
  refused('100', '"100"');
  refused('-1', '"-1"');
  refused('x2', '"x2"');
  refused('2x', '"2x"');
  refused('ab', '"ab"');
  refused(' 4', '" 4"');
  refused('1.5', '"1.5"');
  refused('123456789012345678901234567890', '"12345678901234567890"');
});
