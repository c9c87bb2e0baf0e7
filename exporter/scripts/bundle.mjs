// The build's step after tsc: the CLI's entry point, dist/cli/main.js, is replaced by a bundle of it and the modules
// it imports (esbuild, ES modules, code splitting), so that starting `agentmon` loads a handful of files instead of
// ~70 through Node's ES module loader — ~20 ms of a one-shot `scan`'s start-up here (docs/PERFORMANCE.md, issue 16).
// Each command's code is still loaded only when it runs (the dynamic imports in cli/loaders.ts become chunks, written
// beside main.js as <name>-<hash>.js); npm packages stay external and are imported from node_modules as before.
//
// Modules that find files next to themselves (`new URL('./prices.json', import.meta.url)`, the worker entry points)
// keep finding them: every `import.meta.url` in a bundled module is rewritten to that module's own URL in dist/,
// computed from the output file's (all outputs are written to dist/cli/). The rest of dist/ stays as tsc wrote it;
// the worker threads (tail/parse-worker.js, reports/serve/worker.js) run from there, unbundled.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const DIST = join(import.meta.dirname, '..', 'dist');
const OUT = join(DIST, 'cli');
const ENTRY = join(OUT, 'main.js');
/** Output files of an earlier bundle: esbuild's chunk names end in a dash and an 8-character hash. */
const EARLIER = /-[A-Z0-9]{8}\.js(\.map)?$/;

const entrySource = readFileSync(ENTRY, 'utf8');
if (!entrySource.includes("from './loaders.js'")) {
  // Guards against bundling a bundle (a build that ran this step without tsc before it) — esbuild would then read
  // the earlier output's chunks as inputs and the rewritten URLs would point at chunks.
  process.stderr.write(`bundle.mjs: ${ENTRY} is not tsc's output (run the whole build: npm run build -w exporter)\n`);
  process.exit(1);
}
for (const name of readdirSync(OUT)) if (EARLIER.test(name)) rmSync(join(OUT, name));

/** The rewritten `import.meta.url` of a module at `path`: its URL in dist/, from the bundle file it ends up in. */
const ownUrl = (path) => `new URL(${JSON.stringify(relative(OUT, path).split(sep).join('/'))}, import.meta.url).href`;

await build({
  entryPoints: [ENTRY],
  outdir: OUT,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: join(import.meta.dirname, '..'), // so the `// dist/…` comment before each module's code names it from exporter/
  plugins: [
    {
      name: 'own-import-meta-url',
      setup(b) {
        b.onLoad({ filter: /\.js$/ }, (args) => {
          const source = readFileSync(args.path, 'utf8');
          return { contents: source.includes('import.meta.url') ? source.replaceAll('import.meta.url', ownUrl(args.path)) : source, loader: 'js', resolveDir: dirname(args.path) };
        });
      },
    },
  ],
});
