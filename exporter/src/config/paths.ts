// Where things live on disk by default, and how paths written by the user are read.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ADAPTERS } from '../adapters/index.js';
import { customAgentId, customRoots } from '../adapters/jsonl/index.js';
import type { AgentId } from '../adapters/types.js';
import { hookSpoolDir } from '../hooks/spool.js';
import type { Config } from './schema.js';
import { defaultStateDir, homeDir } from './user-paths.js';

export { defaultStateDir, homeDir, resolveUserPath } from './user-paths.js';

/** A folder read for an agent; `hooks` marks the spool `agentmon hook` writes (read as Claude Code's, made by us). */
export interface LogRoot {
  agent: AgentId;
  root: string;
  hooks?: true;
}

/** Returns the folders to read for each enabled agent: configured ones, else the agent's defaults; no duplicates. */
export function resolveRoots(config: Config, env: NodeJS.ProcessEnv = process.env): LogRoot[] {
  // AGENTMON_LOGS_HOME stands in for the home folder wherever agentmon looks for what the agents and `agentmon hook`
  // wrote: the compose stack mounts the user's home read-only and points it there (docs/grafana.md).
  const logsHome = env.AGENTMON_LOGS_HOME;
  const home = logsHome || homeDir(env);
  const out: LogRoot[] = [];
  const seen = new Set<string>();
  const add = (agent: AgentId, dir: string, hooks = false): void => {
    const root = resolve(dir);
    // The same folder listed twice would be read twice.
    if (seen.has(`${agent}\0${root}`)) return;
    seen.add(`${agent}\0${root}`);
    out.push({ agent, root, ...(hooks ? { hooks: true as const } : {}) });
  };
  for (const a of ADAPTERS) {
    const c = config.agents[a.id];
    if (!c.enabled) continue;
    // Claude Code hook events recorded by `agentmon hook` are part of Claude Code's logs: read with the default
    // folders only (named folders mean only those; name the spool folder too to read it with them).
    const spool = a.id === 'claude-code' && config.hooks.enabled ? resolve(hookSpoolDir(logsHome ? defaultStateDir({ HOME: logsHome }) : (config.stateDir ?? defaultStateDir(env)))) : undefined;
    for (const dir of c.dirs.length > 0 ? c.dirs : a.defaultRoots(env, home)) add(a.id, dir, resolve(dir) === spool);
    if (spool && c.dirs.length === 0) add(a.id, spool, true);
  }
  for (const log of config.custom) for (const dir of customRoots(log)) add(customAgentId(log.agent), dir);
  return out;
}
