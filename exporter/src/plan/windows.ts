// Turning an agent's own description of a plan window into a reading: the window's label, the share used and when
// it resets. Pure and dependency-free: the Codex parser and the statusline spool parser both use it, on values that
// come from log lines and stdin (hostile until checked).
import type { PlanWindowReading } from '../adapters/types.js';

/** The two rolling windows both agents have, by length in minutes. */
const STANDARD_WINDOWS: Readonly<Record<number, string>> = { 300: '5h', 10080: '7d' };

/** Standard windows by the names agents give them (Claude Code's statusline keys). */
const NAMED_WINDOWS: Readonly<Record<string, { window: string; minutes: number }>> = {
  five_hour: { window: '5h', minutes: 300 },
  seven_day: { window: '7d', minutes: 10080 },
};

/** Percentages above this are not a usage reading but garbage. */
const MAX_PERCENT = 1000;
/** Epoch seconds after 2100 (or ms mistaken for seconds) are not a reset time. */
const MAX_EPOCH_SECONDS = 4_102_444_800;
/** Longest window or time to reset taken at face value: a year. */
const MAX_SECONDS = 366 * 86_400;

/** Returns a label-safe name made of lowercase letters, digits, `_` and `-` (at most 32), or undefined. */
export function windowKey(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const v = raw.toLowerCase().replace(/[^a-z0-9_-]/g, '_').slice(0, 32);
  return /[a-z0-9]/.test(v) ? v : undefined;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Returns the percentage as a ratio, or undefined when it is not a number from 0 to MAX_PERCENT. */
export function ratioOf(percent: unknown): number | undefined {
  return finite(percent) && percent >= 0 && percent <= MAX_PERCENT ? percent / 100 : undefined;
}

/** Returns a reset time in ms from epoch seconds, or undefined when absent or not plausible. */
export function resetFromEpochSeconds(sec: unknown): number | undefined {
  return finite(sec) && sec > 0 && sec <= MAX_EPOCH_SECONDS ? Math.round(sec * 1000) : undefined;
}

/** Returns a reset time in ms from "seconds from the reading", or undefined when absent or not plausible. */
export function resetFromSecondsAfter(observedMs: number, sec: unknown): number | undefined {
  return finite(sec) && sec >= 0 && sec <= MAX_SECONDS ? observedMs + Math.round(sec * 1000) : undefined;
}

/** Returns a window length in minutes, or undefined when absent or not plausible. */
export function minutesOf(v: unknown): number | undefined {
  return finite(v) && v > 0 && v <= MAX_SECONDS / 60 ? v : undefined;
}

/**
 * Returns the reading of one window, or undefined when its share is unusable or nothing bounds it in time (neither a
 * reset time nor a length: such a reading could never be known to have expired).
 * `key` is the agent's name for the window; `minutes` its length when the agent says.
 */
export function windowReading(key: string, percent: unknown, resetsAtMs: number | undefined, minutes: number | undefined, prefix?: string): PlanWindowReading | undefined {
  const usedRatio = ratioOf(percent);
  if (usedRatio === undefined) return undefined;
  const named = NAMED_WINDOWS[key];
  const windowMinutes = minutes ?? named?.minutes;
  if (resetsAtMs === undefined && windowMinutes === undefined) return undefined;
  const base = (windowMinutes !== undefined ? STANDARD_WINDOWS[windowMinutes] : undefined) ?? named?.window ?? key;
  return {
    window: prefix ? `${prefix}_${base}` : base,
    usedRatio,
    ...(resetsAtMs !== undefined ? { resetsAtMs } : {}),
    ...(windowMinutes !== undefined ? { windowMinutes } : {}),
  };
}

/** Returns a plan type as a label value (lowercase, `[a-z0-9_-]`, at most 32), or undefined. */
export function planTypeLabel(raw: unknown): string | undefined {
  return windowKey(raw);
}
