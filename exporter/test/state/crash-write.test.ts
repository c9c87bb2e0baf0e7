// A kill -9 inside a checkpoint write must leave the previous checkpoint whole: the restart resumes from it, nothing is
// moved aside, and no counter goes down, even when the logs it was counted from are gone (Claude Code deletes
// transcripts after 30 days). A write takes milliseconds, so the exporter runs with a test-only pause halfway through
// each write (AGENTMON_TEST_CHECKPOINT_STALL_MS, see src/state/checkpoint.ts) and the kill lands inside that pause.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { scrape, sleep, startServe, stop, sumMetric, waitForMetrics, type Running } from '../helpers/exporter.js';
import { claudeAssistant } from '../helpers/lines.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-crash-write-'));
const logs = join(root, 'claude');
const state = join(root, 'state');
const config = join(root, 'agentmon.yaml');
const args = ['--claude-dir', logs, '--state-dir', state, '--config', config];
const STALL_MS = 4000;
let running: Running | undefined;

after(async () => {
  if (running) await stop(running, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** The number of the checkpoint write paused now or last (0 before the first). */
function stallNumber(): number {
  try {
    return Number(readFileSync(join(state, 'checkpoint.json.stall'), 'utf8'));
  } catch {
    return 0;
  }
}

/** Polls until `check` holds (every 25 ms, at most `timeoutMs`); fails naming `what`. */
async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

test('kill -9 inside a checkpoint write, logs deleted, restart: counters resume exactly, nothing moved aside', async () => {
  writeFileSync(config, 'tail:\n  checkpointIntervalSeconds: 0.2\n  rescanIntervalSeconds: 0.5\n');
  const truth = { requests: 0, input: 0, output: 0 };
  const files: string[] = [];
  for (let f = 0; f < 3; f++) {
    const dir = join(logs, `-home-dev-p${f}`);
    mkdirSync(dir, { recursive: true });
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      const usage = { input: 3 + i, output: 20 + f, cacheRead: 100 };
      lines.push(claudeAssistant({ msgId: `msg_${f}_${i}`, reqId: `req_${f}_${i}`, ts: new Date(Date.UTC(2026, 2, 1, 10, f, i)).toISOString(), usage }));
      truth.requests += 1;
      truth.input += usage.input;
      truth.output += usage.output;
    }
    files.push(join(dir, `s${f}.jsonl`));
    writeFileSync(files[f]!, lines.join('\n') + '\n');
  }

  running = await startServe(args, { AGENTMON_TEST_CHECKPOINT_STALL_MS: String(STALL_MS) });
  const counted = await waitForMetrics(running.url, (m) => sumMetric(m, 'agentmon_requests_total') >= truth.requests, 60_000);
  assert.equal(sumMetric(counted, 'agentmon_requests_total'), truth.requests);
  // The checkpoint on disk holds everything once its offsets reach the ends of the three files.
  const sizes = new Map(files.map((f) => [f, statSync(f).size]));
  await until('a checkpoint that covers every log line', () => {
    try {
      const cp = JSON.parse(readFileSync(join(state, 'checkpoint.json'), 'utf8')) as { files: { path: string; offset: number }[] };
      return files.every((f) => cp.files.some((t) => t.path === f && t.offset === sizes.get(f)));
    } catch {
      return false; // none yet
    }
  }, 120_000);
  // Anything new starts another write; a line that counts nothing (a summary line) keeps the truth as it is.
  let inside = false;
  let last = await scrape(running.url);
  for (let attempt = 0; attempt < 5 && !inside; attempt++) {
    const target = stallNumber() + 1;
    appendFileSync(files[0]!, `{"type":"summary","summary":"s${attempt}","leafUuid":"x"}\n`);
    await until(`checkpoint write ${target} to pause`, () => stallNumber() >= target, 120_000);
    const pausedAt = statSync(join(state, 'checkpoint.json.stall')).mtimeMs;
    last = await scrape(running.url);
    running.proc.kill('SIGKILL');
    // The kill landed inside the pause unless the machine was too slow to send it in time (then try another write).
    inside = Date.now() - pausedAt < STALL_MS - 500;
    await stop(running, 'SIGKILL');
    if (!inside) running = await startServe(args, { AGENTMON_TEST_CHECKPOINT_STALL_MS: String(STALL_MS) });
  }
  assert.ok(inside, 'the kill landed inside a checkpoint write');

  rmSync(logs, { recursive: true, force: true }); // the logs are gone: only the checkpoint holds the counts
  mkdirSync(logs);
  running = await startServe(args);
  const after = await scrape(running.url);
  for (const [name, type] of [['agentmon_requests_total', undefined], ['agentmon_tokens_total', 'input'], ['agentmon_tokens_total', 'output'], ['agentmon_tokens_total', 'cache_read']] as const) {
    const labels: Record<string, string> = type ? { type } : {};
    assert.ok(sumMetric(after, name, labels) >= sumMetric(last, name, labels), `${name} ${type ?? ''} went down after the restart`);
  }
  assert.deepEqual(readdirSync(state).filter((n) => n.includes('unusable')), [], 'no checkpoint was moved aside');
  assert.equal(sumMetric(after, 'agentmon_requests_total'), truth.requests, 'requests did not go down');
  assert.equal(sumMetric(after, 'agentmon_tokens_total', { type: 'input' }), truth.input);
  assert.equal(sumMetric(after, 'agentmon_tokens_total', { type: 'output' }), truth.output);
});
