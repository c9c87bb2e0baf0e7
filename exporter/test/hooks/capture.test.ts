// `agentmon hook` as Claude Code runs it: a real process with the event on stdin. It always exits 0 and prints
// nothing, whatever it is given; the spool gets one line per event and is rotated when it grows.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { appendToSpool } from '../../src/hooks/capture.js';
import { hookSpoolFile } from '../../src/hooks/spool.js';
import { CLI, ensureBuilt } from '../helpers/exporter.js';

let tmp: string;
before(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'agentmon-hook-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `agentmon hook <args>`, writing `stdin` (or leaving stdin open when it is null). */
function hook(args: string[], stdin: string | null, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, 'hook', ...args], { env: { ...process.env, HOME: join(tmp, 'home'), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== null) p.stdin.end(stdin);
  });
}

const EVENT = JSON.stringify({ session_id: 'sess-9', cwd: '/home/dev/shop', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'rm -rf build' }, tool_use_id: 'toolu_9' });

describe('agentmon hook', () => {
  it('appends one spool line and prints nothing', async () => {
    const state = join(tmp, 'state-a');
    const r = await hook(['--state-dir', state], EVENT);
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
    const lines = readFileSync(hookSpoolFile(state), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 1);
    assert.deepEqual({ ...lines[0], ts: 0 }, { v: 1, ts: 0, event: 'PreToolUse', session: 'sess-9', project: 'shop', tool: 'Bash', call: 'toolu_9' });
  });

  it('AGENTMON_STATE_DIR is used without the flag, and a mistyped flag still records', async () => {
    const state = join(tmp, 'state-b');
    const r = await hook(['--stat-dir', '/nowhere'], EVENT, { AGENTMON_STATE_DIR: state });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
    assert.equal(readFileSync(hookSpoolFile(state), 'utf8').split('\n').length, 2);
  });

  it('an unwritable state folder, bad JSON or no session: exit 0, silently nothing', async () => {
    const notAFolder = join(tmp, 'a-file');
    writeFileSync(notAFolder, 'x');
    for (const [args, input] of [[['--state-dir', notAFolder], EVENT], [['--state-dir', join(tmp, 'state-c')], '{"session_id": '], [['--state-dir', join(tmp, 'state-c')], '{"hook_event_name":"Stop"}']] as const) {
      assert.deepEqual(await hook([...args], input), { code: 0, stdout: '', stderr: '' });
    }
    assert.equal(existsSync(join(tmp, 'state-c')), false);
  });

  it('stdin that never closes: the hook gives up on its own and exits 0', async () => {
    const r = await hook(['--state-dir', join(tmp, 'state-d')], null);
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
    assert.equal(existsSync(join(tmp, 'state-d')), false);
  });

  it('a full spool is moved aside (kept for the exporter) and only the newest rotated files are kept', () => {
    const state = join(tmp, 'state-e');
    for (let i = 0; i < 10; i++) appendToSpool(state, `${JSON.stringify({ i, pad: 'x'.repeat(40) })}\n`, 1_000 + i, 100, 2);
    const files = readdirSync(join(state, 'hooks')).sort();
    assert.deepEqual(files, ['agentmon-hook-events.1006.jsonl', 'agentmon-hook-events.1008.jsonl', 'agentmon-hook-events.jsonl']);
    const live = readFileSync(hookSpoolFile(state), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { i: number }).i);
    assert.deepEqual(live, [8, 9]);
  });
});
