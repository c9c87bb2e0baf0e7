// How the Reports page names schedules, deliveries, run statuses and file sizes.
import type { BadgeColor } from '@grafana/ui';
import type { ReportFormat, ReportTemplateSummary, RunStatus } from '../../api/reportTypes';

/** Button labels of the formats. */
export const FORMAT_LABELS: Record<ReportFormat, string> = {
  pdf: 'PDF',
  html: 'HTML',
  md: 'Markdown',
  json: 'JSON',
  csv: 'CSV',
};

/** Badge colour of a run's status. */
export const RUN_STATUS_COLORS: Record<RunStatus, BadgeColor> = {
  ok: 'green',
  running: 'blue',
  delivering: 'blue',
  failed: 'red',
};

/** "day" → "Last complete day": what a template covers when no range is given. */
export function periodLabel(period: ReportTemplateSummary['period']): string {
  return `Last complete ${period}`;
}

/** "0 8 * * 1 (UTC)": the cron as written with its time zone, or "On demand only". */
export function scheduleLabel(t: Pick<ReportTemplateSummary, 'schedule' | 'timezone'>): string {
  return t.schedule ? `${t.schedule} (${t.timezone})` : 'On demand only';
}

/** "2 recipients, 1 webhook, folder", or "Not delivered" when the template only keeps its runs. */
export function deliveryLabel(d: ReportTemplateSummary['delivery']): string {
  const parts = [
    d.email ? `${d.email} email recipient${d.email === 1 ? '' : 's'}` : '',
    d.webhooks ? `${d.webhooks} webhook${d.webhooks === 1 ? '' : 's'}` : '',
    d.folder ? 'folder' : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'Not delivered (runs are kept)';
}

/** "18 KB", "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
