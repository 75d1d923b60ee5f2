// HCL (Terraform) tokenizer and light parser: blocks, attributes and expressions with their source ranges.
// Knows quoted templates with ${} interpolation and %{} directives, heredocs, and #, // and /* */ comments.
// Never throws: malformed input yields problems and whatever structure is safe.
import type { TextRange } from './types';

/** Token kinds, one byte per token. */
const enum Tok {
  Id = 1,
  Num,
  Str,
  Heredoc,
  Punct,
  Nl,
  Eof,
}

/**
 * Operator codes: a one-character operator's character code, or one of the longer operators (above any character
 * code). The parser compares numbers, not strings.
 */
const enum Op {
  Bang = 33,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Colon = 58,
  Equals = 61,
  Question = 63,
  LBracket = 91,
  RBracket = 93,
  LBrace = 123,
  RBrace = 125,
  Ellipsis = 0x10000,
  Eq,
  Arrow,
  NotEq,
  LessEq,
  GreaterEq,
  And,
  Or,
}

/**
 * A text's tokens as parallel arrays: kind, start and end offsets, and a code: an operator's (Op), or for a string
 * that is not plain (interpolation, escapes, a heredoc) -1 - the index of its template parts in `templates` (negative,
 * so that a code equal to an operator is that operator's token, 0 otherwise). A large
 * file has tens of thousands of tokens, and an object for each was most of the parser's garbage. No text is kept
 * here: the parser slices an identifier, number or plain string when it makes a node of it (kept in the list, each
 * string was a write into a long-lived array that the garbage collector then had to trace).
 */
class TokenList {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  codes: Int32Array;
  templates: TemplatePart[][] = [];
  length = 0;

  constructor(expected: number) {
    this.kinds = new Uint8Array(expected);
    this.starts = new Int32Array(expected);
    this.ends = new Int32Array(expected);
    this.codes = new Int32Array(expected);
  }

  push(kind: Tok, start: number, end: number, code: number): void {
    if (this.length === this.kinds.length) this.grow();
    this.kinds[this.length] = kind;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.codes[this.length] = code;
    this.length++;
  }

  /**
   * Adds a line break [start, end). One right after another extends it instead: the parser reads a run of line
   * breaks as one (it skips them all, or stops at the first), and blank and comment lines made a sixth of the tokens.
   */
  pushNewline(start: number, end: number): void {
    const last = this.length - 1;
    if (last >= 0 && this.kinds[last] === Tok.Nl) this.ends[last] = end;
    else this.push(Tok.Nl, start, end, 0);
  }

  /** Adds a string token with template parts. */
  pushTemplate(kind: Tok, start: number, end: number, parts: TemplatePart[]): void {
    // stored at the end, not pushed: the array is new for each file ([], an array of small integers for V8 until
    // something else is added), and the optimised push, made for such arrays, was deoptimised by the first part of
    // a file ('not a Smi', and tokenize compiled again each time); a store changes the array's kind instead
    const templates = this.templates;
    templates[templates.length] = parts;
    this.push(kind, start, end, -templates.length);
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const kinds = new Uint8Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const codes = new Int32Array(size);
    kinds.set(this.kinds);
    starts.set(this.starts);
    ends.set(this.ends);
    codes.set(this.codes);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
    this.codes = codes;
  }
}

/**
 * Token lists of up to this many tokens are kept when their parse ends, for the next parses to fill: allocating and
 * clearing the arrays was a tenth of a large file's parse.
 * A few are kept, not one: the file's list is in use while each interpolation in it is parsed with a list of its own.
 */
const KEPT_TOKENS = 1 << 16;
const KEPT_LISTS = 4;
const spareTokens: TokenList[] = [];

/** An empty token list for about `expected` tokens: a kept one when one is large enough. */
function tokenList(expected: number): TokenList {
  for (let k = spareTokens.length - 1; k >= 0; k--) {
    const spare = spareTokens[k];
    if (spare.kinds.length >= expected) {
      spareTokens[k] = spareTokens[spareTokens.length - 1];
      spareTokens.pop();
      return spare;
    }
  }
  return new TokenList(expected);
}

/** Gives a token list back once its parse is over (the tree keeps no reference to it). */
function releaseTokens(tokens: TokenList): void {
  if (tokens.kinds.length > KEPT_TOKENS || spareTokens.length >= KEPT_LISTS) return;
  // the template parts would keep the last text alive
  tokens.templates = [];
  tokens.length = 0;
  spareTokens.push(tokens);
}

export type TemplatePart =
  { t: 'lit'; start: number; end: number; value: string } | { t: 'interp'; start: number; end: number; expr: Expr };

