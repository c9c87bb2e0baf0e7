// The small landing page at `/`: what is watched and today's totals. Every value is HTML-escaped: model and
// project names come from log lines.
import { existsSync } from 'node:fs';
import { dailyUsage, utcDay } from '../accounting/daily.js';
import type { Engine } from '../engine.js';
import { planOf } from '../plan/wire.js';
import { renderPlanLimits } from './landing-plan.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (n: number): string => n.toLocaleString('en-US');

/** Returns the landing page HTML. */
export function renderLanding(engine: Engine, version: string, nowMs = Date.now()): string {
  const today = utcDay(nowMs / 1000);
  const { daily, totals } = dailyUsage(engine.ledger.rollups.all(), today, today);
  const files = engine.tracker.countByAgent();
  const roots = engine.roots
    .map((r) => `<tr><td>${esc(r.agent)}</td><td><code>${esc(r.root)}</code></td><td>${existsSync(r.root) ? 'found' : 'not found'}</td></tr>`)
    .join('');
  const usage = daily
    .map((r) => `<tr><td>${esc(r.agent)}</td><td>${esc(r.model)}</td><td>${num(r.inputTokens)}</td><td>${num(r.outputTokens)}</td><td>${num(r.cacheCreationTokens)}</td><td>${num(r.cacheReadTokens)}</td><td>$${r.costUsd.toFixed(2)}</td><td>${num(r.requests)}</td></tr>`)
    .join('');
  const fileCounts = [...files].map(([a, n]) => `${esc(a)}: ${num(n)}`).join(', ') || 'none yet';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>agentmon</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#1f2328}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border-bottom:1px solid #d0d7de;padding:.25rem .75rem;text-align:left}td:nth-child(n+3){text-align:right}code{font-size:12px}</style>
</head><body>
<h1>agentmon <small>${esc(version)}</small></h1>
<p>${engine.initialScanDone ? 'History read; tailing for new lines.' : 'Reading the history found on disk…'} Files tracked: ${fileCounts}.</p>
<p><a href="/metrics">/metrics</a> · <a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a></p>
<h2>Watched folders</h2>
<table><tr><th>agent</th><th>folder</th><th>status</th></tr>${roots}</table>
${renderPlanLimits(planOf(engine)?.store, nowMs, planOf(engine)?.activeWindowSeconds)}
<h2>Today (${today}, UTC)</h2>
${daily.length === 0 ? '<p>No usage recorded today.</p>' : `<table><tr><th>agent</th><th>model</th><th>input</th><th>output</th><th>cache write</th><th>cache read</th><th>cost</th><th>requests</th></tr>${usage}
<tr><th colspan="2">total</th><th>${num(totals.inputTokens)}</th><th>${num(totals.outputTokens)}</th><th>${num(totals.cacheCreationTokens)}</th><th>${num(totals.cacheReadTokens)}</th><th>$${totals.costUsd.toFixed(2)}</th><th>${num(totals.requests)}</th></tr></table>`}
</body></html>
`;
}
