// Runs every test file (test/**/*.test.ts) with node's test runner and tsx. Extra args are passed to node --test
// (e.g. --test-name-pattern). Node 20 has no glob support in --test, hence this list.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
// Tests that run dist/ must run today's code: build first when dist/ is missing or older than any source (the
// helpers check again, for files run on their own with node --test).
const build = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'scripts', 'ensure-built.mjs'), 'exporter'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = only.length ? only : find('test');
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
// Nothing may hang the suite: a test still running after 10 minutes fails (busy machines included: the slowest test
// takes ~1 minute), and a test file whose leftovers (a timer, a child's pipe) would keep its process alive ends once
// its tests are done — the helpers kill the children they started when that process exits.
const guards = [
  ...(flags.some((f) => f.startsWith('--test-timeout')) ? [] : ['--test-timeout=600000']),
  '--test-force-exit',
];
// No test reads the real home folder (a developer's agent logs, hook spool, agentmon state or config): every test
// process gets an empty one of its own, and no agentmon or agent setting from the environment.
const home = mkdtempSync(join(tmpdir(), 'agentmon-test-home-'));
const env = { ...process.env, TZ: 'UTC', HOME: home };
for (const name of Object.keys(env)) {
  if (/^(AGENTMON_(?!STACK_)|XDG_(STATE|CONFIG|DATA|CACHE)_HOME$|CLAUDE_CONFIG_DIR$|CODEX_HOME$|GEMINI_CLI_HOME$)/.test(name)) delete env[name];
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...guards, ...flags, ...files], { stdio: 'inherit', env });
rmSync(home, { recursive: true, force: true });
process.exit(r.status ?? 1);