/**
 * Nodes carry their source range as `start` and `end` offsets (a range object per node was a third of a large file's
 * tree); range() makes a TextRange of one when one is kept, in a finding or a fact.
 */
export type Expr =
  | StrExpr
  /** `index`: the expressions in its brackets (var.x[0], local.m[var.k]), when it has any. */
  | { t: 'ref'; start: number; end: number; path: string[]; index?: Expr[] }
  | { t: 'num' | 'bool' | 'null'; start: number; end: number; text: string }
  | { t: 'list'; start: number; end: number; items: Expr[] }
  | { t: 'obj'; start: number; end: number; attrs: Attribute[] }
  | { t: 'call'; start: number; end: number; name: string; args: Expr[] }
  | { t: 'other'; start: number; end: number; children: Expr[] };

/**
 * A quoted string or a heredoc. A plain string (closed on its line, without escape or interpolation), most of a
 * file's, keeps only its text in `plain` (it spans start + 1 to end - 1); any other keeps its template `parts`.
 */
export type StrExpr = { t: 'str'; start: number; end: number; heredoc: boolean } & (
  { plain: string; parts?: undefined } | { plain?: undefined; parts: TemplatePart[] }
);

export interface Attribute {
  name: string;
  expr: Expr;
  start: number;
  end: number;
}

export interface Block {
  type: string;
  labels: string[];
  start: number;
  end: number;
  /** Where the block header (type and labels) ends: head() is its range. */
  headEnd: number;
  body: Body;
}

export interface Body {
  attrs: Attribute[];
  blocks: Block[];
}

export interface HclFile {
  body: Body;
  comments: TextRange[];
  problems: string[];
}

/**
 * 1 for [A-Za-z0-9_-] by character code, up to 'z' (a table: the identifier loop is the lexer's hottest, and a chain
 * of comparisons per character was a fifth of its time).
 */
const idPart = new Uint8Array(123);
for (let c = 0; c < 123; c++)
  idPart[c] = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45 ? 1 : 0;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * A list under construction (a body's attributes, a call's arguments, a reference's path), pushed onto a stack shared
 * by every parse and taken off as an array of its exact length: an array pushed into from empty reserved room for 16
 * elements, most of these hold one to three, and all of them are kept for the whole analysis. Lists nest (an object
 * in an argument); each is taken off, or dropped, before the one it is in goes on.
 */
class Scratch<T> {
  private items: T[] = [];
  top = 0;

  push(item: T): void {
    this.items[this.top++] = item;
  }

  /** The items pushed since the stack's top was `from`, as an array of their own; the stack drops them. */
  take(from: number): T[] {
    // most blocks hold no block, most lists are short: an empty one is made without the slice builtin's call
    if (from === this.top) return [];
    const list = this.items.slice(from, this.top);
    this.top = from;
    return list;
  }

  /** Empties the stack: a parse that threw leaves items on it, and an emptied stack keeps no node of a past file alive. */
  clear(): void {
    this.items.length = 0;
    this.top = 0;
  }
}

const attrList = new Scratch<Attribute>();
const blockList = new Scratch<Block>();
const exprList = new Scratch<Expr>();
const wordList = new Scratch<string>();
const partList = new Scratch<TemplatePart>();

/**
 * Tokens of `text` (offsets shifted by `base`); comments go to `comments` instead, since the parser skips them.
 * Characters are read by code and operators are constant strings: slicing every character or operator made most of
 * a large file's garbage.
 */
function tokenize(text: string, problems: string[], comments: TextRange[], base = 0): TokenList {
  // about one token per four characters in Terraform; the list grows if there are more
  const tokens = tokenList(Math.max(16, text.length >> 2));
  const n = text.length;
  // Where the next line break, backslash, `${` and `%{` are (n: nowhere further), each looked up by indexOf once passed:
  // a string is plain when its closing quote comes before all four, and its characters need not be read one by one.
  let nextNewline = -1;
  let nextBackslash = -1;
  let nextInterpolation = -1;
  let nextDirective = -1;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 13 || code === 0xfeff) {
      // a run of blanks (indentation, the alignment before '=') in a loop of its own
      for (i++; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) break;
      }
      continue;
    }
    if (code === 10) {
      tokens.pushNewline(base + i, base + i + 1);
      i++;
      continue;
    }
    // 0 past the end, not NaN (optimized code made for numbers started over at the end of each text)
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    if (code === 35 || (code === 47 && next === 47)) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      comments.push({ start: base + i, end: base + stop });
      i = stop;
      continue;
    }
    if (code === 47 && next === 42) {
      i = blockComment(text, i, tokens, problems, comments, base);
      continue;
    }
    if (code === 34) {
      const from = i + 1;
      let plain = text.indexOf('"', from);
      if (plain >= 0) {
        if (nextNewline < from) nextNewline = indexAfter(text, '\n', from);
        if (nextBackslash < from) nextBackslash = indexAfter(text, '\\', from);
        if (nextInterpolation < from) nextInterpolation = indexAfter(text, '${', from);
        if (nextDirective < from) nextDirective = indexAfter(text, '%{', from);
        if (plain > nextNewline || plain > nextBackslash || plain > nextInterpolation || plain > nextDirective) plain = -1;
      }
      if (plain >= 0) {
        // no escape, interpolation or line break: the parser slices the text, without the template reader's garbage
        tokens.push(Tok.Str, base + i, base + plain + 1, 0);
        i = plain + 1;
        continue;
      }
      const { end, parts } = readTemplate(text, i + 1, '"', problems, base);
      tokens.pushTemplate(Tok.Str, base + i, base + end, parts);
      i = end;
      continue;
    }
    if (code === 60 && next === 60 && heredocHead.test(text.slice(i, i + 80))) {
      i = heredoc(text, i, tokens, problems, base);
      continue;
    }
    // a word, a number or punctuation: one push for the three (each push is inlined where it is written)
    let kind: Tok;
    let end: number;
    let op = 0;
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95) {
      for (end = i + 1; end < n; end++) {
        const c = text.charCodeAt(end);
        if (c > 122 || idPart[c] === 0) break;
      }
      kind = Tok.Id;
    } else if (isDigit(code)) {
      end = numberEnd(text, i + 1);
      kind = Tok.Num;
    } else {
      op = operatorAt(text, i, code, next);
      end = i + (op === Op.Ellipsis ? 3 : op > 0xffff ? 2 : 1);
      kind = Tok.Punct;
    }
    tokens.push(kind, base + i, base + end, op);
    i = end;
  }
  tokens.push(Tok.Eof, base + n, base + n, 0);
  return tokens;
}

