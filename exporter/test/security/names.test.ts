// Per-name state is bounded like /metrics, over a real serve: a log inventing a new project, model and tool on every
// line (100,000 names made an 863 MB exporter with a 129 MB checkpoint) now keeps the first labels.maxHistoryNames
// names in the usage history and counts the rest under "other" — totals stay exact — and names only the first 100
// unpriced models in the log.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, startServe, stop, sumMetric, type Running } from '../helpers/exporter.js';
import { claudeLine, metricsWhen, rawRequest, workspace } from './helpers.js';

const ws = workspace('names');
const N = 30_000;
const CAP = 100;
let serve: Running;

before(async () => {
  ensureBuilt();
  const start = Date.parse('2026-04-01T00:00:00Z');
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    lines.push(claudeLine({ session: `s${i % 20}`, ts: new Date(start + i * 1000).toISOString(), msgId: `m${i}`, cwd: `/w/project-${i}`, model: `model-${i}`, content: [{ type: 'tool_use', id: `t${i}`, name: `tool_${i}`, input: {} }] }));
  }
  ws.write('claude/p/names.jsonl', lines.join('\n') + '\n');
  ws.write('agentmon.yaml', `labels:\n  maxHistoryNames: ${CAP}\n`);
  serve = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', ws.path('state'), '--config', ws.path('agentmon.yaml')]);
});

after(async () => {
  if (serve) await stop(serve, 'SIGKILL');
  ws.cleanup();
});

describe('a log of ever-new names', () => {
  it('counts every request exactly', async () => {
    const m = await metricsWhen(serve.url, (x) => sumMetric(x, 'agentmon_requests_total') === N);
    assert.equal(sumMetric(m, 'agentmon_requests_total'), N);
    assert.equal(sumMetric(m, 'agentmon_tool_calls_total'), N);
  });

  it('the report over the whole history agrees to the request, with the names past the cap under "other"', async () => {
    const r = await rawRequest(serve.port, '/api/v1/reports/preview', { method: 'POST', headers: { host: `127.0.0.1:${serve.port}`, 'content-type': 'application/json' }, body: JSON.stringify({ template: 'daily', format: 'json', from: '2026-04-01T00:00:00Z', to: '2026-04-02T00:00:00Z' }) });
    assert.equal(r.status, 200, r.body);
    const doc = JSON.parse(r.body) as { totals: { requests: number } };
    assert.equal(doc.totals.requests, N);
  });

  it('the checkpoint holds at most the cap of names per kind, and stays small', async () => {
    assert.equal(await stop(serve), 0);
    const file = ws.path('state', 'checkpoint.json');
    const c = JSON.parse(readFileSync(file, 'utf8')) as { ledger: { rollups: { project: string; model: string }[] }; parts: { 'reports.activity': { tools: { tool: string }[] } } };
    const distinct = (xs: string[]) => new Set(xs).size;
    assert.ok(distinct(c.ledger.rollups.map((r) => r.project)) <= CAP + 1);
    assert.ok(distinct(c.ledger.rollups.map((r) => r.model)) <= CAP + 1);
    assert.ok(c.ledger.rollups.some((r) => r.project === 'other' && r.model === 'other'));
    assert.ok(distinct(c.parts['reports.activity'].tools.map((r) => r.tool)) <= CAP + 1);
    const mb = statSync(file).size / 1e6;
    assert.ok(mb < 5, `checkpoint of ${mb.toFixed(1)} MB for ${N} names`);
    const unpriced = serve.stderr().split('\n').filter((l) => l.includes('model has no price')).length;
    assert.ok(unpriced <= 100, `${unpriced} log lines about unpriced models`);
  });
});
