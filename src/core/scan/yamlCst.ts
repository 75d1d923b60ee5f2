// YAML straight from the `yaml` package's concrete syntax tree to GridLens's tree, without its document model (the
// Composer's nodes, pairs and documents were most of the cost of a YAML file and were only converted and dropped).
// The steps below follow the library's compose functions (compose-doc, compose-node, resolve-props, resolve-block-map,
// resolve-block-seq, resolve-flow-collection, compose-scalar) for what they build, and give up on anything they would
// report as an error and on what this reader does not take (directives, anchors and aliases, merge keys, explicit
// and collection keys, schema tags): the caller then composes the document the usual way, so findings, ranges and
// problems stay exactly what the library gives.
import { CST, Document, type ScalarTag } from 'yaml';
import type { Entry, Node } from './tree';
import type { TextRange } from './types';

/** Thrown (not an Error: no stack to capture) when the document needs the library's composer. */
const GIVE_UP = Symbol('compose with the library');
function giveUp(): never {
  throw GIVE_UP;
}

// The options the composer runs with, and the schema (YAML 1.2 core) its documents get from them.
const reference = new Document(undefined, { uniqueKeys: false, strict: false, prettyErrors: false });
const plainTags = reference.schema.tags.filter((tag): tag is ScalarTag => tag.default === true && !tag.collection && !!tag.test);
/** Whether the schema has tags only keys take (none in the core schema): the composer's choice, then. */
const keyTags = reference.schema.tags.some((tag) => tag.default === 'key');

/** Whether the schema gives keys tags of their own: readers that type keys as values must leave those to it. */
export const schemaHasKeyTags = keyTags;

/**
 * A plain scalar's value as the schema reads it (null, a boolean, a number) or its text. Throws GIVE_UP where the
 * schema would report an error.
 */
export function plainScalarValue(text: string): unknown {
  for (const tag of plainTags) {
    if (tag.test?.test(text)) {
      const value: unknown = tag.resolve(text, giveUp, reference.options);
      return value !== null && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
    }
  }
  return text;
}

/** Deeper than the converter reads (it stops at 200): the composer decides. */
const MAX_DEPTH = 200;

interface Composed {
  node: Node;
  /** End of the node with its trailing comments and spaces (the library's range[2]). */
  end: number;
}

interface Props {
  found: CST.SourceToken | null;
  comma: CST.SourceToken | null;
  tag: CST.SourceToken | null;
  comment: boolean;
  hasNewline: boolean;
  newlineAfterProp: CST.SourceToken | null;
  end: number;
}

/**
 * Documents of the parser's `tokens`, or undefined when one of them needs the composer: the tokens read so far are
 * pushed to `kept` (when given) and `tokens` is left where it stopped, so the composer can take over without parsing
 * again. A parser failure propagates.
 */
export function yamlFromCst(tokens: Iterator<CST.Token>, kept?: CST.Token[]): Node[] | undefined {
  const docs: Node[] = [];
  let open = false;
  // next() by hand: a for…of would close the generator when the reader gives up
  for (let next = tokens.next(); !next.done; next = tokens.next()) {
    const token = next.value;
    kept?.push(token);
    try {
      switch (token.type) {
        case 'document': {
          const node = document(token);
          if (node) docs.push(node);
          open = true;
          break;
        }
        case 'doc-end':
          if (!open) giveUp();
          end(token.end, 0);
          break;
        case 'byte-order-mark':
        case 'space':
        case 'comment':
        case 'newline':
          break;
        default:
          giveUp(); // directives, errors
      }
    } catch {
      // GIVE_UP, or a stack too deep: the composer reports what it makes of it
      return undefined;
    }
  }
  return docs;
}

function document(doc: CST.Document): Node | undefined {
  const p = props(doc.start, 'doc-start', doc.value ?? doc.end?.[0], doc.offset, 0, true);
  if (p.found && doc.value && (doc.value.type === 'block-map' || doc.value.type === 'block-seq') && !p.hasNewline) giveUp();
  const contents = doc.value ? compose(doc.value, p, 0, false) : empty(p.end, doc.start, p);
  end(doc.end, contents.end);
  return contents.node;
}

