import {
  isMap,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Pair,
} from 'yaml';

/*
 * Validation speaks in paths (`phases[0].items[2].title`); people fix files
 * by line. These helpers translate between the two on a parsed document.
 */

export type FieldPath = (string | number)[];

type Ranged = { range?: [number, number, number] | null };

function startOf(node: unknown): number | undefined {
  return (node as Ranged | null)?.range?.[0];
}

function contains(node: unknown, offset: number): boolean {
  const range = (node as Ranged | null)?.range;
  return !!range && range[0] <= offset && offset < range[2];
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function findPair(node: unknown, key: string | number): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((pair) => keyName(pair) === String(key));
}

/**
 * The 1-based line of the deepest part of `path` the document has. A key's
 * own line is used rather than its value's, because an empty or block value
 * starts on a later line. A missing key resolves to its parent mapping,
 * which is where the key would have to be added.
 */
export function lineOfPath(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
): number | null {
  let node: unknown = doc.contents;
  let offset = startOf(node);
  for (const segment of path) {
    const pair = findPair(node, segment);
    if (pair) {
      offset = startOf(pair.key) ?? offset;
      node = pair.value;
      continue;
    }
    if (!isSeq(node) || typeof segment !== 'number') break;
    node = node.items[segment];
    if (node === undefined) break;
    offset = startOf(node) ?? offset;
  }
  return offset === undefined ? null : lineCounter.linePos(offset).line;
}

function stepInto(
  node: unknown,
  offset: number,
): { segment: string | number; node: unknown; atKey: boolean } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const name = keyName(pair);
      if (name === undefined) continue;
      if (contains(pair.key, offset))
        return { segment: name, node, atKey: true };
      if (contains(pair.value, offset)) {
        return { segment: name, node: pair.value, atKey: false };
      }
    }
  }
  if (isSeq(node)) {
    const index = node.items.findIndex((item) => contains(item, offset));
    if (index >= 0) {
      return { segment: index, node: node.items[index], atKey: false };
    }
  }
  return undefined;
}

/**
 * The path of the node at a source offset, for YAML errors that the parser
 * reports by position only. A key containing the offset ends the path
 * there: included for a duplicate key, which is well formed and worth
 * naming, left out otherwise, since a malformed key (`title Demo`) is the
 * parser's guess and would only mislead.
 */
export function pathAtOffset(
  doc: Document,
  offset: number,
  includeKey: boolean,
): FieldPath {
  const path: FieldPath = [];
  let node: unknown = doc.contents;
  for (;;) {
    const step = stepInto(node, offset);
    if (!step) return path;
    if (step.atKey) return includeKey ? [...path, step.segment] : path;
    path.push(step.segment);
    node = step.node;
  }
}
