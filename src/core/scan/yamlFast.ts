// YAML straight from the text to GridLens's tree (tree.ts), for the shape most configuration files have: block maps
// and sequences, plain and quoted scalars on one line, one-line flow collections, comments, blank lines, `---`
// documents, literal and folded block scalars (`|`, `>-`) and local tags (`!Ref`). On anything else (anchors, aliases,
// merge keys, directives, explicit keys, multi-line flow scalars, tabs, line breaks other than \n, errors…) it gives up and the caller reads the
// file with the library (yamlTree.ts), whose tree it must equal node for node: same values (plain scalars are typed
// by the library's own schema, yamlCst.ts plainScalarValue), same ranges. A collection's range ends where the
// library's parser puts the end of its last value, and that depends on which node the comment and blank lines after
// a value are given to: the rules below (absorb, closeCollection, emptyMapValueEnd) follow its parser (parse/parser.js:
// blockMap, blockSequence, atIndentedComment, pop) and are held to it by test/unit/scan-yaml-fast.test.ts.
import { CST } from 'yaml';
import type { Entry, MapNode, Node, Scalar, SeqNode } from './tree';
import { plainScalarValue, schemaHasKeyTags } from './yamlCst';

/** Thrown (not an Error: no stack to capture) when the text needs the library. */
const GIVE_UP = Symbol('read with the library');
function giveUp(): never {
  throw GIVE_UP;
}

/** Plain scalars' values by text (the same few numbers and booleans recur): at most this many are kept. */
const PLAIN_VALUES_KEPT = 4096;
/**
 * Only short texts are kept: a longer one can be a slice sharing the file's text, which the cache would keep alive.
 */
const PLAIN_VALUE_KEPT_LENGTH = 12;
const plainValues = new Map<string, unknown>();

/** Nesting deeper than this is left to the library (which stops reading at 200). */
const MAX_DEPTH = 100;
/** The library rejects implicit keys longer than 1024 characters. */
const MAX_KEY_LENGTH = 1000;

const enum Ch {
  newline = 10,
  space = 32,
  bang = 33,
  doubleQuote = 34,
  hash = 35,
  percent = 37,
  ampersand = 38,
  singleQuote = 39,
  star = 42,
  comma = 44,
  dash = 45,
  dot = 46,
  colon = 58,
  greater = 62,
  question = 63,
  at = 64,
  openBracket = 91,
  backslash = 92,
  closeBracket = 93,
  backtick = 96,
  openBrace = 123,
  pipe = 124,
  closeBrace = 125,
}

const enum Next {
  /** End of the text. */
  end,
  /** A line with content (cursor at its first character). */
  content,
  /** A `---` line. */
  docStart,
}

// The reader's state: module-level, as one file is read at a time and never re-entered.
let text = '';
let len = 0;
/** What follows the trivia lines after the last line read, and where (the end of the text for Next.end). */
let next: Next = Next.end;
let cursor = 0;
let cursorIndent = 0;
let cursorLineStart = 0;
/** The blank and comment lines between the last line read and the cursor: a comment's column (-1 for a blank line), its newline's position and the line's end. */
let triviaCount = 0;
const triviaColumn: number[] = [];
const triviaNewline: number[] = [];
const triviaEnd: number[] = [];
/**
 * Trivia lines left after the last value, not yet given to a node (the parser's start-only last item): whether they
 * hold a comment and the largest comment column. A closing collection keeps them or hands them to its parent.
 */
let pendingComment = false;
let pendingColumn = -1;
/** End of the node last read, with what the library's range[2] includes (trailing comments and line breaks). */
let nodeEnd = 0;
/** Whether the line rest read by lineRest held a comment. */
let restComment = false;
// The scalar last scanned by scanScalar.
let scalarEnd = 0;
let scalarQuoted = false;
let scalarText = '';
/** Position after the `:` when the scalar is an implicit key, else -1. */
let keyColon = -1;

/** The documents of `source`, or undefined when the library must read it. */
export function readYamlFast(source: string): Node[] | undefined {
  // tabs and \r change indentation and line breaks, a byte order mark makes a token of its own: the library's
  if (schemaHasKeyTags || source.includes('\t') || source.includes('\r') || source.includes('\ufeff')) return undefined;
  text = source;
  len = source.length;
  try {
    return documents();
  } catch {
    // GIVE_UP, or a stack too deep: the library decides
    return undefined;
  } finally {
    text = '';
  }
}

