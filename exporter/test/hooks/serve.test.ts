// Hook events through the real exporter, merged with the transcript of the same session: tool calls are counted
// once (by the transcript), hooks add exact run times and permission waits, and a permission prompt left
// unanswered makes the session stuck with reason permission_wait until the tool runs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hookSpoolFile } from '../../src/hooks/spool.js';
import { CLI, ensureBuilt, type Running, startServe, stop, sumMetric, waitForMetrics } from '../helpers/exporter.js';
import { claudeAssistant, claudePrompt, claudeToolResult } from '../helpers/lines.js';

const T0 = Date.parse('2026-03-05T14:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const spool = (event: string, dt: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ v: 1, ts: T0 + dt, event, session: 'sess-h', project: 'alpha', ...extra });

/** Runs the real `agentmon hook` with one event, as Claude Code would. */
function runHook(state: string, event: Record<string, unknown>): Promise<number | null> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, 'hook', '--state-dir', state], { stdio: ['pipe', 'ignore', 'ignore'] });
    p.on('exit', resolve);
    p.stdin.end(JSON.stringify({ session_id: 'sess-live', cwd: '/home/dev/projects/alpha', ...event }));
  });
}

describe('hooks merged with transcripts in serve', () => {
  let dir = '';
  let serve: Running;
  let state = '';
  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'agentmon-hooks-serve-'));
    state = join(dir, 'state');
    const logs = join(dir, 'projects', '-home-dev-projects-alpha');
    mkdirSync(logs, { recursive: true });
    // The transcript: a prompt, a Bash call written at +1 s, its result at +40 s (the wait for approval included).
    writeFileSync(join(logs, 'sess-h.jsonl'), [
      claudePrompt({ ts: iso(T0), session: 'sess-h' }),
      claudeAssistant({ msgId: 'msg_1', reqId: 'req_1', ts: iso(T0 + 1000), session: 'sess-h', usage: { input: 10, output: 20 }, tool: { id: 'toolu_1', name: 'Bash' } }),
      claudeToolResult({ ts: iso(T0 + 40_000), toolUseId: 'toolu_1', session: 'sess-h' }),
    ].join('\n') + '\n');
    // The hooks of the same session: permission asked at +2 s, answered by the run that started at +35.5 s.
    mkdirSync(join(state, 'hooks'), { recursive: true });
    writeFileSync(hookSpoolFile(state), [
      spool('SessionStart', 0),
      spool('PreToolUse', 1500, { tool: 'Bash', call: 'toolu_1' }),
      spool('Notification', 2000, { notice: 'permission' }),
      spool('PostToolUse', 39_750, { tool: 'Bash', call: 'toolu_1' }),
      spool('Stop', 41_000),
      spool('SessionEnd', 50_000),
    ].join('\n') + '\n');
    writeFileSync(join(dir, 'agentmon.yaml'), 'tail:\n  rescanIntervalSeconds: 1\nhealth:\n  stuck:\n    permissionWaitSeconds: 1\n');
    // Named folders mean only those: the spool is named too, as docs/hooks.md says for a serve given --claude-dir.
    serve = await startServe(['--config', join(dir, 'agentmon.yaml'), '--claude-dir', join(dir, 'projects'), '--claude-dir', join(state, 'hooks'), '--state-dir', state]);
  });
  after(async () => {
    if (serve) await stop(serve);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the tool call counts once; hooks add its exact run time and the permission wait', async () => {
    const m = await waitForMetrics(serve.url, (x) => sumMetric(x, 'agentmon_hook_events_total') === 6);
    assert.equal(sumMetric(m, 'agentmon_tool_calls_total', { agent: 'claude-code', tool: 'Bash' }), 1);
    assert.equal(sumMetric(m, 'agentmon_sessions_total', { agent: 'claude-code' }), 1);
    // Transcript view: +1 s → +40 s. Hook view: PreToolUse +1.5 s → PostToolUse +39.75 s.
    assert.equal(sumMetric(m, 'agentmon_tool_duration_seconds_sum', { tool: 'Bash' }), 39);
    assert.deepEqual([sumMetric(m, 'agentmon_tool_run_duration_seconds_count', { tool: 'Bash' }), sumMetric(m, 'agentmon_tool_run_duration_seconds_sum', { tool: 'Bash' })], [1, 38.25]);
    assert.deepEqual([sumMetric(m, 'agentmon_permission_wait_seconds_count'), sumMetric(m, 'agentmon_permission_wait_seconds_sum')], [1, 37.75]);
    assert.equal(sumMetric(m, 'agentmon_hook_events_total', { event: 'PreToolUse' }), 1);
    assert.equal(sumMetric(m, 'agentmon_lines_total', { agent: 'claude-code', result: 'parsed' }), 9);
  });

  it('a live permission prompt left unanswered: stuck with reason permission_wait, until the tool runs', async () => {
    assert.equal(await runHook(state, { hook_event_name: 'SessionStart', source: 'startup' }), 0);
    assert.equal(await runHook(state, { hook_event_name: 'PreToolUse', tool_name: 'Write', tool_use_id: 'toolu_live', tool_input: { file_path: 'x' } }), 0);
    assert.equal(await runHook(state, { hook_event_name: 'Notification', notification_type: 'permission_prompt', message: 'Claude needs your permission to use Write' }), 0);
    const stuck = await waitForMetrics(serve.url, (x) => sumMetric(x, 'agentmon_sessions_stuck', { reason: 'permission_wait' }) === 1);
    assert.equal(sumMetric(stuck, 'agentmon_sessions_stuck', { agent: 'claude-code', project: 'alpha', reason: 'permission_wait' }), 1);
    const list = (await (await fetch(`${serve.url}/api/v1/health/sessions`)).json()) as { sessionId: string; reason: string }[];
    assert.deepEqual(list.map((s) => [s.sessionId, s.reason]), [['sess-live', 'permission_wait']]);

    assert.equal(await runHook(state, { hook_event_name: 'PostToolUse', tool_name: 'Write', tool_use_id: 'toolu_live', tool_response: { ok: true } }), 0);
    // The stuck gauges are computed at most once a second: wait for both to show the answer.
    const after = await waitForMetrics(serve.url, (x) => sumMetric(x, 'agentmon_permission_wait_seconds_count') === 2 && sumMetric(x, 'agentmon_sessions_stuck', { reason: 'permission_wait' }) === 0);
    assert.equal(sumMetric(after, 'agentmon_sessions_stuck', { reason: 'permission_wait' }), 0);
    assert.equal(sumMetric(after, 'agentmon_tool_run_duration_seconds_count', { tool: 'Write' }), 1);
    assert.equal(sumMetric(after, 'agentmon_tool_calls_total', { tool: 'Write' }), 0); // no transcript line: no call counted
  });
});
