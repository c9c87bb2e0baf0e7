// Builds the effective configuration: command-line flag → environment (AGENTMON_*) → YAML file → defaults.
// Without a config file nothing here loads zod or the YAML parser: the defaults are written out in defaults.ts, and
// the file reader (which validates with zod) is imported only when there is a file to read.
import { dirname } from 'node:path';
import type { BuiltinAgentId } from '../adapters/types.js';
import { ADAPTERS } from '../adapters/index.js';
import { defaultConfig } from './defaults.js';
import { LOG_LEVELS, type LogLevel } from './levels.js';
import { defaultStateDir, resolveUserPath } from './paths.js';
import { ConfigError, type ConfigProblem } from './problems.js';
import type { Config } from './schema.js';

// Kept importable from here: the engine and the CLI reach these through load.js.
export { defaultStateDir, resolveRoots } from './paths.js';
export { ConfigError } from './problems.js';

/** Values given on the command line; undefined means not given. Relative paths start at the working folder. */
export interface ConfigOverrides {
  configFile?: string;
  host?: string;
  port?: number;
  stateDir?: string;
  logLevel?: LogLevel;
  /** Folders named by --claude-dir / --codex-dir / --gemini-dir: when any is given, only those are read. */
  dirs?: Partial<Record<BuiltinAgentId, string[]>>;
}

/** The configuration with every default filled in, including the state folder. */
export type ResolvedConfig = Config & { stateDir: string };

/** Reads AGENTMON_* variables; empty ones count as unset. Throws ConfigError listing every bad one. */
function fromEnv(env: NodeJS.ProcessEnv): { host?: string; port?: number; stateDir?: string; logLevel?: LogLevel; apiToken?: string; allowedHosts?: string[] } {
  const problems: ConfigProblem[] = [];
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const out: ReturnType<typeof fromEnv> = {};
  const host = get('AGENTMON_HOST');
  if (host) out.host = host;
  const port = get('AGENTMON_PORT');
  if (port !== undefined) {
    if (/^\d{1,5}$/.test(port) && Number(port) <= 65535) out.port = Number(port);
    else problems.push({ source: 'AGENTMON_PORT', message: `expected a port number 0-65535, got ${JSON.stringify(port)}` });
  }
  const stateDir = get('AGENTMON_STATE_DIR');
  if (stateDir) out.stateDir = stateDir;
  const level = get('AGENTMON_LOG_LEVEL');
  if (level !== undefined) {
    if ((LOG_LEVELS as readonly string[]).includes(level)) out.logLevel = level as LogLevel;
    else problems.push({ source: 'AGENTMON_LOG_LEVEL', message: `expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(level)}` });
  }
  const apiToken = get('AGENTMON_API_TOKEN');
  if (apiToken !== undefined) {
    if (apiToken.length >= 16) out.apiToken = apiToken;
    else problems.push({ source: 'AGENTMON_API_TOKEN', message: 'use at least 16 characters' });
  }
  const hosts = get('AGENTMON_ALLOWED_HOSTS');
  if (hosts !== undefined) {
    const list = hosts.split(',').map((h) => h.trim()).filter(Boolean);
    const bad = list.filter((h) => !/^(?:\*|[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])$/.test(h));
    if (bad.length === 0) out.allowedHosts = list;
    else problems.push({ source: 'AGENTMON_ALLOWED_HOSTS', message: `expected host names, IP addresses ([::1] for IPv6) or *, separated by commas; got ${JSON.stringify(bad[0])}` });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out;
}

/** Returns the effective configuration for serve/scan; rejects with ConfigError for a bad file or variable. */
export async function loadConfig(overrides: ConfigOverrides, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedConfig> {
  const cwd = process.cwd();
  const file = overrides.configFile ?? (env.AGENTMON_CONFIG?.trim() || undefined);
  const config: Config = file ? (await import('./file.js')).readConfigFile(file) : defaultConfig();
  // Paths in the file are relative to the file, like Prometheus' own config.
  if (file) {
    const base = dirname(resolveUserPath(file, cwd, env));
    if (config.stateDir) config.stateDir = resolveUserPath(config.stateDir, base, env);
    for (const k of ['templatesDir', 'outputDir'] as const) if (config.reports[k]) config.reports[k] = resolveUserPath(config.reports[k], base, env);
    for (const a of ADAPTERS) config.agents[a.id].dirs = config.agents[a.id].dirs.map((d) => resolveUserPath(d, base, env));
    for (const log of config.custom) log.paths = log.paths.map((p) => resolveUserPath(p, base, env));
  }
  const fromVars = fromEnv(env);
  config.host = overrides.host ?? fromVars.host ?? config.host;
  config.port = overrides.port ?? fromVars.port ?? config.port;
  config.logLevel = overrides.logLevel ?? fromVars.logLevel ?? config.logLevel;
  if (fromVars.apiToken) config.api.token = fromVars.apiToken;
  if (fromVars.allowedHosts) config.http.allowedHosts = fromVars.allowedHosts;
  const givenStateDir = overrides.stateDir ?? fromVars.stateDir;
  const stateDir = givenStateDir !== undefined ? resolveUserPath(givenStateDir, cwd, env) : (config.stateDir ?? defaultStateDir(env));
  const given = overrides.dirs ?? {};
  if (Object.values(given).some((d) => d && d.length > 0)) {
    // Folder flags name exactly what to read: agents without one are not read.
    for (const a of ADAPTERS) {
      const dirs = (given[a.id] ?? []).map((d) => resolveUserPath(d, cwd, env));
      config.agents[a.id] = { enabled: dirs.length > 0, dirs };
    }
  }
  return { ...config, stateDir };
}
