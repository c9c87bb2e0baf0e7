// The report as Markdown (chat messages, READMEs, issues): tables for numbers, and charts as tables with a bar of
// block characters, since Markdown has no drawing.
import type { ChartResult, Insight, ReportDocument, SectionResult, TableResult } from '../document.js';
import { formatChange, formatSaving, formatUsd, formatValue, keyLabel, unitOfKey } from './format.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function mdTable(head: string[], rows: string[][], right: boolean[] = []): string {
  const align = head.map((_, i) => (right[i] ? '---:' : '---'));
  return [`| ${head.map(cell).join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function chart(c: ChartResult): string {
  const max = Math.max(0, ...c.points.map((p) => p.value));
  const rows = c.points.map((p) => [p.label, formatValue(p.value, c.unit), max > 0 ? '█'.repeat(Math.round((Math.max(0, p.value) / max) * 20)) : '']);
  return mdTable([c.by, c.metric, ''], rows, [false, true, false]);
}

function table(t: TableResult): string {
  if (t.items.length === 0) return '_No rows in this period._';
  return mdTable(t.columns.map((c) => c.label), t.items.map((r) => t.columns.map((c) => formatValue(r[c.key] ?? '', c.unit))), t.columns.map((c) => !!c.unit && c.unit !== 'text'));
}

function insight(i: Insight): string {
  const saving = formatSaving(i);
  const lines = [`### ${i.title}`, '', i.summary];
  if (saving) lines.push('', `**Estimated saving:** ${saving}`);
  if (i.suggestion) lines.push('', `_${i.suggestion}_`);
  if (i.rows && i.rows.length > 0) {
    const keys = Object.keys(i.rows[0]!);
    lines.push('', mdTable(keys.map(keyLabel), i.rows.map((r) => keys.map((k) => formatValue(r[k] ?? '', unitOfKey(k)))), keys.map((k) => typeof i.rows![0]![k] === 'number')));
  }
  return lines.join('\n');
}

function section(s: SectionResult): string {
  switch (s.type) {
    case 'summary':
      return mdTable(
        ['Metric', 'Value', 'Previous', 'Change'],
        s.items.map((i) => [i.label, formatValue(i.value, i.unit), i.previous === undefined ? '' : formatValue(i.previous, i.unit), i.change === undefined ? '' : formatChange(i.change)]),
        [false, true, true, true],
      );
    case 'chart':
      return chart(s);
    case 'table':
      return table(s);
    case 'insights':
      return s.items.map(insight).join('\n\n');
  }
}

/** Returns the report as Markdown. */
export function renderMarkdown(doc: ReportDocument): string {
  const t = doc.totals;
  const range = doc.range.firstDay === doc.range.lastDay ? doc.range.firstDay : `${doc.range.firstDay} to ${doc.range.lastDay}`;
  const parts = [
    `# ${doc.title}`,
    `${range} (${doc.timezone}) · generated ${doc.generatedAt.slice(0, 16).replace('T', ' ')} UTC by agentmon`,
    ...(doc.description ? [doc.description] : []),
    mdTable(['Cost', 'Requests', 'Input tokens', 'Output tokens', 'Cache read', 'Cache write'], [[formatUsd(t.costUsd), formatValue(t.requests, 'count'), formatValue(t.inputTokens, 'tokens'), formatValue(t.outputTokens, 'tokens'), formatValue(t.cacheReadTokens, 'tokens'), formatValue(t.cacheCreationTokens, 'tokens')]], [true, true, true, true, true, true]),
    ...doc.sections.map((s) => `## ${s.title}\n\n${section(s)}`),
    ...doc.notes.map((n) => `> ${n}`),
  ];
  return `${parts.join('\n\n')}\n`;
}
