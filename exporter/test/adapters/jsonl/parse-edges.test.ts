// The edges of a custom log line becoming events: what is filled in when a field is missing, the ids that make a
// repeated line count once, error categories written in a log's own words, and values that are not text (numbers,
// booleans, blanks, overflowing numbers) in fields that become labels or session ids.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customLineParser } from '../../../src/adapters/jsonl/parse.js';
import { CustomLogSchema } from '../../../src/adapters/jsonl/schema.js';
import { safeSessionId, safeText } from '../../../src/adapters/jsonl/secrets.js';
import type { AgentEvent, ParseOutcome } from '../../../src/adapters/types.js';

const T = Date.parse('2026-03-05T14:00:00.000Z');
const parserOf = (mapping: Record<string, unknown>) => {
  const parse = customLineParser(CustomLogSchema.parse({ agent: 'runner', paths: ['/logs'], ...mapping }));
  return (line: Record<string, unknown> | string): ParseOutcome => parse(typeof line === 'string' ? line : JSON.stringify(line), { state: {}, path: '/logs/run-42.jsonl' });
};
const only = <K extends AgentEvent['kind']>(out: ParseOutcome, kind: K): Extract<AgentEvent, { kind: K }>[] =>
  out.events.filter((e): e is Extract<AgentEvent, { kind: K }> => e.kind === kind);

describe('custom log lines: defaults and ids', () => {
  it('a request without a model counts under model "unknown", a line without a project under project "unknown"', () => {
    const [req] = only(parserOf({ fields: { inputTokens: 'in' } })({ timestamp: T, in: 10 }), 'request');
    assert.deepEqual([req?.model, req?.project, req?.sessionId], ['unknown', 'unknown', 'run-42']);
  });

  it('a request id makes the dedup key: the same request logged twice counts once', () => {
    const parse = parserOf({ fields: { inputTokens: 'in', requestId: 'rid' } });
    const [a] = only(parse({ timestamp: T, in: 10, rid: 'req-1' }), 'request');
    assert.equal(a?.dedupKey, 'custom:runner:run-42:req-1');
    const [b] = only(parse({ timestamp: T, in: 10 }), 'request');
    assert.equal(b?.dedupKey, null);
  });

  it('a tool line is a call then its result under one call id: the request id, else a hash of the line', () => {
    const parse = parserOf({ fields: { tool: 'tool', requestId: 'rid' } });
    const withId = parse({ timestamp: T, tool: 'build', rid: 'call-7' });
    assert.deepEqual(withId.events.map((e) => e.kind), ['tool_call', 'tool_result']);
    const [call] = only(withId, 'tool_call');
    assert.deepEqual([call?.tool, call?.callId], ['build', 'custom:runner:run-42:call-7']);
    assert.equal(only(withId, 'tool_result')[0]?.callId, call?.callId);

    const id = (line: Record<string, unknown>) => only(parse(line), 'tool_call')[0]?.callId;
    const x = id({ timestamp: T, tool: 'build' });
    assert.match(x ?? '', /^custom:runner:run-42:\d+$/);
    assert.equal(id({ timestamp: T, tool: 'build' }), x, 'the same line read again is the same call');
    assert.notEqual(id({ timestamp: T + 1000, tool: 'build' }), x, 'another line is another call');
  });

  it('a failed line without a tool is an API error keyed by the line: a copy counts once, another line again', () => {
    const parse = parserOf({ fields: { success: 'ok' } });
    const key = (line: Record<string, unknown>) => only(parse(line), 'api_error')[0]?.dedupKey;
    const a = key({ timestamp: T, ok: false });
    assert.match(a ?? '', /^custom-err:runner:\d+$/);
    assert.equal(key({ timestamp: T, ok: false }), a);
    assert.notEqual(key({ timestamp: T + 1, ok: false }), a);
    assert.deepEqual(only(parse({ timestamp: T, ok: false }), 'api_error').map((e) => e.errorKind), ['other']);
  });

  it('durationSeconds puts the call that many seconds before its result', () => {
    const out = parserOf({ fields: { tool: 'tool', durationSeconds: 'secs' } })({ timestamp: T, tool: 'test', secs: 2.5 });
    assert.deepEqual(out.events.map((e) => e.timestampMs), [T - 2500, T]);
  });

  it('a line that is not JSON is malformed even when lines are filtered by a field', () => {
    const parse = parserOf({ when: { field: 'kind', equals: ['end'] }, fields: { tool: 't' } });
    assert.deepEqual(['not json', '[1,2]', '{"kind":"start"}'].map((l) => parse(l).result), ['malformed', 'malformed', 'ignored']);
  });
});

