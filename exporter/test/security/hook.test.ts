// `agentmon hook` runs inside the agent's hook and must never block it: a FIFO at the spool path (opening it for
// writing waits for a reader that never comes) used to hang the hook forever. serve, reading the spool folder, must
// not block on it either.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { CLI } from '../cli/run-cli.js';
import { ensureBuilt, startServe, stop } from '../helpers/exporter.js';
import { rawRequest, workspace } from './helpers.js';

const ws = workspace('hook');
after(() => ws.cleanup());

/** Runs `agentmon hook` with an event on stdin; resolves with its exit code, or 'hung' after 10 s (then kills it). */
function hook(stateDir: string): Promise<number | null | 'hung'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'hook', '--state-dir', stateDir], { env: { PATH: process.env.PATH, HOME: ws.path('home') }, stdio: ['pipe', 'ignore', 'ignore'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('hung');
    }, 10_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.stdin.end(JSON.stringify({ session_id: 's1', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_use_id: 'toolu_1', cwd: '/w/alpha' }));
  });
}

describe('hook spool that is not a regular file', () => {
  it('a FIFO at the spool path: the hook exits at once (the event is dropped)', async () => {
    ensureBuilt();
    const state = ws.path('state-fifo');
    mkdirSync(`${state}/hooks`, { recursive: true });
    execFileSync('mkfifo', [`${state}/hooks/agentmon-hook-events.jsonl`]);
    assert.equal(await hook(state), 0);
  });

  it('a symlink at the spool path is not followed', async () => {
    const state = ws.path('state-link');
    mkdirSync(`${state}/hooks`, { recursive: true });
    ws.write('elsewhere.txt', 'not yours\n');
    symlinkSync(ws.path('elsewhere.txt'), `${state}/hooks/agentmon-hook-events.jsonl`);
    assert.equal(await hook(state), 0);
    assert.equal(execFileSync('cat', [ws.path('elsewhere.txt')], { encoding: 'utf8' }), 'not yours\n');
  });

  it('serve with a FIFO in the spool folder becomes ready and answers', async () => {
    const state = ws.path('state-fifo');
    const serve = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', state]);
    try {
      const r = await rawRequest(serve.port, '/metrics', { headers: { host: `127.0.0.1:${serve.port}` }, timeoutMs: 10_000 });
      assert.equal(r.status, 200);
    } finally {
      await stop(serve, 'SIGKILL');
    }
  });
});
