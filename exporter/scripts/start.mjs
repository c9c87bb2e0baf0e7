// `npm start`: runs `agentmon serve` (or the command given), building the exporter first only when its sources
// changed since the last build, so that starting an already built exporter costs about a second, not a compile.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(pkg, 'dist', 'cli', 'main.js');
// Written by the build's last step: a build that failed half-way (tsc emits despite errors) leaves it old.
const stamp = join(pkg, 'dist', '.build-stamp');

/** Returns the newest modification time of the files below `dir` (0 when there are none). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);
const sources = Math.max(newest(join(pkg, 'src')), ...['package.json', 'tsconfig.build.json', join('..', 'tsconfig.json')].map((f) => mtime(join(pkg, f))));
if (sources > built) {
  process.stderr.write(built === 0 ? 'agentmon: building the exporter (once)…\n' : 'agentmon: sources changed; rebuilding…\n');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: pkg, stdio: 'inherit' });
}
process.argv = [process.argv[0], main, ...(process.argv.length > 2 ? process.argv.slice(2) : ['serve'])];
await import(pathToFileURL(main).href);
