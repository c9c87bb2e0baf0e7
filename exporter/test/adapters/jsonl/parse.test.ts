// Custom JSONL lines through a mapping, one rule per test: times, success, token meaning, what a line becomes,
// the agent field, and values that look like secrets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customLineParser } from '../../../src/adapters/jsonl/parse.js';
import { CustomLogSchema } from '../../../src/adapters/jsonl/schema.js';
import { looksSecret, safeSessionId } from '../../../src/adapters/jsonl/secrets.js';
import { isSuccess, timestampMs } from '../../../src/adapters/jsonl/values.js';
import type { AgentEvent } from '../../../src/adapters/types.js';

const parser = (mapping: Record<string, unknown>) => {
  const parse = customLineParser(CustomLogSchema.parse({ agent: 'runner', paths: ['/logs'], ...mapping }));
  return (line: Record<string, unknown>) => parse(JSON.stringify(line), { state: {}, path: '/logs/run-42.jsonl' });
};
const T = Date.parse('2026-03-05T14:00:00.000Z');
const kinds = (events: AgentEvent[]): string[] => events.map((e) => e.kind);

describe('custom log times', () => {
  it('auto reads ISO text and Unix seconds, milliseconds, microseconds and nanoseconds by size', () => {
    for (const v of ['2026-03-05T14:00:00Z', '2026-03-05T15:00:00+01:00', 1772719200, 1772719200000, 1772719200000000, 1772719200000000000, '1772719200']) {
      assert.equal(timestampMs(v, 'auto'), T, String(v));
    }
  });

  it('text without a zone is UTC, whatever TZ says', () => {
    assert.equal(timestampMs('2026-03-05 14:00:00', 'iso8601'), T);
    assert.equal(timestampMs('2026-03-05T14:00:00.000', 'auto'), T);
  });

  it('an explicit format is obeyed; unreadable or implausible times are undefined', () => {
    assert.equal(timestampMs(1772719200000, 'unix_ms'), T);
    assert.equal(timestampMs(1772719200000, 'unix_s'), undefined); // year 58000
    assert.equal(timestampMs('yesterday', 'auto'), undefined);
    assert.equal(timestampMs(true, 'auto'), undefined);
  });

  it('marks: start puts the result duration after the time; end before it', () => {
    const line = { timestamp: '2026-03-05T14:00:00Z', tool: 'build', ms: 1500 };
    for (const [marks, call, result] of [['end', T - 1500, T], ['start', T, T + 1500]] as const) {
      const out = parser({ timestamp: { marks }, fields: { tool: 'tool', durationMs: 'ms' } })(line);
      assert.deepEqual(out.events.map((e) => e.timestampMs), [call, result], marks);
    }
  });
});

describe('custom log success and errors', () => {
  it('success words, booleans and exit code 0; listed values replace them', () => {
    assert.deepEqual(['ok', 'Success', 'passed', true, 0, 'DONE'].map((v) => isSuccess(v, undefined)), [true, true, true, true, true, true]);
    assert.deepEqual(['error', 'failed', false, 1, 'cancelled'].map((v) => isSuccess(v, undefined)), [false, false, false, false, false]);
    assert.deepEqual(['green', 'ok'].map((v) => isSuccess(v, ['green'])), [true, false]);
  });

  it('without a success field a line fails exactly when it has an error category; categories map to the bounded set', () => {
    const parse = parser({ fields: { tool: 'tool', errorCategory: 'err' } });
    const result = (line: Record<string, unknown>) => parse(line).events.find((e) => e.kind === 'tool_result');
    const fine = result({ timestamp: T, tool: 'x' });
    assert.deepEqual(fine?.kind === 'tool_result' ? [fine.ok, fine.errorCategory, fine.sessionId] : [], [true, undefined, 'run-42']);
    const cats = ['timeout', 'PERMISSION', 'ENOENT: no such file', 'segfault'].map((err) => { const r = result({ timestamp: T, tool: 'x', err }); return r?.kind === 'tool_result' ? r.errorCategory : undefined; });
    assert.deepEqual(cats, ['timeout', 'permission', 'not_found', 'other']);
  });

  it('a failed line without a tool is an API error; a line with nothing mapped is activity', () => {
    const parse = parser({ fields: { success: 'ok', errorCategory: 'why' } });
    const failed = parse({ timestamp: T, ok: false, why: 'rate limit exceeded' });
    assert.deepEqual(failed.events.map((e) => (e.kind === 'api_error' ? e.errorKind : e.kind)), ['rate_limit']);
    assert.deepEqual(kinds(parse({ timestamp: T, ok: true }).events), ['activity']);
  });
});

