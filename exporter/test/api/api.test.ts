// /api/v1 over real HTTP against the real exporter process: auth, session list (filters, sort, paging, CSV),
// a session's timeline rebuilt from its files (merged streamed lines, tool durations, progress, redacted raw
// lines), and the live feed by polling and by Server-Sent Events.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureBuilt, sleep, startServe, stop, type Running } from '../helpers/exporter.js';
import { claudeAssistant, claudePrompt, claudeToolResult, codexHeader, codexTokenCount } from '../helpers/lines.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-api-'));
const token = 'test-token-0123456789abcdef';
const claudeFile = join(root, 'claude', 'p', 's1.jsonl');
let running: Running;
const auth = { Authorization: `Bearer ${token}` };
const get = (path: string, headers: Record<string, string> = auth) => fetch(`${running.url}${path}`, { headers });

before(async () => {
  ensureBuilt();
  mkdirSync(join(root, 'claude', 'p'), { recursive: true });
  mkdirSync(join(root, 'codex'), { recursive: true });
  const todo = JSON.stringify({
    type: 'assistant', timestamp: '2026-04-01T10:00:20.000Z', sessionId: 'sess-1', cwd: '/w/alpha', requestId: 'req_t',
    message: { id: 'msg_t', role: 'assistant', model: 'claude-sonnet-4-5-20250929', usage: { input_tokens: 1, output_tokens: 2 },
      content: [{ type: 'tool_use', id: 'toolu_todo', name: 'TodoWrite', input: { todos: [{ content: 'a', status: 'completed' }, { content: 'b', status: 'in_progress' }, { content: 'c', status: 'pending' }] } }] },
  });
  writeFileSync(claudeFile, [
    claudePrompt({ ts: '2026-04-01T10:00:00.000Z', cwd: '/w/alpha', text: 'deploy with key sk-ant-api03-abcdefghijklmnopqrstuvwxyz please' }),
    claudeAssistant({ msgId: 'msg_1', reqId: 'req_1', ts: '2026-04-01T10:00:03.000Z', cwd: '/w/alpha', usage: { input: 100, output: 5 } }),
    claudeAssistant({ msgId: 'msg_1', reqId: 'req_1', ts: '2026-04-01T10:00:04.000Z', cwd: '/w/alpha', usage: { input: 100, output: 80 }, tool: { id: 'toolu_a', name: 'Bash' } }),
    claudeToolResult({ ts: '2026-04-01T10:00:09.000Z', toolUseId: 'toolu_a', isError: true, text: 'ls: cannot access: No such file or directory' }),
    todo,
  ].join('\n') + '\n');
  writeFileSync(join(root, 'codex', 'rollout-a.jsonl'), [
    codexHeader({ ts: '2026-04-02T09:00:00.000Z', id: 'cx-1', cwd: '/w/beta' }),
    codexTokenCount({ ts: '2026-04-02T09:00:05.000Z', input: 500000, cached: 0, output: 1000 }),
  ].join('\n') + '\n');
  writeFileSync(join(root, 'agentmon.yaml'), `api:\n  token: ${token}\n`);
  running = await startServe(['--claude-dir', join(root, 'claude'), '--codex-dir', join(root, 'codex'), '--state-dir', join(root, 'state'), '--config', join(root, 'agentmon.yaml')]);
});

after(async () => {
  await stop(running, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

test('the API needs the bearer token; /metrics does not', async () => {
  const r = await get('/api/v1/sessions', {});
  assert.equal(r.status, 401);
  assert.match(((await r.json()) as { error: string }).error, /bearer token/);
  assert.equal((await get('/api/v1/sessions', { Authorization: 'Bearer wrong-token-0123456789abcd' })).status, 401);
  // A wrong token of the right length reaches the constant-time comparison itself.
  assert.equal((await get('/api/v1/sessions', { Authorization: `Bearer ${token.slice(0, -1)}X` })).status, 401);
  assert.equal((await get('/api/v1/health/sessions', {})).status, 401, 'session health is behind the token too');
  assert.equal((await get('/metrics', {})).status, 200);
});

test('session list: totals per session, filters, sort, paging, CSV, bad parameters', async () => {
  const all = (await (await get('/api/v1/sessions?sort=cost&order=desc')).json()) as { total: number; items: Record<string, any>[] };
  assert.equal(all.total, 2);
  assert.deepEqual(all.items.map((s) => s.id), ['codex:cx-1', 'claude-code:sess-1']);
  const claude = all.items[1]!;
  assert.equal(claude.project, 'alpha');
  assert.equal(claude.requests, 2);
  assert.deepEqual(claude.tokens, { input: 101, output: 82, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 });
  assert.equal(claude.toolCalls, 2);
  assert.equal(claude.toolErrors, 1);
  assert.equal(claude.status, 'ended');
  assert.deepEqual(claude.progress, { done: 1, total: 3 });
  const codex = (await (await get('/api/v1/sessions?agent=codex')).json()) as { total: number; items: { costUsd: number }[] };
  assert.equal(codex.total, 1);
  const page = (await (await get('/api/v1/sessions?sort=started&order=asc&limit=1&offset=1')).json()) as { items: { id: string }[] };
  assert.deepEqual(page.items.map((s) => s.id), ['codex:cx-1']);
  const csv = await (await get('/api/v1/sessions?format=csv&sort=started&order=asc')).text();
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0]!, /^id,agent,sessionId,project,model,status,/);
  assert.match(lines[1]!, /^claude-code:sess-1,claude-code,sess-1,alpha,/);
  const bad = await get('/api/v1/sessions?limit=0');
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: string }).error, /^limit: /);
  const unknown = await get('/api/v1/sessions?colour=red');
  assert.equal(unknown.status, 400);
  assert.match(((await unknown.json()) as { error: string }).error, /colour/);
  assert.equal((await get('/api/v1/sessions?status=sleeping')).status, 400);
});

