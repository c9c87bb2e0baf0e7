// The live feed (Server-Sent Events) over real HTTP against a real serve, with clients that stop reading — a laptop
// asleep with the Live page open. res.write used to buffer everything for them: 200 such clients and 60k appended
// lines took the exporter from 92 MB to out of memory. Each client's buffer is now bounded (laggards are dropped and
// told to resync when they read again) and the number of streams is capped.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, startServe, stop, sumMetric, type Running } from '../helpers/exporter.js';
import { claudeLine, memoryMb, metricsWhen, rawRequest, workspace } from './helpers.js';

const ws = workspace('streams');
const SLOW = 40;
let serve: Running;

/** Opens an event stream on a raw socket that reads the response head (and whatever came with it), then stops reading. */
function slowClient(port: number, lastEventId?: number): Promise<{ socket: Socket; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('connect', () => socket.write(`GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n${lastEventId !== undefined ? `Last-Event-ID: ${lastEventId}\r\n` : ''}\r\n`));
    const onData = (d: string): void => {
      head += d;
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.pause();
      resolve({ socket, head });
    };
    socket.on('data', onData);
  });
}

before(async () => {
  ensureBuilt();
  ws.write('claude/p/s.jsonl', claudeLine({ session: 's', ts: '2026-04-01T10:00:00.000Z', msgId: 'm0', content: [{ type: 'text', text: 'hi' }] }) + '\n');
  ws.write('agentmon.yaml', `http:\n  maxEventStreams: ${SLOW + 2}\n`);
  serve = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', ws.path('state'), '--config', ws.path('agentmon.yaml')]);
});

after(async () => {
  if (serve) await stop(serve, 'SIGKILL');
  ws.cleanup();
});

describe('slow live-feed clients', () => {
  const clients: Socket[] = [];
  after(() => clients.forEach((c) => c.destroy()));

  it('clients that never read are dropped instead of buffered; memory stays bounded', async () => {
    for (let i = 0; i < SLOW; i++) {
      const c = await slowClient(serve.port);
      assert.match(c.head, /^HTTP\/1\.1 200/);
      clients.push(c.socket);
    }
    const rssBefore = memoryMb(serve.proc.pid!).rss;
    // 60,000 lines, each a response with a tool call: ~120,000 events of ~200 bytes, ~24 MB for every client.
    const lines: string[] = [];
    for (let i = 0; i < 60_000; i++) lines.push(claudeLine({ session: `live-${i % 50}`, ts: new Date(Date.now() - 60_000 + i).toISOString(), msgId: `live_${i}`, content: [{ type: 'tool_use', id: `toolu_live_${i}`, name: 'Read', input: { file_path: `/w/alpha/src/file-${i}.ts` } }] }));
    const before = sumMetric(await metricsWhen(serve.url, () => true), 'agentmon_requests_total');
    appendFileSync(ws.path('claude/p/s.jsonl'), lines.join('\n') + '\n');
    // A bounded wait, not a speed claim: 60,000 lines took over 60 s at load 20 on 2 cores (a full suite beside it).
    const m = await metricsWhen(serve.url, (x) => sumMetric(x, 'agentmon_requests_total') >= before + 60_000, 300_000);
    assert.equal(sumMetric(m, 'agentmon_requests_total'), before + 60_000);
    const grown = memoryMb(serve.proc.pid!).rss - rssBefore;
    // Reading and counting the lines alone grows RSS by ~110 MB here; buffering every event for 40 clients would add ~1 GB.
    assert.ok(grown < 400, `RSS grew by ${grown.toFixed(0)} MB with ${SLOW} clients not reading`);
    // Each was held to a bounded queue and its events dropped: reading now, it gets what its socket held, then a resync
    // event naming the cursor it missed events after (or, asleep past the stall limit, the end of the stream) —
    // never the 24 MB it fell behind by.
    const outcomes = await Promise.all(clients.map((c) => new Promise<{ how: string; bytes: number }>((resolve) => {
      let bytes = 0;
      let tail = ''; // only the end is searched: scanning all a client received on every chunk is quadratic
      const timer = setTimeout(() => resolve({ how: 'still streaming', bytes }), 30_000);
      c.on('data', (d: string) => {
        bytes += d.length;
        tail = (tail + d).slice(-(d.length + 200));
        if (/event: resync\ndata: \{"missedAfter":\d+\}/.test(tail)) { clearTimeout(timer); resolve({ how: 'resync', bytes }); }
      });
      c.on('close', () => { clearTimeout(timer); resolve({ how: 'closed', bytes }); });
      c.resume();
    })));
    for (const o of outcomes) {
      assert.ok(o.how === 'resync' || o.how === 'closed', `a slow client is ${o.how} after ${o.bytes} bytes`);
      assert.ok(o.bytes < 16 * 1024 * 1024, `a slow client still received ${o.bytes} bytes`);
    }
  });

  it('a client coming back after the buffer moved on is told to resync', async () => {
    const c = await slowClient(serve.port, 1);
    clients.push(c.socket);
    const text = await new Promise<string>((resolve) => {
      let got = c.head;
      if (got.includes('event: resync')) return resolve(got);
      const timer = setTimeout(() => resolve(got), 10_000);
      c.socket.on('data', (d: string) => {
        got += d;
        if (got.includes('event: resync')) { clearTimeout(timer); resolve(got); }
      });
      c.socket.resume();
    });
    assert.match(text, /event: resync\ndata: \{"missedAfter":1,"resumeAt":\d+\}/);
  });

  it('streams beyond http.maxEventStreams are answered 503; polling still works', async () => {
    const open: Socket[] = [];
    try {
      for (let i = 0; i < SLOW + 2; i++) {
        const c = await slowClient(serve.port);
        open.push(c.socket);
        if (!/^HTTP\/1\.1 200/.test(c.head)) {
          assert.match(c.head, /^HTTP\/1\.1 503/);
          assert.match(c.head, /Retry-After: 30/i);
          return;
        }
      }
      assert.fail(`${SLOW + 2} streams open next to the one above: the cap did not apply`);
    } finally {
      open.forEach((s) => s.destroy());
      const polled = await rawRequest(serve.port, '/api/v1/events?after=0&limit=5', { headers: { host: `127.0.0.1:${serve.port}` } });
      assert.equal(polled.status, 200);
    }
  });
});
