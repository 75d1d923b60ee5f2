// Tokens shared by the code lexers: just enough to tell strings and comments from code and follow calls.
import type { TextRange } from './types';

export type TokenKind = 'id' | 'str' | 'num' | 'punct';

/** One token as an object, made by TokenList.token() for the values that keep it (a string literal, a key). */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Identifier name, punctuation text, or a string's decoded content. */
  text: string;
  /** Strings: the range of the content between the quotes. */
  inner?: TextRange;
  /** Strings with interpolation (`${…}`, f-strings): the literal parts are still searchable. */
  template?: boolean;
  /** Python docstrings and other strings that are prose. */
  prose?: boolean;
  /** A newline precedes this token (statement boundaries for Python and Go). */
  nl?: boolean;
}

/** What a lexer gives: the tokens of the code, the ranges of its comments, and what was malformed. */
export interface LexResult {
  tokens: TokenList;
  /**
   * Each comment's start and end offsets in turn: numbers only, where a range object a comment made the array change
   * its element kind on a file's first comment (a deoptimisation of the lexer) and left garbage.
   */
  comments: number[];
  problems: string[];
}

/**
 * Token kinds as a TokenList keeps them, one byte each (kindNames[code] is the kind). 0 is no token: the arrays' unused
 * end and any index outside them (undefined) read as none, so no accessor tests the bounds first.
 */
export const ID = 1;
export const STR = 2;
export const NUM = 3;
export const PUNCT = 4;
const kindNames: ReadonlyArray<TokenKind | undefined> = [undefined, 'id', 'str', 'num', 'punct'];
const asciiCharacters: readonly string[] = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

/** Token flags, one bit each. */
export const NL = 1;
export const TEMPLATE = 2;
export const PROSE = 4;
/** A string whose text is its content with the backslash escapes decoded (not a raw string). */
export const ESCAPED = 8;
/** A JS regular expression literal, read as the punctuation `regex`. */
export const REGEX = 16;

/**
 * A text's code tokens as parallel arrays: kind, start and end offsets, flags, and for strings the range between the
 * quotes. A minified script has hundreds of thousands of tokens, and an object and a string for each were most of
 * code analysis' garbage: a token's text is sliced when it is first read, and an object is made only for a token a
 * value keeps (token()). An index outside the list reads as no token: kind() gives undefined there, text() ''.
 */
export class TokenList {
  length = 0;
  private kinds: Uint8Array;
  /** A one-character punctuation token's character code, 0 for any other token: the parser's most common test is for one. */
  private codes: Uint16Array;
  private flags: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  /**
   * A string's quotes (with its prefix) as the characters before its content (low four bits) and after it (high four):
   * at most five and three, where two offsets took eight bytes a token for the few tokens that are strings.
   */
  private quotes: Uint8Array;
  /** Where a token's text is in `texts` once read (0: not read yet); a string array as long as the tokens cost more than the objects it replaced. */
  private textSlots: Int32Array;
  private readonly texts: string[] = [''];
  /** The same for the objects token() made. */
  private objectSlots: Int32Array;
  private readonly objects: Token[] = [];
  /** The indices of the string tokens, in order: the passes that read only strings skip the other tokens (most of them). */
  readonly strings: number[] = [];

  /**
   * `source` is the text lexed; `base` is where it starts in its file (a template's interpolation is lexed on its own),
   * added to every offset pushed and given. `given`: the arrays of a list packed elsewhere (unpack).
   */
  constructor(
    readonly source: string,
    readonly base = 0,
    given?: TokenArrays,
  ) {
    const expected = Math.max(16, source.length >> 2);
    const kept = given ?? (spare && spare.kinds.length >= expected ? spare : undefined);
    if (kept) {
      if (kept === spare) spare = undefined;
      ({
        kinds: this.kinds,
        codes: this.codes,
        flags: this.flags,
        starts: this.starts,
        ends: this.ends,
        quotes: this.quotes,
        textSlots: this.textSlots,
        objectSlots: this.objectSlots,
      } = kept);
      return;
    }
    this.kinds = new Uint8Array(expected);
    this.codes = new Uint16Array(expected);
    this.flags = new Uint8Array(expected);
    this.starts = new Int32Array(expected);
    this.ends = new Int32Array(expected);
    this.quotes = new Uint8Array(expected);
    this.textSlots = new Int32Array(expected);
    this.objectSlots = new Int32Array(expected);
  }

