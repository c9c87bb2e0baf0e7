// `npm start`: runs `agentmon serve` (or the command given), building the exporter first only when its sources
// changed since the last build, so that starting an already built exporter costs about a second, not a compile.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, PKG_DIR } from './built.mjs';

buildIfStale();
const main = join(PKG_DIR, 'dist', 'cli', 'main.js');
process.argv = [process.argv[0], main, ...(process.argv.length > 2 ? process.argv.slice(2) : ['serve'])];
await import(pathToFileURL(main).href);
