// Report previews over a real serve. They used to be GETs computed on the event loop that serves /metrics, with no
// limit: 10 parallel PDF previews started 92 Chromium processes, 3 previews over a 100k-session history held /metrics
// for 12.5 s. Now they are POSTs (a link or an image on a web page cannot start one), a few run at once (the rest
// get 503), Chromium prints one PDF at a time, and documents are built in a worker thread.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, startServe, stop, type Running } from '../helpers/exporter.js';
import { rawRequest, workspace } from './helpers.js';

const ws = workspace('previews');
const SESSIONS = 30_000;
let serve: Running;
const post = (body: Record<string, unknown>, timeoutMs = 120_000) =>
  rawRequest(serve.port, '/api/v1/reports/preview', { method: 'POST', headers: { host: `127.0.0.1:${serve.port}`, 'content-type': 'application/json' }, body: JSON.stringify(body), timeoutMs });

/** Chromium browsers serve has running now: its child processes started with a --user-data-dir. */
function browsers(servePid: number): number {
  let n = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const parent = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (Number(parent) === servePid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--user-data-dir=')) n += 1;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

before(async () => {
  ensureBuilt();
  // 30,000 sessions over the last 20 days: a month's report has to look at all of them.
  const now = Date.now();
  const lines: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const ts = new Date(now - 20 * 86_400_000 + i * 50_000).toISOString();
    const sid = `0000${i.toString(16).padStart(4, '0')}-aaaa-4bbb-8ccc-${i.toString(16).padStart(12, '0')}`;
    lines.push(JSON.stringify({ type: 'user', timestamp: ts, sessionId: sid, cwd: `/w/proj-${i % 40}`, message: { role: 'user', content: 'hi' } }));
    lines.push(JSON.stringify({ type: 'assistant', timestamp: ts, sessionId: sid, cwd: `/w/proj-${i % 40}`, requestId: `req_${i}`, message: { id: `msg_${i}`, role: 'assistant', model: i % 3 ? 'claude-sonnet-4-5-20250929' : 'claude-opus-4-1-20250805', usage: { input_tokens: 100, output_tokens: 200 + (i % 500) }, content: [{ type: 'tool_use', id: `toolu_${i}`, name: ['Bash', 'Read', 'Edit'][i % 3], input: { command: 'ls' } }] } }));
  }
  ws.write('claude/p/history.jsonl', lines.join('\n') + '\n');
  serve = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', ws.path('state')], { AGENTMON_LOG_LEVEL: 'error' });
});

after(async () => {
  if (serve) await stop(serve, 'SIGKILL');
  ws.cleanup();
});

describe('report previews', () => {
  it('a GET preview is refused (405): only a POST with a JSON body computes one', async () => {
    const r = await rawRequest(serve.port, '/api/v1/reports/preview?template=daily', { headers: { host: `127.0.0.1:${serve.port}` } });
    assert.deepEqual([r.status, r.headers.allow], [405, 'POST']);
  });

  it('a month over 30,000 sessions is built off the event loop: /metrics keeps answering meanwhile', async () => {
    const from = Date.now() - 30 * 86_400_000;
    const t0 = Date.now();
    const previews = Promise.all([post({ template: 'monthly', from })]).then((r) => ((done = Date.now()), r));
    let done = 0;
    let worst = 0;
    let scrapes = 0;
    while (done === 0) {
      const s0 = Date.now();
      const m = await rawRequest(serve.port, '/metrics', { headers: { host: `127.0.0.1:${serve.port}` }, timeoutMs: 120_000 });
      assert.equal(m.status, 200);
      worst = Math.max(worst, Date.now() - s0);
      scrapes += 1;
      await new Promise((r) => setTimeout(r, 100));
    }
    const answers = await previews;
    assert.deepEqual(answers.map((a) => a.status), [200]);
    assert.equal((JSON.parse(answers[0]!.body) as { totals: { requests: number } }).totals.requests, SESSIONS);
    const total = done - t0;
    // On the event loop, a scrape waited for the whole build; in the worker each waits a few milliseconds. Compared
    // with the preview's own time, so a slow machine slows both sides alike.
    assert.ok(scrapes >= 3 && worst < total / 4, `slowest of ${scrapes} scrapes took ${worst} ms while the previews took ${total} ms`);
  });

  it('parallel PDF previews: one Chromium at a time, and past the queue 503 with Retry-After', async () => {
    let most = 0;
    let running = true;
    const sampler = (async () => {
      while (running) {
        most = Math.max(most, browsers(serve.proc.pid!));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const day = { template: 'daily', format: 'pdf', from: Date.now() - 86_400_000, to: Date.now() };
    const answers = await Promise.all(Array.from({ length: 12 }, () => post(day, 300_000)));
    running = false;
    await sampler;
    assert.ok(most === 1, `${most} Chromium browsers at once`);
    const statuses = answers.map((a) => a.status).sort();
    assert.ok(statuses.filter((s) => s === 200).length >= 2, statuses.join(','));
    assert.ok(statuses.filter((s) => s === 503).length >= 1, `no request was turned away: ${statuses.join(',')}`);
    assert.ok(answers.filter((a) => a.status === 503).every((a) => a.headers['retry-after'] === '5'));
    assert.ok(answers.filter((a) => a.status === 200).every((a) => a.body.startsWith('%PDF')));
  });
});
