// Lexer for Python: prefixed and triple-quoted strings (f-strings marked as templates), comments, docstrings
// marked as prose. Never throws.
import { operatorReader, unescape, type LexResult, type Token } from './token';
import type { TextRange } from './types';

const punct3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const punct2 = new Set(['==', '!=', '<=', '>=', '->', '**', '//', '+=', '-=', '*=', '/=', ':=', '<<', '>>']);
const operatorAt = operatorReader(punct3, punct2);
const stringStart = new Set(['r', 'R', 'b', 'B', 'u', 'U', 'f', 'F', "'", '"']);
// Character classes by code (a regular expression per character is the lexer's main cost otherwise).
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isQuote = (c: number) => c === 39 || c === 34;
/** [A-Za-z0-9_] */
const isIdPart = (c: number) => isLetter(c) || isDigit(c) || c === 95;

export function lexPython(text: string): LexResult {
  const tokens: Token[] = [];
  const problems: string[] = [];
  const n = text.length;
  let i = 0;
  let nl = true;
  let depth = 0;
  // every token is made with the same fields in the same order: one object shape keeps the reader's property
  // accesses monomorphic (the optional fields added afterwards made them megamorphic)
  const push = (kind: Token['kind'], start: number, end: number, text: string, inner?: TextRange): Token => {
    const token: Token = { kind, start, end, text, inner, template: false, prose: false, nl };
    nl = false;
    tokens.push(token);
    return token;
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
      push('comment', i, stop, text.slice(i, stop));
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
      const raw = text.slice(contentStart, contentEnd);
      const startsStatement = nl || tokens.length === 0;
      const token = push('str', start, closed ? j + delim.length : j, flags.includes('r') ? raw : unescape(raw), {
        start: contentStart,
        end: contentEnd,
      });
      if (flags.includes('f') && /\{[^{]/.test(raw)) token.template = true;
      // A string that is a whole statement (docstring, block string) is prose.
      if (triple && startsStatement) {
        const after = /^[ \t]*(?:#[^\n]*)?(?:\n|$)/.test(text.slice(token.end, token.end + 200));
        if (after) token.prose = true;
      }
      i = token.end;
      continue;
    }
    if (isLetter(code) || code === 95 /* _ */ || code > 127) {
      let j = i + 1;
      while (j < n && (isIdPart(text.charCodeAt(j)) || text.charCodeAt(j) > 127)) j++;
      push('id', i, j, text.slice(i, j));
      i = j;
      continue;
    }
    if (isDigit(code)) {
      let j = i + 1;
      while (j < n && (isIdPart(text.charCodeAt(j)) || text.charCodeAt(j) === 46) /* . */) j++;
      push('num', i, j, text.slice(i, j));
      i = j;
      continue;
    }
    const op = operatorAt(text, i);
    if (op === '(' || op === '[' || op === '{') depth++;
    if ((op === ')' || op === ']' || op === '}') && depth > 0) depth--;
    push('punct', i, i + op.length, op);
    i += op.length;
  }
  return { tokens, problems };
}
