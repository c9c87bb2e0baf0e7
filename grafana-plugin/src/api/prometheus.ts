// A quick check that the chosen Prometheus answers and scrapes the exporter, through Grafana's datasource proxy.
import { getJson } from './http';

interface InstantResult {
  status: string;
  data: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

/** What the check found: Prometheus answered, and how many exporter targets report agentmon_build_info. */
export interface PrometheusCheck {
  exporters: number;
  versions: string[];
}

/** Queries agentmon_build_info on the Prometheus datasource uid; throws RequestFailure when it cannot. */
export async function checkPrometheus(datasourceUid: string): Promise<PrometheusCheck> {
  const url = `/api/datasources/proxy/uid/${encodeURIComponent(datasourceUid)}/api/v1/query?query=${encodeURIComponent('agentmon_build_info')}`;
  const body = await getJson<InstantResult>(url);
  const result = body.data?.result ?? [];
  const versions = [...new Set(result.map((r) => r.metric.version ?? '?'))].sort();
  return { exporters: result.length, versions };
}
