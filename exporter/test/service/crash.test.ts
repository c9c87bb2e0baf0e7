// Kill -9 at random moments while logs are being appended (streamed partials, partial lines, copies across files,
// cumulative Codex totals), restart each time, and require final counters equal to the truth: no line counted
// twice, none lost.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CLI, ensureBuilt, scrape, sleep, startServe, stop, sumMetric, waitForMetrics, type Running } from '../helpers/exporter.js';
import { claudeAssistant, codexHeader, codexTokenCount } from '../helpers/lines.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-crash-'));
const claudeRoot = join(root, 'claude');
const codexRoot = join(root, 'codex');
const configFile = join(root, 'agentmon.yaml');
const args = ['--claude-dir', claudeRoot, '--codex-dir', codexRoot, '--state-dir', join(root, 'state'), '--config', configFile];
let running: Running | undefined;

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Appends realistic traffic and keeps the exact totals it should produce. */
class Workload {
  readonly truth = { input: 0, output: 0, cacheRead: 0, requests: 0 };
  private readonly rand: () => number;
  private readonly claudeFiles: string[] = [];
  private readonly codex: { path: string; input: number; cached: number; output: number }[] = [];
  private readonly finals: string[] = [];
  private pendingTail: { path: string; rest: string } | undefined;
  private n = 0;
  private readonly start = Date.now() - 86_400_000;

  constructor(seed: number) {
    this.rand = rng(seed);
    for (let p = 0; p < 2; p++) {
      const dir = join(claudeRoot, `-home-dev-proj${p}`);
      mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 3; f++) this.claudeFiles.push(join(dir, `s${p}-${f}.jsonl`));
    }
    mkdirSync(codexRoot, { recursive: true });
    for (let f = 0; f < 2; f++) {
      const path = join(codexRoot, `rollout-${f}.jsonl`);
      writeFileSync(path, codexHeader({ ts: new Date(this.start).toISOString(), id: `cx-${f}` }) + '\n');
      this.codex.push({ path, input: 0, cached: 0, output: 0 });
    }
  }

  /** Completes a line left half-written by the last step, if any. */
  flush(): boolean {
    if (!this.pendingTail) return false;
    appendFileSync(this.pendingTail.path, this.pendingTail.rest);
    this.pendingTail = undefined;
    return true;
  }

  step(): void {
    if (this.flush()) return;
    const i = this.n++;
    const ts = new Date(this.start + i * 1000).toISOString(); // live appends carry current times
    const r = this.rand();
    if (r < 0.2) {
      const c = this.codex[Math.floor(this.rand() * this.codex.length)]!;
      if (this.rand() < 0.3 && c.input > 0) {
        appendFileSync(c.path, codexTokenCount({ ts, input: c.input, cached: c.cached, output: c.output }) + '\n'); // re-emitted
        return;
      }
      const input = 100 + Math.floor(this.rand() * 900);
      const cached = Math.floor(input / 3);
      const output = 1 + Math.floor(this.rand() * 99);
      c.input += input;
      c.cached += cached;
      c.output += output;
      this.truth.input += input - cached;
      this.truth.cacheRead += cached;
      this.truth.output += output;
      this.truth.requests += 1;
      appendFileSync(c.path, codexTokenCount({ ts, input: c.input, cached: c.cached, output: c.output }) + '\n');
      return;
    }
    const file = this.claudeFiles[Math.floor(this.rand() * this.claudeFiles.length)]!;
    if (r < 0.3 && this.finals.length > 0) {
      // A resumed session copies an old response into another file: must not count again.
      appendFileSync(file, this.finals[Math.floor(this.rand() * this.finals.length)]! + '\n');
      return;
    }
    const msgId = `msg_${i}`;
    const usage = { input: 1 + Math.floor(this.rand() * 50), cacheRead: Math.floor(this.rand() * 5000), output: 5 };
    const final = { ...usage, output: 10 + Math.floor(this.rand() * 500) };
    const lines = [
      claudeAssistant({ msgId, reqId: `req_${i}`, ts, usage }),
      claudeAssistant({ msgId, reqId: `req_${i}`, ts, usage }),
      claudeAssistant({ msgId, reqId: `req_${i}`, ts, usage: final }),
    ];
    this.finals.push(lines[2]!);
    this.truth.input += final.input;
    this.truth.cacheRead += final.cacheRead;
    this.truth.output += final.output;
    this.truth.requests += 1;
    const text = lines.join('\n') + '\n';
    // Sometimes the last line arrives in two writes, as a partial line.
    const cut = this.rand() < 0.3 ? text.length - 1 - Math.floor(this.rand() * 200) : text.length;
    appendFileSync(file, text.slice(0, cut));
    if (cut < text.length) this.pendingTail = { path: file, rest: text.slice(cut) };
  }
}

