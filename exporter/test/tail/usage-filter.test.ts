// Usage-only reads (`agentmon scan`) skip lines that cannot change usage. They must give exactly the per-day usage
// of a full read: over every fixture scenario, over lines written to fool the filter, and over the shared samples.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dailyUsage } from '../../src/accounting/daily.js';
import { parseClaudeLine } from '../../src/adapters/claude-code/parse.js';
import type { AgentId } from '../../src/adapters/types.js';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine.js';
import { usageLineFilter } from '../../src/tail/usage-filter.js';
import { FIXTURES, recordingLogger } from '../fixtures/harness.js';
import { claudeAssistant, claudePrompt, codexHeader, codexTokenCount } from '../helpers/lines.js';

type Dirs = Partial<Record<AgentId, string[]>>;

async function read(dirs: Dirs, usageOnly: boolean): Promise<{ daily: unknown; parsedLines: number; sessions: number; requestSeries: number }> {
  const config = await loadConfig({ dirs, stateDir: join(tmpdir(), 'agentmon-no-state') }, {});
  const engine = new Engine(config, recordingLogger(), undefined, {}, { syncReads: true, usageOnly });
  await engine.scanAll();
  await engine.tracker.closeAll();
  return {
    daily: dailyUsage(engine.ledger.rollups.all()),
    parsedLines: engine.ledger.counters.sum('agentmon_lines_total'),
    sessions: engine.ledger.snapshot().sessions.length,
    requestSeries: engine.ledger.counters.sum('agentmon_requests_total'),
  };
}

/** Asserts both reads give the same usage; returns how many lines each handed to a parser. */
async function assertSameUsage(dirs: Dirs): Promise<{ full: number; usageOnly: number }> {
  const full = await read(dirs, false);
  const only = await read(dirs, true);
  assert.deepEqual(only.daily, full.daily);
  return { full: full.parsedLines, usageOnly: only.parsedLines };
}

describe('usageLineFilter', () => {
  const keep = usageLineFilter(['"usage"', 'token_count']);
  const b = (s: string): Buffer => Buffer.from(s, 'utf8');

  test('keeps a line holding any marker, wherever it is', () => {
    assert.equal(keep(b('{"message":{"usage":{"input_tokens":1}}}')), true);
    assert.equal(keep(b('{"payload":{"type":"token_count"}}')), true);
    assert.equal(keep(b('{"text":"a prompt that mentions \\"usage\\" and token_count"}')), true);
  });

  test('skips lines without a marker', () => {
    assert.equal(keep(b('{"type":"user","message":{"content":"hello"}}')), false);
    assert.equal(keep(b('{"usage_note":"no quotes around the bare word usage"}')), false);
    assert.equal(keep(b('')), false);
  });

  test('equals the plain definition (any marker anywhere, or \\u00 followed by 4-7) on random lines full of near misses', () => {
    const markers = ['"usage"', 'token_count', 'turn_context', 'session_meta'];
    const filter = usageLineFilter(markers);
    const reference = (line: string): boolean => markers.some((m) => line.includes(m)) || /\\u00[4-7]/.test(line);
    // Mostly near misses, so that a marker or an escape is often assembled from two parts (across their seam).
    const parts = ['"usage"', 'token_count', '\\u0041', 'usage', '"usag', 'e"', '"', 'token', '_count', 'token_coun', 't', 'turn_', 'context', 'session', '_meta', 'meta', '_', '__', '\\', '\\u', 'u00', '\\u00', '4', '\\u003', '\\u0081', 'x', ' ', '0', '7', '8', 'y', 'z', 'w'];
    let seed = 11;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    let matches = 0;
    for (let i = 0; i < 20_000; i++) {
      let line = '';
      for (let k = rnd(8); k >= 0; k--) line += parts[rnd(parts.length)];
      const want = reference(line);
      matches += want ? 1 : 0;
      assert.equal(filter(b(line)), want, line);
    }
    assert.ok(matches > 1000 && matches < 18_000, `both outcomes are exercised (${matches})`);
  });

  test('keeps a line that spells a letter as an escape (a key the parser would still read), and only those', () => {
    assert.equal(keep(b('{"message":{"us\\u0061ge":{"input_tokens":5}}}')), true);
    assert.equal(keep(b('{"x":"\\u0041"}')), true);
    assert.equal(keep(b('{"x":"\\u007a"}')), true);
    // Control characters and non-ASCII escapes are common in content and cannot spell a key.
    assert.equal(keep(b('{"x":"\\u001b[31m red \\u00e9"}')), false);
    assert.equal(keep(b('{"x":"ends with \\u00"}')), false);
  });
});

test('a usage-only parse of a Claude response gives the same request event and skips its tool calls', () => {
  const line = claudeAssistant({ msgId: 'msg_t', reqId: 'req_t', ts: '2026-11-20T10:00:01Z', usage: { input: 3, output: 9 }, tool: { id: 'toolu_1', name: 'Bash' } });
  const full = parseClaudeLine(line, { state: {}, path: '/x/s.jsonl' });
  const only = parseClaudeLine(line, { state: {}, path: '/x/s.jsonl', usageOnly: true });
  assert.deepEqual(full.events.map((e) => e.kind), ['request', 'tool_call']);
  assert.deepEqual(only.events, full.events.filter((e) => e.kind === 'request'));
  assert.equal(only.result, full.result);
});

