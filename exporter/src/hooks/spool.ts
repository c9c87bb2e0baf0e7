// Where `agentmon hook` leaves Claude Code's hook events for `serve`: an append-only JSONL spool in the state folder,
// read by the claude-code adapter like any transcript (offsets checkpointed with the counters, so nothing is read
// twice). Kept apart from the record format so the hook command imports nothing heavy.
import { basename, join } from 'node:path';

/** File names of spool files: the live one and rotated ones (`agentmon-hook-events.<ms>.jsonl`). */
export const SPOOL_PREFIX = 'agentmon-hook-events';

/** Returns the spool folder inside a state folder. */
export function hookSpoolDir(stateDir: string): string {
  return join(stateDir, 'hooks');
}

/** Returns the live spool file inside a state folder. */
export function hookSpoolFile(stateDir: string): string {
  return join(hookSpoolDir(stateDir), `${SPOOL_PREFIX}.jsonl`);
}

/** Whether a path is a spool file (live or rotated). */
export function isSpoolFile(path: string): boolean {
  const name = basename(path);
  return name.startsWith(SPOOL_PREFIX) && name.endsWith('.jsonl');
}
