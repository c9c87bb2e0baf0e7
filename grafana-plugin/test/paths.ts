// Where things are, for the node tests (test/**): the repository root, the built exporter, the dashboards.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The exporter's built CLI (npm run build -w exporter). */
export const EXPORTER_CLI = join(REPO, 'exporter', 'dist', 'cli', 'main.js');
/** Shipped dashboards. */
export const DASHBOARDS = join(REPO, 'dashboards');
/** Prometheus rule files (recording and alerting rules). */
export const ALERT_RULES = join(REPO, 'alert-rules');

/** Builds a workspace (exporter or grafana-plugin) when its dist/ is missing or older than its sources. */
export function ensureBuilt(workspace: 'exporter' | 'grafana-plugin'): void {
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'ensure-built.mjs'), workspace], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 16 * 60_000,
  });
  if (r.status !== 0) {
    throw new Error(`building ${workspace} failed (exit ${r.status ?? r.signal}): run "npm run build -w ${workspace}"`);
  }
}
