// The edges of reading a custom log's values: dotted paths through lists, which times are plausible and how text
// times without a zone are read, which texts are numbers, which words mean success, and the file-name patterns that
// pick a log's files. Each case is a value a team's tool may really write.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { customLineParser } from '../../../src/adapters/jsonl/parse.js';
import { CustomLogSchema } from '../../../src/adapters/jsonl/schema.js';
import { globMatcher, isSuccess, numberOf, timestampMs, valueAt } from '../../../src/adapters/jsonl/values.js';

const T = Date.parse('2026-03-05T14:00:00.000Z');
const parser = (mapping: Record<string, unknown>) => {
  const parse = customLineParser(CustomLogSchema.parse({ agent: 'runner', paths: ['/logs'], ...mapping }));
  return (line: Record<string, unknown>) => parse(JSON.stringify(line), { state: {}, path: '/logs/run-42.jsonl' });
};

describe('custom log field paths', () => {
  const rec = { events: [{ name: 'build' }, { name: 'test' }, ...Array.from({ length: 9 }, (_, i) => ({ name: `step${i + 2}` }))], usage: { input: 7 }, note: 'text' };

  it('a number in a path picks a list item, also past the ninth', () => {
    assert.equal(valueAt(rec, 'events.1.name'), 'test');
    assert.equal(valueAt(rec, 'events.10.name'), 'step10');
    assert.equal(valueAt(rec, 'usage.input'), 7);
  });

  it('only plain digits index a list: a name, or a number in another notation, finds nothing', () => {
    assert.equal(valueAt(rec, 'events.length'), undefined);
    assert.equal(valueAt(rec, 'events.1e0.name'), undefined);
    assert.equal(valueAt(rec, 'events.x1.name'), undefined);
    assert.equal(valueAt(rec, 'events.1x.name'), undefined);
  });

  it('a path through text, a number or a missing field finds nothing (and does not throw)', () => {
    assert.equal(valueAt(rec, 'note.length'), undefined);
    assert.equal(valueAt(rec, 'usage.input.value'), undefined);
    assert.equal(valueAt(rec, 'missing.deeper.still'), undefined);
  });
});

describe('custom log times at their edges', () => {
  let zone: string | undefined;
  // A zone far from UTC: text without a zone must still be read as UTC.
  before(() => { zone = process.env.TZ; process.env.TZ = 'Asia/Kolkata'; });
  after(() => { if (zone === undefined) delete process.env.TZ; else process.env.TZ = zone; });

  it('times from 2000 to 2100 are plausible, the bounds themselves are not', () => {
    assert.equal(timestampMs(946_684_800_000, 'unix_ms'), undefined);
    assert.equal(timestampMs(946_684_800_001, 'unix_ms'), 946_684_800_001);
    assert.equal(timestampMs(4_102_444_800_000, 'unix_ms'), undefined);
    assert.equal(timestampMs(4_102_444_799_999, 'unix_ms'), 4_102_444_799_999);
    assert.equal(timestampMs(5, 'unix_ms'), undefined);
  });

  it('an explicit Unix unit scales the number to milliseconds', () => {
    assert.equal(timestampMs(1772719200, 'unix_s'), T);
    assert.equal(timestampMs(1772719200000000, 'unix_us'), T);
    assert.equal(timestampMs('1772719200000000000', 'unix_ns'), T);
  });

  it('iso8601 reads only text; a number is not an ISO time', () => {
    assert.equal(timestampMs('2026-03-05T14:00:00Z', 'iso8601'), T);
    assert.equal(timestampMs(1772719200, 'iso8601'), undefined);
    assert.equal(timestampMs(2026, 'iso8601'), undefined); // a bare year number
  });

  it('numeric text with decimals is a Unix time; a list holding one is not', () => {
    assert.equal(timestampMs('1772719200.25', 'auto'), T + 250);
    assert.equal(timestampMs('1772719200.5', 'unix_s'), T + 500);
    assert.equal(timestampMs([1772719200], 'auto'), undefined);
  });

  it('text without a zone is UTC in any machine zone; an offset with or without a colon is obeyed', () => {
    assert.equal(timestampMs('2026-03-05 14:00:00', 'auto'), T);
    assert.equal(timestampMs('2026-03-05T14:00:00.000', 'iso8601'), T);
    assert.equal(timestampMs('2026-03-05T15:00:00+0100', 'auto'), T);
    assert.equal(timestampMs('2026-03-05T15:00:00+01:00', 'auto'), T);
    assert.equal(timestampMs('2026-03-05', 'auto'), Date.parse('2026-03-05T00:00:00Z'));
  });

  it('time text up to 64 characters is read; longer text is not', () => {
    const text = (len: number) => `2026-03-05T14:00:00.${'0'.repeat(len - 21)}Z`;
    assert.equal(text(64).length, 64);
    assert.equal(timestampMs(text(64), 'auto'), T);
    assert.equal(timestampMs(text(65), 'auto'), undefined);
  });
});