function documents(): Node[] {
  const docs: Node[] = [];
  advance(0);
  while (next !== Next.end) {
    let emptyAt = -1;
    if (next === Next.docStart) {
      emptyAt = skipSpaces(cursor + 3);
      advance(lineRest(cursor + 3));
    }
    if (next === Next.content) {
      docs.push(blockNode(0));
      if (next === Next.content) giveUp(); // less indented than the root: an error
    } else docs.push(nullScalar(emptyAt)); // `---` with nothing after it
  }
  return docs;
}

/** Reads the blank and comment lines from `p` (a line start) up to the next content, `---` or the end. */
function advance(p: number): void {
  triviaCount = 0;
  for (;;) {
    if (p >= len) {
      next = Next.end;
      cursor = len;
      return;
    }
    let q = p;
    while (q < len && text.charCodeAt(q) === Ch.space) q++;
    if (q >= len) {
      trivia(-1, len, len);
      next = Next.end;
      cursor = len;
      return;
    }
    const c = text.charCodeAt(q);
    if (c === Ch.newline) {
      trivia(-1, q, q + 1);
      p = q + 1;
      continue;
    }
    if (c === Ch.hash) {
      const nl = text.indexOf('\n', q);
      if (nl < 0) {
        trivia(q - p, len, len);
        p = len;
      } else {
        trivia(q - p, nl, nl + 1);
        p = nl + 1;
      }
      continue;
    }
    if (q === p) {
      if (c === Ch.dash && isMarker(p, Ch.dash)) {
        next = Next.docStart;
        cursor = p;
        cursorIndent = 0;
        return;
      }
      if ((c === Ch.dot && isMarker(p, Ch.dot)) || c === Ch.percent) giveUp(); // document end, directive
    }
    next = Next.content;
    cursor = q;
    cursorIndent = q - p;
    cursorLineStart = p;
    return;
  }
}

function trivia(column: number, newline: number, end: number): void {
  triviaColumn[triviaCount] = column;
  triviaNewline[triviaCount] = newline;
  triviaEnd[triviaCount] = end;
  triviaCount++;
}

/** `---` or `...` at `p`, ended by a space or line break. */
function isMarker(p: number, c: number): boolean {
  return text.charCodeAt(p + 1) === c && text.charCodeAt(p + 2) === c && isBlankOrEnd(p + 3);
}

const isBlankOrEnd = (p: number): boolean => p >= len || text.charCodeAt(p) === Ch.space || text.charCodeAt(p) === Ch.newline;
const isFlowIndicator = (c: number): boolean =>
  c === Ch.comma || c === Ch.openBracket || c === Ch.closeBracket || c === Ch.openBrace || c === Ch.closeBrace;
const isSeqItem = (p: number): boolean => text.charCodeAt(p) === Ch.dash && isBlankOrEnd(p + 1);

function skipSpaces(p: number): number {
  while (p < len && text.charCodeAt(p) === Ch.space) p++;
  return p;
}

/** After a value on its line: spaces, maybe a comment, the line break. Returns the next line's start. */
function lineRest(p: number): number {
  const q = skipSpaces(p);
  restComment = false;
  if (q >= len) return len;
  const c = text.charCodeAt(q);
  if (c === Ch.newline) return q + 1;
  if (c !== Ch.hash || q === p) giveUp(); // more on the line, or a comment without a space before it
  restComment = true;
  const nl = text.indexOf('\n', q);
  return nl < 0 ? len : nl + 1;
}

function nullScalar(at: number): Scalar {
  const range = { start: at, end: at };
  return { t: 'scalar', range, inner: range, value: '', raw: null, tag: undefined, block: undefined };
}

/** The block map or sequence at the cursor. */
function blockNode(depth: number): Node {
  if (depth > MAX_DEPTH) giveUp();
  return isSeqItem(cursor) ? blockSeq(cursorIndent, depth) : blockMap(cursorIndent, depth);
}

