// Preloaded (before Stryker's own hook) into each test process of a mutation group with `coverage: 'off'`
// (scripts/mutate-groups.mjs). Stryker's tap runner reports, per test file, the mutants its process reached, and
// Stryker then runs a mutant only with the files that reached it, whatever coverageAnalysis says; code that runs in
// worker threads is reached in another global, never reported, so its mutants would count as "no coverage". At the
// end of the initial (dry) run this marks every mutant of the instrumented sources as reached statically, which makes
// Stryker run all of the group's test files for each of them.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

function mutantIds(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) mutantIds(p, out);
    else if (e.name.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/stryMutAct_9fa48\("(\d+)"\)/g)) out.add(m[1]);
  }
  return out;
}

if (process.env.STRYKER_DRY_RUN === 'true') {
  // Registered before the hook's own exit handler, which writes the coverage out: this one runs first.
  process.on('exit', () => {
    const ns = globalThis[process.env.STRYKER_NAMESPACE ?? '__stryker__'];
    if (!ns) return;
    const cov = (ns.mutantCoverage ??= { static: {}, perTest: {} });
    for (const id of mutantIds(join(process.cwd(), 'src'), new Set())) cov.static[id] = (cov.static[id] ?? 0) + 1;
  });
}
