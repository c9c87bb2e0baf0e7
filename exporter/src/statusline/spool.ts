// Where `agentmon statusline` leaves what Claude Code's statusLine input says about plan limits and context for
// `serve`: a JSONL spool beside the hook spool, in <stateDir>/hooks/, read with Claude Code's logs (the same folder,
// so one mount carries both into a container).
import { basename } from 'node:path';

/** File names of statusline spool files: the live one and rotated ones (`agentmon-statusline.<ms>.jsonl`). */
export const STATUS_PREFIX = 'agentmon-statusline';

/** Whether a path is a statusline spool file (live or rotated). */
export function isStatusSpoolFile(path: string): boolean {
  const name = basename(path);
  return name.startsWith(`${STATUS_PREFIX}.`) && name.endsWith('.jsonl');
}
