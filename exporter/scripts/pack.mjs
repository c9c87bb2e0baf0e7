// `npm run pack -w exporter`: a self-contained tarball of the agentmon command. The runtime dependencies are bundled
// (npm workspaces keep them in the root node_modules, where `npm pack` would not see them), so
// `npm install -g ./agentmon-exporter-<version>.tgz` needs no registry and installs no dev dependency.
// Usage: node scripts/pack.mjs [--out DIR]   (default: the current folder)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { buildIfStale, PKG_DIR as pkgDir } from './built.mjs';

const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : process.env.INIT_CWD ?? process.cwd());
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

buildIfStale();

// Every installed package the exporter needs at run time (its dependencies and theirs), wherever npm put it.
const listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable', '--workspace', pkg.name], { cwd: pkgDir, encoding: 'utf8' });
const paths = listed.split('\n').filter((p) => p.includes(`${join('node_modules', '')}`) && !p.endsWith(join('node_modules', ...pkg.name.split('/'))));
const root = paths[0]?.slice(0, paths[0].indexOf(join('node_modules', '')));
if (!root) throw new Error('no runtime dependencies found: run `npm ci -w exporter` first');

const stage = mkdtempSync(join(tmpdir(), 'agentmon-pack-'));
try {
  for (const item of ['bin', 'dist', 'README.md', 'LICENSE']) {
    const from = [join(pkgDir, item), join(pkgDir, '..', item)].find(existsSync);
    if (from) cpSync(from, join(stage, item), { recursive: true, filter: (src) => !src.includes(join('dist', 'bench')) && !src.endsWith('.build-stamp') });
  }
  for (const p of paths) cpSync(p, join(stage, relative(root, p)), { recursive: true, dereference: true, filter: (src) => src === p || !src.startsWith(join(p, 'node_modules')) });
  const { devDependencies, scripts, ...rest } = pkg;
  void devDependencies;
  void scripts;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify({ ...rest, files: ['bin/', 'dist/', 'README.md', 'LICENSE'], bundleDependencies: Object.keys(pkg.dependencies) }, null, 2)}\n`);
  const name = execFileSync('npm', ['pack', '--pack-destination', out, '--silent'], { cwd: stage, encoding: 'utf8' }).trim().split('\n').pop();
  process.stdout.write(`${join(out, name)}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
