import React, { useState } from 'react';
import { Badge, Button, LinkButton, Stack, useStyles2 } from '@grafana/ui';
import { findDatasource } from '../../api/datasources';
import { isSilenced, listAlerts, runbookOf, silenceUrl, silencesUrl, type AmAlert } from '../../api/alertmanager';
import { datasourceMissing, describeFailure } from '../../api/problems';
import { ProblemAlert } from '../../components/ProblemAlert/ProblemAlert';
import { testIds } from '../../components/testIds';
import { formatTime } from '../../utils/format';
import { getTableStyles } from '../../utils/tableStyles';
import { useRequest } from '../../utils/useRequest';

const SEVERITY_COLOR = { critical: 'red', warning: 'orange', info: 'blue' } as const;

/** Labels worth showing beside the alert name (the rest are in Alertmanager). */
const CONTEXT_LABELS = ['agent', 'project', 'model', 'tool', 'user', 'instance'];

function AlertTable({ alerts, amName, testId }: { alerts: AmAlert[]; amName: string; testId: string }) {
  const s = useStyles2(getTableStyles);
  return (
    <table className={s.table} data-testid={testId}>
      <thead>
        <tr>
          <th>Alert</th>
          <th>Severity</th>
          <th>Summary</th>
          <th>Where</th>
          <th>Since</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {alerts.length === 0 && (
          <tr>
            <td colSpan={6}>None.</td>
          </tr>
        )}
        {alerts.map((a) => {
          const severity = a.labels.severity ?? 'none';
          const runbook = runbookOf(a);
          return (
            <tr key={a.fingerprint} data-testid={testIds.alerts.alert}>
              <td>{a.labels.alertname ?? '(no name)'}</td>
              <td>
                <Badge text={severity} color={SEVERITY_COLOR[severity as keyof typeof SEVERITY_COLOR] ?? 'purple'} />
              </td>
              <td>{a.annotations.summary ?? a.annotations.description ?? ''}</td>
              <td>
                {CONTEXT_LABELS.filter((k) => a.labels[k])
                  .map((k) => `${k}=${a.labels[k]}`)
                  .join(' ')}
              </td>
              <td>{formatTime(a.startsAt)}</td>
              <td>
                <Stack direction="row" gap={1}>
                  {isSilenced(a) ? (
                    <LinkButton
                      size="sm"
                      variant="secondary"
                      icon="bell"
                      href={silencesUrl(amName, a.status.silencedBy)}
                    >
                      Silences
                    </LinkButton>
                  ) : (
                    <LinkButton size="sm" variant="secondary" icon="bell-slash" href={silenceUrl(amName, a.labels)}>
                      Silence
                    </LinkButton>
                  )}
                  {runbook && (
                    <LinkButton size="sm" variant="secondary" icon="book" href={runbook} target="_blank">
                      Runbook
                    </LinkButton>
                  )}
                  {a.generatorURL && (
                    <LinkButton size="sm" variant="secondary" icon="chart-line" href={a.generatorURL} target="_blank">
                      Source
                    </LinkButton>
                  )}
                </Stack>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Firing and silenced alerts from the configured Alertmanager, with links to silence them and to runbooks. */
export function AlertsList({ alertmanagerUid }: { alertmanagerUid: string }) {
  const [reloads, setReloads] = useState(0);
  const ds = findDatasource(alertmanagerUid);
  const alerts = useRequest(
    () => (ds ? listAlerts(alertmanagerUid) : Promise.resolve([])),
    [alertmanagerUid, reloads, Boolean(ds)]
  );
  if (!ds) {
    return <ProblemAlert problem={datasourceMissing('alertmanager', alertmanagerUid)} />;
  }
  const all = alerts.value ?? [];
  const firing = all.filter((a) => a.status.state === 'active');
  const silenced = all.filter(isSilenced);
  return (
    <div>
      <Stack direction="row" justifyContent="space-between" alignItems="center">
        <span>
          Alertmanager: <b>{ds.name}</b>
        </span>
        <Button variant="secondary" icon="sync" onClick={() => setReloads(reloads + 1)}>
          Refresh
        </Button>
      </Stack>
      {alerts.error !== undefined && <ProblemAlert problem={describeFailure('alertmanager', alerts.error)} />}
      {alerts.loading && !alerts.value && <div>Loading…</div>}
      {alerts.value && <AlertSections firing={firing} silenced={silenced} amName={ds.name} />}
    </div>
  );
}

function AlertSections({ firing, silenced, amName }: { firing: AmAlert[]; silenced: AmAlert[]; amName: string }) {
  return (
    <div>
      <h3>Firing ({firing.length})</h3>
      <AlertTable alerts={firing} amName={amName} testId={testIds.alerts.firing} />
      <h3>Silenced ({silenced.length})</h3>
      <AlertTable alerts={silenced} amName={amName} testId={testIds.alerts.silenced} />
    </div>
  );
}
