// Gemini CLI chat records at their edges, one rule per test: the session and project of a file from metadata that
// arrives late or without a chats/ folder, the model remembered for messages that name none, where response latency
// starts, tool calls that are broken, unnamed or not Gemini's own, error texts by length and status, the outcome of
// each kind of record, and the 100,000-message bound on what one record or document hands on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGeminiDocument } from '../../../src/adapters/gemini/document.js';
import { geminiAdapter } from '../../../src/adapters/gemini/index.js';
import { callStartMs } from '../../../src/adapters/gemini/message.js';
import type { AgentEvent, FileState, ParseOutcome } from '../../../src/adapters/types.js';

const PATH = '/h/.gemini/tmp/shop/chats/session-2026-03-02T10-00-7c2b5e11.jsonl';
/** A chat file outside a chats/ folder: the project can only come from the metadata's projectHash. */
const LOOSE = '/data/export/session-x.jsonl';
const at = (s: number): string => `2026-03-02T10:00:${String(s).padStart(2, '0')}.000Z`;
const ms = (s: number): number => Date.parse(at(s));
const user = (id: string, s: number) => JSON.stringify({ id, timestamp: at(s), type: 'user', content: [{ text: 'go' }] });
const gemini = (over: Record<string, unknown>) => JSON.stringify({ id: 'g1', timestamp: at(4), type: 'gemini', content: [{ text: 'x' }], ...over });
const reader = (path = PATH) => {
  const state: FileState = {};
  return (line: string): ParseOutcome => geminiAdapter.parse(line, { state, path });
};
const only = <K extends AgentEvent['kind']>(out: ParseOutcome | undefined, kind: K): Extract<AgentEvent, { kind: K }>[] =>
  (out?.events ?? []).filter((e): e is Extract<AgentEvent, { kind: K }> => e.kind === kind);

describe('gemini session and project of a file', () => {
  it('without a chats/ folder the project is the metadata projectHash cut to 8 characters', () => {
    const read = reader(LOOSE);
    assert.equal(read('{"sessionId":"s-1","projectHash":"feedface99","startTime":"x"}').result, 'ignored');
    const [p] = only(read(user('u1', 1)), 'prompt');
    assert.deepEqual([p?.sessionId, p?.project], ['s-1', 'feedface']);
    // The project stays as first learned.
    read('{"$set":{"projectHash":"0123456789"}}');
    assert.equal(only(read(user('u2', 2)), 'prompt')[0]?.project, 'feedface');
  });

  it('a projectHash arriving only in a later $set still names the project; a $set sessionId names the session', () => {
    const read = reader(LOOSE);
    read('{"sessionId":"s-1","startTime":"x"}');
    read('{"$set":{"projectHash":"c0ffee1234","sessionId":"s-2"}}');
    const [p] = only(read(user('u1', 1)), 'prompt');
    assert.deepEqual([p?.sessionId, p?.project], ['s-2', 'c0ffee12']);
  });

  it('an empty or missing session id leaves the file name as the session; no hash and no folder is project unknown', () => {
    const read = reader(LOOSE);
    read('{"sessionId":"","startTime":"x"}');
    const [p] = only(read(user('u1', 1)), 'prompt');
    assert.deepEqual([p?.sessionId, p?.project], ['session-x', 'unknown']);
  });

  it('a prompt is keyed by session and message id', () => {
    const read = reader();
    read('{"sessionId":"s-1"}');
    assert.deepEqual(read(user('u1', 1)), { result: 'parsed', events: [{ sessionId: 's-1', project: 'shop', timestampMs: ms(1), kind: 'prompt', dedupKey: 'gemini-prompt:s-1:u1' }] });
  });
});

