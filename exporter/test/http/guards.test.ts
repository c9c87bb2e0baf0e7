// The DNS-rebinding and cross-site guards (docs/security.md), run in this process so that `npm run mutate` sees them:
// which Host names each kind of bind answers to, and which Origins get through, asked through real HTTP requests
// with raw Host and Origin headers (fetch cannot set Host).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { hostAllowed, hostNameOf, isLoopbackName, requestGuard, type GuardOptions } from '../../src/http/guards.js';
import { serve, type Served } from './serve.js';

const opts = (o: Partial<GuardOptions>): GuardOptions => ({ bindHost: '127.0.0.1', allowedHosts: [], allowedOrigins: [], tokenSet: false, ...o });

describe('Host names', () => {
  it('reads the host name of a Host header: lowercase, trimmed, without port, IPv6 without brackets', () => {
    assert.equal(hostNameOf('LocalHost:9464'), 'localhost');
    assert.equal(hostNameOf('  Example.COM  '), 'example.com');
    assert.equal(hostNameOf('example.com'), 'example.com');
    assert.equal(hostNameOf('example.com:'), 'example.com');
    assert.equal(hostNameOf('[::1]:9464'), '::1');
    assert.equal(hostNameOf('[::1]'), '::1');
    assert.equal(hostNameOf('[::1'), '::1', 'an unclosed bracket: the rest');
    // Only digits after the last colon are a port: anything else stays part of the name (and is then refused).
    assert.equal(hostNameOf('evil.example:x80'), 'evil.example:x80');
    assert.equal(hostNameOf('evil.example:80x'), 'evil.example:80x');
    assert.equal(hostNameOf(':9464'), '');
    // A host of digits alone (127.0.0.1 written as one number) has no port to cut.
    assert.equal(hostNameOf('2130706433'), '2130706433');
  });

  it('knows the loopback names: localhost, *.localhost, 127.0.0.0/8, ::1, and nothing else', () => {
    for (const n of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1']) {
      assert.equal(isLoopbackName(n), true, n);
    }
    for (const n of ['', 'localhost.evil.example', 'xlocalhost', 'evil.example', '128.0.0.1', '10.0.0.127', '10.127.0.1', '::2', '::', '127.example', '1270.0.0.1']) {
      assert.equal(isLoopbackName(n), false, n);
    }
  });
});

describe('the Host check per bind', () => {
  it('bound to loopback: only loopback names (and http.allowedHosts), never another name or address', () => {
    const ok = hostAllowed(opts({ bindHost: '127.0.0.1', allowedHosts: ['Grafana.Example:3000'] }));
    for (const h of ['127.0.0.1:9464', 'localhost:9464', '[::1]:9464', 'grafana.example', 'GRAFANA.example:80']) assert.equal(ok(h), true, h);
    for (const h of ['evil.example', 'evil.example:9464', '192.168.1.5', '10.0.0.1:9464', 'agentmon', 'localhost.evil.example']) assert.equal(ok(h), false, h);
  });

  it('a request without Host (HTTP/1.0; no browser sends one) passes', () => {
    for (const bindHost of ['127.0.0.1', '0.0.0.0']) {
      const ok = hostAllowed(opts({ bindHost }));
      assert.equal(ok(undefined), true, bindHost);
      assert.equal(ok(''), true, bindHost);
    }
  });

  it('bound to loopback, a token does not widen the names', () => {
    const ok = hostAllowed(opts({ bindHost: 'localhost', tokenSet: true }));
    assert.equal(ok('evil.example'), false);
    assert.equal(ok('192.168.1.5'), false);
    assert.equal(ok('localhost:1'), true);
  });

  it('bound elsewhere without a token: addresses, single-label names and the bind name, never a dotted DNS name', () => {
    const ok = hostAllowed(opts({ bindHost: 'MyBox.lan' }));
    for (const h of ['192.168.1.5:9464', '[fe80::1]:9464', 'agentmon:9464', 'mybox.lan:9464', 'localhost']) assert.equal(ok(h), true, h);
    for (const h of ['evil.example', 'other.lan:9464']) assert.equal(ok(h), false, h);
    const any = hostAllowed(opts({ bindHost: '0.0.0.0' }));
    assert.equal(any('evil.example'), false);
    assert.equal(any('10.0.0.1'), true);
  });

  it('bound elsewhere with a token: any name (the token protects /api)', () => {
    const ok = hostAllowed(opts({ bindHost: '0.0.0.0', tokenSet: true }));
    assert.equal(ok('evil.example'), true);
  });

  it('"*" in http.allowedHosts turns the check off, also on loopback', () => {
    const ok = hostAllowed(opts({ bindHost: '127.0.0.1', allowedHosts: ['*'] }));
    assert.equal(ok('evil.example'), true);
    assert.equal(ok('10.0.0.1'), true);
  });
});