/**
 * A block comment at `i` (its `/*`): recorded, with the line break it may span; returns where it ends. Out of the
 * tokenizer's loop, as heredoc() is: both are rare, and the optimising compiler then compiles the loop without them.
 */
function blockComment(text: string, i: number, tokens: TokenList, problems: string[], comments: TextRange[], base: number): number {
  const end = text.indexOf('*/', i + 2);
  const stop = end < 0 ? text.length : end + 2;
  if (end < 0) problems.push('unterminated comment');
  comments.push({ start: base + i, end: base + stop });
  // a block comment spanning lines still ends a line for attribute parsing
  const newline = text.indexOf('\n', i);
  if (newline >= 0 && newline < stop) tokens.pushNewline(base + stop, base + stop);
  return stop;
}

const heredocHead = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/;

/** A heredoc at `i` (a line matching heredocHead): its token pushed; returns where it ends. */
function heredoc(text: string, i: number, tokens: TokenList, problems: string[], base: number): number {
  const n = text.length;
  const head = heredocHead.exec(text.slice(i, i + 80)) as RegExpExecArray;
  const marker = head[2];
  const bodyStart = i + head[0].length;
  const closing = new RegExp(`^[ \\t]*${marker}[ \\t]*\\r?$`, 'm');
  const rest = text.slice(bodyStart);
  const m = closing.exec(rest);
  const bodyEnd = m ? bodyStart + m.index : n;
  const end = m ? bodyStart + m.index + m[0].length : n;
  if (!m) problems.push(`unterminated heredoc ${marker}`);
  const { parts } = readTemplate(text.slice(0, bodyEnd), bodyStart, '', problems, base);
  tokens.pushTemplate(Tok.Heredoc, base + i, base + end, parts);
  return end;
}

/** Where `search` next occurs in `text` from `from`, or the text's length. */
function indexAfter(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}

/** The end of a number: digits, '.' before a digit, an exponent and its sign. */
function numberEnd(text: string, from: number): number {
  let j = from;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 46) {
      if (!isDigit(text.charCodeAt(j + 1))) break;
    } else if (c === 43 || c === 45) {
      const before = text.charCodeAt(j - 1);
      if (before !== 101 && before !== 69) break;
    } else if (!isDigit(c) && c !== 101 && c !== 69) break;
  }
  return j;
}

/** The operator at `i` (Op): '...', a two-character comparison or logical operator, or the character itself. */
function operatorAt(text: string, i: number, code: number, next: number): number {
  switch (code) {
    case 46: // .
      return next === 46 && text.charCodeAt(i + 2) === 46 ? Op.Ellipsis : code;
    case 61: // =
      return next === 61 ? Op.Eq : next === 62 ? Op.Arrow : code;
    case 33: // !
      return next === 61 ? Op.NotEq : code;
    case 60: // <
      return next === 61 ? Op.LessEq : code;
    case 62: // >
      return next === 61 ? Op.GreaterEq : code;
    case 38: // &
      return next === 38 ? Op.And : code;
    case 124: // |
      return next === 124 ? Op.Or : code;
    default:
      return code;
  }
}

