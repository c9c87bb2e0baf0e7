// Where a report's numbers come from, and the rows that fall in a report's range and filter. Usage is the
// ledger's hourly rollups (costs in integer nano-dollars), so a report agrees with `scan` to the cent.
import type { SessionEntry } from '../accounting/ledger.js';
import type { RollupRow } from '../accounting/rollups.js';
import type { AgentId } from '../adapters/types.js';
import type { Engine } from '../engine.js';
import type { PriceTable } from '../pricing/pricing.js';
import { sanitizeLabel } from '../accounting/labels.js';
import { activityOf } from './activity/attach.js';
import type { ActivityRow, ActivityStore, ToolRow } from './activity/store.js';
import type { TimeRange } from './period.js';

/** Everything a report reads. */
export interface ReportSources {
  rollups: () => Iterable<RollupRow>;
  sessions: () => Iterable<SessionEntry>;
  /** Undefined when no activity store was attached: tool and prompt numbers are then unknown. */
  activity: ActivityStore | undefined;
  prices: PriceTable;
}

/** Returns the sources of a running or one-shot engine. */
export function sourcesOf(engine: Engine): ReportSources {
  return { rollups: () => engine.ledger.rollups.all(), sessions: () => engine.ledger.sessions.values(), activity: activityOf(engine), prices: engine.prices };
}

/** Which rows a report covers. */
export interface Scope {
  range: TimeRange;
  /** IANA zone for days, weeks and months. */
  tz: string;
  agents?: readonly AgentId[];
  projects?: readonly string[];
}

// One report asks for the same rows many times (each metric, the previous period): filter them once per scope.
// Scope objects are made per report, so a cache entry never outlives the report it was made for.
const cache = new WeakMap<Scope, Map<string, unknown[]>>();
function memo<T>(scope: Scope, kind: string, compute: () => T[]): T[] {
  let m = cache.get(scope);
  if (!m) cache.set(scope, (m = new Map()));
  let rows = m.get(kind) as T[] | undefined;
  if (!rows) m.set(kind, (rows = compute()));
  return rows;
}

function keep(scope: Scope): (r: { hourStartSec: number; agent: AgentId; project: string }) => boolean {
  const start = scope.range.startMs / 1000;
  const end = scope.range.endMs / 1000;
  const agents = scope.agents ? new Set<string>(scope.agents) : undefined;
  const projects = scope.projects ? new Set(scope.projects.map((p) => sanitizeLabel(p))) : undefined;
  return (r) => r.hourStartSec >= start && r.hourStartSec < end && (!agents || agents.has(r.agent)) && (!projects || projects.has(r.project));
}

/** Usage rows (hours) in scope. */
export function usageRows(src: ReportSources, scope: Scope): RollupRow[] {
  return memo(scope, 'usage', () => [...src.rollups()].filter(keep(scope)));
}

/** Tool rows in scope. */
export function toolRows(src: ReportSources, scope: Scope): ToolRow[] {
  return memo(scope, 'tools', () => (src.activity ? [...src.activity.tools.values()].filter(keep(scope)) : []));
}

/** Prompt / API error rows in scope. */
export function activityRows(src: ReportSources, scope: Scope): ActivityRow[] {
  return memo(scope, 'activity', () => (src.activity ? [...src.activity.activity.values()].filter(keep(scope)) : []));
}

/** A session as reports see it: its labels as rollups spell them, and the hour it started in. */
export interface ScopedSession extends SessionEntry {
  hourStartSec: number;
  projectLabel: string;
}

/** Sessions that started in scope (a session's totals include all of it, also what falls after the range). */
export function sessionRows(src: ReportSources, scope: Scope): ScopedSession[] {
  return memo(scope, 'sessions', () => scopedSessions(src, scope));
}

function scopedSessions(src: ReportSources, scope: Scope): ScopedSession[] {
  const ok = keep(scope);
  const out: ScopedSession[] = [];
  for (const s of src.sessions()) {
    const row = { ...s, hourStartSec: Math.floor(s.firstMs / 3_600_000) * 3600, projectLabel: sanitizeLabel(s.project) };
    if (s.firstMs > 0 && ok({ hourStartSec: row.hourStartSec, agent: s.agent, project: row.projectLabel })) out.push(row);
  }
  return out;
}

/** Returns when the activity store's data begins, if it began after the range started (reports show a note). */
export function activityGap(src: ReportSources, scope: Scope): number | undefined {
  if (!src.activity) return scope.range.startMs;
  return src.activity.coverageStartMs > scope.range.startMs ? src.activity.coverageStartMs : undefined;
}
