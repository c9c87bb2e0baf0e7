// The report as one self-contained HTML page (inline CSS, charts as inline SVG, no scripts, no external assets):
// what is mailed, previewed in Grafana and printed to PDF.
import type { ChartResult, Insight, InsightsResult, ReportDocument, SectionResult, SummaryResult, TableResult } from '../document.js';
import { esc, formatChange, formatSaving, formatUsd, formatValue, keyLabel, unitOfKey } from './format.js';
import { chartSvg } from './svg.js';

const CSS = `
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;color:#1f2328;margin:24px auto;max-width:760px;font-size:13px;line-height:1.45}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#57606a;margin-bottom:12px}.totals,.cards{display:flex;flex-wrap:wrap;gap:8px}
.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 10px;min-width:150px;flex:1}
.card .label{color:#57606a;font-size:11px}.card .value{font-size:18px;font-weight:600}
.change{font-size:11px;color:#57606a}.change.better{color:#1a7f37}.change.worse{color:#cf222e}
table{border-collapse:collapse;width:100%;font-size:12px;margin:6px 0}th,td{border-bottom:1px solid #eaeef2;padding:3px 6px;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
section{break-inside:avoid;page-break-inside:avoid}
.insight{border-left:4px solid #8c959f;padding:6px 10px;margin:10px 0;background:#f6f8fa;break-inside:avoid;page-break-inside:avoid}
.insight.warn{border-color:#d4a72c}.insight.good{border-color:#2da44e}.insight.info{border-color:#0969da}
.insight h3{font-size:14px;margin:0 0 4px}.saving{font-weight:600}.suggestion{color:#24292f;font-style:italic}
.notes{color:#57606a;font-size:11px;margin-top:24px}svg.chart{max-width:100%;height:auto}
@page{size:A4;margin:14mm}
`;

function changeClass(item: SummaryResult['items'][number]): string {
  if (item.change === undefined || item.change === 0 || item.higherIsBetter === undefined) return '';
  return item.change > 0 === item.higherIsBetter ? 'better' : 'worse';
}

function summary(s: SummaryResult): string {
  const cards = s.items.map((i) => {
    const change = i.previous === undefined ? '' : `<div class="change ${changeClass(i)}">${i.change !== undefined ? `${formatChange(i.change)} ` : ''}(was ${esc(formatValue(i.previous, i.unit))})</div>`;
    return `<div class="card" data-metric="${i.metric}"><div class="label">${esc(i.label)}</div><div class="value">${esc(formatValue(i.value, i.unit))}</div>${change}</div>`;
  });
  return `<div class="cards">${cards.join('')}</div>`;
}

function rowsTable(rows: Record<string, string | number>[], units: Record<string, string | undefined> = {}): string {
  if (rows.length === 0) return '<p class="meta">No rows in this period.</p>';
  const keys = Object.keys(rows[0]!);
  const head = keys.map((k) => `<th class="${typeof rows[0]![k] === 'number' ? 'num' : ''}">${esc(keyLabel(k))}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${keys.map((k) => {
      const v = r[k] ?? '';
      const unit = (units[k] ?? unitOfKey(k)) as Parameters<typeof formatValue>[1];
      return `<td class="${typeof v === 'number' ? 'num' : ''}">${esc(formatValue(v, unit))}</td>`;
    }).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function table(t: TableResult): string {
  if (t.items.length === 0) return '<p class="meta">No rows in this period.</p>';
  const head = t.columns.map((c) => `<th class="${c.unit && c.unit !== 'text' ? 'num' : ''}">${esc(c.label)}</th>`).join('');
  const body = t.items.map((r) => `<tr>${t.columns.map((c) => `<td class="${c.unit && c.unit !== 'text' ? 'num' : ''}">${esc(formatValue(r[c.key] ?? '', c.unit))}</td>`).join('')}</tr>`).join('');
  return `<table data-rows="${esc(t.rows)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function insight(i: Insight): string {
  const saving = formatSaving(i);
  return `<div class="insight ${i.level}" data-insight="${i.id}"><h3>${esc(i.title)}</h3><p>${esc(i.summary)}</p>${saving ? `<p class="saving">Estimated saving: ${esc(saving)}</p>` : ''}${i.suggestion ? `<p class="suggestion">${esc(i.suggestion)}</p>` : ''}${i.rows && i.rows.length > 0 ? rowsTable(i.rows) : ''}</div>`;
}

function section(s: SectionResult): string {
  let body: string;
  switch (s.type) {
    case 'summary':
      body = summary(s);
      break;
    case 'chart':
      body = chartSvg(s as ChartResult);
      break;
    case 'table':
      body = table(s);
      break;
    case 'insights':
      body = (s as InsightsResult).items.map(insight).join('');
      break;
  }
  return `<section class="section-${s.type}"><h2>${esc(s.title)}</h2>${body}</section>`;
}

/** Returns the report as a complete HTML document. */
export function renderHtml(doc: ReportDocument): string {
  const t = doc.totals;
  const totals = [
    ['Cost', formatUsd(t.costUsd)],
    ['Requests', formatValue(t.requests, 'count')],
    ['Input tokens', formatValue(t.inputTokens, 'tokens')],
    ['Output tokens', formatValue(t.outputTokens, 'tokens')],
    ['Cache read', formatValue(t.cacheReadTokens, 'tokens')],
    ['Cache write', formatValue(t.cacheCreationTokens, 'tokens')],
  ].map(([label, value]) => `<div class="card"><div class="label">${label}</div><div class="value">${value}</div></div>`).join('');
  const range = doc.range.firstDay === doc.range.lastDay ? doc.range.firstDay : `${doc.range.firstDay} to ${doc.range.lastDay}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(doc.title)} (${esc(range)})</title><style>${CSS}</style></head>
<body>
<h1>${esc(doc.title)}</h1>
<div class="meta">${esc(range)} (${esc(doc.timezone)}) · generated ${esc(doc.generatedAt.slice(0, 16).replace('T', ' '))} UTC by agentmon</div>
${doc.description ? `<p>${esc(doc.description)}</p>` : ''}
<div class="totals" id="totals">${totals}</div>
${doc.sections.map(section).join('\n')}
${doc.notes.length > 0 ? `<div class="notes">${doc.notes.map((n) => `<p>${esc(n)}</p>`).join('')}</div>` : ''}
</body></html>
`;
}
