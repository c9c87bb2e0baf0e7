// `agentmon scan`: which folders it reads (defaults from HOME / CLAUDE_CONFIG_DIR / CODEX_HOME, or only the flagged
// ones) and how it fails on bad config. Transcripts are written here, one request each, so totals identify folders.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, tempDir } from './run-cli.js';

let dir: string;
let cleanup: () => void;

/** Writes a Claude Code transcript with one response of `inputTokens` to DIR/proj/session.jsonl. */
function claudeTranscript(folder: string, id: string, inputTokens: number): void {
  mkdirSync(join(folder, 'proj'), { recursive: true });
  const line = { type: 'assistant', timestamp: '2026-01-09T10:00:00.000Z', sessionId: `s-${id}`, cwd: '/work/proj', requestId: `req-${id}`, message: { role: 'assistant', id: `msg-${id}`, model: 'claude-sonnet-4-20250514', usage: { input_tokens: inputTokens, output_tokens: 1 } } };
  writeFileSync(join(folder, 'proj', `${id}.jsonl`), JSON.stringify(line) + '\n');
}

/** Writes a Codex rollout with one token_count of `inputTokens` (none cached). */
function codexRollout(folder: string, inputTokens: number): void {
  mkdirSync(join(folder, '2026', '01', '09'), { recursive: true });
  const usage = { input_tokens: inputTokens, cached_input_tokens: 0, output_tokens: 1, reasoning_output_tokens: 0, total_tokens: inputTokens + 1 };
  const lines = [
    { timestamp: '2026-01-09T09:00:00.000Z', type: 'turn_context', payload: { model: 'gpt-5.2-codex' } },
    { timestamp: '2026-01-09T09:01:00.000Z', type: 'event_msg', payload: { type: 'token_count', info: { model: 'gpt-5.2-codex', last_token_usage: usage, total_token_usage: usage } } },
  ];
  writeFileSync(join(folder, '2026', '01', '09', 'rollout-1.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

/** Input tokens per agent from `scan --json`. */
async function scanInput(args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, number>> {
  const r = await runCli(['scan', '--json', ...args], { env });
  assert.equal(r.code, 0, r.stderr);
  const out: Record<string, number> = {};
  for (const row of (JSON.parse(r.stdout) as { daily: { agent: string; inputTokens: number }[] }).daily) out[row.agent] = (out[row.agent] ?? 0) + row.inputTokens;
  return out;
}

before(() => {
  ({ dir, cleanup } = tempDir());
  claudeTranscript(join(dir, 'home', '.claude', 'projects'), 'home-claude', 1);
  claudeTranscript(join(dir, 'home', '.config', 'claude', 'projects'), 'home-xdg-claude', 2);
  codexRollout(join(dir, 'home', '.codex', 'sessions'), 4);
  claudeTranscript(join(dir, 'cfg-a', 'projects'), 'cfg-a', 8);
  claudeTranscript(join(dir, 'cfg-b', 'projects'), 'cfg-b', 16);
  codexRollout(join(dir, 'codex-home', 'sessions'), 32);
  claudeTranscript(join(dir, 'flagged'), 'flagged', 64);
});
after(() => cleanup());

describe('scan: which folders are read', () => {
  it('defaults under HOME: ~/.claude/projects, ~/.config/claude/projects, ~/.codex/sessions', async () => {
    assert.deepEqual(await scanInput([], { HOME: join(dir, 'home') }), { 'claude-code': 1 + 2, codex: 4 });
  });

  it('CLAUDE_CONFIG_DIR (comma-separated) and CODEX_HOME replace the home defaults', async () => {
    const env = { HOME: join(dir, 'home'), CLAUDE_CONFIG_DIR: `${join(dir, 'cfg-a')}, ${join(dir, 'cfg-b')}`, CODEX_HOME: join(dir, 'codex-home') };
    assert.deepEqual(await scanInput([], env), { 'claude-code': 8 + 16, codex: 32 });
  });

  it('--claude-dir: only that folder; Codex (no flag) is not read', async () => {
    assert.deepEqual(await scanInput(['--claude-dir', join(dir, 'flagged')], { HOME: join(dir, 'home') }), { 'claude-code': 64 });
  });

  it('--codex-dir: only that folder; Claude Code is not read', async () => {
    assert.deepEqual(await scanInput(['--codex-dir', join(dir, 'codex-home')], { HOME: join(dir, 'home') }), { codex: 32 });
  });

  it('folders from the config file, relative to the file; the flags still win', async () => {
    const config = join(dir, 'scan.yaml');
    writeFileSync(config, 'agents:\n  claude-code:\n    dirs: [cfg-a, cfg-b/projects]\n  codex:\n    enabled: false\n');
    assert.deepEqual(await scanInput(['--config', config], { HOME: join(dir, 'home') }), { 'claude-code': 8 + 16 });
    assert.deepEqual(await scanInput(['--config', config, '--codex-dir', join(dir, 'codex-home')], { HOME: join(dir, 'home') }), { codex: 32 });
  });

  it('--since/--until filter days (YYYYMMDD accepted)', async () => {
    assert.deepEqual(await scanInput(['--since', '20260110'], { HOME: join(dir, 'home') }), {});
    assert.deepEqual(await scanInput(['--since', '2026-01-09', '--until', '2026-01-09'], { HOME: join(dir, 'home') }), { 'claude-code': 3, codex: 4 });
  });

  it('marks unpriced models beside their cost, and only for the days shown', async () => {
    const home = join(dir, 'unpriced-home');
    const projects = join(home, '.claude', 'projects');
    claudeTranscript(projects, 'priced', 5);
    mkdirSync(join(projects, 'lab'), { recursive: true });
    const line = { type: 'assistant', timestamp: '2026-01-12T10:00:00.000Z', sessionId: 's-lab', cwd: '/work/lab', requestId: 'req-lab', message: { role: 'assistant', id: 'msg-lab', model: 'acme-coder-9', usage: { input_tokens: 7, output_tokens: 1 } } };
    writeFileSync(join(projects, 'lab', 'lab.jsonl'), JSON.stringify(line) + '\n');
    const all = await runCli(['scan'], { env: { HOME: home } });
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, /2026-01-12 +claude-code +acme-coder-9 .* unpriced\* +1\n/);
    assert.match(all.stdout, /^Total .* \$0\.00\* +2$/m);
    assert.match(all.stdout, /\* 1 request of acme-coder-9 has no price and counts as \$0/);
    // The reader's own warning would speak of every log read: the table's mark replaces it.
    assert.doesNotMatch(all.stderr, /no price/);
    const json = JSON.parse((await runCli(['scan', '--json'], { env: { HOME: home } })).stdout) as { daily: { model: string; unpricedRequests: number }[]; totals: { unpricedRequests: number } };
    assert.deepEqual([json.daily.map((r) => [r.model, r.unpricedRequests]), json.totals.unpricedRequests], [[['claude-sonnet-4-20250514', 0], ['acme-coder-9', 1]], 1]);
    // A range without the model says nothing about it.
    const before = await runCli(['scan', '--until', '2026-01-11'], { env: { HOME: home } });
    assert.doesNotMatch(before.stdout + before.stderr, /unpriced|no price|acme/);
  });

  it('a bad --config file → exit 2 with its problems and nothing on stdout', async () => {
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'tail:\n  rescanIntervalSecond: 1\n');
    const r = await runCli(['scan', '--config', config], { env: { HOME: join(dir, 'home') } });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `${config}:2:3: tail.rescanIntervalSecond: unknown field; did you mean "rescanIntervalSeconds"?\n`);
  });
});
