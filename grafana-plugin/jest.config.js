// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const [[, swcOptions]] = Object.values(base.transform).map((v) => [null, v[1]]);

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  // d3-color 3.1.1 (pulled in by @grafana/ui 13) ships only .mjs files: transform them too.
  transform: { '^.+\\.(t|j)sx?$|^.+\\.mjs$': ['@swc/jest', swcOptions] },
  // A bound, not a measurement: a test that renders and pages through 120 sessions took over jest's default 5 s
  // while the machine ran the other suites and the stack test's image builds (load 10 on 2 cores).
  testTimeout: 60_000,
};
