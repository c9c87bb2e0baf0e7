// Reads report templates: the built-ins shipped beside this module, a folder of the user's own (which win by
// name), or one file. Problems come back as FILE:LINE:COL: path: message, like the config file's.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { describeIssues, formatPath } from '../../config/describe.js';
import { closestKey } from '../../config/known-keys.js';
import { locate } from '../../config/locate.js';
import { ConfigError, type ConfigProblem, configError } from '../../config/problems.js';
import { type ReportTemplate, TemplateSchema } from './schema.js';

/** Folder of the built-in templates (src/reports/templates, copied to dist/reports/templates by the build). */
export const BUILTIN_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

/** A template and where it came from. */
export interface LoadedTemplate {
  template: ReportTemplate;
  file: string;
  builtin: boolean;
}

const SECTION_KEYS: Record<string, string[]> = {
  summary: ['type', 'title', 'metrics', 'compare'],
  chart: ['type', 'title', 'chart', 'metric', 'by', 'limit'],
  table: ['type', 'title', 'rows', 'columns', 'sort', 'order', 'limit'],
  insights: ['type', 'title', 'include', 'smallSession', 'cheaperModels', 'targetCacheHitRatio', 'minSamples', 'limit'],
};

/** Zod's messages for sections (a union) say little: name the section types and the keys a section allows. */
function sectionProblems(error: z.ZodError, data: unknown, source: string, doc: ReturnType<typeof parseDocument>, lc: LineCounter): { problems: ConfigProblem[]; rest: z.core.$ZodIssue[] } {
  const problems: ConfigProblem[] = [];
  const rest: z.core.$ZodIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    const inSection = path[0] === 'sections' && typeof path[1] === 'number';
    const where = (p: PropertyKey[], onKey = false) => {
      const loc = locate(doc, lc, p);
      const pos = loc && (loc.exact && !onKey ? loc.value : (loc.key ?? loc.value));
      return pos ? { line: pos.line, col: pos.col } : {};
    };
    if (inSection && issue.code === 'invalid_union' && 'options' in issue) {
      const given = (data as { sections?: Record<string, unknown>[] }).sections?.[path[1] as number]?.type;
      const kinds = Object.keys(SECTION_KEYS).join(', ');
      const message = given === undefined ? `required field is missing: say which kind of section (${kinds})` : `unknown section type ${JSON.stringify(given)}; use one of ${kinds}`;
      problems.push({ source, ...where(path), path: formatPath(path), message });
    } else if (inSection && issue.code === 'unrecognized_keys' && path.length === 2) {
      const type = String((data as { sections: Record<string, unknown>[] }).sections[path[1] as number]?.type);
      const allowed = SECTION_KEYS[type] ?? [];
      for (const key of issue.keys) {
        const guess = closestKey(key, allowed);
        problems.push({ source, ...where([...path, key], true), path: formatPath([...path, key]), message: `unknown field; ${guess ? `did you mean "${guess}"?` : `a ${type} section allows: ${allowed.join(', ')}`}` });
      }
    } else rest.push(issue);
  }
  return { problems, rest };
}

/** Parses and validates a template's YAML text; throws ConfigError naming each bad field. */
export function parseTemplate(text: string, source: string): ReportTemplate {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => ({ source, ...(e.linePos ? { line: e.linePos[0].line, col: e.linePos[0].col } : {}), message: `invalid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` })));
  }
  const data: unknown = doc.toJS() ?? {};
  const parsed = TemplateSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const { problems, rest } = sectionProblems(parsed.error, data, source, doc, lc);
  if (rest.length > 0) problems.push(...describeIssues({ issues: rest } as z.ZodError, data, TemplateSchema, source, doc, lc));
  throw new ConfigError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0)));
}

/** Reads one template file. */
export function readTemplateFile(file: string): ReportTemplate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw configError(file, `cannot read template: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const template = parseTemplate(text, file);
  const stem = basename(file).replace(/\.ya?ml$/, '');
  if (stem !== template.name) throw new ConfigError([{ source: file, path: 'name', message: `the name "${template.name}" differs from the file name "${stem}"; make them equal` }]);
  return template;
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
}

/**
 * Returns every template by name: the built-ins, then the user's folder (same name replaces a built-in).
 * Throws ConfigError listing the problems of every bad file at once.
 */
export function loadTemplates(userDir?: string): Map<string, LoadedTemplate> {
  const out = new Map<string, LoadedTemplate>();
  const problems: ConfigProblem[] = [];
  for (const [dir, builtin] of [[BUILTIN_DIR, true], ...(userDir ? [[userDir, false] as const] : [])] as const) {
    for (const file of yamlFiles(dir)) {
      try {
        out.set(basename(file).replace(/\.ya?ml$/, ''), { template: readTemplateFile(file), file, builtin });
      } catch (err) {
        if (err instanceof ConfigError) problems.push(...err.problems);
        else throw err;
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out;
}

/** Finds a template by name (or reads it when `nameOrFile` is a .yaml path); throws ConfigError naming the choices. */
export function findTemplate(nameOrFile: string, userDir?: string): LoadedTemplate {
  if (/\.ya?ml$/.test(nameOrFile)) return { template: readTemplateFile(nameOrFile), file: nameOrFile, builtin: false };
  const all = loadTemplates(userDir);
  const found = all.get(nameOrFile);
  if (!found) throw configError('--template', `no template named ${JSON.stringify(nameOrFile)}; known: ${[...all.keys()].join(', ')} (or give a .yaml file)`);
  return found;
}
