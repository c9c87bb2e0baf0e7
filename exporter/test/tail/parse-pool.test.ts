// The cold read with parse workers (AGENTMON_SCAN_WORKERS / the engine's `workers` option) must give exactly what the
// read on one thread gives: the same usage per day, model and agent, and the same state — every counter, rollup,
// dedup entry, session, file offset and adapter state that `serve` checkpoints after its history read. Compared on
// the fixtures, on small bench corpora of both shapes, and on ugly shapes: a line far longer than a read chunk, one
// longer than the line cap, many small files, the same responses (growing) in several files, a last line cut short.
// Workers are forced on however small the input (the size threshold only decides when nobody asked).
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dailyUsage } from '../../src/accounting/daily.js';
import type { AgentId } from '../../src/adapters/types.js';
import { generateScanCorpus } from '../../src/bench/corpus.js';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine.js';
import { ParsePool, type PreparedRead } from '../../src/tail/parse-pool.js';
import { FIXTURES, recordingLogger } from '../fixtures/harness.js';
import { claudeAssistant, claudePrompt, codexHeader, codexTokenCount } from '../helpers/lines.js';

type Dirs = Partial<Record<AgentId, string[]>>;
interface Mode {
  usageOnly: boolean;
  syncReads: boolean;
}
const MODES: Mode[] = [
  { usageOnly: true, syncReads: true }, // scan
  { usageOnly: false, syncReads: false }, // serve's history read
];

async function engineFor(dirs: Dirs, mode: Mode, workers: number, maxLineBytes?: number, workerSteal = true): Promise<Engine> {
  const config = await loadConfig({ dirs, stateDir: join(tmpdir(), 'agentmon-no-state') }, {});
  if (maxLineBytes !== undefined) config.tail.maxLineBytes = maxLineBytes;
  return new Engine(config, recordingLogger(), undefined, {}, { ...mode, workers, workerSteal });
}

/** Batches applied that a worker parsed (their items cross as JSON text), counted by wrapping ParsePool.take. */
let workerBatches = 0;
const proto = ParsePool.prototype as unknown as { take: (...a: unknown[]) => PreparedRead | undefined };
const originalTake = proto.take;
proto.take = function (this: unknown, ...args: unknown[]) {
  const prep = originalTake.apply(this, args);
  if (!prep) return prep;
  return {
    discard: () => prep.discard(),
    next: async () => {
      const b = await prep.next();
      if (b && typeof b.items === 'string') workerBatches++;
      return b;
    },
  };
};

/** Everything a read leaves behind that a later command or a restart could see (the checkpoint's time aside). */
function outcome(engine: Engine): unknown {
  const { savedAtMs: _, ...state } = engine.snapshot();
  return { daily: dailyUsage(engine.ledger.rollups.all()), state };
}

async function readWith(dirs: Dirs, mode: Mode, workers: number, maxLineBytes?: number, workerSteal = true): Promise<{ engine: Engine; result: unknown }> {
  const engine = await engineFor(dirs, mode, workers, maxLineBytes, workerSteal);
  await engine.scanAll();
  return { engine, result: outcome(engine) };
}

/** Asserts that 1 and 2 workers give what one thread gives, in both modes; returns the one-thread result. */
async function assertSameAsOneThread(dirs: Dirs, maxLineBytes?: number): Promise<unknown> {
  let first: unknown;
  for (const mode of MODES) {
    const one = await readWith(dirs, mode, 0, maxLineBytes);
    await one.engine.tracker.closeAll();
    first ??= one.result;
    for (const [workers, steal] of [[1, false], [2, false], [2, true]] as const) {
      const before = workerBatches;
      const par = await readWith(dirs, mode, workers, maxLineBytes, steal);
      await par.engine.tracker.closeAll();
      assert.deepEqual(par.result, one.result, `${workers} worker(s), usageOnly ${mode.usageOnly}, main thread reads too: ${steal}`);
      // Without the main thread reading files itself, every file went through a worker.
      if (!steal) assert.ok(workerBatches > before, 'the workers parsed');
    }
  }
  return first;
}

