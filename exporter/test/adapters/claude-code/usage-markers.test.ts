// The Claude Code adapter's usage markers: a usage-only read must keep every line that carries usage, and the
// markers exist to skip the rest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claudeCodeAdapter } from '../../../src/adapters/claude-code/index.js';
import { usageLineFilter } from '../../../src/tail/usage-filter.js';

const PATH = '/home/dev/.claude/projects/-home-dev-shop/5e551010-aaaa-4bbb-8ccc-0000000000f1.jsonl';
const assistant = JSON.stringify({ type: 'assistant', timestamp: '2026-03-02T10:00:00.000Z', message: { id: 'msg_1', model: 'claude-x', role: 'assistant', usage: { input_tokens: 3, output_tokens: 5 } } });
const user = JSON.stringify({ type: 'user', timestamp: '2026-03-02T10:00:00.000Z', message: { role: 'user', content: 'hello there' } });

describe('claude-code usage markers', () => {
  it('keep a line whose usage-only parse yields a request, and skip a prompt line', () => {
    const keep = usageLineFilter(claudeCodeAdapter.usageMarkers ?? []);
    const parsed = claudeCodeAdapter.parse(assistant, { state: {}, path: PATH, usageOnly: true });
    assert.deepEqual(parsed.events.map((e) => e.kind), ['request']);
    assert.equal(keep(Buffer.from(assistant)), true);
    assert.deepEqual(claudeCodeAdapter.parse(user, { state: {}, path: PATH, usageOnly: true }).events.map((e) => e.kind), ['prompt']);
    assert.equal(keep(Buffer.from(user)), false);
  });
});
