// The older Gemini CLI chat file is one JSON document rewritten whole: only new or changed messages are handed on,
// a text caught mid-rewrite is read again later, and anything that is not a chat is noted once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGeminiDocument } from '../../../src/adapters/gemini/document.js';
import type { FileState } from '../../../src/adapters/types.js';

const PATH = '/h/.gemini/tmp/shop/chats/session-2026-03-01T09-00-9a1e0c2d.json';
const user = { id: 'u1', timestamp: '2026-03-01T09:00:01.000Z', type: 'user', content: [{ text: 'hi' }] };
const call = { id: 'read_file-1', name: 'read_file', status: 'executing', timestamp: '2026-03-01T09:00:05.000Z' };
const reply = { id: 'g1', timestamp: '2026-03-01T09:00:05.000Z', type: 'gemini', model: 'gemini-2.5-pro', tokens: { input: 10, output: 2, cached: 0 }, toolCalls: [call] };
const doc = (messages: unknown[]): string => JSON.stringify({ sessionId: 's-1', projectHash: 'ab', startTime: '2026-03-01T09:00:00.000Z', lastUpdated: 'x', messages }, null, 2);
const kinds = (outs: ReturnType<typeof parseGeminiDocument>): string[][] => (outs ?? []).map((o) => o.events.map((e) => e.kind));

describe('gemini chat documents', () => {
  it('a rewrite hands on only the new message and the message whose tool call finished', () => {
    const state: FileState = {};
    assert.deepEqual(kinds(parseGeminiDocument(doc([user, reply]), { state, path: PATH })), [['prompt'], ['request', 'tool_call']]);
    assert.deepEqual(kinds(parseGeminiDocument(doc([user, reply]), { state, path: PATH })), []);
    const finished = { ...reply, content: 'text changed too', toolCalls: [{ ...call, status: 'success', timestamp: '2026-03-01T09:00:06.000Z' }] };
    const next = { ...user, id: 'u2', timestamp: '2026-03-01T09:01:00.000Z' };
    assert.deepEqual(kinds(parseGeminiDocument(doc([user, finished, next]), { state, path: PATH })), [['request', 'tool_call', 'tool_result'], ['prompt']]);
  });

  it('only the message text changing is not a change', () => {
    const state: FileState = {};
    parseGeminiDocument(doc([user, reply]), { state, path: PATH });
    assert.deepEqual(kinds(parseGeminiDocument(doc([{ ...user, content: 'masked' }, reply]), { state, path: PATH })), []);
  });

  it('a text caught mid-rewrite (empty or cut) is not a document yet', () => {
    const state: FileState = {};
    assert.equal(parseGeminiDocument('', { state, path: PATH }), undefined);
    assert.equal(parseGeminiDocument(doc([user, reply]).slice(0, 120), { state, path: PATH }), undefined);
    assert.deepEqual(kinds(parseGeminiDocument(doc([user]), { state, path: PATH })), [['prompt']]);
  });

  it('JSON that is not a chat is noted once as unknown_type', () => {
    const state: FileState = {};
    assert.deepEqual(parseGeminiDocument('[{"sessionId":"s","messageId":0}]', { state, path: PATH })?.map((o) => o.result), ['unknown_type']);
    assert.deepEqual(parseGeminiDocument('[{"sessionId":"s","messageId":0},{}]', { state, path: PATH }), []);
  });

  it('latency of a new response uses a prompt handed on in an earlier read', () => {
    const state: FileState = {};
    parseGeminiDocument(doc([user]), { state, path: PATH });
    const out = parseGeminiDocument(doc([user, reply]), { state, path: PATH });
    const ev = out?.[0]?.events[0];
    assert.equal(ev?.kind === 'request' ? ev.latencySeconds : undefined, 4);
  });
});
