// JSON straight from the text to GridLens's tree (tree.ts), for well-formed JSON: objects, arrays, strings, numbers,
// true, false and null between spaces, tabs and line breaks. On anything else (comments, trailing commas, errors,
// other white space, an empty text…) it gives up and the file is read with jsonc-parser (tree.ts parseJsonTree), whose
// tree it must equal node for node: same values (a string's escapes decoded as its scanner decodes them, a number
// as Number() reads its text), same ranges. Held to it by test/unit/scan-json-fast.test.ts.
import { parseJsonTree, type Entry, type MapNode, type Node, type ParsedTree, type Scalar, type SeqNode } from './tree';

/** Thrown (not an Error: no stack to capture) when the text needs the library. */
const GIVE_UP = Symbol('read with the library');
function giveUp(): never {
  throw GIVE_UP;
}

/** Nesting deeper than this is left to the library. */
const MAX_DEPTH = 500;

const enum Ch {
  tab = 9,
  newline = 10,
  carriageReturn = 13,
  space = 32,
  doubleQuote = 34,
  plus = 43,
  comma = 44,
  minus = 45,
  dot = 46,
  slash = 47,
  zero = 48,
  nine = 57,
  colon = 58,
  upperE = 69,
  openBracket = 91,
  backslash = 92,
  closeBracket = 93,
  lowerE = 101,
  lowerF = 102,
  lowerN = 110,
  lowerT = 116,
  openBrace = 123,
  closeBrace = 125,
}

// The reader's state: module-level, as one text is read at a time and never re-entered.
let text = '';
let len = 0;
let pos = 0;
/** The string last scanned by scanString (escapes decoded). */
let stringValue = '';

/** A JSON or JSONC text's document: straight from the text when it is well-formed JSON, else through the library. */
export function parseJson(text: string): ParsedTree {
  const docs = readJsonFast(text);
  return docs ? { docs, problems: [] } : parseJsonTree(text);
}

/** The document of `source` (one, as a JSON text holds one value), or undefined when the library must read it. */
export function readJsonFast(source: string): Node[] | undefined {
  text = source;
  len = source.length;
  pos = 0;
  try {
    skipSpace();
    if (pos >= len) giveUp(); // empty: the library's
    const root = value(0);
    skipSpace();
    if (pos < len) giveUp(); // more after the value
    return [root];
  } catch {
    // GIVE_UP, or a stack too deep: the library decides
    return undefined;
  } finally {
    text = '';
    stringValue = '';
  }
}

function skipSpace(): void {
  while (pos < len) {
    const c = text.charCodeAt(pos);
    if (c !== Ch.space && c !== Ch.newline && c !== Ch.carriageReturn && c !== Ch.tab) return;
    pos++;
  }
}

/** The value at `pos` (which is not white space); pos is left after it. */
function value(depth: number): Node {
  const c = text.charCodeAt(pos);
  if (c === Ch.doubleQuote) {
    const start = pos;
    scanString();
    return scalar(start, { start: start + 1, end: pos - 1 }, stringValue, stringValue);
  }
  if (c === Ch.openBrace) return object(depth + 1);
  if (c === Ch.openBracket) return array(depth + 1);
  const start = pos;
  if (c === Ch.lowerT) return keyword(start, 'true', true);
  if (c === Ch.lowerF) return keyword(start, 'false', false);
  if (c === Ch.lowerN) return keyword(start, 'null', null);
  scanNumber();
  const range = { start, end: pos };
  const raw = Number(text.slice(start, pos));
  return scalar(start, range, String(raw), raw);
}

function scalar(start: number, inner: Scalar['inner'], value: string, raw: unknown): Scalar {
  return { t: 'scalar', range: { start, end: pos }, inner, value, raw, tag: undefined, block: undefined };
}

function keyword(start: number, word: string, raw: boolean | null): Scalar {
  if (!text.startsWith(word, start)) giveUp();
  pos += word.length;
  const c = pos < len ? text.charCodeAt(pos) : Ch.space;
  // the library's scanner reads a whole word (`nullable` is no keyword)
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= Ch.zero && c <= Ch.nine) || c === 95 || c === 36) giveUp();
  const range = { start, end: pos };
  return { t: 'scalar', range, inner: range, value: String(raw), raw, tag: undefined, block: undefined };
}

