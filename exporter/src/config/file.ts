// Reads and validates a YAML config file. Every problem comes back at once, as FILE:LINE:COL: path: message.
import { readFileSync } from 'node:fs';
import { describeIssues } from './describe.js';
import { ConfigError, type ConfigProblem, configError } from './problems.js';
import { type Config, ConfigSchema } from './schema.js';
import { loadYaml } from './yaml.js';

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a parent of this path is not a folder',
};

/** Returns the text of a config file; throws ConfigError naming the path when it cannot be read. */
export function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw configError(file, `cannot read config file: ${READ_ERRORS[code] ?? (code || String(err))}`);
  }
}

/** Returns maps without their keys that have no value: `tail:` with every line below commented out means the defaults. */
function withoutEmptyValues(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutEmptyValues(v);
  return out;
}

/** Parses and validates config text; throws ConfigError with one problem per bad field or syntax error. */
export function parseConfigText(text: string, file: string): Config {
  const { LineCounter, parseDocument } = loadYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems: ConfigProblem[] = doc.errors.map((e) => ({
      source: file,
      ...(e.linePos ? { line: e.linePos[0].line, col: e.linePos[0].col } : {}),
      // yaml appends " at line N, column M:" and a source excerpt; the position is already in front.
      message: `invalid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
    }));
    throw new ConfigError(problems);
  }
  let data: unknown;
  try {
    data = withoutEmptyValues(doc.toJS() ?? {});
  } catch (err) {
    throw configError(file, `invalid YAML: ${(err as Error).message}`);
  }
  const parsed = ConfigSchema.safeParse(data);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, data, ConfigSchema, file, doc, lineCounter));
  return parsed.data;
}

/** Reads, parses and validates a config file. */
export function readConfigFile(file: string): Config {
  return parseConfigText(readConfigText(file), file);
}
