// Computing and rendering a report, as the API and the run history ask for it. In `serve` this runs in a worker
// thread (worker-client.ts): a monthly report over 100,000 sessions takes seconds of CPU, which on the main thread
// would stall /metrics and tailing. The one-shot `report` command and tests compute in process.
import { buildReport, type BuildOptions } from '../build.js';
import type { ReportSources } from '../data.js';
import type { ReportDocument } from '../document.js';
import { type RenderedFile, renderReport } from '../render/index.js';
import type { ReportFormat, ReportTemplate } from '../template/schema.js';

/** Builds report documents and renders them. */
export interface ReportCompute {
  build(template: ReportTemplate, opts: BuildOptions): Promise<ReportDocument>;
  render(doc: ReportDocument, format: ReportFormat): Promise<RenderedFile>;
}

/** Returns a compute that works in this thread, straight from the sources. */
export function inProcess(sources: ReportSources): ReportCompute {
  return { build: (template, opts) => buildReport(template, sources, opts), render: (doc, format) => renderReport(doc, format) };
}
