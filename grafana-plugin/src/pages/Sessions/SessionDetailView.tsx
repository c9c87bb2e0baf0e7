import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, LinkButton, Stack, useStyles2 } from '@grafana/ui';
import { getSession, sessionUrl } from '../../api/exporter';
import { browserUrl } from '../../api/http';
import { describeFailure, exporterNotConfigured } from '../../api/problems';
import { ProblemAlert } from '../../components/ProblemAlert/ProblemAlert';
import { testIds } from '../../components/testIds';
import { formatCount, formatDuration, formatTime, formatUsd } from '../../utils/format';
import { getTableStyles } from '../../utils/tableStyles';
import { useRequest } from '../../utils/useRequest';
import { StatusBadge } from './StatusBadge';
import { sessionSeconds, toolUsage } from './summary';
import { TimelineTable } from './TimelineTable';

/** One session: summary figures, progress, tool usage, timeline with raw events, and export. */
export function SessionDetailView({ id, configured }: { id: string; configured: boolean }) {
  const s = useStyles2(getStyles);
  const t = useStyles2(getTableStyles);
  const detail = useRequest(
    () => (configured ? getSession(id) : Promise.reject(new Error('not configured'))),
    [id, configured]
  );
  if (!configured) {
    return <ProblemAlert problem={exporterNotConfigured()} />;
  }
  if (detail.error !== undefined) {
    return <ProblemAlert problem={describeFailure('exporter', detail.error)} />;
  }
  const d = detail.value;
  if (!d) {
    return <div>Loading…</div>;
  }
  const tools = toolUsage(d.timeline);
  const stats: Array<[string, string]> = [
    ['Cost', formatUsd(d.costUsd)],
    ['Duration', formatDuration(sessionSeconds(d))],
    ['Requests', String(d.requests)],
    ['Prompts', String(d.prompts)],
    ['Input tokens', formatCount(d.tokens.input)],
    ['Output tokens', formatCount(d.tokens.output)],
    ['Cache read', formatCount(d.tokens.cacheRead)],
    ['Cache write', formatCount(d.tokens.cacheWrite5m + d.tokens.cacheWrite1h)],
    ['Tool calls', String(d.toolCalls)],
    ['Tool errors', String(d.toolErrors)],
    ['API errors', String(d.apiErrors)],
  ];
  return (
    <div>
      <Stack direction="row" justifyContent="space-between" alignItems="center">
        <div>
          {d.agent} · {d.project} · {d.model} · <StatusBadge status={d.status} /> · {formatTime(d.startedAt)} →{' '}
          {formatTime(d.lastActivityAt)}
        </div>
        <Stack direction="row" gap={1}>
          <LinkButton
            variant="secondary"
            icon="download-alt"
            href={browserUrl(sessionUrl(id, 'csv'))}
            target="_blank"
            download={`${d.sessionId}.csv`}
          >
            CSV
          </LinkButton>
          <LinkButton
            variant="secondary"
            icon="download-alt"
            href={browserUrl(sessionUrl(id, 'json'))}
            target="_blank"
            download={`${d.sessionId}.json`}
          >
            JSON
          </LinkButton>
        </Stack>
      </Stack>
      <div className={s.stats} data-testid={testIds.session.summary}>
        {stats.map(([label, value]) => (
          <div key={label} className={s.stat}>
            <div className={s.label}>{label}</div>
            <div className={s.value}>{value}</div>
          </div>
        ))}
        {d.progress && d.progress.total > 0 && (
          <div className={s.stat} data-testid={testIds.session.progress}>
            <div className={s.label}>Todo progress</div>
            <div className={s.value}>
              {d.progress.done}/{d.progress.total}
            </div>
            <progress max={d.progress.total} value={d.progress.done} />
          </div>
        )}
      </div>
      {tools.length > 0 && (
        <table className={t.table}>
          <thead>
            <tr>
              <th>Tool</th>
              <th className="num">Calls</th>
              <th className="num">Errors</th>
              <th className="num">Time</th>
            </tr>
          </thead>
          <tbody>
            {tools.map((u) => (
              <tr key={u.tool}>
                <td>{u.tool}</td>
                <td className="num">{u.calls}</td>
                <td className="num">{u.errors}</td>
                <td className="num">{formatDuration(u.seconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Timeline ({d.timeline.length} steps)</h3>
      {d.truncated && (
        <Alert severity="info" title="Long session: the first steps are shown. Export the CSV for all of them." />
      )}
      {!d.rawAllowed && (
        <Alert severity="info" title="Raw events are hidden" data-testid={testIds.session.rawHidden}>
          Prompts, tool inputs and tool outputs need the agentmon Transcripts reader role (Editors and Admins have it by
          default).
        </Alert>
      )}
      {d.rawAllowed && d.rawTruncated && (
        <Alert severity="info" title="Large session: raw events are shown for the first steps only." />
      )}
      <TimelineTable timeline={d.timeline} startedAt={d.startedAt} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  stats: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1), margin: theme.spacing(2, 0) }),
  stat: css({
    padding: theme.spacing(1, 2),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    minWidth: 120,
  }),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  value: css({ fontSize: theme.typography.h4.fontSize }),
});
