// The report as one self-contained HTML page (inline CSS, charts as inline SVG, no scripts, no external assets):
// what is mailed, previewed in Grafana and printed to PDF. Printed, sections flow on: a heading stays with what
// follows it, cards, charts and insights are never split, and long tables continue on the next page.
import { unpricedNote } from '../../pricing/unpriced.js';
import type { ChartResult, Insight, InsightsResult, ReportDocument, SectionResult, SummaryResult, TableColumn, TableResult } from '../document.js';
import { chartMarkNote, esc, formatChange, formatSaving, formatUsd, formatValue, insightColumns, savingsLine, UNPRICED_MARK } from './format.js';
import { chartSvg } from './svg.js';

const CSS = `
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;color:#1f2328;margin:24px auto;max-width:760px;font-size:13px;line-height:1.45}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px;break-after:avoid;page-break-after:avoid}
.meta{color:#57606a;margin:4px 0 10px}.cards{display:flex;flex-wrap:wrap;gap:8px}
.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 10px;min-width:150px;flex:1;break-inside:avoid}
.card .label{color:#57606a;font-size:11px}.card .value{font-size:18px;font-weight:600}
.change{font-size:11px;color:#57606a}.change.better{color:#1a7f37}.change.worse{color:#cf222e}
table{border-collapse:collapse;width:100%;font-size:12px;margin:6px 0}th,td{border-bottom:1px solid #eaeef2;padding:3px 6px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}tr{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}
table.totals{width:auto;margin:0 0 6px}table.totals th{color:#57606a;font-weight:normal;font-size:11px;border:0;padding:0 14px 0 0}table.totals td{font-size:14px;font-weight:600;border:0;padding:0 14px 0 0}
.keep{break-inside:avoid;page-break-inside:avoid}
.insight{border-left:4px solid #8c959f;padding:6px 10px;margin:10px 0;background:#f6f8fa;break-inside:avoid;page-break-inside:avoid}
.insight.warn{border-color:#d4a72c}.insight.good{border-color:#2da44e}.insight.info{border-color:#0969da}
.insight h3{font-size:14px;margin:0 0 4px}.insight p{margin:4px 0}.saving{font-weight:600}.assumption{color:#57606a;font-size:11.5px}.suggestion{color:#24292f;font-style:italic}
.skipped{color:#57606a;font-size:12px;margin:10px 0;break-inside:avoid}.skipped ul{margin:4px 0;padding-left:18px}
.warning{border:1px solid #d4a72c;background:#fff8c5;border-radius:6px;padding:6px 10px;margin:8px 0}.empty{border:1px solid #d0d7de;background:#f6f8fa;border-radius:6px;padding:6px 10px;margin:8px 0}
.footnote{color:#57606a;font-size:11px;margin:2px 0 8px}
.notes{color:#57606a;font-size:11px;margin-top:24px}svg.chart{max-width:100%;height:auto;display:block}
td.key{white-space:nowrap}
@page{size:A4;margin:14mm}
@media print{svg.chart{max-height:64mm;width:auto}}
`;

function changeClass(item: SummaryResult['items'][number]): string {
  if (item.change === undefined || item.change === 0 || item.higherIsBetter === undefined) return '';
  return item.change > 0 === item.higherIsBetter ? 'better' : 'worse';
}

function summary(s: SummaryResult): string {
  const cards = s.items.map((i) => {
    const prev = i.previous === undefined ? '' : `${esc(formatValue(i.previous, i.unit))}${i.previousUnpriced ? '*' : ''}`;
    const change = i.previous === undefined ? '' : `<div class="change ${changeClass(i)}">${i.change !== undefined ? `${formatChange(i.change)} ` : ''}(was ${prev})</div>`;
    return `<div class="card" data-metric="${i.metric}"><div class="label">${esc(i.label)}</div><div class="value">${esc(formatValue(i.value, i.unit))}${i.unpriced ? '<span class="unpriced" title="' + UNPRICED_MARK + '">*</span>' : ''}</div>${change}</div>`;
  });
  const marked = s.items.some((i) => i.unpriced || i.previousUnpriced);
  return `<div class="cards">${cards.join('')}</div>${marked ? `<p class="footnote">* ${UNPRICED_MARK}.</p>` : ''}`;
}

/** The cell of a cost that leaves out unpriced usage: "unpriced" when nothing of it was priced, else the value with "*". */
function costCell(value: string | number, unit: TableColumn['unit'], unpriced: { all: boolean } | undefined): string {
  if (!unpriced) return esc(formatValue(value, unit));
  return unpriced.all ? '<span class="unpriced">unpriced</span>' : `${esc(formatValue(value, unit))}*`;
}

