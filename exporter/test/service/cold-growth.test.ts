// The reproduction with a real serve: a response's first line (output 10) is read, its dedup entry is
// compacted because the response is days old, and the rest of its lines (10, then 299) arrive later — appended while
// serve runs, after a clean restart, or after kill -9. Each time the response counts once, at 299, as one stamped today.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CLI, ensureBuilt, startServe, stop, sumMetric, waitForMetrics, type Running } from '../helpers/exporter.js';
import { claudeAssistant } from '../helpers/lines.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-cold-growth-'));
const running: Running[] = [];
const DAY = 86_400_000;

before(() => ensureBuilt());
after(async () => {
  for (const r of running) await stop(r, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** One response's lines with the given outputs, stamped `ageDays` ago. */
const lines = (id: string, ageDays: number, outputs: number[]): string =>
  outputs.map((output) => claudeAssistant({ msgId: `msg_${id}`, reqId: `req_${id}`, ts: new Date(Date.now() - ageDays * DAY).toISOString(), usage: { input: 5, output } }) + '\n').join('');

function setup(name: string): { file: string; args: string[] } {
  const logs = join(root, name, 'projects');
  mkdirSync(join(logs, 'p'), { recursive: true });
  const file = join(logs, 'p', 's.jsonl');
  writeFileSync(file, lines('today', 0, [10]) + lines('old', 3, [10]) + lines('older', 40, [10]));
  return { file, args: ['--claude-dir', logs, '--state-dir', join(root, name, 'state')] };
}

const rest = (): string => lines('today', 0, [10, 299]) + lines('old', 3, [10, 299]) + lines('older', 40, [10, 299]);

async function start(args: string[]): Promise<Running> {
  const r = await startServe(args, { HOME: join(root, 'home') });
  running.push(r);
  return r;
}

async function finalOutput(r: Running): Promise<number> {
  const m = await waitForMetrics(r.url, (x) => sumMetric(x, 'agentmon_tokens_total', { type: 'output' }) >= 3 * 299, 20_000);
  assert.equal(sumMetric(m, 'agentmon_requests_total'), 3);
  return sumMetric(m, 'agentmon_tokens_total', { type: 'output' });
}

function scanOutput(file: string): number {
  const dir = join(file, '..', '..');
  const out = JSON.parse(execFileSync(process.execPath, [CLI, 'scan', '--json', '--claude-dir', dir], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, HOME: join(root, 'home') } })) as { totals: { outputTokens: number } };
  return out.totals.outputTokens;
}

test('the rest of the lines appended while serve runs', async () => {
  const { file, args } = setup('live');
  const r = await start(args);
  await waitForMetrics(r.url, (m) => sumMetric(m, 'agentmon_requests_total') >= 3);
  appendFileSync(file, rest());
  assert.equal(await finalOutput(r), 3 * 299);
  assert.equal(scanOutput(file), 3 * 299);
});

test('the rest of the lines read after a clean restart', async () => {
  const { file, args } = setup('restart');
  const r1 = await start(args);
  await waitForMetrics(r1.url, (m) => sumMetric(m, 'agentmon_requests_total') >= 3);
  assert.equal(await stop(r1), 0);
  appendFileSync(file, rest());
  assert.equal(await finalOutput(await start(args)), 3 * 299);
});

test('the rest of the lines read after kill -9', async () => {
  const { file, args } = setup('kill');
  const r1 = await start(args);
  // Killed once the state that compacted the old responses is on disk.
  await waitForMetrics(r1.url, (m) => sumMetric(m, 'agentmon_requests_total') >= 3 && sumMetric(m, 'agentmon_checkpoint_writes_total', { result: 'success' }) >= 1);
  await stop(r1, 'SIGKILL');
  appendFileSync(file, rest());
  const r2 = await start(args);
  assert.equal(await finalOutput(r2), 3 * 299);
  // And once more: nothing counts twice after another kill and restart.
  await waitForMetrics(r2.url, (m) => sumMetric(m, 'agentmon_checkpoint_writes_total', { result: 'success' }) >= 1);
  await stop(r2, 'SIGKILL');
  assert.equal(await finalOutput(await start(args)), 3 * 299);
});
