// Where Claude Code keeps transcripts: <config dir>/projects/<encoded cwd>/<session>.jsonl (+ subagents/ below).
import { join } from 'node:path';

/** Returns the default transcript roots: each CLAUDE_CONFIG_DIR entry's projects/, else ~/.config/claude and ~/.claude. */
export function claudeDefaultRoots(env: NodeJS.ProcessEnv, home: string): string[] {
  const fromEnv = (env.CLAUDE_CONFIG_DIR ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (fromEnv.length > 0) return fromEnv.map((dir) => join(dir, 'projects'));
  return [join(home, '.config', 'claude', 'projects'), join(home, '.claude', 'projects')];
}

/** Transcripts, subagent transcripts and legacy agent-<id>.jsonl files are all `.jsonl`. */
export function isClaudeLogFile(path: string): boolean {
  return path.endsWith('.jsonl');
}
