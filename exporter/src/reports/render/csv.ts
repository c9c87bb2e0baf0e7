// The report as one CSV in long form, one number per line (section, kind, row, column, value), so a spreadsheet
// pivot or a script can read every section without knowing the template. Values are raw (USD, ratios 0..1).
import { toCsv } from '../../api/csv.js';
import type { ReportDocument } from '../document.js';

const COLUMNS = ['section', 'kind', 'row', 'column', 'value'];

/** Returns the report as CSV text. */
export function renderCsv(doc: ReportDocument): string {
  const out: Record<string, unknown>[] = [];
  const push = (section: string, kind: string, row: string, column: string, value: unknown): void => {
    out.push({ section, kind, row, column, value });
  };
  for (const [k, v] of Object.entries(doc.totals)) push('Totals', 'totals', 'total', k, v);
  for (const m of doc.unpriced.models) push('Totals', 'unpriced', m.model, 'requests', m.requests);
  for (const s of doc.sections) {
    switch (s.type) {
      case 'summary':
        for (const i of s.items) {
          push(s.title, 'summary', i.metric, 'value', i.value);
          if (i.previous !== undefined) push(s.title, 'summary', i.metric, 'previous', i.previous);
        }
        break;
      case 'chart':
        for (const p of s.points) push(s.title, 'chart', p.label, s.metric, p.value);
        break;
      case 'table': {
        const key = s.columns[0]!.key;
        for (const r of s.items) for (const c of s.columns.slice(1)) push(s.title, 'table', String(r[key] ?? ''), c.key, r[c.key]);
        break;
      }
      case 'insights':
        push(s.title, 'insights', 'total', 'spendUsd', s.spendUsd);
        push(s.title, 'insights', 'total', 'savingUsd', s.savingUsd);
        for (const i of s.items) {
          for (const [k, v] of Object.entries(i.numbers)) push(s.title, 'insight', i.id, k, v);
          if (i.savingMinutes !== undefined) push(s.title, 'insight', i.id, 'savingMinutes', i.savingMinutes);
        }
        break;
    }
  }
  return toCsv(out, COLUMNS);
}