  /** Adds a token of a kind (ID, STR, NUM, PUNCT) at offsets of the source; a string's content is innerStart to innerEnd. */
  push(kind: number, start: number, end: number, flags = 0, innerStart = 0, innerEnd = 0): void {
    if (this.length === this.kinds.length) this.grow();
    const i = this.length++;
    this.kinds[i] = kind;
    this.codes[i] = kind === PUNCT && end - start === 1 ? this.source.charCodeAt(start) : 0;
    this.flags[i] = flags;
    this.starts[i] = start + this.base;
    this.ends[i] = end + this.base;
    this.quotes[i] = kind === STR ? (innerStart - start) | ((end - innerEnd) << 4) : 0;
    if (kind === STR) this.strings.push(i);
  }

  /** Sets a flag on token i (a lexer's finding once the token is read, like a Python docstring). */
  mark(i: number, flag: number): void {
    this.flags[i] |= flag;
  }

  has(i: number): boolean {
    return this.kinds[i] > 0;
  }

  kind(i: number): TokenKind | undefined {
    return this.kinds[i] > 0 ? kindNames[this.kinds[i]] : undefined;
  }

  /** Token i's text: an identifier's name, punctuation, a number as written, a string's decoded content. */
  text(i: number): string {
    const kind = this.kinds[i];
    if (!(kind > 0)) return '';
    // most punctuation is one ASCII character: its text is a constant, nothing to slice or keep
    const code = this.codes[i];
    if (code > 0 && code < 128) return asciiCharacters[code];
    if (this.textSlots[i]) return this.texts[this.textSlots[i]];
    let text: string;
    const flags = this.flags[i];
    if (flags & REGEX) text = 'regex';
    else if (kind === STR) {
      const content = this.source.slice(this.innerStart(i) - this.base, this.innerEnd(i) - this.base);
      text = flags & ESCAPED ? unescape(content) : content;
    } else text = this.source.slice(this.starts[i] - this.base, this.ends[i] - this.base);
    this.textSlots[i] = this.texts.length;
    this.texts.push(text);
    return text;
  }

  /** text(i) === text, without slicing the text of a token that is not a string. */
  textIs(i: number, text: string): boolean {
    const code = this.codes[i];
    if (code > 0) return text.length === 1 && code === text.charCodeAt(0);
    const kind = this.kinds[i];
    if (!(kind > 0)) return false;
    return kind === STR || this.flags[i] & REGEX ? this.text(i) === text : this.spells(i, text);
  }

  /** The character code of token i where it is one character of punctuation, else 0: one load where a pass tests several. */
  punctCode(i: number): number {
    return this.codes[i];
  }

  /** Token i is this punctuation. */
  isPunct(i: number, text: string): boolean {
    // (only a one-character token is one character of punctuation)
    if (text.length === 1) return this.codes[i] === text.charCodeAt(0);
    return this.kinds[i] === PUNCT && (this.flags[i] & REGEX ? text === 'regex' : this.spells(i, text));
  }

  /** Token i is this identifier (or keyword). */
  isId(i: number, text: string): boolean {
    return this.kinds[i] === ID && this.spells(i, text);
  }

  /** The source of token i is this text. */
  private spells(i: number, text: string): boolean {
    if (this.ends[i] - this.starts[i] !== text.length) return false;
    // most punctuation is one character
    const at = this.starts[i] - this.base;
    return text.length === 1 ? this.source.charCodeAt(at) === text.charCodeAt(0) : this.source.startsWith(text, at);
  }

  /** Start offset of token i (in the list). */
  start(i: number): number {
    return this.starts[i];
  }

