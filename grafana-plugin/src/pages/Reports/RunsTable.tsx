import React from 'react';
import { Badge, LinkButton, Stack, useStyles2 } from '@grafana/ui';
import { browserUrl, runFileUrl } from '../../api/reports';
import type { ReportRun } from '../../api/reportTypes';
import { testIds } from '../../components/testIds';
import { formatTime } from '../../utils/format';
import { formatReportUsd } from '../../utils/reportFormat';
import { getTableStyles } from '../../utils/tableStyles';
import { FORMAT_LABELS, formatBytes, RUN_STATUS_COLORS } from './labels';

/** A run's files as download buttons. */
export function RunFiles({ run }: { run: ReportRun }) {
  return (
    <Stack direction="row" gap={1} wrap="wrap">
      {run.files.map((f) => (
        <LinkButton
          key={f.format}
          size="sm"
          variant="secondary"
          icon="download-alt"
          href={browserUrl(runFileUrl(run.id, f.format))}
          download={f.fileName}
          // Grafana turns clicks on same-origin links without a target into page navigations.
          target="_blank"
          rel="noopener noreferrer"
          title={f.fileName}
        >
          {FORMAT_LABELS[f.format] ?? f.format} ({formatBytes(f.bytes)})
        </LinkButton>
      ))}
    </Stack>
  );
}

const deliveries = (run: ReportRun): string =>
  run.deliveries.length === 0
    ? '—'
    : run.deliveries.map((d) => `${d.kind} ${d.target}: ${d.status}${d.error ? ` (${d.error})` : ''}`).join('; ');

/** The template's newest runs (scheduled or saved from here), with their outcome and files. */
export function RunsTable({ runs }: { runs: ReportRun[] }) {
  const s = useStyles2(getTableStyles);
  if (runs.length === 0) {
    return <div data-testid={testIds.reports.runs}>No runs yet: scheduled runs and the ones you save appear here.</div>;
  }
  return (
    <table className={s.table} data-testid={testIds.reports.runs}>
      <thead>
        <tr>
          <th>Started</th>
          <th>By</th>
          <th>Status</th>
          <th>Covers</th>
          <th className="num">Cost</th>
          <th className="num">Requests</th>
          <th>Deliveries</th>
          <th>Files</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} data-testid={testIds.reports.run}>
            <td>{formatTime(run.startedAt)}</td>
            <td>{run.trigger === 'schedule' ? 'schedule' : 'on demand'}</td>
            <td>
              <Badge text={run.status} color={RUN_STATUS_COLORS[run.status] ?? 'blue'} />
              {run.error && <div>{run.error}</div>}
            </td>
            <td>{run.range.firstDay ? `${run.range.firstDay} to ${run.range.lastDay}` : '—'}</td>
            <td className="num">{run.costUsd === undefined ? '—' : formatReportUsd(run.costUsd)}</td>
            <td className="num">{run.requests ?? '—'}</td>
            <td>{deliveries(run)}</td>
            <td>
              <RunFiles run={run} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
