// Edges users hit with a real `serve`: a log folder that appears after start, folders nested too deep, cost printed
// as exact decimals, and a file truncated and rewritten longer between two reads. The periodic rescan is pushed
// out of reach (an hour) wherever it could hide a missing notification.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { scaled } from '../../src/metrics/catalogue.js';
import { formatValue } from '../../src/backfill/openmetrics.js';
import { ensureBuilt, startServe, stop, sumMetric, waitForMetrics, type Running } from '../helpers/exporter.js';
import { claudeAssistant } from '../helpers/lines.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-edges-'));
const config = join(root, 'agentmon.yaml');
const now = () => new Date().toISOString();
const line = (id: string, input = 1, output = 1): string => claudeAssistant({ msgId: id, reqId: `r-${id}`, ts: now(), usage: { input, output } }) + '\n';
const running: Running[] = [];

before(() => {
  ensureBuilt();
  writeFileSync(config, 'tail:\n  rescanIntervalSeconds: 3600\n');
});

after(async () => {
  for (const r of running) await stop(r, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

async function serve(name: string, claudeDir: string): Promise<Running> {
  const r = await startServe(['--claude-dir', claudeDir, '--state-dir', join(root, name, 'state'), '--config', config], { HOME: join(root, name, 'home') });
  running.push(r);
  return r;
}

const requests = (r: Running, n: number, timeoutMs = 15_000) => waitForMetrics(r.url, (m) => sumMetric(m, 'agentmon_requests_total') >= n, timeoutMs);

test('a log folder created after serve started is read without waiting for a rescan', async () => {
  const later = join(root, 'later', 'not', 'yet', 'projects');
  const r = await serve('later', later);
  mkdirSync(join(later, 'p1'), { recursive: true });
  writeFileSync(join(later, 'p1', 's.jsonl'), line('m1'));
  assert.equal(sumMetric(await requests(r, 1), 'agentmon_requests_total'), 1, 'the file in the new folder (the rescan is an hour away)');
  appendFileSync(join(later, 'p1', 's.jsonl'), line('m2'));
  assert.equal(sumMetric(await requests(r, 2), 'agentmon_requests_total'), 2, 'and appends to it');
});

test('folders nested deeper than 32 levels are counted and logged, not silently skipped', async () => {
  const logs = join(root, 'deep', 'projects');
  const at = (depth: number) => join(logs, ...Array.from({ length: depth }, (_, i) => `d${i}`));
  mkdirSync(at(34), { recursive: true });
  writeFileSync(join(at(32), 'ok.jsonl'), line('deep-ok')); // in a folder 32 levels down: read
  writeFileSync(join(at(34), 'no.jsonl'), line('deep-no')); // below the 33rd level: not read
  const r = await serve('deep', logs);
  const m = await requests(r, 1);
  assert.equal(sumMetric(m, 'agentmon_requests_total'), 1);
  assert.equal(sumMetric(m, 'agentmon_file_events_total', { event: 'too_deep' }), 1, 'the one folder at level 33');
  assert.equal((r.stderr().match(/nested deeper than 32 levels/g) ?? []).length, 1, r.stderr());
  assert.ok(r.stderr().includes(at(33)), 'the log line names the folder');
});

test('/metrics prints cost as the exact decimal of its nano-dollars', async () => {
  const logs = join(root, 'cost', 'projects');
  mkdirSync(join(logs, 'p'), { recursive: true });
  // claude-sonnet-4-5: $3 per million input tokens, 3,000 nano-dollars a token: 64,709 tokens are $0.194127, which a
  // multiplication by 1e-9 prints as 0.19412700000000002.
  writeFileSync(join(logs, 'p', 's.jsonl'), line('c1', 64_709, 0));
  const r = await serve('cost', logs);
  await requests(r, 1);
  const text = await (await fetch(`${r.url}/metrics`)).text();
  const sample = /^agentmon_cost_usd_total\{[^}]*\} (\S+)$/m.exec(text)?.[1];
  assert.equal(sample, '0.194127');
});

test('the exposed value of a scaled counter is the exact decimal up to 15 significant digits', () => {
  let n = 1;
  for (let i = 0; i < 200_000; i++) {
    n = (n * 48271) % 2147483647; // a deterministic spread of values
    const v = (n * 465_661) % 999_999_999_999_999;
    assert.equal(Number(formatValue(v, 1e-9)), scaled(v, 1e-9));
    assert.equal(String(scaled(v, 1e-9)).includes('e') || String(scaled(v, 1e-9)) === formatValue(v, 1e-9), true, `${v}`);
  }
});

test('a file truncated and rewritten longer with the same first line while serve was stopped counts every new response once', async () => {
  const logs = join(root, 'rewrite', 'projects');
  mkdirSync(join(logs, 'p'), { recursive: true });
  const file = join(logs, 'p', 's.jsonl');
  const first = line('shared');
  writeFileSync(file, first + Array.from({ length: 19 }, (_, i) => line(`old-${i}`)).join(''));
  const r1 = await serve('rewrite', logs);
  assert.equal(sumMetric(await requests(r1, 20), 'agentmon_requests_total'), 20);
  assert.equal(await stop(r1), 0);
  // 29 responses, the first the same line: longer than before, so the size does not show the truncation, and the
  // first bytes match the checkpoint's fingerprint. Written while serve is down, so no notification shows it either.
  writeFileSync(file, first + Array.from({ length: 28 }, (_, i) => line(`new-${i}`, 1, 100 + i)).join(''));
  const r2 = await serve('rewrite', logs);
  const m = await requests(r2, 48);
  assert.equal(sumMetric(m, 'agentmon_requests_total'), 48, '20 old + 28 new (the shared first response once)');
  assert.equal(sumMetric(m, 'agentmon_tokens_total', { type: 'output' }), 20 + Array.from({ length: 28 }, (_, i) => 100 + i).reduce((a, b) => a + b, 0));
  assert.equal(sumMetric(m, 'agentmon_file_events_total', { event: 'truncated' }), 1);
});
