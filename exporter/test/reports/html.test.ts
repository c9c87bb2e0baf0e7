// The HTML report in headless Chromium (Debian's, via playwright-core): the SVG charts exist with one bar or
// point per day and one slice per model, bar heights follow the values, and the page has no script or external asset.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildReport } from '../../src/reports/build.js';
import type { ReportSources } from '../../src/reports/data.js';
import { withChromiumPage } from '../../src/reports/render/pdf.js';
import { renderHtml } from '../../src/reports/render/html.js';
import { loadTemplates } from '../../src/reports/template/load.js';
import { EXPORTER_DIR } from '../fixtures/cli.js';
import { scanForReports, teamLogs, WEEK_B } from './harness.js';

describe('HTML report in headless Chromium', () => {
  const logs = teamLogs();
  let src: ReportSources;
  before(async () => {
    execFileSync('bash', [join(EXPORTER_DIR, '..', 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
    src = (await scanForReports(logs)).src;
  });
  after(() => logs.cleanup());

  it('draws a bar per day, a point per day and bars as tall as their values', async () => {
    const doc = await buildReport(loadTemplates().get('weekly')!.template, src, { range: WEEK_B, timezone: 'UTC' });
    const html = renderHtml(doc);
    assert.doesNotMatch(html, /<script|<link |src="http/);
    const seen = await withChromiumPage(async (page) => {
      await page.setContent(html, { waitUntil: 'load' });
      return await page.evaluate(() => {
        const charts = [...document.querySelectorAll('svg.chart')];
        const bars = [...document.querySelectorAll('svg.chart-bar rect.bar')].map((b) => ({ key: b.getAttribute('data-key'), value: Number(b.getAttribute('data-value')), height: b.getBoundingClientRect().height }));
        const points = document.querySelectorAll('svg.chart-line circle.point').length;
        const totals = document.querySelector('#totals')?.textContent ?? '';
        return { charts: charts.length, bars, points, totals, title: document.title };
      });
    });
    assert.equal(seen.charts, 2);
    assert.equal(seen.bars.length, 7); // Monday 2026-03-09 to Sunday 2026-03-15
    assert.equal(seen.points, 7);
    assert.equal(seen.title, 'Weekly progress (2026-03-09 to 2026-03-15)');
    // Tuesday holds all the Opus cost, Wednesday the Codex cost; other days are empty and have no height.
    const byDay = seen.bars.map((b) => [new Date(Number(b.key)).toISOString().slice(0, 10), b.value, b.height > 0]);
    assert.deepEqual(byDay, [
      ['2026-03-09', 0, false],
      ['2026-03-10', 0.12609, true],
      ['2026-03-11', 0.007125, true],
      ['2026-03-12', 0, false],
      ['2026-03-13', 0, false],
      ['2026-03-14', 0, false],
      ['2026-03-15', 0, false],
    ]);
    const [tue, wed] = [seen.bars[1]!, seen.bars[2]!];
    assert.ok(Math.abs(tue.height / wed.height - 0.12609 / 0.007125) < 0.5, `bar heights ${tue.height} / ${wed.height}`);
    assert.ok(seen.totals.includes('$0.1332'), seen.totals);
  });

  it('draws one pie slice per model that cost something', async () => {
    const doc = await buildReport(loadTemplates().get('daily')!.template, src, { range: { startMs: Date.parse('2026-03-10T00:00:00Z'), endMs: Date.parse('2026-03-12T00:00:00Z') }, timezone: 'UTC' });
    const slices = await withChromiumPage(async (page) => {
      await page.setContent(renderHtml(doc), { waitUntil: 'load' });
      return await page.$$eval('svg.chart-pie .slice', (els) => els.map((e) => e.getAttribute('data-key')));
    });
    assert.deepEqual(slices, ['claude-opus-4-6', 'gpt-5-codex']);
  });
});
