// Statusline spool line → readings (no events: a statusline run is neither usage nor a sign of life of the session
// beyond what its transcript shows). Every field is checked again here: the spool is a file anyone could write.
import type { ContextReading, FileContext, ParseOutcome, PlanWindowReading, Reading } from '../adapters/types.js';
import { ratioOf, resetFromEpochSeconds, windowKey, windowReading } from '../plan/windows.js';

const MALFORMED: ParseOutcome = { result: 'malformed', events: [] };
const IGNORED: ParseOutcome = { result: 'ignored', events: [] };

function limitsOf(v: unknown): PlanWindowReading[] | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: PlanWindowReading[] = [];
  for (const [raw, pair] of Object.entries(v).slice(0, 8)) {
    const key = windowKey(raw);
    if (!key || !Array.isArray(pair) || pair.length !== 2) return undefined;
    const w = windowReading(key, pair[0], resetFromEpochSeconds(pair[1]), undefined);
    if (w) out.push(w);
  }
  return out;
}

/** Parses one statusline spool line into plan and context readings. */
export function parseStatusSpoolLine(line: string, _ctx: FileContext): ParseOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return MALFORMED;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return MALFORMED;
  const r = raw as Record<string, unknown>;
  const ts = r.ts;
  if (r.v !== 1 || typeof ts !== 'number' || !Number.isFinite(ts) || ts <= 0) return MALFORMED;
  if ((r.session !== undefined && (typeof r.session !== 'string' || r.session.length === 0 || r.session.length > 200)) || (r.project !== undefined && (typeof r.project !== 'string' || r.project.length > 200))) return MALFORMED;
  const windows = r.limits === undefined ? [] : limitsOf(r.limits);
  if (!windows) return MALFORMED;
  const readings: Reading[] = [];
  if (windows.length > 0) readings.push({ kind: 'plan', observedMs: ts, windows });
  const used = r.ctx === undefined ? undefined : ratioOf(r.ctx);
  if (used !== undefined && typeof r.session === 'string') {
    const size = r.ctxSize;
    const context: ContextReading = { kind: 'context', observedMs: ts, sessionId: r.session, project: typeof r.project === 'string' && r.project ? r.project : 'unknown', usedRatio: Math.min(1, used) };
    if (typeof size === 'number' && Number.isFinite(size) && size > 0 && size <= 1e9) context.windowTokens = size;
    readings.push(context);
  }
  return readings.length > 0 ? { result: 'parsed', events: [], readings } : IGNORED;
}
