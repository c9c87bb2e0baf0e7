// The plan store: the newest reading of each window wins whatever order history is read in; a window whose reset has
// passed reads 0 with no reset time; nothing is invented; the snapshot survives a round trip and a hostile one is
// filtered, not trusted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlanReading, PlanWindowReading } from '../../src/adapters/types.js';
import { PlanStore } from '../../src/plan/store.js';

const H = 3_600_000;
const T0 = Date.parse('2026-05-12T10:00:00Z');
const plan = (observedMs: number, windows: PlanWindowReading[], planType?: string): PlanReading => ({ kind: 'plan', observedMs, windows, ...(planType ? { planType } : {}) });
const w5h = (usedRatio: number, resetsAtMs = T0 + 4 * H): PlanWindowReading => ({ window: '5h', usedRatio, resetsAtMs, windowMinutes: 300 });
const w7d = (usedRatio: number, resetsAtMs = T0 + 100 * H): PlanWindowReading => ({ window: '7d', usedRatio, resetsAtMs, windowMinutes: 10080 });
const view = (s: PlanStore, at: number) => s.windowsAt(at).map((w) => [w.agent, w.window, w.usedRatio, w.resetsAtMs ?? null]);

describe('PlanStore', () => {
  it('keeps the newest reading per agent and window, whatever order readings arrive in', () => {
    const s = new PlanStore(() => T0);
    s.observe('codex', plan(T0 - 10_000, [w5h(0.3), w7d(0.1)]));
    s.observe('codex', plan(T0 - 30_000, [w5h(0.2)])); // an older file read later
    s.observe('claude-code', plan(T0 - 20_000, [w5h(0.42, T0 + 2 * H)]));
    assert.deepEqual(view(s, T0), [
      ['codex', '5h', 0.3, T0 + 4 * H],
      ['codex', '7d', 0.1, T0 + 100 * H],
      ['claude-code', '5h', 0.42, T0 + 2 * H],
    ]);
  });

  it('reads 0 and drops the reset time once the reset has passed without a newer reading', () => {
    const s = new PlanStore(() => T0);
    s.observe('codex', plan(T0, [w5h(0.9, T0 + H), w7d(0.5)]));
    assert.deepEqual(view(s, T0 + H - 1), [['codex', '5h', 0.9, T0 + H], ['codex', '7d', 0.5, T0 + 100 * H]]);
    assert.deepEqual(view(s, T0 + H), [['codex', '5h', 0, null], ['codex', '7d', 0.5, T0 + 100 * H]]);
    // A window without a reset time holds for one window length after its reading, then reads 0.
    s.observe('claude-code', plan(T0, [{ window: '5h', usedRatio: 0.25, windowMinutes: 300 }]));
    assert.deepEqual(view(s, T0 + 5 * H - 1).at(-1), ['claude-code', '5h', 0.25, null]);
    assert.deepEqual(view(s, T0 + 5 * H).at(-1), ['claude-code', '5h', 0, null]);
  });

  it('remembers the first reading of a window instance for its pace, and starts over at a new reset', () => {
    let now = T0;
    const s = new PlanStore(() => now);
    s.observe('codex', plan(T0 + 60_000, [w5h(0.2)]));
    s.observe('codex', plan(T0 + 600_000, [w5h(0.35, T0 + 4 * H + 30_000)])); // the same reset, drifted 30 s
    s.observe('codex', plan(T0, [w5h(0.1)])); // an older reading of the same instance, read late
    const [w] = s.windowsAt(T0 + 600_000);
    assert.deepEqual([w?.usedRatio, w?.firstRatio, w?.firstMs], [0.35, 0.1, T0]);
    now = T0 + 5 * H;
    s.observe('codex', plan(T0 + 5 * H, [w5h(0.05, T0 + 9 * H)]));
    const [next] = s.windowsAt(T0 + 5 * H);
    assert.deepEqual([next?.usedRatio, next?.firstRatio, next?.firstMs], [0.05, 0.05, T0 + 5 * H]);
  });

  it('ignores readings dated more than an hour ahead, and keeps 5h, 7d and at most 6 other windows per agent', () => {
    const s = new PlanStore(() => T0);
    s.observe('codex', plan(T0 + 2 * H, [w5h(0.99)]));
    assert.deepEqual(s.windowsAt(T0), []);
    for (let i = 0; i < 12; i++) s.observe('codex', plan(T0, [{ window: `w${i}`, usedRatio: 0.01 * i, windowMinutes: 60 }]));
    // Odd windows read first cannot crowd out the standard ones.
    s.observe('codex', plan(T0, [w5h(0.3), w7d(0.1)]));
    s.observe('claude-code', plan(T0, [{ window: 'seven_day_opus', usedRatio: 0.2, windowMinutes: 10080 }]));
    assert.deepEqual(s.windowsAt(T0).map((w) => `${w.agent}/${w.window}`), ['codex/w0', 'codex/w1', 'codex/w2', 'codex/w3', 'codex/w4', 'codex/w5', 'codex/5h', 'codex/7d', 'claude-code/seven_day_opus']);
    assert.equal(PlanStore.restore(JSON.parse(JSON.stringify(s.snapshot()))).windowsAt(T0).length, 9);
  });

  it('keeps the latest plan type, and context readings per session (newest wins)', () => {
    const s = new PlanStore(() => T0);
    s.observe('codex', plan(T0, [w5h(0.1)], 'plus'));
    s.observe('codex', plan(T0 - 1000, [w5h(0.1)], 'free'));
    assert.deepEqual(s.planTypes(), [{ agent: 'codex', planType: 'plus' }]);
    s.observe('claude-code', { kind: 'context', observedMs: T0, sessionId: 'a', project: 'shop', usedRatio: 0.26, windowTokens: 200_000 });
    s.observe('claude-code', { kind: 'context', observedMs: T0 - 5000, sessionId: 'a', project: 'shop', usedRatio: 0.9 });
    assert.deepEqual(s.activeContexts(() => true).map((c) => c.usedRatio), [0.26]);
  });

  it('survives a snapshot round trip through JSON', () => {
    const s = new PlanStore(() => T0);
    s.observe('codex', plan(T0, [w5h(0.3), w7d(0.1)], 'pro'));
    s.observe('claude-code', { kind: 'context', observedMs: T0, sessionId: 'a', project: 'shop', usedRatio: 0.5 });
    const back = PlanStore.restore(JSON.parse(JSON.stringify(s.snapshot())), () => T0);
    assert.deepEqual(back.snapshot(), s.snapshot());
    assert.deepEqual(view(back, T0), view(s, T0));
  });

  it('restores only well-formed entries from a hostile or foreign snapshot', () => {
    const good = { agent: 'codex', window: '5h', usedRatio: 0.3, resetsAtMs: T0 + H, windowMinutes: 300, observedMs: T0, firstRatio: 0.3, firstMs: T0 };
    const snap = {
      version: 1,
      windows: [good, { ...good, window: 'bad label"}' }, { ...good, window: '7d', usedRatio: 'x' }, { ...good, window: 'x', resetsAtMs: undefined, windowMinutes: undefined }, { ...good, window: 'y', usedRatio: Infinity }, null, 7],
      plans: [{ agent: 'codex', planType: 'plus', observedMs: T0 }, { agent: 'codex', planType: '<b>', observedMs: T0 }],
      contexts: [{ agent: 'claude-code', sessionId: 's', project: 'p', usedRatio: 2, observedMs: T0 }, { agent: 'claude-code', sessionId: 't', project: 'p', usedRatio: 0.4, observedMs: T0, extra: 'x'.repeat(10) }],
    };
    const s = PlanStore.restore(snap, () => T0);
    assert.deepEqual(view(s, T0), [['codex', '5h', 0.3, T0 + H]]);
    assert.deepEqual(s.planTypes(), [{ agent: 'codex', planType: 'plus' }]);
    assert.deepEqual(s.activeContexts(() => true), [{ agent: 'claude-code', sessionId: 't', project: 'p', usedRatio: 0.4, observedMs: T0 }]);
    for (const junk of [undefined, null, 'x', [], { version: 2, windows: [good] }]) assert.deepEqual(PlanStore.restore(junk).snapshot(), { version: 1, windows: [], plans: [], contexts: [] });
  });
});
