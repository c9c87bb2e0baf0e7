// How a report's numbers read in Grafana: the same rules as the exporter's HTML, PDF and Markdown
// (exporter/src/reports/render/format.ts), so the panel and the PDF show the same figures.
import type { ReportUnit } from '../api/reportTypes';

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "$1,234.56", or "$0.0927" below one dollar so small reports still show their cost. */
export function formatReportUsd(usd: number): string {
  const a = Math.abs(usd);
  if (a === 0) {
    return '$0.00';
  }
  return `${usd < 0 ? '-' : ''}$${a < 1 ? a.toFixed(4) : cents.format(a)}`;
}

/** A value in its unit: dollars, whole counts and tokens, ratios as percentages, seconds and minutes. */
export function formatReportValue(value: number | string, unit: ReportUnit | 'text' | undefined): string {
  if (typeof value === 'string') {
    return value;
  }
  switch (unit) {
    case 'usd':
      return formatReportUsd(value);
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`;
    case 'seconds':
      return `${value.toFixed(1)} s`;
    case 'minutes':
      return `${value.toFixed(1)} min`;
    case 'count':
    case 'tokens':
      return whole.format(value);
    default:
      return Number.isInteger(value) ? whole.format(value) : String(Math.round(value * 1000) / 1000);
  }
}

/** "+12.5%" / "-3.0%" for a relative change. */
export function formatChange(change: number): string {
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
}

/** Whether a change is good news: depends on whether more of the metric is better; unknown when it is neither. */
export function changeTone(change: number, higherIsBetter: boolean | undefined): 'good' | 'bad' | 'neutral' {
  if (change === 0 || higherIsBetter === undefined) {
    return 'neutral';
  }
  return change > 0 === higherIsBetter ? 'good' : 'bad';
}

/** "$0.0964 + 3 min" for an insight's estimated saving (as the HTML report writes it), or '' when there is none. */
export function formatSaving(savingUsd: number | undefined, savingMinutes: number | undefined): string {
  const minutes =
    savingMinutes === undefined || savingMinutes <= 0
      ? ''
      : savingMinutes >= 1
        ? `${savingMinutes.toFixed(0)} min`
        : // The HTML report would say "0 min" here; seconds say more.
          `${(savingMinutes * 60).toFixed(savingMinutes * 60 < 10 ? 1 : 0)} s`;
  return [savingUsd ? formatReportUsd(savingUsd) : '', minutes].filter(Boolean).join(' + ');
}
