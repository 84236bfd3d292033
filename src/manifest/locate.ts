import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import type { JsonPath } from '../diagnostics.js';

export type Target = 'value' | 'key';

/**
 * The offsets [start, end) of what `path` names. A scalar value is pointed at itself, a key or a
 * collection at its key (so the underline stays on one line), and a path that does not exist at the
 * key of its closest existing ancestor; the document root is the first line.
 */
export function locate(doc: Document.Parsed | undefined, path: JsonPath, target: Target = 'value'): [number, number] {
  let node: unknown = doc?.contents;
  let pair: Pair | undefined;
  for (const segment of path) {
    if (isAlias(node) && doc) node = node.resolve(doc);
    let next: unknown;
    if (isMap(node)) {
      next = pairByKey(node, String(segment));
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined) return pair ? rangeOf(pair.key) : documentStart(doc);
    if (isPair(next)) {
      pair = next;
      node = next.value;
    } else {
      pair = undefined;
      node = next;
    }
  }
  const empty = node === null || (isScalar(node) && node.value === null && !node.source);
  if (pair && (target === 'key' || isCollection(node) || empty)) return rangeOf(pair.key);
  return node ? rangeOf(node) : documentStart(doc);
}

/**
 * The first pair of `map` with this key, through an index built once per mapping: every problem is
 * located, and searching the mapping's items for each made many unknown keys quadratic.
 */
function pairByKey(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndexes.get(map);
  if (!index || index.count !== map.items.length) {
    const pairs = new Map<string, Pair>();
    entriesRead += map.items.length;
    for (const item of map.items) {
      const text = isPair(item) ? keyText(item.key) : undefined;
      if (text !== undefined && !pairs.has(text)) pairs.set(text, item as Pair);
    }
    index = { count: map.items.length, pairs };
    pairIndexes.set(map, index);
  }
  return index.pairs.get(key);
}

const pairIndexes = new WeakMap<YAMLMap, { count: number; pairs: Map<string, Pair> }>();

let entriesRead = 0;

/** Mapping entries read so far to find keys: however many problems are located, each mapping is read once. */
export function mappingEntriesRead(): number {
  return entriesRead;
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function rangeOf(node: unknown): [number, number] {
  const range = (node as YamlNode | null)?.range;
  if (!range) return [0, 0];
  return [range[0], range[1]];
}

function documentStart(doc: Document.Parsed | undefined): [number, number] {
  const contents = doc?.contents as YamlNode | null | undefined;
  const first = isMap(contents) ? contents.items[0] : undefined;
  return isPair(first) ? rangeOf(first.key) : rangeOf(contents);
}
