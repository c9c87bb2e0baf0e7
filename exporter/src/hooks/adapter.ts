// The hook spool is read as part of Claude Code's logs (same agent, same sessions): this wraps the transcript adapter
// so spool files go to the spool parser and everything else to the transcript parser.
import type { BuiltinAdapter } from '../adapters/types.js';
import { parseSpoolLine } from './parse.js';
import { isSpoolFile } from './spool.js';

/** Returns `adapter` extended to read `agentmon hook` spool files. */
export function withHookSpool(adapter: BuiltinAdapter): BuiltinAdapter {
  return {
    ...adapter,
    parse: (line, ctx) => (isSpoolFile(ctx.path) ? parseSpoolLine(line, ctx) : adapter.parse(line, ctx)),
  };
}
