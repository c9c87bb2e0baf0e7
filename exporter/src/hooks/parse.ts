// Spool line → events. Hook events only ever become `activity` events carrying a HookSignal: the transcript counts
// the session's prompts, tool calls and usage, so nothing here can count them twice. What hooks add is exact timing:
// PreToolUse → PostToolUse(Failure) of one call, and how long a permission prompt waited for the user.
import type { FileContext, FileState, HookSignal, ParseOutcome } from '../adapters/types.js';
import { HOOK_EVENTS, type SpoolRecord } from './record.js';

const MALFORMED: ParseOutcome = { result: 'malformed', events: [] };
const MAX_PENDING = 2000; // tool calls waiting for their PostToolUse, per spool file
const MAX_RUN_SECONDS = 86_400;

/** Events after which a waiting permission prompt has been answered (or abandoned). */
const ANSWERS = new Set(['PostToolUse', 'PostToolUseFailure', 'PermissionDenied', 'UserPromptSubmit', 'Stop', 'SessionEnd', 'SessionStart']);

function validRecord(v: unknown): v is SpoolRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return r.v === 1 && typeof r.ts === 'number' && Number.isFinite(r.ts) && r.ts > 0 && typeof r.session === 'string' && typeof r.event === 'string'
    && (HOOK_EVENTS as readonly string[]).includes(r.event) && (r.tool === undefined || typeof r.tool === 'string') && (r.call === undefined || typeof r.call === 'string');
}

/** Forgets the oldest half of the pending PreToolUse times when too many never got their PostToolUse. */
function prunePending(st: FileState): void {
  const pending = Object.entries(st).filter(([k]) => k.startsWith('pre:')).sort(([, a], [, b]) => Number(a) - Number(b));
  for (const [k] of pending.slice(0, pending.length / 2)) delete st[k];
  st.pending = Object.keys(st).filter((k) => k.startsWith('pre:')).length;
}

/** Parses one spool line; pairs PreToolUse/PostToolUse and permission prompts through ctx.state. */
export function parseSpoolLine(line: string, ctx: FileContext): ParseOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return MALFORMED;
  }
  if (!validRecord(raw)) return MALFORMED;
  const r = raw;
  const st = ctx.state;
  const hook: HookSignal = { event: r.event, ...(r.tool ? { tool: r.tool } : {}) };
  if (r.call && r.event === 'PreToolUse') {
    if (st[`pre:${r.call}`] === undefined) st.pending = (typeof st.pending === 'number' ? st.pending : 0) + 1;
    st[`pre:${r.call}`] = r.ts;
    if ((st.pending as number) > MAX_PENDING) prunePending(st);
  } else if (r.call && (r.event === 'PostToolUse' || r.event === 'PostToolUseFailure')) {
    const started = st[`pre:${r.call}`];
    if (typeof started === 'number') {
      delete st[`pre:${r.call}`];
      st.pending = Math.max(0, (typeof st.pending === 'number' ? st.pending : 1) - 1);
      if (r.ts >= started && r.ts - started <= MAX_RUN_SECONDS * 1000) hook.runSeconds = (r.ts - started) / 1000;
    }
  }
  const askKey = `ask:${r.session}`;
  const asked = st[askKey];
  if (r.event === 'PermissionRequest' || (r.event === 'Notification' && r.notice === 'permission')) {
    if (typeof asked !== 'number') st[askKey] = r.ts;
    hook.permission = 'asked';
  } else if (typeof asked === 'number' && ANSWERS.has(r.event)) {
    delete st[askKey];
    hook.permission = 'answered';
    if (r.ts >= asked) hook.waitSeconds = (r.ts - asked) / 1000;
  }
  return { result: 'parsed', events: [{ kind: 'activity', timestampMs: r.ts, sessionId: r.session, project: r.project ?? 'unknown', hook }] };
}