/** What the letter after a backslash in a quoted string stands for (any other letter stands for itself). */
const escapes: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

/** Reads template content from `from` up to the closing quote (or to the end for heredocs). */
function readTemplate(
  text: string,
  from: number,
  quote: '"' | '',
  problems: string[],
  base: number,
): { end: number; parts: TemplatePart[] } {
  const partsFrom = partList.top;
  let i = from;
  let litStart = from;
  let value = '';
  const n = text.length;
  const quoted = quote !== '';
  // plain characters are taken as one slice per run (from `run` to the next special character), not one by one
  let run = i;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (quoted && code === 34) {
      value += text.slice(run, i);
      addLiteral(base + litStart, base + i, value);
      return { end: i + 1, parts: partList.take(partsFrom) };
    }
    if (quoted && code === 10) {
      value += text.slice(run, i);
      problems.push('unterminated string');
      addLiteral(base + litStart, base + i, value);
      return { end: i, parts: partList.take(partsFrom) };
    }
    if (quoted && code === 92) {
      value += text.slice(run, i);
      const e = text[i + 1];
      value += escapes[e] ?? e;
      i += 2;
      run = i;
      continue;
    }
    if ((code === 36 || code === 37) && text.charCodeAt(i + 1) === 123) {
      value += text.slice(run, i);
      if (text.charCodeAt(i - 1) === code && text.charCodeAt(i - 2) !== code) {
        // $${ and %%{ are escapes: literal text
        value += '{';
        i += 2;
        run = i;
        continue;
      }
      addLiteral(base + litStart, base + i, value);
      value = '';
      const close = matchBrace(text, i + 2);
      if (close >= n) {
        // no closing brace: the rest is one broken interpolation; parsing it (and every `${` inside it) again
        // would make malformed files quadratic
        problems.push('unterminated interpolation');
        i = n;
        litStart = n;
        run = n;
        break;
      }
      const inner = text.slice(i + 2, close);
      if (code === 36) {
        // comments inside an interpolation are not the file's prose; strip markers (~) are rare, so most
        // interpolations are not searched for them
        const source =
          inner.charCodeAt(0) === 126 || inner.charCodeAt(inner.length - 1) === 126 ? inner.replace(/^~/, ' ').replace(/~$/, ' ') : inner;
        const tokens = tokenize(source, problems, [], base + i + 2);
        const expr = new Parser(tokens, problems, source, base + i + 2).expression();
        releaseTokens(tokens);
        partList.push({ t: 'interp', start: base + i, end: base + Math.min(close + 1, n), expr });
      }
      i = Math.min(close + 1, n);
      litStart = i;
      run = i;
      continue;
    }
    i++;
  }
  if (run < n) value += text.slice(run, n);
  if (quoted) problems.push('unterminated string');
  addLiteral(base + litStart, base + n, value);
  return { end: n, parts: partList.take(partsFrom) };
}

/** Adds a template's literal text [start, end) to its parts, when there is any (a function, not a closure: one per string was garbage). */
function addLiteral(start: number, end: number, value: string): void {
  if (end > start) partList.push({ t: 'lit', start, end, value });
}

function matchBrace(text: string, from: number): number {
  let depth = 1;
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i++;
      for (let q = text.charCodeAt(i); i < n && q !== 34 && q !== 10; q = text.charCodeAt(i)) i += q === 92 ? 2 : 1;
    } else if (c === 123) depth++;
    else if (c === 125) {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return n;
}

/** Punctuation that ends an expression: separators, closing brackets, an attribute's '=' or an object key's ':'. */
const endsExpression = (op: number): boolean =>
  op === Op.Comma || op === Op.RParen || op === Op.RBracket || op === Op.RBrace || op === Op.Colon || op === Op.Equals;
/** Punctuation an operand starts with (brackets) or is prefixed by (unary operators). */
const startsOperand = (op: number): boolean =>
  op === Op.LParen || op === Op.LBracket || op === Op.LBrace || op === Op.Minus || op === Op.Bang;
const opens = (op: number): boolean => op === Op.LParen || op === Op.LBracket || op === Op.LBrace;
const closes = (op: number): boolean => op === Op.RParen || op === Op.RBracket || op === Op.RBrace;

