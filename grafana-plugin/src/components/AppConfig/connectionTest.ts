// "Test connection": checks, through Grafana's server-side proxies, that the saved exporter URL and token work
// and that the chosen Prometheus and Alertmanager answer. Each check reports on its own.
import { listAlerts } from '../../api/alertmanager';
import { listSessions } from '../../api/exporter';
import { checkPrometheus } from '../../api/prometheus';
import { describeFailure, type Problem } from '../../api/problems';

/** The outcome of one check. */
export interface CheckResult {
  name: string;
  ok: boolean;
  /** For a failure: what to do. */
  message: string;
  problem?: Problem;
  /** A non-blocking concern (e.g. Prometheus answers but does not scrape the exporter). */
  warning?: boolean;
}

const fail = (name: string, service: Parameters<typeof describeFailure>[0], err: unknown): CheckResult => {
  const problem = describeFailure(service, err);
  return { name, ok: false, message: `${problem.title}. ${problem.action}`, problem };
};

/** Runs the three checks for the saved settings and returns their results in a fixed order. */
export async function testConnection(s: {
  exporterUrl: string;
  prometheusUid: string;
  alertmanagerUid: string;
}): Promise<CheckResult[]> {
  const exporter: Promise<CheckResult> = s.exporterUrl
    ? listSessions({ limit: 1 }).then(
        (page) => ({
          name: 'Exporter',
          ok: true,
          message: `The exporter answered through Grafana: ${page.total} sessions.`,
        }),
        (err) => fail('Exporter', 'exporter', err)
      )
    : Promise.resolve({ name: 'Exporter', ok: false, message: 'No exporter URL saved yet: enter it above and save.' });
  const prometheus: Promise<CheckResult> = s.prometheusUid
    ? checkPrometheus(s.prometheusUid).then(
        (c) =>
          c.exporters > 0
            ? {
                name: 'Prometheus',
                ok: true,
                message: `Prometheus answered: ${c.exporters} exporter target(s), version ${c.versions.join(', ')}.`,
              }
            : {
                name: 'Prometheus',
                ok: true,
                warning: true,
                message:
                  'Prometheus answered but has no agentmon_build_info series: add the exporter to its scrape targets.',
              },
        (err) => fail('Prometheus', 'prometheus', err)
      )
    : Promise.resolve({ name: 'Prometheus', ok: false, message: 'Pick a Prometheus datasource above and save.' });
  const alertmanager: Promise<CheckResult> = s.alertmanagerUid
    ? listAlerts(s.alertmanagerUid).then(
        (alerts) => ({ name: 'Alertmanager', ok: true, message: `Alertmanager answered: ${alerts.length} alert(s).` }),
        (err) => ({ ...fail('Alertmanager', 'alertmanager', err), warning: true })
      )
    : Promise.resolve({
        name: 'Alertmanager',
        ok: true,
        warning: true,
        message: 'No Alertmanager datasource chosen: the Alerts page will be empty.',
      });
  return Promise.all([exporter, prometheus, alertmanager]);
}
