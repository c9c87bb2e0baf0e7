// Custom JSONL logs: one adapter per `custom:` entry of the config, registered under its agent name.
import { dirname, basename, resolve, sep } from 'node:path';
import { statSync } from 'node:fs';
import type { Adapter, CustomAgentId } from '../types.js';
import { customLineParser } from './parse.js';
import type { CustomLog } from './schema.js';
import { globMatcher } from './values.js';

export type { CustomLog } from './schema.js';

/** Returns a configured agent name as an agent id (the schema has checked it is label-safe and not built in). */
export const customAgentId = (name: string): CustomAgentId => name as CustomAgentId;

/** A configured path is a file when it is one now, or does not exist yet and its name matches `include`. */
function isFilePath(path: string, matches: (name: string) => boolean): boolean {
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? st.isFile() : matches(basename(path));
}

/** Returns the folders to search for a custom log: its folders, and the folder of each file it names. */
export function customRoots(log: CustomLog): string[] {
  const matches = globMatcher(log.include);
  return log.paths.map((p) => resolve(p)).map((p) => (isFilePath(p, matches) ? dirname(p) : p));
}

/** Returns the adapter reading one custom log. */
export function customAdapter(log: CustomLog, id: CustomAgentId = customAgentId(log.agent)): Adapter {
  const matches = globMatcher(log.include);
  const paths = log.paths.map((p) => resolve(p));
  const files = new Set(paths.filter((p) => isFilePath(p, matches)));
  const folders = paths.filter((p) => !files.has(p)).map((p) => (p.endsWith(sep) ? p : p + sep));
  return {
    id,
    defaultRoots: () => customRoots(log),
    isLogFile: (path) => files.has(path) || (folders.some((d) => path.startsWith(d)) && matches(basename(path))),
    parse: customLineParser(log),
  };
}

/**
 * Returns the adapters of the config's custom logs; names listed in a log's `agents` get the same adapter too, so a
 * session recorded under one of them can still be read back (the API's timeline).
 */
export function customAdapters(logs: readonly CustomLog[]): Adapter[] {
  const primary = logs.map((log) => customAdapter(log));
  const taken = new Set(logs.map((l) => l.agent));
  const aliases = logs.flatMap((log, i) => log.agents.filter((a) => !taken.has(a)).map((a) => ({ ...primary[i]!, id: customAgentId(a) })));
  return [...aliases, ...primary];
}