/**
 * Trailing trivia the closing collection at `indent` keeps (the parser moves them to the parent unless a comment
 * among them is indented at least as deep as the collection, below the top level): its end is then the next token.
 */
function closeCollection(indent: number, offset: number): number {
  if (pendingComment && indent !== 0 && pendingColumn >= indent) {
    pendingComment = false;
    pendingColumn = -1;
    return cursor;
  }
  return offset;
}

/**
 * After a scalar or flow value whose line ends at `end`, in a collection at `indent`: a comment line indented deeper
 * than the collection that follows only blank lines joins the value (the parser's atIndentedComment); the other trivia
 * lines are left pending. Returns the value's end.
 */
function absorb(indent: number, end: number): number {
  let comment = false;
  let column = -1;
  for (let t = 0; t < triviaCount; t++) {
    const col = triviaColumn[t];
    if (col < 0) continue;
    if (col > indent && !comment) end = triviaEnd[t];
    else {
      comment = true;
      if (col > column) column = col;
    }
  }
  pendingComment = comment;
  pendingColumn = column;
  return end;
}

/**
 * End of a map value left empty (`key:` then a line break), the null scalar being at `at`: its props (the line rest and
 * the trivia lines) reach the next token, except that when the next key is at this map's indent the parser hands what
 * follows the second line break after the last deeper comment to that key. The end is where the props end when they
 * hold a comment, else the scalar's place.
 */
function emptyMapValueEnd(indent: number, at: number, keyLineComment: boolean): number {
  let comment = keyLineComment;
  const nextItem = next === Next.content ? cursorIndent === indent : next === Next.docStart && indent === 0;
  if (nextItem) {
    let last = -1;
    for (let t = 0; t < triviaCount; t++) if (triviaColumn[t] > indent) last = t;
    if (last + 1 < triviaCount) {
      for (let t = 0; t <= last + 1; t++) if (triviaColumn[t] >= 0) comment = true;
      return comment ? triviaNewline[last + 1] : at;
    }
  }
  for (let t = 0; t < triviaCount; t++) if (triviaColumn[t] >= 0) comment = true;
  return comment ? cursor : at;
}

/** Entries a map holds before its keys are indexed (a few keys are found faster by a search than in a Map). */
const SEARCHED_ENTRIES = 16;

/**
 * Adds an entry; a repeated key takes the first one's place (yamlCst.ts addEntry). Returns the key index, made once
 * the map is large.
 */
function addEntry(entries: Entry[], byKey: Map<string, number> | undefined, entry: Entry): Map<string, number> | undefined {
  if (byKey) {
    const existing = byKey.get(entry.key);
    if (existing !== undefined) entries[existing] = entry;
    else byKey.set(entry.key, entries.push(entry) - 1);
    return byKey;
  }
  for (let i = 0; i < entries.length; i++) {
    if (entries[i].key === entry.key) {
      entries[i] = entry;
      return undefined;
    }
  }
  if (entries.push(entry) < SEARCHED_ENTRIES) return undefined;
  const index = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) index.set(entries[i].key, i);
  return index;
}

function blockMap(indent: number, depth: number): MapNode {
  const start = cursor;
  const entries: Entry[] = [];
  let byKey: Map<string, number> | undefined;
  let offset = start;
  for (;;) {
    pendingComment = false;
    pendingColumn = -1;
    scanScalar(cursor, false);
    if (keyColon < 0 || scalarEnd - cursor > MAX_KEY_LENGTH) giveUp();
    const keyText = scalarQuoted ? scalarText : String(plainValue(scalarText));
    if (keyText === '<<' && !scalarQuoted) giveUp(); // merge key
    const keyRange = { start: cursor, end: scalarEnd };
    const v = skipSpaces(keyColon);
    const c = v < len ? text.charCodeAt(v) : Ch.newline;
    let value: Node;
    if (c === Ch.newline || c === Ch.hash) {
      advance(lineRest(keyColon));
      const keyLineComment = restComment;
      if (next === Next.content && (cursorIndent > indent || (cursorIndent === indent && isSeqItem(cursor)))) {
        value = blockNode(depth + 1);
      } else {
        value = nullScalar(v);
        nodeEnd = emptyMapValueEnd(indent, v, keyLineComment);
      }
    } else value = inlineValue(v, indent, depth);
    offset = nodeEnd;
    byKey = addEntry(entries, byKey, { key: keyText, keyRange, value });
    if (next !== Next.content || cursorIndent < indent) break;
    if (cursorIndent > indent || isSeqItem(cursor)) giveUp(); // a continuation line, or an error
  }
  nodeEnd = closeCollection(indent, offset);
  return { t: 'map', range: { start, end: offset }, entries, tag: undefined };
}

