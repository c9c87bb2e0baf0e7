// Renders a report document to any format, with the file name and media type each one is served and mailed as.
import type { ReportDocument } from '../document.js';
import type { ReportFormat } from '../template/schema.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf } from './pdf.js';

/** A rendered report file. */
export interface RenderedFile {
  format: ReportFormat;
  fileName: string;
  contentType: string;
  body: Buffer;
}

const TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
};

/** Returns the media type of a format. */
export const contentTypeOf = (format: ReportFormat): string => TYPES[format];

/** Returns the base file name of a report: <template>-<first day>[_<last day>]. */
export function reportBaseName(doc: ReportDocument): string {
  return doc.range.firstDay === doc.range.lastDay ? `${doc.template}-${doc.range.firstDay}` : `${doc.template}-${doc.range.firstDay}_${doc.range.lastDay}`;
}

/** Renders the document in one format. */
export async function renderReport(doc: ReportDocument, format: ReportFormat): Promise<RenderedFile> {
  let body: Buffer;
  switch (format) {
    case 'html':
      body = Buffer.from(renderHtml(doc));
      break;
    case 'pdf':
      body = await renderPdf(renderHtml(doc));
      break;
    case 'md':
      body = Buffer.from(renderMarkdown(doc));
      break;
    case 'json':
      body = Buffer.from(`${JSON.stringify(doc, null, 2)}\n`);
      break;
    case 'csv':
      body = Buffer.from(renderCsv(doc));
      break;
  }
  return { format, fileName: `${reportBaseName(doc)}.${format}`, contentType: TYPES[format], body };
}
