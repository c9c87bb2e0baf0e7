// Edges of the Codex parser the main parse tests leave open: how a running total turns into a delta at each
// boundary, how a tool output reads as failed, which line types route where, and update_plan progress.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codexDelta, parseCodexLine } from '../../../src/adapters/codex/parse.js';
import type { AgentEvent, FileState } from '../../../src/adapters/types.js';

const PATH = '/home/dev/.codex/sessions/2026/03/07/rollout-2026-03-07T08-00-00-0199eeee-1111-7222-8333-444455556666.jsonl';
const STEM = PATH.split('/').pop()!.replace(/\.jsonl$/, '');
const TS = '2026-03-07T08:00:00.000Z';
const parse = (line: string, state: FileState = {}) => parseCodexLine(line, { state, path: PATH });
// null: a line without a timestamp.
const line = (type: string, payload: unknown, ts: string | null = TS) => JSON.stringify({ timestamp: ts ?? undefined, type, payload });
const kinds = (events: AgentEvent[]) => events.map((e) => e.kind);
const u = (i: number, c: number, o: number, r: number, t: number) => ({ input_tokens: i, cached_input_tokens: c, output_tokens: o, reasoning_output_tokens: r, total_tokens: t });

describe('codexDelta edges', () => {
  it('falls back to input + output when total_tokens is missing, and keeps a given total', () => {
    assert.deepEqual(codexDelta({}, { last: { input_tokens: 10, output_tokens: 4 } }), [10, 0, 4, 0, 14]);
    assert.deepEqual(codexDelta({}, { last: u(10, 0, 4, 0, 99) }), [10, 0, 4, 0, 99]);
  });

  it('takes the first total in full on a fresh state, and none when it is all zero', () => {
    assert.deepEqual(codexDelta({}, { total: u(10, 2, 4, 1, 14) }), [10, 2, 4, 1, 14]);
    assert.equal(codexDelta({}, { total: u(0, 0, 0, 0, 0) }), null);
  });

  it('treats stored totals of the wrong shape as no previous total', () => {
    assert.deepEqual(codexDelta({ totals: [1, 2] }, { total: u(10, 2, 4, 1, 14) }), [10, 2, 4, 1, 14]);
  });

  it('restarts on a decrease of the total, of input or of output, each alone', () => {
    assert.deepEqual(codexDelta({ totals: [10, 0, 5, 0, 100] }, { total: u(20, 0, 6, 0, 50) }), [20, 0, 6, 0, 50]);
    assert.deepEqual(codexDelta({ totals: [100, 0, 5, 0, 10] }, { total: u(50, 0, 6, 0, 60) }), [50, 0, 6, 0, 60]);
    assert.deepEqual(codexDelta({ totals: [10, 0, 50, 0, 10] }, { total: u(20, 0, 6, 0, 60) }), [20, 0, 6, 0, 60]);
  });

  it('does not restart when a counter stays equal', () => {
    assert.deepEqual(codexDelta({ totals: [10, 0, 5, 0, 15] }, { total: u(10, 0, 6, 0, 16) }), [0, 0, 1, 0, 1]);
    assert.deepEqual(codexDelta({ totals: [10, 0, 5, 0, 15] }, { total: u(11, 0, 6, 0, 15) }), [1, 0, 1, 0, 0]);
    assert.deepEqual(codexDelta({ totals: [10, 0, 5, 0, 15] }, { total: u(11, 0, 5, 0, 16) }), [1, 0, 0, 0, 1]);
  });

  it('returns null when only a counter went down that cannot restart the total', () => {
    assert.equal(codexDelta({ totals: [10, 5, 5, 0, 15] }, { total: u(10, 3, 5, 0, 15) }), null);
  });
});

