// Tool calls carry a short hash of their input (never the input), equal exactly when the input is equal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClaudeLine } from '../../src/adapters/claude-code/parse.js';
import { parseCodexLine } from '../../src/adapters/codex/parse.js';
import type { AgentEvent } from '../../src/adapters/types.js';

const claudeToolUse = (id: string, input: unknown) =>
  JSON.stringify({ type: 'assistant', timestamp: '2026-03-02T10:00:00Z', sessionId: 's', cwd: '/p/alpha', message: { id: `m-${id}`, role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'tool_use', id, name: 'Bash', input }] } });
const codexCall = (callId: string, args: string) =>
  JSON.stringify({ timestamp: '2026-03-02T10:00:00Z', type: 'response_item', payload: { type: 'function_call', name: 'exec_command', arguments: args, call_id: callId } });
const hashOf = (events: AgentEvent[]) => events.find((e) => e.kind === 'tool_call')?.inputHash;

describe('inputHash on tool_call events', () => {
  it('Claude Code: same input → same 8-hex-digit hash; other input → other hash; the input text is not kept', () => {
    const a = hashOf(parseClaudeLine(claudeToolUse('t1', { command: 'npm test' }), { state: {}, path: '/x.jsonl' }).events);
    const b = hashOf(parseClaudeLine(claudeToolUse('t2', { command: 'npm test' }), { state: {}, path: '/x.jsonl' }).events);
    const c = hashOf(parseClaudeLine(claudeToolUse('t3', { command: 'npm test -- --watch' }), { state: {}, path: '/x.jsonl' }).events);
    assert.match(a ?? '', /^[0-9a-f]{8}$/);
    assert.equal(a, b);
    assert.notEqual(a, c);
    const ev = parseClaudeLine(claudeToolUse('t1', { command: 'npm test' }), { state: {}, path: '/x.jsonl' }).events;
    assert.ok(!JSON.stringify(ev).includes('npm test'));
  });
  it('Codex: hashes the arguments string', () => {
    const a = hashOf(parseCodexLine(codexCall('c1', '{"cmd":"ls"}'), { state: {}, path: '/r.jsonl' }).events);
    const b = hashOf(parseCodexLine(codexCall('c2', '{"cmd":"ls"}'), { state: {}, path: '/r.jsonl' }).events);
    const c = hashOf(parseCodexLine(codexCall('c3', '{"cmd":"ls -la"}'), { state: {}, path: '/r.jsonl' }).events);
    assert.match(a ?? '', /^[0-9a-f]{8}$/);
    assert.equal(a, b);
    assert.notEqual(a, c);
  });
  it('Claude Code: "[Request interrupted by user]" ends a turn; it is not a prompt the model must answer', () => {
    const line = JSON.stringify({ type: 'user', timestamp: '2026-03-02T10:00:00Z', sessionId: 's', cwd: '/p/alpha', message: { role: 'user', content: [{ type: 'text', text: '[Request interrupted by user for tool use]' }] } });
    assert.deepEqual(parseClaudeLine(line, { state: {}, path: '/x.jsonl' }).events.map((e) => e.kind), ['activity']);
  });
});
