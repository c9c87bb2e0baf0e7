import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { METRICS } from '../../src/metrics/catalogue.js';
import { renderMetricsDoc } from '../../src/metrics/docs.js';

test('docs/metrics.md is the catalogue rendered (run `npm run docs:metrics -w exporter` after changing metrics)', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'metrics.md'), 'utf8');
  assert.equal(doc, renderMetricsDoc());
});

test('catalogue names follow Prometheus conventions', () => {
  const names = new Set<string>();
  for (const m of Object.values(METRICS)) {
    assert.match(m.name, /^agentmon_[a-z0-9_]+$/);
    assert.ok(!names.has(m.name), `duplicate ${m.name}`);
    names.add(m.name);
    assert.equal(m.name.endsWith('_total'), m.type === 'counter', `${m.name}: _total exactly on counters`);
    assert.match(m.help, /^[A-Z0-9].*\.$/, `${m.name}: HELP is a sentence`);
    for (const l of m.labels) assert.ok(!['session', 'session_id', 'path', 'prompt', 'file'].includes(l), `${m.name}: no free-text label ${l}`);
    if (m.type === 'histogram') assert.ok((m.buckets?.length ?? 0) > 0);
  }
});
