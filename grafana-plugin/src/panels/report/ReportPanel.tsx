import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { Problem } from '../../api/problems';
import { previewDocument } from '../../api/reports';
import type { ReportDocument, ReportInsight, SummaryItem } from '../../api/reportTypes';
import { ProblemAlert } from '../../components/ProblemAlert/ProblemAlert';
import { testIds } from '../../components/testIds';
import { useRequest } from '../../utils/useRequest';
import { diagnose } from './diagnose';
import { InsightList } from './InsightList';
import type { ReportPanelOptions } from './options';
import { SummaryTiles } from './SummaryTiles';

type Loaded = { doc: ReportDocument } | { problem: Problem };

/** Loads the report document for the range; a failure comes back explained. */
async function load(template: string, from: number, to: number): Promise<Loaded> {
  try {
    return { doc: await previewDocument(template, { from, to }) };
  } catch (err) {
    return { problem: await diagnose(err) };
  }
}

/** The figures and insights the options ask for, from every summary and insights section of the report. */
function pick(doc: ReportDocument, options: ReportPanelOptions) {
  const summary: SummaryItem[] = [];
  let insights: ReportInsight[] = [];
  for (const section of doc.sections) {
    if (section.type === 'summary') {
      summary.push(...section.items);
    } else if (section.type === 'insights') {
      insights.push(...section.items);
    }
  }
  if (options.onlyActionable) {
    insights = insights.filter((i) => i.level !== 'good');
  }
  if (options.maxInsights > 0) {
    insights = insights.slice(0, options.maxInsights);
  }
  return { summary, insights };
}

/** A report's summary and insights for the dashboard's time range, computed by the exporter. */
export function ReportPanel({ options, timeRange, width, height, replaceVariables }: PanelProps<ReportPanelOptions>) {
  const s = useStyles2(getStyles);
  const template = replaceVariables(options.template ?? '').trim();
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();
  const report = useRequest(
    () => (template ? load(template, from, to) : Promise.resolve(undefined)),
    [template, from, to]
  );
  const box = { width, height };
  if (!template) {
    return <div style={box}>Choose a report template in the panel options (daily, weekly, monthly or your own).</div>;
  }
  const loaded = report.value;
  if (!loaded) {
    return <div style={box}>Computing the report…</div>;
  }
  if ('problem' in loaded) {
    return (
      <div className={s.box} style={box}>
        <ProblemAlert problem={loaded.problem} />
      </div>
    );
  }
  const { doc } = loaded;
  const { summary, insights } = pick(doc, options);
  const nothing = (!options.showSummary || summary.length === 0) && (!options.showInsights || insights.length === 0);
  return (
    <div className={s.box} style={box}>
      <div className={s.heading} data-testid={testIds.panel.heading}>
        {doc.title}: {doc.range.firstDay} to {doc.range.lastDay} ({doc.timezone})
        {summary.some((i) => i.previous !== undefined) ? ', compared with the period before' : ''}
      </div>
      {doc.notes.map((n) => (
        <div key={n} className={s.note}>
          {n}
        </div>
      ))}
      {options.showSummary && summary.length > 0 && <SummaryTiles items={summary} />}
      {options.showInsights && insights.length > 0 && <InsightList items={insights} />}
      {nothing && (
        <div>
          The {doc.template} report has no {options.showSummary ? 'summary' : ''}
          {options.showSummary && options.showInsights ? ' or ' : ''}
          {options.showInsights ? 'insights' : ''} to show: pick another template, or turn a section on in the panel
          options.
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({ overflow: 'auto' }),
  heading: css({ color: theme.colors.text.secondary, marginBottom: theme.spacing(1) }),
  note: css({ color: theme.colors.warning.text, marginBottom: theme.spacing(1) }),
});
