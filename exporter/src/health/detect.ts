// The two judgements made of a recent session at a given time: is it stuck (waiting far too long on a tool, on the
// model, or on anything after a prompt) and is it looping (repeating one tool call, or burning tokens far too fast).
import type { HealthConfig } from './config.js';
import type { SessionState } from './session-state.js';
import type { UsualDurations } from './usual-durations.js';

export const STUCK_REASONS = ['permission_wait', 'tool_pending', 'response_pending', 'no_activity'] as const;
export const LOOPING_REASONS = ['repeated_tool_call', 'token_burn'] as const;
export type StuckReason = (typeof STUCK_REASONS)[number];
export type LoopingReason = (typeof LOOPING_REASONS)[number];

/** One finding about one session. `since` is when the condition began (event time, ms). */
export interface Finding<R extends string> {
  reason: R;
  sinceMs: number;
  /** The tool involved, for tool_pending and repeated_tool_call (a bounded name, never its input). */
  tool?: string;
  /** How many repeats, or tokens per minute, behind a looping finding. */
  count?: number;
}

/** Returns why the session is stuck at `nowMs`, or undefined when it is not. */
export function detectStuck(s: SessionState, nowMs: number, cfg: HealthConfig['stuck'], usual: UsualDurations): Finding<StuckReason> | undefined {
  // Known from hooks: the session waits on its user, whatever its tools would otherwise look like.
  if (s.permissionSinceMs !== null && nowMs - s.permissionSinceMs > cfg.permissionWaitSeconds * 1000) {
    return { reason: 'permission_wait', sinceMs: s.permissionSinceMs };
  }
  let oldest: { tool: string; sinceMs: number } | undefined;
  for (const call of s.pendingTools.values()) {
    const p95 = usual.p95(s.agent, call.tool);
    const limitMs = 1000 * Math.max(cfg.toolPendingSeconds, p95 !== undefined ? p95 * cfg.toolPendingFactor : 0);
    if (nowMs - call.sinceMs > limitMs && (!oldest || call.sinceMs < oldest.sinceMs)) oldest = call;
  }
  if (oldest) return { reason: 'tool_pending', sinceMs: oldest.sinceMs, tool: oldest.tool };
  if (s.lastEventKind === 'prompt' && nowMs - s.lastEventMs > cfg.noActivityAfterPromptSeconds * 1000) {
    return { reason: 'no_activity', sinceMs: s.lastEventMs };
  }
  if (s.pendingTools.size === 0 && s.awaitingSinceMs !== null && nowMs - s.awaitingSinceMs > cfg.responsePendingSeconds * 1000) {
    return { reason: 'response_pending', sinceMs: s.awaitingSinceMs };
  }
  return undefined;
}

/** Returns why the session is looping at `nowMs`, or undefined when it is not. */
export function detectLooping(s: SessionState, nowMs: number, cfg: HealthConfig['looping']): Finding<LoopingReason> | undefined {
  const repeatFrom = nowMs - cfg.repeatWindowSeconds * 1000;
  const repeats = new Map<string, { n: number; firstMs: number; tool: string }>();
  let worst: { n: number; firstMs: number; tool: string } | undefined;
  for (const c of s.recentCalls) {
    if (c.ts < repeatFrom || c.ts > nowMs) continue;
    let r = repeats.get(c.key);
    if (!r) repeats.set(c.key, (r = { n: 0, firstMs: c.ts, tool: c.tool }));
    r.n += 1;
    r.firstMs = Math.min(r.firstMs, c.ts);
    if (r.n >= cfg.repeatedCalls && (!worst || r.n > worst.n)) worst = r;
  }
  if (worst) return { reason: 'repeated_tool_call', sinceMs: worst.firstMs, tool: worst.tool, count: worst.n };

  const burnFrom = nowMs - cfg.burnWindowSeconds * 1000;
  let tokens = 0;
  let firstMs = Infinity;
  for (const t of s.recentTokens.values()) {
    if (t.ts < burnFrom || t.ts > nowMs) continue;
    tokens += t.tokens;
    firstMs = Math.min(firstMs, t.ts);
  }
  const perMinute = tokens / (cfg.burnWindowSeconds / 60);
  if (perMinute > cfg.maxTokensPerMinute) return { reason: 'token_burn', sinceMs: firstMs, count: Math.round(perMinute) };
  return undefined;
}