/**
 * A recursive-descent parser over a token list. The current token is `i`, which never passes the end-of-file token;
 * tokens are read from the arrays in place (no helper per look): a 2.5 s scan runs much of a file's parse before the
 * optimizing compiler has inlined such helpers, and each call there cost more than the look it made.
 */
class Parser {
  private i = 0;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** A punctuation token's operator (compared alone: no other token's code is positive), or a template's code. */
  private readonly codes: Int32Array;
  private readonly templates: TemplatePart[][];
  /** The index of the end-of-file token. */
  private readonly last: number;

  /** `source` is the text the tokens were read from, `base` its offset in the file (for the text of a token). */
  constructor(
    tokens: TokenList,
    private readonly problems: string[],
    private readonly source: string,
    private readonly base: number,
  ) {
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.codes = tokens.codes;
    this.templates = tokens.templates;
    this.last = tokens.length - 1;
  }

  /** The index of the current token; moves past it. */
  private next(): number {
    const k = this.i;
    if (k < this.last) this.i = k + 1;
    return k;
  }

  /** The source text of a token: an identifier's, number's or operator's text ('' for the end). */
  private text(k: number): string {
    return this.source.slice(this.starts[k] - this.base, this.ends[k] - this.base);
  }

  /** A string token's value: a plain string's text (without its quotes), or the template parts of any other. */
  private stringValue(k: number): string | TemplatePart[] {
    const code = this.codes[k];
    return code === 0 ? this.source.slice(this.starts[k] - this.base + 1, this.ends[k] - this.base - 1) : this.templates[-code - 1];
  }

  /** `closing`: the operator that ends the body ('}'), 0 at the top level. */
  body(closing: Op | 0 = 0): Body {
    const attrsFrom = attrList.top;
    const blocksFrom = blockList.top;
    const kinds = this.kinds;
    const codes = this.codes;
    for (;;) {
      // line breaks come one token per run
      if (kinds[this.i] === Tok.Nl) this.i++;
      const t = this.i;
      const kind = kinds[t];
      if (kind === Tok.Eof) {
        if (closing) this.problems.push(`missing '${String.fromCharCode(closing)}'`);
        return { attrs: attrList.take(attrsFrom), blocks: blockList.take(blocksFrom) };
      }
      if (closing && codes[t] === closing) {
        this.i = t + 1;
        return { attrs: attrList.take(attrsFrom), blocks: blockList.take(blocksFrom) };
      }
      if (kind === Tok.Id) {
        const sep = codes[t + 1];
        if (sep === Op.Equals || sep === Op.Colon) {
          // an identifier is never the end-of-file token, and a punctuation token is not either
          this.i = t + 2;
          const expr = this.expression();
          attrList.push({ name: this.text(t), expr, start: this.starts[t], end: expr.end });
          this.endOfLine();
          continue;
        }
        const block = this.block();
        if (block) {
          blockList.push(block);
          continue;
        }
      }
      this.problems.push(`unexpected '${this.text(t)}' at offset ${this.starts[t]}`);
      const before = this.i;
      this.skipLine();
      if (this.i === before) this.next();
    }
  }

  private block(): Block | undefined {
    const kinds = this.kinds;
    const save = this.i;
    const type = this.i++;
    const labelsFrom = wordList.top;
    for (;;) {
      const t = this.i;
      const kind = kinds[t];
      if (kind === Tok.Str) {
        const value = this.stringValue(t);
        wordList.push(typeof value === 'string' ? value : literalText(value));
      } else if (kind === Tok.Id) wordList.push(this.text(t));
      else break;
      this.i = t + 1;
    }
    const labels = wordList.take(labelsFrom);
    if (this.codes[this.i] !== Op.LBrace) {
      this.i = save;
      return undefined;
    }
    const headEnd = this.ends[this.i - 1];
    this.i++;
    const body = this.body(Op.RBrace);
    return { type: this.text(type), labels, start: this.starts[type], end: this.ends[this.i - 1], headEnd, body };
  }

  private endOfLine(): void {
    const t = this.i;
    const kind = this.kinds[t];
    const code = this.codes[t];
    if (kind === Tok.Nl || kind === Tok.Eof || code === Op.RBrace) return;
    if (code === Op.Comma) {
      this.i = t + 1;
      return;
    }
    this.problems.push(`unexpected '${this.text(t)}' after attribute at offset ${this.starts[t]}`);
    this.skipLine();
  }

  private skipLine(): void {
    let depth = 0;
    for (let t = this.i; this.kinds[t] !== Tok.Eof; t = this.i) {
      if (this.kinds[t] === Tok.Nl && depth <= 0) return;
      const op = this.codes[t];
      if (opens(op)) depth++;
      if (closes(op)) {
        if (depth === 0) return;
        depth--;
      }
      this.i = t + 1;
    }
  }

  /** An expression up to the end of the line (newlines inside brackets are fine). */
  expression(): Expr {
    // most expressions are one operand: the list is made when a second one comes (no closure to add them: one per
    // expression was garbage too)
    let first: Expr | undefined;
    let several = false;
    const itemsFrom = exprList.top;
    const kinds = this.kinds;
    const start = this.starts[this.i];
    for (;;) {
      const t = this.i;
      const kind = kinds[t];
      if (kind === Tok.Eof || kind === Tok.Nl) break;
      if (kind === Tok.Punct) {
        const op = this.codes[t];
        if (endsExpression(op)) break;
        if (!startsOperand(op)) {
          this.i = t + 1;
          if (op === Op.Question) {
            // conditional: a ? b : c
            if (kinds[this.i] === Tok.Nl) this.i++;
            const then = this.expression();
            first = this.operand(first, then, several);
            several = exprList.top > itemsFrom;
            if (this.codes[this.i] === Op.Colon) {
              this.i++;
              if (kinds[this.i] === Tok.Nl) this.i++;
              const otherwise = this.expression();
              first = this.operand(first, otherwise, several);
              several = exprList.top > itemsFrom;
            }
          }
          continue;
        }
        if (op === Op.Minus || op === Op.Bang) {
          this.i = t + 1;
          continue;
        }
      }
      first = this.operand(first, this.primary(), several);
      several = exprList.top > itemsFrom;
      // primary() reads a token at least (this one is neither the end nor a line break)
    }
    if (first && !several) return first;
    const end = this.ends[Math.max(this.i - 1, 0)];
    return { t: 'other', start, end: Math.max(start, end), children: exprList.take(itemsFrom) };
  }

  /**
   * Adds an operand to an expression's: the first is only held (returned), and goes on the list with the second
   * (`several`: the list has begun). Returns the first.
   */
  private operand(first: Expr | undefined, operand: Expr, several: boolean): Expr {
    if (!first) return operand;
    if (!several) exprList.push(first);
    exprList.push(operand);
    return first;
  }

  private primary(): Expr {
    const t = this.next();
    const kind = this.kinds[t];
    const start = this.starts[t];
    if (kind === Tok.Str || kind === Tok.Heredoc) {
      const value = this.stringValue(t);
      const heredoc = kind === Tok.Heredoc;
      return this.postfix(
        typeof value === 'string'
          ? { t: 'str', start, end: this.ends[t], heredoc, plain: value }
          : { t: 'str', start, end: this.ends[t], heredoc, parts: value },
      );
    }
    if (kind === Tok.Num) return { t: 'num', start, end: this.ends[t], text: this.text(t) };
    if (kind === Tok.Id) {
      const name = this.text(t);
      if (name === 'true' || name === 'false') return { t: 'bool', start, end: this.ends[t], text: name };
      if (name === 'null') return { t: 'null', start, end: this.ends[t], text: name };
      if (this.codes[this.i] === Op.LParen) {
        this.i++;
        const args = this.sequence(Op.RParen);
        return this.postfix({ t: 'call', start, end: this.ends[this.i - 1], name, args });
      }
      return this.reference(name, start, this.ends[t]);
    }
    const op = this.codes[t];
    if (op === Op.LParen) {
      if (this.kinds[this.i] === Tok.Nl) this.i++;
      const inner = this.expression();
      if (this.kinds[this.i] === Tok.Nl) this.i++;
      if (this.codes[this.i] === Op.RParen) this.i++;
      return this.postfix(inner);
    }
    if (op === Op.LBracket) {
      if (this.isFor()) return this.forExpr(start, Op.RBracket);
      const items = this.sequence(Op.RBracket);
      return this.postfix({ t: 'list', start, end: this.ends[this.i - 1], items });
    }
    if (op === Op.LBrace) {
      if (this.kinds[this.i] === Tok.Nl) this.i++;
      if (this.isFor()) return this.forExpr(start, Op.RBrace);
      const attrs = this.objectItems();
      return this.postfix({ t: 'obj', start, end: this.ends[this.i - 1], attrs });
    }
    return { t: 'other', start, end: this.ends[t], children: [] };
  }

  private isFor(): boolean {
    const t = this.i;
    return this.kinds[t] === Tok.Id && this.ends[t] - this.starts[t] === 3 && this.text(t) === 'for';
  }

  /** Reads an attribute step (`.name`, `.0`, `.*`) when one comes next and returns its name's token; reads nothing otherwise. */
  private attributeStep(): number | undefined {
    const t = this.i;
    if (this.codes[t] !== Op.Dot) return undefined;
    // a punctuation token is never the end-of-file token: the step's name is the next one
    const name = t + 1;
    const kind = this.kinds[name];
    if (kind !== Tok.Id && kind !== Tok.Num && this.codes[name] !== Op.Star) return undefined;
    this.i = name + 1;
    return name;
  }

  private postfix(expr: Expr): Expr {
    for (;;) {
      const step = this.attributeStep();
      if (step !== undefined) {
        expr = { t: 'other', start: expr.start, end: this.ends[step], children: [expr] };
        continue;
      }
      const t = this.i;
      if (this.codes[t] === Op.LBracket && this.starts[t] === expr.end) {
        this.i = t + 1;
        const inner = this.expression();
        if (this.codes[this.i] === Op.RBracket) this.i++;
        expr = { t: 'other', start: expr.start, end: this.ends[this.i - 1], children: [expr, inner] };
        continue;
      }
      return expr;
    }
  }

  /**
   * A reference from its first name (its token just read, ending at `end`) through the attribute steps and indexes
   * after it (var.x.y, local.m[var.k]), as postfix() reads them on other expressions.
   */
  private reference(name: string, start: number, end: number): Expr {
    const pathFrom = wordList.top;
    const indexFrom = exprList.top;
    wordList.push(name);
    for (;;) {
      const step = this.attributeStep();
      if (step !== undefined) {
        wordList.push(this.text(step));
        end = this.ends[step];
        continue;
      }
      const t = this.i;
      if (this.codes[t] === Op.LBracket && this.starts[t] === end) {
        this.i = t + 1;
        const inner = this.expression();
        if (this.codes[this.i] === Op.RBracket) this.i++;
        exprList.push(inner);
        wordList.push(`[${inner.t === 'num' ? inner.text : inner.t === 'str' ? (strValue(inner) ?? '?') : '?'}]`);
        end = this.ends[this.i - 1];
        continue;
      }
      break;
    }
    const path = wordList.take(pathFrom);
    if (exprList.top === indexFrom) return { t: 'ref', start, end, path };
    return { t: 'ref', start, end, path, index: exprList.take(indexFrom) };
  }

  private sequence(closing: Op): Expr[] {
    const itemsFrom = exprList.top;
    for (;;) {
      if (this.kinds[this.i] === Tok.Nl) this.i++;
      const t = this.i;
      if (this.kinds[t] === Tok.Eof) {
        this.problems.push(`missing '${String.fromCharCode(closing)}'`);
        return exprList.take(itemsFrom);
      }
      const op = this.codes[t];
      if (op === closing) {
        this.i = t + 1;
        return exprList.take(itemsFrom);
      }
      if (op === Op.Comma || op === Op.Ellipsis) {
        this.i = t + 1;
        continue;
      }
      const item = this.expression();
      exprList.push(item);
      if (this.i === t) this.i = t + 1;
    }
  }

  private objectItems(): Attribute[] {
    const attrsFrom = attrList.top;
    for (;;) {
      if (this.kinds[this.i] === Tok.Nl) this.i++;
      const t = this.i;
      if (this.kinds[t] === Tok.Eof) {
        this.problems.push("missing '}'");
        return attrList.take(attrsFrom);
      }
      const op = this.codes[t];
      if (op === Op.RBrace) {
        this.i = t + 1;
        return attrList.take(attrsFrom);
      }
      if (op === Op.Comma) {
        this.i = t + 1;
        continue;
      }
      const key = this.expression();
      const sep = this.codes[this.i];
      if (sep === Op.Equals || sep === Op.Colon) {
        this.i++;
        if (this.kinds[this.i] === Tok.Nl) this.i++;
        const value = this.expression();
        const name = key.t === 'ref' ? key.path.join('.') : key.t === 'str' ? (strValue(key) ?? '') : '';
        attrList.push({ name, expr: value, start: key.start, end: value.end });
      } else if (sep !== Op.RBrace) {
        this.next();
      }
    }
  }

  private forExpr(start: number, closing: Op): Expr {
    const childrenFrom = exprList.top;
    let depth = 0;
    for (;;) {
      const t = this.i;
      const kind = this.kinds[t];
      if (kind === Tok.Eof) break;
      const op = this.codes[t];
      if (op === closing && depth === 0) {
        this.i = t + 1;
        break;
      }
      if (opens(op)) depth++;
      if (closes(op)) depth--;
      if (kind === Tok.Str || kind === Tok.Id) {
        exprList.push(this.primary());
        continue;
      }
      this.i = t + 1;
    }
    return { t: 'other', start, end: this.ends[this.i - 1], children: exprList.take(childrenFrom) };
  }
}

