// One tree shape for YAML and JSON documents with source ranges, so the config detectors read both the same way.
// YAML comes from the `yaml` package (yamlTree.ts: tags such as !Ref kept, aliases and merge keys resolved), JSON
// and JSONC from jsonc-parser.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { TextRange } from './types';

export interface Scalar {
  t: 'scalar';
  range: TextRange;
  /** Range of the value's characters in the source (inside quotes); undefined for block scalars. */
  inner?: TextRange;
  value: string;
  /** The parsed JS value (number, boolean, null or string). */
  raw: unknown;
  tag?: string;
  block?: boolean;
}

export interface Entry {
  key: string;
  keyRange: TextRange;
  value?: Node;
}

export interface MapNode {
  t: 'map';
  range: TextRange;
  entries: Entry[];
  tag?: string;
}

export interface SeqNode {
  t: 'seq';
  range: TextRange;
  items: Node[];
  tag?: string;
}

export type Node = Scalar | MapNode | SeqNode;

export interface ParsedTree {
  docs: Node[];
  problems: string[];
}

/** JSON and JSONC through jsonc-parser (jsonFast.ts parseJson reads well-formed JSON without it). */
export function parseJsonTree(text: string): ParsedTree {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const problems = errors.slice(0, 3).map((e) => `JSON: error ${e.error} at offset ${e.offset}`);
  const node = root ? convertJson(root) : undefined;
  return { docs: node ? [node] : [], problems };
}

function convertJson(node: JsonNode): Node | undefined {
  const range = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'object': {
      const entries: Entry[] = [];
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k) continue;
        entries.push({
          key: String(k.value),
          keyRange: { start: k.offset + 1, end: k.offset + k.length - 1 },
          value: v ? convertJson(v) : undefined,
        });
      }
      return { t: 'map', range, entries };
    }
    case 'array':
      return { t: 'seq', range, items: (node.children ?? []).map(convertJson).filter((n): n is Node => n !== undefined) };
    case 'string':
      return { t: 'scalar', range, inner: { start: range.start + 1, end: range.end - 1 }, value: String(node.value), raw: node.value };
    default:
      return { t: 'scalar', range, inner: range, value: String(node.value), raw: node.value };
  }
}

/**
 * The value of `key` in a map node, and so on down the keys after it. Keys as parameters rather than a rest array:
 * detectors look keys up in every document, most of it in code V8 has not optimised, where a rest array is made at
 * every call.
 */
export function get(node: Node | undefined, key: string, key2?: string, key3?: string, key4?: string): Node | undefined {
  let n = entry(node, key)?.value;
  if (key2 !== undefined) n = entry(n, key2)?.value;
  if (key3 !== undefined) n = entry(n, key3)?.value;
  if (key4 !== undefined) n = entry(n, key4)?.value;
  return n;
}

/** The node down a path of keys (the node itself for none). */
export function getPath(node: Node | undefined, path: readonly string[]): Node | undefined {
  let n = node;
  for (const key of path) n = entry(n, key)?.value;
  return n;
}

/** A map's entry of that key (a loop, not find(): detectors look keys up in every document, several times). */
export function entry(node: Node | undefined, key: string): Entry | undefined {
  if (node?.t !== 'map') return undefined;
  const entries = node.entries;
  for (let i = 0; i < entries.length; i++) if (entries[i].key === key) return entries[i];
  return undefined;
}

export const str = (node: Node | undefined): string | undefined => (node?.t === 'scalar' && !node.tag ? node.value : undefined);

/**
 * Every node, depth first in document order, with the key it is the value of (a sequence item: its list's key) and its
 * path from the node walked (keys, and `[]` for sequence items). An explicit stack, not recursion or generators, as
 * documents can nest thousands deep; no object per node and one path array shared by the whole walk (detectors walk
 * whole documents, several times): the path is valid only during the call, copy it to keep it.
 */
export function eachNode(node: Node | undefined, visit: (node: Node, key: string | undefined, path: readonly string[]) => void): void {
  if (!node) return;
  const path: string[] = [];
  // each pending node keeps its key, its path segment (none for the root) and the length of its parent's path
  const nodes: Node[] = [node];
  const keys: (string | undefined)[] = [undefined];
  const segments: (string | undefined)[] = [undefined];
  const depths: number[] = [0];
  while (nodes.length) {
    const n = nodes.pop() as Node;
    const key = keys.pop();
    const segment = segments.pop();
    // popping, not setting the length: a length write is a runtime call
    for (const depth = depths.pop() as number; path.length > depth;) path.pop();
    if (segment !== undefined) path.push(segment);
    visit(n, key, path);
    if (n.t === 'map') {
      for (let i = n.entries.length - 1; i >= 0; i--) {
        const e = n.entries[i];
        if (!e.value) continue;
        nodes.push(e.value);
        keys.push(e.key);
        segments.push(e.key);
        depths.push(path.length);
      }
    } else if (n.t === 'seq') {
      for (let i = n.items.length - 1; i >= 0; i--) {
        if (!n.items[i]) continue;
        nodes.push(n.items[i]);
        keys.push(key);
        segments.push('[]');
        depths.push(path.length);
      }
    }
  }
}
