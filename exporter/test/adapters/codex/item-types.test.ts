// Codex writes a tool call as function_call, custom_tool_call (freeform tools such as apply_patch) or
// local_shell_call; each is a tool call. A token_count without usage (no `info` at all, like `"info": null` at a
// session's start) is not a malformed line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCodexLine } from '../../../src/adapters/codex/parse.js';

const PATH = '/home/dev/.codex/sessions/2026/03/07/rollout-2026-03-07T08-00-00-0199eeee-1111-7222-8333-444455556666.jsonl';
const TS = '2026-03-07T08:00:00.000Z';
const parse = (payload: unknown, type = 'response_item') => parseCodexLine(JSON.stringify({ timestamp: TS, type, payload }), { state: {}, path: PATH });

describe('Codex item types', () => {
  it('counts each kind of tool call, named by its tool or else by its type', () => {
    const calls = [
      parse({ type: 'function_call', name: 'exec_command', arguments: '{}', call_id: 'c1' }),
      parse({ type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch', call_id: 'c2' }),
      parse({ type: 'local_shell_call', call_id: 'c3', action: { type: 'exec', command: ['ls'] } }),
    ];
    assert.deepEqual(calls.map((o) => o.events.map((e) => (e.kind === 'tool_call' ? `${e.tool} ${e.callId.split(':').pop()}` : e.kind))), [['exec_command c1'], ['apply_patch c2'], ['local_shell_call c3']]);
    assert.deepEqual(parse({ type: 'message', role: 'assistant', content: [] }).events.filter((e) => e.kind === 'tool_call'), []);
  });

  it('reads a token_count without usage as a line with nothing to count, with or without info: null', () => {
    for (const payload of [{ type: 'token_count' }, { type: 'token_count', info: null }]) {
      const out = parse(payload, 'event_msg');
      assert.notEqual(out.result, 'malformed', JSON.stringify(payload));
      assert.deepEqual(out.events.filter((e) => e.kind === 'request'), []);
    }
    assert.equal(parse({ type: 'token_count', info: 'not usage' }, 'event_msg').result, 'malformed');
  });
});
