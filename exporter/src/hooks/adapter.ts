// The hook and statusline spools are read as part of Claude Code's logs (same agent, same sessions): this wraps the
// transcript adapter so spool files go to their own parsers and everything else to the transcript parser.
import type { BuiltinAdapter } from '../adapters/types.js';
import { parseStatusSpoolLine } from '../statusline/parse.js';
import { isStatusSpoolFile } from '../statusline/spool.js';
import { parseSpoolLine } from './parse.js';
import { isSpoolFile } from './spool.js';

/** Returns `adapter` extended to read the `agentmon hook` and `agentmon statusline` spool files. */
export function withHookSpool(adapter: BuiltinAdapter): BuiltinAdapter {
  return {
    ...adapter,
    parse: (line, ctx) => (isSpoolFile(ctx.path) ? parseSpoolLine(line, ctx) : isStatusSpoolFile(ctx.path) ? parseStatusSpoolLine(line, ctx) : adapter.parse(line, ctx)),
  };
}