describe('the guard in front of every route (real HTTP)', () => {
  let s: Served;
  before(async () => {
    const app = express();
    app.use(requestGuard(opts({ bindHost: '127.0.0.1', allowedOrigins: ['https://Grafana.Example'] })));
    app.get('/x', (_req, res) => void res.type('text/plain').send('reached\n'));
    s = await serve(app);
  });
  after(() => s?.close());

  const refusedHost = (r: { status: number; headers: Record<string, unknown>; body: string }) => {
    assert.equal(r.status, 403);
    assert.match(String(r.headers['content-type']), /^text\/plain/);
    assert.match(r.body, /DNS rebinding/);
    assert.match(r.body, /http\.allowedHosts/);
  };
  const refusedOrigin = (r: { status: number; headers: Record<string, unknown>; body: string }) => {
    assert.equal(r.status, 403);
    assert.match(String(r.headers['content-type']), /^text\/plain/);
    assert.match(r.body, /other sites' pages are refused/);
    assert.match(r.body, /http\.allowedOrigins/);
  };

  it('answers a loopback Host and refuses a rebinding name before the route runs', async () => {
    assert.equal((await s.send('/x')).body, 'reached\n');
    assert.equal((await s.send('/x', { host: `localhost:${s.port}` })).status, 200);
    refusedHost(await s.send('/x', { host: `evil.example:${s.port}` }));
    refusedHost(await s.send('/x', { host: '192.168.1.5' }));
    const noHost = await s.raw('GET /x HTTP/1.0\r\n\r\n');
    assert.equal(noHost.status, 200, 'HTTP/1.0 without Host');
    assert.equal(noHost.body, 'reached\n');
  });

  it('lets the exporter\'s own origin through, in any letter case', async () => {
    const r = await s.send('/x', { host: `LOCALHOST:${s.port}`, origin: `http://localhost:${s.port}` });
    assert.equal(r.status, 200);
    assert.equal(r.body, 'reached\n');
    assert.equal((await s.send('/x', { host: `127.0.0.1:${s.port}`, origin: `http://127.0.0.1:${s.port}` })).status, 200);
  });

  it('refuses another site\'s page, "null" and unparsable origins, and an origin on another port', async () => {
    refusedOrigin(await s.send('/x', { host: `127.0.0.1:${s.port}`, origin: 'https://evil.example' }));
    refusedOrigin(await s.send('/x', { host: `127.0.0.1:${s.port}`, origin: 'null' }));
    refusedOrigin(await s.send('/x', { host: `127.0.0.1:${s.port}`, origin: 'not a url' }));
    refusedOrigin(await s.send('/x', { host: `127.0.0.1:${s.port}`, origin: `http://127.0.0.1:${s.port + 1}` }));
    // Without a Host there is nothing to be the same origin as.
    const r = await s.raw(`GET /x HTTP/1.0\r\nOrigin: http://127.0.0.1:${s.port}\r\n\r\n`);
    assert.equal(r.status, 403);
    assert.match(r.body, /other sites' pages are refused/);
  });

  it('lets an origin listed in http.allowedOrigins through, compared without letter case', async () => {
    assert.equal((await s.send('/x', { host: `127.0.0.1:${s.port}`, origin: 'https://grafana.example' })).status, 200);
    assert.equal((await s.send('/x', { host: `127.0.0.1:${s.port}`, origin: 'HTTPS://GRAFANA.EXAMPLE' })).status, 200);
    refusedOrigin(await s.send('/x', { host: `127.0.0.1:${s.port}`, origin: 'https://grafana.example.evil' }));
  });
});
