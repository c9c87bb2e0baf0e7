// What the ledger keeps per session (the Sessions API and the health detector read it), fed events directly: each
// kind counts once on its session, repeats do not, a tool is timed only from its call to a later result, the files a
// session came from are bounded, and "active" means seen within the window and not from the future.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentEvent } from '../../src/adapters/types.js';
import { newLedger } from '../fixtures/harness.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const base = { sessionId: 's1', project: 'shop' };

describe('ledger sessions', () => {
  it('counts prompts, tool calls, tool errors and API errors on the session, each once however often a line repeats', () => {
    const l = newLedger();
    const events: AgentEvent[] = [
      { ...base, kind: 'prompt', timestampMs: T0, dedupKey: 'p1' },
      { ...base, kind: 'prompt', timestampMs: T0, dedupKey: 'p1' },
      { ...base, kind: 'tool_call', timestampMs: T0 + 1000, tool: 'Bash', callId: 'c1' },
      { ...base, kind: 'tool_call', timestampMs: T0 + 1000, tool: 'Bash', callId: 'c1' },
      { ...base, kind: 'tool_call', timestampMs: T0 + 2000, tool: 'Read', callId: 'c2' },
      { ...base, kind: 'tool_result', timestampMs: T0 + 4000, callId: 'c1', ok: false, errorCategory: 'exit_code' },
      { ...base, kind: 'tool_result', timestampMs: T0 + 4000, callId: 'c1', ok: false, errorCategory: 'exit_code' },
      { ...base, kind: 'tool_result', timestampMs: T0 + 2500, callId: 'c2', ok: true },
      { ...base, kind: 'api_error', timestampMs: T0 + 5000, errorKind: 'rate_limit', dedupKey: 'e1' },
      { ...base, kind: 'api_error', timestampMs: T0 + 5000, errorKind: 'rate_limit', dedupKey: 'e1' },
      { ...base, kind: 'api_error', timestampMs: T0 + 6000, errorKind: 'overloaded', dedupKey: null },
      { ...base, kind: 'progress', timestampMs: T0 + 7000, done: 2, total: 5 },
    ];
    for (const ev of events) l.apply('claude-code', ev);
    const s = l.sessions.get('claude-code\u001fs1')!;
    assert.deepEqual(
      { prompts: s.prompts, toolCalls: s.toolCalls, toolErrors: s.toolErrors, apiErrors: s.apiErrors, progress: s.progress },
      { prompts: 1, toolCalls: 2, toolErrors: 1, apiErrors: 2, progress: [2, 5] },
    );
    assert.equal(s.firstMs, T0);
    assert.equal(s.lastMs, T0 + 7000);
    assert.equal(l.counters.get('agentmon_sessions_total', ['claude-code', 'shop']), 1);
    assert.equal(l.counters.get('agentmon_tool_errors_total', ['claude-code', 'shop', 'Bash', 'exit_code']), 1);
    assert.equal(l.counters.get('agentmon_api_errors_total', ['claude-code', 'shop', 'rate_limit']), 1);
    assert.equal(l.counters.get('agentmon_prompts_total', ['claude-code', 'shop']), 1);
  });

  it('times a tool from its call to its result, and not a result that has no call or comes before it', () => {
    const l = newLedger();
    l.apply('claude-code', { ...base, kind: 'tool_call', timestampMs: T0, tool: 'Bash', callId: 'a' });
    l.apply('claude-code', { ...base, kind: 'tool_result', timestampMs: T0 + 3000, callId: 'a', ok: true });
    l.apply('claude-code', { ...base, kind: 'tool_call', timestampMs: T0 + 10_000, tool: 'Bash', callId: 'b' });
    l.apply('claude-code', { ...base, kind: 'tool_result', timestampMs: T0 + 9000, callId: 'b', ok: true });
    l.apply('claude-code', { ...base, kind: 'tool_call', timestampMs: T0 + 20_000, tool: 'Bash', callId: 'c' });
    l.apply('claude-code', { ...base, kind: 'tool_result', timestampMs: T0 + 20_000, callId: 'c', ok: true });
    l.apply('claude-code', { ...base, kind: 'tool_result', timestampMs: T0 + 30_000, callId: 'orphan', ok: false });
    const h = [...l.histograms.values('agentmon_tool_duration_seconds')].find((v) => v.labels.join() === 'claude-code,Bash');
    assert.deepEqual(h && { count: h.count, sum: h.sum }, { count: 2, sum: 3 });
    assert.equal(l.counters.get('agentmon_tool_errors_total', ['claude-code', 'shop', 'unknown', 'other']), 1);
  });

  it('keeps the session project once known, and its earliest time whatever order lines come in', () => {
    const l = newLedger();
    l.apply('codex', { sessionId: 'x', project: 'unknown', kind: 'prompt', timestampMs: T0 + 5000 });
    l.apply('codex', { sessionId: 'x', project: 'api', kind: 'prompt', timestampMs: T0 + 1000 });
    l.apply('codex', { sessionId: 'x', project: 'unknown', kind: 'prompt', timestampMs: T0 + 9000 });
    const s = l.sessions.get('codex\u001fx')!;
    assert.equal(s.project, 'api');
    assert.equal(s.firstMs, T0 + 1000);
    assert.equal(s.lastMs, T0 + 9000);
    assert.equal(s.prompts, 3, 'prompts without a dedup key all count');
  });

  it('remembers at most 64 files per session, each once, and none for an unknown session', () => {
    const l = newLedger();
    l.apply('claude-code', { ...base, kind: 'prompt', timestampMs: T0 });
    l.noteSessionFile('claude-code', 'nobody', '/logs/a.jsonl');
    assert.equal(l.sessions.get('claude-code\u001fnobody'), undefined);
    for (let i = 0; i < 70; i++) l.noteSessionFile('claude-code', 's1', `/logs/${i % 66}.jsonl`);
    l.noteSessionFile('claude-code', 's1', '/logs/0.jsonl');
    const files = l.sessions.get('claude-code\u001fs1')!.files!;
    assert.equal(files.length, 64);
    assert.equal(new Set(files).size, 64);
    assert.equal(files[0], '/logs/0.jsonl');
    assert.equal(files[63], '/logs/63.jsonl');
  });

  it('counts a session active when seen within the window, by agent and project, never one from the future', () => {
    const l = newLedger();
    const now = T0;
    const seen = (sessionId: string, project: string, ms: number) => l.apply('claude-code', { sessionId, project, kind: 'prompt', timestampMs: ms });
    seen('now-1', 'shop', now);
    seen('now-2', 'shop', now - 1000);
    seen('other', 'api', now);
    seen('soon', 'shop', now + 30_000);
    seen('future', 'shop', now + 61_000);
    seen('old', 'shop', now - 30 * 86_400_000);
    const active = [...l.activeSessions(now).values()].sort((a, b) => a.project.localeCompare(b.project));
    assert.deepEqual(active, [
      { agent: 'claude-code', project: 'api', count: 1 },
      { agent: 'claude-code', project: 'shop', count: 3 },
    ]);
  });
});
