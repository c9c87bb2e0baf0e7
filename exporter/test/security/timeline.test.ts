// A session's timeline over real HTTP against a real serve, with hostile session files: one log line holding
// hundreds of tool calls (each step used to carry its own copy of the whole line: a 436 KB line gave a 207 MB
// answer), a session larger than the raw budget, and session files swapped for a FIFO or /dev/zero (which blocked
// the thread pool, or read forever). /metrics must keep answering and tailing must go on meanwhile.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, scrape, startServe, stop, sumMetric, waitForMetrics, type Running } from '../helpers/exporter.js';
import { claudeLine, memoryMb, rawRequest, workspace } from './helpers.js';

const ws = workspace('timeline');
const TS = '2026-04-01T10:00:00.000Z';
let serve: Running;
const raw = (id: string) => rawRequest(serve.port, `/api/v1/raw/sessions/${encodeURIComponent(`claude-code:${id}`)}`, { headers: { host: `127.0.0.1:${serve.port}` }, timeoutMs: 60_000 });

before(async () => {
  ensureBuilt();
  // 400 tool calls in one line, each with ~1 KB of input: a 400 KB line.
  const calls = Array.from({ length: 400 }, (_, i) => ({ type: 'tool_use', id: `toolu_${i}`, name: 'Bash', input: { command: `echo ${String(i).padStart(4, '0')} ${'x'.repeat(1000)}` } }));
  ws.write('claude/p/wide.jsonl', claudeLine({ session: 'wide', ts: TS, msgId: 'msg_wide', content: calls }) + '\n');
  // 12 lines of ~1 MB each whose raw events are objects of many small values (nothing for the 4 KB string cut).
  const lines = Array.from({ length: 12 }, (_, n) => {
    const input = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, `value-${n}-${i}-abcdefghijklmnopqrstuvwxyz`]));
    return claudeLine({ session: 'huge', ts: `2026-04-01T11:00:${String(n).padStart(2, '0')}.000Z`, msgId: `msg_huge_${n}`, content: [{ type: 'tool_use', id: `toolu_h${n}`, name: 'Write', input }] });
  });
  ws.write('claude/p/huge.jsonl', lines.join('\n') + '\n');
  for (const s of ['fifo', 'zero']) ws.write(`claude/p/${s}.jsonl`, claudeLine({ session: s, ts: TS, msgId: `msg_${s}`, content: [{ type: 'text', text: 'hi' }] }) + '\n');
  serve = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', ws.path('state')]);
});

after(async () => {
  if (serve) await stop(serve, 'SIGKILL');
  ws.cleanup();
});

describe('timelines of hostile sessions', () => {
  it('one line with 400 tool calls: the answer is about the size of the line, each raw event sent once', async () => {
    const lineBytes = statSync(ws.path('claude/p/wide.jsonl')).size;
    const r = await raw('wide');
    assert.equal(r.status, 200);
    assert.ok(r.body.length < 2 * lineBytes + 256 * 1024, `answer of ${r.body.length} bytes for a ${lineBytes}-byte session`);
    const t = JSON.parse(r.body) as { timeline: { kind: string; raw?: { message: { content: unknown[] } }; sameRawAs?: number }[] };
    assert.equal(t.timeline.filter((i) => i.kind === 'tool_call').length, 400);
    const withRaw = t.timeline.filter((i) => i.raw !== undefined);
    assert.equal(withRaw.length, 1, 'the line\'s event appears once');
    assert.equal(withRaw[0]!.raw!.message.content.length, 400);
    const carrier = t.timeline.indexOf(withRaw[0]!);
    assert.ok(t.timeline.every((i) => i.raw !== undefined || i.sameRawAs === carrier), 'every other step points at it');
  });

  it('parallel requests for it neither exhaust memory nor stall /metrics', async () => {
    const before = memoryMb(serve.proc.pid!).rss;
    const answers = Promise.all(Array.from({ length: 6 }, () => raw('wide')));
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now();
      const m = await scrape(serve.url);
      assert.ok(m.size > 0);
      assert.ok(Date.now() - t0 < 10_000, '/metrics answered while timelines were built');
    }
    const done = await answers;
    assert.ok(done.every((a) => a.status === 200 || a.status === 503), done.map((a) => a.status).join(','));
    assert.ok(done.some((a) => a.status === 200));
    assert.ok(memoryMb(serve.proc.pid!).peak - before < 400, `peak RSS ${memoryMb(serve.proc.pid!).peak} MB (was ${before} MB before)`);
  });

  it('raw events stop at the raw budget; the steps are all still there', async () => {
    const r = await raw('huge');
    assert.equal(r.status, 200);
    const t = JSON.parse(r.body) as { rawTruncated: boolean; timeline: { kind: string; raw?: unknown }[] };
    assert.equal(t.rawTruncated, true);
    assert.equal(t.timeline.filter((i) => i.kind === 'tool_call').length, 12);
    assert.ok(t.timeline.some((i) => i.raw === undefined && i.kind === 'tool_call'));
    assert.ok(r.body.length < 10 * 1024 * 1024, `answer of ${r.body.length} bytes`);
  });

  it('a session file swapped for a FIFO or /dev/zero: timelines answer at once and tailing goes on', async () => {
    const fifo = ws.path('fifo-target');
    execFileSync('mkfifo', [fifo]);
    rmSync(ws.path('claude/p/fifo.jsonl'));
    symlinkSync(fifo, ws.path('claude/p/fifo.jsonl'));
    rmSync(ws.path('claude/p/zero.jsonl'));
    symlinkSync('/dev/zero', ws.path('claude/p/zero.jsonl'));
    // More requests than the thread pool has threads (4): a blocking open would hold every one of them.
    const answers = await Promise.all([...Array.from({ length: 6 }, () => raw('fifo')), raw('zero'), raw('zero')]);
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200, 200, 200, 200]);
    assert.deepEqual((JSON.parse(answers[0]!.body) as { timeline: unknown[] }).timeline, []);
    // New lines are still read and counted.
    const before = sumMetric(await scrape(serve.url), 'agentmon_requests_total');
    appendFileSync(ws.path('claude/p/wide.jsonl'), claudeLine({ session: 'wide', ts: '2026-04-01T12:00:00.000Z', msgId: 'msg_after', content: [{ type: 'text', text: 'later' }] }) + '\n');
    const m = await waitForMetrics(serve.url, (x) => sumMetric(x, 'agentmon_requests_total') === before + 1, 20_000);
    assert.equal(sumMetric(m, 'agentmon_requests_total'), before + 1);
  });
});
