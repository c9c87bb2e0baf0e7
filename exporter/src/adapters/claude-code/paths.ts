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

const SESSION_FOLDER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Returns the project of a transcript whose lines name no working folder, from the folder Claude Code keeps it in:
 * `<projects>/<encoded cwd>/<session>.jsonl` (subagents one or two folders deeper). The encoded cwd replaces every
 * `/` with `-` (`-home-dev-shop`), so its last part is the project (`shop`; a `my-app` folder reads `app`, since the
 * encoding cannot tell them apart). A folder not encoded that way (directly under `projects`) is used as it is.
 * Never a path: only a folder name reaches the label. Undefined when the path tells nothing.
 */
export function claudeProjectFromPath(path: string): string | undefined {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  parts.pop(); // the file
  while (parts.length > 0 && (parts[parts.length - 1] === 'subagents' || SESSION_FOLDER.test(parts[parts.length - 1]!))) parts.pop();
  const encoded = [...parts].reverse().find((p) => p.startsWith('-') || /^[A-Za-z]--/.test(p));
  if (encoded) return encoded.split('-').filter(Boolean).pop();
  const underProjects = parts.lastIndexOf('projects');
  return underProjects >= 0 && underProjects < parts.length - 1 ? parts[underProjects + 1] : undefined;
}
