import React from 'react';
import { Alert, Card, LinkButton, Stack } from '@grafana/ui';
import { findDatasource } from '../../api/datasources';
import { listAlerts } from '../../api/alertmanager';
import { sessionHealth } from '../../api/exporter';
import { checkPrometheus } from '../../api/prometheus';
import { datasourceMissing, describeFailure, exporterNotConfigured } from '../../api/problems';
import { AppLink } from '../../components/AppLink/AppLink';
import { ProblemAlert } from '../../components/ProblemAlert/ProblemAlert';
import { testIds } from '../../components/testIds';
import { DASHBOARD_UIDS, ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { formatTime } from '../../utils/format';
import { prefixRoute, sessionRoute } from '../../utils/routing';
import { useRequest } from '../../utils/useRequest';

/** Says what to do when Prometheus is missing, unreachable or not scraping the exporter; nothing when all is well. */
export function ConnectionStatus({ settings }: { settings: AppSettings }) {
  const ds = findDatasource(settings.prometheusUid);
  const check = useRequest(
    () => (ds ? checkPrometheus(settings.prometheusUid) : Promise.resolve(undefined)),
    [settings.prometheusUid, Boolean(ds)]
  );
  let body: React.ReactNode = null;
  if (!ds) {
    body = <ProblemAlert problem={datasourceMissing('prometheus', settings.prometheusUid)} />;
  } else if (check.error !== undefined) {
    body = <ProblemAlert problem={describeFailure('prometheus', check.error)} />;
  } else if (check.value && check.value.exporters === 0) {
    body = (
      <Alert severity="warning" title="Prometheus has no data from the agentmon exporter">
        Prometheus answers but has no <code>agentmon_build_info</code> series. Add the exporter as a scrape target (for
        example
        <code> - targets: [&apos;exporter:9477&apos;]</code> in prometheus.yml) and check Status → Targets in
        Prometheus.
      </Alert>
    );
  }
  // data-state tells a test (or a curious user in the inspector) that the check has answered, so "nothing to say"
  // can be told apart from "not known yet".
  return (
    <div data-testid={testIds.overview.connection} data-state={check.loading ? 'checking' : 'checked'}>
      {body}
    </div>
  );
}

/** Stuck and looping sessions as the exporter sees them now, each linking to its timeline. */
export function SessionHealthCard({ settings }: { settings: AppSettings }) {
  const configured = settings.exporterUrl !== '';
  const health = useRequest(() => (configured ? sessionHealth() : Promise.resolve([])), [configured]);
  const stuck = (health.value ?? []).filter((h) => h.status === 'stuck').length;
  const looping = (health.value ?? []).filter((h) => h.status === 'looping').length;
  return (
    <div data-testid={testIds.overview.health}>
      <h4>Stuck and looping sessions</h4>
      {!configured && <ProblemAlert problem={exporterNotConfigured()} />}
      {health.error !== undefined && <ProblemAlert problem={describeFailure('exporter', health.error)} />}
      {health.value && (
        <>
          <div>
            {stuck} stuck · {looping} looping
          </div>
          {health.value.map((h) => (
            <Card key={`${h.agent}:${h.sessionId}`} href={sessionRoute(`${h.agent}:${h.sessionId}`)}>
              <Card.Heading>
                {h.status === 'stuck' ? 'Stuck' : 'Looping'}: {h.agent} · {h.project}
              </Card.Heading>
              <Card.Description>
                {h.reason} (since {formatTime(h.since)})
              </Card.Description>
            </Card>
          ))}
        </>
      )}
    </div>
  );
}

/** The number of firing alerts, linking to the Alerts page. */
export function FiringAlertsCard({ settings }: { settings: AppSettings }) {
  const ds = findDatasource(settings.alertmanagerUid);
  const alerts = useRequest(
    () => (ds ? listAlerts(settings.alertmanagerUid) : Promise.resolve([])),
    [settings.alertmanagerUid, Boolean(ds)]
  );
  const firing = (alerts.value ?? []).filter((a) => a.status.state === 'active');
  return (
    <div data-testid={testIds.overview.alerts}>
      <h4>Firing alerts</h4>
      {!ds && <ProblemAlert severity="warning" problem={datasourceMissing('alertmanager', settings.alertmanagerUid)} />}
      {alerts.error !== undefined && (
        <ProblemAlert severity="warning" problem={describeFailure('alertmanager', alerts.error)} />
      )}
      {ds && alerts.value && (
        <div>
          <AppLink href={prefixRoute(ROUTES.Alerts)}>{`${firing.length} firing`}</AppLink>
          {firing.length > 0 && `: ${[...new Set(firing.map((a) => a.labels.alertname ?? '?'))].join(', ')}`}
        </div>
      )}
    </div>
  );
}

const DASHBOARDS: Array<[string, string]> = [
  ['Overview', DASHBOARD_UIDS.overview],
  ['Cost & tokens', DASHBOARD_UIDS.costTokens],
  ['Tools & errors', DASHBOARD_UIDS.toolsErrors],
  ['Sessions & activity', DASHBOARD_UIDS.sessionsActivity],
  ['Team', DASHBOARD_UIDS.team],
  ['Exporter health', DASHBOARD_UIDS.exporterHealth],
];

/** Buttons to the bundled dashboards. */
export function DashboardLinks() {
  return (
    <Stack direction="row" gap={1} wrap="wrap">
      {DASHBOARDS.map(([title, uid]) => (
        <LinkButton key={uid} variant="secondary" size="sm" icon="apps" href={`/d/${uid}`}>
          {title}
        </LinkButton>
      ))}
    </Stack>
  );
}