const requests = (result: unknown): number => (result as { daily: { totals: { requests: number } } }).daily.totals.requests;

describe('parse workers give exactly the one-thread read', () => {
  const work = mkdtempSync(join(tmpdir(), 'agentmon-parse-pool-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  test('every fixture scenario', async () => {
    let total = 0;
    for (const scenario of readdirSync(FIXTURES)) {
      const dirs: Dirs = {};
      if (existsSync(join(FIXTURES, scenario, 'claude'))) dirs['claude-code'] = [join(FIXTURES, scenario, 'claude')];
      if (existsSync(join(FIXTURES, scenario, 'codex'))) dirs.codex = [join(FIXTURES, scenario, 'codex')];
      if (Object.keys(dirs).length === 0) continue;
      total += requests(await assertSameAsOneThread(dirs));
    }
    assert.ok(total > 20, `the fixtures hold usage (${total} requests)`);
  });

  for (const shape of ['mixed', 'long-lines'] as const) {
    test(`a small bench corpus, ${shape} shape`, async () => {
      const corpus = generateScanCorpus(join(work, shape), shape === 'mixed' ? 3_000_000 : 6_000_000, 7, shape);
      const result = await assertSameAsOneThread({ 'claude-code': [corpus.claudeDir], codex: [corpus.codexDir] });
      assert.equal(requests(result), corpus.expected.requests, 'and both are exact');
    });
  }

  test('ugly shapes: long lines, too-long lines, many small files, copies across files, a last line cut short', async () => {
    const root = join(work, 'ugly');
    const claude = join(root, 'claude', '-home-u-app');
    const codex = join(root, 'codex', '2026', '11', '20');
    mkdirSync(claude, { recursive: true });
    mkdirSync(codex, { recursive: true });
    const usage = (output: number): { input: number; output: number; cacheRead: number; cacheWrite5m: number } => ({ input: 3, output, cacheRead: 100, cacheWrite5m: 7 });
    const big = (n: number): string => claudePrompt({ ts: '2026-11-20T09:59:00Z', text: 'x'.repeat(n) });
    // The same streamed responses in many files (a resumed session copies them), each growing in a later file.
    for (let i = 0; i < 150; i++) {
      const lines = [claudePrompt({ ts: '2026-11-20T10:00:00Z' })];
      for (let r = 0; r < 5; r++) lines.push(claudeAssistant({ msgId: `msg_${(i + r) % 40}`, reqId: `req_${(i + r) % 40}`, ts: `2026-11-2${r}T10:00:0${r}Z`, usage: usage(1 + ((i * 7 + r) % 30)) }));
      writeFileSync(join(claude, `s${String(i).padStart(3, '0')}.jsonl`), lines.join('\n') + '\n');
    }
    // A response line of ~3 MB (its usage past several read chunks), a 3 MB prompt, and a 5 MB line over the cap.
    const huge = claudeAssistant({ msgId: 'msg_big', reqId: 'req_big', ts: '2026-11-21T11:00:00Z', usage: usage(4242) }).replace('"content":[', `"content":[{"type":"text","text":"${'y'.repeat(3_000_000)}"},`);
    assert.ok(huge.length > 3_000_000 && huge.includes('y'.repeat(10)), 'the helper wrote content to grow');
    writeFileSync(join(claude, 'huge.jsonl'), [big(3_000_000), huge, big(5_000_000), claudeAssistant({ msgId: 'msg_after', ts: '2026-11-21T11:00:01Z', usage: usage(5) })].join('\n') + '\n');
    // Codex: cumulative totals (deltas need the file's state), repeated totals, and a last line cut short.
    const tc = (s: number, input: number, output: number): string => codexTokenCount({ ts: `2026-11-20T10:00:${String(s).padStart(2, '0')}Z`, input, cached: input >> 2, output });
    const rollout = [codexHeader({ ts: '2026-11-20T10:00:00Z', id: 'sess-a', model: 'gpt-5-codex' }), tc(1, 1000, 10), tc(2, 1000, 10), tc(3, 2500, 40), tc(4, 9000, 90)];
    const cut = tc(5, 12000, 120);
    writeFileSync(join(codex, 'rollout-2026-11-20T10-00-00-sess-a.jsonl'), rollout.join('\n') + '\n' + cut.slice(0, 40));
    writeFileSync(join(claude, 'cut.jsonl'), claudeAssistant({ msgId: 'msg_c', ts: '2026-11-22T10:00:00Z', usage: usage(9) }) + '\n' + claudeAssistant({ msgId: 'msg_d', ts: '2026-11-22T10:00:01Z', usage: usage(9) }).slice(0, 60));
    const dirs: Dirs = { 'claude-code': [join(root, 'claude')], codex: [join(root, 'codex')] };
    const result = await assertSameAsOneThread(dirs, 4_000_000);
    assert.ok(requests(result) > 40, `usage was read (${requests(result)} requests)`);

    // After the cold read, the cut lines are completed and read again: offsets and Codex totals carried over alike.
    for (const mode of MODES) {
      const [one, par] = [await engineFor(dirs, mode, 0, 4_000_000), await engineFor(dirs, mode, 2, 4_000_000, false)];
      for (const e of [one, par]) await e.scanAll();
      assert.deepEqual(outcome(par), outcome(one));
      appendFileSync(join(codex, 'rollout-2026-11-20T10-00-00-sess-a.jsonl'), cut.slice(40) + '\n' + tc(6, 13000, 130) + '\n');
      appendFileSync(join(claude, 'cut.jsonl'), claudeAssistant({ msgId: 'msg_d', ts: '2026-11-22T10:00:01Z', usage: usage(9) }).slice(60) + '\n');
      for (const e of [one, par]) {
        await e.scanAll();
        await e.tracker.closeAll();
      }
      assert.deepEqual(outcome(par), outcome(one));
      // Put the files back as they were for the next mode.
      writeFileSync(join(codex, 'rollout-2026-11-20T10-00-00-sess-a.jsonl'), rollout.join('\n') + '\n' + cut.slice(0, 40));
      writeFileSync(join(claude, 'cut.jsonl'), claudeAssistant({ msgId: 'msg_c', ts: '2026-11-22T10:00:00Z', usage: usage(9) }) + '\n' + claudeAssistant({ msgId: 'msg_d', ts: '2026-11-22T10:00:01Z', usage: usage(9) }).slice(0, 60));
    }
  });

  // A read left waiting on a dead worker would hang: the timeout turns that into a failure (a run takes seconds).
  test('a worker that dies mid-read loses nothing and hangs nothing: the main thread reads the rest', { timeout: 120_000 }, async () => {
    const corpus = generateScanCorpus(join(work, 'crash'), 3_000_000, 9, 'mixed');
    const dirs: Dirs = { 'claude-code': [corpus.claudeDir], codex: [corpus.codexDir] };
    const one = await readWith(dirs, MODES[0]!, 0);
    const take = proto.take;
    let taken = 0;
    let killed = 0;
    proto.take = function (this: { slots: { worker: { terminate(): Promise<number> } }[] }, ...args: unknown[]) {
      // Kill every worker after a few files, while they have files (and batches) out.
      if (++taken === 5) for (const s of this.slots) void s.worker.terminate().then(() => killed++);
      return take.apply(this, args);
    };
    try {
      for (const mode of MODES) {
        const base = mode === MODES[0] ? one : await readWith(dirs, mode, 0);
        taken = 0;
        const par = await readWith(dirs, mode, 2, undefined, false);
        await par.engine.tracker.closeAll();
        assert.deepEqual(par.result, base.result);
      }
    } finally {
      proto.take = take;
    }
    assert.ok(killed >= 2, 'workers were killed during the reads');
    assert.equal(requests(one.result), corpus.expected.requests);
  });
});
