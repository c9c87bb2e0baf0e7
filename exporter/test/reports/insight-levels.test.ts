// The cache-efficiency insight's level, on both sides of its target: below the target with a saving worth a cent it
// warns; at or above the target overall it only informs, even when one model lags behind. The team-log tests meet
// only the "good" level (their saving is below a cent).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Insight } from '../../src/reports/document.js';
import { buildInsights } from '../../src/reports/insights/index.js';
import { TemplateSchema, type InsightsSpec } from '../../src/reports/template/schema.js';
import { WEEK_A, WEEK_B } from './harness.js';
import { sources, type SessionSpec } from './sources.js';

const spec = TemplateSchema.parse({ name: 't', title: 'T', sections: [{ type: 'insights', targetCacheHitRatio: 0.9, minSamples: { sessions: 1, requests: 1, toolCalls: 1 } }] }).sections[0] as InsightsSpec;
const cache = (sessions: SessionSpec[]): Insight =>
  buildInsights(spec, sources(sessions), { range: WEEK_B, tz: 'UTC' }, { range: WEEK_A, tz: 'UTC' }).items.find((i) => i.id === 'cacheEfficiency')!;
const TUE = Date.parse('2026-03-10T10:00:00Z');
const SONNET = 'claude-sonnet-4-5-20250929';
const OPUS = 'claude-opus-4-6';

describe('cache efficiency level', () => {
  it('warns when the prompt is read from the cache below the target (50% of a 90% target)', () => {
    // [input, output, cache read, 5m write, 1h write] per request.
    const c = cache([{ model: SONNET, startMs: TUE, requests: 2, perRequest: [1_000_000, 100, 1_000_000, 0, 0] }]);
    assert.equal(c.numbers.hitRatio, 0.5);
    assert.ok((c.savingUsd ?? 0) >= 0.01);
    assert.equal(c.level, 'warn');
  });

  it('only informs when the whole prompt meets the target though one model lags', () => {
    const c = cache([
      { model: SONNET, startMs: TUE, requests: 2, perRequest: [10_000, 100, 10_000_000, 0, 0] },
      { model: OPUS, startMs: TUE + 60_000, requests: 2, perRequest: [100_000, 100, 0, 0, 0] },
    ]);
    assert.ok((c.numbers.hitRatio as number) >= 0.9, `hit ${c.numbers.hitRatio}`);
    assert.deepEqual(c.rows?.map((r) => r.model), [OPUS]);
    assert.ok((c.savingUsd ?? 0) >= 0.01);
    assert.equal(c.level, 'info');
  });

  it('at exactly the target overall, it informs rather than warns', () => {
    // Sonnet's 1,600,000 prompt tokens all from the cache, Opus's 400,000 half: 1,800,000 of 2,000,000 is 90%.
    const c = cache([
      { model: SONNET, startMs: TUE, requests: 2, perRequest: [0, 100, 800_000, 0, 0] },
      { model: OPUS, startMs: TUE + 60_000, requests: 2, perRequest: [100_000, 100, 100_000, 0, 0] },
    ]);
    assert.equal(c.numbers.hitRatio, 0.9);
    assert.deepEqual(c.rows?.map((r) => r.model), [OPUS]);
    assert.equal(c.level, 'info');
  });
});
