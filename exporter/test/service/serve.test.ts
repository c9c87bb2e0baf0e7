// The real exporter process: history, live appends, /metrics linted by promtool, restart without double counting,
// and counters that do not go down when logs are deleted.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureBuilt, scrape, startServe, stop, sumMetric, waitForMetrics, type Running } from '../helpers/exporter.js';
import { claudeAssistant, claudePrompt, claudeToolResult, codexHeader, codexTokenCount } from '../helpers/lines.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-serve-'));
const claudeDir = join(root, 'claude', 'projects', '-home-dev-projects-alpha');
const codexDir = join(root, 'codex', 'sessions', '2026', '01', '01');
const stateDir = join(root, 'state');
const args = ['--claude-dir', join(root, 'claude', 'projects'), '--codex-dir', join(root, 'codex', 'sessions'), '--state-dir', stateDir];
let running: Running | undefined;

before(() => {
  ensureBuilt();
  execFileSync('bash', [join(import.meta.dirname, '..', '..', '..', 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
  mkdirSync(claudeDir, { recursive: true });
  mkdirSync(codexDir, { recursive: true });
  // History: one Claude response written as 3 content-block lines with streamed output (5, 5, 40), one tool call that fails.
  writeFileSync(join(claudeDir, 'old.jsonl'), [
    claudePrompt({ ts: '2026-01-01T10:00:00.000Z' }),
    claudeAssistant({ msgId: 'msg_h1', reqId: 'req_h1', ts: '2026-01-01T10:00:02.000Z', usage: { input: 10, output: 5, cacheRead: 100, cacheWrite1h: 50 } }),
    claudeAssistant({ msgId: 'msg_h1', reqId: 'req_h1', ts: '2026-01-01T10:00:03.000Z', usage: { input: 10, output: 5, cacheRead: 100, cacheWrite1h: 50 } }),
    claudeAssistant({ msgId: 'msg_h1', reqId: 'req_h1', ts: '2026-01-01T10:00:04.000Z', usage: { input: 10, output: 40, cacheRead: 100, cacheWrite1h: 50 }, tool: { id: 'toolu_1', name: 'Bash' } }),
    claudeToolResult({ ts: '2026-01-01T10:00:06.500Z', toolUseId: 'toolu_1', isError: true, text: 'Exit code 1' }),
  ].join('\n') + '\n');
  writeFileSync(join(codexDir, 'rollout-1.jsonl'), [
    codexHeader({ ts: '2026-01-01T11:00:00.000Z', id: 'codex-s1' }),
    codexTokenCount({ ts: '2026-01-01T11:00:05.000Z', input: 1000, cached: 400, output: 50 }),
    codexTokenCount({ ts: '2026-01-01T11:00:06.000Z', input: 1000, cached: 400, output: 50 }), // re-emitted
  ].join('\n') + '\n');
});

after(async () => {
  if (running) await stop(running, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

test('history on disk is counted exactly once at start', async () => {
  running = await startServe(args);
  const m = await scrape(running.url);
  assert.equal(sumMetric(m, 'agentmon_requests_total', { agent: 'claude-code' }), 1);
  assert.equal(sumMetric(m, 'agentmon_tokens_total', { agent: 'claude-code', type: 'output' }), 40);
  assert.equal(sumMetric(m, 'agentmon_tokens_total', { agent: 'claude-code', type: 'cache_write_1h' }), 50);
  assert.equal(sumMetric(m, 'agentmon_tokens_total', { agent: 'codex', type: 'input' }), 600);
  assert.equal(sumMetric(m, 'agentmon_tokens_total', { agent: 'codex', type: 'cache_read' }), 400);
  assert.equal(sumMetric(m, 'agentmon_requests_total', { agent: 'codex' }), 1);
  assert.equal(sumMetric(m, 'agentmon_tool_errors_total', { tool: 'Bash', category: 'exit_code' }), 1);
  assert.equal(sumMetric(m, 'agentmon_tool_duration_seconds_count', { tool: 'Bash' }), 1);
  assert.equal(sumMetric(m, 'agentmon_tool_duration_seconds_sum', { tool: 'Bash' }), 2.5);
  assert.equal(sumMetric(m, 'agentmon_sessions_total'), 2);
  assert.equal(sumMetric(m, 'agentmon_prompts_total'), 1);
  // sonnet-4-5: 10 in × $3 + 40 out × $15 + 100 cache read × $0.30 + 50 1h-writes × $6, per million tokens.
  const expectedCost = (10 * 3 + 40 * 15 + 100 * 0.3 + 50 * 6) / 1e6;
  assert.ok(Math.abs(sumMetric(m, 'agentmon_cost_usd_total', { agent: 'claude-code' }) - expectedCost) < 1e-12);
  assert.equal(sumMetric(m, 'agentmon_initial_scan_complete'), 1);
  assert.equal(sumMetric(m, 'agentmon_files_watched'), 2);
});

test('appended lines, including one written in two pieces, reach /metrics', async () => {
  assert.ok(running);
  const now = new Date().toISOString();
  const file = join(claudeDir, 'live.jsonl');
  appendFileSync(file, claudeAssistant({ msgId: 'msg_l1', reqId: 'req_l1', ts: now, usage: { input: 7, output: 3 } }) + '\n');
  const second = claudeAssistant({ msgId: 'msg_l2', reqId: 'req_l2', ts: now, model: 'claude-<script>x', usage: { input: 1, output: 1 } });
  appendFileSync(file, second.slice(0, 40));
  await new Promise((r) => setTimeout(r, 300));
  appendFileSync(file, second.slice(40) + '\n');
  const m = await waitForMetrics(running.url, (x) => sumMetric(x, 'agentmon_requests_total', { agent: 'claude-code' }) === 3);
  assert.equal(sumMetric(m, 'agentmon_requests_total', { agent: 'claude-code' }), 3);
  assert.equal(sumMetric(m, 'agentmon_tokens_total', { agent: 'claude-code', type: 'input' }), 18);
  assert.equal(sumMetric(m, 'agentmon_lines_total', { result: 'malformed' }), 0, 'the split line was never parsed half-written');
  assert.equal(sumMetric(m, 'agentmon_requests_total', { model: 'claude-_script_x' }), 1, 'label values are sanitized');
  const page = await (await fetch(`${running.url}/`)).text();
  assert.ok(page.includes('claude-_script_x'), 'the landing page names the model as the metrics label does (sanitized)');
  assert.ok(!page.includes('<script>'), 'landing page escapes log-derived text');
  assert.equal((await fetch(`${running.url}/healthz`)).status, 200);
  assert.equal((await fetch(`${running.url}/nope`)).status, 404);
});

test('promtool check metrics accepts the real /metrics output', async () => {
  assert.ok(running);
  const text = await (await fetch(`${running.url}/metrics`)).text();
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, `promtool: ${r.stdout}${r.stderr}`);
  assert.match(text, /# HELP agentmon_tokens_total [A-Z].*\.\n/);
  assert.match(text, /agentmon_build_info\{version="\d+\.\d+\.\d+",nodejs_version="v20/);
});

test('restart resumes from the checkpoint; deleting logs never lowers a counter', async () => {
  assert.ok(running);
  const before = await scrape(running.url);
  assert.equal(await stop(running, 'SIGTERM'), 0, 'SIGTERM is a clean shutdown');
  assert.ok(existsSync(join(stateDir, 'checkpoint.json')));
  rmSync(join(claudeDir, 'old.jsonl'));
  running = await startServe(args);
  const after = await scrape(running.url);
  for (const name of ['agentmon_requests_total', 'agentmon_tokens_total', 'agentmon_cost_usd_total', 'agentmon_tool_calls_total', 'agentmon_sessions_total', 'agentmon_lines_total', 'agentmon_bytes_read_total']) {
    assert.equal(sumMetric(after, name), sumMetric(before, name), `${name} unchanged across restart + deletion`);
  }
  assert.equal(sumMetric(after, 'agentmon_file_events_total', { event: 'deleted' }), 1);
  assert.equal(sumMetric(after, 'agentmon_files_watched'), 2);
});
