// Gemini chat files through the real engine: fixture totals counted by hand, a legacy document rewritten in place
// (also with the same size), a restart from the checkpoint, and a legacy session migrated into a .jsonl file.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Checkpoint } from '../../../src/state/checkpoint.js';
import { loadConfig } from '../../../src/config/load.js';
import { Engine } from '../../../src/engine.js';
import { agentmon, ensureBuilt, EXPORTER_DIR } from '../../fixtures/cli.js';
import { FIXTURES, recordingLogger, tokensOfType } from '../../fixtures/harness.js';

const HASH = '5d41402abc4b2a76b9719d911017c592ab3f8e5a9c1d2e3f4a5b6c7d8e9f0a1b';
const LEGACY_DIR = join(FIXTURES, 'gemini', 'legacy', 'gemini');
const JSONL_DIR = join(FIXTURES, 'gemini', 'jsonl', 'gemini');
const LEGACY_FILE = join(LEGACY_DIR, 'tmp', HASH, 'chats', 'session-2026-03-01T09-00-9a1e0c2d.json');

let tmp: string;
before(() => (tmp = mkdtempSync(join(tmpdir(), 'agentmon-gemini-'))));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function scan(dirs: string[], restored?: Checkpoint): Promise<Engine> {
  const config = await loadConfig({ dirs: { gemini: dirs }, stateDir: join(tmp, 'state') }, {});
  const engine = new Engine(config, recordingLogger(), restored, {});
  await engine.scanAll();
  await engine.tracker.closeAll();
  return engine;
}

const sum = (e: Engine, metric: string, filter: Record<number, string> = {}): number => e.ledger.counters.sum(metric, filter);

describe('gemini fixtures (hand counted)', () => {
  it('legacy document: 2 responses, input 4,040 uncached + 13,000 cached, output 480 with thoughts', async () => {
    const e = await scan([LEGACY_DIR]);
    assert.deepEqual(['input', 'cache_read', 'output'].map((t) => tokensOfType(e.ledger, t)), [4040, 13000, 480]);
    assert.equal(sum(e, 'agentmon_requests_total', { 1: '5d41402a' }), 2);
    assert.equal(sum(e, 'agentmon_prompts_total'), 1);
    assert.deepEqual([...e.ledger.counters.values('agentmon_tool_errors_total')].map((s) => s.labels), [['gemini', '5d41402a', 'run_shell_command', 'exit_code']]);
    assert.deepEqual([...e.ledger.counters.values('agentmon_api_errors_total')].filter((s) => s.value > 0).map((s) => s.labels[2]), ['rate_limit']);
    // Start times from the call ids: read_file 2.5 s, the failed make 10 s.
    const durations = [...e.ledger.histograms.values('agentmon_tool_duration_seconds')].map((h) => [h.labels[1], h.sum]);
    assert.deepEqual(durations, [['read_file', 2.5], ['run_shell_command', 10]]);
    assert.equal(sum(e, 'agentmon_lines_total', { 1: 'parsed' }), 4);
  });

  it('JSONL chat: re-appended copies, a rewind and a cancelled call: 3 responses, 1 duplicate', async () => {
    const e = await scan([JSONL_DIR]);
    assert.deepEqual(['input', 'cache_read', 'output'].map((t) => tokensOfType(e.ledger, t)), [3700, 9400, 360]);
    assert.equal(sum(e, 'agentmon_requests_total', { 1: 'shop', 2: 'gemini-2.5-flash' }), 3);
    assert.equal(sum(e, 'agentmon_duplicate_responses_total'), 1);
    assert.equal(sum(e, 'agentmon_prompts_total'), 3);
    assert.equal(sum(e, 'agentmon_tool_calls_total'), 2);
    assert.equal(sum(e, 'agentmon_tool_errors_total', { 3: 'rejected' }), 1);
    assert.deepEqual([sum(e, 'agentmon_lines_total', { 1: 'parsed' }), sum(e, 'agentmon_lines_total', { 1: 'ignored' })], [8, 4]);
    const latency = [...e.ledger.histograms.values('agentmon_response_duration_seconds')][0];
    assert.deepEqual([latency?.count, latency?.sum], [3, 8]);
  });
});

