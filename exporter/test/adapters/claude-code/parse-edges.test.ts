// Edges of the Claude Code parser that the main parse tests leave open: line types it skips, lines missing a
// field, error text spread over blocks, latency, todos and the usage-only read. Each case names what a slip would change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claudeDedupKey, claudeTokens, parseClaudeLine } from '../../../src/adapters/claude-code/parse.js';
import type { AgentEvent, FileState } from '../../../src/adapters/types.js';

const PATH = '/home/dev/.claude/projects/-home-dev-shop/5e551010-aaaa-4bbb-8ccc-0000000000e1.jsonl';
const STEM = '5e551010-aaaa-4bbb-8ccc-0000000000e1';
const SID = '5e551010-aaaa-4bbb-8ccc-0000000000e2';
const parse = (line: string, state: FileState = {}, usageOnly = false) => parseClaudeLine(line, { state, path: PATH, usageOnly });
const kinds = (events: AgentEvent[]) => events.map((e) => e.kind);
const T0 = '2026-03-02T10:00:00.000Z';
const line = (o: Record<string, unknown>) => JSON.stringify({ sessionId: SID, cwd: '/home/dev/shop', timestamp: T0, ...o });
const errKind = (events: AgentEvent[]) => (events[0]?.kind === 'api_error' ? events[0].errorKind : `no api_error: ${kinds(events).join(',')}`);
/** A failed request's stand-in message whose content blocks are given. */
const synthetic = (content: unknown, extra: Record<string, unknown> = {}) =>
  line({ type: 'assistant', uuid: 'u-syn-1', message: { id: 'msg_syn', model: '<synthetic>', role: 'assistant', content }, ...extra });
const usage = { input_tokens: 3, output_tokens: 5 };

describe('claude-code parser edges: line types', () => {
  it('ignores every bookkeeping line type, one by one', () => {
    for (const type of ['file-history-snapshot', 'queue-operation', 'summary', 'custom-title', 'tag', 'agent-name', 'pr-link']) {
      assert.deepEqual(parse(line({ type })), { result: 'ignored', events: [] }, type);
    }
  });

  it('reports an unknown type with no events', () => {
    assert.deepEqual(parse(line({ type: 'brand-new-kind' })), { result: 'unknown_type', events: [] });
  });

  it('reads a line without a type as assistant only when the message role says so', () => {
    const out = parse(line({ message: { id: 'msg_r', role: 'assistant', model: 'claude-x', usage } }));
    assert.equal(out.result, 'parsed');
    assert.deepEqual(kinds(out.events), ['request']);
    assert.deepEqual(parse(line({ message: { id: 'msg_r', role: 'user', content: 'hi' } })), { result: 'unknown_type', events: [] });
  });

  it('turns a progress line into activity, and skips one without a time', () => {
    const out = parse(line({ type: 'progress' }));
    assert.deepEqual(out, { result: 'parsed', events: [{ kind: 'activity', timestampMs: Date.parse(T0), sessionId: SID, project: 'shop' }] });
    assert.deepEqual(parse(line({ type: 'progress', timestamp: undefined })), { result: 'ignored', events: [] });
  });

  it('turns a plain system line into activity, and skips a system line without a time', () => {
    assert.deepEqual(parse(line({ type: 'system', subtype: 'compact_boundary' })), { result: 'parsed', events: [{ kind: 'activity', timestampMs: Date.parse(T0), sessionId: SID, project: 'shop' }] });
    assert.deepEqual(parse(line({ type: 'system', subtype: 'api_error', timestamp: undefined, error: { status: 529 } })), { result: 'ignored', events: [] });
  });

  it('calls a user line without a time malformed', () => {
    assert.deepEqual(parse(line({ type: 'user', timestamp: undefined, message: { role: 'user', content: 'hi' } })), { result: 'malformed', events: [] });
  });
});

describe('claude-code parser edges: session and project', () => {
  it('keeps the session a file named when a later line names none', () => {
    const st: FileState = { sessionId: 'kept-session' };
    const out = parse(line({ type: 'progress', sessionId: undefined }), st);
    assert.equal(out.events[0]?.sessionId, 'kept-session');
    assert.equal(st.sessionId, 'kept-session');
  });

  it('falls back to the file name for the session when no line named one', () => {
    assert.equal(parse(line({ type: 'progress', sessionId: undefined })).events[0]?.sessionId, STEM);
  });

  it('keeps the project a line named when a later line has no cwd', () => {
    const st: FileState = { project: 'named-earlier' };
    assert.equal(parse(line({ type: 'progress', cwd: undefined }), st).events[0]?.project, 'named-earlier');
    assert.equal(st.project, 'named-earlier');
  });
});