function blockSeq(indent: number, depth: number): SeqNode {
  const start = cursor;
  const items: Node[] = [];
  let offset = start;
  for (let first = true; ; first = false) {
    // trivia left pending by the previous item are this item's props (a comment among them counts for an empty one)
    const startComment = !first && pendingComment;
    pendingComment = false;
    pendingColumn = -1;
    const dash = cursor;
    const v = skipSpaces(dash + 1);
    const c = v < len ? text.charCodeAt(v) : Ch.newline;
    let item: Node;
    if (c === Ch.newline || c === Ch.hash) {
      advance(lineRest(dash + 1));
      if (next === Next.content && cursorIndent > indent) item = blockNode(depth + 1);
      else {
        // an empty item: its props hold everything up to the next token
        let comment = startComment || restComment;
        for (let t = 0; t < triviaCount && !comment; t++) if (triviaColumn[t] >= 0) comment = true;
        item = nullScalar(v);
        nodeEnd = comment ? cursor : v;
      }
    } else if (c === Ch.dash && isBlankOrEnd(v + 1))
      giveUp(); // `- - a`
    else if (c === Ch.bang || c === Ch.openBracket || c === Ch.openBrace || c === Ch.pipe || c === Ch.greater)
      item = inlineValue(v, indent, depth);
    else {
      scanScalar(v, false);
      if (keyColon >= 0) {
        // a map in the item: `- key: value`, indented as its first key
        cursor = v;
        cursorIndent = v - cursorLineStart;
        item = blockMap(cursorIndent, depth + 1);
      } else item = scalarValue(v, undefined, indent);
    }
    offset = nodeEnd;
    items.push(item);
    if (next !== Next.content || cursorIndent < indent) break;
    if (cursorIndent > indent) giveUp(); // a continuation line, or an error
    if (!isSeqItem(cursor)) break; // the next key of the map this sequence is the value of
  }
  nodeEnd = closeCollection(indent, offset);
  return { t: 'seq', range: { start, end: offset }, items, tag: undefined };
}

/** A value after `key: ` or `- ` on its line (a tagged one may be a block collection on the next lines). */
function inlineValue(v: number, indent: number, depth: number): Node {
  let tag: string | undefined;
  let c = text.charCodeAt(v);
  if (c === Ch.bang) {
    const tagEnd = localTagEnd(v);
    tag = text.slice(v, tagEnd);
    v = skipSpaces(tagEnd);
    c = v < len ? text.charCodeAt(v) : Ch.newline;
    if (c === Ch.newline || c === Ch.hash) {
      advance(lineRest(tagEnd));
      if (next !== Next.content || cursorIndent <= indent) giveUp();
      const node = blockNode(depth + 1);
      node.tag = tag;
      return node;
    }
  }
  if (c === Ch.pipe || c === Ch.greater) {
    const node = blockScalar(v, indent, tag);
    nodeEnd = scalarEnd;
    advance(scalarEnd);
    pendingTrivia();
    return node;
  }
  if (c === Ch.openBracket || c === Ch.openBrace) {
    const node = flowCollection(v, depth + 1);
    node.tag = tag;
    const lineEnd = lineRest(scalarEnd);
    advance(lineEnd);
    nodeEnd = absorb(indent, lineEnd);
    return node;
  }
  scanScalar(v, false);
  if (keyColon >= 0) giveUp(); // `key: other: value`, or a tagged key
  return scalarValue(v, tag, indent);
}

