// Builds the effective configuration: command-line flag → environment (AGENTMON_*) → YAML file → defaults.
// Errors name the file, the line and the YAML path of the bad field.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ADAPTERS } from '../adapters/index.js';
import type { AgentId } from '../adapters/types.js';
import { type Config, ConfigSchema } from './schema.js';

/** A configuration problem the user must fix; the CLI exits 2 with its message. */
export class ConfigError extends Error {}

/** Values given on the command line; undefined means not given. */
export interface ConfigOverrides {
  configFile?: string;
  host?: string;
  port?: number;
  stateDir?: string;
  dirs?: Partial<Record<AgentId, string[]>>;
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(top level)';
}

/** Returns readable lines for zod issues, with file:line where the YAML document can locate them. */
export function describeIssues(error: z.ZodError, file?: string, text?: string): string[] {
  const lc = new LineCounter();
  const doc = text !== undefined ? parseDocument(text, { lineCounter: lc }) : undefined;
  return error.issues.map((issue) => {
    const path = issue.path as (string | number)[];
    let where = file ?? 'config';
    if (doc) {
      // Point at the deepest node that exists (an unknown key points at its parent map).
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (node && (isScalar(node) || isMap(node) || typeof node === 'object') && (node as { range?: number[] }).range) {
          const pos = lc.linePos((node as { range: number[] }).range[0]!);
          where = `${file}:${pos.line}:${pos.col}`;
          break;
        }
      }
    }
    let hint = issue.message;
    if (issue.code === 'unrecognized_keys') hint = `unknown field(s) ${issue.keys.join(', ')} (check the spelling; see README "Configuration")`;
    const fieldPath = issue.code === 'unrecognized_keys' ? formatPath([...path, issue.keys[0] ?? '']) : formatPath(path);
    return `${where}: ${fieldPath}: ${hint}`;
  });
}

/** Parses and validates a YAML config text; throws ConfigError naming each bad field. */
export function parseConfigText(text: string, file: string): Config {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new ConfigError(`${file}: invalid YAML: ${doc.errors[0]!.message}`);
  const raw = doc.toJS() ?? {};
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, file, text).join('\n'));
  return parsed.data;
}

/** Returns the effective configuration for serve/scan. */
export function loadConfig(overrides: ConfigOverrides, env: NodeJS.ProcessEnv = process.env): Config {
  const file = overrides.configFile ?? env.AGENTMON_CONFIG;
  let config: Config;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    config = parseConfigText(text, file);
  } else {
    config = ConfigSchema.parse({});
  }
  const envPort = env.AGENTMON_PORT !== undefined && env.AGENTMON_PORT !== '' ? Number(env.AGENTMON_PORT) : undefined;
  if (envPort !== undefined && (!Number.isInteger(envPort) || envPort < 0 || envPort > 65535)) {
    throw new ConfigError(`AGENTMON_PORT: expected a port number 0-65535, got "${env.AGENTMON_PORT}"`);
  }
  config.host = overrides.host ?? (env.AGENTMON_HOST || undefined) ?? config.host;
  config.port = overrides.port ?? envPort ?? config.port;
  config.stateDir = overrides.stateDir ?? (env.AGENTMON_STATE_DIR || undefined) ?? config.stateDir ?? defaultStateDir(env);
  const level = env.AGENTMON_LOG_LEVEL;
  if (level) {
    if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new ConfigError(`AGENTMON_LOG_LEVEL: expected debug, info, warn or error, got "${level}"`);
    config.logLevel = level as Config['logLevel'];
  }
  const given = overrides.dirs ?? {};
  if (Object.values(given).some((d) => d && d.length > 0)) {
    // Folder flags name exactly what to read: agents without one are not read.
    for (const a of ADAPTERS) {
      const dirs = given[a.id] ?? [];
      config.agents[a.id] = { enabled: dirs.length > 0, dirs };
    }
  }
  return config;
}

/** $XDG_STATE_HOME/agentmon, or ~/.local/state/agentmon. */
export function defaultStateDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'agentmon');
}

/** The folders to read for each enabled agent: configured ones, else the agent's defaults. */
export function resolveRoots(config: Config, env: NodeJS.ProcessEnv = process.env): { agent: AgentId; root: string }[] {
  const home = env.HOME || homedir();
  const out: { agent: AgentId; root: string }[] = [];
  for (const a of ADAPTERS) {
    const c = config.agents[a.id];
    if (!c.enabled) continue;
    const dirs = c.dirs.length > 0 ? c.dirs : a.defaultRoots(env, home);
    for (const root of dirs) out.push({ agent: a.id, root });
  }
  return out;
}
