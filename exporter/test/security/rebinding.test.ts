// Who may talk to a real serve. A web page can make the browser send requests to 127.0.0.1, and through a DNS name it
// re-points there (DNS rebinding) read the answers: every transcript, with no token set. Bound to loopback, serve now
// answers only loopback Host names (plus http.allowedHosts) and refuses requests from other sites' pages (a foreign
// Origin). Bound beyond loopback without a token it warns at start and answers only names a page's own DNS cannot be.
// Errors answer with a short message, never a stack trace or install path.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EXPORTER_DIR, ensureBuilt, startServe, stop, type Running } from '../helpers/exporter.js';
import { claudeLine, rawRequest, workspace } from './helpers.js';

const ws = workspace('rebinding');
let serve: Running;
const get = (path: string, headers: Record<string, string>) => rawRequest(serve.port, path, { headers });

before(async () => {
  ensureBuilt();
  ws.write('claude/p/s.jsonl', claudeLine({ session: 's1', ts: '2026-04-01T10:00:00.000Z', msgId: 'm1', content: [{ type: 'text', text: 'the transcript' }] }) + '\n');
  ws.write('agentmon.yaml', 'http:\n  allowedHosts: [agentmon.lan]\n  allowedOrigins: ["http://localhost:3000"]\n');
  serve = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', ws.path('state'), '--config', ws.path('agentmon.yaml')]);
});

after(async () => {
  if (serve) await stop(serve, 'SIGKILL');
  ws.cleanup();
});

describe('bound to loopback', () => {
  it('a rebound DNS name gets 403 everywhere: landing page, /metrics, the API, a raw timeline', async () => {
    for (const path of ['/', '/metrics', '/api/v1/sessions', '/api/v1/raw/sessions/claude-code:s1', '/api/v1/events']) {
      const r = await get(path, { host: `rebind.attacker.example:${serve.port}` });
      assert.equal(r.status, 403, path);
      assert.ok(!r.body.includes('the transcript'));
      assert.match(r.body, /http\.allowedHosts/);
    }
  });

  it('loopback names and the configured name are answered', async () => {
    for (const host of [`127.0.0.1:${serve.port}`, `localhost:${serve.port}`, `[::1]:${serve.port}`, `agentmon.lan:${serve.port}`, 'localhost']) {
      assert.equal((await get('/api/v1/sessions', { host })).status, 200, host);
    }
  });

  it('requests from another site\'s page (a foreign Origin) are refused; same-origin and listed origins are not', async () => {
    const host = `127.0.0.1:${serve.port}`;
    assert.equal((await get('/api/v1/raw/sessions/claude-code:s1', { host, origin: 'https://evil.example' })).status, 403);
    assert.equal((await get('/api/v1/sessions', { host, origin: 'null' })).status, 403);
    const post = await rawRequest(serve.port, '/api/v1/reports/preview', { method: 'POST', headers: { host, origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{"template":"daily"}' });
    assert.equal(post.status, 403);
    assert.equal((await get('/api/v1/sessions', { host, origin: `http://${host}` })).status, 200);
    assert.equal((await get('/api/v1/sessions', { host, origin: 'http://localhost:3000' })).status, 200);
  });

  it('raw events are reachable only at /api/v1/raw/…: routing is case-sensitive and percent-encoding does not reach it', async () => {
    // Grafana's plugin routes guard exporter/api/v1/raw/* with their own permission and send everything else to the
    // Viewer route; a Viewer asking for api/v1/RAW/… or api/v1/%72aw/… must not get raw events through that one.
    const host = `127.0.0.1:${serve.port}`;
    const ok = await get('/api/v1/raw/sessions/claude-code:s1', { host });
    assert.equal(ok.status, 200);
    assert.ok(ok.body.includes('the transcript'));
    for (const path of ['/api/v1/RAW/sessions/claude-code:s1', '/api/v1/%72aw/sessions/claude-code:s1', '/API/v1/raw/sessions/claude-code:s1', '/api/V1/raw/sessions/claude-code:s1']) {
      const r = await get(path, { host });
      assert.equal(r.status, 404, path);
      assert.ok(!r.body.includes('the transcript'), path);
    }
    const viaParam = await get('/api/v1/sessions/claude-code:s1?raw=true', { host });
    assert.equal(viaParam.status, 400);
    assert.ok(!viaParam.body.includes('the transcript'));
    const plain = await get('/api/v1/sessions/claude-code:s1', { host });
    assert.equal(plain.status, 200);
    assert.ok(!plain.body.includes('the transcript'), 'summaries and steps, never the log events');
  });

  it('errors answer with a short message: no stack trace, no install path', async () => {
    const host = `127.0.0.1:${serve.port}`;
    const bad = await rawRequest(serve.port, '/api/v1/reports/runs', { method: 'POST', headers: { host, 'content-type': 'application/json' }, body: '{"template": "daily",' });
    assert.equal(bad.status, 400);
    assert.deepEqual(JSON.parse(bad.body), { error: 'the request body is not valid JSON' });
    const uri = await get('/api/v1/sessions/%E0%A4%A', { host });
    assert.equal(uri.status, 400);
    for (const r of [bad, uri]) {
      assert.ok(!r.body.includes(EXPORTER_DIR) && !/node_modules|\bat \w+ \(/.test(r.body), r.body);
    }
  });
});

describe('bound beyond loopback', () => {
  it('without a token: warns at start, and answers IP addresses and single-label names but not DNS names', async () => {
    const s = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', ws.path('state-any'), '--host', '0.0.0.0']);
    try {
      assert.match(s.stderr(), /"level":"warn","msg":"serving beyond this machine without an API token[^"]*docs\/security\.md"/);
      const at = (host: string) => rawRequest(s.port, '/api/v1/sessions', { headers: { host } });
      assert.equal((await at(`127.0.0.1:${s.port}`)).status, 200);
      assert.equal((await at(`exporter:${s.port}`)).status, 200); // a compose service name
      assert.equal((await at(`rebind.attacker.example:${s.port}`)).status, 403);
    } finally {
      await stop(s, 'SIGKILL');
    }
  });
});
