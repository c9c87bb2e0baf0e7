// Turns zod's validation issues into problems a user can act on: file position, YAML path, plain words.
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { allowedKeys, closestKey } from './known-keys.js';
import { locate } from './locate.js';
import type { ConfigProblem } from './problems.js';

/** Returns a YAML path as users write it: `tail.maxLineBytes`, `agents.codex.dirs[0]`, `prices["gpt-5.1"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  const parts = path.map((p, i) => {
    if (typeof p === 'number') return `[${p}]`;
    const s = String(p);
    if (!/^[A-Za-z0-9_-]+$/.test(s)) return `[${JSON.stringify(s)}]`;
    return i === 0 ? s : `.${s}`;
  });
  return parts.join('') || '(top level)';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
  return v;
}

function show(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'a map of "key: value" lines',
  array: 'a list',
  record: 'a map of "key: value" lines',
};

function message(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'required field is missing';
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${show(value)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => String(v)).join(', ')}, got ${show(value)}`;
    case 'too_small':
      if ((issue.origin === 'string' || issue.origin === 'array') && Number(issue.minimum) === 1) return 'must not be empty';
      return `must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}, got ${String(value)}`;
    case 'too_big':
      return `must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}, got ${String(value)}`;
    case 'invalid_format':
      return `${issue.message}, got ${show(value)}`;
    default:
      return issue.message;
  }
}

/** Returns one problem per issue (one per unknown key), located in the YAML document and sorted by position. */
export function describeIssues(error: z.ZodError, data: unknown, schema: z.ZodType, source: string, doc?: Document, lc?: LineCounter): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const at = (path: PropertyKey[], onKey: boolean): Pick<ConfigProblem, 'line' | 'col'> => {
    const loc = doc && lc ? locate(doc, lc, path) : undefined;
    // A missing field is reported at its parent's key ("foo:"), which is where it should be added.
    const pos = loc && (onKey || !loc.exact ? (loc.key ?? loc.value) : loc.value);
    return pos ? { line: pos.line, col: pos.col } : {};
  };
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(schema, path) ?? [];
      for (const key of issue.keys) {
        const guess = closestKey(key, allowed);
        const hint = guess ? `did you mean "${guess}"?` : `allowed here: ${allowed.join(', ')}`;
        out.push({ source, ...at([...path, key], true), path: formatPath([...path, key]), message: `unknown field; ${hint}` });
      }
    } else if (issue.code === 'invalid_key') {
      const why = issue.issues.map((i) => i.message).join('; ');
      out.push({ source, ...at(path, true), path: formatPath(path), message: `invalid name ${JSON.stringify(String(path.at(-1)))}: ${why}` });
    } else {
      out.push({ source, ...at(path, false), path: formatPath(path), message: message(issue, valueAt(data, path)) });
    }
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}
