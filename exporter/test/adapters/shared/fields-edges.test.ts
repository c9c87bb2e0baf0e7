// The shared field readers and the tool-error classifier where a wrong type or letter case would slip through: a
// number is not text, a number is not a timestamp (Date.parse would read 5 as the year 2005), and error text is
// matched whatever its letter case, only in its first 2,000 characters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyToolError } from '../../../src/adapters/shared/classify.js';
import { parseTimestamp, str } from '../../../src/adapters/shared/fields.js';

describe('shared field readers', () => {
  it('str() gives text only', () => {
    assert.equal(str('a'), 'a');
    assert.equal(str(''), '');
    for (const v of [5, true, null, undefined, ['a'], { a: 1 }]) assert.equal(str(v), undefined, JSON.stringify(v));
  });

  it('parseTimestamp() reads ISO text up to 64 characters, and nothing that is not text', () => {
    const at = Date.parse('2026-03-05T15:00:00Z');
    const long = `2026-03-05T15:00:00.${'0'.repeat(39)}Z`; // 60 characters
    assert.equal(parseTimestamp(long), at);
    assert.equal(parseTimestamp(`2026-03-05T15:00:00.${'0'.repeat(43)}Z`), at, 'exactly 64 characters');
    assert.equal(parseTimestamp(`2026-03-05T15:00:00.${'0'.repeat(44)}Z`), undefined, '65 characters');
    for (const v of [5, 1772722800000, true, null, undefined, ['2026-03-05T15:00:00Z']]) assert.equal(parseTimestamp(v), undefined, JSON.stringify(v));
    assert.equal(parseTimestamp('not a time'), undefined);
  });
});

describe('tool error classification', () => {
  it('matches whatever the letter case', () => {
    assert.equal(classifyToolError('PERMISSION DENIED while opening /etc/shadow'), 'permission');
    assert.equal(classifyToolError('Command Timed Out after 120s'), 'timeout');
  });

  it('looks at the first 2,000 characters only', () => {
    assert.equal(classifyToolError(`${'x'.repeat(1990)} timed out`), 'timeout');
    assert.equal(classifyToolError(`${'x'.repeat(2000)} timed out`), 'other');
  });
});
