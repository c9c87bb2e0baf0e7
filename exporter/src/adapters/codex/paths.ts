// Where Codex CLI keeps rollouts: $CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl (moved to archived_sessions/ on archive).
import { join } from 'node:path';

/** Returns the default rollout roots: $CODEX_HOME (or ~/.codex) sessions/ and archived_sessions/. */
export function codexDefaultRoots(env: NodeJS.ProcessEnv, home: string): string[] {
  const codexHome = env.CODEX_HOME?.trim() || join(home, '.codex');
  return [join(codexHome, 'sessions'), join(codexHome, 'archived_sessions')];
}

export function isCodexLogFile(path: string): boolean {
  return path.endsWith('.jsonl');
}
