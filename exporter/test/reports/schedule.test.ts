// Scheduled reports are opt-in: a zero-config serve schedules nothing. Asked for, a scheduled template whose PDF this
// machine cannot make (no Chromium) is warned about once, at start, and its runs still deliver the other formats.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, sleep, startServe, stop, type Running } from '../helpers/exporter.js';
import { teamLogs } from './harness.js';

describe('scheduled reports', () => {
  const logs = teamLogs();
  const dirs = ['--claude-dir', logs.claude, '--codex-dir', logs.codex];
  let serve: Running | undefined;
  before(() => ensureBuilt());
  after(async () => {
    if (serve) await stop(serve);
    logs.cleanup();
  });

  it('schedules nothing without reports.enabled', async () => {
    serve = await startServe(['--state-dir', join(logs.dir, 'state-zero'), ...dirs]);
    const { items } = (await (await fetch(`${serve.url}/api/v1/reports/templates`)).json()) as { items: { name: string; schedule: string | null; nextRunAt: string | null }[] };
    assert.deepEqual(items.map((t) => [t.name, t.nextRunAt]), [['daily', null], ['monthly', null], ['weekly', null]]);
    assert.ok(items.every((t) => t.schedule !== null), 'the templates keep their schedules, shown but not run');
    assert.equal(await stop(serve), 0);
    serve = undefined;
  });

  it('warns once per template that wants a PDF it cannot make, and delivers the rest', async () => {
    const templates = join(logs.dir, 'templates');
    mkdirSync(templates);
    writeFileSync(join(templates, 'every.yaml'), 'name: every\ntitle: Every second\nschedule: "* * * * * *"\nperiod: day\nformats: [html, pdf]\nsections:\n  - type: summary\n');
    const config = join(logs.dir, 'agentmon.yaml');
    writeFileSync(config, `stateDir: state\nreports:\n  enabled: true\n  templatesDir: templates\n`);
    serve = await startServe(['--config', config, ...dirs], { AGENTMON_CHROMIUM: join(logs.dir, 'no-chromium-here') });
    let runs: { status: string; files: { format: string }[] }[] = [];
    for (let i = 0; i < 100 && !runs.some((r) => r.status === 'ok'); i++) {
      await sleep(100);
      runs = ((await (await fetch(`${serve.url}/api/v1/reports/runs?template=every`)).json()) as { items: typeof runs }).items;
    }
    const done = runs.find((r) => r.status === 'ok');
    assert.deepEqual(done?.files.map((f) => f.format), ['html', 'json'], JSON.stringify(runs));
    const warned = serve.stderr().split('\n').filter((l) => l.includes('cannot be made as PDF'));
    // One line per scheduled template with pdf among its formats: every, weekly and monthly (daily has none).
    assert.deepEqual(warned.map((l) => (JSON.parse(l) as { template: string }).template).sort(), ['every', 'monthly', 'weekly']);
  });
});
