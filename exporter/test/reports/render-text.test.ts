// The report's text renderers whole (Markdown and the long-form CSV), and the file each format is served as, for two
// small documents built here: one with every kind of section (a summary compared with the previous period, a chart
// with an unpriced point, a table with a wholly and a partly unpriced row, insights with a saving, a plain one and a
// skipped one) and unpriced usage and notes; one empty single-day report. The expected text is written out by hand
// from the documents, so every separator, alignment, star and empty state is pinned.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChartResult, ReportDocument, SectionResult } from '../../src/reports/document.js';
import { renderCsv } from '../../src/reports/render/csv.js';
import { renderHtml } from '../../src/reports/render/html.js';
import { contentTypeOf, renderReport, reportBaseName } from '../../src/reports/render/index.js';
import { renderMarkdown } from '../../src/reports/render/markdown.js';
import { chartSvg } from '../../src/reports/render/svg.js';

const SECTIONS: SectionResult[] = [
  {
    type: 'summary',
    title: 'Summary',
    items: [
      { metric: 'costUsd', label: 'Cost (USD)', unit: 'usd', value: 12.5, previous: 10, change: 0.25, unpriced: true, higherIsBetter: false },
      { metric: 'requests', label: 'Model requests', unit: 'count', value: 1234, previous: 1300, change: -0.05, previousUnpriced: true, higherIsBetter: false },
      { metric: 'requests', label: 'Pipe|label', unit: 'count', value: 0 },
    ],
  },
  {
    type: 'chart',
    title: 'Cost by model',
    chart: 'bar',
    metric: 'costUsd',
    unit: 'usd',
    by: 'model',
    points: [
      { key: 'a', label: 'model-a', value: 4 },
      { key: 'b', label: 'model-b', value: 1 },
      { key: 'c', label: 'model-c', value: 0 },
    ],
    empty: false,
    unpricedKeys: ['b'],
  },
  { type: 'chart', title: 'Requests by day', chart: 'line', metric: 'requests', unit: 'count', by: 'day', points: [{ key: '0', label: '2026-03-02', value: 0 }], empty: true },
  {
    type: 'table',
    title: 'Top projects',
    rows: 'project',
    columns: [
      { key: 'project', label: 'Project', unit: 'text' },
      { key: 'costUsd', label: 'Cost', unit: 'usd' },
      { key: 'requests', label: 'Requests', unit: 'count' },
    ],
    items: [
      { project: 'shop', costUsd: 2.5, requests: 10 },
      { project: 'lab', costUsd: 0, requests: 3 },
      { project: 'web', costUsd: 1.25, requests: 1000 },
    ],
    unpriced: [{ index: 1, all: true }, { index: 2, all: false }],
  },
  { type: 'table', title: 'Top sessions', rows: 'session', columns: [{ key: 'session', label: 'Session' }], items: [] },
  {
    type: 'insights',
    title: 'Insights',
    spendUsd: 12.5,
    savingUsd: 2.5,
    items: [
      {
        id: 'cacheEfficiency', title: 'Cache efficiency', level: 'warn', summary: 'Cache hit ratio 40%.', suggestion: 'Keep prompts stable.',
        savingUsd: 2.5, savingMinutes: 0.5, assumption: 'Half the misses could hit.', numbers: { hitRatio: 0.4, savingUsd: 2.5 },
        rows: [{ model: 'm1', hitRatio: 0.4, costUsd: 3 }],
      },
      { id: 'slowestTools', title: 'Slowest tools', level: 'info', summary: 'Bash is slowest.', numbers: {}, rows: [] },
      { id: 'sessionVelocity', title: 'Session velocity', level: 'good', summary: 'Too few sessions.', skipped: 'too few sessions', numbers: { sessions: 2 }, savingMinutes: 3 },
    ],
  },
];

