// Hostile input: garbage bytes, invalid JSON, a 50 MB line, invalid UTF-8, an unreadable file, a folder named like
// a log, a symlink loop. Everything is counted, logged once per file, and the good lines still count exactly.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CLI, ensureBuilt, freePort, parseMetrics, sleep, stop, sumMetric, type Running } from '../helpers/exporter.js';
import { claudeAssistant } from '../helpers/lines.js';
import { spawn } from 'node:child_process';

const root = mkdtempSync(join(tmpdir(), 'agentmon-faults-'));
const projects = join(root, 'projects');
const proj = join(projects, '-home-dev-app');
let running: Running | undefined;
const good = (id: string, input: number) => claudeAssistant({ msgId: id, reqId: `r-${id}`, ts: '2026-03-01T12:00:00.000Z', usage: { input, output: 1 } });

before(() => {
  ensureBuilt();
  mkdirSync(join(proj, 'weird.jsonl'), { recursive: true });
  writeFileSync(join(proj, 'weird.jsonl', 'inside.jsonl'), good('m-dir', 1) + '\n');
  writeFileSync(join(proj, 'garbage.jsonl'), Buffer.concat([randomBytes(65536), Buffer.from('\n'), Buffer.from(good('m-after-garbage', 2) + '\n')]));
  writeFileSync(join(proj, 'invalid.jsonl'), ['{"type":"assistant",', 'not json at all', '[1,2,3]', '{"type":"assistant","message":{"usage":{"input_tokens":"lots"}}}', '{"type":"brand-new-line-type","timestamp":"2026-03-01T12:00:00Z"}', good('m-after-invalid', 4)].join('\n') + '\n');
  writeFileSync(join(proj, 'huge.jsonl'), `{"type":"user","message":{"content":"${'x'.repeat(50 * 1024 * 1024)}"}}\n${good('m-after-huge', 8)}\n`);
  const line = good('m-utf8', 16);
  const cut = line.indexOf('"ok"') + 3; // inside the text block's string value
  writeFileSync(join(proj, 'bad-utf8.jsonl'), Buffer.concat([Buffer.from(line.slice(0, cut)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(line.slice(cut) + '\n')]));
  writeFileSync(join(proj, 'secret.jsonl'), good('m-unreadable', 1000) + '\n');
  chmodSync(join(proj, 'secret.jsonl'), 0o000);
  symlinkSync(projects, join(proj, 'loop'));
  // The exporter runs as an unprivileged user when the tests run as root, so that mode 000 really is unreadable.
  for (const d of [root, projects, proj, join(proj, 'weird.jsonl')]) chmodSync(d, 0o755);
  mkdirSync(join(root, 'state'), { mode: 0o777 });
  chmodSync(join(root, 'state'), 0o777);
});

after(async () => {
  if (running) await stop(running, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

async function start(): Promise<Running> {
  const port = await freePort();
  const argv = [CLI, 'serve', '--port', String(port), '--claude-dir', projects, '--state-dir', join(root, 'state')];
  const asRoot = process.getuid?.() === 0;
  const proc = asRoot
    ? spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: '/nonexistent', AGENTMON_LOG_LEVEL: 'warn' } })
    : spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: '/nonexistent', AGENTMON_LOG_LEVEL: 'warn' } });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`exited: ${err}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) return { proc, port, url, stderr: () => err };
    await sleep(100);
  }
  throw new Error(`not ready: ${err}`);
}

test('bad input is counted and logged once per file; good lines count exactly; the exporter keeps serving', async () => {
  running = await start();
  await sleep(1200); // let periodic rescans retry the unreadable file a few times
  const m = parseMetrics(await (await fetch(`${running.url}/metrics`)).text());
  // 1 (in the folder named .jsonl) + 2 + 4 + 8 + 16; the unreadable file's 1000 never arrives.
  assert.equal(sumMetric(m, 'agentmon_tokens_total', { type: 'input' }), 31);
  assert.equal(sumMetric(m, 'agentmon_requests_total'), 5);
  assert.equal(sumMetric(m, 'agentmon_lines_total', { result: 'too_long' }), 1);
  assert.equal(sumMetric(m, 'agentmon_lines_total', { result: 'unknown_type' }), 1);
  assert.ok(sumMetric(m, 'agentmon_lines_total', { result: 'malformed' }) >= 4, 'invalid JSON, non-objects and wrong types are malformed');
  assert.ok(sumMetric(m, 'agentmon_file_events_total', { event: 'unreadable' }) >= 1);
  assert.equal((await fetch(`${running.url}/readyz`)).status, 200);
  const log = running.stderr();
  assert.equal(log.split('cannot read log file').length - 1, 1, 'the unreadable file is logged once, not on every retry');
  assert.equal(log.split(join(proj, 'invalid.jsonl')).length - 1, 1, 'malformed lines are logged once per file');
  assert.ok(!log.includes('not json at all'), 'log line content never reaches the exporter log');
});