/** After a block scalar the trivia lines are all pending: the parser joins comments only to values that end on their line. */
function pendingTrivia(): void {
  pendingComment = false;
  pendingColumn = -1;
  for (let t = 0; t < triviaCount; t++) {
    if (triviaColumn[t] < 0) continue;
    pendingComment = true;
    if (triviaColumn[t] > pendingColumn) pendingColumn = triviaColumn[t];
  }
}

/**
 * A block scalar whose header (`|`, `>`, maybe a chomping indicator) is at `v`, the value of a collection at `indent`:
 * its lines are found as the library's lexer finds them (parse/lexer.js parseBlockScalar) and its value is the
 * library's (CST.resolveAsScalar). scalarEnd is set to the start of the line after it.
 */
function blockScalar(v: number, indent: number, tag: string | undefined): Scalar {
  let p = v + 1;
  const chomp = text.charCodeAt(p);
  if (chomp === Ch.dash || chomp === 43) p++;
  if (!isBlankOrEnd(p)) giveUp(); // an indentation indicator, or more on the header
  const header = text.slice(v, p);
  const start = lineRest(p);
  if (start >= len && text.charCodeAt(len - 1) !== Ch.newline) giveUp(); // no line break after the header
  // the lexer: leading empty lines, then the lines indented at least as the first content line (which must be
  // deeper than the collection), then (unless kept) trailing lines of spaces are given back
  let minIndent = indent + 1;
  let nl = start - 1;
  let lineIndent = 0;
  let i = start;
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === Ch.space) lineIndent++;
    else if (c === Ch.newline) {
      nl = i;
      lineIndent = 0;
    } else break;
  }
  if (lineIndent >= minIndent) {
    minIndent = lineIndent;
    for (;;) {
      let q = nl + 1;
      while (q < len && text.charCodeAt(q) === Ch.space) q++;
      // a line continues the scalar when it is empty or indented enough (lexer.js continueScalar)
      if (q - nl - 1 < minIndent && (q >= len || text.charCodeAt(q) !== Ch.newline)) break;
      nl = text.indexOf('\n', q);
      if (nl < 0) {
        nl = len;
        break;
      }
    }
  }
  if (chomp !== 43) {
    for (;;) {
      const lastChar = nl - 1;
      let j = lastChar;
      while (j >= 0 && text.charCodeAt(j) === Ch.space) j--;
      if (j >= start && text.charCodeAt(j) === Ch.newline && j + 1 + lineIndent > lastChar) nl = j;
      else break;
    }
  }
  const end = Math.min(nl + 1, len);
  const token: CST.BlockScalar = {
    type: 'block-scalar',
    offset: v,
    indent,
    // the header's line rest (spaces, comment, line break): only its length is read
    props: [
      { type: 'block-scalar-header', offset: v, indent, source: header },
      { type: 'newline', offset: p, indent, source: text.slice(p, start) },
    ],
    source: text.slice(start, end),
  };
  const resolved = CST.resolveAsScalar(token, false, giveUp);
  if (!resolved) giveUp();
  scalarEnd = end;
  const range = { start: resolved.range[0], end: resolved.range[1] };
  return { t: 'scalar', range, inner: undefined, value: resolved.value, raw: resolved.value, tag, block: true };
}

/** The scalar scanned at `v` as a value ending its line. */
function scalarValue(v: number, tag: string | undefined, indent: number): Scalar {
  const node = scalarNode(v, tag);
  const lineEnd = lineRest(scalarEnd);
  advance(lineEnd);
  nodeEnd = absorb(indent, lineEnd);
  return node;
}

function scalarNode(v: number, tag: string | undefined): Scalar {
  const range = { start: v, end: scalarEnd };
  if (scalarQuoted)
    return {
      t: 'scalar',
      range,
      inner: { start: v + 1, end: Math.max(v + 1, scalarEnd - 1) },
      value: scalarText,
      raw: scalarText,
      tag,
      block: undefined,
    };
  const raw = tag ? scalarText : plainValue(scalarText);
  return { t: 'scalar', range, inner: range, value: raw === null ? '' : String(raw), raw, tag, block: undefined };
}

