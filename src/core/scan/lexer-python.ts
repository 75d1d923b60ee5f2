// Lexer for Python: prefixed and triple-quoted strings (f-strings marked as templates), comments, docstrings
// marked as prose. Never throws.
import { ESCAPED, ID, NL, NUM, operatorReader, PROSE, PUNCT, STR, TEMPLATE, TokenList, type LexResult } from './token';

const punct3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const punct2 = new Set(['==', '!=', '<=', '>=', '->', '**', '//', '+=', '-=', '*=', '/=', ':=', '<<', '>>']);
const operatorLength = operatorReader(punct3, punct2);

/**
 * ASCII character classes, a bit each, by code: a table look-up per character and no call (the lexer runs cold on
 * most of a scan's files, where a call per character is most of its cost). Any character past ASCII is part of a name.
 */
const NAME_START = 1;
const NAME_PART = 2;
const NUMBER_PART = 4;
/** r, b, u, f: a string prefix when a quote follows. */
const PREFIX = 8;
const classes = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const digit = c >= 48 && c <= 57;
  if (letter || c === 95 /* _ */) classes[c] |= NAME_START;
  if (letter || digit || c === 95) classes[c] |= NAME_PART | NUMBER_PART;
  if (c === 46 /* . */) classes[c] |= NUMBER_PART;
  if ('rRbBuUfF'.includes(String.fromCharCode(c))) classes[c] |= PREFIX;
}
const isQuote = (c: number) => c === 39 || c === 34;

/** `base`: where the text starts in its file (TokenList), for a template's interpolation. */
export function lexPython(text: string, base = 0): LexResult {
  const tokens = new TokenList(text, base);
  const comments: number[] = [];
  const problems: string[] = [];
  const n = text.length;
  let i = 0;
  let nl = true;
  let depth = 0;

  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 10 /* \n */) {
      if (depth === 0) nl = true;
      i++;
      continue;
    }
    if (code === 32 || code === 9 || code === 13 || code === 12 /* space, \t, \r, \f */) {
      i++;
      continue;
    }
    const cls = code < 128 ? classes[code] : NAME_START;
    // a string starts with a quote, or with a prefix and its quote
    const prefix = isQuote(code) ? 0 : cls & PREFIX ? prefixLength(text, i) : -1;
    if (prefix >= 0) {
      const startsStatement = nl || (tokens.length === 0 && comments.length === 0);
      i = pythonString(text, i, prefix, tokens, problems, nl, startsStatement);
      nl = false;
      continue;
    }
    if (cls & NAME_START) {
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d < 128 && !(classes[d] & NAME_PART)) break;
      }
      tokens.push(ID, i, j, nl ? NL : 0, 0, 0);
      nl = false;
      i = j;
      continue;
    }
    if (code >= 48 && code <= 57 /* 0-9 */) {
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (!(d < 128 && classes[d] & NUMBER_PART)) break;
      }
      tokens.push(NUM, i, j, nl ? NL : 0, 0, 0);
      nl = false;
      i = j;
      continue;
    }
    if (code === 35 /* # */) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      comments.push(i, stop);
      nl = false;
      i = stop;
      continue;
    }
    if (code === 92 /* \\ */ && text.charCodeAt(i + 1) === 10) {
      i += 2;
      continue;
    }
    const length = operatorLength(text, i);
    if (length === 1 && (code === 40 || code === 91 || code === 123) /* ( [ { */) depth++;
    if (length === 1 && (code === 41 || code === 93 || code === 125) /* ) ] } */ && depth > 0) depth--;
    tokens.push(PUNCT, i, i + length, nl ? NL : 0, 0, 0);
    nl = false;
    i += length;
  }
  return { tokens, comments, problems };
}

/** The length of a string prefix at i before its quote (r, b, u, f, or rb, br, rf, fr in either case), or -1: no string starts there. */
function prefixLength(text: string, i: number): number {
  const second = text.charCodeAt(i + 1);
  if (isQuote(second)) return 1;
  if (!isQuote(text.charCodeAt(i + 2))) return -1;
  // lower case (both are letters when they match)
  const a = text.charCodeAt(i) | 32;
  const b = second | 32;
  // rb, rf, br, fr (114 r, 98 b, 102 f)
  return (a === 114 && (b === 98 || b === 102)) || ((a === 98 || a === 102) && b === 114) ? 2 : -1;
}

/** Reads the string at `start` whose quote follows a prefix of `prefix` characters; returns the offset after it. */
function pythonString(
  text: string,
  start: number,
  prefix: number,
  tokens: TokenList,
  problems: string[],
  nl: boolean,
  startsStatement: boolean,
): number {
  const n = text.length;
  let raw = false;
  let formatted = false;
  for (let p = start; p < start + prefix; p++) {
    const letter = text.charCodeAt(p) | 32;
    if (letter === 114 /* r */) raw = true;
    if (letter === 102 /* f */) formatted = true;
  }
  let j = start + prefix;
  const quote = text.charCodeAt(j);
  const triple = text.charCodeAt(j + 1) === quote && text.charCodeAt(j + 2) === quote;
  const delimiter = triple ? 3 : 1;
  j += delimiter;
  const contentStart = j;
  const escapes = !raw;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === 92 /* \\ */ && escapes) {
      j += 2;
      continue;
    }
    if (d === quote && (!triple || (text.charCodeAt(j + 1) === quote && text.charCodeAt(j + 2) === quote))) break;
    if (d === 10 /* \n */ && !triple) break;
    j++;
  }
  const closed = text.charCodeAt(j) === quote && (!triple || (text.charCodeAt(j + 1) === quote && text.charCodeAt(j + 2) === quote));
  if (!closed) problems.push(`unterminated string at offset ${start}`);
  const contentEnd = Math.min(j, n);
  const end = closed ? j + delimiter : j;
  const template = formatted && holdsInterpolation(text, contentStart, contentEnd);
  // A string that is a whole statement (docstring, block string) is prose.
  const prose = triple && startsStatement && /^[ \t]*(?:#[^\n]*)?(?:\n|$)/.test(text.slice(end, end + 200));
  const flags = (template ? TEMPLATE : 0) | (prose ? PROSE : 0) | (escapes ? ESCAPED : 0) | (nl ? NL : 0);
  tokens.push(STR, start, end, flags, contentStart, contentEnd);
  return end;
}

/** Whether text[start, end) holds a `{` followed by another character than `{` (an f-string's interpolation). */
function holdsInterpolation(text: string, start: number, end: number): boolean {
  for (let j = start; j + 1 < end; j++) if (text.charCodeAt(j) === 123 /* { */ && text.charCodeAt(j + 1) !== 123) return true;
  return false;
}
