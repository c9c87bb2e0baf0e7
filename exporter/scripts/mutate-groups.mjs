// The modules `npm run mutate` mutates, grouped so that each group runs only the test files that exercise it in the
// test process itself (Stryker sees which mutants a test file reaches only there; tests that run the built dist/ or a
// child exporter cannot see a mutant in src/). One Stryker run per group keeps each run short enough for a 2-core
// machine and lets a developer re-run the one group their change touches: `npm run mutate -- tail`.
// Stryker runs the tests in a copy of exporter/ (.stryker-tmp/sandbox-*), without dist/ and without the rest of the
// repository: test files that run the built CLI or read files outside exporter/ (docs, scripts/install-tools.sh) are
// left out of the groups.

/** @type {{ name: string, mutate: string[], tests: string[], fromSrc?: boolean, coverage?: 'off' }[]} */
export const GROUPS = [
  {
    name: 'accounting',
    mutate: ['src/accounting/**/*.ts'],
    tests: [
      'test/accounting/claude-dedup.test.ts',
      'test/accounting/codex-and-lines.test.ts',
      'test/accounting/cold-growth.test.ts',
      'test/accounting/cold-keys.test.ts',
      'test/accounting/cold-responses.test.ts',
      'test/accounting/errors-tools-sessions.test.ts',
      'test/accounting/hostile-values.test.ts',
      'test/adapters/jsonl/config.test.ts',
      'test/accounting/labels.test.ts',
      'test/accounting/stores.test.ts',
      'test/accounting/ledger-sessions.test.ts',
      'test/accounting/ledger-requests.test.ts',
      'test/accounting/ledger-state.test.ts',
      'test/accounting/model-ids.test.ts',
      'test/memory/eviction.test.ts',
      'test/health/budgets.test.ts',
      // The ledger's sessions, history rollups and checkpointed state, reached in-process by these:
      'test/tail/usage-filter.test.ts',
      'test/state/serialize.test.ts',
      'test/health/restore.test.ts',
      'test/reports/sections.test.ts',
      'test/reports/windows.test.ts',
    ],
  },
  {
    name: 'adapters',
    mutate: ['src/adapters/**/*.ts', '!src/adapters/**/paths.ts', '!src/adapters/**/schema.ts'],
    tests: [
      'test/adapters/claude-code/parse.test.ts',
      'test/adapters/claude-code/parse-edges.test.ts',
      'test/adapters/claude-code/usage-markers.test.ts',
      'test/adapters/codex/parse.test.ts',
      'test/adapters/codex/parse-edges.test.ts',
      'test/adapters/codex/rate-limits.test.ts',
      'test/adapters/codex/rate-limits-edges.test.ts',
      'test/adapters/codex/usage-markers.test.ts',
      'test/adapters/gemini/document.test.ts',
      'test/adapters/gemini/parse.test.ts',
      'test/adapters/guards/guards.test.ts',
      'test/adapters/jsonl/parse.test.ts',
      'test/adapters/line-results.test.ts',
      'test/accounting/claude-dedup.test.ts',
      'test/accounting/codex-and-lines.test.ts',
      'test/accounting/hostile-values.test.ts',
      'test/health/input-hash.test.ts',
      'test/accounting/model-ids.test.ts',
      'test/adapters/jsonl/values-edges.test.ts',
      'test/adapters/jsonl/parse-edges.test.ts',
      'test/adapters/jsonl/adapter.test.ts',
      'test/adapters/shared/classify-edges.test.ts',
      'test/adapters/gemini/parse-edges.test.ts',
      'test/adapters/shared/fields-edges.test.ts',
      'test/adapters/codex/item-types.test.ts',
    ],
  },
  {
    name: 'tail',
    // The parse workers (off by default) are their own group (coverage off: see there).
    mutate: ['src/tail/**/*.ts', '!src/tail/parse-pool.ts', '!src/tail/parse-worker.ts', '!src/tail/parse-file.ts'],
    tests: [
      'test/tail/reader.test.ts',
      'test/tail/reader-totals.test.ts',
      'test/tail/shrink.test.ts',
      'test/tail/tracker.test.ts',
      'test/tail/tracker-edges.test.ts',
      'test/tail/discover.test.ts',
      'test/tail/handle.test.ts',
      'test/tail/usage-filter.test.ts',
      'test/tail/root-watcher.test.ts',
      // A real engine reading fixture folders in the test process: discovery, the tracker, documents (Gemini).
      'test/accounting/claude-dedup.test.ts',
      'test/accounting/codex-and-lines.test.ts',
      'test/tail/tracker-replay.test.ts',
      'test/tail/tracker-lifecycle.test.ts',
      'test/tail/tracker-detect.test.ts',
      'test/tail/parse-workers.test.ts',
      'test/tail/root-watcher-edges.test.ts',
      'test/tail/shrink-cuts.test.ts',
      'test/tail/reader-edges.test.ts',
      'test/tail/discover-yield.test.ts',
      'test/tail/small-parts.test.ts',
    ],
  },
  {
    name: 'parse-pool',
    mutate: ['src/tail/parse-pool.ts', 'src/tail/parse-worker.ts', 'src/tail/parse-file.ts'],
    // Most of this code runs in worker threads, where Stryker's per-test coverage does not reach (it would call those
    // mutants uncovered): coverage is off, so every mutant runs all of these files (a few seconds each; the engine-level
    // test/tail/parse-pool.test.ts, ~60 s a run, stays in `npm test` only). A worker sees the active mutant through the
    // environment variable the tap runner sets, which worker threads inherit.
    coverage: 'off',
    tests: ['test/tail/tracker-pool.test.ts', 'test/tail/parse-file.test.ts', 'test/tail/parse-pool-units.test.ts'],
  },
  {
    name: 'state',
    mutate: ['src/state/**/*.ts'],
    // In the test process: the checkpoint's atomic write (seen paused halfway through by the writer's test-only hook),
    // its reading, the clean-up of crashed writers' temp files and the validator. test/state/crash-write.test.ts (a real
    // kill -9 of a child exporter inside a write) makes the same promise end to end in `npm test`; here it would run
    // for every mutant (a child's coverage is invisible to Stryker) at ~30 s a run.
    tests: ['test/state/serialize.test.ts', 'test/state/validate.test.ts', 'test/state/checkpoint-file.test.ts'],
  },
  {
    name: 'api',
    // What the README promises about the API: the CSV (quoting, formula neutralizing), redaction of what it returns,
    // and the bearer check (router.ts lines 49-58). The route handlers, the timeline and the live stream are read
    // through a child serve in their tests, which Stryker cannot see.
    mutate: ['src/api/csv.ts', 'src/api/redact.ts', 'src/api/router.ts:49-58'],
    tests: ['test/api/in-process.test.ts', 'test/api/csv-redact-auth.test.ts', 'test/redact/secrets.test.ts'],
  },
  {
    name: 'http',
    mutate: ['src/http/**/*.ts'],
    tests: [
      'test/api/in-process.test.ts',
      'test/http/escaping.test.ts',
      'test/http/landing-plan.test.ts',
      'test/http/landing.test.ts',
      'test/http/guards.test.ts',
      'test/http/errors.test.ts',
      'test/http/gate.test.ts',
      'test/http/server.test.ts',
      'test/http/health-api.test.ts',
      'test/http/landing-sections.test.ts',
      'test/http/landing-usage.test.ts',
      'test/http/landing-plan-edges.test.ts',
      'test/http/landing-usage-edges.test.ts',
    ],
  },
  {
    name: 'reports',
    mutate: ['src/reports/render/**/*.ts', 'src/reports/insights/**/*.ts', '!src/reports/render/pdf.ts'],
    tests: [
      'test/reports/format.test.ts',
      'test/http/escaping.test.ts',
      'test/reports/insights.test.ts',
      'test/reports/insight-levels.test.ts',
      'test/reports/insight-silence.test.ts',
      'test/reports/sections.test.ts',
      'test/reports/windows.test.ts',
      // Each renderer's whole output for small hand-built documents, and each insight whole from hand-built inputs.
      'test/reports/render-text.test.ts',
      'test/reports/render-svg.test.ts',
      'test/reports/insight-tools.test.ts',
      'test/reports/insight-cache.test.ts',
      'test/reports/insight-right-sizing.test.ts',
      'test/reports/insight-velocity-slowest.test.ts',
      'test/reports/insight-combine.test.ts',
    ],
  },
  {
    name: 'health',
    mutate: ['src/health/**/*.ts', '!src/health/wire.ts'],
    tests: [
      'test/health/budgets.test.ts',
      'test/health/config.test.ts',
      'test/health/detector.test.ts',
      'test/health/restore.test.ts',
      'test/health/session-health.test.ts',
      'test/health/session-state.test.ts',
      'test/health/usual-durations.test.ts',
      'test/hooks/stuck.test.ts',
    ],
  },
];
