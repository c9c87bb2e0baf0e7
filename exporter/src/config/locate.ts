// Finds where a field lives in a YAML document, so problems can say FILE:LINE:COL.
import type { Document, LineCounter, Node } from 'yaml';
import { loadYaml } from './yaml.js';

/** 1-based position of a field in the file. */
export interface Position {
  line: number;
  col: number;
}

/** Where `path` is: `exact` says whether the whole path exists (else the deepest existing parent is given). */
export interface Located {
  value: Position;
  key?: Position;
  exact: boolean;
}

function positionOf(node: Node | null | undefined, lc: LineCounter): Position | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : lc.linePos(start);
}

/** Returns the position of the value (and key) at `path`, or of the deepest parent that exists. */
export function locate(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): Located | undefined {
  const { isAlias, isMap, isScalar, isSeq } = loadYaml();
  let node = doc.contents as Node | null;
  let found: Located | undefined = positionOf(node, lc) ? { value: positionOf(node, lc)!, exact: path.length === 0 } : undefined;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc) ?? null;
    const seg = path[i];
    let keyNode: Node | undefined;
    let next: Node | null = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) break;
      keyNode = pair.key as Node;
      next = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = (node.items[seg] as Node | undefined) ?? null;
      if (!next) break;
    } else {
      break;
    }
    const key = positionOf(keyNode, lc);
    const value = positionOf(next, lc) ?? key;
    if (!value) break;
    found = { value, ...(key ? { key } : {}), exact: i === path.length - 1 };
    node = next;
  }
  return found;
}
