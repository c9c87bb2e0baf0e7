import React, { useState } from 'react';
import { Button, Field, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';
import { describeFailure, exporterNotConfigured } from '../../api/problems';
import { AppLink } from '../../components/AppLink/AppLink';
import { ProblemAlert } from '../../components/ProblemAlert/ProblemAlert';
import { testIds } from '../../components/testIds';
import { formatTime } from '../../utils/format';
import { sessionRoute } from '../../utils/routing';
import { getTableStyles } from '../../utils/tableStyles';
import { AGENTS } from '../Sessions/filters';
import { useEventPoll } from './useEventPoll';

interface Props {
  configured: boolean;
  /** Poll period; the page uses 2 s so events show within seconds. */
  intervalMs?: number;
  /** Events kept on screen. */
  keep?: number;
}

const AGENT_OPTIONS = [{ label: 'All agents', value: '' }, ...AGENTS.map((a) => ({ label: a, value: a }))];

/** Events as the exporter reads them from the agents' logs, newest on top, updated every few seconds. */
export function LiveFeed({ configured, intervalMs = 2000, keep = 500 }: Props) {
  const s = useStyles2(getTableStyles);
  const [paused, setPaused] = useState(false);
  const [agent, setAgent] = useState('');
  const feed = useEventPoll(configured, paused, intervalMs, keep);
  if (!configured) {
    return <ProblemAlert problem={exporterNotConfigured()} />;
  }
  const shown = agent ? feed.events.filter((e) => e.agent === agent) : feed.events;
  return (
    <div>
      <Stack direction="row" gap={2} alignItems="flex-end" justifyContent="space-between">
        <Field label="Agent">
          <RadioButtonGroup options={AGENT_OPTIONS} value={agent} onChange={setAgent} />
        </Field>
        <Stack direction="row" gap={2} alignItems="center">
          <span data-testid={testIds.live.status}>
            {paused
              ? 'Paused'
              : feed.updatedAt
                ? `Updated ${formatTime(new Date(feed.updatedAt).toISOString())}`
                : 'Connecting…'}
          </span>
          <Button
            data-testid={testIds.live.pause}
            variant="secondary"
            icon={paused ? 'play' : 'pause'}
            onClick={() => setPaused(!paused)}
          >
            {paused ? 'Resume' : 'Pause'}
          </Button>
        </Stack>
      </Stack>
      {feed.error !== undefined && <ProblemAlert problem={describeFailure('exporter', feed.error)} />}
      <table className={s.table} data-testid={testIds.live.feed}>
        <thead>
          <tr>
            <th>Time</th>
            <th>Agent</th>
            <th>Event</th>
            <th>Project</th>
            <th>Model / tool</th>
            <th>Session</th>
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={6}>No events yet: they appear here as soon as an agent writes to its log.</td>
            </tr>
          )}
          {shown.map((e, i) => (
            <tr key={`${e.ts}-${e.sessionId}-${i}`} data-testid={testIds.live.event}>
              <td>{formatTime(e.ts)}</td>
              <td>{e.agent}</td>
              <td>
                {e.kind}
                {e.ok === false ? ' (error)' : ''}
              </td>
              <td>{e.project}</td>
              <td>{e.tool ?? e.model ?? ''}</td>
              <td>
                <AppLink href={sessionRoute(`${e.agent}:${e.sessionId}`)}>{e.sessionId.slice(0, 8)}</AppLink>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