const FULL: ReportDocument = {
  template: 'weekly',
  title: 'Weekly costs',
  description: 'For the team & co',
  generatedAt: '2026-03-09T07:05:33.000Z',
  timezone: 'UTC',
  range: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', firstDay: '2026-03-02', lastDay: '2026-03-08' },
  previous: { from: '2026-02-23T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
  totals: { costUsd: 12.5, requests: 1234, inputTokens: 1_500_000, outputTokens: 2000, cacheReadTokens: 300, cacheCreationTokens: 40, unpricedRequests: 2 },
  unpriced: { requests: 2, models: [{ agent: 'codex', model: 'mystery', requests: 2 }] },
  empty: false,
  notes: ['Tool data only since 2026-03-04.', 'Second note.'],
  formats: ['md', 'csv'],
  sections: SECTIONS,
};

const EMPTY: ReportDocument = {
  ...FULL,
  template: 'daily',
  title: 'Daily',
  description: undefined,
  range: { from: '2026-03-08T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', firstDay: '2026-03-08', lastDay: '2026-03-08' },
  totals: { costUsd: 0, requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, unpricedRequests: 0 },
  unpriced: { requests: 0, models: [] },
  empty: true,
  notes: [],
  sections: [],
};

describe('report as Markdown', () => {
  it('writes every kind of section, with stars, footnotes, alignment and escaped cells', () => {
    const expected = [
      '# Weekly costs',
      '2026-03-02 to 2026-03-08 (UTC) · generated 2026-03-09 07:05 UTC by agentmon',
      'For the team & co',
      '| Cost | Requests | Input tokens | Output tokens | Cache read | Cache write |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n| $12.50* | 1,234 | 1,500,000 | 2,000 | 300 | 40 |',
      '> \\* 2 requests of mystery have no price and count as $0 in every cost shown: add its price under "prices:" in the config.',
      '## Summary\n\n| Metric | Value | Previous | Change |\n| --- | ---: | ---: | ---: |\n| Cost (USD) | $12.50* | $10.00 | +25.0% |\n| Model requests | 1,234 | 1,300* | -5.0% |\n| Pipe\\|label | 0 |  |  |\n\n\\* leaves out requests of models without a price.',
      '## Cost by model\n\n| model | costUsd |  |\n| --- | ---: | --- |\n| model-a | $4.00 | ████████████████████ |\n| model-b | $1.00* | █████ |\n| model-c | $0.00 |  |\n\n\\* Cost leaves out requests of models without a price: model-b.',
      '## Requests by day\n\n_No data in this period._',
      '## Top projects\n\n| Project | Cost | Requests |\n| --- | ---: | ---: |\n| shop | $2.50 | 10 |\n| lab | unpriced | 3 |\n| web | $1.25* | 1,000 |\n\n\\* leaves out requests of models without a price.',
      '## Top sessions\n\n_No rows in this period._',
      '## Insights\n\n'
        + 'Acting on every insight below could save about $2.50 of the $12.50 spent on priced models in this period (20.0%). Spend two insights both touch is counted once, so the savings add up to this total.'
        + '\n\n### Cache efficiency\n\nCache hit ratio 40%.\n\n**Estimated saving:** $2.50 + 30 s\n\nAssumption: Half the misses could hit.\n\n_Keep prompts stable._\n\n| Model | Hit ratio | Cost (USD) |\n| --- | ---: | ---: |\n| m1 | 40.0% | $3.00 |'
        + '\n\n### Slowest tools\n\nBash is slowest.'
        + '\n\n**Not assessed this period**\n\n- **Session velocity**: Too few sessions.',
      '> Tool data only since 2026-03-04.',
      '> Second note.',
    ].join('\n\n') + '\n';
    assert.equal(renderMarkdown(FULL), expected);
  });

  it('an empty one-day report: the day alone, no stars, and says nothing was recorded', () => {
    const expected = [
      '# Daily',
      '2026-03-08 (UTC) · generated 2026-03-09 07:05 UTC by agentmon',
      '| Cost | Requests | Input tokens | Output tokens | Cache read | Cache write |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n| $0.00 | 0 | 0 | 0 | 0 | 0 |',
      '> No usage was recorded in this period.',
    ].join('\n\n') + '\n';
    assert.equal(renderMarkdown(EMPTY), expected);
  });

  it('no savings line and no footnotes when nothing saves or is unpriced; a saving without assumption shows none; missing cells are blank; line breaks in a cell become spaces', () => {
    const doc: ReportDocument = {
      ...EMPTY,
      sections: [
        { type: 'summary', title: 'S', items: [{ metric: 'costUsd', label: 'Cost', unit: 'usd', value: 1 }] },
        { type: 'chart', title: 'C', chart: 'bar', metric: 'costUsd', unit: 'usd', by: 'agent', points: [{ key: 'x', label: 'x', value: 2 }], empty: false },
        { type: 'table', title: 'T', rows: 'agent', columns: [{ key: 'agent', label: 'Agent' }, { key: 'costUsd', label: 'Cost', unit: 'usd' }], items: [{ agent: 'x', costUsd: 2 }], unpriced: [{ index: 0, all: true }] },
        { type: 'table', title: 'U', rows: 'agent', columns: [{ key: 'agent', label: 'Agent\nname' }, { key: 'requests', label: 'Requests', unit: 'count' }], items: [{ agent: 'y' }] },
        {
          type: 'insights', title: 'I', spendUsd: 0, savingUsd: 0, items: [
            { id: 'slowestTools', title: 'Slow', level: 'info', summary: 'S.', savingMinutes: 2.4, numbers: {}, rows: [{ tool: 'Bash', p95Seconds: 2 }, { tool: 'Read' }] },
            { id: 'sessionVelocity', title: 'V', level: 'good', summary: 'Few.', skipped: 'few', numbers: {} },
            { id: 'cacheEfficiency', title: 'K', level: 'good', summary: 'No cache.', skipped: 'none', numbers: {} },
          ],
        },
        { type: 'insights', title: 'J', spendUsd: 1, savingUsd: 0, items: [{ id: 'slowestTools', title: 'Fine', level: 'good', summary: 'All fine.', numbers: {} }] },
      ],
    };
    const md = renderMarkdown(doc);
    const body = md.slice(md.indexOf('## S'));
    assert.equal(body, [
      '## S\n\n| Metric | Value | Previous | Change |\n| --- | ---: | ---: | ---: |\n| Cost | $1.00 |  |  |',
      '## C\n\n| agent | costUsd |  |\n| --- | ---: | --- |\n| x | $2.00 | ████████████████████ |',
      '## T\n\n| Agent | Cost |\n| --- | ---: |\n| x | unpriced |',
      '## U\n\n| Agent name | Requests |\n| --- | ---: |\n| y |  |',
      '## I\n\n### Slow\n\nS.\n\n**Estimated saving:** 2 min\n\n| Tool | P95 (s) |\n| --- | ---: |\n| Bash | 2.0 s |\n| Read |  |'
        + '\n\n**Not assessed this period**\n\n- **V**: Few.\n- **K**: No cache.',
      '## J\n\n### Fine\n\nAll fine.',
    ].join('\n\n') + '\n');
  });
});

describe('report as CSV (long form)', () => {
  it('one number per line: totals, unpriced models, then each section in order', () => {
    const rows = [
      'section,kind,row,column,value',
      'Totals,totals,total,costUsd,12.5',
      'Totals,totals,total,requests,1234',
      'Totals,totals,total,inputTokens,1500000',
      'Totals,totals,total,outputTokens,2000',
      'Totals,totals,total,cacheReadTokens,300',
      'Totals,totals,total,cacheCreationTokens,40',
      'Totals,totals,total,unpricedRequests,2',
      'Totals,unpriced,mystery,requests,2',
      'Summary,summary,costUsd,value,12.5',
      'Summary,summary,costUsd,previous,10',
      'Summary,summary,requests,value,1234',
      'Summary,summary,requests,previous,1300',
      'Summary,summary,requests,value,0',
      'Cost by model,chart,model-a,costUsd,4',
      'Cost by model,chart,model-b,costUsd,1',
      'Cost by model,chart,model-c,costUsd,0',
      'Requests by day,chart,2026-03-02,requests,0',
      'Top projects,table,shop,costUsd,2.5',
      'Top projects,table,shop,requests,10',
      'Top projects,table,lab,costUsd,0',
      'Top projects,table,lab,requests,3',
      'Top projects,table,web,costUsd,1.25',
      'Top projects,table,web,requests,1000',
      'Insights,insights,total,spendUsd,12.5',
      'Insights,insights,total,savingUsd,2.5',
      'Insights,insight,cacheEfficiency,hitRatio,0.4',
      'Insights,insight,cacheEfficiency,savingUsd,2.5',
      'Insights,insight,cacheEfficiency,savingMinutes,0.5',
      'Insights,insight,sessionVelocity,sessions,2',
      'Insights,insight,sessionVelocity,savingMinutes,3',
    ];
    assert.equal(renderCsv(FULL), rows.join('\r\n') + '\r\n');
  });

  it('a table row without its key column is written with an empty row name', () => {
    const doc: ReportDocument = { ...EMPTY, sections: [{ type: 'table', title: 'T', rows: 'agent', columns: [{ key: 'agent', label: 'Agent' }, { key: 'requests', label: 'Requests', unit: 'count' }], items: [{ requests: 5 }] }] };
    assert.ok(renderCsv(doc).endsWith('\r\nT,table,,requests,5\r\n'), renderCsv(doc));
  });
});

describe('report files: name and media type', () => {
  it('names a file after the template and its days (one day alone), with the format as extension', async () => {
    assert.equal(reportBaseName(FULL), 'weekly-2026-03-02_2026-03-08');
    assert.equal(reportBaseName(EMPTY), 'daily-2026-03-08');
    const md = await renderReport(FULL, 'md');
    assert.deepEqual([md.format, md.fileName, md.contentType, md.body.toString()], ['md', 'weekly-2026-03-02_2026-03-08.md', 'text/markdown; charset=utf-8', renderMarkdown(FULL)]);
    const csv = await renderReport(EMPTY, 'csv');
    assert.deepEqual([csv.fileName, csv.contentType, csv.body.toString()], ['daily-2026-03-08.csv', 'text/csv; charset=utf-8', renderCsv(EMPTY)]);
    const json = await renderReport(EMPTY, 'json');
    assert.deepEqual([json.fileName, json.contentType, json.body.toString()], ['daily-2026-03-08.json', 'application/json', `${JSON.stringify(EMPTY, null, 2)}\n`]);
    const html = await renderReport(EMPTY, 'html');
    assert.deepEqual([html.fileName, html.contentType], ['daily-2026-03-08.html', 'text/html; charset=utf-8']);
    assert.match(html.body.toString(), /^<!doctype html>/i);
    assert.equal(contentTypeOf('pdf'), 'application/pdf');
  });
});

describe('report as HTML', () => {
  /** The page with its style block cut out (checked on its own below). */
  const page = (doc: ReportDocument): string => renderHtml(doc).replace(/<style>[\s\S]*?<\/style>/, '<style>…</style>');
  const head = (title: string): string =>
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<title>${title}</title><style>…</style></head>\n<body>\n`;
  const totalsRow = (cells: string[]): string =>
    '<table class="totals" id="totals"><tr><th>Cost</th><th>Requests</th><th>Input tokens</th><th>Output tokens</th><th>Cache read</th><th>Cache write</th></tr>'
    + `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr></table>`;
  const FOOT = '<p class="footnote">* leaves out requests of models without a price.</p>';

  it('writes every kind of section: cards with their change, charts, tables with unpriced cells, insights and the skipped ones', () => {
    const chartOf = (title: string): ChartResult => SECTIONS.find((x): x is ChartResult => x.title === title)!;
    const sections = [
      '<section class="section-summary"><h2>Summary</h2><div class="cards">'
        + '<div class="card" data-metric="costUsd"><div class="label">Cost (USD)</div><div class="value">$12.50<span class="unpriced" title="leaves out requests of models without a price">*</span></div><div class="change worse">+25.0% (was $10.00)</div></div>'
        + '<div class="card" data-metric="requests"><div class="label">Model requests</div><div class="value">1,234</div><div class="change better">-5.0% (was 1,300*)</div></div>'
        + '<div class="card" data-metric="requests"><div class="label">Pipe|label</div><div class="value">0</div></div>'
        + `</div>${FOOT}</section>`,
      `<section class="section-chart keep"><h2>Cost by model</h2>${chartSvg(chartOf('Cost by model'))}<p class="footnote">* Cost leaves out requests of models without a price: model-b.</p></section>`,
      '<section class="section-chart keep"><h2>Requests by day</h2><p class="meta">No data in this period.</p></section>',
      '<section class="section-table"><h2>Top projects</h2><table data-rows="project"><thead><tr><th class="">Project</th><th class="num">Cost</th><th class="num">Requests</th></tr></thead><tbody>'
        + '<tr><td class="key">shop</td><td class="num">$2.50</td><td class="num">10</td></tr>'
        + '<tr><td class="key">lab</td><td class="num"><span class="unpriced">unpriced</span></td><td class="num">3</td></tr>'
        + '<tr><td class="key">web</td><td class="num">$1.25*</td><td class="num">1,000</td></tr>'
        + `</tbody></table>${FOOT}</section>`,
      '<section class="section-table"><h2>Top sessions</h2><p class="meta">No rows in this period.</p></section>',
      '<section class="section-insights"><h2>Insights</h2>'
        + '<p class="meta" data-total-saving="2.5">Acting on every insight below could save about $2.50 of the $12.50 spent on priced models in this period (20.0%). Spend two insights both touch is counted once, so the savings add up to this total.</p>'
        + '<div class="insight warn" data-insight="cacheEfficiency"><h3>Cache efficiency</h3><p>Cache hit ratio 40%.</p><p class="saving">Estimated saving: $2.50 + 30 s</p><p class="assumption">Assumption: Half the misses could hit.</p><p class="suggestion">Keep prompts stable.</p>'
        + '<table><thead><tr><th class="">Model</th><th class="num">Hit ratio</th><th class="num">Cost (USD)</th></tr></thead><tbody><tr><td class="">m1</td><td class="num">40.0%</td><td class="num">$3.00</td></tr></tbody></table></div>'
        + '<div class="insight info" data-insight="slowestTools"><h3>Slowest tools</h3><p>Bash is slowest.</p></div>'
        + '<div class="skipped"><strong>Not assessed this period</strong><ul><li data-insight="sessionVelocity"><strong>Session velocity</strong>: Too few sessions.</li></ul></div>'
        + '</section>',
    ];
    const expected = head('Weekly costs (2026-03-02 to 2026-03-08)')
      + '<h1>Weekly costs</h1>\n<div class="meta">2026-03-02 to 2026-03-08 (UTC) · generated 2026-03-09 07:05 UTC by agentmon</div>\n'
      + '<p>For the team &#38; co</p>\n'
      + totalsRow(['$12.50*', '1,234', '1,500,000', '2,000', '300', '40']) + '\n'
      + '<p class="warning" id="unpriced">* 2 requests of mystery have no price and count as $0 in every cost shown: add its price under &#34;prices:&#34; in the config.</p>\n'
      + sections.join('\n') + '\n'
      + '<div class="notes"><p>Tool data only since 2026-03-04.</p><p>Second note.</p></div>\n</body></html>\n';
    assert.equal(page(FULL), expected);
  });

  it('an empty one-day report: no description, notes or sections, and says nothing was recorded', () => {
    const expected = head('Daily (2026-03-08)')
      + '<h1>Daily</h1>\n<div class="meta">2026-03-08 (UTC) · generated 2026-03-09 07:05 UTC by agentmon</div>\n\n'
      + totalsRow(['$0.00', '0', '0', '0', '0', '0']) + '\n'
      + '<p class="empty" id="empty">No usage was recorded in this period.</p>\n\n\n</body></html>\n';
    assert.equal(page(EMPTY), expected);
  });

  it('edges: a change with no direction, a change from nothing, wholly unpriced rows, missing cells, no savings line', () => {
    const doc: ReportDocument = {
      ...EMPTY,
      sections: [
        {
          type: 'summary', title: 'S', items: [
            { metric: 'costUsd', label: 'Cost', unit: 'usd', value: 2, previous: 1, change: 1 },
            { metric: 'requests', label: 'Requests', unit: 'count', value: 2, previous: 0, higherIsBetter: true },
            { metric: 'requests', label: 'Same', unit: 'count', value: 2, previous: 2, change: 0, higherIsBetter: true },
            { metric: 'requests', label: 'Up', unit: 'count', value: 3, previous: 2, change: 0.5, higherIsBetter: true },
          ],
        },
        { type: 'table', title: 'T', rows: 'agent', columns: [{ key: 'agent', label: 'Agent' }, { key: 'costUsd', label: 'Cost', unit: 'usd' }, { key: 'requests', label: 'Requests', unit: 'count' }], items: [{ agent: 'x', costUsd: 0 }], unpriced: [{ index: 0, all: true }] },
        { type: 'table', title: 'P', rows: 'agent', columns: [{ key: 'agent', label: 'Agent' }, { key: 'costUsd', label: 'Cost', unit: 'usd' }], items: [{ agent: 'y', costUsd: 1 }, { agent: 'z' }] },
        { type: 'chart', title: 'C', chart: 'bar', metric: 'requests', unit: 'count', by: 'agent', points: [{ key: 'x', label: 'x', value: 2 }], empty: false },
        {
          type: 'insights', title: 'I', spendUsd: 3, savingUsd: 0, items: [
            { id: 'slowestTools', title: 'Slow', level: 'good', summary: 'S.', savingMinutes: 2, assumption: 'A.', numbers: {}, rows: [{ tool: 'Bash', p95Seconds: 2 }, { tool: 'Read' }] },
            { id: 'cacheEfficiency', title: 'K', level: 'info', summary: 'K.', assumption: 'not shown without a saving', numbers: {} },
            { id: 'sessionVelocity', title: 'V', level: 'good', summary: 'Few.', skipped: 'few', numbers: {} },
            { id: 'modelRightSizing', title: 'R', level: 'good', summary: 'None.', skipped: 'none', numbers: {} },
          ],
        },
      ],
    };
    const body = page(doc).split('\n').filter((l) => l.startsWith('<section') && !l.startsWith('<section class="section-chart'));
    assert.deepEqual(body, [
      '<section class="section-summary"><h2>S</h2><div class="cards">'
        + '<div class="card" data-metric="costUsd"><div class="label">Cost</div><div class="value">$2.00</div><div class="change ">+100.0% (was $1.00)</div></div>'
        + '<div class="card" data-metric="requests"><div class="label">Requests</div><div class="value">2</div><div class="change ">(was 0)</div></div>'
        + '<div class="card" data-metric="requests"><div class="label">Same</div><div class="value">2</div><div class="change ">+0.0% (was 2)</div></div>'
        + '<div class="card" data-metric="requests"><div class="label">Up</div><div class="value">3</div><div class="change better">+50.0% (was 2)</div></div>'
        + '</div></section>',
      '<section class="section-table"><h2>T</h2><table data-rows="agent"><thead><tr><th class="">Agent</th><th class="num">Cost</th><th class="num">Requests</th></tr></thead><tbody>'
        + '<tr><td class="key">x</td><td class="num"><span class="unpriced">unpriced</span></td><td class="num"></td></tr></tbody></table>'
        + '<p class="footnote">unpriced: the model has no price; add it under <code>prices:</code> in the config.</p></section>',
      '<section class="section-table"><h2>P</h2><table data-rows="agent"><thead><tr><th class="">Agent</th><th class="num">Cost</th></tr></thead><tbody><tr><td class="key">y</td><td class="num">$1.00</td></tr><tr><td class="key">z</td><td class="num"></td></tr></tbody></table></section>',
      '<section class="section-insights"><h2>I</h2><div class="insight good" data-insight="slowestTools"><h3>Slow</h3><p>S.</p><p class="saving">Estimated saving: 2 min</p><p class="assumption">Assumption: A.</p>'
        + '<table><thead><tr><th class="">Tool</th><th class="num">P95 (s)</th></tr></thead><tbody><tr><td class="">Bash</td><td class="num">2.0 s</td></tr><tr><td class="">Read</td><td class="num"></td></tr></tbody></table></div>'
        + '<div class="insight info" data-insight="cacheEfficiency"><h3>K</h3><p>K.</p></div>'
        + '<div class="skipped"><strong>Not assessed this period</strong><ul><li data-insight="sessionVelocity"><strong>V</strong>: Few.</li><li data-insight="modelRightSizing"><strong>R</strong>: None.</li></ul></div></section>',
    ]);
    const chartSection = page(doc).split('\n').find((l) => l.startsWith('<section class="section-chart'));
    const c = doc.sections.find((x): x is ChartResult => x.type === 'chart')!;
    assert.equal(chartSection, `<section class="section-chart keep"><h2>C</h2>${chartSvg(c)}</section>`, 'no footnote without unpriced points');
  });

  it('carries its print rules: A4 pages, headings kept with what follows, cards, charts and insights never split', () => {
    const css = /<style>([\s\S]*?)<\/style>/.exec(renderHtml(EMPTY))![1]!;
    for (const rule of ['@page{size:A4;margin:14mm}', 'break-after:avoid;page-break-after:avoid', '.keep{break-inside:avoid;page-break-inside:avoid}', 'thead{display:table-header-group}', '@media print{svg.chart{max-height:64mm;width:auto}}', '.insight.warn{border-color:#d4a72c}']) {
      assert.ok(css.includes(rule), rule);
    }
  });
});