/** Parses an HCL document (.tf, .tfvars). */
export function parseHcl(text: string): HclFile {
  const problems: string[] = [];
  const comments: TextRange[] = [];
  try {
    const tokens = tokenize(text, problems, comments);
    const body = new Parser(tokens, problems, text, 0).body();
    releaseTokens(tokens);
    return { body, comments, problems };
  } finally {
    for (const list of [attrList, blockList, exprList, wordList, partList]) list.clear();
  }
}

/** A node's range, as a finding or a fact keeps it. */
export function range(node: { start: number; end: number }): TextRange {
  return { start: node.start, end: node.end };
}

/** The range of a block's header (type and labels). */
export function head(block: Block): TextRange {
  return { start: block.start, end: block.headEnd };
}

/** The string value of an expression without interpolation, or undefined. */
export function strValue(expr: Expr): string | undefined {
  if (expr.t !== 'str') return undefined;
  if (expr.plain !== undefined) return expr.plain;
  return hasInterpolation(expr.parts) ? undefined : literalText(expr.parts);
}

/** A string's template parts (a plain string's text as its one literal part, made on each call). */
export function templateParts(expr: StrExpr): TemplatePart[] {
  if (expr.parts) return expr.parts;
  return expr.plain ? [{ t: 'lit', start: expr.start + 1, end: expr.end - 1, value: expr.plain }] : [];
}

