// Alertmanager v2 alerts for tests.
import type { AmAlert } from '../api/alertmanager';

/** An alert with overridable parts; firing unless status says otherwise. */
export function amAlert(name: string, over: Partial<AmAlert> = {}): AmAlert {
  return {
    fingerprint: `fp-${name}`,
    labels: { alertname: name, severity: 'warning', agent: 'claude-code', project: 'webshop' },
    annotations: { summary: `${name} summary`, runbook_url: `https://example.org/runbooks/${name}` },
    startsAt: '2025-06-02T09:00:00Z',
    generatorURL: `http://prometheus:9090/graph?g0.expr=${name}`,
    status: { state: 'active', silencedBy: [], inhibitedBy: [] },
    ...over,
  };
}

/** Where the app reads alerts for the compose stack's Alertmanager datasource. */
export const AM_ALERTS = '/api/datasources/proxy/uid/agentmon-alertmanager/api/v2/alerts';