describe('gemini model and latency', () => {
  it('a response naming no model counts under the last model named in the file, else unknown', () => {
    const read = reader();
    assert.equal(only(read(gemini({ id: 'g0', tokens: { input: 1 } })), 'request')[0]?.model, 'unknown');
    read(gemini({ id: 'g1', model: 'gemini-2.5-pro', tokens: { input: 1 } }));
    assert.equal(only(read(gemini({ id: 'g2', tokens: { input: 1 } })), 'request')[0]?.model, 'gemini-2.5-pro');
    // A model named on a message without usage is remembered too; a remembered name is bounded.
    read(gemini({ id: 'g3', model: 'm'.repeat(300) }));
    assert.equal(only(read(gemini({ id: 'g4', tokens: { input: 1 } })), 'request')[0]?.model, 'm'.repeat(200));
  });

  it('latency starts at the latest of the prompt and the tool results before the response', () => {
    const read = reader();
    read(user('u1', 1));
    read(gemini({ id: 'g1', toolCalls: [{ id: 'read_file-1', name: 'read_file', status: 'success', timestamp: at(5) }] }));
    const [req] = only(read(gemini({ id: 'g2', timestamp: at(8), tokens: { input: 1 } })), 'request');
    assert.equal(req?.latencySeconds, 3);
  });

  it('a tool result stamped before the latest prompt does not move the start back', () => {
    const read = reader();
    read(user('u1', 10));
    read(gemini({ id: 'g1', timestamp: at(11), toolCalls: [{ id: 'read_file-1', name: 'read_file', status: 'success', timestamp: at(5) }] }));
    assert.equal(only(read(gemini({ id: 'g2', timestamp: at(12), tokens: { input: 1 } })), 'request')[0]?.latencySeconds, 2);
  });

  it('a tool result with no prompt before it starts the latency', () => {
    const read = reader();
    read(gemini({ id: 'g1', toolCalls: [{ id: 'read_file-1', name: 'read_file', status: 'success', timestamp: at(5) }] }));
    assert.equal(only(read(gemini({ id: 'g2', timestamp: at(8), tokens: { input: 1 } })), 'request')[0]?.latencySeconds, 3);
  });

  it('no latency without a prompt, or for a response stamped before its prompt; zero at the same instant', () => {
    const has = (out: ParseOutcome) => only(out, 'request').map((r) => ('latencySeconds' in r ? r.latencySeconds : 'none'));
    assert.deepEqual(has(reader()(gemini({ tokens: { input: 1 } }))), ['none']);
    const read = reader();
    read(user('u1', 5));
    assert.deepEqual(has(read(gemini({ id: 'g1', timestamp: at(4), tokens: { input: 1 } }))), ['none']);
    assert.deepEqual(has(read(gemini({ id: 'g2', timestamp: at(5), tokens: { input: 1 } }))), [0]);
  });

  it('a prompt time of the wrong type in the file state (an old or damaged checkpoint) is no prompt', () => {
    const state: FileState = { lastTriggerTs: String(ms(1)) };
    const out = geminiAdapter.parse(gemini({ tokens: { input: 1 } }), { state, path: PATH });
    assert.deepEqual(only(out, 'request').map((r) => 'latencySeconds' in r), [false]);
  });
});

describe('gemini tool calls at their edges', () => {
  it('broken entries in toolCalls are skipped; the usage and the good call still count', () => {
    const out = reader()(gemini({ tokens: { input: 3 }, toolCalls: [null, 'text', { name: 'no id' }, { id: 'read_file-1', name: 'read_file', status: 'success' }] }));
    assert.deepEqual(out.events.map((e) => e.kind), ['request', 'tool_call', 'tool_result']);
    assert.deepEqual(only(out, 'tool_result').map((r) => [r.ok, r.errorCategory]), [[true, undefined]]);
  });

  it('a call without a name counts as tool unknown', () => {
    assert.deepEqual(only(reader()(gemini({ toolCalls: [{ id: 'c-1' }] })), 'tool_call').map((c) => c.tool), ['unknown']);
  });

  it('only write_todos carries the todo list; its args may be anything', () => {
    const todos = { todos: [{ status: 'completed' }] };
    assert.deepEqual(only(reader()(gemini({ toolCalls: [{ id: 'c-1', name: 'read_file', args: todos }] })), 'progress'), []);
    assert.deepEqual(reader()(gemini({ toolCalls: [{ id: 'c-1', name: 'write_todos', args: 'text' }] })).events.map((e) => e.kind), ['tool_call']);
    assert.deepEqual(only(reader()(gemini({ toolCalls: [{ id: 'c-1', name: 'write_todos', args: todos }] })), 'progress').map((p) => [p.done, p.total]), [[1, 1]]);
  });

  it("start times: Gemini's id form only, at the end of the id, not after the end, less than a day before it", () => {
    const end = Date.parse('2026-01-16T11:04:13.954Z');
    assert.equal(callStartMs(`read_file-${end}-7b0e`, end), end);
    assert.equal(callStartMs(`read_file-${end - 5}-7b0e-copy`, end), undefined);
    assert.equal(callStartMs(`read_file-${end - 86_400_000 + 1}-ab`, end), end - 86_400_000 + 1);
    assert.equal(callStartMs(`read_file-${end - 86_400_000}-ab`, end), undefined);
    assert.equal(callStartMs(`read_file-${end - 90_000_000}-ab`, end), undefined);
  });
});

