// StrykerJS configuration for `npm run mutate` (scripts/mutate.mjs sets AGENTMON_MUTATE_GROUP to one of the groups in
// scripts/mutate-groups.mjs). Test files run with node's test runner under tsx, one process per file, reporting TAP.
import { GROUPS } from './scripts/mutate-groups.mjs';

const name = process.env.AGENTMON_MUTATE_GROUP ?? 'state';
const group = GROUPS.find((g) => g.name === name);
if (!group) throw new Error(`unknown mutation group ${name}: one of ${GROUPS.map((g) => g.name).join(', ')}`);

if (group.fromSrc) process.env.AGENTMON_TEST_FROM_SRC = '1';
const COVER_ALL = new URL('./scripts/stryker-cover-all.cjs', import.meta.url).pathname;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  tap: {
    testFiles: group.tests,
    // Groups with coverage off: every test file runs for every mutant (see scripts/stryker-cover-all.cjs).
    nodeArgs: [...(group.coverage === 'off' ? ['-r', COVER_ALL] : []), '-r', '{{hookFile}}', '--import', 'tsx', '--test-reporter=tap', '{{testFile}}'],
    forceBail: true,
  },
  mutate: group.mutate,
  // Only what the tests read is copied into the sandbox (node_modules is found in the workspace root above it).
  // Anchored to exporter/: a bare 'reports' would also leave out src/reports and test/reports.
  ignorePatterns: ['/dist', '/reports', '/bench-corpus', '/.stryker-tmp', '/.mutate-tools'],
  // 'off' where Stryker cannot see which tests reach a mutant (a child process, worker threads): every test runs.
  coverageAnalysis: group.fromSrc || group.coverage === 'off' ? 'off' : 'perTest',
  concurrency: Number(process.env.AGENTMON_MUTATE_CONCURRENCY ?? 2),
  // A mutant that makes a test hang (a request never answered, a loop that never ends) is cut off at twice the test's
  // own time plus 5 s: long enough not to mistake a busy machine for a hang, short enough that hangs do not dominate.
  // On a machine busy with other work that is not long enough (a run at load 20 counted survivors as timeouts, so as
  // caught): raise it there with AGENTMON_MUTATE_TIMEOUT_MS.
  timeoutMS: Number(process.env.AGENTMON_MUTATE_TIMEOUT_MS ?? 5_000),
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: `reports/mutation/${group.name}.incremental.json`,
  reporters: ['json', 'html', 'clear-text', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${group.name}.json` },
  htmlReporter: { fileName: `reports/mutation/${group.name}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0, reportScoreTable: true, reportMutants: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 85, low: 70, break: null },
};
