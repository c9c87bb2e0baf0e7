// The HTTP app as serve builds it (server.ts), in process over real HTTP: what answers without the token and what
// sits behind it (the health and reports routers included), what /healthz and /readyz say while the history is read,
// when ready() holds it back and when a fault is reported, case-sensitive routes, the 404 and error answers, the Host
// guard in front of everything, and the heavy gate's 503 + Retry-After.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Router } from 'express';
import { Gauge, Registry } from 'prom-client';
import { EventFeed } from '../../src/api/events.js';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine.js';
import { Gate } from '../../src/http/gate.js';
import { createHttpApp, type ApiOptions } from '../../src/http/server.js';
import { silentLogger, type Logger } from '../../src/util/log.js';
import { claudeAssistant } from '../helpers/lines.js';
import { serve, type Served } from './serve.js';

const TOKEN = 'server-test-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };

describe('the HTTP app (server.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-server-'));
  let engine: Engine;
  let full: Served;
  let bare: Served;
  let oddThrow: Served;
  let ready = false;
  let problem: string | undefined;
  const logged: string[] = [];
  const loggedFields: unknown[] = [];
  const log: Logger = { ...silentLogger, error: (msg: string, fields?: unknown) => void (logged.push(msg), loggedFields.push(fields)) } as Logger;

  const options = (o: Partial<ApiOptions>): ApiOptions => ({
    feed: new EventFeed(),
    token: undefined,
    activeWindowSeconds: 300,
    maxLineBytes: 1 << 20,
    maxEventStreams: 2,
    heavy: new Gate(2, 8),
    guard: { bindHost: '127.0.0.1', allowedHosts: [], allowedOrigins: [], tokenSet: o.token !== undefined },
    ...o,
  });

  before(async () => {
    const logs = join(dir, 'claude');
    mkdirSync(join(logs, 'p'), { recursive: true });
    writeFileSync(join(logs, 'p', 's.jsonl'), claudeAssistant({ msgId: 'm1', reqId: 'r1', ts: '2026-03-11T09:00:00Z', session: 'sess-1', usage: { input: 10, output: 2 } }) + '\n');
    const config = await loadConfig({ dirs: { 'claude-code': [logs], codex: [], gemini: [] }, stateDir: join(dir, 'state') }, {});
    engine = new Engine(config, silentLogger, undefined, {});
    const reports = Router();
    reports.get('/probe', (_req, res) => void res.json({ reports: true }));
    const registry = new Registry();
    new Gauge({ name: 'server_test_value', help: 'a value', registers: [registry] }).set(3);
    full = await serve(createHttpApp(engine, registry, '1.2.3-test', log, options({
      token: TOKEN,
      ready: () => ready,
      problem: () => problem,
      reports,
      heavy: new Gate(0, 0), // every heavy request finds the gate full
    })));
    const broken = new Registry();
    new Gauge({ name: 'server_test_broken', help: 'throws', registers: [broken], collect() { throw new Error('collector failed at /home/dev/x.ts'); } });
    bare = await serve(createHttpApp(engine, broken, '1.2.3-test', log, options({})));
    const odd = new Registry();
    new Gauge({ name: 'server_test_odd', help: 'throws a string', registers: [odd], collect() { throw 'collector failed at /home/dev/x.ts'; } });
    oddThrow = await serve(createHttpApp(engine, odd, '1.2.3-test', log, options({})));
  });
  after(async () => {
    await full?.close();
    await bare?.close();
    await oddThrow?.close();
    await engine?.tracker.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  const text = (status: number, body: string) => (r: { status: number; headers: Record<string, unknown>; body: string }, what: string) => {
    assert.equal(r.status, status, what);
    assert.match(String(r.headers['content-type']), /^text\/plain/, what);
    assert.equal(r.body, body, what);
  };

  it('/readyz waits for the history read and for ready(); /healthz answers ok meanwhile', async () => {
    text(200, 'ok\n')(await full.send('/healthz'), 'healthz while reading');
    text(503, 'reading history\n')(await full.send('/readyz'), 'readyz while reading');
    await engine.scanAll();
    text(503, 'reading history\n')(await full.send('/readyz'), 'history read, watchers not ready');
    ready = true;
    text(200, 'ready\n')(await full.send('/readyz'), 'both ready');
    // Without a ready() option, the history read alone decides.
    text(200, 'ready\n')(await bare.send('/readyz'), 'no ready option');
    text(200, 'ok\n')(await bare.send('/healthz'), 'no problem option');
  });

  it('a reported fault makes /healthz and /readyz answer 503 with it', async () => {
    problem = 'the checkpoint cannot be written (agentmon_checkpoint_errors_total)';
    try {
      text(503, `${problem}\n`)(await full.send('/healthz'), 'healthz');
      text(503, `${problem}\n`)(await full.send('/readyz'), 'readyz');
    } finally {
      problem = undefined;
    }
    text(200, 'ok\n')(await full.send('/healthz'), 'healthz after');
  });

  it('answers /metrics, /healthz, /readyz and / without the token; everything under /api only with it', async () => {
    const m = await full.send('/metrics');
    assert.equal(m.status, 200);
    assert.match(String(m.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.match(m.body, /^server_test_value 3$/m);
    const landing = await full.send('/');
    assert.equal(landing.status, 200);
    assert.match(String(landing.headers['content-type']), /^text\/html/);
    assert.match(landing.body, /<h1>agentmon <small>1\.2\.3-test<\/small><\/h1>/);
    for (const path of ['/api/v1/sessions', '/api/v1/health/sessions', '/api/v1/reports/probe', '/api/anything']) {
      const r = await full.send(path);
      assert.equal(r.status, 401, path);
      assert.equal(r.headers['www-authenticate'], 'Bearer', path);
    }
    assert.equal((await full.send('/api/v1/sessions', { headers: auth })).status, 200);
    assert.equal((await full.send('/api/v1/health/sessions', { headers: auth })).status, 503, 'the health router answers (not running here)');
    const rep = await full.send('/api/v1/reports/probe', { headers: auth });
    assert.deepEqual([rep.status, JSON.parse(rep.body)], [200, { reports: true }], 'the reports router is mounted at /api/v1/reports');
    // Without a reports router, its path is an ordinary unknown API path.
    assert.notEqual((await bare.send('/api/v1/reports/probe')).status, 200);
  });

  it('routes are case-sensitive and unknown paths answer a plain 404', async () => {
    for (const path of ['/Metrics', '/HEALTHZ', '/ReadyZ', '/nothing']) {
      text(404, 'not found: see / for the endpoints\n')(await full.send(path), path);
    }
    assert.equal((await full.send('/API/v1/sessions')).status, 404, 'not /api: no token asked, and no route');
  });

  it('sends no X-Powered-By, and refuses a foreign Host before any route', async () => {
    assert.equal((await full.send('/healthz')).headers['x-powered-by'], undefined);
    for (const path of ['/metrics', '/healthz', '/', '/api/v1/sessions']) {
      const r = await full.send(path, { host: 'evil.example', headers: auth });
      assert.equal(r.status, 403, path);
      assert.match(r.body, /DNS rebinding/, path);
    }
  });

  it('errors answer short JSON without a stack, also from a route inside /api', async () => {
    const r = await full.send('/api/v1/sessions/%E0%A4%A', { headers: auth });
    assert.equal(r.status, 400);
    assert.deepEqual(JSON.parse(r.body), { error: 'the URL is not valid percent-encoding' });
  });

  it('/metrics answers 500 with a plain reason when rendering fails, and logs it by the error\'s name only', async () => {
    logged.length = 0;
    loggedFields.length = 0;
    text(500, 'agentmon: rendering metrics failed; see the exporter log\n')(await bare.send('/metrics'), 'broken collector');
    assert.deepEqual(logged, ['rendering /metrics failed']);
    // An error's text may quote a path or a label value; the log gets its kind.
    assert.deepEqual(loggedFields, [{ error: 'Error' }]);
    // Something thrown that is not an Error has no name to give: 'unknown', never its text.
    text(500, 'agentmon: rendering metrics failed; see the exporter log\n')(await oddThrow.send('/metrics'), 'collector throwing a string');
    assert.deepEqual(loggedFields, [{ error: 'Error' }, { error: 'unknown' }]);
  });

  it('a heavy request that finds the gate full is answered 503 with Retry-After', async () => {
    const r = await full.send('/api/v1/sessions/claude-code:sess-1', { headers: auth });
    assert.equal(r.status, 503);
    assert.equal(r.headers['retry-after'], '5');
    assert.match(JSON.parse(r.body).error, /retry in a few seconds/);
  });
});
