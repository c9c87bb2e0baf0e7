// Bounds of the Codex context and plan readings: which window sizes and input counts give a reading, how the main
// limit is named, and when a repeated reading is suppressed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codexContextReading, codexPlanReading, codexReadings } from '../../../src/adapters/codex/rate-limits.js';
import type { FileState } from '../../../src/adapters/types.js';

const OBS = Date.parse('2026-03-07T08:00:00.000Z');
const ctxOf = (size: unknown, input: unknown) => codexContextReading({ info: { model_context_window: size, last_token_usage: { input_tokens: input } } }, OBS, 's1', 'api');
const ratio = (size: unknown, input: unknown) => ctxOf(size, input)?.usedRatio;

describe('codex context reading bounds', () => {
  it('takes window sizes above 0 up to 1e9, numbers only', () => {
    assert.equal(ratio(1e9, 5e8), 0.5);
    assert.equal(ratio(1e9 + 1, 5), undefined);
    assert.equal(ratio(0, 5), undefined);
    assert.equal(ratio(-10, 5), undefined);
    assert.equal(ratio('1000', 5), undefined);
    assert.equal(ratio(Infinity, 5), undefined);
  });

  it('takes input counts from 0 up to 1e12, numbers only, capping the ratio at 1', () => {
    assert.equal(ratio(1000, 0), 0);
    assert.equal(ratio(1000, 1e12), 1);
    assert.equal(ratio(1000, 1e12 + 1), undefined);
    assert.equal(ratio(1000, -1), undefined);
    assert.equal(ratio(1000, '5'), undefined);
    assert.equal(ratio(1000, Infinity), undefined);
    assert.equal(ratio(1000, NaN), undefined);
  });
});

describe('codex plan reading names', () => {
  it('gives the main limit "codex" no prefix, the same as no limit id', () => {
    const rl = { primary: { used_percent: 12, window_minutes: 300, resets_at: 1_772_900_000 } };
    const plain = codexPlanReading({ rate_limits: rl }, OBS);
    assert.ok(plain);
    assert.deepEqual(codexPlanReading({ rate_limits: { ...rl, limit_id: 'codex' } }, OBS), plain);
    assert.notDeepEqual(codexPlanReading({ rate_limits: { ...rl, limit_id: 'other_bucket' } }, OBS), plain);
  });
});

describe('codex readings: repeats', () => {
  const ctxPayload = (size: number, input: number) => ({ info: { model_context_window: size, last_token_usage: { input_tokens: input } } });

  it('emits a context reading again when the ratio or the window changes, not when both repeat', () => {
    const st: FileState = {};
    assert.equal(codexReadings(ctxPayload(1000, 500), OBS, st, 's1', 'api').length, 1);
    assert.equal(codexReadings(ctxPayload(1000, 500), OBS, st, 's1', 'api').length, 0);
    assert.equal(codexReadings(ctxPayload(1000, 600), OBS, st, 's1', 'api').length, 1);
    // Same ratio, another window: a new reading.
    assert.equal(codexReadings(ctxPayload(2000, 1200), OBS, st, 's1', 'api').length, 1);
  });

  it('keeps the remembered limits small when the raw object is large', () => {
    const st: FileState = {};
    const rate_limits = { primary: { used_percent: 12, window_minutes: 300, resets_at: 1_772_900_000 }, extra: 'x'.repeat(2000) };
    assert.equal(codexReadings({ rate_limits }, OBS, st, 's1', 'api').length, 1);
    assert.ok(typeof st.limits === 'string' && st.limits.length <= 1024, `state holds ${String(st.limits).length} chars`);
    assert.equal(codexReadings({ rate_limits }, OBS, st, 's1', 'api').length, 0);
  });
});
