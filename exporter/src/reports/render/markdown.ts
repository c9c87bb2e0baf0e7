// The report as Markdown (chat messages, READMEs, issues): tables for numbers, and charts as tables with a bar of
// block characters, since Markdown has no drawing.
import { unpricedNote } from '../../pricing/unpriced.js';
import type { ChartResult, Insight, InsightsResult, ReportDocument, SectionResult, SummaryResult, TableResult } from '../document.js';
import { chartMarkNote, formatChange, formatSaving, formatUsd, formatValue, insightColumns, savingsLine, UNPRICED_MARK } from './format.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function mdTable(head: string[], rows: string[][], right: boolean[] = []): string {
  const align = head.map((_, i) => (right[i] ? '---:' : '---'));
  return [`| ${head.map(cell).join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function chart(c: ChartResult): string {
  if (c.empty) return '_No data in this period._';
  const marked = new Set(c.unpricedKeys ?? []);
  const max = Math.max(0, ...c.points.map((p) => p.value));
  const rows = c.points.map((p) => [p.label, `${formatValue(p.value, c.unit)}${marked.has(p.key) ? '*' : ''}`, max > 0 ? '█'.repeat(Math.round((Math.max(0, p.value) / max) * 20)) : '']);
  return mdTable([c.by, c.metric, ''], rows, [false, true, false]) + (marked.size > 0 ? `\n\n\\* ${chartMarkNote(c)}` : '');
}

function table(t: TableResult): string {
  if (t.items.length === 0) return '_No rows in this period._';
  const marks = new Map((t.unpriced ?? []).map((u) => [u.index, u]));
  const value = (r: Record<string, string | number>, index: number, key: string, unit: TableResult['columns'][number]['unit']): string => {
    const m = key === 'costUsd' ? marks.get(index) : undefined;
    return m?.all ? 'unpriced' : `${formatValue(r[key] ?? '', unit)}${m ? '*' : ''}`;
  };
  const body = mdTable(t.columns.map((c) => c.label), t.items.map((r, i) => t.columns.map((c) => value(r, i, c.key, c.unit))), t.columns.map((c) => !!c.unit && c.unit !== 'text'));
  return body + ([...marks.values()].some((m) => !m.all) ? `\n\n\\* ${UNPRICED_MARK}.` : '');
}

function summary(s: SummaryResult): string {
  const body = mdTable(
    ['Metric', 'Value', 'Previous', 'Change'],
    s.items.map((i) => [i.label, `${formatValue(i.value, i.unit)}${i.unpriced ? '*' : ''}`, i.previous === undefined ? '' : `${formatValue(i.previous, i.unit)}${i.previousUnpriced ? '*' : ''}`, i.change === undefined ? '' : formatChange(i.change)]),
    [false, true, true, true],
  );
  return body + (s.items.some((i) => i.unpriced || i.previousUnpriced) ? `\n\n\\* ${UNPRICED_MARK}.` : '');
}

function insight(i: Insight): string {
  const saving = formatSaving(i);
  const lines = [`### ${i.title}`, '', i.summary];
  if (saving) lines.push('', `**Estimated saving:** ${saving}`);
  if (saving && i.assumption) lines.push('', `Assumption: ${i.assumption}`);
  if (i.suggestion) lines.push('', `_${i.suggestion}_`);
  const columns = insightColumns(i);
  if (i.rows && i.rows.length > 0) lines.push('', mdTable(columns.map((c) => c.label), i.rows.map((r) => columns.map((c) => formatValue(r[c.key] ?? '', c.unit))), columns.map((c) => !!c.unit && c.unit !== 'text')));
  return lines.join('\n');
}

function insights(s: InsightsResult): string {
  const skipped = s.items.filter((i) => i.skipped);
  return [
    ...(s.savingUsd > 0 ? [savingsLine(s)] : []),
    ...s.items.filter((i) => !i.skipped).map(insight),
    ...(skipped.length > 0 ? [`**Not assessed this period**\n\n${skipped.map((i) => `- **${i.title}**: ${i.summary}`).join('\n')}`] : []),
  ].join('\n\n');
}

function section(s: SectionResult): string {
  switch (s.type) {
    case 'summary':
      return summary(s);
    case 'chart':
      return chart(s);
    case 'table':
      return table(s);
    case 'insights':
      return insights(s);
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
    mdTable(['Cost', 'Requests', 'Input tokens', 'Output tokens', 'Cache read', 'Cache write'], [[`${formatUsd(t.costUsd)}${doc.unpriced.requests > 0 ? '*' : ''}`, formatValue(t.requests, 'count'), formatValue(t.inputTokens, 'tokens'), formatValue(t.outputTokens, 'tokens'), formatValue(t.cacheReadTokens, 'tokens'), formatValue(t.cacheCreationTokens, 'tokens')]], [true, true, true, true, true, true]),
    ...(doc.empty ? ['> No usage was recorded in this period.'] : []),
    ...(doc.unpriced.requests > 0 ? [`> \\* ${unpricedNote(doc.unpriced.models.map((m) => m.model), doc.unpriced.requests)}`] : []),
    ...doc.sections.map((s) => `## ${s.title}\n\n${section(s)}`),
    ...doc.notes.map((n) => `> ${n}`),
  ];
  return `${parts.join('\n\n')}\n`;
}
