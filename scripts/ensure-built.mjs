// Builds a workspace when its build is missing or older than any of its sources, so that a test running the built
// code never runs yesterday's: `node scripts/ensure-built.mjs exporter|grafana-plugin` (tests call it before they use
// exporter/dist or grafana-plugin/dist). Test processes run side by side: a lock folder lets one build while the
// others wait, then they see a fresh build and go on. Exits non-zero, naming the workspace, when the build fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(fileURLToPath(import.meta.url), '..', '..');

/** What each workspace is built from, and the file its build writes last. */
const WORKSPACES = {
  exporter: {
    output: 'exporter/dist/cli/main.js',
    inputs: ['exporter/src', 'exporter/package.json', 'exporter/tsconfig.build.json', 'exporter/scripts/copy-assets.mjs', 'exporter/scripts/bundle.mjs', 'tsconfig.json'],
  },
  'grafana-plugin': {
    // content-version.mjs stamps dist/plugin.json after webpack has written everything else.
    output: 'grafana-plugin/dist/plugin.json',
    inputs: [
      'grafana-plugin/src',
      'grafana-plugin/.config',
      'grafana-plugin/package.json',
      'grafana-plugin/webpack.config.ts',
      'grafana-plugin/tsconfig.json',
      'grafana-plugin/scripts/content-version.mjs',
      'grafana-plugin/README.md',
      'grafana-plugin/CHANGELOG.md',
      'grafana-plugin/LICENSE',
      'dashboards',
    ],
  },
};

/** Newest modification time (ms) of a file or of any file below a folder; 0 when it does not exist. */
function newest(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs; // a file deleted from the folder changes the folder's time
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist' || name === '.stryker-tmp') continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

/** True when the workspace's build is missing or older than one of its sources. */
export function isStale(workspace) {
  const ws = WORKSPACES[workspace];
  if (!ws) throw new Error(`unknown workspace ${workspace}: one of ${Object.keys(WORKSPACES).join(', ')}`);
  const out = join(REPO, ws.output);
  if (!existsSync(out)) return true;
  const built = statSync(out).mtimeMs;
  return ws.inputs.some((p) => newest(join(REPO, p)) > built);
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Builds the workspace if it is stale (waiting for a build another process is running); throws when it fails. */
export function ensureBuilt(workspace, { timeoutMs = 15 * 60_000 } = {}) {
  if (!isStale(workspace)) return false;
  const lock = join(REPO, workspace, '.build-lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // Another process builds. A lock whose owner died (or never wrote its pid within a minute) is taken over.
      let owner = 0;
      try {
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // being created right now
      }
      const age = Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if ((owner > 0 && !alive(owner)) || (owner === 0 && age > 60_000)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${workspace}: waited ${timeoutMs / 1000} s for the build another process runs (${lock})`);
      else sleep(250);
    }
  }
  try {
    if (!isStale(workspace)) return false; // built while we waited
    process.stderr.write(`${workspace}: the build is missing or older than its sources; building (npm run build -w ${workspace})\n`);
    const r = spawnSync('npm', ['run', 'build', '-w', workspace], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'], timeout: timeoutMs });
    if (r.status !== 0) throw new Error(`${workspace}: npm run build failed (exit ${r.status ?? r.signal}); run it to see why`);
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  if (names.length === 0 || names.includes('--help')) {
    process.stdout.write(`usage: node scripts/ensure-built.mjs ${Object.keys(WORKSPACES).join('|')} ...\n`);
    process.exit(names.length === 0 ? 2 : 0);
  }
  try {
    for (const n of names) ensureBuilt(n);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
