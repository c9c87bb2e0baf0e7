// The small landing page at `/`: is it reading, what has it counted (per agent: today, the last 7 and 30 days, all
// history), and which folders it watches. Each section is a function of the engine; a new one (plan limits, say)
// is one entry in LANDING_SECTIONS.
import type { Engine } from '../engine.js';
import { planOf } from '../plan/wire.js';
import { foldersSection } from './landing-folders.js';
import { esc, num, type LandingContext } from './landing-html.js';
import { renderPlanLimits } from './landing-plan.js';
import { usageSection } from './landing-usage.js';

/** A part of the page: returns its HTML, or '' to leave itself out. */
export type LandingSection = (ctx: LandingContext) => string;

function statusSection({ engine }: LandingContext): string {
  const files = [...engine.tracker.countByAgent()].map(([a, n]) => `${esc(a)}: ${num(n)}`).join(', ') || 'none yet';
  return `<p>${engine.initialScanDone ? 'History read; tailing for new lines.' : 'Reading the history found on disk…'} Files tracked: ${files}.</p>
<p><a href="/metrics">/metrics</a> · <a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a></p>`;
}

/** Plan limits (5-hour and weekly windows) as the agents last reported them: http/landing-plan.ts. */
function planSection({ engine, nowMs }: LandingContext): string {
  const plan = planOf(engine);
  return renderPlanLimits(plan?.store, nowMs, plan?.activeWindowSeconds);
}

/** The sections, in page order. */
export const LANDING_SECTIONS: LandingSection[] = [statusSection, planSection, usageSection, foldersSection];

const CSS = `body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#1f2328;max-width:70rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border-bottom:1px solid #d0d7de;padding:.25rem .75rem;text-align:left;vertical-align:bottom}
th{font-weight:600}th.group{text-align:center;border-bottom:0}.num{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:600;border-top:2px solid #8c959f}.muted{color:#8c959f}small{font-weight:normal;color:#57606a}
.status.missing{color:#8c959f}.note{color:#57606a;font-size:13px}code{font-size:12px}h3{font-size:15px}`;

/** Returns the landing page HTML. */
export function renderLanding(engine: Engine, version: string, nowMs = Date.now(), sections: readonly LandingSection[] = LANDING_SECTIONS): string {
  const ctx: LandingContext = { engine, nowMs };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>agentmon</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${CSS}</style>
</head><body>
<h1>agentmon <small>${esc(version)}</small></h1>
${sections.map((s) => s(ctx)).filter(Boolean).join('\n')}
</body></html>
`;
}
