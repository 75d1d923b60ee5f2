// Lexer for Python: prefixed and triple-quoted strings (f-strings marked as templates), comments, docstrings
// marked as prose. Never throws.
import { ESCAPED, ID, NL, NUM, operatorReader, PROSE, PUNCT, STR, TEMPLATE, TokenList, type LexResult } from './token';
import type { TextRange } from './types';

const punct3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const punct2 = new Set(['==', '!=', '<=', '>=', '->', '**', '//', '+=', '-=', '*=', '/=', ':=', '<<', '>>']);
const operatorLength = operatorReader(punct3, punct2);
const stringStart = new Set(['r', 'R', 'b', 'B', 'u', 'U', 'f', 'F', "'", '"']);
// Character classes by code (a regular expression per character is the lexer's main cost otherwise).
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isQuote = (c: number) => c === 39 || c === 34;
/** [A-Za-z0-9_] */
const isIdPart = (c: number) => isLetter(c) || isDigit(c) || c === 95;

/** `base`: where the text starts in its file (TokenList), for a template's interpolation. */
export function lexPython(text: string, base = 0): LexResult {
  const tokens = new TokenList(text, base);
  const comments: TextRange[] = [];
  const problems: string[] = [];
  const n = text.length;
  let i = 0;
  let nl = true;
  let depth = 0;
  const push = (kind: number, start: number, end: number, flags = 0, innerStart = 0, innerEnd = 0) => {
    tokens.push(kind, start, end, nl ? flags | NL : flags, innerStart, innerEnd);
    nl = false;
  };

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
    if (code === 92 /* \\ */ && text.charCodeAt(i + 1) === 10) {
      i += 2;
      continue;
    }
    const c = text[i];
    if (c === '#') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      comments.push({ start: i, end: stop });
      nl = false;
      i = stop;
      continue;
    }
    // a string starts with a quote or a prefix letter, and has its quote within three characters: anything else
    // skips the look-ahead
    const quoteNear = isQuote(code) || isQuote(text.charCodeAt(i + 1)) || isQuote(text.charCodeAt(i + 2));
    const prefix = quoteNear && stringStart.has(c) ? /^([rRbBuUfF]{1,2})?(['"])/.exec(text.slice(i, i + 4)) : null;
    if (prefix && (prefix[1] === undefined || /^(?:[rR][bBfF]?|[bBfF][rR]?|[uU])$/.test(prefix[1]))) {
      const start = i;
      const flags = (prefix[1] ?? '').toLowerCase();
      const q = prefix[2];
      let j = i + (prefix[1]?.length ?? 0);
      const triple = text.startsWith(q.repeat(3), j);
      const delim = triple ? q.repeat(3) : q;
      j += delim.length;
      const contentStart = j;
      const escapes = !flags.includes('r');
      const quote = q.charCodeAt(0);
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
      const closed = text.startsWith(delim, j);
      if (!closed) problems.push(`unterminated string at offset ${start}`);
      const contentEnd = Math.min(j, n);
      const end = closed ? j + delim.length : j;
      const template = flags.includes('f') && /\{[^{]/.test(text.slice(contentStart, contentEnd));
      // A string that is a whole statement (docstring, block string) is prose.
      const startsStatement = nl || (tokens.length === 0 && comments.length === 0);
      const prose = triple && startsStatement && /^[ \t]*(?:#[^\n]*)?(?:\n|$)/.test(text.slice(end, end + 200));
      const tokenFlags = (template ? TEMPLATE : 0) | (prose ? PROSE : 0) | (escapes ? ESCAPED : 0);
      push(STR, start, end, tokenFlags, contentStart, contentEnd);
      i = end;
      continue;
    }
    if (isLetter(code) || code === 95 /* _ */ || code > 127) {
      let j = i + 1;
      while (j < n && (isIdPart(text.charCodeAt(j)) || text.charCodeAt(j) > 127)) j++;
      push(ID, i, j);
      i = j;
      continue;
    }
    if (isDigit(code)) {
      let j = i + 1;
      while (j < n && (isIdPart(text.charCodeAt(j)) || text.charCodeAt(j) === 46) /* . */) j++;
      push(NUM, i, j);
      i = j;
      continue;
    }
    const length = operatorLength(text, i);
    if (length === 1 && (code === 40 || code === 91 || code === 123) /* ( [ { */) depth++;
    if (length === 1 && (code === 41 || code === 93 || code === 125) /* ) ] } */ && depth > 0) depth--;
    push(PUNCT, i, i + length);
    i += length;
  }
  return { tokens, comments, problems };
}