/** A loop, not parts.some(…): a callback made per string was garbage on every attribute of a large file. */
function hasInterpolation(parts: TemplatePart[]): boolean {
  for (let i = 0; i < parts.length; i++) if (parts[i].t === 'interp') return true;
  return false;
}

/** A string's literal text, interpolations left out ("${path.module}/src" reads "/src"). */
export function literalTextOf(expr: StrExpr): string {
  return expr.plain ?? literalText(expr.parts);
}

/** The literal text of a template, interpolations left out. */
function literalText(parts: TemplatePart[]): string {
  let text = '';
  for (const part of parts) if (part.t === 'lit') text += part.value;
  return text;
}

/** The range of a plain string's content (without quotes). */
export function strInner(expr: Expr): TextRange | undefined {
  if (expr.t !== 'str' || expr.heredoc) return undefined;
  return { start: expr.start + 1, end: expr.end - 1 };
}

/** A template that is exactly one interpolation ("${var.region}") unwraps to its expression. */
export function unwrap(expr: Expr): Expr {
  if (expr.t === 'str' && expr.parts && expr.parts.length === 1 && expr.parts[0].t === 'interp') return expr.parts[0].expr;
  return expr;
}

/** An expression with no expression inside it (visitExprs visits it alone). */
export function isLeaf(expr: Expr): boolean {
  switch (expr.t) {
    case 'num':
    case 'bool':
    case 'null':
      return true;
    case 'ref':
      return !expr.index;
    case 'str':
      return expr.plain !== undefined || !hasInterpolation(expr.parts);
    default:
      return false;
  }
}

