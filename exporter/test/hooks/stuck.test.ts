// The stuck detector with hook signals: a permission prompt left open is `permission_wait` (before any other reason),
// and only what happened after the prompt closes it, whichever file it was read from first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentEvent } from '../../src/adapters/types.js';
import { HealthSchema } from '../../src/health/config.js';
import { detectStuck } from '../../src/health/detect.js';
import { applyEvent, newSessionState } from '../../src/health/session-state.js';
import { UsualDurations } from '../../src/health/usual-durations.js';

const T = Date.parse('2026-03-05T14:00:00.000Z');
const cfg = HealthSchema.parse({}).stuck; // permissionWaitSeconds: 300
const base = { sessionId: 's', project: 'alpha' };
const asked: AgentEvent = { ...base, kind: 'activity', timestampMs: T + 2000, hook: { event: 'Notification', permission: 'asked' } };
const call: AgentEvent = { ...base, kind: 'tool_call', timestampMs: T + 1000, tool: 'Bash', callId: 'toolu_1' };

function stateAfter(events: AgentEvent[]) {
  const s = newSessionState('claude-code', events[0]!);
  for (const ev of events) applyEvent(s, ev);
  return s;
}
const reason = (events: AgentEvent[], atMs: number) => detectStuck(stateAfter(events), atMs, cfg, new UsualDurations())?.reason;

describe('permission_wait', () => {
  it('a prompt open past permissionWaitSeconds is permission_wait, even with a tool call pending', () => {
    assert.equal(reason([call, asked], T + 2000 + 299_000), undefined);
    assert.equal(reason([call, asked], T + 2000 + 300_000), undefined, 'exactly permissionWaitSeconds is not yet too long');
    assert.equal(reason([call, asked], T + 2000 + 301_000), 'permission_wait');
    assert.equal(reason([call, asked], T + 2000 + 3_600_000), 'permission_wait'); // not tool_pending
  });

  it('the tool call written before the prompt but read after it does not close it', () => {
    assert.equal(reason([asked, call], T + 2000 + 301_000), 'permission_wait');
  });

  it('closed by the tool result after it, or by a hook saying the session moved on', () => {
    const result: AgentEvent = { ...base, kind: 'tool_result', timestampMs: T + 40_000, callId: 'toolu_1', ok: true };
    const answered: AgentEvent = { ...base, kind: 'activity', timestampMs: T + 39_000, hook: { event: 'PostToolUse', permission: 'answered', waitSeconds: 37 } };
    assert.equal(stateAfter([call, asked, result]).permissionSinceMs, null);
    assert.equal(stateAfter([call, asked, answered]).permissionSinceMs, null);
    const idle: AgentEvent = { ...base, kind: 'activity', timestampMs: T + 50_000, hook: { event: 'Notification' } };
    assert.equal(stateAfter([call, asked, idle]).permissionSinceMs, T + 2000);
  });
});
