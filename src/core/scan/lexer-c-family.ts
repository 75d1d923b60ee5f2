// Lexer for TypeScript/JavaScript, Go, Java, C#, Kotlin, Rust and PowerShell: strings (incl. templates, raw and text blocks),
// comments, identifiers, numbers and punctuation. Never throws: an unterminated string ends at the line end.
import { ESCAPED, ID, NL, NUM, operatorReader, PROSE, PUNCT, REGEX, STR, TEMPLATE, TokenList, type LexResult } from './token';
import type { TextRange } from './types';

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
// Character classes by code (a regular expression per character is the lexer's main cost otherwise).
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** [A-Za-z0-9_$] */
const isIdPart = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 36;
/** [0-9A-Za-z_.] */
const isNumberPart = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 46;
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
  const comments: TextRange[] = [];
  const problems: string[] = [];
  const n = text.length;
  let i = 0;
  let nl = true;
  const push = (kind: number, start: number, end: number, flags = 0, innerStart = 0, innerEnd = 0) => {
    tokens.push(kind, start, end, nl ? flags | NL : flags, innerStart, innerEnd);
    nl = false;
  };
  // a comment takes the newline before it: code after `/* … */` on its line starts no line
  const comment = (start: number, end: number) => {
    comments.push({ start, end });
    nl = false;
  };

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
    // names and numbers first, the most common tokens (no comment, string or regex starts with one of their characters)
    if (isLetter(code) || code === 95 /* _ */ || code === 36 /* $ */ || code === 64 /* @ */) {
      let j = i + 1;
      while (j < n && isIdPart(text.charCodeAt(j))) j++;
      push(ID, i, j);
      i = j;
      continue;
    }
    if (isDigit(code) || (code === 46 /* . */ && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && isNumberPart(text.charCodeAt(j))) j++;
      push(NUM, i, j);
      i = j;
      continue;
    }
    const c = text[i];
    // PowerShell: # line comments, <# … #> block comments
    if (language === 'powershell' && (c === '#' || (c === '<' && text[i + 1] === '#'))) {
      const block = c === '<';
      const end = block ? text.indexOf('#>', i + 2) : text.indexOf('\n', i);
      const stop = end < 0 ? n : block ? end + 2 : end;
      comment(i, stop);
      i = stop;
      continue;
    }
    if (c === '/' && text[i + 1] === '/' && language !== 'powershell') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      comment(i, stop);
      i = stop;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      if (end < 0) problems.push('unterminated block comment');
      comment(i, stop);
      i = stop;
      continue;
    }
    // Java text blocks """ … """
    if (language === 'java' && text.startsWith('"""', i)) {
      const end = text.indexOf('"""', i + 3);
      const stop = end < 0 ? n : end;
      push(STR, i, end < 0 ? n : end + 3, PROSE, i + 3, stop);
      i = end < 0 ? n : end + 3;
      continue;
    }
    // Rust lifetimes ('a, 'static) are not character literals
    if (language === 'rust' && c === "'" && /^'[A-Za-z_][A-Za-z0-9_]*(?!['A-Za-z0-9_])/.test(text.slice(i, i + 64))) {
      let j = i + 1;
      while (j < n && isIdPart(text.charCodeAt(j))) j++;
      push(PUNCT, i, j);
      i = j;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const start = i;
      const isTemplate = c === '`' && language === 'js';
      const isRaw = c === '`' && language === 'go';
      const multiline = c === '`';
      let j = i + 1;
      let template = false;
      let depth = 0;
      while (j < n) {
        const d = text[j];
        // PowerShell escapes with a backtick, and only in double quotes
        if (language === 'powershell' ? d === '`' && c === '"' : d === '\\' && !isRaw) {
          j += 2;
          continue;
        }
        if (isTemplate && d === '$' && text[j + 1] === '{') {
          template = true;
          depth++;
          j += 2;
          continue;
        }
        if (isTemplate && depth > 0) {
          if (d === '{') depth++;
          else if (d === '}') depth--;
          j++;
          continue;
        }
        if (d === c) break;
        if (d === '\n' && !multiline) break;
        j++;
      }
      const closed = j < n && text[j] === c;
      if (!closed) problems.push(`unterminated string at offset ${start}`);
      const contentEnd = Math.min(j, n);
      const ps = language === 'powershell';
      // PowerShell expands $name and $(…) in double quotes
      if (ps && c === '"' && /\$[A-Za-z_{(]/.test(text.slice(start + 1, contentEnd))) template = true;
      push(STR, start, closed ? j + 1 : j, (template ? TEMPLATE : 0) | (isRaw || ps ? 0 : ESCAPED), start + 1, contentEnd);
      i = closed ? j + 1 : j;
      continue;
    }
    if (c === '/' && language === 'js') {
      const prev = tokens.length - 1;
      const prevKind = tokens.kind(prev);
      const prevText = prevKind === 'punct' || prevKind === 'id' ? tokens.text(prev) : '';
      const isRegex = prevKind === undefined || (regexAfter.has(prevText) && prevText !== '}' && prevText !== ')');
      if (isRegex) {
        let j = i + 1;
        let inClass = false;
        // a literal ends on its line, and within 2,000 characters: a '/' that does not start one is read again as
        // an operator, so an unbounded look-ahead made long lines of such slashes quadratic
        const limit = Math.min(n, i + 2000);
        while (j < limit && text[j] !== '\n') {
          if (text[j] === '\\') j += 2;
          else if (text[j] === '[') {
            inClass = true;
            j++;
          } else if (text[j] === ']') {
            inClass = false;
            j++;
          } else if (text[j] === '/' && !inClass) break;
          else j++;
        }
        if (j < limit && text[j] === '/') {
          j++;
          while (j < n && text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) j++;
          push(PUNCT, i, j, REGEX);
          i = j;
          continue;
        }
      }
    }
    const length = operatorLength(text, i);
    push(PUNCT, i, i + length);
    i += length;
  }
  return { tokens, comments, problems };
}