describe('gemini error, info and other messages', () => {
  const err = (text: unknown) => JSON.stringify({ id: 'e1', timestamp: at(5), type: 'error', content: text });
  const kind = (out: ParseOutcome) => out.events.map((e) => (e.kind === 'api_error' ? e.errorKind : e.kind));

  it('an error naming a status only (no API words) is an API error of that status', () => {
    assert.deepEqual(kind(reader()(err('HTTP 502 Bad Gateway'))), ['server']);
    assert.deepEqual(kind(reader()(err('HTTP 529'))), ['overloaded']);
  });

  it('an API error without a status is still an API error, by its words', () => {
    const out = reader()(err('[API Error: quota exceeded]'));
    assert.deepEqual([out.result, kind(out)], ['parsed', ['other']]);
    assert.deepEqual(only(out, 'api_error').map((e) => e.dedupKey), ['gemini-err:session-2026-03-02T10-00-7c2b5e11:e1']);
  });

  it('only the first 4000 characters of an error are read, text as it is', () => {
    assert.deepEqual(kind(reader()(err(`${'x'.repeat(3995)}quota`))), ['other']);
    assert.deepEqual(kind(reader()(err(`${'x'.repeat(4000)} quota`))), ['activity']);
  });

  it('other errors, info and warnings show activity', () => {
    for (const type of ['error', 'info', 'warning']) {
      const out = reader()(JSON.stringify({ id: 'i1', timestamp: at(5), type, content: 'Unknown command: /foo' }));
      assert.deepEqual(out, { result: 'parsed', events: [{ sessionId: 'session-2026-03-02T10-00-7c2b5e11', project: 'shop', timestampMs: ms(5), kind: 'activity' }] }, type);
    }
  });

  it('a response with no usage and no calls shows activity', () => {
    assert.deepEqual(reader()(gemini({})).events.map((e) => e.kind), ['activity']);
  });

  it('outcomes of records that give no events: malformed, ignored, unknown type', () => {
    const read = reader();
    const cases: [string, string][] = [
      ['{bad', 'malformed'],
      ['{"id":"x","timestamp":"2026-03-02T10:00:00Z"}', 'malformed'], // no type
      [gemini({ timestamp: undefined, tokens: { input: 1 } }), 'malformed'], // usage without a time
      [gemini({ timestamp: undefined }), 'ignored'],
      [gemini({ type: 'novel' }), 'unknown_type'],
      ['{"other":1}', 'unknown_type'],
      ['{"$rewindTo":"g1"}', 'ignored'],
    ];
    for (const [line, result] of cases) assert.deepEqual(read(line), { result, events: [] }, line);
  });
});

describe('gemini $set message lists', () => {
  it('a list with no readable message is ignored', () => {
    const read = reader();
    assert.deepEqual(read('{"$set":{"messages":[]}}'), { result: 'ignored', events: [] });
    assert.deepEqual(read('{"$set":{"messages":[0,{"id":"x"},null]}}'), { result: 'ignored', events: [] });
  });

  it('at most the first 100,000 messages of a list are read', () => {
    const info = JSON.parse(JSON.stringify({ id: 'i1', timestamp: at(5), type: 'info' })) as unknown;
    const list = [...Array<number>(100_000).fill(0), info];
    assert.deepEqual(reader()(JSON.stringify({ $set: { messages: list } })), { result: 'ignored', events: [] });
  });
});

describe('gemini chat documents at their edges', () => {
  const DOC_PATH = '/h/.gemini/tmp/shop/chats/session-2026-03-01T09-00-9a1e0c2d.json';
  const doc = (messages: unknown[], meta: Record<string, unknown> = { sessionId: 's-1' }) => JSON.stringify({ ...meta, messages });
  const u1 = { id: 'u1', timestamp: at(1), type: 'user' };

  it('the session is the document sessionId, else the file name', () => {
    const sid = (meta: Record<string, unknown>) => parseGeminiDocument(doc([u1], meta), { state: {}, path: DOC_PATH })?.[0]?.events[0]?.sessionId;
    assert.equal(sid({ sessionId: 's-1' }), 's-1');
    for (const meta of [{}, { sessionId: '' }, { sessionId: 7 }, { sessionId: ['abc'] }]) assert.equal(sid(meta), 'session-2026-03-01T09-00-9a1e0c2d', JSON.stringify(meta));
  });

  it('messages that are not objects are malformed, each new one once; broken tool calls do not stop the message', () => {
    const state: FileState = {};
    const g = { id: 'g1', timestamp: at(2), type: 'gemini', tokens: { input: 5 }, toolCalls: [null, { id: 'c-1', name: 'read_file' }] };
    const first = parseGeminiDocument(doc([null, g]), { state, path: DOC_PATH });
    assert.deepEqual(first?.map((o) => [o.result, o.events.map((e) => e.kind)]), [['malformed', []], ['parsed', ['request', 'tool_call']]]);
    const second = parseGeminiDocument(doc([null, g, 'junk']), { state, path: DOC_PATH });
    assert.deepEqual(second?.map((o) => o.result), ['malformed']);
  });

  it('a JSON file that is not a chat gives one unknown_type outcome without events', () => {
    assert.deepEqual(parseGeminiDocument('{"a":1}', { state: {}, path: DOC_PATH }), [{ result: 'unknown_type', events: [] }]);
  });

  it('at most the first 100,000 messages of a document are read', () => {
    const out = parseGeminiDocument(doc([...Array<number>(100_000).fill(0), u1]), { state: {}, path: DOC_PATH }) ?? [];
    assert.equal(out.length, 100_000);
    assert.equal(out.some((o) => o.result === 'parsed'), false);
  });
});
