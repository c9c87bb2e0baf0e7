// The landing page's plan-limits section: each plan usage window with a bar of its use, the time to its reset, the
// pace since the window's first reading and where that pace ends at the reset, the plan type, and the context fill
// of active sessions. Self-contained (its own markup and inline styles) so the page around it can change freely.
// Every value shown is escaped; window names and projects come from log lines and stdin.
import type { PlanStore, WindowNow } from '../plan/store.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (ratio: number): string => `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`;
/** A pace is only shown once the readings of a window span this long (two readings a minute apart say little). */
const MIN_PACE_SPAN_MS = 10 * 60_000;

/** Returns a span as 42m, 2h13m or 5d4h. */
function span(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours}h${String(minutes % 60).padStart(2, '0')}m` : `${Math.floor(hours / 24)}d${hours % 24}h`;
}

/** The share used per hour since the window's first reading, when the readings span long enough. */
export function paceSinceFirst(w: WindowNow): number | undefined {
  const spanMs = w.observedMs - w.firstMs;
  if (w.expired || spanMs < MIN_PACE_SPAN_MS || w.usedRatio < w.firstRatio) return undefined;
  return ((w.usedRatio - w.firstRatio) / spanMs) * 3_600_000;
}

function bar(ratio: number): string {
  const width = Math.max(0, Math.min(100, ratio * 100));
  const color = ratio >= 0.9 ? '#cf222e' : ratio >= 0.75 ? '#bf8700' : '#1a7f37';
  return `<span style="display:inline-block;width:8rem;height:.6rem;background:#eaeef2;vertical-align:middle"><span style="display:block;height:100%;width:${width.toFixed(1)}%;background:${color}"></span></span>`;
}

function windowRow(w: WindowNow, nowMs: number): string {
  const pace = paceSinceFirst(w);
  const resets = w.resetsAtMs;
  const projected = pace !== undefined && resets !== undefined ? w.usedRatio + (pace * (resets - nowMs)) / 3_600_000 : undefined;
  const cells = [
    esc(w.agent),
    esc(w.window),
    `${bar(w.usedRatio)} ${pct(w.usedRatio)}`,
    resets !== undefined ? `${span(resets - nowMs)} <small>(${esc(new Date(resets).toISOString().slice(0, 16).replace('T', ' '))} UTC)</small>` : w.expired ? 'reset passed' : '—',
    pace !== undefined ? `${pct(pace)}/h` : '—',
    projected !== undefined ? `${projected >= 1 ? '<strong>' : ''}${pct(projected)}${projected >= 1 ? '</strong>' : ''}` : '—',
    `${span(nowMs - w.observedMs)} ago`,
  ];
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

/** Returns the section's HTML (a hint when no agent has reported plan windows). */
export function renderPlanLimits(store: PlanStore | undefined, nowMs: number, activeWindowSeconds = 300): string {
  const windows = store?.windowsAt(nowMs) ?? [];
  if (!store || windows.length === 0) {
    return `<h2>Plan limits</h2>
<p>No plan data yet. Codex writes its 5-hour and weekly windows into its logs; for Claude Code, set <code>agentmon statusline</code> as the status line command (docs/statusline.md).</p>`;
  }
  const plans = store.planTypes().map((p) => `${esc(p.agent)}: ${esc(p.planType)}`).join(', ');
  const since = nowMs - activeWindowSeconds * 1000;
  const contexts = store.activeContexts((c) => c.observedMs >= since && c.observedMs <= nowMs + 60_000).sort((a, b) => b.usedRatio - a.usedRatio).slice(0, 20);
  const contextTable = contexts.length === 0
    ? ''
    : `<h3>Context window fill of active sessions</h3>
<table><tr><th>agent</th><th>project</th><th>context used</th></tr>${contexts.map((c) => `<tr><td>${esc(c.agent)}</td><td>${esc(c.project)}</td><td>${bar(c.usedRatio)} ${pct(c.usedRatio)}</td></tr>`).join('')}</table>`;
  return `<h2>Plan limits</h2>
${plans ? `<p>Plan: ${plans}.</p>` : ''}<table><tr><th>agent</th><th>window</th><th>used</th><th>resets in</th><th>pace</th><th>at reset, at this pace</th><th>reading</th></tr>
${windows.map((w) => windowRow(w, nowMs)).join('\n')}</table>
<p><small>Pace: the share used per hour since the window's first reading here; shown once the readings span 10 minutes.</small></p>
${contextTable}`;
}
