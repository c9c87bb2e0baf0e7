// The landing page of a newcomer whose logs are all history: per agent today, the last 7 and 30 days and all
// history, unpriced usage marked, the hook spool apart from the agents' folders; and, in headless Chromium, numbers
// right-aligned under their headers (total row included) while the status column reads left-aligned.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine.js';
import { renderLanding } from '../../src/http/landing.js';
import { withChromiumPage } from '../../src/reports/render/pdf.js';
import { silentLogger } from '../../src/util/log.js';
import { claudeAssistant } from '../helpers/lines.js';

const NOW = Date.parse('2026-03-12T12:00:00Z');

/** Measures, in the page, how far each cell's text ends from its cell's right edge (and starts from its left edge). */
const MEASURE = `(() => {
  const box = (el) => el.getBoundingClientRect();
  const text = (el) => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect(); };
  const usage = document.querySelector('#usage');
  const heads = [...usage.querySelectorAll('thead tr:last-child th')];
  const columns = heads.map((h, i) => ({
    head: Math.round(text(h).right - box(h).right),
    cells: [...usage.querySelectorAll('tbody tr, tfoot tr')].map((tr) => { const td = tr.querySelectorAll('td')[i + 1]; return Math.round(text(td).right - box(td).right); }),
  }));
  const status = [...document.querySelectorAll('#folders tr')].map((tr) => tr.children[2]).map((c) => Math.round(text(c).left - box(c).left));
  return { columns, status, total: document.querySelectorAll('#usage tfoot tr.total').length };
})()`;

describe('landing page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-landing-'));
  let html = '';
  before(async () => {
    const projects = join(dir, 'claude');
    mkdirSync(join(projects, 'alpha'), { recursive: true });
    const lines = [
      // Yesterday (in the last 7 days) and 40 days ago (all history only): Sonnet 4.5, 1,000 input each = $0.003.
      claudeAssistant({ msgId: 'm1', reqId: 'r1', ts: '2026-03-11T09:00:00Z', usage: { input: 1000 } }),
      claudeAssistant({ msgId: 'm2', reqId: 'r2', ts: '2026-01-31T09:00:00Z', usage: { input: 1000 } }),
      // 20 days ago, a model without a price.
      claudeAssistant({ msgId: 'm3', reqId: 'r3', ts: '2026-02-20T09:00:00Z', model: 'acme-coder-9', usage: { input: 50 } }),
    ];
    writeFileSync(join(projects, 'alpha', 's.jsonl'), `${lines.join('\n')}\n`);
    // The spool named beside the transcripts, as a serve given --claude-dir reads it (docs/hooks.md).
    const config = await loadConfig({ dirs: { 'claude-code': [projects, join(dir, 'nowhere'), join(dir, 'state', 'hooks')], codex: [], gemini: [] }, stateDir: join(dir, 'state') }, {});
    const engine = new Engine(config, silentLogger, undefined, {});
    await engine.scanAll();
    await engine.tracker.closeAll();
    html = renderLanding(engine, '0.0.0-test', NOW);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shows today, the last 7 and 30 days and all history per agent, unpriced usage marked', async () => {
    const cells = await withChromiumPage(async (page) => {
      await page.setContent(html);
      return await page.$$eval('#usage tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    });
    // today: nothing; 7 days: $0.003; 30 days: $0.003 + the unpriced request; all history: both priced ones too.
    assert.deepEqual(cells, [['claude-code', '–', '–', '$0.0030', '1,000', '$0.0030*', '1,050', '$0.0060*', '2,050']]);
    assert.match(html, /\* 1 request of acme-coder-9 has no price and counts as \$0/);
    assert.doesNotMatch(html, /No usage recorded today/);
  });

  it('lists the hook spool apart, never as a Claude Code folder "not found"', () => {
    const folders = /<table id="folders">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    assert.doesNotMatch(folders, /hooks/);
    assert.match(folders, /nowhere<\/code><\/td><td class="status missing">not found/);
    assert.match(html, /<p id="hooks">Claude Code hooks .*no hook events yet/);
  });

  it('aligns numbers under their headers, the total row too, and the status column to the left', async () => {
    // Two agents, so the page has a total row.
    const codex = join(dir, 'codex', '2026', '03', '10');
    mkdirSync(codex, { recursive: true });
    const usage = { input_tokens: 4000, cached_input_tokens: 0, output_tokens: 10, reasoning_output_tokens: 0, total_tokens: 4010 };
    writeFileSync(join(codex, 'rollout-x.jsonl'), [{ timestamp: '2026-03-10T09:00:00Z', type: 'turn_context', payload: { model: 'gpt-5-codex', cwd: '/w/alpha' } }, { timestamp: '2026-03-10T09:00:01Z', type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: usage, last_token_usage: usage } } }].map((l) => JSON.stringify(l)).join('\n') + '\n');
    const config = await loadConfig({ dirs: { 'claude-code': [join(dir, 'claude')], codex: [join(dir, 'codex')], gemini: [] }, stateDir: join(dir, 'state') }, {});
    const engine = new Engine(config, silentLogger, undefined, {});
    await engine.scanAll();
    await engine.tracker.closeAll();
    const page2 = renderLanding(engine, '0.0.0-test', NOW);
    const seen = await withChromiumPage(async (page) => {
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.setContent(page2);
      // A string, not a function: the test runner's transform would add helpers the page does not have.
      return (await page.evaluate(MEASURE)) as { columns: { head: number; cells: number[] }[]; status: number[]; total: number };
    });
    assert.equal(seen.total, 1);
    // Each number ends where its column's header ends (the same padding from the cell's right edge).
    for (const c of seen.columns) for (const offset of c.cells) assert.ok(Math.abs(offset - c.head) <= 1, JSON.stringify(seen.columns));
    // "found" and "not found" start where the header "status" starts.
    assert.ok(seen.status.length >= 3 && seen.status.every((o) => Math.abs(o - seen.status[0]!) <= 1), JSON.stringify(seen.status));
  });
});
