// Turns a failed request into what the user sees: what is wrong and what to do about it. Pages show this in an
// Alert instead of a blank panel.
import { CONFIG_PAGE_URL } from '../constants';
import { RequestFailure } from './http';

/** Which service a page could not use. */
export type Service = 'exporter' | 'prometheus' | 'alertmanager';

/** A problem as shown to the user. */
export interface Problem {
  title: string;
  /** What to do, in one or two sentences. */
  action: string;
  /** The technical detail (status, server message) for bug reports. */
  detail: string;
}

const NAMES: Record<Service, string> = {
  exporter: 'the agentmon exporter',
  prometheus: 'Prometheus',
  alertmanager: 'Alertmanager',
};

/** The problem when the exporter URL was never configured. */
export function exporterNotConfigured(): Problem {
  return {
    title: 'The agentmon exporter is not configured',
    action: `Open the app's Configuration page (${CONFIG_PAGE_URL}), enter the exporter URL (for example http://exporter:9477 in the docker-compose stack, or http://localhost:9477) and save.`,
    detail: 'exporterUrl is empty',
  };
}

/** The problem when a datasource uid names nothing in this Grafana. */
export function datasourceMissing(service: 'prometheus' | 'alertmanager', uid: string): Problem {
  return {
    title: `No ${NAMES[service]} datasource with uid "${uid}"`,
    action: `Add a ${NAMES[service]} datasource, or pick an existing one on the app's Configuration page (${CONFIG_PAGE_URL}).`,
    detail: `datasource uid ${uid} not found`,
  };
}

const unreachableAction: Record<Service, string> = {
  exporter:
    'Check that `agentmon serve` (or the exporter container) is running and that the exporter URL on the Configuration page is reachable from the Grafana server — inside Docker use the service name (http://exporter:9477), not localhost.',
  prometheus:
    'Check that Prometheus is running and that the datasource URL is reachable from the Grafana server (Connections → Data sources → Save & test).',
  alertmanager:
    'Check that Alertmanager is running and that the Alertmanager datasource URL is reachable from the Grafana server.',
};

/** Describes err (usually a RequestFailure) for service. */
export function describeFailure(service: Service, err: unknown): Problem {
  if (!(err instanceof RequestFailure)) {
    return {
      title: `Unexpected error talking to ${NAMES[service]}`,
      action: 'Reload the page; if it persists, report it with the detail below.',
      detail: String(err),
    };
  }
  const detail = err.message;
  const s = err.status;
  if (s === 401) {
    return service === 'exporter'
      ? {
          title: 'The exporter rejected the API token',
          action: `Set the token on the Configuration page (${CONFIG_PAGE_URL}) to the exporter's API token (AGENTMON_API_TOKEN), or remove the token from the exporter.`,
          detail,
        }
      : { title: `${NAMES[service]} refused the request (401)`, action: 'Check the datasource credentials.', detail };
  }
  if (s === 403) {
    return {
      title: 'Grafana refused the request (403)',
      action:
        'Your role may not allow this; ask a Grafana admin to give you Viewer access to the app and its datasources.',
      detail,
    };
  }
  if (s === 400) {
    return {
      title: `${NAMES[service]} did not accept the request`,
      action: err.serverMessage || 'Check the filters you entered.',
      detail,
    };
  }
  if (s === 404) {
    return service === 'exporter'
      ? {
          title: 'Not found on the exporter',
          action:
            'The session may have been deleted, or the exporter is older than this app: upgrade agentmon so it serves /api/v1.',
          detail,
        }
      : {
          title: `Not found on ${NAMES[service]}`,
          action: 'Check the datasource URL: it should point at the server root.',
          detail,
        };
  }
  if (s === 0 || s === 502 || s === 503 || s === 504) {
    return { title: `Grafana cannot reach ${NAMES[service]}`, action: unreachableAction[service], detail };
  }
  return {
    title: `${NAMES[service]} answered with an error (${s})`,
    action: 'Check its logs; the detail below has its message.',
    detail,
  };
}

/** Describes a failed request to the exporter's reports API: a missing template names the known ones. */
export function describeReportFailure(err: unknown): Problem {
  if (err instanceof RequestFailure && err.status === 403) {
    return {
      title: 'Saving a report run needs the Editor role',
      action:
        'The app lets Viewers read reports and download stored runs; running a template (which the exporter keeps, and can deliver) is for Editors. Ask a Grafana admin for the Editor role in this organization.',
      detail: err.message,
    };
  }
  if (err instanceof RequestFailure && err.status === 404) {
    return err.serverMessage.startsWith('no template named')
      ? {
          title: 'No such report template',
          action: `The exporter says: ${err.serverMessage}. Pick one of those, or put the template's YAML file in the exporter's reports.templatesDir and restart it.`,
          detail: err.message,
        }
      : {
          title: 'The exporter does not serve reports',
          action:
            'Upgrade agentmon to a version with reports (/api/v1/reports), and check that the agentmon app is enabled in Grafana (Administration → Plugins → agentmon).',
          detail: err.message,
        };
  }
  if (err instanceof RequestFailure && err.status === 500 && err.serverMessage.startsWith('rendering failed')) {
    return {
      title: 'The exporter could not render the report',
      action: `${err.serverMessage}. PDF needs Chromium where the exporter runs (set AGENTMON_CHROMIUM, or install Debian's chromium); other formats do not.`,
      detail: err.message,
    };
  }
  return describeFailure('exporter', err);
}
