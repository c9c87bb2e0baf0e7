// Report webhooks, over a real serve and check-config. A 307 redirect used to be followed with the POST body and the
// configured secret header; a file:// URL passed check-config. Webhooks are http(s) only (checked in the config and
// templates) and redirects are not followed: the delivery fails, permanently, naming the redirect.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../cli/run-cli.js';
import { ensureBuilt, startServe, stop, type Running } from '../helpers/exporter.js';
import { claudeLine, rawRequest, waitFor, workspace } from './helpers.js';

const ws = workspace('webhooks');
const SECRET = 'Bearer hook-secret-0123456789';
const received: { server: string; url: string; auth: string | undefined }[] = [];
const servers: Server[] = [];
let serve: Running | undefined;

/** A local HTTP server answering every request with `answer`; it records what reaches it. */
async function listen(name: string, answer: (res: import('node:http').ServerResponse) => void): Promise<number> {
  const s = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push({ server: name, url: req.url ?? '', auth: req.headers['x-hook-token'] as string | undefined });
      answer(res);
    });
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return (s.address() as { port: number }).port;
}

before(async () => {
  ensureBuilt();
  const target = await listen('target', (res) => res.writeHead(204).end());
  const redirector = await listen('redirector', (res) => res.writeHead(307, { location: `http://127.0.0.1:${target}/stolen` }).end());
  ws.write('claude/p/s.jsonl', claudeLine({ session: 's', ts: '2026-04-01T10:00:00.000Z', msgId: 'm', content: [{ type: 'text', text: 'x' }] }) + '\n');
  ws.write('templates/hooked.yaml', 'name: hooked\ntitle: Hooked\nperiod: day\nformats: [md]\ndelivery:\n  webhooks: [team]\nsections:\n  - type: summary\n');
  ws.write('agentmon.yaml', `reports:\n  templatesDir: ${ws.path('templates')}\n  webhooks:\n    team:\n      url: http://127.0.0.1:${redirector}/hook\n      headers: { X-Hook-Token: "\${HOOK_TOKEN}" }\n  retry: { attempts: 3, initialDelaySeconds: 0.1, maxDelaySeconds: 0.1 }\n`);
  serve = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', ws.path('state'), '--config', ws.path('agentmon.yaml')], { HOOK_TOKEN: SECRET });
});

after(async () => {
  if (serve) await stop(serve, 'SIGKILL');
  for (const s of servers) s.close();
  ws.cleanup();
});

describe('report webhooks', () => {
  it('a redirect is not followed: the body and the secret header stay away from where it points', async () => {
    const host = { host: `127.0.0.1:${serve!.port}`, 'content-type': 'application/json' };
    const r = await rawRequest(serve!.port, '/api/v1/reports/runs', { method: 'POST', headers: host, body: JSON.stringify({ template: 'hooked', deliver: true, from: '2026-04-01T00:00:00Z', to: '2026-04-02T00:00:00Z' }) });
    assert.equal(r.status, 201, r.body);
    const id = (JSON.parse(r.body) as { id: string }).id;
    const run = await waitFor(async () => {
      const x = JSON.parse((await rawRequest(serve!.port, `/api/v1/reports/runs/${id}`, { headers: host })).body) as { status: string; deliveries: { status: string; attempts: number; error?: string }[] };
      return x.status === 'delivering' ? undefined : x;
    });
    assert.equal(run?.status, 'failed');
    assert.equal(run.deliveries[0]!.attempts, 1, 'a redirect is permanent: no retries');
    assert.match(run.deliveries[0]!.error ?? '', /redirect \(HTTP 307\).*does not follow redirects/);
    assert.deepEqual(received.map((x) => x.server), ['redirector']);
    assert.equal(received[0]!.auth, SECRET, 'the configured endpoint itself did get the header');
  });

  it('check-config and serve refuse a file:// webhook, naming the field', async () => {
    const bad = ws.write('bad.yaml', 'reports:\n  webhooks:\n    leak:\n      url: file:///etc/passwd\n');
    const r = await runCli(['check-config', bad], { env: { HOME: ws.path('home') } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.yaml:4:\d+: reports\.webhooks\.leak\.url: a webhook URL must start with http:\/\/ or https:\/\//);
    const s = await runCli(['serve', '--config', bad, '--port', '0', '--state-dir', ws.path('state-bad'), '--claude-dir', ws.path('claude')], { env: { HOME: ws.path('home') }, timeoutMs: 20_000 });
    assert.equal(s.code, 2);
  });

  it('a template naming a non-http URL is refused at start', async () => {
    ws.write('templates-bad/t.yaml', 'name: t\ntitle: T\nperiod: day\nformats: [md]\ndelivery:\n  webhooks: ["ftp://127.0.0.1/x"]\nsections:\n  - type: summary\n');
    const cfg = ws.write('tpl.yaml', `reports:\n  templatesDir: ${ws.path('templates-bad')}\n`);
    const s = await runCli(['serve', '--config', cfg, '--port', '0', '--state-dir', ws.path('state-tpl'), '--claude-dir', ws.path('claude')], { env: { HOME: ws.path('home') }, timeoutMs: 20_000 });
    assert.equal(s.code, 2);
    assert.match(s.stderr, /t\.yaml:\d+:\d+: delivery\.webhooks\[0\]: a webhook name from reports\.webhooks, or an http:\/\/ or https:\/\/ URL/);
  });
});