describe('custom log lines: error categories in the log own words', () => {
  const parse = parserOf({ fields: { tool: 'tool', errorCategory: 'err' } });
  const category = (err: unknown) => { const r = only(parse({ timestamp: T, tool: 'x', err }), 'tool_result')[0]; return r ? [r.ok, r.errorCategory] : undefined; };

  it('a category name in any case and with spaces is that category', () => {
    assert.deepEqual([' Rejected ', 'NOT_FOUND', 'Exit_Code'].map(category), [[false, 'rejected'], [false, 'not_found'], [false, 'exit_code']]);
  });

  it('an exit status logged as a number fails the call, category other', () => {
    assert.deepEqual(category(137), [false, 'other']);
  });
});

describe('custom log values that become labels and ids', () => {
  it('numbers are text for labels; booleans, blanks and non-finite numbers are no value', () => {
    assert.equal(safeText(42), '42');
    assert.equal(safeText(2.5), '2.5');
    for (const v of [true, false, '', '   ', '\n', Infinity, NaN, null, {}, ['a']]) assert.equal(safeText(v), undefined, String(v));
  });

  it('label values are cut to their bound; a secret is redacted', () => {
    assert.equal(safeText('x'.repeat(300)), 'x'.repeat(200));
    assert.equal(safeText('abcdef', 3), 'abc');
    assert.equal(safeText('password=hunter2hunter2'), 'redacted');
  });

  it('session ids: numbers are ids; booleans, blanks and non-finite numbers are none', () => {
    assert.equal(safeSessionId(1234), '1234');
    assert.equal(safeSessionId('run-9'), 'run-9');
    for (const v of [true, '', '  ', Infinity, NaN, null, {}]) assert.equal(safeSessionId(v), undefined, String(v));
  });

  it('through a line: a numeric session and project are used; blank, boolean or overflowing ones fall back', () => {
    const parse = parserOf({ fields: { session: 's', project: 'p', inputTokens: 'in' } });
    const who = (s: string) => { const [r] = only(parse(s), 'request'); return [r?.sessionId, r?.project]; };
    assert.deepEqual(who(`{"timestamp":${T},"in":1,"s":77,"p":2026}`), ['77', '2026']);
    assert.deepEqual(who(`{"timestamp":${T},"in":1,"s":"  ","p":""}`), ['run-42', 'unknown']);
    assert.deepEqual(who(`{"timestamp":${T},"in":1,"s":true,"p":false}`), ['run-42', 'unknown']);
    assert.deepEqual(who(`{"timestamp":${T},"in":1,"s":1e999,"p":-1e999}`), ['run-42', 'unknown']);
  });

  it('a tool name is cut to 100 characters', () => {
    const [call] = only(parserOf({ fields: { tool: 'tool' } })({ timestamp: T, tool: 't'.repeat(150) }), 'tool_call');
    assert.equal(call?.tool, 't'.repeat(100));
  });
});

describe('custom log lines: lines that count nothing', () => {
  it('a line that is not a JSON object is malformed, and one the when filter leaves out ignored, both without events', () => {
    const parse = parserOf({ when: { field: 'kind', equals: ['usage'] }, fields: { inputTokens: 'in' } });
    assert.deepEqual(parse('not json'), { result: 'malformed', events: [] });
    assert.deepEqual(parse({ timestamp: T, kind: 'chatter', in: 5 }), { result: 'ignored', events: [] });
  });
});
