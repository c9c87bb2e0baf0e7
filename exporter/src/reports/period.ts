// Report periods and time buckets in a time zone (UTC by default). Ranges are half-open: [startMs, endMs).
import type { TimeDimension } from './metrics.js';

/** A span of time a report covers. */
export interface TimeRange {
  startMs: number;
  endMs: number;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Returns the calendar parts of an instant as seen in `tz`. */
export function zonedParts(ms: number, tz: string): Parts {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(tz, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = part.value;
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), weekday: WEEKDAYS[p.weekday ?? 'Mon'] ?? 1 };
}

/** Returns the instant at which the wall-clock time y-m-d h:00 begins in `tz` (months and days may overflow). */
export function zonedTime(year: number, month: number, day: number, hour: number, tz: string): number {
  const wall = Date.UTC(year, month - 1, day, hour);
  // Two passes converge for every zone (the offset at the guess, then at the corrected instant).
  let t = wall;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(t, tz);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) + (t % 60_000);
    t = wall - (seen - t);
  }
  return t;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Returns the start of the bucket (hour, day, Monday-based week, month) containing `ms` in `tz`. */
export function bucketStart(ms: number, dim: TimeDimension, tz: string): number {
  const p = zonedParts(ms, tz);
  switch (dim) {
    case 'hour':
      return zonedTime(p.year, p.month, p.day, p.hour, tz);
    case 'day':
      return zonedTime(p.year, p.month, p.day, 0, tz);
    case 'week':
      return zonedTime(p.year, p.month, p.day - (p.weekday - 1), 0, tz);
    case 'month':
      return zonedTime(p.year, p.month, 1, 0, tz);
  }
}

/** Returns the start of the bucket after the one starting at `start`. */
export function nextBucket(start: number, dim: TimeDimension, tz: string): number {
  const p = zonedParts(start, tz);
  switch (dim) {
    case 'hour':
      return start + 3_600_000;
    case 'day':
      return zonedTime(p.year, p.month, p.day + 1, 0, tz);
    case 'week':
      return zonedTime(p.year, p.month, p.day + 7, 0, tz);
    case 'month':
      return zonedTime(p.year, p.month + 1, 1, 0, tz);
  }
}

/** Returns the bucket's name as shown in reports: 2026-03-09 14:00, 2026-03-09, week of 2026-03-09, 2026-03. */
export function bucketLabel(start: number, dim: TimeDimension, tz: string): string {
  const p = zonedParts(start, tz);
  const day = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  if (dim === 'hour') return `${day} ${pad(p.hour)}:00`;
  if (dim === 'week') return `week of ${day}`;
  if (dim === 'month') return `${p.year}-${pad(p.month)}`;
  return day;
}

/** Returns the starts of every bucket overlapping the range, in order. */
export function bucketsOf(range: TimeRange, dim: TimeDimension, tz: string): number[] {
  const out: number[] = [];
  for (let t = bucketStart(range.startMs, dim, tz); t < range.endMs && out.length < 10_000; t = nextBucket(t, dim, tz)) out.push(t);
  return out;
}

const APPROX_MS: Record<TimeDimension, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000, month: 30.44 * 86_400_000 };
const COARSER: Record<TimeDimension, TimeDimension> = { hour: 'day', day: 'week', week: 'month', month: 'month' };

/** Returns `dim`, or the first coarser one (day, week, month) that splits the range into at most about `max` buckets. */
export function fitBuckets(range: TimeRange, dim: TimeDimension, max: number): TimeDimension {
  let d = dim;
  while (d !== 'month' && (range.endMs - range.startMs) / APPROX_MS[d] > max) d = COARSER[d];
  return d;
}

/** Returns the last complete day, week (Monday to Sunday) or month before `nowMs`. */
export function lastCompletePeriod(period: 'day' | 'week' | 'month', nowMs: number, tz: string): TimeRange {
  const endMs = bucketStart(nowMs, period, tz);
  return { startMs: bucketStart(endMs - 1, period, tz), endMs };
}

/** Returns the period before `range`: the previous calendar month for a whole month, else the same length just before. */
export function previousRange(range: TimeRange, tz: string): TimeRange {
  const isMonth = bucketStart(range.startMs, 'month', tz) === range.startMs && nextBucket(range.startMs, 'month', tz) === range.endMs;
  if (isMonth) return { startMs: bucketStart(range.startMs - 1, 'month', tz), endMs: range.startMs };
  return { startMs: range.startMs - (range.endMs - range.startMs), endMs: range.startMs };
}

/** A day as YYYY-MM-DD: in `from`/`to` of the CLI and the API it names the whole day (so `to` includes it). */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Returns when a day (YYYY-MM-DD) begins in `tz`; `after` days later with `after` (1: when it ends). */
export function dayStart(day: string, tz: string, after = 0): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedTime(y, m, d + after, 0, tz);
}

/** Returns whole days from..to (inclusive, YYYY-MM-DD) in `tz` as a range. */
export function dayRange(from: string, to: string, tz: string): TimeRange {
  return { startMs: dayStart(from, tz), endMs: dayStart(to, tz, 1) };
}

/** Returns the range's first and last day (inclusive) in `tz`, e.g. for titles: 2026-03-02 – 2026-03-08. */
export function describeRange(range: TimeRange, tz: string): { first: string; last: string } {
  return { first: bucketLabel(bucketStart(range.startMs, 'day', tz), 'day', tz), last: bucketLabel(bucketStart(range.endMs - 1, 'day', tz), 'day', tz) };
}