/**
 * Calls `visit` for an expression and every expression nested in it, depth first, with the attribute path leading
 * to each (one array, grown and shrunk along the walk: read it, do not keep it), or with no path when `path` is
 * undefined (a visit that does not read it need not pay for it). A callback, not a generator: the generator objects
 * and iterator results were most of a Terraform analysis's garbage. The parser recurses deeper per level than this
 * walk, so whatever parsed can be walked.
 */
export function visitExprs<P extends string[] | undefined>(expr: Expr, path: P, visit: (expr: Expr, path: P) => void): void {
  visit(expr, path);
  switch (expr.t) {
    case 'str':
      if (expr.parts) for (const part of expr.parts) if (part.t === 'interp') visitExprs(part.expr, path, visit);
      break;
    case 'ref':
      if (expr.index) for (const index of expr.index) visitExprs(index, path, visit);
      break;
    case 'list':
      for (const item of expr.items) visitExprs(item, path, visit);
      break;
    case 'obj':
      for (const a of expr.attrs) {
        path?.push(a.name);
        visitExprs(a.expr, path, visit);
        path?.pop();
      }
      break;
    case 'call':
      path?.push(`${expr.name}()`);
      for (const arg of expr.args) visitExprs(arg, path, visit);
      path?.pop();
      break;
    case 'other':
      for (const child of expr.children) visitExprs(child, path, visit);
      break;
    default:
      break;
  }
}

/** A body's attribute by name (a loop, not find(): a callback made per lookup was garbage, and lookups are many). */
export function attr(body: Body, name: string): Attribute | undefined {
  const attrs = body.attrs;
  for (let i = 0; i < attrs.length; i++) if (attrs[i].name === name) return attrs[i];
  return undefined;
}

export const blocks = (body: Body, type: string): Block[] => body.blocks.filter((b) => b.type === type);