/** resolve-end: what follows a node may only be spaces, comments and line breaks. */
function end(tokens: CST.SourceToken[] | undefined, offset: number): number {
  if (tokens) {
    for (const token of tokens) {
      if (token.type !== 'space' && token.type !== 'comment' && token.type !== 'newline') giveUp();
      offset += token.source.length;
    }
  }
  return offset;
}

/** resolve-props, for the tokens before a node or after its indicator (anchors are left to the composer). */
function props(
  tokens: CST.SourceToken[],
  indicator: string,
  next: CST.Token | undefined,
  offset: number,
  parentIndent: number,
  startOnNewline: boolean,
  flow = false,
): Props {
  let atNewline = startOnNewline;
  let hasSpace = startOnNewline;
  let comment = false;
  let hasNewline = false;
  let reqSpace = false;
  let tab: CST.SourceToken | null = null;
  let tag: CST.SourceToken | null = null;
  let newlineAfterProp: CST.SourceToken | null = null;
  let found: CST.SourceToken | null = null;
  let comma: CST.SourceToken | null = null;
  for (const token of tokens) {
    if (reqSpace) {
      if (token.type !== 'space' && token.type !== 'newline' && token.type !== 'comma') giveUp();
      reqSpace = false;
    }
    if (tab) {
      if (atNewline && token.type !== 'comment' && token.type !== 'newline') giveUp();
      tab = null;
    }
    switch (token.type) {
      case 'space':
        // at the document level a tab before a flow collection is leading white space, not indentation; in a flow
        // collection there is no indentation
        if (!flow && (indicator !== 'doc-start' || next?.type !== 'flow-collection') && token.source.includes('\t')) tab = token;
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) giveUp();
        comment = true;
        atNewline = false;
        break;
      case 'newline':
        atNewline = true;
        hasNewline = true;
        if (tag) newlineAfterProp = token;
        hasSpace = true;
        break;
      case 'tag':
        if (tag) giveUp();
        tag = token;
        atNewline = false;
        hasSpace = false;
        reqSpace = true;
        break;
      case 'comma':
        if (!flow || comma) giveUp();
        comma = token;
        atNewline = false;
        hasSpace = false;
        break;
      default:
        if (token.type !== indicator || tag || found) giveUp();
        found = token;
        atNewline = indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  const endOffset = last ? last.offset + last.source.length : offset;
  if (
    reqSpace &&
    next &&
    next.type !== 'space' &&
    next.type !== 'newline' &&
    next.type !== 'comma' &&
    (next.type !== 'scalar' || next.source !== '')
  )
    giveUp();
  if (tab && ((atNewline && tab.indent <= parentIndent) || next?.type === 'block-map' || next?.type === 'block-seq')) giveUp();
  return { found, comma, tag, comment, hasNewline, newlineAfterProp, end: endOffset };
}

/**
 * A local tag (`!Ref`, `!GetAtt`): kept on the node, and a tagged scalar stays a string (the schema does not know
 * the tag). Schema tags (`!!str`), verbatim tags and named handles change how the value is read: the composer's.
 */
function localTag(token: CST.SourceToken | null): string | undefined {
  if (!token) return undefined;
  const source = token.source;
  if (
    source.length < 2 ||
    source.charCodeAt(0) !== 0x21 ||
    source.indexOf('!', 1) >= 0 ||
    source.charCodeAt(1) === 0x3c ||
    source.includes('%')
  )
    giveUp();
  return source;
}

function compose(token: CST.Token, p: Props, depth: number, atKey: boolean): Composed {
  if (depth > MAX_DEPTH) giveUp();
  switch (token.type) {
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'block-scalar':
      return scalar(token, localTag(p.tag), atKey);
    case 'block-map':
      return blockMap(token, localTag(p.tag), depth);
    case 'block-seq':
      // the composer requires a line break after a block sequence's tag
      if (p.tag && (!p.newlineAfterProp || p.newlineAfterProp.offset < p.tag.offset)) giveUp();
      return blockSeq(token, localTag(p.tag), depth);
    case 'flow-collection':
      return flowCollection(token, localTag(p.tag), depth);
    default:
      return giveUp(); // aliases, errors
  }
}

/** compose-empty-node: a missing value is a null scalar placed after the spaces that precede it. */
function empty(offset: number, before: CST.SourceToken[] | undefined, p: Props): Composed {
  const composed = scalar({ type: 'scalar', offset: emptyScalarPosition(offset, before), indent: -1, source: '' }, localTag(p.tag), false);
  if (p.comment) composed.end = p.end;
  return composed;
}

function emptyScalarPosition(offset: number, before: CST.SourceToken[] | undefined): number {
  if (!before) return offset;
  for (let i = before.length - 1; i >= 0; --i) {
    const st = before[i];
    if (st.type === 'space' || st.type === 'comment' || st.type === 'newline') {
      offset -= st.source.length;
      continue;
    }
    for (let j = i + 1; before[j]?.type === 'space'; j++) offset += before[j].source.length;
    break;
  }
  return offset;
}

function scalar(token: CST.FlowScalar | CST.BlockScalar, tag: string | undefined, atKey: boolean): Composed {
  const resolved = CST.resolveAsScalar(token, false, giveUp);
  if (!resolved) return giveUp();
  let raw: unknown = resolved.value;
  if (!tag && token.type === 'scalar') {
    if (atKey && keyTags) giveUp();
    raw = plainScalarValue(resolved.value);
  }
  const range = { start: resolved.range[0], end: resolved.range[1] };
  const kind = resolved.type;
  let inner: TextRange | undefined;
  if (kind === 'QUOTE_DOUBLE' || kind === 'QUOTE_SINGLE') inner = { start: range.start + 1, end: Math.max(range.start + 1, range.end - 1) };
  else if (kind === 'PLAIN') inner = range;
  const value = raw === null || raw === undefined ? '' : String(raw);
  return {
    node: { t: 'scalar', range, inner, value, raw, tag, block: kind === 'BLOCK_LITERAL' || kind === 'BLOCK_FOLDED' || undefined },
    end: resolved.range[2],
  };
}

/** A plain, quoted or (as the composer says) other key spanning lines. */
function containsNewline(key: CST.Token): boolean {
  if (key.type === 'scalar' || key.type === 'single-quoted-scalar' || key.type === 'double-quoted-scalar') {
    if (key.source.includes('\n')) return true;
    if (key.end) for (const st of key.end) if (st.type === 'newline') return true;
    return false;
  }
  return true;
}

/** A plain or quoted key, as the map entry it names (merge keys and collections as keys are the converter's). */
function keyOf(key: CST.Token, p: Props, depth: number): { scalar: Extract<Node, { t: 'scalar' }>; end: number } {
  const composed = compose(key, p, depth, true);
  if (composed.node.t !== 'scalar' || composed.node.raw === '<<') giveUp();
  return { scalar: composed.node, end: composed.end };
}

/** Adds an entry; a repeated key takes the place of the first (the converter's order). */
function addEntry(entries: Entry[], at: Map<string, number>, key: Extract<Node, { t: 'scalar' }>, value: Node): void {
  const keyText = String(key.raw);
  const entry = { key: keyText, keyRange: key.range, value };
  const existing = at.get(keyText);
  if (existing !== undefined) entries[existing] = entry;
  else at.set(keyText, entries.push(entry) - 1);
}

function blockMap(bm: CST.BlockMap, tag: string | undefined, depth: number): Composed {
  const entries: Entry[] = [];
  const at = new Map<string, number>();
  let offset = bm.offset;
  let commentEnd: number | null = null;
  for (const item of bm.items) {
    const { start, key, sep, value } = item as {
      start: CST.SourceToken[];
      key?: CST.Token | null;
      sep?: CST.SourceToken[];
      value?: CST.Token;
    };
    const keyProps = props(start, 'explicit-key-ind', key ?? sep?.[0], offset, bm.indent, true);
    if (keyProps.found) giveUp(); // explicit keys
    if (key && (key.type === 'block-seq' || ('indent' in key && key.indent !== bm.indent))) giveUp();
    if (!keyProps.tag && !sep) {
      commentEnd = keyProps.end;
      continue;
    }
    if (keyProps.newlineAfterProp || !key || containsNewline(key)) giveUp();
    const k = keyOf(key, keyProps, depth + 1);
    const valueProps = props(sep ?? [], 'map-value-ind', value, k.end, bm.indent, key.type === 'block-scalar');
    offset = valueProps.end;
    if (!valueProps.found) giveUp(); // a key without a value
    if (value?.type === 'block-map' && !valueProps.hasNewline) giveUp();
    const composed = value ? compose(value, valueProps, depth + 1, false) : empty(offset, sep, valueProps);
    offset = composed.end;
    addEntry(entries, at, k.scalar, composed.node);
  }
  if (commentEnd && commentEnd < offset) giveUp();
  return { node: { t: 'map', range: { start: bm.offset, end: offset }, entries, tag }, end: commentEnd ?? offset };
}

function blockSeq(bs: CST.BlockSequence, tag: string | undefined, depth: number): Composed {
  const items: Node[] = [];
  let offset = bs.offset;
  let commentEnd: number | null = null;
  for (const { start, value } of bs.items) {
    const p = props(start, 'seq-item-ind', value, offset, bs.indent, true);
    if (!p.found) {
      if (p.tag || value) giveUp();
      commentEnd = p.end;
      continue;
    }
    const composed = value ? compose(value, p, depth + 1, false) : empty(p.end, start, p);
    offset = composed.end;
    items.push(composed.node);
  }
  return { node: { t: 'seq', range: { start: bs.offset, end: offset }, items, tag }, end: commentEnd ?? offset };
}

const isBlock = (token: CST.Token | null | undefined): boolean => token?.type === 'block-map' || token?.type === 'block-seq';

/** resolve-flow-collection, for `[a, b]` and `{k: v}` (pairs inside a flow sequence are the composer's). */
function flowCollection(fc: CST.FlowCollection, tag: string | undefined, depth: number): Composed {
  const isMap = fc.start.source === '{';
  const entries: Entry[] = [];
  const at = new Map<string, number>();
  const items: Node[] = [];
  let offset = fc.offset + fc.start.source.length;
  for (let i = 0; i < fc.items.length; ++i) {
    const { start, key, sep, value } = fc.items[i];
    const p = props(start, 'explicit-key-ind', key ?? sep?.[0], offset, fc.indent, false, true);
    if (p.found) giveUp(); // explicit keys
    if (!p.tag && !sep && !value) {
      // a trailing comma ends the last item; anywhere else an empty item is an error
      if ((i === 0 && p.comma) || i < fc.items.length - 1) giveUp();
      offset = p.end;
      continue;
    }
    if (i === 0 ? p.comma : !p.comma) giveUp(); // a leading comma, or a missing one
    if (!isMap && !sep) {
      if (isBlock(value)) giveUp();
      const composed = value ? compose(value, p, depth + 1, false) : empty(p.end, sep, p);
      items.push(composed.node);
      offset = composed.end;
      continue;
    }
    if (!isMap || !key || isBlock(key) || isBlock(value)) giveUp();
    const k = keyOf(key, p, depth + 1);
    const valueProps = props(sep ?? [], 'map-value-ind', value, k.end, fc.indent, false, true);
    if (!valueProps.found) giveUp(); // a key without a value, or a missing `:` or `,`
    const composed = value ? compose(value, valueProps, depth + 1, false) : empty(valueProps.end, sep, valueProps);
    addEntry(entries, at, k.scalar, composed.node);
    offset = composed.end;
  }
  const [close, ...rest] = fc.end;
  if (close?.source !== (isMap ? '}' : ']')) giveUp();
  const closed = close.offset + close.source.length;
  const range = { start: fc.offset, end: closed };
  return {
    node: isMap ? { t: 'map', range, entries, tag } : { t: 'seq', range, items, tag },
    end: rest.length ? end(rest, closed) : closed,
  };
}