describe('a legacy document rewritten in place', () => {
  it('counts only what the rewrite added, whatever the size', async () => {
    const root = join(tmp, 'rewrite', 'tmp', 'proj', 'chats');
    mkdirSync(root, { recursive: true });
    const file = join(root, 'session-1.json');
    cpSync(LEGACY_FILE, file);
    const dirs = [join(tmp, 'rewrite')];
    const first = await scan(dirs);
    assert.equal(sum(first, 'agentmon_requests_total'), 2);

    // Gemini CLI writes the whole document again, in place (same inode), with one more exchange.
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { messages: Record<string, unknown>[] };
    doc.messages.push({ id: 'g3', timestamp: '2026-03-01T09:05:00.000Z', type: 'gemini', model: 'gemini-2.5-pro', tokens: { input: 500, output: 7, cached: 0, thoughts: 3 } });
    const ino = statSync(file).ino;
    writeFileSync(file, JSON.stringify(doc, null, 2));
    assert.equal(statSync(file).ino, ino);
    const second = await scan(dirs, first.snapshot());
    assert.equal(sum(second, 'agentmon_requests_total'), 3);
    assert.deepEqual(['input', 'output'].map((t) => tokensOfType(second.ledger, t)), [4540, 490]);
    assert.equal(sum(second, 'agentmon_duplicate_responses_total'), 0);

    // A rewrite of exactly the same size (7 → 9 output tokens) is still seen, through the modification time.
    const before = statSync(file).size;
    writeFileSync(file, readFileSync(file, 'utf8').replace('"output": 7', '"output": 9'));
    assert.equal(statSync(file).size, before);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const third = await scan(dirs, second.snapshot());
    assert.equal(tokensOfType(third.ledger, 'output'), 492);
    assert.equal(sum(third, 'agentmon_requests_total'), 3);
  });

  it('a restart from the checkpoint reads nothing again', async () => {
    const first = await scan([LEGACY_DIR]);
    const snap = JSON.parse(JSON.stringify(first.snapshot())) as Checkpoint;
    const again = await scan([LEGACY_DIR], snap);
    for (const m of ['agentmon_requests_total', 'agentmon_tokens_total', 'agentmon_bytes_read_total', 'agentmon_lines_total']) assert.equal(sum(again, m), sum(first, m), m);
  });

  it('a document caught half-written is read again once complete, never counted as malformed', async () => {
    const root = join(tmp, 'half', 'tmp', 'proj', 'chats');
    mkdirSync(root, { recursive: true });
    const file = join(root, 'session-2.json');
    const text = readFileSync(LEGACY_FILE, 'utf8');
    writeFileSync(file, text.slice(0, 300));
    const first = await scan([join(tmp, 'half')]);
    assert.equal(sum(first, 'agentmon_lines_total'), 0);
    writeFileSync(file, text);
    const second = await scan([join(tmp, 'half')], first.snapshot());
    assert.equal(sum(second, 'agentmon_requests_total'), 2);
    assert.equal(sum(second, 'agentmon_lines_total', { 1: 'malformed' }), 0);
  });

  it('a document still broken and unchanged seconds later is one malformed document', async () => {
    const root = join(tmp, 'broken', 'tmp', 'proj', 'chats');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'session-4.json'), '{"sessionId": "s", "messages": [');
    const e = await scan([join(tmp, 'broken')]);
    assert.equal(sum(e, 'agentmon_lines_total'), 0);
    await new Promise((r) => setTimeout(r, 2100)); // past the engine's settle time for rewrites
    for (let i = 0; i < 2; i++) await e.scanAll();
    assert.equal(sum(e, 'agentmon_lines_total', { 1: 'malformed' }), 1);
    await e.tracker.closeAll();
  });
});

describe('a legacy session resumed into the JSONL format', () => {
  it('Gemini CLI copies every message into session-x.jsonl: each response counts once', async () => {
    const root = join(tmp, 'migrated', 'tmp', 'proj', 'chats');
    mkdirSync(root, { recursive: true });
    cpSync(LEGACY_FILE, join(root, 'session-3.json'));
    const doc = JSON.parse(readFileSync(LEGACY_FILE, 'utf8')) as { sessionId: string; projectHash: string; messages: unknown[] };
    const lines = [{ sessionId: doc.sessionId, projectHash: doc.projectHash, startTime: '2026-03-01T09:00:00.000Z' }, ...doc.messages, { $set: { sessionId: doc.sessionId } }];
    writeFileSync(join(root, 'session-3.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const e = await scan([join(tmp, 'migrated')]);
    assert.equal(sum(e, 'agentmon_requests_total'), 2);
    assert.equal(sum(e, 'agentmon_duplicate_responses_total'), 2);
    assert.deepEqual([sum(e, 'agentmon_prompts_total'), sum(e, 'agentmon_tool_calls_total'), sum(e, 'agentmon_api_errors_total'), sum(e, 'agentmon_sessions_total')], [1, 2, 1, 1]);
  });
});

describe('scan --gemini-dir (built CLI)', () => {
  before(() => ensureBuilt());

  it('prints both fixtures per day with the hand-counted totals', async () => {
    const out = JSON.parse(await agentmon(['scan', '--json', '--gemini-dir', LEGACY_DIR, '--gemini-dir', JSONL_DIR])) as { daily: Record<string, unknown>[]; totals: Record<string, unknown> };
    assert.deepEqual(out.daily.map((r) => [r.date, r.agent, r.model, r.inputTokens, r.outputTokens, r.cacheReadTokens, r.requests]), [
      ['2026-03-01', 'gemini', 'gemini-2.5-pro', 4040, 480, 13000, 2],
      ['2026-03-02', 'gemini', 'gemini-2.5-flash', 3700, 360, 9400, 3],
    ]);
  });

  it('the shared Gemini samples: 10 responses, input 27,501, output 4,420, cache read 65,117 (skips without them)', async (t) => {
    const samples = join(EXPORTER_DIR, '..', '..', 'shared', 'samples', 'gemini');
    if (!existsSync(samples)) {
      t.skip(`samples not found at ${samples}`);
      return;
    }
    const out = JSON.parse(await agentmon(['scan', '--json', '--gemini-dir', samples])) as { totals: Record<string, unknown> };
    assert.deepEqual([out.totals.requests, out.totals.inputTokens, out.totals.outputTokens, out.totals.cacheReadTokens], [10, 27501, 4420, 65117]);
  });
});