describe('custom log numbers', () => {
  it('numbers and plain numeric text (spaces around allowed) are read', () => {
    assert.equal(numberOf(' 12 '), 12);
    assert.equal(numberOf('3.5'), 3.5);
    assert.equal(numberOf(0), 0);
  });

  it('hex, exponent, signed or empty text and lists are not numbers', () => {
    for (const v of ['0x10', '1e3', '5e3', '-5', '', '  ', [5], true, null]) assert.equal(numberOf(v), undefined, JSON.stringify(v));
  });

  it('the cap is inclusive: 1e12 tokens is read, more is not', () => {
    assert.equal(numberOf(1e12), 1e12);
    assert.equal(numberOf(1e12 + 1), undefined);
    assert.equal(numberOf(-0.5), undefined);
  });

  it('a zero count is a value: a line logging 0 tokens is a request, not mere activity', () => {
    const ev = parser({ fields: { inputTokens: 'in' } })({ timestamp: T, in: 0 }).events;
    assert.deepEqual(ev.map((e) => (e.kind === 'request' ? [e.kind, e.tokens.input] : [e.kind])), [['request', 0]]);
    const empty = parser({ fields: { inputTokens: 'in' } })({ timestamp: T, in: '' }).events;
    assert.deepEqual(empty.map((e) => e.kind), ['activity']);
  });

  it('a logged cost of exactly the per-line cap is carried', () => {
    const ev = parser({ fields: { costUsd: 'cost' } })({ timestamp: T, cost: 1e6 }).events[0];
    assert.equal(ev?.kind === 'request' ? ev.costUsd : undefined, 1e6);
  });
});

describe('custom log success values', () => {
  it('every usual success word means success, in any case and with spaces around', () => {
    const words = ['true', 'ok', 'success', 'succeeded', 'successful', 'pass', 'passed', 'completed', 'complete', 'done', 'yes', '0'];
    assert.deepEqual(words.filter((w) => !isSuccess(w, undefined)), []);
    assert.deepEqual([' ok ', 'Yes\n', ' COMPLETE'].filter((w) => !isSuccess(w, undefined)), []);
    assert.deepEqual(['false', 'no', 'error', '1', '', false].filter((w) => isSuccess(w, undefined)), []);
  });

  it('listed success values: any one matches, and a number matches its text form', () => {
    assert.equal(isSuccess('green', ['green', 'ok']), true);
    assert.equal(isSuccess('200', [200]), true);
    assert.equal(isSuccess(200, ['200']), true);
    assert.equal(isSuccess(500, [200, 204]), false);
  });
});

describe('custom log file-name patterns', () => {
  const cases: [string, string, boolean][] = [
    ['*.jsonl', 'run.jsonl', true],
    ['*.jsonl', 'run.json', false],
    ['*.jsonl', 'run.jsonl.bak', false],
    ['run-?.log', 'run-1.log', true],
    ['run-?.log', 'run-12.log', false],
    ['run-?.log', 'run-.log', false],
    ['abc', 'abc', true],
    ['abc', 'xbc', false],
    ['abc', 'abd', false],
    ['abc', 'ab', false],
    ['ab', 'abc', false],
    ['a?', 'a', false],
    ['a*', 'a', true],
    ['run*', 'run', true],
    ['run**', 'run', true],
    ['*a', 'ba', true],
    ['*a', 'bab', false],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'acb', false],
    ['*', 'anything.txt', true],
    ['?', 'x', true],
    ['a?c', 'a?c', true],
    ['a?c', 'axc', true],
    ['*x*', 'abxcd', true],
  ];
  for (const [pattern, name, want] of cases) {
    it(`${pattern} ${want ? 'matches' : 'does not match'} ${name}`, () => assert.equal(globMatcher(pattern)(name), want));
  }
});
