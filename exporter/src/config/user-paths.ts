// Path helpers with no dependencies beyond node: (used by `agentmon hook`, which must start fast).
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** The user's home folder: $HOME, else the OS's idea of it. */
export function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

/** Returns `path` made absolute: a leading `~` is the home folder, relative paths start at `base`. */
export function resolveUserPath(path: string, base: string, env: NodeJS.ProcessEnv): string {
  if (path === '~' || path.startsWith('~/')) return join(homeDir(env), path.slice(1));
  return isAbsolute(path) ? path : resolve(base, path);
}

/** Returns $XDG_STATE_HOME/agentmon, or ~/.local/state/agentmon. */
export function defaultStateDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_STATE_HOME || join(homeDir(env), '.local', 'state');
  return join(base, 'agentmon');
}

/**
 * The state folder a short-lived command writes to (`agentmon hook`, `agentmon statusline`): --state-dir, else
 * AGENTMON_STATE_DIR, else the default; the same rule `serve` applies, so both meet in one folder.
 */
export function commandStateDir(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const given = flag?.trim() || env.AGENTMON_STATE_DIR?.trim();
  return given ? resolveUserPath(given, cwd, env) : defaultStateDir(env);
}
