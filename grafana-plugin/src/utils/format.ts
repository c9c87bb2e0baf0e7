// How numbers and times read in the app: dollars with cents (or more digits below a cent), tokens compact,
// durations in the largest sensible unit, times in the browser's zone.
import { dateTimeFormat } from '@grafana/data';
import type { TokenCounts } from '../api/types';

/** "$12.34", "$0.0042", "$0". */
export function formatUsd(usd: number): string {
  if (usd === 0) {
    return '$0';
  }
  const digits = Math.abs(usd) >= 1 ? 2 : Math.abs(usd) >= 0.01 ? 3 : 4;
  return `$${usd.toFixed(digits)}`;
}

/** "950", "12.3k", "4.56M". */
export function formatCount(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) {
    return `${(n / 1e9).toFixed(2)}B`;
  }
  if (abs >= 1e6) {
    return `${(n / 1e6).toFixed(2)}M`;
  }
  if (abs >= 1e4) {
    return `${(n / 1e3).toFixed(1)}k`;
  }
  return String(Math.round(n));
}

/** All tokens of a session, every kind counted once. */
export function totalTokens(t: Partial<TokenCounts> | undefined): number {
  if (!t) {
    return 0;
  }
  return (t.input ?? 0) + (t.output ?? 0) + (t.cacheRead ?? 0) + (t.cacheWrite5m ?? 0) + (t.cacheWrite1h ?? 0);
}

/** "850 ms", "12.5 s", "3m 05s", "2h 10m". */
export function formatDuration(seconds: number): string {
  if (seconds < 1) {
    return `${Math.round(seconds * 1000)} ms`;
  }
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    return `${m}m ${String(Math.round(seconds - m * 60)).padStart(2, '0')}s`;
  }
  const h = Math.floor(seconds / 3600);
  return `${h}h ${String(Math.round((seconds - h * 3600) / 60)).padStart(2, '0')}m`;
}

/** An ISO time as "YYYY-MM-DD HH:mm:ss" in the user's time zone. */
export function formatTime(iso: string): string {
  return dateTimeFormat(iso, { format: 'YYYY-MM-DD HH:mm:ss' });
}
