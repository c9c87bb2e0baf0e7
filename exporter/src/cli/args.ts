// Shared command-line parsing: node's parseArgs, with errors that name the flag and say what to type instead.
import { statSync } from 'node:fs';
import type { BuiltinAgentId } from '../adapters/types.js';
import { LOG_LEVELS, type LogLevel } from '../config/levels.js';
import { type Options, UsageError } from './parse-args.js';

export { HELP_OPTION, type Options, parse, UsageError } from './parse-args.js';

/** The per-agent folder flags shared by every command that reads logs (scan, serve, backfill, report). */
export const DIR_OPTIONS = {
  'claude-dir': { type: 'string', multiple: true },
  'codex-dir': { type: 'string', multiple: true },
  'gemini-dir': { type: 'string', multiple: true },
} as const satisfies Options;

type DirFlag = keyof typeof DIR_OPTIONS;
type DirValues = Partial<Record<DirFlag, string[]>>;

/** Which agent each folder flag names. */
const DIR_FLAG_AGENT = { 'claude-dir': 'claude-code', 'codex-dir': 'codex', 'gemini-dir': 'gemini' } as const satisfies Record<DirFlag, BuiltinAgentId>;
const DIR_FLAGS = Object.keys(DIR_FLAG_AGENT) as DirFlag[];


/** Returns the per-agent folders named by --claude-dir / --codex-dir / --gemini-dir. */
export function dirsFrom(values: DirValues): Partial<Record<BuiltinAgentId, string[]>> {
  const out: Partial<Record<BuiltinAgentId, string[]>> = {};
  for (const flag of DIR_FLAGS) {
    if ((values[flag] ?? []).some((d) => d.trim() === '')) throw new UsageError(`--${flag} expects a folder, got an empty value`);
    out[DIR_FLAG_AGENT[flag]] = values[flag] ?? [];
  }
  return out;
}

/** Returns the flags and folders among the folder flags that are not existing folders. */
export function missingDirs(values: DirValues): { flag: string; dir: string }[] {
  return DIR_FLAGS.flatMap((flag) =>
    (values[flag] ?? []).filter((dir) => !statSync(dir, { throwIfNoEntry: false })?.isDirectory()).map((dir) => ({ flag: `--${flag}`, dir })),
  );
}

/** Validates a day given for `flag` as YYYY-MM-DD or YYYYMMDD; returns it as YYYY-MM-DD. */
export function parseDay(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value.trim());
  const day = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  // Date.parse accepts 2026-02-30 (and rolls it over), so check the day survives a round trip.
  const t = Date.parse(`${day}T00:00:00Z`);
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day) {
    throw new UsageError(`${flag} expects a calendar day as YYYY-MM-DD, got "${value}"`);
  }
  return day;
}

/** Validates a TCP port given for `flag`. */
export function parsePort(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n > 65535) throw new UsageError(`${flag} expects a port number 0-65535, got "${value}"`);
  return n;
}

/** Validates that a flag's value is not empty (an empty --host would bind every interface). */
export function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} expects a value, got an empty one`);
  return value;
}

/** Validates a log level given for `flag`. */
export function parseLogLevel(flag: string, value: string | undefined): LogLevel | undefined {
  if (value === undefined) return undefined;
  const level = LOG_LEVELS.find((l) => l === value);
  if (!level) throw new UsageError(`${flag} expects one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return level;
}
