// What the health detectors remember of one recent session: pending tool calls, whether the model owes a
// response, recent tool calls (tool + input hash) and recent token usage. Only small numbers and hashes, never text.
import type { AgentEvent, AgentId, TokenCounts } from '../adapters/types.js';

export interface PendingCall {
  tool: string;
  sinceMs: number;
}

export interface RecentCall {
  ts: number;
  /** tool + input hash: equal keys are the same call repeated. */
  key: string;
  tool: string;
}

export interface SessionState {
  agent: AgentId;
  sessionId: string;
  project: string;
  lastEventMs: number;
  lastEventKind: AgentEvent['kind'];
  pendingTools: Map<string, PendingCall>;
  /** Since when the model owes a response (a prompt, or the last result of a tool round); null when it does not. */
  awaitingSinceMs: number | null;
  /** Since when a permission prompt waits for the user (from Claude Code hooks); null when none does. */
  permissionSinceMs: number | null;
  /** Tool call ids already seen, with their time: copies of a call (resumed files) are not repeats. */
  callIds: Map<string, number>;
  recentCalls: RecentCall[];
  /** Tokens per response; keyed by dedup key so streamed lines of one response count once (their largest total). */
  recentTokens: Map<string, { ts: number; tokens: number }>;
}

const sumTokens = (t: TokenCounts): number => t.input + t.output + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h;

/** Returns a fresh state for a session first seen with `ev`. */
export function newSessionState(agent: AgentId, ev: AgentEvent): SessionState {
  return {
    agent,
    sessionId: ev.sessionId,
    project: ev.project,
    lastEventMs: ev.timestampMs,
    lastEventKind: ev.kind,
    pendingTools: new Map(),
    awaitingSinceMs: null,
    permissionSinceMs: null,
    callIds: new Map(),
    recentCalls: [],
    recentTokens: new Map(),
  };
}

let anonymous = 0;

/** Folds one event into the session's state. */
export function applyEvent(s: SessionState, ev: AgentEvent): void {
  if (ev.timestampMs >= s.lastEventMs) {
    s.lastEventMs = ev.timestampMs;
    s.lastEventKind = ev.kind;
  }
  if (ev.project !== 'unknown') s.project = ev.project;
  // A permission prompt is open until a hook says the session moved on, or the transcript shows it did after the
  // prompt (transcript and hook spool are separate files: a line written before the prompt may be read after it).
  if (ev.kind === 'activity' && ev.hook?.permission === 'asked') s.permissionSinceMs ??= ev.timestampMs;
  else if (ev.kind === 'activity' ? ev.hook?.permission === 'answered' : ev.kind !== 'progress' && ev.kind !== 'api_error') {
    if (s.permissionSinceMs !== null && ev.timestampMs > s.permissionSinceMs) s.permissionSinceMs = null;
  }
  switch (ev.kind) {
    case 'prompt':
      s.awaitingSinceMs = ev.timestampMs;
      break;
    case 'request': {
      s.awaitingSinceMs = null;
      const key = ev.dedupKey ?? `#${anonymous++}`;
      const tokens = sumTokens(ev.tokens);
      const prev = s.recentTokens.get(key);
      if (!prev) s.recentTokens.set(key, { ts: ev.timestampMs, tokens });
      else prev.tokens = Math.max(prev.tokens, tokens);
      break;
    }
    case 'tool_call':
      s.awaitingSinceMs = null; // calling a tool is the model's response
      if (s.callIds.has(ev.callId)) break;
      s.callIds.set(ev.callId, ev.timestampMs);
      s.pendingTools.set(ev.callId, { tool: ev.tool, sinceMs: ev.timestampMs });
      s.recentCalls.push({ ts: ev.timestampMs, key: `${ev.tool}\u001f${ev.inputHash ?? ev.callId}`, tool: ev.tool });
      break;
    case 'tool_result':
      if (!s.pendingTools.delete(ev.callId)) break;
      // The model answers once every call of a round has its result.
      if (s.pendingTools.size === 0) s.awaitingSinceMs = ev.timestampMs;
      break;
    case 'api_error':
    case 'activity':
    case 'progress':
      break;
    default: {
      const never: never = ev;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

/** Drops calls and token records older than `cutoffMs` (they can no longer count towards a loop). */
export function trimState(s: SessionState, cutoffMs: number): void {
  if (s.recentCalls.length > 0 && s.recentCalls[0]!.ts < cutoffMs) s.recentCalls = s.recentCalls.filter((c) => c.ts >= cutoffMs);
  for (const [k, v] of s.recentTokens) if (v.ts < cutoffMs) s.recentTokens.delete(k);
  for (const [k, ts] of s.callIds) if (ts < cutoffMs && !s.pendingTools.has(k)) s.callIds.delete(k);
}

/** A session's state as plain data (Maps as entry lists), for the checkpoint. */
export type SessionStateJSON = Omit<SessionState, 'pendingTools' | 'callIds' | 'recentTokens'> & {
  pendingTools: [string, PendingCall][];
  callIds: [string, number][];
  recentTokens: [string, { ts: number; tokens: number }][];
};

export function sessionStateToJSON(s: SessionState): SessionStateJSON {
  return { ...s, pendingTools: [...s.pendingTools], callIds: [...s.callIds], recentCalls: [...s.recentCalls], recentTokens: [...s.recentTokens] };
}

export function sessionStateFromJSON(j: SessionStateJSON): SessionState {
  return { ...j, pendingTools: new Map(j.pendingTools), callIds: new Map(j.callIds), recentCalls: [...j.recentCalls], recentTokens: new Map(j.recentTokens) };
}
