// With the periodic rescan effectively off, appends to existing files, new files and files in folders created
// after start still reach /metrics: the folder watches alone carry them.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureBuilt, startServe, stop, sumMetric, waitForMetrics, type Running } from '../helpers/exporter.js';
import { claudeAssistant } from '../helpers/lines.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-watch-'));
const projects = join(root, 'projects');
let running: Running | undefined;
const line = (id: string) => claudeAssistant({ msgId: id, reqId: `r-${id}`, ts: new Date().toISOString(), usage: { input: 1, output: 1 } }) + '\n';

before(async () => {
  ensureBuilt();
  mkdirSync(join(projects, 'p1'), { recursive: true });
  writeFileSync(join(projects, 'p1', 'a.jsonl'), line('m0'));
  writeFileSync(join(root, 'agentmon.yaml'), 'tail:\n  rescanIntervalSeconds: 3600\n');
  running = await startServe(['--claude-dir', projects, '--state-dir', join(root, 'state'), '--config', join(root, 'agentmon.yaml')]);
});

after(async () => {
  if (running) await stop(running, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const requests = async (n: number) => sumMetric(await waitForMetrics(running!.url, (m) => sumMetric(m, 'agentmon_requests_total') >= n, 8000), 'agentmon_requests_total');

test('appends, new files and new folders are seen without a rescan', async () => {
  assert.equal(await requests(1), 1);
  appendFileSync(join(projects, 'p1', 'a.jsonl'), line('m1'));
  assert.equal(await requests(2), 2, 'an append to a watched file');
  writeFileSync(join(projects, 'p1', 'b.jsonl'), line('m2'));
  assert.equal(await requests(3), 3, 'a new file in a watched folder');
  mkdirSync(join(projects, 'p2', 'sub'), { recursive: true });
  writeFileSync(join(projects, 'p2', 'sub', 'c.jsonl'), line('m3'));
  assert.equal(await requests(4), 4, 'a file in folders created after start');
  appendFileSync(join(projects, 'p2', 'sub', 'c.jsonl'), line('m4'));
  assert.equal(await requests(5), 5, 'an append in a folder created after start');
});
