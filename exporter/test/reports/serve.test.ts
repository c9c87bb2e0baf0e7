// Reports in a real `agentmon serve`: /api/v1/reports behind the bearer token, previews that agree with scan, runs
// with downloadable files, a template scheduled every second delivering to a folder and a webhook, and report
// activity (tool numbers) that survives a restart.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { agentmon } from '../fixtures/cli.js';
import { ensureBuilt, sleep, startServe, stop, type Running } from '../helpers/exporter.js';
import { teamLogs, WEEK_B } from './harness.js';

const TOKEN = 'reports-test-token-0123456789';

describe('reports in serve', () => {
  const logs = teamLogs();
  const dirs = ['--claude-dir', logs.claude, '--codex-dir', logs.codex];
  const posted: Record<string, unknown>[] = [];
  let hook: Server;
  let serve: Running | undefined;
  let config = '';
  const preview = (body: Record<string, unknown>) => api('/preview', { method: 'POST', body: JSON.stringify(body) });
  const api = (path: string, init: RequestInit = {}) => fetch(`${serve!.url}/api/v1/reports${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const start = async () => (serve = await startServe(['--config', config, ...dirs], { AGENTMON_API_TOKEN: TOKEN }));

  before(async () => {
    ensureBuilt();
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        posted.push(JSON.parse(body) as Record<string, unknown>);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const templates = join(logs.dir, 'templates');
    mkdirSync(templates);
    writeFileSync(join(templates, 'every.yaml'), `name: every
title: Every second
schedule: "* * * * * *"
period: day
formats: [md]
delivery:
  folder: ../out
  webhooks: ["http://127.0.0.1:${(hook.address() as { port: number }).port}/hook"]
sections:
  - type: summary
`);
    config = join(logs.dir, 'agentmon.yaml');
    writeFileSync(config, `stateDir: state\nreports:\n  enabled: true\n  templatesDir: templates\n  retry: { attempts: 2, initialDelaySeconds: 0.1, maxDelaySeconds: 0.1 }\n`);
    await start();
  });
  after(async () => {
    if (serve) await stop(serve);
    hook.close();
    logs.cleanup();
  });

  it('lists the templates behind the bearer token', async () => {
    assert.equal((await fetch(`${serve!.url}/api/v1/reports/templates`)).status, 401);
    const { items } = (await (await api('/templates')).json()) as { items: { name: string; builtin: boolean; schedule: string | null; nextRunAt: string | null; sections: { type: string }[] }[] };
    assert.deepEqual(items.map((t) => [t.name, t.builtin]).sort(), [['daily', true], ['every', false], ['monthly', true], ['weekly', true]]);
    const every = items.find((t) => t.name === 'every')!;
    assert.equal(every.schedule, '* * * * * *');
    assert.ok(Date.parse(every.nextRunAt ?? '') - Date.now() < 2000);
    assert.deepEqual(every.sections, [{ type: 'summary' }]);
  });

  it('previews a report for a Grafana time range that agrees with scan', async () => {
    const r = await preview({ template: 'weekly', from: WEEK_B.startMs, to: WEEK_B.endMs });
    assert.equal(r.status, 200);
    const doc = (await r.json()) as { totals: unknown; sections: { type: string; items?: { metric: string; value: number }[] }[] };
    const scan = JSON.parse(await agentmon(['scan', '--json', ...dirs, '--since', '2026-03-09', '--until', '2026-03-15'])) as { totals: unknown };
    assert.deepEqual(doc.totals, scan.totals);
    assert.equal(doc.sections[0]!.items!.find((i) => i.metric === 'toolCalls')?.value, 5);
    const html = await preview({ template: 'daily', format: 'html', from: '2026-03-10T00:00:00Z', to: '2026-03-11T00:00:00Z' });
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await html.text(), /<svg class="chart chart-bar"/);
    const bad = await preview({ template: 'weekly', from: 'yesterday' });
    assert.deepEqual([bad.status, await bad.json()], [400, { error: 'from: expected a day (YYYY-MM-DD), an ISO 8601 time or Unix milliseconds' }]);
    assert.equal((await preview({ template: 'yearly' })).status, 404);
    // Previews cost seconds of CPU: a link or an image on some web page must not be able to start one.
    const viaGet = await api(`/preview?template=weekly&from=${WEEK_B.startMs}&to=${WEEK_B.endMs}`);
    assert.deepEqual([viaGet.status, viaGet.headers.get('allow')], [405, 'POST']);
  });

  it("reads from/to by the CLI's rule: a day includes itself, an exact time is the end itself", async () => {
    type Doc = { range: { firstDay: string; lastDay: string }; totals: unknown };
    const days = (await (await preview({ template: 'weekly', from: '2026-03-09', to: '2026-03-15' })).json()) as Doc;
    const cli = JSON.parse(await agentmon(['report', '--template', 'weekly', '--format', 'json', ...dirs, '--from', '2026-03-09', '--to', '2026-03-15'])) as Doc;
    assert.deepEqual([days.range, days.totals], [cli.range, cli.totals]);
    assert.deepEqual([days.range.firstDay, days.range.lastDay], ['2026-03-09', '2026-03-15']);
    const exact = (await (await preview({ template: 'weekly', from: '2026-03-09T00:00:00Z', to: '2026-03-15T00:00:00Z' })).json()) as Doc;
    assert.equal(exact.range.lastDay, '2026-03-14');
    const run = (await (await api('/runs', { method: 'POST', body: JSON.stringify({ template: 'weekly', formats: ['json'], from: '2026-03-09', to: '2026-03-15' }) })).json()) as { files: { format: string }[]; id: string };
    const stored = (await (await api(`/runs/${run.id}/files/json`)).json()) as Doc;
    assert.deepEqual(stored.range, cli.range);
  });

  it('runs a template on demand and serves its files', async () => {
    const r = await api('/runs', { method: 'POST', body: JSON.stringify({ template: 'weekly', from: '2026-03-09T00:00:00Z', to: '2026-03-16T00:00:00Z' }) });
    assert.equal(r.status, 201);
    const run = (await r.json()) as { id: string; status: string; files: { format: string }[]; deliveries: unknown[] };
    assert.deepEqual([run.status, run.files.map((f) => f.format), run.deliveries], ['ok', ['html', 'pdf', 'json'], []]);
    const pdf = await api(`/runs/${run.id}/files/pdf`);
    assert.equal(pdf.headers.get('content-disposition'), 'attachment; filename="weekly-2026-03-09_2026-03-15.pdf"');
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
    const json = (await (await api(`/runs/${run.id}/files/json`)).json()) as { totals: { requests: number } };
    assert.equal(json.totals.requests, 7);
    // A run may ask for other formats than the template's (JSON is always kept for the history).
    const chosen = (await (await api('/runs', { method: 'POST', body: JSON.stringify({ template: 'weekly', formats: ['csv', 'md'], from: '2026-03-09T00:00:00Z', to: '2026-03-16T00:00:00Z' }) })).json()) as { files: { format: string }[] };
    assert.deepEqual(chosen.files.map((f) => f.format), ['csv', 'md', 'json']);
    const bad = await api('/runs', { method: 'POST', body: JSON.stringify({ template: 'weekly', formats: ['docx'] }) });
    assert.equal(bad.status, 400);
    assert.equal((await api(`/runs/${run.id}/files/csv`)).status, 404);
    assert.equal((await api('/runs/../../etc/files/json')).status, 404);
  });

  it('runs the every-second template on schedule and delivers to the folder and the webhook', async () => {
    let runs: { status: string; trigger: string }[] = [];
    for (let i = 0; i < 100 && !runs.some((r) => r.status === 'ok'); i++) {
      await sleep(100);
      runs = ((await (await api('/runs?template=every')).json()) as { items: typeof runs }).items;
    }
    assert.ok(runs.some((r) => r.status === 'ok' && r.trigger === 'schedule'), JSON.stringify(runs));
    assert.ok(posted.length >= 1);
    assert.equal(posted[0]!.template, 'every');
    assert.ok(readdirSync(join(logs.dir, 'out')).some((f) => /^every-\d{4}-\d{2}-\d{2}\.md$/.test(f)));
  });

  it('keeps tool numbers across a restart (the activity store is saved in the checkpoint)', async () => {
    assert.equal(await stop(serve!), 0);
    serve = undefined;
    const checkpoint = JSON.parse(readFileSync(join(logs.dir, 'state', 'checkpoint.json'), 'utf8')) as { parts: Record<string, { version: number }> };
    assert.equal(checkpoint.parts['reports.activity']?.version, 1);
    await start();
    const doc = (await (await preview({ template: 'weekly', from: WEEK_B.startMs, to: WEEK_B.endMs })).json()) as { notes: string[]; sections: { type: string; items?: { metric: string; value: number }[] }[] };
    const values = Object.fromEntries(doc.sections[0]!.items!.map((i) => [i.metric, i.value]));
    assert.deepEqual([values.toolCalls, values.repeatedToolCalls, values.toolErrorRate], [5, 2, 0.4]);
    assert.deepEqual(doc.notes, []);
    const history = ((await (await api('/runs?limit=1000')).json()) as { items: { template: string }[] }).items;
    assert.ok(history.some((r) => r.template === 'weekly'), 'run history survives the restart');
  });

  it('reads the tool history from the logs on disk when the state predates reports', async () => {
    // The checkpoint stays (usage is restored from it), the activity store is gone: as after an upgrade.
    assert.equal(await stop(serve!), 0);
    serve = undefined;
    const file = join(logs.dir, 'state', 'checkpoint.json');
    const checkpoint = JSON.parse(readFileSync(file, 'utf8')) as { parts?: unknown };
    delete checkpoint.parts;
    writeFileSync(file, JSON.stringify(checkpoint));
    await start();
    let doc: { notes: string[]; totals: { requests: number }; sections: { type: string; items?: { metric: string; value: number }[] }[] } | undefined;
    for (let i = 0; i < 100; i++) {
      doc = (await (await preview({ template: 'weekly', from: WEEK_B.startMs, to: WEEK_B.endMs })).json()) as typeof doc;
      if (doc!.notes.length === 0) break;
      await sleep(100);
    }
    assert.deepEqual(doc!.notes, []);
    const values = Object.fromEntries(doc!.sections[0]!.items!.map((i) => [i.metric, i.value]));
    assert.deepEqual([values.toolCalls, values.repeatedToolCalls, doc!.totals.requests], [5, 2, 7]);
  });
});