function table(t: TableResult): string {
  if (t.items.length === 0) return '<p class="meta">No rows in this period.</p>';
  // The key column (a model, project, tool) reads whole: an id broken at its hyphens is hard to read.
  const num = (c: TableColumn, i = -1): string => (c.unit && c.unit !== 'text' ? 'num' : i === 0 ? 'key' : '');
  const marks = new Map((t.unpriced ?? []).map((u) => [u.index, u]));
  const head = t.columns.map((c) => `<th class="${num(c)}">${esc(c.label)}</th>`).join('');
  const body = t.items
    .map((r, index) => `<tr>${t.columns.map((c, i) => `<td class="${num(c, i)}">${c.key === 'costUsd' ? costCell(r[c.key] ?? '', c.unit, marks.get(index)) : esc(formatValue(r[c.key] ?? '', c.unit))}</td>`).join('')}</tr>`)
    .join('');
  const foot = [...marks.values()].some((m) => !m.all) ? `<p class="footnote">* ${UNPRICED_MARK}.</p>` : marks.size > 0 ? '<p class="footnote">unpriced: the model has no price; add it under <code>prices:</code> in the config.</p>' : '';
  return `<table data-rows="${esc(t.rows)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${foot}`;
}

function insightRows(i: Insight): string {
  const rows = i.rows ?? [];
  if (rows.length === 0) return '';
  const columns = insightColumns(i);
  const num = (c: TableColumn): string => (c.unit && c.unit !== 'text' ? 'num' : '');
  const head = columns.map((c) => `<th class="${num(c)}">${esc(c.label)}</th>`).join('');
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td class="${num(c)}">${esc(formatValue(r[c.key] ?? '', c.unit))}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function insight(i: Insight): string {
  const saving = formatSaving(i);
  const parts = [
    `<h3>${esc(i.title)}</h3>`,
    `<p>${esc(i.summary)}</p>`,
    saving ? `<p class="saving">Estimated saving: ${esc(saving)}</p>` : '',
    saving && i.assumption ? `<p class="assumption">Assumption: ${esc(i.assumption)}</p>` : '',
    i.suggestion ? `<p class="suggestion">${esc(i.suggestion)}</p>` : '',
    insightRows(i),
  ];
  return `<div class="insight ${i.level}" data-insight="${i.id}">${parts.join('')}</div>`;
}

function insights(s: InsightsResult): string {
  const shown = s.items.filter((i) => !i.skipped);
  const skipped = s.items.filter((i) => i.skipped);
  const total = s.savingUsd > 0 ? `<p class="meta" data-total-saving="${s.savingUsd}">${esc(savingsLine(s))}</p>` : '';
  const rest = skipped.length > 0 ? `<div class="skipped"><strong>Not assessed this period</strong><ul>${skipped.map((i) => `<li data-insight="${i.id}"><strong>${esc(i.title)}</strong>: ${esc(i.summary)}</li>`).join('')}</ul></div>` : '';
  return total + shown.map(insight).join('') + rest;
}

function chart(c: ChartResult): string {
  if (c.empty) return '<p class="meta">No data in this period.</p>';
  const marked = (c.unpricedKeys ?? []).length > 0 ? `<p class="footnote">* ${esc(chartMarkNote(c))}</p>` : '';
  return chartSvg(c) + marked;
}

function section(s: SectionResult): string {
  let body: string;
  switch (s.type) {
    case 'summary':
      body = summary(s);
      break;
    case 'chart':
      // A chart is small: keep it on one page with its heading.
      return `<section class="section-chart keep"><h2>${esc(s.title)}</h2>${chart(s)}</section>`;
    case 'table':
      body = table(s);
      break;
    case 'insights':
      body = insights(s);
      break;
  }
  return `<section class="section-${s.type}"><h2>${esc(s.title)}</h2>${body}</section>`;
}

/** Returns the report as a complete HTML document. */
export function renderHtml(doc: ReportDocument): string {
  const t = doc.totals;
  const cells: [string, string][] = [
    ['Cost', `${formatUsd(t.costUsd)}${doc.unpriced.requests > 0 ? '*' : ''}`],
    ['Requests', formatValue(t.requests, 'count')],
    ['Input tokens', formatValue(t.inputTokens, 'tokens')],
    ['Output tokens', formatValue(t.outputTokens, 'tokens')],
    ['Cache read', formatValue(t.cacheReadTokens, 'tokens')],
    ['Cache write', formatValue(t.cacheCreationTokens, 'tokens')],
  ];
  const totals = `<table class="totals" id="totals"><tr>${cells.map(([l]) => `<th>${l}</th>`).join('')}</tr><tr>${cells.map(([, v]) => `<td>${esc(v)}</td>`).join('')}</tr></table>`;
  const range = doc.range.firstDay === doc.range.lastDay ? doc.range.firstDay : `${doc.range.firstDay} to ${doc.range.lastDay}`;
  const warnings = [
    doc.empty ? '<p class="empty" id="empty">No usage was recorded in this period.</p>' : '',
    doc.unpriced.requests > 0 ? `<p class="warning" id="unpriced">* ${esc(unpricedNote(doc.unpriced.models.map((m) => m.model), doc.unpriced.requests))}</p>` : '',
  ].join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(doc.title)} (${esc(range)})</title><style>${CSS}</style></head>
<body>
<h1>${esc(doc.title)}</h1>
<div class="meta">${esc(range)} (${esc(doc.timezone)}) · generated ${esc(doc.generatedAt.slice(0, 16).replace('T', ' '))} UTC by agentmon</div>
${doc.description ? `<p>${esc(doc.description)}</p>` : ''}
${totals}
${warnings}
${doc.sections.map(section).join('\n')}
${doc.notes.length > 0 ? `<div class="notes">${doc.notes.map((n) => `<p>${esc(n)}</p>`).join('')}</div>` : ''}
</body></html>
`;
}
