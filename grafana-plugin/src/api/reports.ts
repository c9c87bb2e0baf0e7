// The exporter's reports API (/api/v1/reports) through Grafana's plugin route: templates, previews for a time
// range, runs kept in the exporter's history, and their files.
import { EXPORTER_PROXY_URL } from '../constants';
import { getJson, postBlob, postJson, postText, queryString, RequestFailure } from './http';

export { browserUrl } from './http';
import type {
  MsRange,
  ReportDocument,
  ReportFormat,
  ReportRun,
  ReportRunList,
  ReportTemplateList,
} from './reportTypes';

/** Where the reports API is, through the plugin route. */
export const REPORTS_API = `${EXPORTER_PROXY_URL}/api/v1/reports`;

/** Returns every template the exporter knows (built-in and the user's), with its schedule and last run. */
export function listTemplates(): Promise<ReportTemplateList> {
  return getJson<ReportTemplateList>(`${REPORTS_API}/templates`);
}

/**
 * What to POST to /preview for a report computed now for range (Unix ms, Grafana's from/to) in format; without a
 * range, the template's last complete period. Previews are POSTs: they cost the exporter seconds of CPU (a Chromium
 * for PDF), so a link on some web page must not be able to start one.
 */
export function previewBody(template: string, range: MsRange | undefined, format: ReportFormat) {
  return { template, format, ...(range ? { from: range.from, to: range.to } : {}) };
}

/** Returns the report document (the numbers the panel and the page show) for range. */
export function previewDocument(template: string, range: MsRange | undefined): Promise<ReportDocument> {
  return postJson<ReportDocument>(`${REPORTS_API}/preview`, previewBody(template, range, 'json'));
}

/** Returns the self-contained HTML report for range (inline CSS and SVG, no scripts). */
export function previewHtml(template: string, range: MsRange | undefined): Promise<string> {
  return postText(`${REPORTS_API}/preview`, previewBody(template, range, 'html'));
}

/** Returns the report for range as a file in format, to save in the browser. */
export function previewFile(template: string, range: MsRange | undefined, format: ReportFormat): Promise<Blob> {
  return postBlob(`${REPORTS_API}/preview`, previewBody(template, range, format));
}

/**
 * Runs template now for range and keeps the run in the exporter's history (nothing is delivered); `formats`, when
 * given, replaces the template's own list for this run. A run that failed while rendering comes back as its record
 * (status "failed", error, the files written before the failure).
 */
export async function startRun(
  template: string,
  range: MsRange | undefined,
  formats?: ReportFormat[]
): Promise<ReportRun> {
  try {
    return await postJson<ReportRun>(`${REPORTS_API}/runs`, {
      template,
      ...(range ? { from: range.from, to: range.to } : {}),
      ...(formats ? { formats } : {}),
      deliver: false,
    });
  } catch (err) {
    const body = err instanceof RequestFailure ? err.body : undefined;
    if (body && typeof body === 'object' && 'id' in body && 'status' in body && 'files' in body) {
      return body as ReportRun;
    }
    throw err;
  }
}

/** Returns the newest runs of template, newest first. */
export function listRuns(template: string, limit = 10): Promise<ReportRunList> {
  return getJson<ReportRunList>(`${REPORTS_API}/runs${queryString({ template, limit })}`);
}

/** URL of a stored run's file, served as an attachment (a download). */
export function runFileUrl(runId: string, format: ReportFormat): string {
  return `${REPORTS_API}/runs/${encodeURIComponent(runId)}/files/${format}`;
}
