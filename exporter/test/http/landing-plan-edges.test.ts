// The plan-limits section at its edges: where a bar turns amber and red, how wide it is, when a share gets a decimal,
// how a time span reads at the minute/hour/day boundaries, when a projection is in bold, which sessions count as
// active, and the markup between cells and rows (a table that renders as one run of text is as wrong as a wrong number).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPlanLimits } from '../../src/http/landing-plan.js';
import { PlanStore } from '../../src/plan/store.js';

const T0 = Date.parse('2026-05-12T10:00:00Z');
const M = 60_000;

/** One Codex 5h window read once at T0 with the given use (and reset, if any). */
function oneWindow(usedRatio: number, resetsAtMs?: number, observedMs = T0): string {
  const s = new PlanStore(() => T0);
  s.observe('codex', { kind: 'plan', observedMs, windows: [{ window: '5h', usedRatio, ...(resetsAtMs === undefined ? {} : { resetsAtMs }), windowMinutes: 300 }] });
  return renderPlanLimits(s, T0);
}

/** The bar's fill: width and colour, from the first bar on the page. */
function fill(html: string): { width: string; color: string } {
  const m = /<span style="display:block;height:100%;width:([^;]+);background:([^"]+)"><\/span>/.exec(html);
  assert.ok(m, 'a bar');
  return { width: m[1]!, color: m[2]! };
}

/** The cells of the windows table's first row, as written. */
function cells(html: string): string[] {
  const row = /<\/th><\/tr>\n<tr>(.*?)<\/tr>/.exec(html);
  assert.ok(row, 'a first row right after the header');
  return [...row[1]!.matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1]!);
}

