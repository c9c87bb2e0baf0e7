// Mutation testing for the alert rules (`npm run mutate -- rules`): every comparison in an alert's expression is
// flipped between strict and not strict (> and >=, < and <=), and every number in it is raised and lowered by a
// fifth, one change at a time; each changed copy of the rules must fail `promtool test rules` on alert-rules/tests.
// A change that passes is a threshold pinned from one side only (or not at all). Writes
// reports/mutation/rules.json ({ file, alert, mutant, killed }) and prints the survivors.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const REPO = join(import.meta.dirname, '..', '..');
const RULES = join(REPO, 'alert-rules');
const OUT = join(REPO, 'exporter', 'reports', 'mutation');

/** Mutants of one PromQL expression: [description, changed expression]. */
export function exprMutants(expr) {
  const out = [];
  // Comparison operators outside strings, brackets and braces.
  const masked = expr.replace(/"[^"]*"|\[[^\]]*\]|\{[^}]*\}/g, (m) => ' '.repeat(m.length));
  for (const m of masked.matchAll(/>=|<=|>|</g)) {
    const flipped = { '>=': '>', '<=': '<', '>': '>=', '<': '<=' }[m[0]];
    out.push([`${m[0]} → ${flipped} at ${m.index}`, expr.slice(0, m.index) + flipped + expr.slice(m.index + m[0].length)]);
  }
  for (const m of masked.matchAll(/(?<![\w.:])\d+(?:\.\d+)?(?![\w.:])/g)) {
    const n = Number(m[0]);
    if (n === 0) continue;
    for (const factor of [1.2, 0.8]) {
      const changed = String(Number((n * factor).toPrecision(6)));
      out.push([`${m[0]} → ${changed} at ${m.index}`, expr.slice(0, m.index) + changed + expr.slice(m.index + m[0].length)]);
    }
  }
  return out;
}

/** promtool's tests on the rules in dir: passes true, false, or 'timeout' (twice over 10 minutes: a very busy machine). */
function promtool(dir, tests) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = spawnSync('promtool', ['test', 'rules', ...tests], { cwd: join(dir, 'tests'), encoding: 'utf8', timeout: 600_000 });
    if (r.error?.code === 'ETIMEDOUT') continue;
    if (r.error) throw r.error;
    return { passes: r.status === 0, output: `${r.stdout}${r.stderr}` };
  }
  return { passes: 'timeout', output: '' };
}

/** Whether a test file checks an alert by name (only those can kill a change to that alert's expression). */
const checksAlert = (text, alert) => new RegExp(`^\\s*(?:- )?alertname:\\s*['"]?${alert}['"]?\\s*$`, 'm').test(text);

if (import.meta.url === `file://${process.argv[1]}`) {
  const work = mkdtempSync(join(tmpdir(), 'agentmon-mutate-rules-'));
  const results = [];
  try {
    cpSync(RULES, work, { recursive: true });
    const testFiles = readdirSync(join(RULES, 'tests')).filter((f) => f.endsWith('.yml'));
    const testText = new Map(testFiles.map((t) => [t, readFileSync(join(RULES, 'tests', t), 'utf8')]));
    const unchanged = promtool(work, testFiles);
    if (unchanged.passes !== true) {
      process.stderr.write(unchanged.output.split('\n').filter((l) => !/SUCCESS|^\s*$/.test(l)).join('\n') + '\n');
      throw new Error(`promtool test rules ${unchanged.passes === 'timeout' ? 'timed out (twice, 10 minutes each)' : 'fails'} on the unchanged rules`);
    }
    for (const file of readdirSync(RULES).filter((f) => f.endsWith('.rules.yml')).sort()) {
      const original = readFileSync(join(RULES, file), 'utf8');
      // Only the test files that load this rules file and check the alert by name can kill its mutants.
      const loading = testFiles.filter((t) => testText.get(t).includes(`../${file}`));
      const doc = parseDocument(original);
      const groups = doc.get('groups');
      for (const group of groups.items) {
        for (const rule of group.get('rules').items) {
          const alert = rule.get('alert');
          if (!alert) continue;
          const tests = loading.filter((t) => checksAlert(testText.get(t), alert));
          for (const [what, expr] of exprMutants(String(rule.get('expr')))) {
            const copy = parseDocument(original);
            const target = copy.get('groups').items[groups.items.indexOf(group)].get('rules').items[group.get('rules').items.indexOf(rule)];
            target.set('expr', expr);
            writeFileSync(join(work, file), copy.toString({ lineWidth: 0 }));
            const passes = tests.length > 0 ? promtool(work, tests).passes : true;
            const killed = passes === false;
            results.push({ file, alert, mutant: what, killed, ...(passes === 'timeout' ? { timeout: true } : {}) });
            process.stdout.write(`${killed ? 'killed  ' : passes === 'timeout' ? 'TIMEOUT ' : 'SURVIVED'} ${file} ${alert}: ${what}\n`);
          }
          writeFileSync(join(work, file), original);
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'rules.json'), JSON.stringify(results, null, 2));
  const killed = results.filter((r) => r.killed).length;
  process.stdout.write(`\nalert rules: ${killed} of ${results.length} mutants killed (${((100 * killed) / results.length).toFixed(1)}%)\n`);
  for (const r of results.filter((x) => !x.killed)) process.stdout.write(`  survived: ${r.file} ${r.alert}: ${r.mutant}\n`);
}