describe('claude-code parser edges: system api errors', () => {
  const sysErr = (error: unknown) => parse(line({ type: 'system', subtype: 'api_error', uuid: 'u-sys-1', error }));

  it('classifies by the HTTP status when the text says nothing', () => {
    assert.equal(errKind(sysErr({ status: 529, error: { error: { type: 'x', message: 'y' } } }).events), 'overloaded');
  });

  it('reads the innermost error object, then the type and the message', () => {
    assert.equal(errKind(sysErr({ error: { type: 'error', error: { type: 'overloaded_error', message: 'y' } } }).events), 'overloaded');
    assert.equal(errKind(sysErr({ error: { type: 'rate_limit_error', message: 'y' } }).events), 'rate_limit');
    assert.equal(errKind(sysErr({ error: { type: 'x', message: 'Overloaded' } }).events), 'overloaded');
    assert.equal(errKind(sysErr({ error: { message: 'Overloaded' } }).events), 'overloaded');
    assert.equal(errKind(sysErr({ error: { type: 'rate_limit_error' } }).events), 'rate_limit');
  });
});

describe('claude-code parser edges: synthetic error text', () => {
  it('reads the status right after "API Error:", with or without spaces, all three digits', () => {
    assert.equal(errKind(parse(synthetic([{ type: 'text', text: 'API Error:529 nothing more' }])).events), 'overloaded');
    assert.equal(errKind(parse(synthetic([{ type: 'text', text: 'API Error: 401 nothing more' }])).events), 'auth');
    assert.equal(errKind(parse(synthetic([{ type: 'text', text: 'API Error:   429' }])).events), 'rate_limit');
  });

  it('classifies a text without a status by its words alone', () => {
    assert.equal(errKind(parse(synthetic([{ type: 'text', text: 'the request was overloaded' }])).events), 'overloaded');
    assert.equal(errKind(parse(synthetic([{ type: 'text', text: 'nothing known' }])).events), 'other');
  });

  it('joins text blocks with a newline and skips blocks that are not text', () => {
    // Joined without a separator these would read "rate_limit".
    assert.equal(errKind(parse(synthetic([{ type: 'text', text: 'rate_' }, { type: 'text', text: 'limit' }])).events), 'other');
    // A number where text belongs is no text: with it, "API Error:" would be followed by 429.
    assert.equal(errKind(parse(synthetic([{ type: 'text', text: 'API Error:' }, { type: 'x', text: 429 }])).events), 'other');
    assert.equal(errKind(parse(synthetic([null, { type: 'text', text: 'overloaded' }])).events), 'overloaded');
    assert.equal(errKind(parse(synthetic([{ type: 'text', text: 'first' }, { type: 'text', text: 'overloaded' }])).events), 'overloaded');
  });

  it('reads blocks until the text passes 2000 characters', () => {
    assert.equal(errKind(parse(synthetic([{ type: 'text', text: 'x'.repeat(1999) }, { type: 'text', text: 'overloaded' }])).events), 'overloaded');
    assert.equal(errKind(parse(synthetic([{ type: 'text', text: 'x'.repeat(2000) }, { type: 'text', text: 'overloaded' }])).events), 'other');
  });

  it('keys the error on the line uuid, else on the message id, else on nothing', () => {
    const key = (events: AgentEvent[]) => (events[0]?.kind === 'api_error' ? events[0].dedupKey : 'none');
    assert.equal(key(parse(synthetic([])).events), 'claude-err:u-syn-1');
    assert.equal(key(parse(synthetic([], { uuid: undefined })).events), 'claude-err:msg_syn');
    const bare = parse(line({ type: 'assistant', isApiErrorMessage: true }));
    assert.deepEqual(kinds(bare.events), ['api_error']);
    assert.equal(key(bare.events), null);
    assert.equal(errKind(bare.events), 'other');
  });
});

