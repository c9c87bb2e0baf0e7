import type { BuiltinAdapter } from '../types.js';
import { parseCodexLine } from './parse.js';
import { codexDefaultRoots, isCodexLogFile } from './paths.js';

/** Codex CLI: rollout files of {timestamp,type,payload} lines; usage arrives as cumulative token_count events. */
export const codexAdapter: BuiltinAdapter = {
  id: 'codex',
  defaultRoots: codexDefaultRoots,
  isLogFile: isCodexLogFile,
  parse: parseCodexLine,
  // token_count carries the totals; turn_context the model they are priced at; session_meta the session and project.
  usageMarkers: ['token_count', 'turn_context', 'session_meta'],
};
