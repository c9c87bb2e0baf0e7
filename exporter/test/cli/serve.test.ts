// `agentmon serve` exit codes: 1 when it cannot start (port in use), 2 for bad config before anything starts,
// 0 after SIGTERM. Real processes, real sockets.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, runCli, tempDir } from './run-cli.js';

let dir: string;
let cleanup: () => void;
let busy: Server;
let busyPort: number;
let logs: string;

before(async () => {
  ({ dir, cleanup } = tempDir());
  logs = join(dir, 'logs');
  mkdirSync(logs);
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});
after(async () => {
  await new Promise((resolve) => busy.close(resolve));
  cleanup();
});

/** Polls `probe` until it returns a value (gives up after 15 s). */
async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('gave up waiting');
}

/** Flags that keep serve away from the real home folder. */
const isolated = (): string[] => ['--host', '127.0.0.1', '--claude-dir', logs, '--codex-dir', logs];

describe('serve', () => {
  it('port already in use → exit 1 with a message naming the address', async () => {
    const r = await runCli(['serve', ...isolated(), '--port', String(busyPort), '--state-dir', join(dir, 'state1')], { env: { HOME: dir } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^agentmon serve: cannot listen on 127\\.0\\.0\\.1:${busyPort}: the port is already in use; .*--port`, 'm'));
  });

  it('a bad config file → exit 2 with its problems, before creating any state', async () => {
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'port: 9100\ntail:\n  maxLineBytes: 10\n');
    const state = join(dir, 'state2');
    const r = await runCli(['serve', ...isolated(), '--port', '0', '--state-dir', state, '--config', config], { env: { HOME: dir } });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${config}:3:17: tail.maxLineBytes: must be >= 1024, got 10\n`);
    assert.equal(existsSync(state), false);
  });

  it('AGENTMON_CONFIG pointing at a missing file → exit 2 naming it', async () => {
    const r = await runCli(['serve', ...isolated(), '--port', '0'], { env: { HOME: dir, AGENTMON_CONFIG: join(dir, 'missing.yaml') } });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${join(dir, 'missing.yaml')}: cannot read config file: no such file\n`);
  });

  it('bad AGENTMON_* values → exit 2, one line per variable', async () => {
    const r = await runCli(['serve', ...isolated()], { env: { HOME: dir, AGENTMON_PORT: 'http', AGENTMON_LOG_LEVEL: 'verbose' } });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'AGENTMON_PORT: expected a port number 0-65535, got "http"\nAGENTMON_LOG_LEVEL: expected one of debug, info, warn, error, got "verbose"\n');
  });

  it('a --claude-dir that does not exist yet: a warning, then its transcripts are read once it appears', async () => {
    const later = join(dir, 'later');
    const config = join(dir, 'fast.yaml');
    writeFileSync(config, 'tail:\n  rescanIntervalSeconds: 0.2\n');
    const child = spawn(process.execPath, [CLI, 'serve', '--host', '127.0.0.1', '--port', '0', '--state-dir', join(dir, 'state4'), '--config', config, '--claude-dir', later], {
      env: { PATH: process.env.PATH, TZ: 'UTC', HOME: dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const url = await waitFor(() => /"msg":"serving","url":"(http:[^"]+)"/.exec(stderr)?.[1]);
      assert.match(stderr, /"level":"warn","msg":"folder does not exist yet; it will be read once it appears","flag":"--claude-dir"/);
      mkdirSync(join(later, 'proj'), { recursive: true });
      const line = { type: 'assistant', timestamp: '2026-01-09T10:00:00.000Z', sessionId: 's', requestId: 'r', message: { role: 'assistant', id: 'm', model: 'claude-sonnet-4-20250514', usage: { input_tokens: 123, output_tokens: 1 } } };
      writeFileSync(join(later, 'proj', 's.jsonl'), JSON.stringify(line) + '\n');
      const sample = await waitFor(async () => {
        const text = await (await fetch(new URL('metrics', url))).text();
        return /^agentmon_tokens_total\{[^}]*type="input"[^}]*\} (\d+)$/m.exec(text)?.[1];
      });
      assert.equal(sample, '123');
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('starts, answers /healthz, and exits 0 on SIGTERM; --port wins over AGENTMON_PORT', async () => {
    const state = join(dir, 'state3');
    // AGENTMON_PORT names the busy port: if the flag did not win, serve would exit 1.
    const child = spawn(process.execPath, [CLI, 'serve', ...isolated(), '--port', '0', '--state-dir', state], {
      env: { PATH: process.env.PATH, TZ: 'UTC', HOME: dir, AGENTMON_PORT: String(busyPort) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      let stderr = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          stderr += d;
          const m = /"msg":"serving","url":"(http:[^"]+)"/.exec(stderr);
          if (m) resolve(m[1]!);
        });
        void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.notEqual(url, `http://127.0.0.1:${busyPort}/`);
      const res = await fetch(new URL('healthz', url));
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