describe('landing page: plan limits at the edges', () => {
  it('colours the bar green below 75 %, amber from 75 %, red from 90 %', () => {
    assert.equal(fill(oneWindow(0.7499)).color, '#1a7f37');
    assert.equal(fill(oneWindow(0.75)).color, '#bf8700');
    assert.equal(fill(oneWindow(0.8999)).color, '#bf8700');
    assert.equal(fill(oneWindow(0.9)).color, '#cf222e');
    assert.equal(fill(oneWindow(1.4)).color, '#cf222e');
  });

  it('fills the bar by the share used, never past its end', () => {
    assert.equal(fill(oneWindow(0.5)).width, '50.0%');
    assert.equal(fill(oneWindow(0.123)).width, '12.3%');
    assert.equal(fill(oneWindow(1.4)).width, '100.0%');
    assert.equal(fill(oneWindow(0)).width, '0.0%');
  });

  it('gives a share under 10 % one decimal, from 10 % none', () => {
    assert.equal(cells(oneWindow(0.0999))[2]!.replace(/^.*<\/span> /, ''), '10.0%');
    assert.equal(cells(oneWindow(0.1))[2]!.replace(/^.*<\/span> /, ''), '10%');
    assert.equal(cells(oneWindow(0.05))[2]!.replace(/^.*<\/span> /, ''), '5.0%');
  });

  it('reads time spans as minutes below an hour, hours and minutes below a day, then days and hours', () => {
    const reset = (ms: number): string => cells(oneWindow(0.2, T0 + ms))[3]!.replace(/ <small>.*$/, '');
    assert.equal(reset(59 * M + 59_000), '59m');
    assert.equal(reset(60 * M), '1h00m');
    assert.equal(reset(23 * 60 * M + 59 * M), '23h59m');
    assert.equal(reset(24 * 60 * M), '1d0h');
    assert.equal(reset(50 * 60 * M), '2d2h');
    // When it resets, in UTC to the minute, date and time apart.
    assert.equal(cells(oneWindow(0.2, T0 + 90 * M))[3], '1h30m <small>(2026-05-12 11:30 UTC)</small>');
    // No reset known: a dash; the reading's age in the last cell.
    const noReset = cells(oneWindow(0.2, undefined, T0 - 61 * M));
    assert.equal(noReset[3], '—');
    assert.equal(noReset[6], '1h01m ago');
  });

  it('puts a projection in bold from 100 % at the reset, not below', () => {
    // 0 % at T0-60m, 50 % at T0: 50 %/h; reset in one hour lands at exactly 100 %.
    const at = (resetInMs: number): string => {
      const s = new PlanStore(() => T0);
      s.observe('codex', { kind: 'plan', observedMs: T0 - 60 * M, windows: [{ window: '5h', usedRatio: 0, resetsAtMs: T0 + resetInMs, windowMinutes: 300 }] });
      s.observe('codex', { kind: 'plan', observedMs: T0, windows: [{ window: '5h', usedRatio: 0.5, resetsAtMs: T0 + resetInMs, windowMinutes: 300 }] });
      return cells(renderPlanLimits(s, T0))[5]!;
    };
    assert.equal(at(60 * M), '<strong>100%</strong>');
    assert.equal(at(48 * M), '90%');
    // No use since the first reading: a pace of 0, so the projection is today's use.
    const flat = new PlanStore(() => T0);
    for (const observedMs of [T0 - 60 * M, T0]) flat.observe('codex', { kind: 'plan', observedMs, windows: [{ window: '5h', usedRatio: 0.3, resetsAtMs: T0 + 60 * M, windowMinutes: 300 }] });
    assert.deepEqual(cells(renderPlanLimits(flat, T0)).slice(4, 6), ['0.0%/h', '30%']);
    // A pace but no reset: no projection.
    const s = new PlanStore(() => T0);
    s.observe('codex', { kind: 'plan', observedMs: T0 - 60 * M, windows: [{ window: '5h', usedRatio: 0, windowMinutes: 300 }] });
    s.observe('codex', { kind: 'plan', observedMs: T0, windows: [{ window: '5h', usedRatio: 0.5, windowMinutes: 300 }] });
    const c = cells(renderPlanLimits(s, T0));
    assert.equal(c[4], '50%/h');
    assert.equal(c[5], '—');
  });

  it('writes cells side by side and rows one per line, with nothing between them', () => {
    const s = new PlanStore(() => T0);
    s.observe('codex', { kind: 'plan', observedMs: T0, planType: 'plus', windows: [{ window: '5h', usedRatio: 0.2, windowMinutes: 300 }, { window: '7d', usedRatio: 0.3, windowMinutes: 10080 }] });
    s.observe('claude-code', { kind: 'plan', observedMs: T0, planType: 'max', windows: [{ window: '5h', usedRatio: 0.4, windowMinutes: 300 }] });
    s.observe('claude-code', { kind: 'context', observedMs: T0, sessionId: 'a', project: 'shop', usedRatio: 0.4 });
    s.observe('claude-code', { kind: 'context', observedMs: T0, sessionId: 'b', project: 'api', usedRatio: 0.6 });
    const html = renderPlanLimits(s, T0);
    const plans = /<p>Plan: (.*?)\.<\/p><table>/.exec(html);
    assert.ok(plans, 'the plan types, right before the table');
    assert.deepEqual(plans[1]!.split(', ').sort(), ['claude-code: max', 'codex: plus']);
    const windows = html.slice(html.indexOf('<table>'), html.indexOf('</table>'));
    assert.equal(windows.split('\n').length, 4, 'the header and three rows, one per line');
    for (const line of windows.split('\n').slice(1)) assert.match(line, /^<tr>(<td>[^\n]*?<\/td>){7}<\/tr>$/);
    assert.doesNotMatch(html, /<\/td>[^<]/, 'nothing between a cell and the next');
    assert.match(html, /<\/tr><\/table>\n<p><small>Pace:/);
    const contexts = html.slice(html.indexOf('<h3>'));
    assert.match(contexts, /^<h3>Context window fill of active sessions<\/h3>\n<table><tr><th>agent<\/th><th>project<\/th><th>context used<\/th><\/tr><tr><td>claude-code<\/td><td>api<\/td><td><span [^>]*><span [^>]*><\/span><\/span> 60%<\/td><\/tr><tr><td>claude-code<\/td><td>shop<\/td>/);
    assert.match(contexts, /<\/tr><\/table>$/);
  });

  it('shows no plan line without a plan type and no context table without active sessions', () => {
    const html = oneWindow(0.2);
    assert.doesNotMatch(html, /Plan:/);
    assert.match(html, /^<h2>Plan limits<\/h2>\n<table>/);
    assert.doesNotMatch(html, /<h3>/);
    assert.match(html, /shown once the readings span 10 minutes\.<\/small><\/p>\n$/);
  });

  it('counts a session as active from the window start through a minute ahead of now (clock skew), fullest 20 first', () => {
    const s = new PlanStore(() => T0);
    s.observe('codex', { kind: 'plan', observedMs: T0, windows: [{ window: '5h', usedRatio: 0.1, windowMinutes: 300 }] });
    const seen = (observedMs: number, id: string): void => s.observe('claude-code', { kind: 'context', observedMs, sessionId: id, project: id, usedRatio: 0.5 });
    seen(T0 - 300_000, 'at-start');
    seen(T0 - 300_001, 'before-start');
    seen(T0 + 60_000, 'minute-ahead');
    seen(T0 + 60_001, 'too-far-ahead');
    const projects = (html: string): string[] => [...html.slice(html.indexOf('<h3>')).matchAll(/<tr><td>claude-code<\/td><td>([^<]+)<\/td>/g)].map((m) => m[1]!);
    assert.deepEqual(projects(renderPlanLimits(s, T0, 300)).sort(), ['at-start', 'minute-ahead']);
    // Many sessions: the 20 fullest, fullest first.
    const many = new PlanStore(() => T0);
    many.observe('codex', { kind: 'plan', observedMs: T0, windows: [{ window: '5h', usedRatio: 0.1, windowMinutes: 300 }] });
    for (let i = 0; i < 25; i++) many.observe('claude-code', { kind: 'context', observedMs: T0, sessionId: `s${i}`, project: `p${String(i).padStart(2, '0')}`, usedRatio: i / 100 });
    const shown = projects(renderPlanLimits(many, T0));
    assert.equal(shown.length, 20);
    assert.deepEqual(shown, Array.from({ length: 20 }, (_, k) => `p${String(24 - k).padStart(2, '0')}`));
  });

  it('escapes every character that could end an attribute or open a tag', () => {
    const s = new PlanStore(() => T0);
    s.observe('codex', { kind: 'plan', observedMs: T0, windows: [{ window: '5h', usedRatio: 0.1, windowMinutes: 300 }] });
    s.observe('claude-code', { kind: 'context', observedMs: T0, sessionId: 'x', project: `a&b<c>d"e'f`, usedRatio: 0.5 });
    const html = renderPlanLimits(s, T0);
    assert.ok(html.includes('<td>a&amp;b&lt;c&gt;d&quot;e&#39;f</td>'), html.slice(html.indexOf('<h3>')));
  });
});