describe('codex parser edges: tool outputs', () => {
  const out = (output: unknown, type = 'function_call_output') => {
    const ev = parse(line('response_item', { type, call_id: 'call_1', output })).events[0];
    return ev?.kind === 'tool_result' ? [ev.ok, ev.errorCategory] : `no tool_result: ${ev?.kind}`;
  };

  it('reads exit codes from plain text', () => {
    assert.deepEqual(out('Exit code: 1\nboom'), [false, 'exit_code']);
    assert.deepEqual(out('Exit code: 0\nfine'), [true, undefined]);
    assert.deepEqual(out('ran things\n  Process exited with code -1'), [false, 'exit_code']);
    assert.deepEqual(out('Exit code:2'), [false, 'exit_code']);
    assert.deepEqual(out('all good'), [true, undefined]);
  });

  it('reads errors only at the start of the text', () => {
    assert.deepEqual(out('error: bad thing'), [false, 'other']);
    assert.deepEqual(out('an error occurred in the test fixture'), [true, undefined]);
    assert.deepEqual(out('apply_patch verification failed: no such file x'), [false, 'not_found']);
  });

  it('reads metadata.exit_code and success from JSON outputs, string or object', () => {
    assert.deepEqual(out('{"output":"x","metadata":{"exit_code":0}}'), [true, undefined]);
    assert.deepEqual(out('{"output":"x","metadata":{"exit_code":3}}'), [false, 'exit_code']);
    assert.deepEqual(out({ output: 'x', metadata: { exit_code: 2 } }), [false, 'exit_code']);
    assert.deepEqual(out('{"success":false,"output":"permission denied"}'), [false, 'permission']);
    assert.deepEqual(out('{"success":true,"output":"permission denied"}'), [true, undefined]);
    // A non-numeric exit code is no exit code: success decides.
    assert.deepEqual(out('{"metadata":{"exit_code":"1"},"success":false,"output":"timed out"}'), [false, 'timeout']);
  });

  it('looks at the first 4000 characters of a text output only', () => {
    assert.deepEqual(out(`${'x'.repeat(3000)}\nExit code: 1`), [false, 'exit_code']);
    assert.deepEqual(out(`${'x'.repeat(4000)}\nExit code: 1`), [true, undefined]);
  });

  it('parses a long JSON string output whole, not its first 4000 characters', () => {
    assert.deepEqual(out(`{"metadata":{"exit_code":5},"output":"${'x'.repeat(5000)}"}`), [false, 'exit_code']);
  });

  it('reads custom tool outputs, and skips outputs without a call id', () => {
    assert.deepEqual(out('Exit code: 1', 'custom_tool_call_output'), [false, 'exit_code']);
    assert.deepEqual(parse(line('response_item', { type: 'function_call_output', output: 'x' })), { result: 'parsed', events: [] });
  });
});