  /** End offset of token i (in the list). */
  end(i: number): number {
    return this.ends[i];
  }

  /** A newline precedes token i. */
  nl(i: number): boolean {
    return (this.flags[i] & NL) > 0;
  }

  template(i: number): boolean {
    return (this.flags[i] & TEMPLATE) > 0;
  }

  prose(i: number): boolean {
    return (this.flags[i] & PROSE) > 0;
  }

  /** Token i as an object, the same one each time it is asked for (values keep it, and sets are keyed by it). */
  token(i: number): Token {
    if (this.objectSlots[i]) return this.objects[this.objectSlots[i] - 1];
    const str = this.kinds[i] === STR;
    const token: Token = {
      kind: kindNames[this.kinds[i]] as TokenKind,
      start: this.starts[i],
      end: this.ends[i],
      text: this.text(i),
      inner: str ? { start: this.innerStart(i), end: this.innerEnd(i) } : undefined,
      template: this.template(i),
      prose: this.prose(i),
      nl: this.nl(i),
    };
    this.objects.push(token);
    this.objectSlots[i] = this.objects.length;
    return token;
  }

  /** The object token(i) made for token i, if it made one (a token no value kept has none). */
  madeToken(i: number): Token | undefined {
    return this.objectSlots[i] ? this.objects[this.objectSlots[i] - 1] : undefined;
  }

  /** The content of string token i, between its quotes. */
  inner(i: number): TextRange {
    return { start: this.innerStart(i), end: this.innerEnd(i) };
  }

  private innerStart(i: number): number {
    return this.starts[i] + (this.quotes[i] & 15);
  }

  private innerEnd(i: number): number {
    return this.ends[i] - (this.quotes[i] >> 4);
  }

  /** The index of the first token starting at or after an offset (the length when none does). */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The list in one buffer of its own, for another thread (unpack there, with the same source): a scan's reader thread
   * lexes the code files the main thread analyses. Hand the buffer over (transfer it) rather than copy it.
   */
  pack(): PackedTokens {
    const length = this.length;
    const strings = this.strings.length;
    const packed = { buffer: new ArrayBuffer(packedBytes(length + 1, strings)), length, strings };
    const arrays = packedArrays(packed);
    arrays.kinds.set(this.kinds.subarray(0, length));
    arrays.codes.set(this.codes.subarray(0, length));
    arrays.flags.set(this.flags.subarray(0, length));
    arrays.starts.set(this.starts.subarray(0, length));
    arrays.ends.set(this.ends.subarray(0, length));
    arrays.quotes.set(this.quotes.subarray(0, length));
    arrays.strings.set(this.strings);
    return packed;
  }

  /** A list packed by pack() (on another thread) from this source, as it was there. */
  static unpack(source: string, packed: PackedTokens): TokenList {
    const arrays = packedArrays(packed);
    const list = new TokenList(source, 0, arrays);
    list.length = packed.length;
    for (let k = 0; k < arrays.strings.length; k++) list.strings.push(arrays.strings[k]);
    return list;
  }

  /**
   * Gives the list's arrays to the next list made (cleared where a new list reads before it writes): a scan lexes
   * thousands of files one after another, and allocating and zeroing eight arrays for each was a tenth of lexing and
   * much of its garbage. The list must not be read after this.
   */
  release(): void {
    if (this.kinds.length > maxSpareTokens || (spare && spare.kinds.length >= this.kinds.length)) return;
    this.kinds.fill(0, 0, this.length);
    this.codes.fill(0, 0, this.length);
    this.textSlots.fill(0, 0, this.length);
    this.objectSlots.fill(0, 0, this.length);
    spare = {
      kinds: this.kinds,
      codes: this.codes,
      flags: this.flags,
      starts: this.starts,
      ends: this.ends,
      quotes: this.quotes,
      textSlots: this.textSlots,
      objectSlots: this.objectSlots,
    };
    this.length = 0;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const grown = <T extends Uint8Array | Uint16Array | Int32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.kinds = grown(this.kinds, new Uint8Array(size));
    this.codes = grown(this.codes, new Uint16Array(size));
    this.flags = grown(this.flags, new Uint8Array(size));
    this.starts = grown(this.starts, new Int32Array(size));
    this.ends = grown(this.ends, new Int32Array(size));
    this.quotes = grown(this.quotes, new Uint8Array(size));
    this.textSlots = grown(this.textSlots, new Int32Array(size));
    this.objectSlots = grown(this.objectSlots, new Int32Array(size));
  }
}

