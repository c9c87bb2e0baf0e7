// One secret detector for every path, over a real serve: the API's raw timeline, /metrics labels (open even with a
// token), session ids, the session list and its CSV, reports, and agentmon's own log. Secrets are the real-shaped
// corpus of test/redact/corpus.ts (Bearer tokens in strings, DB_PASSWORD= lines, sk_live_, glpat-, hf_, npm_, AWS
// keys, URL credentials, mysql -p, values of any type under secret names); its look-alikes must come through.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, startServe, stop, type Running } from '../helpers/exporter.js';
import { LOOK_ALIKES, SECRETS } from '../redact/corpus.js';
import { claudeLine, metricsWhen, rawRequest, workspace } from './helpers.js';

const ws = workspace('redaction');
let serve: Running;
const by = (name: string) => SECRETS.find((s) => s.name === name)!.secret;
const GLPAT = by('gitlab pat');
const HF = by('hugging face token');
const ANTHROPIC = by('anthropic key');
const DB_URL = `postgres://admin:${by('url credentials')}@db.internal:5432/app`;
const TS = '2026-04-01T10:00:00.000Z';

/** Every form a secret could take in an HTTP body: as is, and JSON-escaped. */
const forms = (secret: string): string[] => [secret, JSON.stringify(secret).slice(1, -1)];
const leaks = (body: string, secrets: string[]): string[] => secrets.filter((s) => forms(s).some((f) => body.includes(f)));
const get = (path: string) => rawRequest(serve.port, path, { headers: { host: `127.0.0.1:${serve.port}` } });

before(async () => {
  ensureBuilt();
  ws.write('claude/p/sec.jsonl', [
    JSON.stringify({ type: 'user', timestamp: TS, sessionId: 'sec', cwd: '/w/alpha', message: { role: 'user', content: SECRETS.map((c) => c.text).join('\n\n') } }),
    claudeLine({ session: 'sec', ts: '2026-04-01T10:00:05.000Z', msgId: 'm1', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {
      password: 73914582, apiKey: { value: 'abc123xyz', scope: 'all' }, headers: { Authorization: [`Bearer ${by('bearer token in a header list')}`] }, command: SECRETS.find((c) => c.name === 'mysql -p')!.text,
    } }] }),
    JSON.stringify({ type: 'user', timestamp: '2026-04-01T10:00:09.000Z', sessionId: 'sec', cwd: '/w/alpha', message: { role: 'user', content: LOOK_ALIKES.join('\n\n') } }),
    // A key pasted where the model id goes: it must not become a label, a report row or a log field.
    claudeLine({ session: 'sec', ts: '2026-04-01T10:00:10.000Z', msgId: 'm2', model: ANTHROPIC, content: [{ type: 'text', text: 'ok' }] }),
  ].join('\n') + '\n');
  ws.write('runs/run.jsonl', JSON.stringify({ ts: TS, run: DB_URL, tool: GLPAT, model: HF, proj: 'DB_PASSWORD=hunter2x9', input: 5, output: 5 }) + '\n');
  ws.write('agentmon.yaml', `custom:\n  - agent: runner\n    paths: [${ws.path('runs')}]\n    timestamp: {field: ts}\n    fields: {session: run, tool: tool, model: model, project: proj, inputTokens: input, outputTokens: output}\n`);
  serve = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', ws.path('state'), '--config', ws.path('agentmon.yaml')]);
});

after(async () => {
  if (serve) await stop(serve, 'SIGKILL');
  ws.cleanup();
});

describe('secrets never leave the exporter', () => {
  it('the raw timeline masks every corpus secret and values under secret names; look-alikes survive', async () => {
    const r = await get('/api/v1/raw/sessions/claude-code:sec');
    assert.equal(r.status, 200);
    assert.deepEqual(leaks(r.body, SECRETS.map((c) => c.secret)), []);
    assert.deepEqual(leaks(r.body, ['73914582', 'abc123xyz']), []);
    assert.deepEqual(LOOK_ALIKES.filter((t) => !r.body.includes(JSON.stringify(t).slice(1, -1))), []);
  });

  it('/metrics labels, the session list (JSON and CSV) and session ids carry no secret', async () => {
    const metrics = await (await fetch(`${serve.url}/metrics`)).text();
    const secrets = [GLPAT, HF, ANTHROPIC, 'hunter2x9', by('url credentials')];
    assert.deepEqual(leaks(metrics, secrets), []);
    assert.match(metrics, /agentmon_tool_calls_total\{agent="runner",project="redacted",tool="redacted"\} 1/);
    const list = await get('/api/v1/sessions?limit=100');
    const csv = await get('/api/v1/sessions?limit=100&format=csv');
    for (const body of [list.body, csv.body]) assert.deepEqual(leaks(body, secrets), []);
    const ids = (JSON.parse(list.body) as { items: { id: string }[] }).items.map((s) => s.id).sort();
    assert.equal(ids.length, 2);
    assert.match(ids[1]!, /^runner:redacted-[0-9a-f]{8}$/);
  });

  it('reports (JSON and CSV previews) carry no secret', async () => {
    for (const format of ['json', 'csv', 'md']) {
      const r = await rawRequest(serve.port, '/api/v1/reports/preview', { method: 'POST', headers: { host: `127.0.0.1:${serve.port}`, 'content-type': 'application/json' }, body: JSON.stringify({ template: 'daily', format, from: '2026-04-01T00:00:00Z', to: '2026-04-02T00:00:00Z' }) });
      assert.equal(r.status, 200, r.body);
      assert.deepEqual(leaks(r.body, [GLPAT, HF, ANTHROPIC, 'hunter2x9']), [], format);
    }
  });

  it("agentmon's own log carries no secret", async () => {
    await metricsWhen(serve.url, () => true);
    assert.match(serve.stderr(), /model has no price/);
    assert.deepEqual(leaks(serve.stderr(), [ANTHROPIC, GLPAT, HF, by('url credentials')]), []);
  });
});
