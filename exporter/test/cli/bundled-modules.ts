// The built CLI is a bundle (scripts/bundle.mjs): a module trace sees its chunk files, not the modules inside them.
// esbuild writes a `// dist/<path>.js` comment before each module's code in a chunk; this adds those modules to a
// trace, as the file URLs they have in dist/, so start-up tests can still say which of our modules a command loads.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const EXPORTER = fileURLToPath(new URL('../../', import.meta.url));
const CHUNKS = pathToFileURL(`${EXPORTER}dist/cli/`).href;

/** `modules` (resolved URLs) plus the URL of every module bundled into the chunks among them. */
export function withBundled(modules: string[]): string[] {
  const inside = modules
    .filter((m) => m.startsWith(CHUNKS) && m.endsWith('.js'))
    .flatMap((m) => [...readFileSync(fileURLToPath(m), 'utf8').matchAll(/^\/\/ (dist\/\S+\.js)$/gm)].map((x) => pathToFileURL(`${EXPORTER}${x[1]}`).href));
  return [...new Set([...modules, ...inside])];
}
