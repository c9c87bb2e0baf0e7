// Alerts from Alertmanager, read through Grafana's datasource proxy for the Alertmanager datasource (the browser
// never talks to Alertmanager itself), plus links into Grafana's own silence editor.
import { getJson } from './http';

/** An alert as Alertmanager's v2 API returns it (fields the app uses). */
export interface AmAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  generatorURL?: string;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; silencedBy: string[]; inhibitedBy: string[] };
}

/** Returns the alerts Alertmanager holds, firing and silenced/inhibited, for datasource uid. */
export function listAlerts(datasourceUid: string): Promise<AmAlert[]> {
  const base = `/api/datasources/proxy/uid/${encodeURIComponent(datasourceUid)}`;
  return getJson<AmAlert[]>(`${base}/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true`);
}

/** Whether an alert is currently silenced (as opposed to firing or only inhibited). */
export function isSilenced(a: AmAlert): boolean {
  return a.status.silencedBy.length > 0;
}

/** Link to Grafana's "new silence" form, pre-filled with the alert's labels, for the named Alertmanager source. */
export function silenceUrl(alertmanagerName: string, labels: Record<string, string>): string {
  const q = new URLSearchParams({ alertmanager: alertmanagerName });
  for (const [k, v] of Object.entries(labels)) {
    if (!(k.startsWith('__') && k.endsWith('__'))) {
      q.append('matcher', `${k}=${v}`);
    }
  }
  return `/alerting/silence/new?${q.toString()}`;
}

/** Link to Grafana's silence list showing the silences that cover an alert. */
export function silencesUrl(alertmanagerName: string, silenceIds: string[]): string {
  const q = new URLSearchParams({ alertmanager: alertmanagerName, silenceIds: silenceIds.join(',') });
  return `/alerting/silences?${q.toString()}`;
}

/** The runbook link the rule set in its annotations, if any. */
export function runbookOf(a: AmAlert): string | undefined {
  return a.annotations.runbook_url || a.annotations.runbook || undefined;
}
