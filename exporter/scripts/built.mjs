// Whether the exporter's build is current: dist/.build-stamp (the build's last step) is newer than every source.
// Shared by `npm start` and the pack script, which build only when it is not.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PKG_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);

/** Returns the newest modification time of the files below `dir`. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the exporter when a source changed since its last complete build (a build that failed half-way leaves the stamp old). */
export function buildIfStale() {
  const built = mtime(join(PKG_DIR, 'dist', '.build-stamp'));
  const sources = Math.max(newest(join(PKG_DIR, 'src')), ...['package.json', 'tsconfig.build.json', join('scripts', 'bundle.mjs'), join('..', 'tsconfig.json')].map((f) => mtime(join(PKG_DIR, f))));
  if (sources <= built) return;
  process.stderr.write(built === 0 ? 'agentmon: building the exporter (once)…\n' : 'agentmon: sources changed; rebuilding…\n');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: PKG_DIR, stdio: 'inherit' });
}
