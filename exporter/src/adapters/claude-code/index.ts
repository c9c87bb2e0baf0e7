import type { BuiltinAdapter } from '../types.js';
import { parseClaudeLine } from './parse.js';
import { claudeDefaultRoots, isClaudeLogFile } from './paths.js';

/** Claude Code: one JSON line per transcript entry; assistant lines repeat their response's usage per content block. */
export const claudeCodeAdapter: BuiltinAdapter = {
  id: 'claude-code',
  defaultRoots: claudeDefaultRoots,
  isLogFile: isClaudeLogFile,
  parse: parseClaudeLine,
  // A response's usage is on its own line (message.usage); nothing earlier in the file changes what it counts.
  usageMarkers: ['"usage"'],
};
