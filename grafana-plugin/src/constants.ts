import pluginJson from './plugin.json';

/** The app's id as Grafana knows it (plugin.json). */
export const PLUGIN_ID = pluginJson.id;

/** Where the app's pages live in Grafana. */
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

/** Page paths below PLUGIN_BASE_URL. */
export enum ROUTES {
  Overview = 'overview',
  Sessions = 'sessions',
  Live = 'live',
  Alerts = 'alerts',
  Reports = 'reports',
}

/** Grafana's server-side proxy to the exporter: plugin.json route "exporter", which adds the bearer token. */
export const EXPORTER_PROXY_URL = `/api/plugin-proxy/${PLUGIN_ID}/exporter`;

/** Where the app's configuration page lives (Grafana's plugin page). */
export const CONFIG_PAGE_URL = `/plugins/${PLUGIN_ID}`;

/** Datasource uids the docker-compose stack provisions; used when the configuration names none. */
export const DEFAULT_PROMETHEUS_UID = 'agentmon-prometheus';
export const DEFAULT_ALERTMANAGER_UID = 'agentmon-alertmanager';

/** Dashboard uids shipped in dashboards/ (bundled by the app and provisioned by the compose stack). */
export const DASHBOARD_UIDS = {
  overview: 'agentmon-overview',
  costTokens: 'agentmon-cost-tokens',
  toolsErrors: 'agentmon-tools-errors',
  sessionsActivity: 'agentmon-sessions-activity',
  team: 'agentmon-team',
  exporterHealth: 'agentmon-exporter-health',
} as const;