test('a session timeline is rebuilt from its files, with redacted raw lines', async () => {
  const r = await get(`/api/v1/raw/sessions/${encodeURIComponent('claude-code:sess-1')}`);
  assert.equal(r.status, 200);
  const s = (await r.json()) as { timeline: Record<string, any>[]; progress: unknown; costUsd: number };
  assert.deepEqual(s.timeline.map((i) => i.kind), ['prompt', 'response', 'tool_call', 'tool_result', 'response', 'tool_call']);
  const response = s.timeline[1]!;
  assert.deepEqual(response.tokens, { input: 100, output: 80, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 }, 'streamed lines merged to the final usage');
  assert.equal(response.costUsd, (100 * 3 + 80 * 15) / 1e6);
  assert.equal(s.timeline[2]!.tool, 'Bash');
  assert.equal(s.timeline[2]!.durationSeconds, 5);
  assert.deepEqual([s.timeline[3]!.ok, s.timeline[3]!.errorCategory], [false, 'not_found']);
  assert.deepEqual(s.progress, { done: 1, total: 3 });
  const raw = JSON.stringify(s.timeline[0]!.raw);
  assert.ok(!raw.includes('sk-ant-api03'), 'secrets in raw lines are masked');
  assert.ok(raw.includes('[redacted]'));
  const csv = await (await get(`/api/v1/sessions/${encodeURIComponent('claude-code:sess-1')}?format=csv`)).text();
  assert.equal(csv.trim().split('\r\n').length, 7);
  const missing = await get('/api/v1/sessions/claude-code:nope');
  assert.equal(missing.status, 404);
  // Raw events have their own path (a proxy can guard it apart from the summaries); the old parameter says where.
  const old = await get(`/api/v1/sessions/${encodeURIComponent('claude-code:sess-1')}?raw=true`);
  assert.equal(old.status, 400);
  assert.match(((await old.json()) as { error: string }).error, /\/api\/v1\/raw\/sessions/);
  const plain = (await (await get(`/api/v1/sessions/${encodeURIComponent('claude-code:sess-1')}`)).json()) as { timeline: Record<string, unknown>[] };
  assert.ok(plain.timeline.every((i) => i.raw === undefined && i.sameRawAs === undefined), 'no raw events without the raw path');
});

test('live events arrive by cursor polling and by Server-Sent Events', async () => {
  const first = (await (await get('/api/v1/events')).json()) as { cursor: number; events: unknown[] };
  assert.equal(first.events.length, 0, 'history is not replayed as live events');
  const controller = new AbortController();
  const sse = await fetch(`${running.url}/api/v1/events`, { headers: { ...auth, Accept: 'text/event-stream' }, signal: controller.signal });
  assert.match(sse.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = sse.body!.getReader();
  appendFileSync(claudeFile, claudeAssistant({ msgId: 'msg_live', reqId: 'req_live', ts: new Date().toISOString(), session: 'sess-1', usage: { input: 1, output: 1 } }) + '\n');
  let text = '';
  const deadline = Date.now() + 10_000;
  while (!text.includes('"kind":"request"') && Date.now() < deadline) {
    const { value } = await reader.read();
    text += new TextDecoder().decode(value);
  }
  controller.abort();
  const data = JSON.parse(/data: (.*)\n/.exec(text)![1]!) as Record<string, unknown>;
  assert.equal(data.kind, 'request');
  assert.equal(data.sessionId, 'sess-1');
  assert.equal(data.model, 'claude-sonnet-4-5-20250929');
  await sleep(50);
  const polled = (await (await get(`/api/v1/events?after=${first.cursor}`)).json()) as { cursor: number; events: { cursor: number; kind: string }[] };
  assert.deepEqual(polled.events.map((e) => e.kind), ['request']);
  assert.equal(polled.cursor, polled.events[0]!.cursor);
});
