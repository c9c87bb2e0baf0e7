// Where Gemini CLI keeps chats: <home>/.gemini/tmp/<project>/chats/session-*.json (older: one JSON document rewritten
// in place) or session-*.jsonl (newer: appended records); subagent chats sit in chats/<parent session>/<id>.jsonl.
// The <project> folder is a SHA-256 of the project root in older versions and a readable name in newer ones.
import { basename, join, sep } from 'node:path';

/** Returns the default chat root: $GEMINI_CLI_HOME (Gemini CLI's own home override, else HOME) + /.gemini/tmp. */
export function geminiDefaultRoots(env: NodeJS.ProcessEnv, home: string): string[] {
  const base = env.GEMINI_CLI_HOME?.trim() || home;
  return [join(base, '.gemini', 'tmp')];
}

/** Chat files: any .jsonl, and .json files except the prompt log (logs.json) and saved checkpoints. */
export function isGeminiLogFile(path: string): boolean {
  if (path.endsWith('.jsonl')) return true;
  if (!path.endsWith('.json')) return false;
  const name = basename(path);
  return name !== 'logs.json' && !name.startsWith('checkpoint') && !path.includes(`${sep}checkpoints${sep}`);
}

/** The older format: one pretty-printed JSON document, rewritten whole on every message. */
export function isGeminiDocument(path: string): boolean {
  return path.endsWith('.json');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Returns the project label for a chat file: the folder holding `chats/` (a hash is cut to its first 8 characters),
 * else the record's projectHash cut the same way, else `unknown`. Never a path.
 */
export function geminiProject(path: string, projectHash: unknown): string {
  const parts = path.split(/[\\/]+/);
  const chats = parts.lastIndexOf('chats');
  const folder = chats > 0 ? parts[chats - 1] : undefined;
  if (folder) return SHA256_HEX.test(folder) ? folder.slice(0, 8) : folder;
  if (typeof projectHash === 'string' && projectHash.length > 0) return projectHash.slice(0, 8);
  return 'unknown';
}