before(() => {
  ensureBuilt();
  writeFileSync(configFile, 'tail:\n  checkpointIntervalSeconds: 0.2\n  rescanIntervalSeconds: 0.5\n');
});

after(async () => {
  if (running) await stop(running, 'SIGKILL');
  if (process.env.AGENTMON_KEEP_TEST_DIRS) process.stderr.write(`kept ${root}\n`);
  else rmSync(root, { recursive: true, force: true });
});

/** Waits (bounded) until the checkpoint's offsets of every log file equal the file's size. */
async function checkpointCoversAll(): Promise<void> {
  const logs = [claudeRoot, codexRoot].flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((n) => join(dir, n))).filter((p) => p.endsWith('.jsonl'));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const cp = JSON.parse(readFileSync(join(root, 'state', 'checkpoint.json'), 'utf8')) as { files: { path: string; offset: number }[] };
      if (logs.every((p) => cp.files.some((f) => f.path === p && f.offset === statSync(p).size))) return;
    } catch {
      // being replaced: the rename is atomic, but a read may still meet no file on some filesystems
    }
    if (Date.now() > deadline) assert.fail('no checkpoint reached the end of every log within 60 s');
    await sleep(100);
  }
}

test('SIGKILL at random moments during appends: final counters equal the truth', async () => {
  const work = new Workload(20261122);
  for (let i = 0; i < 300; i++) work.step(); // history before the first start
  const rand = rng(7);
  let writing = true;
  const writer = (async () => {
    // Bounded: on a machine too busy to start serve, the logs must not grow without end (~40 MB at most).
    for (let steps = 0; writing && steps < 40_000; steps += 5) {
      for (let k = 0; k < 5; k++) work.step();
      await sleep(5);
    }
  })();
  try {
    for (let cycle = 0; cycle < 6; cycle++) {
      running = await startServe(args);
      await sleep(200 + Math.floor(rand() * 1000));
      await stop(running, 'SIGKILL');
    }
  } finally {
    // Whatever failed above (e.g. serve not ready in time on a busy machine), the writer stops with the test.
    writing = false;
    await writer;
  }
  work.flush(); // the writer stopped: complete its half-written line
  running = await startServe(args);
  const t = work.truth;
  const m = await waitForMetrics(running.url, (x) => sumMetric(x, 'agentmon_requests_total') >= t.requests, 30_000);
  // Nothing can arrive later once the exporter has read every byte of every log: wait for a checkpoint whose offsets
  // reach the files' ends (the writer has stopped), then read the counters. More than the truth would be a double count.
  await checkpointCoversAll();
  const final = await scrape(running.url);
  assert.deepEqual(readdirSync(join(root, 'state')).filter((n) => n.includes('unusable')), [], 'no checkpoint was ever torn and moved aside');
  if (process.env.AGENTMON_KEEP_TEST_DIRS) process.stderr.write(`truth ${JSON.stringify(t)} got ${sumMetric(final, 'agentmon_requests_total')}\n`);
  assert.equal(sumMetric(final, 'agentmon_requests_total'), t.requests);
  assert.equal(sumMetric(final, 'agentmon_tokens_total', { type: 'input' }), t.input);
  assert.equal(sumMetric(final, 'agentmon_tokens_total', { type: 'output' }), t.output);
  assert.equal(sumMetric(final, 'agentmon_tokens_total', { type: 'cache_read' }), t.cacheRead);
  assert.equal(sumMetric(final, 'agentmon_lines_total', { result: 'malformed' }), 0, 'no half-written line was ever parsed');
  assert.ok(sumMetric(m, 'agentmon_requests_total') > 300, 'the workload produced real traffic');
  // A fresh one-shot scan of the same logs agrees.
  const scan = JSON.parse(execFileSync(process.execPath, [CLI, 'scan', '--json', '--claude-dir', claudeRoot, '--codex-dir', codexRoot], { encoding: 'utf8', timeout: 120_000 })) as { totals: Record<string, number> };
  assert.equal(scan.totals.requests, t.requests);
  assert.equal(scan.totals.inputTokens, t.input);
  assert.equal(scan.totals.outputTokens, t.output);
  assert.equal(scan.totals.cacheReadTokens, t.cacheRead);
});