const isDigit = (c: number): boolean => c >= Ch.zero && c <= Ch.nine;

/** A number as JSON writes it: `-`, an integer part without leading zeros, a fraction, an exponent. */
function scanNumber(): void {
  if (text.charCodeAt(pos) === Ch.minus) pos++;
  const first = text.charCodeAt(pos);
  if (first === Ch.zero) pos++;
  else if (first > Ch.zero && first <= Ch.nine) while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
  else giveUp();
  if (text.charCodeAt(pos) === Ch.dot) {
    pos++;
    if (!isDigit(text.charCodeAt(pos))) giveUp();
    while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
  }
  const e = text.charCodeAt(pos);
  if (e === Ch.lowerE || e === Ch.upperE) {
    pos++;
    const sign = text.charCodeAt(pos);
    if (sign === Ch.plus || sign === Ch.minus) pos++;
    if (!isDigit(text.charCodeAt(pos))) giveUp();
    while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
  }
}

/** The string at `pos` (its opening quote): stringValue, pos after the closing quote. */
function scanString(): void {
  let from = pos + 1;
  let decoded: string | undefined;
  for (let p = from; ; p++) {
    if (p >= len) giveUp();
    const c = text.charCodeAt(p);
    if (c === Ch.doubleQuote) {
      stringValue = decoded === undefined ? text.slice(from, p) : decoded + text.slice(from, p);
      pos = p + 1;
      return;
    }
    if (c < Ch.space) giveUp(); // a line break or control character: an error
    if (c === Ch.backslash) {
      decoded = (decoded ?? '') + text.slice(from, p) + escaped(p + 1);
      p += text.charCodeAt(p + 1) === 117 ? 5 : 1;
      from = p + 1;
    }
  }
}

/** The character of the escape whose letter is at `p` (as the library's scanner decodes it). */
function escaped(p: number): string {
  switch (text.charCodeAt(p)) {
    case Ch.doubleQuote:
      return '"';
    case Ch.backslash:
      return '\\';
    case Ch.slash:
      return '/';
    case 98:
      return '\b';
    case Ch.lowerF:
      return '\f';
    case Ch.lowerN:
      return '\n';
    case 114:
      return '\r';
    case Ch.lowerT:
      return '\t';
    case 117: {
      let code = 0;
      for (let i = p + 1; i < p + 5; i++) {
        const c = i < len ? text.charCodeAt(i) : 0;
        const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
        if (digit < 0) giveUp();
        code = code * 16 + digit;
      }
      return String.fromCharCode(code);
    }
    default:
      return giveUp();
  }
}

function object(depth: number): MapNode {
  if (depth > MAX_DEPTH) giveUp();
  const start = pos;
  const entries: Entry[] = [];
  pos++;
  skipSpace();
  if (text.charCodeAt(pos) !== Ch.closeBrace) {
    for (;;) {
      if (text.charCodeAt(pos) !== Ch.doubleQuote) giveUp();
      const keyStart = pos;
      scanString();
      const key = stringValue;
      const keyRange = { start: keyStart + 1, end: pos - 1 };
      skipSpace();
      if (text.charCodeAt(pos) !== Ch.colon) giveUp();
      pos++;
      skipSpace();
      if (pos >= len) giveUp();
      entries.push({ key, keyRange, value: value(depth) });
      skipSpace();
      const c = text.charCodeAt(pos);
      if (c === Ch.closeBrace) break;
      if (c !== Ch.comma) giveUp();
      pos++;
      skipSpace();
    }
  }
  pos++;
  return { t: 'map', range: { start, end: pos }, entries, tag: undefined };
}

function array(depth: number): SeqNode {
  if (depth > MAX_DEPTH) giveUp();
  const start = pos;
  const items: Node[] = [];
  pos++;
  skipSpace();
  if (text.charCodeAt(pos) !== Ch.closeBracket) {
    for (;;) {
      if (pos >= len) giveUp();
      items.push(value(depth));
      skipSpace();
      const c = text.charCodeAt(pos);
      if (c === Ch.closeBracket) break;
      if (c !== Ch.comma) giveUp();
      pos++;
      skipSpace();
    }
  }
  pos++;
  return { t: 'seq', range: { start, end: pos }, items, tag: undefined };
}
