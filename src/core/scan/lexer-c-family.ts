// Lexer for TypeScript/JavaScript, Go, Java, C#, Kotlin, Rust and PowerShell: strings (incl. templates, raw and text blocks),
// comments, identifiers, numbers and punctuation. Never throws: an unterminated string ends at the line end.
import { ESCAPED, ID, NL, NUM, operatorReader, PROSE, PUNCT, REGEX, STR, TEMPLATE, TokenList, type LexResult } from './token';

export type CLanguage = 'js' | 'go' | 'java' | 'rust' | 'powershell';

const punct3 = new Set(['===', '!==', '...', '>>>', '**=', '??=', '&&=', '||=', '<<=', '>>=']);
const punct2 = new Set([
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '::',
  ':=',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '<<',
  '>>',
  '->',
]);
const operatorLength = operatorReader(punct3, punct2);
/**
 * ASCII character classes, a bit each, by code: a table look-up per character and no call (the lexer runs cold on
 * most of a scan's files, where a call per character is most of its cost).
 */
const NAME_START = 1;
/** [A-Za-z0-9_$] */
const NAME_PART = 2;
/** [0-9A-Za-z_.] */
const NUMBER_PART = 4;
const DIGIT = 8;
const classes = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const digit = c >= 48 && c <= 57;
  if (letter || c === 95 /* _ */ || c === 36 /* $ */ || c === 64 /* @ */) classes[c] |= NAME_START;
  if (letter || digit || c === 95 || c === 36) classes[c] |= NAME_PART;
  if (letter || digit || c === 95 || c === 46 /* . */) classes[c] |= NUMBER_PART;
  if (digit) classes[c] |= DIGIT;
}
/** The class bits of the character at i (none past ASCII or past the end). */
const classAt = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  return c < 128 ? classes[c] : 0;
};
const regexAfter = new Set([
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '&&',
  '||',
  '??',
  '=>',
  'return',
  'typeof',
  'case',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '==',
  '===',
  '!=',
  '!==',
]);

/** `base`: where the text starts in its file (TokenList), for a template's interpolation. */
export function lexCFamily(text: string, language: CLanguage, base = 0): LexResult {
  const tokens = new TokenList(text, base);
  const comments: number[] = [];
  const problems: string[] = [];
  const n = text.length;
  const js = language === 'js';
  const powershell = language === 'powershell';
  let i = 0;
  let nl = true;

  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 10 /* \n */) {
      nl = true;
      i++;
      continue;
    }
    if (code === 32 || code === 9 || code === 13 || code === 12 /* space, \t, \r, \f */) {
      i++;
      continue;
    }
    // C# verbatim strings @"…" (and @$"…"): no escapes but "" for a quote, and they span lines
    if (
      language === 'java' &&
      code === 64 /* @ */ &&
      (text.charCodeAt(i + 1) === 34 || (text.charCodeAt(i + 1) === 36 && text.charCodeAt(i + 2) === 34))
    ) {
      const open = text.charCodeAt(i + 1) === 34 ? i + 1 : i + 2;
      let j = open + 1;
      while (j < n && !(text.charCodeAt(j) === 34 && text.charCodeAt(j + 1) !== 34)) j += text.charCodeAt(j) === 34 ? 2 : 1;
      if (j >= n) problems.push(`unterminated string at offset ${i}`);
      tokens.push(STR, i, Math.min(j + 1, n), nl ? PROSE | NL : PROSE, open + 1, Math.min(j, n));
      nl = false;
      i = Math.min(j + 1, n);
      continue;
    }
    // names and numbers first, the most common tokens (no comment, string or regex starts with one of their characters)
    const cls = code < 128 ? classes[code] : 0;
    if (cls & NAME_START) {
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (!(d < 128 && classes[d] & NAME_PART)) break;
      }
      tokens.push(ID, i, j, nl ? NL : 0, 0, 0);
      nl = false;
      i = j;
      continue;
    }
    if (cls & DIGIT || (code === 46 /* . */ && classAt(text, i + 1) & DIGIT)) {
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
    const next = text.charCodeAt(i + 1);
    // PowerShell: # line comments, <# … #> block comments; the others: // line comments; all: /* … */ block comments
    const lineComment = powershell ? code === 35 /* # */ : code === 47 /* / */ && next === 47;
    if (lineComment || (powershell && code === 60 /* < */ && next === 35)) {
      const block = !lineComment;
      const end = block ? text.indexOf('#>', i + 2) : text.indexOf('\n', i);
      const stop = end < 0 ? n : block ? end + 2 : end;
      comments.push(i, stop);
      // a comment takes the newline before it: code after `/* … */` on its line starts no line
      nl = false;
      i = stop;
      continue;
    }
    if (code === 47 && next === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      if (end < 0) problems.push('unterminated block comment');
      comments.push(i, stop);
      nl = false;
      i = stop;
      continue;
    }
    // Java text blocks """ … """
    if (language === 'java' && code === 34 && next === 34 && text.charCodeAt(i + 2) === 34) {
      const end = text.indexOf('"""', i + 3);
      const stop = end < 0 ? n : end;
      tokens.push(STR, i, end < 0 ? n : end + 3, nl ? PROSE | NL : PROSE, i + 3, stop);
      nl = false;
      i = end < 0 ? n : end + 3;
      continue;
    }
    // Rust lifetimes ('a, 'static) are not character literals
    if (language === 'rust' && code === 39 && /^'[A-Za-z_][A-Za-z0-9_]*(?!['A-Za-z0-9_])/.test(text.slice(i, i + 64))) {
      let j = i + 1;
      while (j < n && classAt(text, j) & NAME_PART) j++;
      tokens.push(PUNCT, i, j, nl ? NL : 0, 0, 0);
      nl = false;
      i = j;
      continue;
    }
    if (code === 34 /* " */ || code === 39 /* ' */ || code === 96 /* ` */) {
      i = quoted(text, i, language, tokens, problems, nl);
      nl = false;
      continue;
    }
    if (code === 47 && js) {
      const end = regexLiteralEnd(text, i, tokens);
      if (end > 0) {
        tokens.push(PUNCT, i, end, nl ? REGEX | NL : REGEX, 0, 0);
        nl = false;
        i = end;
        continue;
      }
    }
    const length = operatorLength(text, i);
    tokens.push(PUNCT, i, i + length, nl ? NL : 0, 0, 0);
    nl = false;
    i += length;
  }
  return { tokens, comments, problems };
}