/** A released list's arrays, for the next list (TokenList.release). */
interface TokenArrays {
  kinds: Uint8Array;
  codes: Uint16Array;
  flags: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  quotes: Uint8Array;
  textSlots: Int32Array;
  objectSlots: Int32Array;
}
let spare: TokenArrays | undefined;

/** A token list in one buffer (TokenList.pack): its arrays, a token longer (one of none past the end), and the string tokens' indices. */
export interface PackedTokens {
  buffer: ArrayBuffer;
  length: number;
  strings: number;
}

/** Bytes of a packed list of `capacity` tokens and `strings` string tokens: 16 bytes of offsets and slots a token, 5 of kinds, codes, flags and quotes. */
const packedBytes = (capacity: number, strings: number): number => 4 * (4 * capacity + strings) + 5 * capacity;

/** A packed list's arrays, the 32-bit ones first (every view aligned). */
function packedArrays({ buffer, length, strings }: PackedTokens): TokenArrays & { strings: Int32Array } {
  const capacity = length + 1;
  let at = 0;
  const view = <T>(make: new (buffer: ArrayBuffer, offset: number, length: number) => T, bytes: number, n = capacity): T => {
    const array = new make(buffer, at, n);
    at += bytes * n;
    return array;
  };
  return {
    starts: view(Int32Array, 4),
    ends: view(Int32Array, 4),
    textSlots: view(Int32Array, 4),
    objectSlots: view(Int32Array, 4),
    strings: view(Int32Array, 4, strings),
    codes: view(Uint16Array, 2),
    kinds: view(Uint8Array, 1),
    flags: view(Uint8Array, 1),
    quotes: view(Uint8Array, 1),
  };
}

/** What a lexer gave, packed for another thread (packLex, unpackLex). */
export interface PackedLex {
  tokens: PackedTokens;
  comments: number[];
  problems: string[];
}

/** A lexer's result packed for another thread; its token list is released here. */
export function packLex({ tokens, comments, problems }: LexResult): PackedLex {
  const packed = tokens.pack();
  tokens.release();
  return { tokens: packed, comments, problems };
}

/** What packLex packed, for the source that was lexed. */
export function unpackLex(source: string, { tokens, comments, problems }: PackedLex): LexResult {
  return { tokens: TokenList.unpack(source, tokens), comments, problems };
}

/** Arrays kept for at most this many tokens (a megabyte or so of source; the arrays take 21 bytes a token). */
const maxSpareTokens = 1 << 18;

/** Decodes the usual backslash escapes; unknown escapes keep the character. */
export function unescape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e: string) => {
    if (e[0] === 'u' && e.length > 1) return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e;
  });
}

/**
 * The length of the operator at an offset, the longest of `three` and `two` (three and two characters) or the character
 * itself: most punctuation is a single character, so the text is sliced only where a longer operator's second character follows.
 */
export function operatorReader(three: ReadonlySet<string>, two: ReadonlySet<string>): (text: string, i: number) => number {
  // a table by char code: a Set look-up of the character took 7% of code analysis' CPU on the realistic bench tree
  const seconds = new Uint8Array(128);
  for (const op of [...three, ...two]) seconds[op.charCodeAt(1)] = 1;
  return (text, i) => {
    const next = text.charCodeAt(i + 1);
    if (!(next < 128 && seconds[next])) return 1;
    if (three.has(text.slice(i, i + 3))) return 3;
    return two.has(text.slice(i, i + 2)) ? 2 : 1;
  };
}