describe('codex parser edges: routing', () => {
  it('takes the session id from session_meta only, and a string id only', () => {
    assert.equal(parse(line('turn_context', { id: 'not-a-session', cwd: '/home/dev/api' })).events[0]?.sessionId, STEM);
    assert.equal(parse(line('session_meta', { id: 5, cwd: '/home/dev/api' })).events[0]?.sessionId, STEM);
  });

  it('keeps the project when a line has no cwd, and "unknown" when none was named', () => {
    const st: FileState = { project: 'api' };
    assert.equal(parse(line('turn_context', { model: 'gpt-5' }), st).events[0]?.project, 'api');
    assert.equal(parse(line('event_msg', { type: 'agent_message' })).events[0]?.project, 'unknown');
  });

  it('takes the model from turn_context only, and a string model only', () => {
    const tok = line('event_msg', { type: 'token_count', info: { total_token_usage: u(10, 0, 4, 0, 14) } });
    const modelOf = (st: FileState) => {
      const ev = parse(tok, st).events[0];
      return ev?.kind === 'request' ? ev.model : 'no request';
    };
    const a: FileState = { model: 'gpt-5' };
    parse(line('session_meta', { id: '0199eeee-1111-7222-8333-444455556666', model: 'other' }), a);
    assert.equal(modelOf(a), 'gpt-5');
    const b: FileState = { model: 'gpt-5' };
    parse(line('turn_context', { model: 5 }), b);
    assert.equal(modelOf(b), 'gpt-5');
  });

  it('keeps the model a token_count named for later ones', () => {
    const st: FileState = {};
    parse(line('event_msg', { type: 'token_count', info: { total_token_usage: u(10, 0, 4, 0, 14), model: 'gpt-5.1-codex' } }), st);
    const ev = parse(line('event_msg', { type: 'token_count', info: { total_token_usage: u(20, 0, 8, 0, 28) } }), st).events[0];
    assert.equal(ev?.kind === 'request' && ev.model, 'gpt-5.1-codex');
  });

  it('reads compacted lines as activity and unknown types as unknown', () => {
    assert.deepEqual(kinds(parse(line('compacted', { message: 'x' })).events), ['activity']);
    assert.deepEqual(parse(line('something_new', {})), { result: 'unknown_type', events: [] });
  });

  it('calls only a token_count without a time malformed', () => {
    assert.deepEqual(parse(line('event_msg', { type: 'token_count', info: null }, null)), { result: 'malformed', events: [] });
    assert.deepEqual(parse(line('event_msg', { type: 'agent_message' }, null)), { result: 'ignored', events: [] });
    assert.deepEqual(parse(line('response_item', { type: 'token_count' }, null)), { result: 'ignored', events: [] });
  });

  it('ignores a token_count whose info is null', () => {
    assert.deepEqual(parse(line('event_msg', { type: 'token_count', info: null, rate_limits: null })), { result: 'ignored', events: [] });
  });

  it('classifies error and stream_error events by their message', () => {
    for (const type of ['error', 'stream_error']) {
      const ev = parse(line('event_msg', { type, message: 'rate limit reached' })).events[0];
      assert.deepEqual(ev?.kind === 'api_error' ? [ev.errorKind, ev.dedupKey] : ev?.kind, ['rate_limit', null], type);
    }
    const bare = parse(line('event_msg', { type: 'error' })).events[0];
    assert.equal(bare?.kind === 'api_error' && bare.errorKind, 'other');
  });

  it('reads tool calls only from response_item lines, and only with a call id', () => {
    assert.deepEqual(kinds(parse(line('event_msg', { type: 'function_call', call_id: 'c1', name: 'shell' })).events), ['activity']);
    assert.deepEqual(kinds(parse(line('event_msg', { type: 'function_call_output', call_id: 'c1', output: 'x' })).events), ['activity']);
    assert.deepEqual(parse(line('response_item', { type: 'function_call', name: 'shell', arguments: '{}' })), { result: 'parsed', events: [] });
  });

  it('reads no tool event from a compacted line whose payload looks like one', () => {
    assert.deepEqual(kinds(parse(line('compacted', { type: 'function_call', call_id: 'c1', name: 'shell' })).events), ['activity']);
    assert.deepEqual(kinds(parse(line('compacted', { type: 'function_call_output', call_id: 'c1', output: 'Exit code: 1' })).events), ['activity']);
  });
});

describe('codex parser edges: update_plan', () => {
  const plan = '{"plan":[{"step":"a","status":"completed"},{"step":"b","status":"pending"}]}';
  const call = (name: string, args: unknown) => parse(line('response_item', { type: 'function_call', name, call_id: 'c1', arguments: args })).events;

  it('reports an update_plan as progress beside its tool call', () => {
    const ev = call('update_plan', plan);
    assert.deepEqual(kinds(ev), ['tool_call', 'progress']);
    assert.deepEqual(ev[1]?.kind === 'progress' && [ev[1].done, ev[1].total], [1, 2]);
  });

  it('reports no progress for another tool, arguments not a string, or not JSON', () => {
    assert.deepEqual(kinds(call('shell', plan)), ['tool_call']);
    assert.deepEqual(kinds(call('update_plan', JSON.parse(plan))), ['tool_call']);
    // An array holding the JSON text would read as that text if its type were not checked.
    assert.deepEqual(kinds(call('update_plan', [plan])), ['tool_call']);
    assert.deepEqual(kinds(call('update_plan', '{"plan":')), ['tool_call']);
  });

  it('reads arguments shorter than 100 000 characters only', () => {
    const padded = (len: number) => {
      const head = '{"plan":[{"status":"completed"}],"pad":"';
      return head + 'x'.repeat(len - head.length - 2) + '"}';
    };
    assert.equal(padded(99_999).length, 99_999);
    assert.deepEqual(kinds(call('update_plan', padded(99_999))), ['tool_call', 'progress']);
    assert.deepEqual(kinds(call('update_plan', padded(100_000))), ['tool_call']);
  });
});
