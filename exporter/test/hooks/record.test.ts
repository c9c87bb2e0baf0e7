// What `agentmon hook` keeps of a Claude Code hook event: a few bounded fields, never prompts, tool input or output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toSpoolRecord } from '../../src/hooks/record.js';

const NOW = Date.parse('2026-03-05T14:00:00.000Z');
const common = { session_id: 'abc-123', transcript_path: '/home/alice/.claude/projects/-home-alice-shop/abc-123.jsonl', cwd: '/home/alice/shop', permission_mode: 'default' };

describe('spool records', () => {
  it('PreToolUse keeps the tool name and call id, and drops its input', () => {
    const rec = toSpoolRecord({ ...common, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'export TOKEN=s3cr3t && make' }, tool_use_id: 'toolu_01ABC' }, NOW);
    assert.deepEqual(rec, { v: 1, ts: NOW, event: 'PreToolUse', session: 'abc-123', project: 'shop', tool: 'Bash', call: 'toolu_01ABC' });
  });

  it('UserPromptSubmit keeps no prompt; paths are cut to the working folder name', () => {
    const rec = toSpoolRecord({ ...common, hook_event_name: 'UserPromptSubmit', prompt: 'my password is hunter2' }, NOW);
    assert.deepEqual(rec, { v: 1, ts: NOW, event: 'UserPromptSubmit', session: 'abc-123', project: 'shop' });
    assert.ok(!JSON.stringify(rec).includes('/home/alice'));
  });

  it('Notification: permission prompts (by type or by message), idle prompts, others', () => {
    const notice = (extra: Record<string, unknown>) => toSpoolRecord({ ...common, hook_event_name: 'Notification', ...extra }, NOW)?.notice;
    assert.deepEqual(
      [
        notice({ notification_type: 'permission_prompt', message: 'x' }),
        notice({ message: 'Claude needs your permission to use Bash' }),
        notice({ notification_type: 'idle_prompt', message: 'Claude is waiting for your input' }),
        notice({ message: 'Claude is waiting for your input' }),
        notice({ message: 'Authentication succeeded' }),
      ],
      ['permission', 'permission', 'idle', 'idle', 'other'],
    );
  });

  it('PostToolUseFailure keeps a bounded error category, not the error text', () => {
    const rec = toSpoolRecord({ ...common, hook_event_name: 'PostToolUseFailure', tool_name: 'Bash', tool_use_id: 't1', error: 'Command timed out after 120s: curl https://x?key=abc' }, NOW);
    assert.equal(rec?.category, 'timeout');
    assert.ok(!JSON.stringify(rec).includes('key=abc'));
  });

  it('unknown events are kept as other; input without a session id or not an object is dropped', () => {
    assert.equal(toSpoolRecord({ ...common, hook_event_name: 'TeammateIdle' }, NOW)?.event, 'other');
    assert.equal(toSpoolRecord({ hook_event_name: 'Stop' }, NOW), undefined);
    assert.equal(toSpoolRecord([common], NOW), undefined);
    assert.equal(toSpoolRecord({ ...common, session_id: 42 }, NOW), undefined);
  });
});
