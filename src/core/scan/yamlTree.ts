// YAML documents as GridLens's tree (tree.ts): straight from the text when yamlFast.ts can, else from the `yaml`
// package: from its concrete syntax tree when yamlCst.ts can, through its document model otherwise (tags such as !Ref kept, aliases and merge keys resolved).
import {
  Composer,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Parser,
  visit,
  type Alias,
  type CST,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { Entry, Node, ParsedTree } from './tree';
import type { TextRange } from './types';
import { yamlFromCst } from './yamlCst';
import { readYamlFast } from './yamlFast';

export function parseYamlTree(text: string): ParsedTree {
  const docs = readYamlFast(text);
  return docs ? { docs, problems: [] } : parseYamlTreeWithLibrary(text);
}

/** Through the `yaml` package: its concrete syntax tree read by yamlCst.ts, else its document model. */
export function parseYamlTreeWithLibrary(text: string): ParsedTree {
  const tokens = new Parser().parse(text);
  // a small file's tokens are kept while yamlFromCst reads them, so the composer takes over without parsing again
  const kept: CST.Token[] | undefined = text.length <= REPLAY_MAX_CHARS ? [] : undefined;
  let docs: Node[] | undefined;
  try {
    docs = yamlFromCst(tokens, kept);
  } catch {
    return composeYamlTree(text); // the parser failed: the composer's path reports how
  }
  if (docs) return { docs, problems: [] };
  return composeYamlTree(text, kept ? replay(kept, tokens) : undefined);
}

/** Files up to this size keep their tokens for the composer (larger ones are parsed again, rather than held). */
const REPLAY_MAX_CHARS = 256 * 1024;

function* replay(kept: CST.Token[], rest: Iterator<CST.Token>): Generator<CST.Token> {
  yield* kept;
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}

/**
 * Through the library's document model: what yamlFromCst leaves to it (aliases, merge keys, errors…). `tokens`: the
 * parser's tokens of `text`, when some have been read already.
 */
export function composeYamlTree(text: string, tokens: Iterable<CST.Token> = new Parser().parse(text)): ParsedTree {
  const problems: string[] = [];
  const docs: Node[] = [];
  // What parseAllDocuments does, one document at a time: each is converted and let go before the next is composed,
  // so a file of thousands of documents never holds them all (they outlived young-generation collections).
  const documents = new Composer({ uniqueKeys: false, strict: false, prettyErrors: false }).compose(tokens);
  const hasAliasMark = text.includes('*');
  for (;;) {
    let next: IteratorResult<Document.Parsed>;
    // The yaml package makes an Error per problem, and capturing its stack is most of the cost of a broken file (a
    // 128 KB line of '}' makes 128,000 of them: 3 s in the extension host, 0.6 s without stacks). Only messages are read.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      next = documents.next() as IteratorResult<Document.Parsed>;
    } catch (error) {
      return { docs: [], problems: [`YAML: ${(error as Error).message}`] };
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    if (next.done) break;
    const doc = next.value;
    for (const e of doc.errors.slice(0, 3)) problems.push(`YAML: ${e.message.split('\n')[0]}`);
    // an alias is written `*name`: without a '*' in the text there is none to resolve
    const budget = { left: MAX_ALIAS_NODES, targets: hasAliasMark ? aliasTargets(doc) : new Map<Alias, YamlNode>() };
    const node = convertYaml(doc.contents as YamlNode | null, doc, text, 0, budget, false);
    if (node) docs.push(node);
    if (budget.left < 0)
      problems.push(`YAML: aliases expand to more than ${MAX_ALIAS_NODES} nodes; the rest are not read (an alias bomb?)`);
  }
  return { docs, problems };
}

/** Nodes read through aliases per document: an alias of aliases ("billion laughs") grows exponentially. */
const MAX_ALIAS_NODES = 10_000;

interface Budget {
  left: number;
  targets: Map<Alias, YamlNode>;
}

/**
 * Every alias's anchored node, in one pass in document order (the last anchor of that name before the alias, as
 * Alias.resolve finds it; resolve walks the whole document on each call, quadratic for many aliases).
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, YamlNode> {
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode>();
  try {
    visit(doc, {
      Node(_key, node) {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          if (target) targets.set(node, target);
        } else if (node.anchor) anchors.set(node.anchor, node);
      },
    });
  } catch {
    // nesting too deep to walk: the aliases stay unresolved
  }
  return targets;
}

function convertYaml(
  node: YamlNode | null | undefined,
  doc: Document.Parsed,
  text: string,
  depth: number,
  budget: Budget,
  viaAlias: boolean,
): Node | undefined {
  if (!node || depth > 200) return undefined;
  if (viaAlias && --budget.left < 0) return undefined;
  if (isAlias(node)) {
    const target = budget.targets.get(node);
    return target ? convertYaml(target as YamlNode, doc, text, depth + 1, budget, true) : undefined;
  }
  const range = node.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
  const tag = node.tag && node.tag.startsWith('!') && !node.tag.startsWith('!!') ? node.tag : undefined;
  if (isScalar(node)) {
    const type = node.type;
    let inner: TextRange | undefined;
    if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE')
      inner = { start: range.start + 1, end: Math.max(range.start + 1, range.end - 1) };
    else if (type === 'PLAIN') inner = range;
    const value = node.value === null || node.value === undefined ? '' : String(node.value);
    return {
      t: 'scalar',
      range,
      inner,
      value,
      raw: node.value,
      tag,
      block: type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED' || undefined,
    };
  }
  if (isMap(node)) {
    const entries: Entry[] = [];
    // key → index in entries: a lookup per key keeps maps with many keys linear
    const at = new Map<string, number>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as YamlNode | null;
      // merge keys: <<: *anchor (or a list of anchors) inject the anchored map's entries
      if (isScalar(key) && key.value === '<<') {
        const merged = convertYaml(pair.value as YamlNode, doc, text, depth + 1, budget, viaAlias);
        const sources = merged?.t === 'seq' ? merged.items : merged ? [merged] : [];
        for (const m of sources) if (m.t === 'map') for (const e of m.entries) if (!at.has(e.key)) at.set(e.key, entries.push(e) - 1);
        continue;
      }
      // a collection as a key ({a: 1}: x) is named by its source text: String() on it stringifies it whole, which
      // for keys nested in keys grows without bound
      const keyText = isScalar(key)
        ? String(key.value)
        : key?.range
          ? text.slice(key.range[0], Math.min(key.range[1], key.range[0] + 200))
          : '';
      const keyRange = key?.range ? { start: key.range[0], end: key.range[1] } : range;
      const existing = at.get(keyText);
      const entry = { key: keyText, keyRange, value: convertYaml(pair.value as YamlNode, doc, text, depth + 1, budget, viaAlias) };
      if (existing !== undefined) entries[existing] = entry;
      else at.set(keyText, entries.push(entry) - 1);
    }
    return { t: 'map', range, entries, tag };
  }
  if (isSeq(node)) {
    const items: Node[] = [];
    for (const item of node.items) {
      const converted = convertYaml(item as YamlNode, doc, text, depth + 1, budget, viaAlias);
      if (converted) items.push(converted);
    }
    return { t: 'seq', range, items, tag };
  }
  return undefined;
}
