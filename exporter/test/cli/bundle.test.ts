// The built CLI is a bundle (scripts/bundle.mjs): dist/cli/main.js and its chunks hold the code of modules that lived
// elsewhere in dist/, and some of those find files beside themselves through `import.meta.url` — the price table, the
// report templates, the parse and report worker entry points, package.json. A URL left relative to the chunk would
// point into dist/cli/ and fail only when that code runs (a worker that cannot start is not even fatal: its files are
// read on the main thread). So every such URL in the bundle must name a file that exists.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { before, test } from 'node:test';
import { ensureBuilt } from '../helpers/build.js';

const OUT = fileURLToPath(new URL('../../dist/cli/', import.meta.url));
// `new URL("x", import.meta.url)`, `new URL("x", new URL("own.js", import.meta.url).href)`, and the worker entry's
// `new URL(FROM_SOURCE ? "w.ts" : "w.js", …)` (the built one is the second).
const URL_OF = /new URL\((?:[A-Z_]+ \? "[^"]+" : )?"([^"]+)", (import\.meta\.url|new URL\("([^"]+)", import\.meta\.url\)\.href)\)/g;

before(() => ensureBuilt());

test('dist/cli/main.js is the bundle, and its chunks sit beside it', () => {
  const main = readFileSync(join(OUT, 'main.js'), 'utf8');
  assert.ok(main.startsWith('#!/usr/bin/env node\n'), 'main.js keeps its shebang');
  assert.doesNotMatch(main, /from '\.\/loaders\.js'/, 'main.js is tsc output, not the bundle');
  const chunks = [...main.matchAll(/from "\.\/([^"]+\.js)"/g)].map((m) => m[1]!);
  assert.ok(chunks.length > 0);
  for (const c of chunks) assert.ok(existsSync(join(OUT, c)), c);
});

test('every file the bundle finds through import.meta.url exists', () => {
  const found: string[] = [];
  for (const name of readdirSync(OUT).filter((n) => n.endsWith('.js'))) {
    const text = readFileSync(join(OUT, name), 'utf8');
    if (!text.includes('import.meta.url')) continue;
    const matches = [...text.matchAll(URL_OF)];
    // Every import.meta.url in the bundle is one of the forms above (else a form this test does not check crept in).
    assert.equal(matches.length, text.split('import.meta.url').length - 1, `${name}: an import.meta.url in an unchecked form`);
    const self = pathToFileURL(join(OUT, name));
    for (const m of matches) {
      const base = m[3] !== undefined ? new URL(m[3], self) : self;
      assert.ok(existsSync(fileURLToPath(base)), `${name}: ${m[3]} (the module's own file) does not exist`);
      const target = fileURLToPath(new URL(m[1]!, base));
      assert.ok(existsSync(target), `${name}: ${m[1]} resolves to ${target}, which does not exist`);
      found.push(target.slice(dirname(dirname(OUT)).length + 1));
    }
  }
  // The files that matter are among them (so the pattern above did find the URLs).
  for (const f of ['pricing/prices.json', 'tail/parse-worker.js', 'reports/serve/worker.js', 'reports/templates/']) {
    assert.ok(found.some((p) => p.endsWith(f)), `${f} not found among ${found.join(', ')}`);
  }
});
