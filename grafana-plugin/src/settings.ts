// The app's settings: what the Configuration page stores in jsonData (the token goes to secureJsonData and never
// comes back to the browser; Grafana only tells us whether it is set).
import { DEFAULT_ALERTMANAGER_UID, DEFAULT_PROMETHEUS_UID } from './constants';

/** jsonData as saved by the Configuration page or by provisioning (provisioning/grafana/plugins/agentmon.yaml). */
export interface AppJsonData {
  exporterUrl?: string;
  prometheusUid?: string;
  alertmanagerUid?: string;
  /**
   * Set by provisioning: Grafana writes the provisioning file's jsonData over the saved settings at every start, so
   * the Configuration page shows them read-only and says where to change them.
   */
  provisioned?: boolean;
}

/** Settings with defaults filled in: what pages use. */
export interface AppSettings {
  exporterUrl: string;
  prometheusUid: string;
  alertmanagerUid: string;
}

/** Returns the settings with the compose stack's defaults for anything not configured. */
export function withDefaults(jsonData: AppJsonData | undefined): AppSettings {
  return {
    exporterUrl: jsonData?.exporterUrl?.trim() ?? '',
    prometheusUid: jsonData?.prometheusUid || DEFAULT_PROMETHEUS_UID,
    alertmanagerUid: jsonData?.alertmanagerUid || DEFAULT_ALERTMANAGER_UID,
  };
}