/** Reads the string whose quote is at `start` (a template in JS, raw in Go, multiline in both); returns the offset after it. */
function quoted(text: string, start: number, language: CLanguage, tokens: TokenList, problems: string[], nl: boolean): number {
  const n = text.length;
  const c = text.charCodeAt(start);
  const ps = language === 'powershell';
  const isTemplate = c === 96 && language === 'js';
  const isRaw = c === 96 && language === 'go';
  const multiline = c === 96;
  // PowerShell escapes with a backtick, and only in double quotes
  const escape = ps ? (c === 34 ? 96 : -1) : isRaw ? -1 : 92; /* \ */
  let j = start + 1;
  let template = false;
  let depth = 0;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === escape) {
      j += 2;
      continue;
    }
    if (isTemplate && d === 36 /* $ */ && text.charCodeAt(j + 1) === 123 /* { */) {
      template = true;
      depth++;
      j += 2;
      continue;
    }
    if (isTemplate && depth > 0) {
      if (d === 123) depth++;
      else if (d === 125 /* } */) depth--;
      j++;
      continue;
    }
    if (d === c) break;
    if (d === 10 /* \n */ && !multiline) break;
    j++;
  }
  const closed = j < n && text.charCodeAt(j) === c;
  if (!closed) problems.push(`unterminated string at offset ${start}`);
  const contentEnd = Math.min(j, n);
  // PowerShell expands $name and $(…) in double quotes
  if (ps && c === 34 && /\$[A-Za-z_{(]/.test(text.slice(start + 1, contentEnd))) template = true;
  const flags = (template ? TEMPLATE : 0) | (isRaw || ps ? 0 : ESCAPED) | (nl ? NL : 0);
  tokens.push(STR, start, closed ? j + 1 : j, flags, start + 1, contentEnd);
  return closed ? j + 1 : j;
}

/** Where a JS regular expression literal starting with the '/' at i ends, or -1 where the '/' is an operator. */
function regexLiteralEnd(text: string, i: number, tokens: TokenList): number {
  const n = text.length;
  const prev = tokens.length - 1;
  const prevKind = tokens.kind(prev);
  const prevText = prevKind === 'punct' || prevKind === 'id' ? tokens.text(prev) : '';
  const isRegex = prevKind === undefined || (regexAfter.has(prevText) && prevText !== '}' && prevText !== ')');
  if (!isRegex) return -1;
  let j = i + 1;
  let inClass = false;
  // a literal ends on its line, and within 2,000 characters: a '/' that does not start one is read again as
  // an operator, so an unbounded look-ahead made long lines of such slashes quadratic
  const limit = Math.min(n, i + 2000);
  while (j < limit && text.charCodeAt(j) !== 10) {
    const d = text.charCodeAt(j);
    if (d === 92 /* \ */) j += 2;
    else if (d === 91 /* [ */) {
      inClass = true;
      j++;
    } else if (d === 93 /* ] */) {
      inClass = false;
      j++;
    } else if (d === 47 /* / */ && !inClass) break;
    else j++;
  }
  if (!(j < limit && text.charCodeAt(j) === 47)) return -1;
  j++;
  while (j < n && text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) j++;
  return j;
}
