// What one statusLine input becomes in the spool: the plan's usage windows and the session's context fill, with the
// session id and the project folder's last segment. Never the transcript path, the working folder, the model or the
// cost (the transcript counts cost; nothing here may count anything twice).
import { windowKey } from '../plan/windows.js';

/** One line of the statusline spool. */
export interface StatusRecord {
  v: 1;
  /** When the statusline ran (ms since the epoch): the moment the readings are from. */
  ts: number;
  session?: string;
  project?: string;
  /** context_window.used_percentage and context_window_size. */
  ctx?: number;
  ctxSize?: number;
  /** rate_limits by Claude Code's own key (five_hour, seven_day, ...): [used_percentage, resets_at in epoch s or null]. */
  limits?: Record<string, [number, number | null]>;
}

/** Rate-limit windows copied per input: more would be garbage. */
const MAX_LIMITS = 8;

const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined);

function lastSegment(path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts.length ? parts[parts.length - 1]!.slice(0, 200) : undefined;
}

/** Returns the spool record of a statusLine input, or undefined when it says nothing about limits or context. */
export function toStatusRecord(input: unknown, nowMs: number): StatusRecord | undefined {
  const i = obj(input);
  if (!i) return undefined;
  const rec: StatusRecord = { v: 1, ts: nowMs };
  const session = text(i.session_id, 200);
  if (session) rec.session = session;
  const ws = obj(i.workspace);
  const project = lastSegment(ws?.project_dir) ?? lastSegment(ws?.current_dir) ?? lastSegment(i.cwd);
  if (project) rec.project = project;
  const cw = obj(i.context_window);
  const ctx = num(cw?.used_percentage);
  if (ctx !== undefined && session) {
    rec.ctx = ctx;
    const size = num(cw?.context_window_size);
    if (size !== undefined) rec.ctxSize = size;
  }
  const rl = obj(i.rate_limits);
  if (rl) {
    const limits: Record<string, [number, number | null]> = {};
    for (const [raw, value] of Object.entries(rl).slice(0, MAX_LIMITS)) {
      const key = windowKey(raw);
      const w = obj(value);
      const used = num(w?.used_percentage);
      if (key && used !== undefined) limits[key] = [used, num(w?.resets_at) ?? null];
    }
    if (Object.keys(limits).length > 0) rec.limits = limits;
  }
  return rec.ctx !== undefined || rec.limits ? rec : undefined;
}
