// Why a report panel has nothing to show. The panel reaches the exporter through the agentmon app's plugin route,
// so when a request fails it asks Grafana about the app first: not installed, not enabled and not configured each
// have their own fix.
import { CONFIG_PAGE_URL, PLUGIN_ID } from '../../constants';
import { getJson, RequestFailure } from '../../api/http';
import { describeReportFailure, exporterNotConfigured, type Problem } from '../../api/problems';

/** Answers the exporter gave itself: the app and its route work, the request did not. */
const exporterSpoke = (err: unknown) =>
  err instanceof RequestFailure &&
  (err.status === 400 || err.status === 401 || err.serverMessage.startsWith('no template named'));

/** Returns what the user should see for a failed report request, after checking the app's settings. */
export async function diagnose(err: unknown): Promise<Problem> {
  if (exporterSpoke(err)) {
    return describeReportFailure(err);
  }
  let settings: { enabled?: boolean; jsonData?: { exporterUrl?: string } };
  try {
    settings = await getJson(`/api/plugins/${PLUGIN_ID}/settings`);
  } catch (settingsErr) {
    if (settingsErr instanceof RequestFailure && settingsErr.status === 404) {
      return {
        title: 'The agentmon app is not installed',
        action: `This panel reads reports through the agentmon app (${PLUGIN_ID}). Install the app in this Grafana (docs/grafana.md, "Installing only the app") and enable it.`,
        detail: settingsErr.message,
      };
    }
    return describeReportFailure(err);
  }
  if (!settings.enabled) {
    return {
      title: 'The agentmon app is not enabled',
      action: `Enable it under Administration → Plugins → agentmon (${CONFIG_PAGE_URL}), fill in the exporter URL and save.`,
      detail: err instanceof Error ? err.message : String(err),
    };
  }
  if (!settings.jsonData?.exporterUrl?.trim()) {
    return exporterNotConfigured();
  }
  return describeReportFailure(err);
}
