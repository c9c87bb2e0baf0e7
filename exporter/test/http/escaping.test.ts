// Text that is not from a log line reaches HTML unescaped unless the page escapes it: folder paths on the landing
// page, template titles and table cells in the report. Log text is sanitized before it gets there, so only these
// tests can see an escape removed. Each name below holds every character HTML treats specially.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine.js';
import { esc as landingEsc } from '../../src/http/landing-html.js';
import { renderLanding } from '../../src/http/landing.js';
import { buildReport } from '../../src/reports/build.js';
import { esc as reportEsc } from '../../src/reports/render/format.js';
import { renderHtml } from '../../src/reports/render/html.js';
import { loadTemplates } from '../../src/reports/template/load.js';
import { silentLogger } from '../../src/util/log.js';
import { claudeAssistant } from '../helpers/lines.js';
import { scanForReports, teamLogs, WEEK_B } from '../reports/harness.js';

const NASTY = `<img src=x onerror="alert('&')">`;

describe('HTML escaping of text that is not from a log line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-escape-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('escapes & < > " and \' exactly, in the landing page and the report', () => {
    assert.equal(landingEsc(NASTY), '&lt;img src=x onerror=&quot;alert(&#39;&amp;&#39;)&quot;&gt;');
    assert.equal(reportEsc(NASTY), '&#60;img src=x onerror=&#34;alert(&#39;&#38;&#39;)&#34;&#62;');
  });

  it('landing page: a watched folder named like markup shows as text', async () => {
    const folder = join(dir, NASTY.replace(/\//g, '|'));
    mkdirSync(join(folder, 'p'), { recursive: true });
    writeFileSync(join(folder, 'p', 's.jsonl'), claudeAssistant({ msgId: 'm1', reqId: 'r1', ts: '2026-03-11T09:00:00Z', usage: { input: 10 } }) + '\n');
    const config = await loadConfig({ dirs: { 'claude-code': [folder], codex: [], gemini: [] }, stateDir: join(dir, 'state') }, {});
    const engine = new Engine(config, silentLogger, undefined, {});
    await engine.scanAll();
    await engine.tracker.closeAll();
    const html = renderLanding(engine, '0.0.0-<b>', Date.parse('2026-03-12T12:00:00Z'));
    assert.ok(!html.includes('<img'), 'no markup from the folder name');
    assert.ok(html.includes(`<code>${landingEsc(folder)}</code>`));
    assert.ok(html.includes('agentmon <small>0.0.0-&lt;b&gt;</small>'));
  });

  it('report HTML: a template title, a section title, a column label and a table cell named like markup show as text', async () => {
    const logs = teamLogs();
    try {
      const src = (await scanForReports(logs)).src;
      const doc = await buildReport(loadTemplates().get('weekly')!.template, src, { range: WEEK_B, timezone: 'UTC' });
      doc.title = NASTY;
      const table = doc.sections.find((x) => x.type === 'table' && x.items.length > 0);
      assert.ok(table && table.type === 'table', 'the weekly report has a table with rows');
      table.title = NASTY;
      const column = table.columns.find((c) => c.key !== 'costUsd')!;
      column.label = NASTY;
      table.items[0]![column.key] = NASTY;
      const html = renderHtml(doc);
      assert.ok(!html.includes('<img'), 'no markup from the template or the table');
      assert.ok(html.includes(`<title>${reportEsc(NASTY)} (`));
      assert.ok(html.includes(`<h2>${reportEsc(NASTY)}</h2>`));
      assert.ok(html.includes(`>${reportEsc(NASTY)}</th>`));
      assert.ok(html.includes(`>${reportEsc(NASTY)}</td>`));
    } finally {
      logs.cleanup();
    }
  });
});
