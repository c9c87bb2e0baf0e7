// Writes the shipped dashboards (dashboards/*.json) from their definitions here, or with --check reports which
// files differ from what the definitions produce (a test runs the check). Run: npm run dashboards -w grafana-plugin.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { costTokens } from './cost-tokens.ts';
import { exporterHealth } from './exporter-health.ts';
import type { Json } from './grafana.ts';
import { overview } from './overview.ts';
import { sessionsActivity } from './sessions-activity.ts';
import { team } from './team.ts';
import { toolsErrors } from './tools-errors.ts';

/** The folder the JSON files live in. */
export const DASHBOARD_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every shipped dashboard by file name. */
export function allDashboards(): Record<string, Json> {
  const list = [overview(), costTokens(), toolsErrors(), sessionsActivity(), team(), exporterHealth()];
  return Object.fromEntries(list.map((d) => [`${d.uid as string}.json`, d]));
}

/** The file text for a dashboard: 2-space JSON with a final newline. */
export const render = (d: Json): string => `${JSON.stringify(d, null, 2)}\n`;

/** File names whose content differs from the definitions. */
export function stale(): string[] {
  return Object.entries(allDashboards())
    .filter(([file, d]) => {
      try {
        return readFileSync(join(DASHBOARD_DIR, file), 'utf8') !== render(d);
      } catch {
        return true;
      }
    })
    .map(([file]) => file);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const files = stale();
    if (files.length) {
      process.stderr.write(`dashboards out of date: ${files.join(', ')}; run npm run dashboards -w grafana-plugin\n`);
      process.exit(1);
    }
  } else {
    for (const [file, d] of Object.entries(allDashboards())) {
      writeFileSync(join(DASHBOARD_DIR, file), render(d));
      process.stdout.write(`wrote dashboards/${file}\n`);
    }
  }
}
