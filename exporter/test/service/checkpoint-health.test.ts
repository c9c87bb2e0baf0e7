// A checkpoint that cannot be written (a state folder the exporter's user may not write: the compose stack run as
// another uid) makes /healthz and /readyz answer 503 with the reason, and counts in
// agentmon_checkpoint_writes_total{result="failure"}; once the folder is writable again the next checkpoint clears it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, ensureBuilt, freePort, parseMetrics, stop, sumMetric, type Running } from '../helpers/exporter.js';
import { claudeAssistant } from '../helpers/lines.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-ckpt-health-'));
let running: Running | undefined;

after(async () => {
  if (running) await stop(running, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** Polls until fn returns true; fails with `what` after 30 s. */
async function until(what: string, fn: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 30_000; !(await fn().catch(() => false)); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log:\n${running?.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('an unwritable state folder shows in /healthz, /readyz and the failure counter, and clears once writable', { skip: process.getuid?.() !== 0 && 'needs root to run the exporter as a user who may not write the state folder' }, async () => {
  ensureBuilt();
  const logs = join(root, 'projects', '-home-dev-app');
  mkdirSync(logs, { recursive: true });
  writeFileSync(join(logs, 's.jsonl'), `${claudeAssistant({ msgId: 'm1', reqId: 'r1', ts: '2026-03-01T12:00:00.000Z', usage: { input: 5, output: 1 } })}\n`);
  const state = join(root, 'state');
  mkdirSync(state, { mode: 0o755 }); // root's: uid 65534 reads it, cannot write it
  chmodSync(root, 0o755);
  const port = await freePort();
  const argv = [CLI, 'serve', '--port', String(port), '--claude-dir', join(root, 'projects'), '--state-dir', state];
  const proc = spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...argv], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, HOME: '/nonexistent', AGENTMON_LOG_LEVEL: 'warn' },
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  running = { proc, port, url, stderr: () => err };

  const failures = async () => sumMetric(parseMetrics(await (await fetch(`${url}/metrics`)).text()), 'agentmon_checkpoint_writes_total', { result: 'failure' });
  await until('a failed checkpoint', async () => (await failures()) >= 1);
  for (const path of ['/healthz', '/readyz']) {
    const r = await fetch(`${url}${path}`);
    assert.equal(r.status, 503, path);
    assert.match(await r.text(), /^checkpoint failing: the state folder cannot be written \(EACCES\) since \d{4}-/, path);
  }
  assert.match(err, /writing checkpoint failed/);

  chmodSync(state, 0o777);
  await until('/readyz 200 after a good checkpoint', async () => (await fetch(`${url}/readyz`)).status === 200);
  assert.equal((await fetch(`${url}/healthz`)).status, 200);
  const m = parseMetrics(await (await fetch(`${url}/metrics`)).text());
  assert.ok(sumMetric(m, 'agentmon_checkpoint_writes_total', { result: 'success' }) >= 1);
});
