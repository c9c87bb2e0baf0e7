// What a reader sees, for every built-in template on a month of data and on an empty day: the HTML and PDF rendered
// by headless Chromium and looked at as pages. Pages are not left half blank because every section starts a new
// one; y-axis labels keep one precision; nothing is wider than the page; a template's description ("Last week's
// ...") is not printed over another range; an empty period says so instead of drawing rows of $0.00.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildReport } from '../../src/reports/build.js';
import { renderHtml } from '../../src/reports/render/html.js';
import { renderPdf, withChromiumPage } from '../../src/reports/render/pdf.js';
import { loadTemplates } from '../../src/reports/template/load.js';
import { EXPORTER_DIR } from '../fixtures/cli.js';
import { type SessionSpec, sources, type ToolSpec } from './sources.js';

const DAY = 86_400_000;
const MARCH = Date.parse('2026-03-01T00:00:00Z');
const MODELS = ['claude-opus-4-6', 'claude-sonnet-4-6', 'claude-haiku-4-5', 'gpt-5.3-codex', 'gemini-2.5-pro'];

/** A month of varied use: 1–6 sessions a day on five models, and a dozen tools with errors, repeats and durations. */
function month() {
  const sessions: SessionSpec[] = [];
  const tools: ToolSpec[] = [];
  for (let d = 0; d < 31; d++) {
    for (let s = 0; s < 1 + ((d * 7) % 6); s++) {
      const model = MODELS[(d + s) % MODELS.length]!;
      const agent = model.startsWith('gpt') ? 'codex' : model.startsWith('gemini') ? 'gemini' : 'claude-code';
      sessions.push({ agent, model, startMs: MARCH + d * DAY + (9 + s) * 3_600_000, minutes: 5 + ((d * s) % 50), requests: 2 + ((d + 3 * s) % 30), perRequest: [200 + s * 10, 150 + ((d * 37) % 900), 20_000 + d * 500, model.startsWith('claude') ? 800 : 0, 0] });
    }
    for (let t = 0; t < 12; t++) {
      const calls = 5 + ((d + t) % 20);
      tools.push({ agent: 'claude-code', ms: MARCH + d * DAY + 10 * 3_600_000, tool: `Tool${t}`, calls, repeats: (d + t) % 3, errors: { exit_code: (d * t) % 4, not_found: t % 2 }, seconds: Array.from({ length: calls }, (_, i) => 0.5 + ((i * 13 + t * 7) % 90)) });
    }
  }
  return sources(sessions, tools);
}

/** Returns, per page of a PDF, the share of the page below its last ink (a 30 dpi grayscale rendering). */
function blankTails(pdf: Buffer, dir: string): number[] {
  const file = join(dir, `r${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const prefix = `${file}-page`;
  execFileSync('pdftoppm', ['-r', '30', '-gray', file, prefix]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${file.split('/').pop()}-page`))
    .sort()
    .map((f) => {
      const buf = readFileSync(join(dir, f));
      const [, w, h] = buf.subarray(0, 64).toString('latin1').split(/\s+/).map(Number) as [number, number, number];
      const start = buf.length - w * h;
      let last = 0;
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (buf[start + y * w + x]! < 200) { last = y; break; }
      return 1 - last / h;
    });
}

/** Measured in the page: each chart's tick labels, and how far the widest element reaches past the viewport. */
const MEASURE = `(() => ({
  ticks: [...document.querySelectorAll('svg.chart')].map((svg) => [...svg.querySelectorAll('text.tick')].map((t) => t.textContent)),
  overflow: document.documentElement.scrollWidth - window.innerWidth,
}))()`;

const CASES = [
  { template: 'daily', range: { startMs: MARCH + 9 * DAY, endMs: MARCH + 10 * DAY } },
  { template: 'weekly', range: { startMs: MARCH + 8 * DAY, endMs: MARCH + 15 * DAY } },
  { template: 'monthly', range: { startMs: MARCH, endMs: MARCH + 31 * DAY } },
  // The issue's case: the weekly template over six months.
  { template: 'weekly', range: { startMs: Date.parse('2025-12-01T00:00:00Z'), endMs: Date.parse('2026-06-01T00:00:00Z') } },
];

describe('report layout, looked at as pages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-layout-'));
  const src = month();
  const templates = loadTemplates();
  before(() => execFileSync('bash', [join(EXPORTER_DIR, '..', 'scripts', 'install-tools.sh')], { stdio: 'inherit' }));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    it(`${c.template} over ${new Date(c.range.startMs).toISOString().slice(0, 10)}: pages filled, one precision per axis, nothing wider than the page`, async () => {
      const template = templates.get(c.template)!.template;
      const doc = await buildReport(template, src, { range: c.range, timezone: 'UTC', nowMs: c.range.endMs + DAY });
      const tails = blankTails(await renderPdf(renderHtml(doc)), dir);
      const inner = tails.slice(0, -1);
      // Sections flow on: a page ends where a block (chart, insight, card row) no longer fits, not at every section.
      if (inner.length > 0) {
        const mean = inner.reduce((a, b) => a + b, 0) / inner.length;
        assert.ok(mean <= 0.3 && Math.max(...inner) <= 0.45, `blank page tails ${tails.map((t) => `${Math.round(t * 100)}%`).join(' ')}`);
      }
      const seen = (await withChromiumPage(async (page) => {
        await page.setViewportSize({ width: 820, height: 1000 });
        await page.setContent(renderHtml(doc));
        return await page.evaluate(MEASURE);
      })) as { ticks: string[][]; overflow: number };
      assert.ok(seen.ticks.some((t) => t.length > 0), 'the bar and line charts have y-axis labels');
      for (const labels of seen.ticks.filter((t) => t.length > 0)) {
        const decimals = new Set(labels.map((l) => /\.(\d+)/.exec(l)?.[1]?.length ?? 0));
        assert.equal(decimals.size, 1, `mixed precisions on one axis: ${labels.join(', ')}`);
      }
      assert.ok(seen.overflow <= 0, `the page is ${seen.overflow}px wider than the window`);
      const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: await renderPdf(renderHtml(doc)) }).toString();
      const onePeriod = c.range.endMs - c.range.startMs <= 31 * DAY;
      if (template.description) assert.equal(text.includes(template.description.slice(0, 20)), onePeriod, 'the description shows only for its own period');
    });
  }

  it('an empty day says so, and draws no rows of $0.00', async () => {
    const doc = await buildReport(templates.get('daily')!.template, src, { range: { startMs: Date.parse('2026-04-20T00:00:00Z'), endMs: Date.parse('2026-04-21T00:00:00Z') }, timezone: 'UTC' });
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: await renderPdf(renderHtml(doc)) }).toString();
    assert.match(text, /No usage was recorded in this period\./);
    assert.equal((text.match(/No data in this period/g) ?? []).length, 2, 'both charts say so');
    assert.ok((text.match(/\$0\.00/g) ?? []).length <= 3, `${(text.match(/\$0\.00/g) ?? []).length} times $0.00`);
  });
});
