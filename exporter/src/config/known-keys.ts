// Which field names the schema allows at a path, so a typo can be answered with "did you mean ...?".
import type { z } from 'zod';

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let d = defOf(s); ; d = defOf(s)) {
    const inner = d.innerType ?? (d.type === 'pipe' ? d.in : undefined);
    if (!inner) return s;
    s = inner;
  }
}

/** Returns the field names allowed at `path` (an object's keys), or undefined when any key is allowed. */
export function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let s = unwrap(schema);
  for (const seg of path) {
    const d = defOf(s);
    if (d.type === 'object' && d.shape && typeof seg === 'string' && d.shape[seg]) s = unwrap(d.shape[seg]);
    else if (d.type === 'record' && d.valueType) s = unwrap(d.valueType);
    else if (d.type === 'array' && d.element) s = unwrap(d.element);
    else return undefined;
  }
  const d = defOf(s);
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** Returns the allowed name closest to `typo` when it is close enough to be a likely misspelling. */
export function closestKey(typo: string, allowed: readonly string[]): string | undefined {
  const lower = typo.toLowerCase();
  let best: { key: string; d: number } | undefined;
  for (const key of allowed) {
    const d = key.toLowerCase() === lower ? 0 : editDistance(lower, key.toLowerCase());
    if (!best || d < best.d) best = { key, d };
  }
  return best && best.d <= Math.max(2, Math.floor(typo.length / 4)) ? best.key : undefined;
}
