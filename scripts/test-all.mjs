// Runs every test suite: the workspaces' (exporter, grafana-plugin) one after the other, and beside them the compose
// stack test (test/stack), which spends most of its time waiting for downloads, image builds and containers. The stack
// test's lines are prefixed with "[stack]". Exits non-zero when any suite failed, naming which.
//   node scripts/test-all.mjs            (npm test runs it after installing the tools and building the exporter)
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Runs a command; its output lines go to ours, prefixed when a prefix is given. Resolves with its exit code. */
function run(name, cmd, args, prefix = '') {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
  }
  const done = new Promise((resolve) => child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 128 : 1) })));
  return { child, done };
}

// Run directly, not through npm and a shell or node's test runner (which runs each file in a child of its own): so a
// SIGTERM reaches the process whose handler tears the Docker engine down.
const types = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'test/tsconfig.json'], { stdio: 'inherit' });
const stack =
  types.status === 0
    ? run('stack test (test/stack)', process.execPath, ['--import', 'tsx', '--test-reporter=spec', 'test/stack/stack.test.ts'], '[stack] ')
    : { child: { kill: () => true }, done: Promise.resolve({ name: 'stack test (test/stack): its type check failed', code: 1 }) };
// Ctrl-C or a CI timeout: the stack test tears its engine down on SIGTERM; give it the signal and wait for it.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stack.child.kill('SIGTERM');
    void stack.done.then(() => process.exit(130));
  });
}
const workspaces = run('workspace tests (exporter, grafana-plugin)', 'npm', ['test', '--workspaces', '--if-present']);
const results = [await workspaces.done, await stack.done];
const failed = results.filter((r) => r.code !== 0);
for (const r of results) process.stdout.write(`${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`}: ${r.name}\n`);
process.exit(failed.length > 0 ? 1 : 0);
