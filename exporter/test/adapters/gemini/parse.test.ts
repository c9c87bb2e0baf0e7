// Gemini CLI JSONL chat lines, one rule per test: token meaning, re-appended messages, $set / $rewindTo, tool call
// states, error messages and bad input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { geminiAdapter } from '../../../src/adapters/gemini/index.js';
import { callStartMs, geminiTokens } from '../../../src/adapters/gemini/message.js';
import type { FileState } from '../../../src/adapters/types.js';
import { feed, newLedger, tokensOfType } from '../../fixtures/harness.js';

const PATH = '/home/dev/.gemini/tmp/shop/chats/session-2026-03-02T10-00-7c2b5e11.jsonl';
const META = '{"sessionId":"7c2b5e11","projectHash":"4e12","startTime":"2026-03-02T10:00:00.000Z","lastUpdated":"2026-03-02T10:00:00.000Z"}';
const gemini = (over: Record<string, unknown>): string =>
  JSON.stringify({ id: 'g1', timestamp: '2026-03-02T10:00:04.000Z', type: 'gemini', content: [{ text: 'x' }], model: 'gemini-2.5-flash', ...over });
const parse = (line: string, state: FileState = {}) => geminiAdapter.parse(line, { state, path: PATH });

describe('gemini tokens', () => {
  it('input excludes cached and adds the tool-use prompt; output adds thoughts; the parts sum to total', () => {
    const t = geminiTokens({ input: 1000, output: 50, cached: 600, thoughts: 30, tool: 20, total: 1100 });
    assert.deepEqual(t, { input: 420, cacheRead: 600, output: 80, cacheWrite5m: 0, cacheWrite1h: 0 });
    assert.equal(t.input + t.cacheRead + t.output, 1100);
  });

  it('cached beyond input is capped at input (never a negative input)', () => {
    assert.deepEqual(geminiTokens({ input: 100, cached: 150 }), { input: 0, cacheRead: 100, output: 0, cacheWrite5m: 0, cacheWrite1h: 0 });
  });
});

describe('gemini JSONL lines', () => {
  it('a message appended again with the same id counts once; usage arriving on a later copy is counted then', () => {
    const ledger = newLedger();
    const call = { id: 'write_file-1', name: 'write_file', args: { file_path: 'a.py' }, timestamp: '2026-03-02T10:00:04.000Z' };
    const tokens = { input: 4000, output: 200, cached: 1000, thoughts: 100, tool: 0, total: 4300 };
    const results = feed(ledger, 'gemini', [
      META,
      gemini({ toolCalls: [{ ...call, status: 'executing' }] }),
      gemini({ toolCalls: [{ ...call, status: 'success', timestamp: '2026-03-02T10:00:07.000Z' }], tokens }),
      gemini({ toolCalls: [{ ...call, status: 'success', timestamp: '2026-03-02T10:00:07.000Z' }], tokens, content: [{ text: 'longer' }] }),
    ], PATH);
    assert.deepEqual(results, ['ignored', 'parsed', 'parsed', 'parsed']);
    assert.equal(ledger.counters.sum('agentmon_requests_total'), 1);
    assert.deepEqual(['input', 'cache_read', 'output'].map((t) => tokensOfType(ledger, t)), [3000, 1000, 300]);
    assert.equal(ledger.counters.sum('agentmon_tool_calls_total'), 1);
    assert.equal(ledger.counters.sum('agentmon_duplicate_responses_total'), 1);
    // The call started when it was first seen executing and ended at its success record: 3 s.
    const h = [...ledger.histograms.values('agentmon_tool_duration_seconds')];
    assert.deepEqual(h.map((x) => [x.labels, x.count, x.sum]), [[['gemini', 'write_file'], 1, 3]]);
  });

  it('larger usage on a later copy adds only the growth', () => {
    const ledger = newLedger();
    feed(ledger, 'gemini', [META, gemini({ tokens: { input: 100, output: 10 } }), gemini({ tokens: { input: 100, output: 25 } })], PATH);
    assert.equal(tokensOfType(ledger, 'output'), 25);
    assert.equal(ledger.counters.sum('agentmon_requests_total'), 1);
  });

  it('$rewindTo removes messages from the chat, not from the bill; $set lines are metadata', () => {
    const ledger = newLedger();
    const results = feed(ledger, 'gemini', [
      META,
      gemini({ id: 'g2', tokens: { input: 500, output: 30 } }),
      '{"$rewindTo":"g2"}',
      '{"$set":{"lastUpdated":"2026-03-02T10:01:00.000Z"}}',
      gemini({ id: 'g3', tokens: { input: 700, output: 40 } }),
    ], PATH);
    assert.deepEqual(results, ['ignored', 'parsed', 'ignored', 'ignored', 'parsed']);
    assert.equal(tokensOfType(ledger, 'input'), 1200);
    assert.equal(ledger.counters.sum('agentmon_requests_total'), 2);
  });

  it('a $set carrying the whole message list is read like appended messages (known ids count once)', () => {
    const ledger = newLedger();
    const g1 = JSON.parse(gemini({ tokens: { input: 100, output: 10 } })) as unknown;
    const g4 = JSON.parse(gemini({ id: 'g4', tokens: { input: 300, output: 5 } })) as unknown;
    const results = feed(ledger, 'gemini', [META, JSON.stringify(g1), JSON.stringify({ $set: { messages: [g1, g4], lastUpdated: '2026-03-02T10:05:00.000Z' } })], PATH);
    assert.deepEqual(results, ['ignored', 'parsed', 'parsed']);
    assert.equal(tokensOfType(ledger, 'input'), 400);
    assert.equal(ledger.counters.sum('agentmon_requests_total'), 2);
  });

  it('session id comes from the metadata line, project from the folder holding chats/', () => {
    const state: FileState = {};
    parse(META, state);
    const out = parse('{"id":"u1","timestamp":"2026-03-02T10:00:01.000Z","type":"user","content":[{"text":"hi"}]}', state);
    assert.deepEqual(out.events.map((e) => [e.kind, e.sessionId, e.project]), [['prompt', '7c2b5e11', 'shop']]);
  });

  it('a 64-hex project folder (older Gemini CLI) becomes its first 8 characters', () => {
    const path = `/h/.gemini/tmp/${'ab'.repeat(32)}/chats/session-x.jsonl`;
    const out = geminiAdapter.parse('{"id":"u1","timestamp":"2026-03-02T10:00:01.000Z","type":"user"}', { state: {}, path });
    assert.equal(out.events[0]?.project, 'abababab');
  });

  it('response latency runs from the prompt to the response', () => {
    const state: FileState = {};
    parse('{"id":"u1","timestamp":"2026-03-02T10:00:01.000Z","type":"user"}', state);
    const out = parse(gemini({ tokens: { input: 1, output: 1 } }), state);
    assert.equal(out.events[0]?.kind === 'request' ? out.events[0].latencySeconds : undefined, 3);
  });
});

