// The landing page's plan-limits section: each window's use, time to reset, pace since its first reading and where
// that pace ends; a passed reset shows 0; active sessions' context fill; a hint without plan data; and nothing from a
// log line reaches the page unescaped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paceSinceFirst, renderPlanLimits } from '../../src/http/landing-plan.js';
import { PlanStore } from '../../src/plan/store.js';

const T0 = Date.parse('2026-05-12T10:00:00Z');
const M = 60_000;
const rows = (html: string): string[][] =>
  [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1]!.replace(/<span[^>]*><span[^>]*><\/span><\/span> /, '').replace(/<[^>]+>/g, ''))).filter((r) => r.length > 0);

describe('landing page: plan limits', () => {
  it('shows each window with its use, reset, pace and projection, and the plan type', () => {
    const s = new PlanStore(() => T0);
    // Codex 5h: 20 % at 09:00, 50 % at 09:30 (1 %/min = 60 %/h); resets 12:00, so 50 % + 2 h × 60 %/h = 170 %.
    s.observe('codex', { kind: 'plan', observedMs: T0 - 60 * M, planType: 'plus', windows: [{ window: '5h', usedRatio: 0.2, resetsAtMs: T0 + 2 * 60 * M, windowMinutes: 300 }] });
    s.observe('codex', { kind: 'plan', observedMs: T0 - 30 * M, windows: [{ window: '5h', usedRatio: 0.5, resetsAtMs: T0 + 2 * 60 * M, windowMinutes: 300 }, { window: '7d', usedRatio: 0.05, resetsAtMs: T0 + 3 * 86_400_000, windowMinutes: 10080 }] });
    // Claude Code 5h: one reading, reset passed: 0 and no pace.
    s.observe('claude-code', { kind: 'plan', observedMs: T0 - 200 * M, windows: [{ window: '5h', usedRatio: 0.97, resetsAtMs: T0 - 10 * M, windowMinutes: 300 }] });
    const html = renderPlanLimits(s, T0);
    assert.match(html, /<p>Plan: codex: plus\.<\/p>/);
    assert.deepEqual(rows(html), [
      ['codex', '5h', '50%', '2h00m (2026-05-12 12:00 UTC)', '60%/h', '170%', '30m ago'],
      ['codex', '7d', '5.0%', '3d0h (2026-05-15 10:00 UTC)', '—', '—', '30m ago'],
      ['claude-code', '5h', '0.0%', 'reset passed', '—', '—', '3h20m ago'],
    ]);
    assert.match(html, /<strong>170%<\/strong>/); // past 100 %: the window runs out first
  });

  it('shows a pace only once the readings span 10 minutes, and never a negative one', () => {
    const base = { agent: 'codex' as const, window: '5h', resetsAtMs: T0 + 60 * M, windowMinutes: 300, expired: false };
    assert.equal(paceSinceFirst({ ...base, usedRatio: 0.3, observedMs: T0, firstRatio: 0.1, firstMs: T0 - 9 * M }), undefined);
    assert.equal(paceSinceFirst({ ...base, usedRatio: 0.3, observedMs: T0, firstRatio: 0.1, firstMs: T0 - 10 * M }), 1.2);
    assert.equal(paceSinceFirst({ ...base, usedRatio: 0.1, observedMs: T0, firstRatio: 0.3, firstMs: T0 - 60 * M }), undefined);
  });

  it('lists the context fill of active sessions only, fullest first', () => {
    const s = new PlanStore(() => T0);
    s.observe('codex', { kind: 'plan', observedMs: T0, windows: [{ window: '5h', usedRatio: 0.1, windowMinutes: 300 }] });
    s.observe('claude-code', { kind: 'context', observedMs: T0 - M, sessionId: 'a', project: 'shop', usedRatio: 0.4 });
    s.observe('claude-code', { kind: 'context', observedMs: T0 - 2 * M, sessionId: 'b', project: 'api', usedRatio: 0.8 });
    s.observe('codex', { kind: 'context', observedMs: T0 - 30 * M, sessionId: 'c', project: 'old', usedRatio: 0.9 });
    const html = renderPlanLimits(s, T0, 300);
    assert.deepEqual(rows(html.slice(html.indexOf('<h3>'))), [['claude-code', 'api', '80%'], ['claude-code', 'shop', '40%']]);
  });

  it('gives a hint when no agent reported plan windows', () => {
    for (const store of [undefined, new PlanStore(() => T0)]) assert.match(renderPlanLimits(store, T0), /No plan data yet\..*agentmon statusline/);
  });

  it('escapes names that came from logs', () => {
    const s = new PlanStore(() => T0);
    // Window labels are sanitized when read; a project name is free text from the working folder.
    s.observe('codex', { kind: 'plan', observedMs: T0, windows: [{ window: '5h', usedRatio: 0.1, windowMinutes: 300 }] });
    s.observe('claude-code', { kind: 'context', observedMs: T0, sessionId: 'x', project: '<script>alert(1)</script>', usedRatio: 0.5 });
    const html = renderPlanLimits(s, T0);
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });
});
