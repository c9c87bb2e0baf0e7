// Computes a report from a template: picks the period (the last complete one, or the range asked for), then each
// section in turn, yielding to the event loop between sections so a running exporter keeps tailing.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { dailyUsage } from '../accounting/daily.js';
import { activityGap, activityRows, type ReportSources, type Scope, sessionRows, toolRows, usageRows } from './data.js';
import type { ReportDocument, SectionResult } from './document.js';
import { buildInsights } from './insights/index.js';
import { bucketStart, describeRange, lastCompletePeriod, nextBucket, previousRange, type TimeRange } from './period.js';
import { buildChart, buildSummary, buildTable } from './sections.js';
import type { ReportTemplate } from './template/schema.js';
import { unpricedUsage } from './unpriced.js';

export interface BuildOptions {
  /** The range to cover; default: the template's last complete period before `nowMs`. */
  range?: TimeRange;
  nowMs?: number;
  /** Zone for days when the template names none (the config's reports.timezone). */
  timezone: string;
}

/** Returns the report's range and zone without computing it (for names and schedules). */
export function reportRange(template: ReportTemplate, opts: BuildOptions): { range: TimeRange; tz: string } {
  const tz = template.timezone ?? opts.timezone;
  return { range: opts.range ?? lastCompletePeriod(template.period, opts.nowMs ?? Date.now(), tz), tz };
}

/** Computes the report document. */
export async function buildReport(template: ReportTemplate, src: ReportSources, opts: BuildOptions): Promise<ReportDocument> {
  const { range, tz } = reportRange(template, opts);
  const filter = { ...(template.filter.agents ? { agents: template.filter.agents } : {}), ...(template.filter.projects ? { projects: template.filter.projects } : {}) };
  const scope: Scope = { range, tz, ...filter };
  const previous: Scope = { ...scope, range: previousRange(range, tz) };
  const sections: SectionResult[] = [];
  for (const s of template.sections) {
    await yieldToLoop();
    switch (s.type) {
      case 'summary':
        sections.push(buildSummary(s, src, scope, previous));
        break;
      case 'chart':
        sections.push(buildChart(s, src, scope));
        break;
      case 'table':
        sections.push(buildTable(s, src, scope));
        break;
      case 'insights':
        sections.push(buildInsights(s, src, scope, previous));
        break;
      default: {
        const never: never = s;
        throw new Error(`unhandled section ${JSON.stringify(never)}`);
      }
    }
  }
  const notes: string[] = [];
  const gap = activityGap(src, scope);
  if (gap !== undefined) {
    notes.push(src.activity
      ? `Tool, prompt and response-size numbers cover activity since ${new Date(gap).toISOString().slice(0, 16).replace('T', ' ')} UTC, when report tracking began; usage and cost cover the whole period.`
      : 'Tool, prompt and response-size numbers are not available here; usage and cost cover the whole period.');
  }
  const days = describeRange(range, tz);
  const unpriced = unpricedUsage(src, scope);
  const empty = usageRows(src, scope).length === 0 && sessionRows(src, scope).length === 0 && toolRows(src, scope).length === 0 && activityRows(src, scope).length === 0;
  // A template's description speaks of its own period ("Last week's ..."): it is wrong for any other range.
  const onePeriod = bucketStart(range.startMs, template.period, tz) === range.startMs && nextBucket(range.startMs, template.period, tz) === range.endMs;
  return {
    template: template.name,
    title: template.title,
    ...(template.description && onePeriod ? { description: template.description } : {}),
    generatedAt: new Date(opts.nowMs ?? Date.now()).toISOString(),
    timezone: tz,
    range: { from: new Date(range.startMs).toISOString(), to: new Date(range.endMs).toISOString(), firstDay: days.first, lastDay: days.last },
    previous: { from: new Date(previous.range.startMs).toISOString(), to: new Date(previous.range.endMs).toISOString() },
    totals: { ...dailyUsage(usageRows(src, scope)).totals, unpricedRequests: unpriced.requests },
    unpriced,
    empty,
    notes,
    formats: template.formats,
    sections,
  };
}
