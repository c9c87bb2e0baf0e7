// Where shrinkJsonStrings cuts, byte for byte: a string value longer than the limit keeps its first `maxBytes` bytes,
// moved back only as far as needed not to end inside a UTF-8 character, after a lone backslash, or inside a \uXXXX
// escape; everything else (shorter strings, numbers, keys, escaped quotes and backslashes) stays as written.
// shrink.test.ts checks the same rules on random text (prefixes that still parse); this file pins the exact cuts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shrinkJsonStrings } from '../../src/tail/shrink.js';

/** The line with its long strings cut (the raw JSON text, as it would be written in a file). */
const cut = (raw: string, maxBytes: number): string => shrinkJsonStrings(Buffer.from(raw, 'utf8'), maxBytes).toString('utf8');
/** A line holding one string value whose raw JSON text (escapes as written) is `text`. */
const one = (text: string): string => `{"s":"${text}"}`;

test('a string is cut only when longer than the limit, to exactly the limit (also a line that is just a string)', () => {
  assert.equal(cut(one('abcdefghij'), 11), one('abcdefghij'));
  assert.equal(cut(one('abcdefghij'), 10), one('abcdefghij'));
  assert.equal(cut(one('abcdefghij'), 9), one('abcdefghi'));
  assert.equal(cut(one('abcdefghij'), 1), one('a'));
  assert.equal(cut('{"":"abcdefghij"}', 0), '{"":""}'); // keys are strings too: at 0 only an empty key stays whole
  assert.equal(cut(`"${'a'.repeat(20)}"`, 5), '"aaaaa"');
  // An escape at the very end of a string of exactly the limit stays.
  assert.equal(cut(one('abcd\\u00e9'), 10), one('abcd\\u00e9'));
  assert.equal(cut(one('abcd\\u00e9'), 9), one('abcd'));
});

test('what lies between strings is never cut, however long; every long string in the line is cut', () => {
  assert.equal(cut('{"n":123456789,"s":"abcdefghijkl"}', 5), '{"n":123456789,"s":"abcde"}');
  assert.equal(cut('{"a":"abcdefgh","m":[1, 2, 3, 4, 5, 6],"b":"ijklmnop","c":"xy"}', 3), '{"a":"abc","m":[1, 2, 3, 4, 5, 6],"b":"ijk","c":"xy"}');
});

test('escaped quotes and backslashes do not end a string; a quote after an escaped backslash does', () => {
  assert.equal(cut(one('ab\\"cdefgh'), 4), one('ab\\"'));
  assert.equal(cut('{"s":"ab\\"cd","t":"efghijkl"}', 6), '{"s":"ab\\"cd","t":"efghij"}');
  assert.equal(cut('{"s":"xy\\\\","t":"abcdefgh"}', 4), '{"s":"xy\\\\","t":"abcd"}');
  assert.equal(cut('{"s":"x\\\\\\"y","t":"abcdefgh"}', 6), '{"s":"x\\\\\\"y","t":"abcdef"}');
});

test('never inside a UTF-8 character: the cut moves back to its first byte', () => {
  // é is 2 bytes, € 3, 😀 4.
  assert.equal(cut(one(`aaaé${'x'.repeat(10)}`), 4), one('aaa'));
  assert.equal(cut(one(`aaaé${'x'.repeat(10)}`), 5), one('aaaé'));
  assert.equal(cut(one(`aa€${'x'.repeat(10)}`), 4), one('aa'));
  assert.equal(cut(one(`aa€${'x'.repeat(10)}`), 5), one('aa€'));
  assert.equal(cut(one(`a😀${'x'.repeat(10)}`), 4), one('a'));
  assert.equal(cut(one(`a😀${'x'.repeat(10)}`), 5), one('a😀'));
});

test('never after a lone backslash; after an escaped one (an even run) the cut stays', () => {
  assert.equal(cut(one('aaa\\nbbbbbb'), 4), one('aaa'));
  assert.equal(cut(one('aaa\\nbbbbbb'), 5), one('aaa\\n'));
  assert.equal(cut(one('aa\\\\bbbb'), 4), one('aa\\\\'));
  assert.equal(cut(one('aa\\\\bbbb'), 3), one('aa'));
  assert.equal(cut(one('a\\\\\\nbbbb'), 4), one('a\\\\'));
});

test('never inside a \\uXXXX escape; a complete one before the cut, a plain u, or an escaped backslash and u stay', () => {
  for (const max of [3, 4, 5, 6, 7]) assert.equal(cut(one('ab\\u00e9cdefgh'), max), one('ab'), `limit ${max}`);
  assert.equal(cut(one('ab\\u00e9cdefgh'), 9), one('ab\\u00e9c'));
  assert.equal(cut(one('abcdufghijk'), 6), one('abcduf'));
  assert.equal(cut(one('abc\\tufghijk'), 7), one('abc\\tuf'));
  // \\u00e9 here is an escaped backslash and the letters u00e9: no escape to protect.
  assert.equal(cut(one('ab\\\\u00e9cdefgh'), 5), one('ab\\\\u'));
  assert.equal(cut(one('ab\\\\u00e9cdefgh'), 7), one('ab\\\\u00'));
  // An escaped backslash, then an escape: the escape is protected.
  assert.equal(cut(one('ab\\\\\\u00e9xyzxyz'), 7), one('ab\\\\'));
  for (const raw of ['ab\\\\u00e9cdefgh', 'ab\\\\\\u00e9xyzxyz', 'ab\\u00e9cdefgh']) {
    for (let max = 0; max < raw.length; max++) JSON.parse(cut(one(raw), max));
  }
});

test('an unterminated string ends the cutting: the rest is kept as written (JSON.parse then rejects the line)', () => {
  assert.equal(cut('{"a":"abcdefgh","b":"unterminated', 3), '{"a":"abc","b":"unterminated');
  assert.equal(cut('{"a":"abcdefgh', 3), '{"a":"abcdefgh');
});
