// Runs the node tests (test/**/*.test.ts: dashboards, plugin.json, compose) with node's test runner and tsx.
// Jest covers src/; these need real files and processes. Node 20 has no glob support in --test, hence the list.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      out.push(...find(p));
    } else if (name.endsWith('.test.ts')) {
      out.push(p);
    }
  }
  return out;
}
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const files = only.length ? only : find('test');
const flags = args.filter((a) => a.startsWith('--'));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...flags, ...files], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC' },
});
process.exit(r.status ?? 1);