describe('usage-only reads give the usage of a full read', () => {
  const work = mkdtempSync(join(tmpdir(), 'agentmon-usage-only-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const scenario of readdirSync(FIXTURES).filter((s) => existsSync(join(FIXTURES, s, 'claude')) || existsSync(join(FIXTURES, s, 'codex')))) {
    test(`fixture scenario ${scenario}`, async () => {
      const dirs: Dirs = {};
      if (existsSync(join(FIXTURES, scenario, 'claude'))) dirs['claude-code'] = [join(FIXTURES, scenario, 'claude')];
      if (existsSync(join(FIXTURES, scenario, 'codex'))) dirs.codex = [join(FIXTURES, scenario, 'codex')];
      await assertSameUsage(dirs);
    });
  }

  test('a usage-only read (scan) keeps what scan prints and nothing else: no sessions, no metric series', async () => {
    const dirs: Dirs = { 'claude-code': [join(FIXTURES, 'stream', 'claude')], codex: [join(FIXTURES, 'codex-turns', 'codex')] };
    const full = await read(dirs, false);
    const only = await read(dirs, true);
    assert.deepEqual(only.daily, full.daily);
    assert.ok(full.sessions > 0 && full.requestSeries > 0, `a full read keeps sessions (${full.sessions}) and request series (${full.requestSeries})`);
    assert.equal(only.sessions, 0);
    assert.equal(only.requestSeries, 0);
  });

  test('Gemini CLI chats (no usage markers: every line is still parsed), both formats', async () => {
    const dirs: Dirs = { gemini: ['jsonl', 'legacy'].map((f) => join(FIXTURES, 'gemini', f, 'gemini', 'tmp')) };
    const lines = await assertSameUsage(dirs);
    assert.ok(lines.full > 0);
    const { daily } = await read(dirs, true);
    assert.ok((daily as { totals: { requests: number } }).totals.requests > 0, 'the chats hold usage');
  });

  test('lines written to fool the filter: escaped keys, usage-like text, a model set on a skipped-looking line', async () => {
    const claude = join(work, 'claude', '-home-u-app');
    const codex = join(work, 'codex', '2026', '11', '20');
    mkdirSync(claude, { recursive: true });
    mkdirSync(codex, { recursive: true });
    const usage = { input: 10, output: 20, cacheRead: 300, cacheWrite5m: 40 };
    const escapedKey = claudeAssistant({ msgId: 'msg_esc', reqId: 'req_esc', ts: '2026-11-20T10:00:02Z', usage: { ...usage, output: 77 } }).replace('"usage"', '"us\\u0061ge"');
    assert.ok(escapedKey.includes('us\\u0061ge'), 'the helper wrote a usage key to escape');
    writeFileSync(
      join(claude, 's1.jsonl'),
      [
        claudePrompt({ ts: '2026-11-20T10:00:00Z', text: 'what does "usage" mean in {"usage":{"input_tokens":999}}?' }),
        claudeAssistant({ msgId: 'msg_1', reqId: 'req_1', ts: '2026-11-20T10:00:01Z', usage }),
        escapedKey,
        claudePrompt({ ts: '2026-11-20T10:01:00Z', text: 'plain prompt' }),
        claudeAssistant({ msgId: 'msg_1', reqId: 'req_1', ts: '2026-11-20T10:00:01Z', usage: { ...usage, output: 25 } }),
        '{"type":"assistant","timestamp":"2026-11-20T10:02:00Z","message":{"id":"msg_2","model":"claude-sonnet-4-5","usage":{"input_tokens":"7"}}}',
        'not json "usage"',
      ].join('\n') + '\n',
    );
    writeFileSync(
      join(codex, 'rollout-2026-11-20T10-00-00-abc.jsonl'),
      [
        codexHeader({ ts: '2026-11-20T10:00:00Z', id: 'abc', model: 'gpt-5-codex' }),
        JSON.stringify({ timestamp: '2026-11-20T10:00:01Z', type: 'turn_context', payload: { cwd: '/home/u/app', model: 'gpt-5' } }),
        codexTokenCount({ ts: '2026-11-20T10:00:02Z', input: 1000, cached: 200, output: 50 }),
        JSON.stringify({ timestamp: '2026-11-20T10:00:03Z', type: 'event_msg', payload: { type: 'agent_message', message: 'no tokens here' } }),
        codexTokenCount({ ts: '2026-11-20T10:00:04Z', input: 1000, cached: 200, output: 50 }),
        codexTokenCount({ ts: '2026-11-20T10:00:05Z', input: 3000, cached: 600, output: 90 }),
      ].join('\n') + '\n',
    );
    const lines = await assertSameUsage({ 'claude-code': [join(work, 'claude')], codex: [join(work, 'codex')] });
    // The filter did skip lines (so the comparison above compared two different reads), and kept the escaped key.
    assert.ok(lines.usageOnly < lines.full, `usage-only parsed ${lines.usageOnly} of ${lines.full} lines`);
    const { daily } = await read({ 'claude-code': [join(work, 'claude')] }, true);
    const outputs = (daily as { totals: { outputTokens: number } }).totals.outputTokens;
    assert.equal(outputs, 25 + 77, 'the escaped usage key counted as it does in a full read');
  });

  const samples = join(FIXTURES, '..', '..', '..', '..', 'shared', 'samples');
  test('the shared samples (skipped when ../shared is absent)', { skip: !existsSync(samples) && 'no ../shared/samples here' }, async () => {
    const dirs: Dirs = {};
    if (existsSync(join(samples, 'claude'))) dirs['claude-code'] = [join(samples, 'claude')];
    if (existsSync(join(samples, 'codex'))) dirs.codex = [join(samples, 'codex')];
    const lines = await assertSameUsage(dirs);
    assert.ok(lines.usageOnly < lines.full);
  });
});