describe('claude-code parser edges: responses', () => {
  it('names a response without a model "unknown"', () => {
    const ev = parse(line({ type: 'assistant', message: { id: 'm1', usage } })).events[0];
    assert.equal(ev?.kind === 'request' && ev.model, 'unknown');
  });

  it('turns an assistant line with neither usage nor tools into activity', () => {
    assert.deepEqual(parse(line({ type: 'assistant', message: { id: 'm1', model: 'claude-x', content: [{ type: 'text', text: 'hi' }] } })), {
      result: 'parsed',
      events: [{ kind: 'activity', timestampMs: Date.parse(T0), sessionId: SID, project: 'shop' }],
    });
  });

  it('gives no dedup key to a response without a message id', () => {
    assert.equal(claudeDedupKey(undefined, 'req_1'), null);
    assert.equal(claudeDedupKey('', 'req_1'), null);
  });

  it('moves a cache-write total above its split to 5m, and keeps a split larger than the total', () => {
    assert.deepEqual(claudeTokens({ cache_creation_input_tokens: 500, cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 } }), { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 300, cacheWrite1h: 200 });
    assert.deepEqual(claudeTokens({ cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 } }), { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 100, cacheWrite1h: 200 });
  });

  it('measures latency from the last prompt, zero included, never backwards', () => {
    const latency = (userTs: string, asstTs: string) => {
      const st: FileState = {};
      parse(line({ type: 'user', timestamp: userTs, message: { role: 'user', content: 'go' } }), st);
      const ev = parse(line({ type: 'assistant', timestamp: asstTs, message: { id: 'm1', model: 'claude-x', usage } }), st).events[0];
      return ev?.kind === 'request' ? ev.latencySeconds : 'no request';
    };
    assert.equal(latency('2026-03-02T10:00:00.000Z', '2026-03-02T10:00:02.500Z'), 2.5);
    assert.equal(latency(T0, T0), 0);
    assert.equal(latency('2026-03-02T10:00:02.500Z', T0), undefined);
    const none = parse(line({ type: 'assistant', message: { id: 'm1', model: 'claude-x', usage } }), { lastUserTs: '1000' }).events[0];
    assert.equal(none?.kind === 'request' && 'latencySeconds' in none, false);
  });

  it('emits tool calls only for tool_use blocks with a string id, naming a nameless tool "unknown"', () => {
    const out = parse(line({ type: 'assistant', message: { id: 'm1', model: 'claude-x', content: [{ type: 'tool_use', id: 5, name: 'Read' }, { type: 'tool_use', id: 'toolu_1' }] } }));
    assert.deepEqual(out.events.map((e) => (e.kind === 'tool_call' ? [e.tool, e.callId] : e.kind)), [['unknown', 'toolu_1']]);
  });

  it('reports a TodoWrite list as progress, and only TodoWrite', () => {
    const todos = [{ status: 'completed' }, { status: 'in_progress' }, { status: 'completed' }];
    const out = parse(line({ type: 'assistant', message: { id: 'm1', model: 'claude-x', content: [{ type: 'tool_use', id: 't1', name: 'TodoWrite', input: { todos } }, { type: 'tool_use', id: 't2', name: 'Other', input: { todos } }, { type: 'tool_use', id: 't3', name: 'TodoWrite' }] } }));
    assert.deepEqual(kinds(out.events), ['tool_call', 'progress', 'tool_call', 'tool_call']);
    const p = out.events[1];
    assert.deepEqual(p?.kind === 'progress' && [p.done, p.total], [2, 3]);
  });

  it('builds only the request on a usage-only read', () => {
    const l = line({ type: 'assistant', message: { id: 'm1', model: 'claude-x', usage, content: [{ type: 'tool_use', id: 't1', name: 'Read', input: {} }] } });
    assert.deepEqual(kinds(parse(l, {}, true).events), ['request']);
    assert.deepEqual(kinds(parse(l, {}, false).events), ['request', 'tool_call']);
  });
});

describe('claude-code parser edges: user lines', () => {
  const user = (content: unknown, extra: Record<string, unknown> = {}) => parse(line({ type: 'user', uuid: 'u-user-1', message: { role: 'user', content }, ...extra }));

  it('keys a prompt on the line uuid', () => {
    const ev = user('do it').events[0];
    assert.equal(ev?.kind === 'prompt' && ev.dedupKey, 'claude-prompt:u-user-1');
  });

  it('counts a tool_result only with a string tool_use_id', () => {
    assert.deepEqual(kinds(user([{ type: 'tool_result', tool_use_id: 5, content: 'x' }]).events), ['activity']);
  });

  it('skips empty blocks and reads text after them as a prompt', () => {
    assert.deepEqual(kinds(user([null, { type: 'text', text: 'hi' }]).events), ['prompt']);
  });

  it('is no prompt when it holds neither text nor results, or is meta, or carries results', () => {
    assert.deepEqual(kinds(user([{ type: 'image', source: {} }]).events), ['activity']);
    assert.deepEqual(kinds(user('hi', { isMeta: true }).events), ['activity']);
    assert.deepEqual(kinds(user([{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }, { type: 'text', text: 'and more' }]).events), ['tool_result']);
  });
});
