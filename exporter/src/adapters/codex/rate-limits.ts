// What a Codex token_count line says about the plan's limits and the session's context window:
//   payload.rate_limits = { limit_id?, primary?: W, secondary?: W, plan_type?, credits?, ... }
//   W = { used_percent, window_minutes?, resets_at? (epoch s) | resets_in_seconds? (older CLIs: from the line's time) }
//   payload.info = { last_token_usage: { input_tokens, ... }, model_context_window? }
// Facts from Codex CLI rollouts (../shared/samples/codex and public rollouts of 0.3x–0.129); every field optional.
import type { ContextReading, FileState, PlanReading, PlanWindowReading, Reading } from '../types.js';
import { asRecord, inputHash } from '../shared/fields.js';
import { minutesOf, planTypeLabel, resetFromEpochSeconds, resetFromSecondsAfter, windowKey, windowReading } from '../../plan/windows.js';

/** The limit Codex names its main (per-plan) bucket; other buckets' windows get their id as a prefix. */
const MAIN_LIMIT = 'codex';

function windowOf(key: 'primary' | 'secondary', raw: unknown, observedMs: number, prefix: string | undefined): PlanWindowReading | undefined {
  const w = asRecord(raw);
  if (!w) return undefined;
  const resetsAtMs = resetFromEpochSeconds(w.resets_at) ?? resetFromSecondsAfter(observedMs, w.resets_in_seconds);
  return windowReading(key, w.used_percent, resetsAtMs, minutesOf(w.window_minutes), prefix);
}

/** Returns the plan reading of a token_count payload's rate_limits, or undefined when it holds no usable window. */
export function codexPlanReading(payload: Record<string, unknown>, observedMs: number): PlanReading | undefined {
  const rl = asRecord(payload.rate_limits);
  if (!rl) return undefined;
  const id = windowKey(rl.limit_id);
  const prefix = id !== undefined && id !== MAIN_LIMIT ? id : undefined;
  const windows = [windowOf('primary', rl.primary, observedMs, prefix), windowOf('secondary', rl.secondary, observedMs, prefix)].filter((w) => w !== undefined);
  if (windows.length === 0) return undefined;
  const planType = planTypeLabel(rl.plan_type);
  return { kind: 'plan', observedMs, windows, ...(planType ? { planType } : {}) };
}

/** Returns the context reading of a token_count payload: the last request's input (cached included) over the window. */
export function codexContextReading(payload: Record<string, unknown>, observedMs: number, sessionId: string, project: string): ContextReading | undefined {
  const info = asRecord(payload.info);
  const size = info?.model_context_window;
  const input = asRecord(info?.last_token_usage)?.input_tokens;
  if (typeof size !== 'number' || !Number.isFinite(size) || size <= 0 || size > 1e9) return undefined;
  if (typeof input !== 'number' || !Number.isFinite(input) || input < 0 || input > 1e12) return undefined;
  return { kind: 'context', observedMs, sessionId, project, usedRatio: Math.min(1, input / size), windowTokens: size };
}

/**
 * Returns the readings of a token_count line that differ from the last ones this file gave (a re-emitted
 * token_count repeats them: that line stays `ignored`). Remembers them (or a hash) in the file's state.
 */
export function codexReadings(payload: Record<string, unknown>, observedMs: number, st: FileState, sessionId: string, project: string): Reading[] {
  const out: Reading[] = [];
  const plan = codexPlanReading(payload, observedMs);
  if (plan) {
    // The raw object, not the reading: with resets_in_seconds a repeated line gives another reset time. Kept as text
    // when short (a few hundred bytes in practice), hashed when not, so the file's state stays small.
    const raw = JSON.stringify(payload.rate_limits);
    const sig = raw.length <= 1024 ? raw : inputHash(raw);
    if (st.limits !== sig) out.push(plan);
    st.limits = sig;
  }
  const ctx = codexContextReading(payload, observedMs, sessionId, project);
  if (ctx) {
    const sig = `${ctx.usedRatio}/${ctx.windowTokens ?? 0}`;
    if (st.context !== sig) out.push(ctx);
    st.context = sig;
  }
  return out;
}
