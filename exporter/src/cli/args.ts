// Shared command-line parsing: node's parseArgs, with errors that say what to type instead.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { AgentId } from '../adapters/types.js';

/** A mistake on the command line; the CLI prints it with the command's usage and exits 2. */
export class UsageError extends Error {}

export const DIR_OPTIONS = {
  'claude-dir': { type: 'string', multiple: true },
  'codex-dir': { type: 'string', multiple: true },
} as const satisfies ParseArgsConfig['options'];

/** Parses argv for one command, turning parseArgs' errors into UsageError. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

/** Returns the per-agent folders named by --claude-dir / --codex-dir. */
export function dirsFrom(values: { 'claude-dir'?: string[]; 'codex-dir'?: string[] }): Partial<Record<AgentId, string[]>> {
  return { 'claude-code': values['claude-dir'] ?? [], codex: values['codex-dir'] ?? [] };
}

/** Validates a YYYY-MM-DD day given for `flag`. */
export function parseDay(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`${flag} expects a day as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** Validates a TCP port given for `flag`. */
export function parsePort(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} expects a port number 0-65535, got "${value}"`);
  return n;
}