/** The core schema's value of a plain scalar: only text that can start a null, boolean or number is tested. */
function plainValue(source: string): unknown {
  const c = source.charCodeAt(0);
  // a word is a value only as null, true or false (4 or 5 letters): most keys and words are none
  const word = c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70;
  const candidate =
    (c >= 48 && c <= 57) || c === 126 || c === 46 || c === 43 || c === 45 || (word && (source.length === 4 || source.length === 5));
  if (!candidate) return source;
  if (source.length > PLAIN_VALUE_KEPT_LENGTH) return plainScalarValue(source);
  let value = plainValues.get(source);
  if (value === undefined && !plainValues.has(source)) {
    value = plainScalarValue(source);
    if (plainValues.size >= PLAIN_VALUES_KEPT) plainValues.clear();
    plainValues.set(source, value);
  }
  return value;
}

/** End of a local tag (`!Ref`) at `v`, which must be followed by a space or line break (other tags are the library's). */
function localTagEnd(v: number): number {
  let p = v + 1;
  for (; p < len; p++) {
    const c = text.charCodeAt(p);
    const word =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === Ch.dash || c === Ch.dot || c === Ch.colon;
    if (!word) break;
  }
  if (p === v + 1 || !isBlankOrEnd(p)) giveUp();
  return p;
}

/**
 * Scans the plain or quoted scalar at `v` on its line: scalarEnd, scalarQuoted, scalarText (the value's text: a
 * quoted scalar's decoded), and keyColon when an implicit key's `:` follows.
 */
function scanScalar(v: number, flow: boolean): void {
  const c = v < len ? text.charCodeAt(v) : Ch.newline;
  keyColon = -1;
  if (c === Ch.doubleQuote || c === Ch.singleQuote) {
    quoted(v, c);
    scalarQuoted = true;
    const after = flow ? scalarEnd : skipSpaces(scalarEnd);
    if (text.charCodeAt(after) === Ch.colon && (isBlankOrEnd(after + 1) || flow)) keyColon = after + 1;
    return;
  }
  switch (c) {
    case Ch.newline:
    case Ch.hash:
    case Ch.ampersand:
    case Ch.star:
    case Ch.bang:
    case Ch.pipe:
    case Ch.greater:
    case Ch.percent:
    case Ch.at:
    case Ch.backtick:
    case Ch.question:
    case Ch.colon:
    case Ch.comma:
    case Ch.openBracket:
    case Ch.closeBracket:
    case Ch.openBrace:
    case Ch.closeBrace:
      giveUp();
  }
  if (c === Ch.dash && isBlankOrEnd(v + 1)) giveUp();
  scalarQuoted = false;
  let end = v + 1;
  let p = v + 1;
  for (; p < len; p++) {
    const d = text.charCodeAt(p);
    if (d === Ch.newline) break;
    if (d === Ch.space) continue;
    if (d < Ch.space) giveUp(); // control characters
    if (d === Ch.colon) {
      if (isBlankOrEnd(p + 1)) {
        keyColon = p + 1;
        break;
      }
      if (flow && isFlowIndicator(text.charCodeAt(p + 1))) giveUp(); // `[a:]`: the library's
    } else if (d === Ch.hash) {
      if (text.charCodeAt(p - 1) === Ch.space) {
        if (flow) giveUp();
        break;
      }
    } else if (flow && isFlowIndicator(d)) break;
    end = p + 1;
  }
  scalarEnd = end;
  scalarText = text.slice(v, end);
}

/**
 * The one-line quoted scalar at `v`, opened by `quote`: a single-quoted one escapes its quote by doubling it, a
 * double-quoted one escapes with a backslash.
 */
function quoted(v: number, quote: number): void {
  let from = v + 1;
  let decoded: string | undefined;
  for (let p = v + 1; ; p++) {
    if (p >= len) giveUp();
    const c = text.charCodeAt(p);
    if (c < Ch.space) giveUp(); // a line break (a multi-line scalar), control characters
    if (c === quote) {
      if (quote === Ch.singleQuote && text.charCodeAt(p + 1) === Ch.singleQuote) {
        decoded = (decoded ?? '') + text.slice(from, p + 1);
        p++;
        from = p + 1;
        continue;
      }
      scalarText = decoded === undefined ? text.slice(from, p) : decoded + text.slice(from, p);
      scalarEnd = p + 1;
      return;
    }
    if (c === Ch.backslash && quote === Ch.doubleQuote) {
      const e = p + 1 < len ? text.charCodeAt(p + 1) : Ch.newline;
      const digits = e === 120 ? 2 : e === 117 ? 4 : e === 85 ? 8 : 0; // \x, \u, \U
      decoded = (decoded ?? '') + text.slice(from, p) + (digits ? codePoint(p + 2, digits) : escaped(e));
      p += 1 + digits;
      from = p + 1;
    }
  }
}

