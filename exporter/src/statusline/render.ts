// The one line `agentmon statusline` prints under Claude Code's prompt: model, context used, the 5-hour and 7-day
// windows with the time to their reset, and the session's cost, e.g.
//   Opus 4.6 · ctx 26% · 5h 42% (2h13m) · 7d 36% (5d4h) · $1.37
// Every part is optional (older Claude Code versions, API-key users and the first moments of a session lack some).
// Text from stdin is shown without control characters: an escape sequence could rewrite the user's terminal.

/** Shown when the input is missing or not a statusLine JSON object. */
export const MINIMAL_LINE = 'agentmon';

const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Returns text safe to print: no control characters, at most `max` characters. */
export function printable(v: unknown, max = 40): string | undefined {
  if (typeof v !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = v.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '').trim().slice(0, max);
  return clean || undefined;
}

/** Returns a time span as 42m, 2h13m or 5d4h. */
export function shortDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d${hours % 24}h`;
}

function windowPart(label: string, w: Record<string, unknown> | undefined, nowMs: number): string | undefined {
  const used = num(w?.used_percentage);
  if (used === undefined || used < 0 || used > 1000) return undefined;
  const resetsSec = num(w?.resets_at);
  if (resetsSec === undefined) return `${label} ${Math.round(used)}%`;
  const left = resetsSec * 1000 - nowMs;
  // A window whose reset has passed is a fresh one: nothing of it is used yet (as agentmon_plan_usage_ratio reads).
  return left > 0 ? `${label} ${Math.round(used)}% (${shortDuration(left)})` : `${label} 0%`;
}

/** Returns the status line for a parsed statusLine input. */
export function renderStatusLine(input: unknown, nowMs: number): string {
  const i = obj(input);
  if (!i) return MINIMAL_LINE;
  const model = obj(i.model);
  const parts: string[] = [];
  const name = printable(model?.display_name) ?? printable(model?.id);
  if (name) parts.push(name);
  const ctx = num(obj(i.context_window)?.used_percentage);
  if (ctx !== undefined && ctx >= 0 && ctx <= 100) parts.push(`ctx ${Math.round(ctx)}%`);
  const rl = obj(i.rate_limits);
  for (const [key, label] of [['five_hour', '5h'], ['seven_day', '7d']] as const) {
    const part = windowPart(label, obj(rl?.[key]), nowMs);
    if (part) parts.push(part);
  }
  const cost = num(obj(i.cost)?.total_cost_usd);
  if (cost !== undefined && cost >= 0 && cost < 1e9) parts.push(`$${cost.toFixed(2)}`);
  return parts.length > 0 ? parts.join(' · ') : MINIMAL_LINE;
}