describe('gemini tool calls', () => {
  const tc = (over: Record<string, unknown>): string => gemini({ toolCalls: [{ id: 'run_shell_command-9', name: 'run_shell_command', args: { command: 'make' }, timestamp: '2026-03-02T10:00:09.000Z', ...over }] });

  it('error status: a tool error with a category from the result; cancelled: rejected', () => {
    const ledger = newLedger();
    feed(ledger, 'gemini', [META, tc({ status: 'error', resultDisplay: 'Command exited with exit code 2' }), tc({ id: 'read_file-3', name: 'read_file', status: 'error', resultDisplay: 'File not found: /x' }), tc({ id: 'c-1', status: 'cancelled' })], PATH);
    const errors = [...ledger.counters.values('agentmon_tool_errors_total')].map((s) => [s.labels[2], s.labels[3], s.value]);
    assert.deepEqual(errors.sort(), [['read_file', 'not_found', 1], ['run_shell_command', 'exit_code', 1], ['run_shell_command', 'rejected', 1]]);
    assert.equal(ledger.counters.sum('agentmon_tool_calls_total'), 3);
  });

  it('a call not finished yet has no result: no error, no duration', () => {
    const ledger = newLedger();
    feed(ledger, 'gemini', [META, tc({ status: 'awaiting_approval' })], PATH);
    assert.equal(ledger.counters.sum('agentmon_tool_calls_total'), 1);
    assert.equal([...ledger.histograms.values('agentmon_tool_duration_seconds')].length, 0);
  });

  it("Gemini CLI's own call ids carry the start time; other ids do not", () => {
    const end = Date.parse('2026-01-16T11:04:13.954Z');
    assert.equal(callStartMs('read_file-1768561450182-7b0e80586cb07', end), 1768561450182);
    assert.equal(callStartMs('list_directory-1', end), undefined);
    assert.equal(callStartMs('read_file-1868561450182-7b0e', end), undefined); // after the end: not a start time
  });

  it('write_todos carries the todo list: the session progress', () => {
    const out = parse(tc({ name: 'write_todos', args: { todos: [{ description: 'a', status: 'completed' }, { description: 'b', status: 'in_progress' }] }, status: 'success' }));
    assert.deepEqual(out.events.filter((e) => e.kind === 'progress').map((e) => (e.kind === 'progress' ? [e.done, e.total] : [])), [[1, 2]]);
  });
});

describe('gemini errors and bad lines', () => {
  it('error messages from the API are API errors by kind; other error messages are activity', () => {
    const ledger = newLedger();
    const err = (id: string, text: string): string => JSON.stringify({ id, timestamp: '2026-03-02T10:00:05.000Z', type: 'error', content: [{ text }] });
    feed(ledger, 'gemini', [META, err('e1', '[API Error: 429 quota exceeded]'), err('e2', '[API Error: 503 The model is overloaded]'), err('e3', 'Unknown command: /foo'), err('e1', '[API Error: 429 quota exceeded]')], PATH);
    const kinds = [...ledger.counters.values('agentmon_api_errors_total')].map((s) => [s.labels[2], s.value]);
    assert.deepEqual(kinds.sort(), [['overloaded', 1], ['rate_limit', 1]]);
  });

  it('bad input is counted by reason and never throws', () => {
    assert.deepEqual(
      ['{not json', '[1,2]', '"text"', gemini({ tokens: { input: -5 } }), gemini({ timestamp: undefined, tokens: { input: 5 } }), gemini({ type: 'novel' }), '{"other":1}', '{"id":"x","timestamp":"2026-03-02T10:00:00Z","type":7}']
        .map((l) => parse(l).result),
      ['malformed', 'malformed', 'malformed', 'malformed', 'malformed', 'unknown_type', 'unknown_type', 'malformed'],
    );
  });
});
