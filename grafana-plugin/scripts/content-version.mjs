// The app's version as Grafana sees it: the package version plus build metadata from the built files' content
// (`0.1.0+3f2a9c41d07b`). Grafana re-imports an app's bundled dashboards only when the installed app's version
// differs from the one it last synced (grafana/grafana pkg/services/plugindashboards/service/dashboard_updater.go,
// updateAppDashboards), so a rebuilt app with an edited dashboard must carry a new version even when package.json
// did not change. Run after webpack (npm run build): it stamps dist/plugin.json and the nested panels' plugin.json.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Files that carry the version themselves (plugin.json, README with %VERSION%) are not part of the content hashed. */
const carriesVersion = (name) => name === 'plugin.json' || name.endsWith('.md');

function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {return files(path);}
      return carriesVersion(name) ? [] : [path];
    });
}

/** Returns `<baseVersion>+<12 hex digits of SHA-256 over every built file's path and bytes>`. */
export function contentVersion(dist, baseVersion) {
  const hash = createHash('sha256');
  for (const path of files(dist)) {
    hash.update(`${relative(dist, path)}\0`);
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return `${baseVersion}+${hash.digest('hex').slice(0, 12)}`;
}

/** Paths of every plugin.json in the build (the app's and its nested panels'). */
export function pluginJsons(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? pluginJsons(path) : name === 'plugin.json' ? [path] : [];
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] ?? 'dist';
  const base = JSON.parse(readFileSync('package.json', 'utf8')).version;
  const version = contentVersion(dist, base);
  for (const path of pluginJsons(dist)) {
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.info.version = version;
    writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
  }
  process.stdout.write(`content-version: ${version}\n`);
}
