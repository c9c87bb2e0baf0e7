// Spool lines become activity carrying hook signals: exact tool run times (PreToolUse → PostToolUse of one call) and
// permission waits. They never become tool calls, prompts or usage: the transcript counts those.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileState, HookSignal } from '../../src/adapters/types.js';
import { parseSpoolLine } from '../../src/hooks/parse.js';

const PATH = '/state/hooks/agentmon-hook-events.jsonl';
const T = Date.parse('2026-03-05T14:00:00.000Z');
const line = (event: string, dt: number, extra: Record<string, unknown> = {}): string => JSON.stringify({ v: 1, ts: T + dt, event, session: 's1', project: 'shop', ...extra });

function signals(lines: string[], state: FileState = {}): (HookSignal | undefined)[] {
  return lines.map((l) => {
    const out = parseSpoolLine(l, { state, path: PATH });
    const ev = out.events[0];
    return ev?.kind === 'activity' ? ev.hook : undefined;
  });
}

describe('hook spool lines', () => {
  it('only activity events, in the session and project of the hook', () => {
    const out = parseSpoolLine(line('PreToolUse', 0, { tool: 'Bash', call: 'toolu_1' }), { state: {}, path: PATH });
    assert.deepEqual(out, { result: 'parsed', events: [{ kind: 'activity', timestampMs: T, sessionId: 's1', project: 'shop', hook: { event: 'PreToolUse', tool: 'Bash' } }] });
  });

  it('PreToolUse → PostToolUse of the same call gives its exact run time; failures too; unpaired posts give none', () => {
    const s = signals([
      line('PreToolUse', 0, { tool: 'Bash', call: 'a' }),
      line('PreToolUse', 100, { tool: 'Read', call: 'b' }),
      line('PostToolUse', 350, { tool: 'Read', call: 'b' }),
      line('PostToolUseFailure', 12_500, { tool: 'Bash', call: 'a', category: 'exit_code' }),
      line('PostToolUse', 13_000, { tool: 'Grep', call: 'never-started' }),
    ]);
    assert.deepEqual(s.map((h) => h?.runSeconds), [undefined, undefined, 0.25, 12.5, undefined]);
  });

  it('a permission prompt waits until the session moves on; a second notification does not restart the wait', () => {
    const s = signals([
      line('PreToolUse', 0, { tool: 'Bash', call: 'a' }),
      line('Notification', 1000, { notice: 'permission' }),
      line('Notification', 61_000, { notice: 'permission' }),
      line('PostToolUse', 91_000, { tool: 'Bash', call: 'a' }),
      line('Stop', 92_000),
    ]);
    assert.deepEqual(s.map((h) => [h?.permission, h?.waitSeconds]), [[undefined, undefined], ['asked', undefined], ['asked', undefined], ['answered', 90], [undefined, undefined]]);
  });

  it('PermissionRequest asks too; a denial or a new prompt answers; idle notifications do not ask', () => {
    const s = signals([line('Notification', 0, { notice: 'idle' }), line('PermissionRequest', 1000, { tool: 'Write' }), line('PermissionDenied', 4000, { tool: 'Write' })]);
    assert.deepEqual(s.map((h) => [h?.permission, h?.waitSeconds]), [[undefined, undefined], ['asked', undefined], ['answered', 3]]);
  });

  it('the pairing memory survives a restart (it is the file state the checkpoint keeps)', () => {
    const state: FileState = {};
    signals([line('PreToolUse', 0, { tool: 'Bash', call: 'a' })], state);
    const restored = JSON.parse(JSON.stringify(state)) as FileState;
    assert.equal(signals([line('PostToolUse', 2000, { tool: 'Bash', call: 'a' })], restored)[0]?.runSeconds, 2);
  });

  it('calls that never finish are forgotten past 2,000 (the oldest half), never growing without bound', () => {
    const state: FileState = {};
    signals(Array.from({ length: 2001 }, (_, i) => line('PreToolUse', i, { tool: 'Bash', call: `c${i}` })), state);
    assert.equal(Object.keys(state).filter((k) => k.startsWith('pre:')).length, 1001);
    assert.equal(state['pre:c0'], undefined);
    assert.equal(state['pre:c2000'], T + 2000);
  });

  it('bad lines are malformed', () => {
    for (const bad of ['{', '[]', JSON.stringify({ v: 2, ts: T, event: 'Stop', session: 's' }), JSON.stringify({ v: 1, ts: 'x', event: 'Stop', session: 's' }), JSON.stringify({ v: 1, ts: T, event: 'Made-up', session: 's' })]) {
      assert.equal(parseSpoolLine(bad, { state: {}, path: PATH }).result, 'malformed', bad);
    }
  });
});
