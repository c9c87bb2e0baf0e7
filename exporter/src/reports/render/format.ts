// How numbers read in every human format (HTML, PDF, Markdown): dollars to the cent (fractions of a cent below $1),
// whole tokens with separators, ratios as percentages.
import type { TableColumn } from '../document.js';
import type { ReportMetric } from '../metrics.js';

/** What a "*" after a cost means, everywhere in the report. */
export const UNPRICED_MARK = 'leaves out requests of models without a price';

/** The footnote of a chart with unpriced points: which of them leave something out. */
export function chartMarkNote(c: { points: { key: string; label: string }[]; unpricedKeys?: string[] }): string {
  const labels = c.points.filter((p) => c.unpricedKeys?.includes(p.key)).map((p) => p.label);
  const shown = labels.length > 5 ? `${labels.slice(0, 5).join(', ')} and ${labels.length - 5} more` : labels.join(', ');
  return `Cost ${UNPRICED_MARK}: ${shown}.`;
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Returns dollars as $1,234.56, or $0.0034 below one dollar (so small reports still show their cost). */
export function formatUsd(x: number): string {
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (a === 0) return '$0.00';
  return `${sign}$${a < 1 ? a.toFixed(4) : cents.format(a)}`;
}

/** Returns a value in its unit for people to read. */
export function formatValue(value: number | string, unit: ReportMetric['unit'] | 'text' | undefined): string {
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'usd':
      return formatUsd(value);
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`;
    case 'seconds':
      return `${value.toFixed(1)} s`;
    case 'minutes':
      return value.toFixed(1);
    case 'count':
    case 'tokens':
      return int.format(value);
    default:
      return Number.isInteger(value) ? int.format(value) : String(Math.round(value * 1000) / 1000);
  }
}

/** Guesses the unit of an insight's number from its name (savingUsd → usd, hitRatio → ratio, ...). */
export function unitOfKey(key: string): ReportMetric['unit'] | undefined {
  if (/Usd$/.test(key)) return 'usd';
  if (/(Ratio|Rate|Share)$/.test(key)) return 'ratio';
  if (/Seconds$/.test(key)) return 'seconds';
  if (/(Minutes|PerSession|PerDay)$/.test(key)) return 'minutes';
  return undefined;
}

/** Returns an insight's row columns: its own, else guessed from the first row's keys. */
export function insightColumns(i: { rows?: Record<string, string | number>[]; columns?: TableColumn[] }): TableColumn[] {
  const first = i.rows?.[0];
  if (i.columns) return i.columns;
  return first ? Object.keys(first).map((k) => ({ key: k, label: keyLabel(k), unit: typeof first[k] === 'number' ? unitOfKey(k) : 'text' })) : [];
}

/** Returns "+12.5%" / "-3.0%" for a relative change. */
export const formatChange = (change: number): string => `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;

/** Returns a camelCase key as words: savingUsd → "saving (USD)", p95Seconds → "p95 (s)". */
export function keyLabel(key: string): string {
  const base = key.replace(/Usd$/, 'Usd!').replace(/Seconds$/, 'Seconds!').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace(/ usd!$/, ' (USD)').replace(/ seconds!$/, ' (s)');
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** Escapes text for HTML and SVG. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The insights section's first line: what acting on all of them could save, out of what was spent. */
export function savingsLine(s: { spendUsd: number; savingUsd: number }): string {
  const share = s.spendUsd > 0 ? ` (${((s.savingUsd / s.spendUsd) * 100).toFixed(1)}%)` : '';
  return `Acting on every insight below could save about ${formatUsd(s.savingUsd)} of the ${formatUsd(s.spendUsd)} spent on priced models in this period${share}. Spend two insights both touch is counted once, so the savings add up to this total.`;
}

/** An insight's estimated saving in words ("$1.23 + 4 min"); time under a minute in seconds, never "0 min". */
export function formatSaving(i: { savingUsd?: number; savingMinutes?: number }): string {
  const time = !i.savingMinutes ? '' : i.savingMinutes < 1 ? `${Math.max(1, Math.round(i.savingMinutes * 60))} s` : `${i.savingMinutes.toFixed(0)} min`;
  return [i.savingUsd ? formatUsd(i.savingUsd) : '', time].filter(Boolean).join(' + ');
}
