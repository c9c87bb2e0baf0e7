// What a bad configuration looks like to the user: one problem per line, located like a compiler error.

/** One thing wrong with the configuration, with where to find it. */
export interface ConfigProblem {
  /** The config file, or the environment variable / flag the value came from. */
  source: string;
  /** 1-based line and column in the file, when known. */
  line?: number;
  col?: number;
  /** The YAML path of the field (e.g. `tail.maxLineBytes`), when the problem is about one field. */
  path?: string;
  message: string;
}

/** Returns `SOURCE:LINE:COL: path: message` (parts that are unknown are left out). */
export function formatProblem(p: ConfigProblem): string {
  const where = p.line !== undefined ? `${p.source}:${p.line}:${p.col ?? 1}` : p.source;
  return p.path !== undefined ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

/** A configuration problem the user must fix; the CLI prints one line per problem and exits 2. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Shorthand for a ConfigError with a single problem. */
export function configError(source: string, message: string, path?: string): ConfigError {
  return new ConfigError([{ source, message, ...(path !== undefined ? { path } : {}) }]);
}
