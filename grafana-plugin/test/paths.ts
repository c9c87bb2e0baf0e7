// Where things are, for the node tests (test/**): the repository root, the built exporter, the dashboards.
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