describe('custom log usage', () => {
  it('input including cached tokens is reduced by them; reasoning is added to output; cache writes are 5-minute', () => {
    const parse = parser({ inputIncludesCacheRead: true, fields: { model: 'm', inputTokens: 'u.in', cacheReadTokens: 'u.cached', outputTokens: 'u.out', reasoningTokens: 'u.think', cacheWriteTokens: 'u.w' } });
    const ev = parse({ timestamp: T, m: 'gpt-5', u: { in: 1000, cached: 400, out: 50, think: 25, w: 7 } }).events[0];
    assert.deepEqual(ev?.kind === 'request' ? ev.tokens : undefined, { input: 600, cacheRead: 400, output: 75, cacheWrite5m: 7, cacheWrite1h: 0 });
  });

  it('a logged cost is carried as the request cost; numbers as text are read; negative or absurd ones are not', () => {
    const parse = parser({ fields: { costUsd: 'cost', inputTokens: 'in' } });
    const cost = (line: Record<string, unknown>) => { const e = parse(line).events[0]; return e?.kind === 'request' ? [e.costUsd, e.tokens.input] : kinds(parse(line).events); };
    assert.deepEqual(cost({ timestamp: T, cost: '0.25', in: '12' }), [0.25, 12]);
    assert.deepEqual(cost({ timestamp: T, cost: -1, in: -5 }), ['activity']);
    assert.deepEqual(cost({ timestamp: T, cost: 5e6 }), ['activity']);
  });

  it('when filters lines; a line with no readable time is malformed', () => {
    const parse = parser({ when: { field: 'kind', equals: ['end', 3] }, fields: { tool: 't' } });
    assert.deepEqual([{ timestamp: T, kind: 'start' }, { timestamp: T, kind: 'end' }, { timestamp: T, kind: 3 }, { kind: 'end' }].map((l) => parse(l).result), ['ignored', 'parsed', 'parsed', 'malformed']);
  });
});

describe('custom log agents and secrets', () => {
  it('fields.agent picks the label among the listed names; other values count under the log agent', () => {
    const parse = parser({ agents: ['planner'], fields: { agent: 'who' } });
    assert.deepEqual(['planner', 'reviewer', undefined].map((who) => parse({ timestamp: T, who }).agent), ['planner', undefined, undefined]);
  });

  it('credentials look secret; names, versions, ids and model ids do not', () => {
    const secret = ['sk-ant-api03-AbCdEfGhIjKlMnOpQrSt', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'AKIAIOSFODNN7EXAMPLE', 'deploy --token=abc', 'password: hunter2', 'Bearer abcdefghijklmnopqrstuvwxyz', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig', 'a8f3k2m9x7q1w4e6r8t0y2u4i6o8p0s2d4f6'];
    const plain = ['pytest', 'claude-sonnet-4-5-20250929', 'gemini-2.5-pro', '5b959dae-8655-4cd1-b10f-720b8c336ea2', 'run-7f3a', 'billing', 'apply_patch', 'tool_call_0123456789'];
    assert.deepEqual(secret.filter((s) => !looksSecret(s)), []);
    assert.deepEqual(plain.filter((s) => looksSecret(s)), []);
  });

  it('a secret-looking session id becomes a stable stand-in; a secret-looking label value becomes redacted', () => {
    assert.equal(safeSessionId('ghp_16C7e42F292c6912E7710c838347Ae178B4a'), safeSessionId('ghp_16C7e42F292c6912E7710c838347Ae178B4a'));
    assert.match(safeSessionId('ghp_16C7e42F292c6912E7710c838347Ae178B4a')!, /^redacted-[0-9a-f]{8}$/);
    const ev = parser({ fields: { model: 'model', project: 'p' } })({ timestamp: T, model: 'sk-proj-abcdefghijklmnopqrstuvwx', p: 'api_key=123' }).events[0];
    assert.deepEqual(ev?.kind === 'request' ? [ev.model, ev.project] : [], ['redacted', 'redacted']);
  });
});