/** The character of a \x, \u or \U escape's hex digits at `p` (the library reports other digits). */
function codePoint(p: number, digits: number): string {
  let code = 0;
  for (let i = p; i < p + digits; i++) {
    const c = i < len ? text.charCodeAt(i) : 0;
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (digit < 0) giveUp();
    code = code * 16 + digit;
  }
  if (code > 0x10ffff) giveUp();
  return String.fromCodePoint(code);
}

/** A one-character escape as the library decodes it (line continuations are the library's). */
function escaped(c: number): string {
  switch (c) {
    case 48:
      return '\0';
    case 97:
      return '\x07';
    case 98:
      return '\b';
    case 101:
      return '\x1b';
    case 102:
      return '\f';
    case 110:
      return '\n';
    case 114:
      return '\r';
    case 116:
      return '\t';
    case 118:
      return '\v';
    case 78:
      return '\u0085';
    case 95:
      return '\u00a0';
    case 76:
      return '\u2028';
    case 80:
      return '\u2029';
    case Ch.space:
      return ' ';
    case Ch.doubleQuote:
      return '"';
    case 47:
      return '/';
    case Ch.backslash:
      return '\\';
    default:
      return giveUp();
  }
}

/** A flow collection on one line at `v` (`[a, b]`, `{k: v}`); scalarEnd is set after its closing bracket. */
function flowCollection(v: number, depth: number): MapNode | SeqNode {
  if (depth > MAX_DEPTH) giveUp();
  const isMap = text.charCodeAt(v) === Ch.openBrace;
  const close = isMap ? Ch.closeBrace : Ch.closeBracket;
  const entries: Entry[] = [];
  let byKey: Map<string, number> | undefined;
  const items: Node[] = [];
  let p = skipSpaces(v + 1);
  while (text.charCodeAt(p) !== close) {
    if (isMap) {
      const c = text.charCodeAt(p);
      if (c === Ch.openBracket || c === Ch.openBrace) giveUp(); // a collection as a key
      scanScalar(p, true);
      if (keyColon < 0 || !isBlankOrEnd(keyColon)) giveUp(); // a key without a value, or `k:v`
      const keyText = scalarQuoted ? scalarText : String(plainValue(scalarText));
      if (keyText === '<<' && !scalarQuoted) giveUp();
      const keyRange = { start: p, end: scalarEnd };
      const value = flowItem(skipSpaces(keyColon), depth);
      byKey = addEntry(entries, byKey, { key: keyText, keyRange, value });
    } else items.push(flowItem(p, depth));
    p = skipSpaces(scalarEnd);
    const c = text.charCodeAt(p);
    if (c === Ch.comma) p = skipSpaces(p + 1);
    else if (c !== close) giveUp();
  }
  scalarEnd = p + 1;
  const range = { start: v, end: p + 1 };
  return isMap ? { t: 'map', range, entries, tag: undefined } : { t: 'seq', range, items, tag: undefined };
}

/** A flow collection's item or a flow map's value at `p`; scalarEnd is set after it. */
function flowItem(p: number, depth: number): Node {
  let tag: string | undefined;
  if (text.charCodeAt(p) === Ch.bang) {
    const tagEnd = localTagEnd(p);
    tag = text.slice(p, tagEnd);
    p = skipSpaces(tagEnd);
  }
  const c = text.charCodeAt(p);
  if (c === Ch.openBracket || c === Ch.openBrace) {
    const node = flowCollection(p, depth + 1);
    node.tag = tag;
    return node;
  }
  if (isFlowIndicator(c)) giveUp(); // an empty item or value
  scanScalar(p, true);
  if (keyColon >= 0) giveUp(); // a pair in a sequence, or `k: v: w`
  return scalarNode(p, tag);
}
