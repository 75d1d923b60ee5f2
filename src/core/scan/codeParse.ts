// A light expression reader over lexer tokens for Python, TypeScript/JavaScript, Go, Java, Rust and PowerShell: call sites with
// positional and keyword arguments, object literals, builder chains, assignments, env reads with defaults.
// It does not parse whole programs; it reads the expressions the SDK patterns are written in.
import type { Token, TokenList } from './token';
import { escape } from './expressionWords';
import { Definitions, patternEntries, type Parameter } from './parameters';

export type Lang = 'python' | 'js' | 'go' | 'java' | 'rust' | 'powershell';

export type Val =
  | { kind: 'str'; tok: Token }
  | { kind: 'tmpl'; tok: Token }
  | { kind: 'num'; tok: Token }
  | { kind: 'name'; name: string; start: number; end: number }
  | { kind: 'call'; call: Call }
  | { kind: 'obj'; entries: Entry[]; start: number; end: number }
  | { kind: 'list'; items: Val[]; start: number; end: number }
  /** `indirect`: the name is a constant holding the variable's name (`env::var(REGION_KEY)`). */
  | { kind: 'env'; name: string; indirect?: boolean; fallback?: Val; start: number; end: number }
  | { kind: 'or'; options: Val[]; start: number; end: number }
  | { kind: 'other'; start: number; end: number; parts: Val[] };

/** An object literal's entry; its key's offsets, where a token object for every key was garbage few read. */
export interface Entry {
  key: string;
  keyStart: number;
  keyEnd: number;
  val: Val;
}

export interface Arg {
  key?: string;
  val: Val;
}

export interface Call {
  /** Dotted callee as written (`boto3.client`, `client.chat.completions.create`, `BedrockRuntimeClient`). */
  callee: string;
  /** Last name of the callee (`client`, `create`, `BedrockRuntimeClient`). */
  name: string;
  /** The callee chain without its last name (`client.chat.completions`), or '' */
  receiver: string;
  isNew: boolean;
  /** A composite literal (Go `pkg.Type{…}`) instead of a call. */
  composite?: boolean;
  args: Arg[];
  /** The call this one is chained on (`boto3.Session(…).client(…)`, builders). */
  prev?: Call;
  start: number;
  end: number;
  /** Token index of the callee name. */
  index: number;
}

export interface Assignment {
  name: string;
  val: Val;
  start: number;
  /** Module-level (Python no indentation, JS/Go/Java top-level or static). */
  topLevel: boolean;
  /** The type the name is annotated with (`settings: Settings = get_settings()`). */
  type?: string;
}

const envCalls = new Set([
  'Environment.GetEnvironmentVariable',
  'env.var',
  'std.env.var',
  'os.getenv',
  'os.environ.get',
  'getenv',
  'environ.get',
  'System.getenv',
  'os.Getenv',
  'os.LookupEnv',
  'Deno.env.get',
  'env',
  'config',
  'process.env.get',
  'settings.get',
]);
/**
 * The last names of the env calls callValue knows (the callee of each ends with its name): most calls are none, and
 * their callee, a string joined from the chain's names, is then neither hashed nor searched.
 */
const envCallNames = new Set([...[...envCalls].map((callee) => callee.slice(callee.lastIndexOf('.') + 1)), 'getenv', 'get', 'setdefault']);
const identityCalls = new Set([
  'aws.String',
  'String',
  'str',
  'aws.ToString',
  'to.Ptr',
  'ptr.String',
  'Optional.of',
  'String.valueOf',
  'ensure_str',
]);

/** The widgets widgetDefault reads, by name (a set look-up per call, where a regular expression each was three runs). */
const streamlitPickers = new Set(['selectbox', 'radio', 'select_slider']);
const marimoPickers = new Set(['dropdown', 'radio']);
const gradioPickers = new Set(['Dropdown', 'Radio']);
/** Words before `(` that open no call. */
const notCallees = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'return',
  'function',
  'def',
  'class',
  'elif',
  'with',
  'print',
  'and',
  'or',
  'not',
  'in',
  'func',
]);
/** Rust words before a type name and `{` that make it no struct literal. */
const rustTypeDeclarations = new Set(['struct', 'impl', 'enum', 'trait', 'for', 'union', 'mod']);
/** Operators between two operands that make an expression computed (`other`). */
const binaryOperators = new Set(['+', '-', '*', '/', '%', '&&', '==', '!=', '===', '!==', '<', '>', '<=', '>=', 'in', '|', '&', '.']);
const pythonOperators = new Set(['and', 'in', 'not', 'is']);
/** Punctuation that ends an expression. */
const stops = new Set([',', ')', ']', '}', ';']);
/** Punctuation and keywords in front of an operand. */
const prefixOperators = new Set(['!', '-', '+', '&', '*', '~', 'await']);
const prefixKeywords = new Set(['await', 'new', 'not', 'typeof', 'yield', 'return']);
/** Words before a top-level assignment's name (JS/Go/Java). */
const declarationWords = new Set(['const', 'let', 'var', 'final', 'static', 'String', 'export']);

/**
 * What the passes over a file's calls may read (code.ts callInterest): a call by a name they look for, a keyed argument
 * (a keyword or an object's entry, at any depth) under a key they read, or an argument naming a settings object, whose
 * entries they then read. A call by another name with neither in its brackets is not parsed (readCalls).
 */
export interface CallInterest {
  named(name: string): boolean;
  /** What `named` may answer yes to, as nameTable makes it: `named` is asked only about those names. */
  names: Uint32Array;
  key(key: string): boolean;
  /** Words one of which every key `key` reads holds, in any case (keyWordTable). */
  keyWords: KeyWords;
  /** The names that make up the names of the settings objects. */
  holders: readonly string[];
  /** A string passed as an argument that is read (by its shape: a region or a model id). */
  literal?(text: string): boolean;
  /** Names passed as an argument that are read (they hold such a string: `ModelId.HAIKU`, by its last name). */
  literalNames?: readonly string[];
}

/** The longest string token (quotes and prefix included) CallInterest.literal is asked about: no model id is longer. */
const LITERAL_TOKEN_MAX = 110;

/** A finished reader's slot tables, for the next reader (CodeReader.releaseSlots). */
let spareSlots: { calls: Int32Array; ends: Int32Array } | undefined;
/** Tables kept for at most this many tokens (as TokenList keeps its arrays). */
const maxSpareSlots = 1 << 18;
const noSlots = new Int32Array(0);
/** sortCalls' keys, for every reader. */
let sortKeys = new Float64Array(256);
/**
 * readAssignments' pairing of the brackets, for every reader: each bracket's partner, each opening bracket's opening
 * bracket around it (-1: none), and the brackets open while it pairs them. Only the brackets' entries are written.
 */
let bracketPartners = new Int32Array(0);
let bracketsAround = new Int32Array(0);
let openBrackets = new Int32Array(0);
/** depthAt's bracket counts, one table for every reader (readCalls lets it go when done), and the counts of none. */
let spareCounts = new Int32Array(0);
/** The brackets opened and not closed before each token index, and the punctuation tokens that start a line. */
interface BracketCounts {
  opened: Int32Array;
  lineStarts: number[];
}
const noBrackets: BracketCounts = { opened: new Int32Array(1), lineStarts: [] };

/** A table for the bracket counts of `tokens` tokens and one more: every count is written, so the last reader's serves. */
function countsTable(tokens: number): Int32Array {
  if (spareCounts.length <= tokens && tokens < maxSpareSlots) spareCounts = new Int32Array(Math.min(maxSpareSlots, tokens * 2 + 1));
  return spareCounts.length > tokens ? spareCounts : new Int32Array(tokens + 1);
}

/** The index of the first of the ascending numbers that is at least `value` (their length if none is). */
function firstAtLeast(ascending: readonly number[], value: number): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ascending[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The functions a Python `text` defines that only return an env var given its name, with the default given them:
 * `def _env(name, default=None): return os.environ.get(name, default)` (or os.getenv; a docstring may come first).
 * (JavaScript needs none: its arrow and function helpers are followed as they are written.)
 */
export function envWrappers(text: string): Set<string> {
  // a docstring is matched up to its own closing quotes only: a lazy [^]*? would try every later docstring in the
  // file for every def that is no wrapper (70 ms of a 2 s scan), and the cheap test first skips files with no such return
  if (!/return[ \t]+os\.(?:environ\.get|getenv)\(/.test(text)) return new Set();
  const shape =
    /^[ \t]*def[ \t]+(\w+)\([ \t]*(\w+)[^)]*\)[^:\n]*:\s*(?:"""(?:(?!""")[^])*"""\s*|\'\'\'(?:(?!\'\'\')[^])*\'\'\'\s*)?return[ \t]+os\.(?:environ\.get|getenv)\([ \t]*\2\b/gm;
  return new Set(Array.from(text.matchAll(shape), (m) => m[1]));
}

/**
 * The functions a Go `text` defines that read an env var given its name, with a fallback given them: `func getEnv(key,
 * fallback string) string { if v := os.Getenv(key); v != "" { return v }; return fallback }` (or os.LookupEnv).
 */
export function goEnvWrappers(text: string): Set<string> {
  if (!/os\.(?:Getenv|LookupEnv)\(/.test(text)) return new Set();
  const shape = /^func[ \t]+(\w+)\([ \t]*(\w+)\b[^)]*\)[^{\n]*\{[^}]{0,200}?os\.(?:Getenv|LookupEnv)\([ \t]*\2[ \t]*\)/gm;
  return new Set(Array.from(text.matchAll(shape), (m) => m[1]));
}

/**
 * The names a JavaScript `text` binds by importing `module` (or one of its subpaths), each to the name the module
 * exports it by: `import { a, b as c } from 'm'` binds a to a and c to b, `import * as ns from 'm'` binds ns to '*',
 * and `const { a, b: c } = require('m')` as the first.
 */
export function jsImportBindings(text: string, module: string): Map<string, string> {
  const bindings = new Map<string, string>();
  const from = `['"]${escape(module)}(?:/[^'"]*)?['"]`;
  const statements = new RegExp(
    `\\bimport\\s+(?:type\\s+)?(?:[\\w$]+\\s*,\\s*)?(?:\\{([^}]*)\\}|\\*\\s*as\\s+([\\w$]+))\\s*from\\s*${from}|\\b(?:const|let|var)\\s*\\{([^}]*)\\}\\s*=\\s*require\\(\\s*${from}\\s*\\)`,
    'g',
  );
  for (const m of text.matchAll(statements)) {
    if (m[2]) bindings.set(m[2], '*');
    const list = m[1] ?? m[3];
    if (!list) continue;
    for (const item of list.split(',')) {
      const named = /^\s*(?:type\s+)?([\w$]+)(?:\s*(?:as|:)\s*([\w$]+))?\s*$/.exec(item);
      if (named) bindings.set(named[2] ?? named[1], named[1]);
    }
  }
  return bindings;
}

/**
 * The names a JS file imports from modules of its own workspace (a relative or aliased path: `./providers`, `@/lib/ai`,
 * `~/x`, `#x`), by any form of import or require: one pass over the text.
 */
export function jsWorkspaceImports(text: string): Set<string> {
  const names = new Set<string>();
  const from = `['"](?:\\.|/|@/|~/|#)[^'"]*['"]`;
  const statements = new RegExp(
    `\\bimport\\s+(?:type\\s+)?(?:([\\w$]+)\\s*,?\\s*)?(?:\\{([^}]*)\\}|\\*\\s*as\\s+([\\w$]+))?\\s*from\\s*${from}|\\b(?:const|let|var)\\s*(?:\\{([^}]*)\\}|([\\w$]+))\\s*=\\s*require\\(\\s*${from}\\s*\\)`,
    'g',
  );
  for (const m of text.matchAll(statements)) {
    for (const single of [m[1], m[3], m[5]]) if (single && single !== 'type') names.add(single);
    const list = m[2] ?? m[4];
    if (!list) continue;
    for (const item of list.split(',')) {
      const named = /^\s*(?:type\s+)?([\w$]+)(?:\s*(?:as|:)\s*([\w$]+))?\s*$/.exec(item);
      if (named) names.add(named[2] ?? named[1]);
    }
  }
  return names;
}

export class CodeReader {
  readonly calls: Call[] = [];
  /** In the order of their starts: each one's name is after the `=` (or `:=`) of the one before it. */
  readonly assignments: Assignment[] = [];
  /** The token index after the value the last read gave: the readers return the value alone (no pair to allocate per operand). */
  private after = 0;
  /** The calls in the order they were started (callAt), numbered from 1 by token index in the two tables below. */
  private readonly started: Call[] = [];
  /** By the token index of a callee's name: its call (parsed once). */
  private callSlots: Int32Array;
  /** By the token index a call ends with: the last call ending there. */
  private endSlots: Int32Array;

  constructor(
    readonly tokens: TokenList,
    readonly lang: Lang,
  ) {
    const kept = spareSlots;
    if (kept && kept.calls.length >= tokens.length) {
      spareSlots = undefined;
      this.callSlots = kept.calls;
      this.endSlots = kept.ends;
    } else {
      this.callSlots = new Int32Array(tokens.length);
      this.endSlots = new Int32Array(tokens.length);
    }
  }

  /** Reads the assignments, then every call (readCalls). */
  read(): this {
    return this.readAssignments().readCalls();
  }

  /**
   * Found by readAssignments: the token index of each name before `(` or `{` (a call's callee, maybe), and of each `=`
   * and `:` inside brackets (after a key, maybe).
   */
  private namesAt: number[] = [];
  private keysAt: number[] = [];
  /** The `,` and closing brackets inside brackets: after an argument, maybe (`GeminiClient(…, settings.location)`). */
  private argEndsAt: number[] = [];
  /** Whether the brackets pair up (readAssignments pairs them in bracketPartners and bracketsAround). */
  private paired = false;

  /** Reads the assignments (all of them: the passes look any name up), and finds where the calls are. */
  readAssignments(): this {
    const t = this.tokens;
    // one pass over the tokens finds where to read: `=` and `:=` (assignments, all read first), and each name before
    // `(` or `{` (calls); two passes over every token were a tenth of the reader's time. It pairs the brackets and
    // finds the `=` and `:` inside them too, for readCalls.
    const assignmentsAt: number[] = [];
    const namesAt: number[] = (this.namesAt = []);
    const keysAt: number[] = (this.keysAt = []);
    const argEndsAt: number[] = (this.argEndsAt = []);
    if (bracketPartners.length < t.length + 1) {
      bracketPartners = new Int32Array(Math.max(t.length + 1, bracketPartners.length * 2));
      bracketsAround = new Int32Array(bracketPartners.length);
      openBrackets = new Int32Array(bracketPartners.length);
    }
    const partner = bracketPartners;
    const around = bracketsAround;
    const opened = openBrackets;
    let depth = 0;
    let paired = true;
    // a key of interest is in a call's brackets (callBrackets: how many are open), in Python and JS its parentheses
    const parenthesesOnly = this.lang === 'python' || this.lang === 'js';
    let callBrackets = 0;
    // Python: the brackets opened and not closed before each token, and the punctuation that starts a line (depthAt)
    const counts = this.lang === 'python' ? countsTable(t.length) : undefined;
    const lineStarts: number[] = [];
    let count = 0;
    for (let i = 0; i < t.length; i++) {
      const code = t.punctCode(i);
      if (counts) {
        counts[i] = count;
        if (t.nl(i) && t.kind(i) === 'punct') lineStarts.push(i);
      }
      if (code === 61 /* = */) {
        assignmentsAt.push(i);
        if (callBrackets) keysAt.push(i);
      } else if (code === 58 /* : */) {
        if (callBrackets) keysAt.push(i);
      } else if (code === 40 /* ( */ || code === 123 /* { */ || code === 91 /* [ */) {
        if (code !== 91 && t.kind(i - 1) === 'id') namesAt.push(i - 1);
        if (code === 40 && counts && t.isId(i - 2, 'def') && t.kind(i - 1) === 'id') this.defParameters.push(i);
        around[i] = depth ? opened[depth - 1] : -1;
        opened[depth++] = i;
        count++;
        if (code === 40 || !parenthesesOnly) callBrackets++;
      } else if (code === 44 /* , */) {
        if (callBrackets) argEndsAt.push(i);
      } else if (code === 41 /* ) */ || code === 93 /* ] */ || code === 125 /* } */) {
        if (callBrackets) argEndsAt.push(i);
        count--;
        // ( is 40 and ) 41; [ and { are two below ] and }
        if (depth && code - t.punctCode(opened[depth - 1]) === (code === 41 ? 1 : 2)) {
          const opening = opened[--depth];
          partner[opening] = i;
          partner[i] = opening;
          if (code === 41 || !parenthesesOnly) callBrackets--;
        } else paired = false;
      } else if (code === 0 && t.isPunct(i, ':=')) assignmentsAt.push(i);
    }
    this.paired = paired && depth === 0;
    if (counts) {
      counts[t.length] = count;
      this.brackets = { opened: counts, lineStarts };
    }
    for (const i of assignmentsAt) this.assignment(i);
    return this;
  }

  /**
   * Reads the calls after readAssignments: every call, or with `interest` only those a pass may read (and what their
   * parsing reaches), which is most of the reader's work saved on a file where few calls concern a model.
   */
  readCalls(interest?: CallInterest): this {
    const t = this.tokens;
    const namesAt = this.namesAt;
    const wanted = interest && this.callsOfInterest(interest);
    for (let n = 0; n < namesAt.length; n++) {
      if (wanted && !wanted[n]) continue;
      const i = namesAt[n];
      if (t.isPunct(i + 1, '(') && !notCallees.has(t.text(i))) this.callAt(i);
      else if (this.lang === 'go' && t.isPunct(i + 1, '{') && /^[A-Z]/.test(t.text(i)) && t.textIs(i - 1, '.')) this.callAt(i);
      // C# object initializers `new ConverseRequest { ModelId = … }`
      else if (this.lang === 'java' && t.isPunct(i + 1, '{') && t.textIs(i - 1, 'new')) this.callAt(i);
      // Rust struct literals `Self { field: value }` (not `struct S {`, `impl S {`)
      else if (
        this.lang === 'rust' &&
        t.isPunct(i + 1, '{') &&
        /^[A-Z]/.test(t.text(i)) &&
        !rustTypeDeclarations.has(t.text(i - 1)) &&
        !t.textIs(i - 1, '->')
      )
        this.callAt(i);
    }
    this.namesAt = this.keysAt = this.argEndsAt = [];
    this.sortCalls();
    this.releaseSlots();
    // (the counts' table is the next reader's)
    this.brackets = noBrackets;
    return this;
  }

  /**
   * Which of the names before `(` or `{` (namesAt) to read as calls: those `interest` names, those with a key it reads
   * or a settings object's name inside their brackets, and the calls around the bracket a kept call is chained on (the
   * call it is chained on is the last one read that ends there: each of them is read, in the same order, as when every
   * call is read). Undefined (read them all) where the brackets do not pair up: the parser's reach is then not theirs.
   * A call is read only up to the bracket that closes its own (the parser stops at the first closing bracket it meets
   * on its own level), so what it holds is in those brackets.
   */
  private callsOfInterest(interest: CallInterest): Uint8Array | undefined {
    if (!this.paired) return undefined;
    const t = this.tokens;
    const partner = bracketPartners;
    const around = bracketsAround;
    const hot = this.keysOfInterest(interest);
    const namesAt = this.namesAt;
    const wanted = new Uint8Array(namesAt.length);
    // the chained-on calls kept are before the call chained on them: from the last name to the first
    for (let n = namesAt.length - 1; n >= 0; n--) {
      const i = namesAt[n];
      if (!wanted[n]) {
        const open = i + 1;
        let close = partner[open];
        // C# `new X(…) { Prop = … }`: the initializer is read with the call
        if (this.lang === 'java' && t.punctCode(close + 1) === 123) close = partner[close + 1];
        if ((mayBeNamed(interest.names, t, i) && interest.named(t.text(i))) || holdsBetween(hot, open, close)) wanted[n] = 1;
      }
      if (wanted[n]) this.keepChainedOn(i, partner, around, wanted);
    }
    return wanted;
  }

  /**
   * The tokens, in order, that are a key the interest reads (before `=` or `:` inside brackets, where a call's
   * arguments are) or a name a settings object's name is made of. A name or number is asked about only where it holds
   * one of the interest's key words.
   */
  private keysOfInterest(interest: CallInterest): number[] {
    const { holders } = interest;
    // a key before `=` or `:`, or the name or env variable an argument is read from (its last token)
    const keys = this.keysBefore(this.keysAt, interest, false);
    const args = this.keysBefore(this.argEndsAt, interest, true);
    const keyed = args.length ? mergeSorted(keys, args) : keys;
    return holders.length ? mergeSorted(keyed, this.namesOf(holders)) : keyed;
  }

  /** Of the tokens before `ends`, those that are a key the interest reads (or with `args`, a literal it reads), in order. */
  private keysBefore(ends: readonly number[], interest: CallInterest, args: boolean): number[] {
    const t = this.tokens;
    const literal = interest.literal;
    const names = interest.literalNames ?? [];
    const into: number[] = [];
    const words = interest.keyWords;
    for (let n = 0; n < ends.length; n++) {
      const k = ends[n] - 1;
      const kind = t.kind(k);
      if (
        kind === 'str'
          ? interest.key(t.text(k)) || (args && literal !== undefined && t.end(k) - t.start(k) <= LITERAL_TOKEN_MAX && literal(t.text(k)))
          : ((kind === 'id' || kind === 'num') &&
              holdsWord(t.source, t.start(k) - t.base, t.end(k) - t.base, words) &&
              interest.key(t.text(k))) ||
            (args && kind === 'id' && names.length > 0 && names.some((name) => t.isId(k, name)))
      )
        into.push(k);
    }
    return into;
  }

  /** The tokens, in order, that are one of the names. */
  private namesOf(names: readonly string[]): number[] {
    const t = this.tokens;
    const found: number[] = [];
    for (let k = 0; k < t.length; k++) {
      if (t.kind(k) !== 'id') continue;
      for (let n = 0; n < names.length; n++)
        if (t.isId(k, names[n])) {
          found.push(k);
          break;
        }
    }
    return found;
  }

  /** Marks the calls whose brackets hold the bracket the call named at token i is chained on (`a(…).i(…)`), if it is. */
  private keepChainedOn(i: number, partner: Int32Array, around: Int32Array, wanted: Uint8Array): void {
    const t = this.tokens;
    let j = i;
    while (j >= 2 && this.isMemberDot(j - 1) && t.kind(j - 2) === 'id') j -= 2;
    if (j < 2 || !this.isMemberDot(j - 1)) return;
    const before = j - 2;
    if (!t.textIs(before, ')') && !t.textIs(before, '}')) return;
    const code = t.punctCode(before);
    // (a string `")"` reads as one to callAt: the call ending there may be any before it)
    if (code !== 41 /* ) */ && code !== 125 /* } */) {
      wanted.fill(1, 0, firstAtLeast(this.namesAt, i));
      return;
    }
    for (let open = partner[before]; open >= 0; open = around[open]) {
      this.keepNamed(open - 1, wanted);
      // C# `new X(…) {`: the call before the initializer
      if (t.punctCode(open) === 123 && t.punctCode(open - 1) === 41) this.keepNamed(partner[open - 1] - 1, wanted);
    }
  }

  /** Marks the name at token i in namesAt, if it is one. */
  private keepNamed(i: number, wanted: Uint8Array): void {
    const namesAt = this.namesAt;
    const at = firstAtLeast(namesAt, i);
    if (namesAt[at] === i) wanted[at] = 1;
  }

  /**
   * Gives the slot tables to the next reader (cleared), as TokenList.release does its arrays: allocating two tables as
   * long as the tokens for each file made garbage. Calls read after this are parsed again, not looked up.
   */
  private releaseSlots(): void {
    const { callSlots, endSlots } = this;
    this.callSlots = this.endSlots = noSlots;
    if (callSlots.length > maxSpareSlots || (spareSlots && spareSlots.calls.length >= callSlots.length)) return;
    callSlots.fill(0, 0, this.tokens.length);
    endSlots.fill(0, 0, this.tokens.length);
    spareSlots = { calls: callSlots, ends: endSlots };
  }

  /**
   * Orders the calls by where they start, those starting at one offset in the order they were read: a typed array of
   * start × count + position sorts natively, where a comparator was a call per comparison.
   */
  private sortCalls(): void {
    const calls = this.calls;
    const count = calls.length;
    // the last reader's keys' table serves: a typed array made for each file was a third of this
    if (sortKeys.length < count) sortKeys = new Float64Array(Math.max(count, sortKeys.length * 2));
    const keys = sortKeys.subarray(0, count);
    for (let k = 0; k < count; k++) keys[k] = calls[k].start * count + k;
    keys.sort();
    const read = calls.slice();
    for (let k = 0; k < count; k++) calls[k] = read[keys[k] % count];
  }

  /** No ')' follows this token index: unclosed parentheses then do not each scan to the end of the file. */
  private noParenFrom = Infinity;

  /** The call whose callee name is at token index i, parsed once (the index after it: `after`). */
  callAt(i: number): Call | undefined {
    const t = this.tokens;
    const slot = this.callSlots[i];
    if (slot) {
      const existing = this.started[slot - 1];
      this.after = t.indexAt(existing.end);
      return existing;
    }
    const name = t.text(i);
    // walk back over the callee chain: a.b.c, and chained calls: x(…).c
    let j = i;
    let prev: Call | undefined;
    while (j >= 2 && this.isMemberDot(j - 1)) {
      const before = j - 2;
      if (t.kind(before) === 'id') {
        j -= 2;
        continue;
      }
      if (t.textIs(before, ')') || t.textIs(before, '}')) {
        const ending = this.endSlots[before];
        prev = (ending ? this.started[ending - 1] : undefined) ?? this.findCallEnding(before);
        break;
      }
      break;
    }
    const isNew = t.isId(j - 1, 'new');
    const composite = t.textIs(i + 1, '{');
    // the names of the chain, tokens j, j + 2, … i
    let callee = t.text(j);
    for (let m = j + 2; m <= i; m += 2) callee += '.' + t.text(m);
    const call: Call = {
      callee,
      name,
      receiver: j === i ? '' : callee.slice(0, callee.length - name.length - 1),
      isNew,
      args: [],
      prev,
      start: prev?.start ?? t.start(j),
      end: t.end(i + 1),
      index: i,
    };
    if (composite) call.composite = true;
    this.callSlots[i] = this.started.push(call);
    let args = composite ? this.compositeArgs(i + 2) : this.args(i + 2);
    let end = this.after;
    // C# `new X(…) { Prop = … }`: the initializer's properties are arguments too
    if (!composite && isNew && this.lang === 'java' && t.textIs(end + 1, '{')) {
      const init = this.compositeArgs(end + 2);
      args = [...args, ...init];
      end = this.after;
    }
    call.args = args;
    const last = Math.min(end, t.length - 1);
    call.end = this.endOf(last, call.end);
    this.calls.push(call);
    this.endSlots[last] = this.callSlots[i];
    this.after = last + 1;
    return call;
  }

  /** Token i joins the names of a chain: `.`, `?.`, Rust's `::` (one code test for the one-character tokens most are). */
  private isMemberDot(i: number): boolean {
    const code = this.tokens.punctCode(i);
    if (code > 0) return code === 46; /* . */
    // (as textIs reads them, a string literal of that text too)
    return this.tokens.textIs(i, '.') || this.tokens.textIs(i, '?.') || (this.lang === 'rust' && this.tokens.textIs(i, '::'));
  }

  /** The end offset of token i, or `fallback` where there is no such token. */
  private endOf(i: number, fallback: number): number {
    return this.tokens.has(i) ? this.tokens.end(i) : fallback;
  }

  private findCallEnding(closeIndex: number): Call | undefined {
    const t = this.tokens;
    // find the matching open bracket and the callee before it
    let depth = 0;
    for (let k = closeIndex; k >= 0; k--) {
      if (t.kind(k) !== 'punct') continue;
      const tx = t.text(k);
      if (tx === ')' || tx === '}' || tx === ']') depth++;
      if (tx === '(' || tx === '{' || tx === '[') {
        depth--;
        if (depth === 0) {
          if (k > 0 && t.kind(k - 1) === 'id') return this.callAt(k - 1);
          return undefined;
        }
      }
    }
    return undefined;
  }

  /** Arguments up to the closing parenthesis (its index: `after`): positional, `k=v` (Python), one object literal (JS). */
  private args(i: number): Arg[] {
    const t = this.tokens;
    const args: Arg[] = [];
    let k = i;
    while (k < t.length) {
      const code = t.punctCode(k);
      if (code === 41 /* ) */) break;
      // commas, and the spreads before an argument (`*`, `**`, `...`)
      if (code === 44 /* , */ || code === 42 /* * */ || (code === 0 && (t.isPunct(k, '**') || t.isPunct(k, '...')))) {
        k++;
        continue;
      }
      // Python k=v; C# named arguments k: v (the Java family reader also reads C#)
      if (((this.lang === 'python' && t.isPunct(k + 1, '=')) || (this.lang === 'java' && t.isPunct(k + 1, ':'))) && t.kind(k) === 'id') {
        const val = this.expression(k + 2);
        args.push({ key: t.text(k), val });
        k = this.after;
        continue;
      }
      const before = k;
      args.push({ val: this.expression(k) });
      k = this.after === before ? k + 1 : this.after;
    }
    this.after = k;
    return args;
  }

  /** Go composite literal fields `Field: value` (the index of the closing brace: `after`). */
  private compositeArgs(i: number): Arg[] {
    const val = this.object(i - 1, '}');
    if (val.kind !== 'obj') return [];
    this.after--;
    return val.entries.map((e) => ({ key: e.key, val: e.val }));
  }

  /** An expression starting at token i; returns the value and the index after it. */
  expr(i: number): [Val, number] {
    const val = this.expression(i);
    return [val, this.after];
  }

  /** An expression starting at token i (the index after it: `after`). */
  private expression(i: number): Val {
    const t = this.tokens;
    const python = this.lang === 'python';
    let left = this.unary(i);
    let k = this.after;
    const first = left;
    // made only where the expression goes on (most are a single operand)
    let options: Val[] | undefined;
    let parts: Val[] | undefined;
    for (;;) {
      const kind = t.kind(k);
      // what goes on with an expression is punctuation, or a Python keyword
      const punct = kind === 'punct';
      if (!punct && !(python && kind === 'id')) break;
      const x = t.text(k);
      if (punct ? x === '??' || x === '||' : x === 'or') {
        const right = this.unary(k + 1);
        (options ??= [first]).push(right);
        k = this.after;
        continue;
      }
      if (punct && x === '?' && !python) {
        const a = this.expression(k + 1);
        let end = this.after;
        const b: Val[] = [];
        if (t.textIs(end, ':')) {
          b.push(this.expression(end + 1));
          end = this.after;
        }
        this.after = end;
        return { kind: 'or', options: [a, ...b], start: t.start(i), end: this.endOf(end - 1, 0) };
      }
      if (!punct && x === 'if') {
        // a if cond else b
        this.unary(k + 1);
        let end = this.after;
        while (t.has(end) && !t.isId(end, 'else') && !this.isStop(end)) end++;
        if (t.textIs(end, 'else')) {
          const b = this.expression(end + 1);
          return { kind: 'or', options: [left, b], start: t.start(i), end: this.endOf(this.after - 1, 0) };
        }
        k = end;
        continue;
      }
      if (punct ? binaryOperators.has(x) : pythonOperators.has(x)) {
        const right = this.unary(k + 1);
        const end = this.after;
        (parts ??= []).push(right);
        k = end === k + 1 ? end + 1 : end;
        left = { kind: 'other', start: t.start(i), end: this.endOf(end - 1, 0), parts: [left, ...parts] };
        continue;
      }
      break;
    }
    this.after = k;
    if (options) {
      const rest = options.slice(1);
      const start = t.start(i);
      const end = this.endOf(k - 1, start);
      if (first.kind === 'env' && !first.fallback)
        return { ...first, fallback: rest.length === 1 ? rest[0] : { kind: 'or', options: rest, start, end }, end };
      return { kind: 'or', options, start, end };
    }
    return left;
  }

  private isStop(i: number): boolean {
    return this.tokens.kind(i) === 'punct' && stops.has(this.tokens.text(i));
  }

  /** An operand after its prefix operators (the index after it: `after`). */
  private unary(i: number): Val {
    const t = this.tokens;
    let k = i;
    for (;;) {
      const kind = t.kind(k);
      if (kind === 'punct' ? !prefixOperators.has(t.text(k)) : kind !== 'id' || !prefixKeywords.has(t.text(k)) || t.kind(k + 1) === 'punct')
        break;
      if (t.textIs(k, 'new')) break;
      k++;
    }
    return this.postfix(k);
  }

  /** An operand: a literal, a bracketed value, a name chain, a call (the index after it: `after`). */
  private postfix(i: number): Val {
    const t = this.tokens;
    const kind = t.kind(i);
    if (kind === undefined) return this.until({ kind: 'other', start: 0, end: 0, parts: [] }, i);
    if (kind === 'str') {
      // adjacent string literals concatenate (Python): take the first
      let k = i + 1;
      while (t.kind(k) === 'str' && this.lang === 'python') k++;
      return this.until(t.template(i) ? { kind: 'tmpl', tok: t.token(i) } : { kind: 'str', tok: t.token(i) }, k);
    }
    if (kind === 'num') return this.until({ kind: 'num', tok: t.token(i) }, i + 1);
    const code = t.punctCode(i);
    if (code === 123 /* { */) return this.object(i, '}');
    if (code === 91 /* [ */) return this.list(i, [], i + 1, ']');
    if (code === 40 /* ( */) {
      // parenthesised; with a comma it is a tuple (`MODELS = ("a", "b")` lists values, it sets none)
      const inner = this.expression(i + 1);
      const end = this.after;
      if (t.textIs(end, ',')) return this.list(i, [inner], end, ')');
      let k = end >= this.noParenFrom ? t.length : end;
      while (k < t.length && !t.textIs(k, ')')) k++;
      if (k >= t.length) this.noParenFrom = Math.min(this.noParenFrom, end);
      return this.until(inner, k + 1);
    }
    if (t.isId(i, 'new') && t.kind(i + 1) === 'id') return this.postfix(i + 1);
    if (kind === 'id') {
      // name chain, maybe a call, maybe indexing
      let k = i;
      let name = t.text(i);
      while (this.isMemberDot(k + 1) && t.kind(k + 2) === 'id') {
        name += '.' + t.text(k + 2);
        k += 2;
      }
      const start = t.start(i);
      const next = t.punctCode(k + 1);
      if (next === 40 /* ( */) {
        const call = this.callAt(k);
        let end = call ? this.after : t.indexAt(t.end(k + 1));
        let val: Val = call ? this.callValue(call) : { kind: 'other', start, end: t.end(k + 1), parts: [] };
        // chained calls: f(…).g(…) — the value is the last call
        while ((t.textIs(end, '.') || t.textIs(end, '?.')) && t.kind(end + 1) === 'id') {
          let m = end + 1;
          while (t.textIs(m + 1, '.') && t.kind(m + 2) === 'id') m += 2;
          if (t.textIs(m + 1, '(')) {
            const c = this.callAt(m);
            if (!c) break;
            end = this.after;
            val = this.callValue(c);
          } else {
            end = m + 1;
            val = { kind: 'other', start, end: t.end(m), parts: [val] };
          }
        }
        return this.until(val, end);
      }
      if (next === 123 /* { */ && this.lang === 'go' && /^[A-Z]/.test(t.text(k))) {
        const call = this.callAt(k);
        return this.until(
          call ? { kind: 'call', call } : { kind: 'other', start, end: t.end(k + 1), parts: [] },
          call ? this.after : t.indexAt(t.end(k + 1)),
        );
      }
      // `options[0]`: an item of a list (a widget's default option)
      if (next === 91 /* [ */ && t.kind(k + 2) === 'num' && t.textIs(k + 3, ']')) {
        return this.until({ kind: 'name', name: `${name}[${t.text(k + 2)}]`, start, end: t.end(k + 3) }, k + 4);
      }
      if (next === 91 && t.kind(k + 2) === 'str' && t.textIs(k + 3, ']')) {
        const key = t.text(k + 2);
        if (name === 'os.environ' || name === 'process.env' || name === 'environ' || name === 'ENV')
          return this.until({ kind: 'env', name: key, start, end: t.end(k + 3) }, k + 4);
        return this.until({ kind: 'name', name: `${name}.${key}`, start, end: t.end(k + 3) }, k + 4);
      }
      if (name.startsWith('process.env.') || name.startsWith('import.meta.env.'))
        return this.until({ kind: 'env', name: t.text(k), start, end: t.end(k) }, k + 1);
      return this.until({ kind: 'name', name, start, end: t.end(k) }, k + 1);
    }
    return this.until({ kind: 'other', start: t.start(i), end: t.end(i), parts: [] }, i + 1);
  }

  /** A value read, with the index after it. */
  private until(val: Val, after: number): Val {
    this.after = after;
    return val;
  }

  callValue(call: Call): Val {
    if (
      envCallNames.has(call.name) &&
      (envCalls.has(call.callee) ||
        call.callee.endsWith('.getenv') ||
        call.callee.endsWith('environ.get') ||
        call.callee === 'os.environ.setdefault')
    ) {
      const first = call.args[0]?.val;
      const fallback = call.args[1]?.val ?? call.args.find((a) => a.key === 'default')?.val;
      if (first?.kind === 'str') return { kind: 'env', name: first.tok.text, fallback, start: call.start, end: call.end };
      if (first?.kind === 'name') return { kind: 'env', name: first.name, indirect: true, fallback, start: call.start, end: call.end };
    }
    // a GitHub Action's input (`core.getInput('model-id')`): the runner sets it as INPUT_<NAME>
    if (call.name === 'getInput' && /(?:^|\.)core$/.test(call.receiver) && call.args[0]?.val.kind === 'str')
      return { kind: 'env', name: `INPUT_${call.args[0].val.tok.text.replace(/ /g, '_').toUpperCase()}`, start: call.start, end: call.end };
    // a helper of this file around an env read: `_env("GOOGLE_CLOUD_LOCATION", "europe-west1")`
    if (this.envWrappers?.has(call.callee) && call.args[0]?.val.kind === 'str')
      return { kind: 'env', name: call.args[0].val.tok.text, fallback: call.args[1]?.val, start: call.start, end: call.end };
    // Java: System.getenv().getOrDefault(K, default); Optional.ofNullable(System.getenv(K)).orElse(default)
    if (this.lang === 'java' && call.name === 'getOrDefault' && call.prev?.callee === 'System.getenv' && call.args[0]?.val.kind === 'str') {
      return { kind: 'env', name: call.args[0].val.tok.text, fallback: call.args[1]?.val, start: call.start, end: call.end };
    }
    if (this.lang === 'java' && /^(orElse|orElseGet)$/.test(call.name) && call.prev?.name === 'ofNullable') {
      const inner = call.prev.args[0]?.val;
      if (inner?.kind === 'env' && call.args[0]) return { ...inner, fallback: call.args[0].val, end: call.end };
    }
    // Rust: env::var(K).ok().unwrap_or(default); "…".to_owned(), NAME.to_string()
    if (
      this.lang === 'rust' &&
      call.prev &&
      /^(unwrap_or|unwrap_or_else|or|ok|map|into|to_owned|to_string|clone|as_str)$/.test(call.name)
    ) {
      const before = this.callValue(call.prev);
      // (unwrap_or_else's fallback is what its closure returns: `|_| "…".to_string()`)
      const fallback = call.name === 'unwrap_or_else' ? this.closureBody(call.args[0]?.val) : call.args[0]?.val;
      if (before.kind === 'env' && /^unwrap_or/.test(call.name) && fallback) return { ...before, fallback, end: call.end };
      if (before.kind === 'env' || /^(into|to_owned|to_string|clone|as_str)$/.test(call.name)) return before;
    }
    if (
      this.lang === 'rust' &&
      call.args.length === 0 &&
      /^(to_owned|to_string|into|clone|as_str)$/.test(call.name) &&
      /^[A-Za-z_][\w.]*$/.test(call.receiver)
    )
      return { kind: 'name', name: call.receiver, start: call.start, end: call.end };
    if (call.args.length === 1 && identityCalls.has(call.callee)) return call.args[0].val;
    const selected = this.widgetDefault(call);
    if (selected) return selected;
    // pydantic `Field(default=…)` / `Field("…")` and dataclass `field(default=…)`: the default is the value
    if ((call.name === 'Field' || call.name === 'field') && /^(?:pydantic\.)?Field$|^(?:dataclasses\.)?field$/.test(call.callee)) {
      const value =
        call.args.find((a) => a.key === 'default')?.val ?? (call.callee.endsWith('Field') ? call.args.find((a) => !a.key)?.val : undefined);
      if (value) return value;
    }
    return { kind: 'call', call };
  }

  /**
   * A UI widget's default selection is the value code reads until someone picks another: Streamlit
   * `st.selectbox(label, options, index=1)` (the first option without index), marimo `mo.ui.dropdown(options, value=…)`
   * and Gradio `gr.Dropdown(choices, value=…)` (no value: nothing is selected).
   */
  private widgetDefault(call: Call): Val | undefined {
    let picked: Val | undefined;
    if (streamlitPickers.has(call.name) && /(^|\.)(st|sidebar)$/.test(call.receiver)) {
      const index = argOf(call, 'index');
      const n = index === undefined ? 0 : index.kind === 'num' ? Number(index.tok.text) : NaN;
      picked =
        argOf(call, 'value') ??
        (Number.isInteger(n) ? this.item(argOf(call, 'options') ?? call.args.filter((a) => !a.key)[1]?.val, n) : undefined);
    } else if (
      (marimoPickers.has(call.name) && /(^|\.)ui$/.test(call.receiver)) ||
      (gradioPickers.has(call.name) && /^(gr|gradio)$/.test(call.receiver))
    ) {
      picked = argOf(call, 'value');
    }
    if (picked?.kind === 'name') {
      const indexed = /^(.+)\[(\d+)\]$/.exec(picked.name);
      if (indexed) return this.item({ kind: 'name', name: indexed[1], start: picked.start, end: picked.end }, Number(indexed[2]));
    }
    return picked?.kind === 'str' || picked?.kind === 'name' || picked?.kind === 'env' ? picked : undefined;
  }

  /** Item n of a list literal, or of the list a name was last assigned before here. */
  private item(list: Val | undefined, n: number): Val | undefined {
    const items = list?.kind === 'name' ? [...this.assignments].reverse().find((a) => a.name === list.name)?.val : list;
    return items?.kind === 'list' ? items.items[n] : undefined;
  }

  /** The comma-separated items of a list or tuple from token k up to `closing`, after the ones already read; `open` is its bracket. */
  private list(open: number, items: Val[], k: number, closing: string): Val {
    const t = this.tokens;
    while (k < t.length && !t.textIs(k, closing)) {
      if (t.textIs(k, ',')) {
        k++;
        continue;
      }
      const before = k;
      items.push(this.expression(k));
      k = this.after === before ? k + 1 : this.after;
    }
    return this.until({ kind: 'list', items, start: t.start(open), end: this.endOf(k, t.end(open)) }, k + 1);
  }

  private object(i: number, closing: string): Val {
    const t = this.tokens;
    const entries: Entry[] = [];
    let k = i + 1;
    while (k < t.length && !t.textIs(k, closing)) {
      if (t.textIs(k, ',') || t.textIs(k, ';')) {
        k++;
        continue;
      }
      if (t.textIs(k, '...') || t.textIs(k, '**')) {
        // a conditional spread (`...(useVertex ? { location: 'global' } : {})`) sets its keys when it applies
        const spread = this.expression(k + 1);
        for (const e of spreadEntries(spread)) if (!entries.some((y) => y.key === e.key)) entries.push(e);
        k = this.after;
        continue;
      }
      const kind = t.kind(k);
      if (
        (kind === 'id' || kind === 'str' || kind === 'num') &&
        (t.textIs(k + 1, ':') || ((this.lang === 'python' || this.lang === 'java') && t.textIs(k + 1, '=')))
      ) {
        const val = this.expression(k + 2);
        entries.push({ key: t.text(k), keyStart: t.start(k), keyEnd: t.end(k), val });
        k = this.after;
        continue;
      }
      if (kind === 'id' && (t.textIs(k + 1, ',') || t.textIs(k + 1, closing))) {
        // shorthand property { region }
        const key = t.text(k);
        entries.push({ key, keyStart: t.start(k), keyEnd: t.end(k), val: { kind: 'name', name: key, start: t.start(k), end: t.end(k) } });
        k++;
        continue;
      }
      const before = k;
      this.expression(k);
      k = this.after === before ? k + 1 : this.after;
    }
    return this.until({ kind: 'obj', entries, start: t.start(i), end: this.endOf(k, t.end(i)) }, k + 1);
  }

  /**
   * Where a TypeScript type that ends at token j begins, when it is a name's annotation (`: Record<string, string>`,
   * `: string[]`, `: { model: string }`, after `:` and the name): a generic, an array or an object type.
   */
  private typeAnnotated(j: number): number | undefined {
    const t = this.tokens;
    let k: number | undefined;
    if (t.isPunct(j, ']') && t.isPunct(j - 1, '[') && t.kind(j - 2) === 'id') k = j - 2;
    else if (t.isPunct(j, '}') && this.paired) k = bracketPartners[j];
    else if (t.kind(j) === 'punct' && /^>+$/.test(t.text(j))) {
      // back to the `<` that opens the generic (`>>` closes two)
      let depth = 0;
      for (k = j; k > 0; k--) {
        const text = t.kind(k) === 'punct' ? t.text(k) : '';
        if (/^>+$/.test(text)) depth += text.length;
        else if (/^<+$/.test(text)) depth -= text.length;
        else if (text === ';' || text === '=' || t.nl(k)) return undefined;
        if (depth <= 0) break;
      }
      k = depth === 0 && t.kind(k - 1) === 'id' ? k - 1 : undefined;
      while (k !== undefined && t.textIs(k - 1, '.') && t.kind(k - 2) === 'id') k -= 2;
    }
    return k !== undefined && k >= 2 && t.textIs(k - 1, ':') && t.kind(k - 2) === 'id' ? k : undefined;
  }

  private assignment(i: number): void {
    const t = this.tokens;
    // name (or self.name / this.name) immediately before '=' at statement level
    let j = i - 1;
    if (!t.has(j)) return;
    // Python: inside brackets only a def's parameter default (`def ask(region="eu-west-1")`), not a call's keyword
    if (this.lang === 'python' && this.depthAt(i) > 0 && !this.inDefParameters(i)) return;
    // Python `NAME: Literal["a", "b"] = …`, `NAME: Optional[str] = …`: the annotation's subscript is passed over
    const subscripted = this.lang === 'python' && t.isPunct(j, ']') && this.paired && t.kind(bracketPartners[j] - 1) === 'id';
    if (subscripted) j = bracketPartners[j] - 1;
    let nameAt = j;
    let type: string | undefined;
    let typed: number | undefined;
    // Python annotation `NAME: str = …`, TS `const NAME: string = …`
    // (not `class A:\n  NAME = …`, where the name starts its line)
    if (t.kind(j) === 'id' && !t.nl(j) && t.textIs(j - 1, ':') && t.kind(j - 2) === 'id') {
      nameAt = j - 2;
      if (!subscripted) type = t.text(j);
      j -= 2;
    } else if (this.lang === 'rust' && t.kind(j) === 'id' && /^(str|String)$/.test(t.text(j))) {
      // Rust `const NAME: &'static str = …`, `let name: String = …`
      let k = j - 1;
      while (k > 0 && (t.textIs(k, '&') || t.text(k).startsWith("'"))) k--;
      if (!t.textIs(k, ':') || t.kind(k - 1) !== 'id') return;
      nameAt = k - 1;
      j = k - 1;
    } else if (this.lang === 'js' && (typed = this.typeAnnotated(j)) !== undefined) {
      // TS `NAME: Record<string, string> = …`, `NAME: string[] = …`, `NAME: { model: string } = …`
      nameAt = typed - 2;
      j = nameAt;
    } else if (t.isPunct(j, '>')) return;
    if (this.lang === 'js' && t.isPunct(j, '}')) return this.destructuring(j, i);
    if (t.kind(nameAt) !== 'id') return;
    const names = [t.text(nameAt)];
    while (t.textIs(j - 1, '.') && t.kind(j - 2) === 'id') {
      names.unshift(t.text(j - 2));
      j -= 2;
    }
    // Go: a, err := …
    if (this.lang === 'go' && t.textIs(j - 1, ',') && t.kind(j - 2) === 'id') {
      names.splice(0, names.length, t.text(j - 2));
      j -= 2;
    }
    const name = names.length === 1 ? names[0] : names.join('.');
    const val = this.expression(i + 1);
    const topLevel =
      this.lang === 'python' ? t.nl(j) && this.columnOf(j) === 0 : !t.has(j - 1) || declarationWords.has(t.text(j - 1)) || t.nl(j);
    this.assignments.push(type ? { name, val, start: t.start(nameAt), topLevel, type } : { name, val, start: t.start(nameAt), topLevel });
  }

  /**
   * JS `const { modelId, region: awsRegion } = options` (the pattern's `}` at `close`, its `=` at `eq`): each name is the
   * member of what is destructured (`options.modelId`), or the env variable of that name for `process.env`; a
   * default in the pattern is what runs when that is not set.
   */
  private destructuring(close: number, eq: number): void {
    const t = this.tokens;
    const open = this.paired ? bracketPartners[close] : -1;
    if (open < 0 || !declarationWords.has(t.text(open - 1))) return;
    const from = this.expression(eq + 1);
    if (from.kind !== 'name') return;
    const env = from.name === 'process.env' || from.name === 'import.meta.env';
    for (const { keyAt, nameAt } of patternEntries(t, open, close, (b) => bracketPartners[b])) {
      const key = t.text(keyAt);
      const start = t.start(keyAt);
      const end = t.end(nameAt);
      const member: Val = env ? { kind: 'env', name: key, start, end } : { kind: 'name', name: `${from.name}.${key}`, start, end };
      // `{ modelId = 'amazon.nova-lite-v1:0' }`: the default when the member is not set
      const val: Val = t.isPunct(nameAt + 1, '=') ? { kind: 'or', options: [member, this.expression(nameAt + 2)], start, end } : member;
      this.assignments.push({ name: t.text(nameAt), val, start: t.start(nameAt), topLevel: t.nl(open - 1) || !t.has(open - 2) });
    }
  }

  /** Python: the `(` of each `def`'s parameter list, in order (readAssignments). */
  private readonly defParameters: number[] = [];

  /** Python: whether token i is in a `def`'s parameter list, outside any bracket within it. */
  private inDefParameters(i: number): boolean {
    const list = this.defParameters;
    let lo = 0;
    for (let hi = list.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < i) lo = mid + 1;
      else hi = mid;
    }
    const open = list[lo - 1];
    // (an unclosed bracket's partner is not set: brackets that do not pair up say nothing)
    return open !== undefined && this.paired && bracketPartners[open] > i && this.depthAt(i) === this.depthAt(open + 1);
  }

  /**
   * The parameter of a Python or JavaScript function a name at `offset` in its body is (parameters.ts); asked while
   * the file is analysed, before the next reader pairs its brackets.
   */
  parameter(offset: number, name: string): Parameter | undefined {
    return this.definitionsOf().parameter(offset, name);
  }

  /** Whether this file defines a function or class its calls name `callee` (parameters.ts). */
  defines(callee: string): boolean {
    return this.definitionsOf().defines(callee);
  }

  /** The expression that starts at `offset` of the text. */
  valueAt(offset: number): Val {
    return this.expression(this.tokens.indexAt(offset));
  }

  /** What a Rust closure written as an argument returns: its expression after the `|…|` (or `||`). */
  private closureBody(arg: Val | undefined): Val | undefined {
    if (arg?.kind !== 'other') return undefined;
    const t = this.tokens;
    const open = t.indexAt(arg.start);
    let body: Val | undefined;
    if (t.isPunct(open, '||')) body = this.expression(open + 1);
    else if (t.isPunct(open, '|'))
      for (let k = open + 1; k < open + 8 && k < t.length && !body; k++) if (t.isPunct(k, '|')) body = this.expression(k + 1);
    // `String::from("…")`, `"…".to_string()`: the literal, owned
    if (body?.kind === 'call' && body.call.name === 'from' && body.call.receiver === 'String') return body.call.args[0]?.val;
    const [first, ...rest] = body?.kind === 'other' ? body.parts : [];
    const owned = first?.kind === 'str' && rest.every((p) => p.kind === 'call' && /^(to_string|to_owned|into)$/.test(p.call.name));
    return owned ? first : body;
  }

  /** The values a function of this file called `callee` returns (parameters.ts), parsed as expressions. */
  returnValues(callee: string): Val[] {
    return this.definitionsOf()
      .returns(callee)
      .map((i) => this.expression(i));
  }

  /** The class whose body holds `offset` (parameters.ts). */
  classAt(offset: number): string | undefined {
    return this.definitionsOf().classAt(offset);
  }

  private definitionsOf(): Definitions {
    return (this.definitions ??= new Definitions(
      this.tokens,
      this.lang === 'python' || this.lang === 'js' || this.lang === 'java' ? this.lang : 'other',
      (i) => (this.paired ? bracketPartners[i] : -1),
      (i) => this.columnOf(i),
    ));
  }

  private definitions?: Definitions;

  /** The column token i starts at. */
  private columnOf(i: number): number {
    const start = this.tokens.start(i);
    return start - (this.sourceLineStart?.(start) ?? start);
  }

  /** Set by the caller: offset of the line start containing an offset (for Python indentation). */
  sourceLineStart?: (offset: number) => number;

  /** Set by the caller: the file's own functions that return an env var given its name and a default (envWrappers). */
  envWrappers?: ReadonlySet<string>;

  /**
   * The brackets open before token i: counted back over at most 400 tokens, up to punctuation that starts a line
   * where none is open after it.
   */
  private depthAt(i: number): number {
    const { opened, lineStarts } = this.brackets;
    const from = Math.max(0, i - 399);
    // the count from a token back is opened[i] - opened[k]: a line start where it is <= 0 ends the count with no bracket open
    for (let m = firstAtLeast(lineStarts, i) - 1; m >= 0 && lineStarts[m] >= from; m--) if (opened[lineStarts[m]] >= opened[i]) return 0;
    return Math.max(0, opened[i] - opened[from]);
  }

  /** depthAt's counts (Python), made by readAssignments. */
  private brackets: BracketCounts = noBrackets;
}

/**
 * Names by their first character (ASCII) and their length: a bit for each length up to 31 (longer ones share the
 * last). A name whose bit is not set is none of them; a name starting past ASCII may be any. `from`: a table to add to.
 */
export function nameTable(names: Iterable<string>, from?: Uint32Array): Uint32Array {
  const table = from ? from.slice() : new Uint32Array(128);
  for (const name of names) {
    const first = name.charCodeAt(0);
    if (first < 128) table[first] |= 1 << Math.min(name.length, 31);
  }
  return table;
}

/** Whether token i may be one of the names of a nameTable (without slicing its text: most names are none). */
function mayBeNamed(table: Uint32Array, t: TokenList, i: number): boolean {
  const start = t.start(i);
  const first = t.source.charCodeAt(start - t.base);
  return first >= 128 || (table[first] & (1 << Math.min(t.end(i) - start, 31))) !== 0;
}

/** Two sorted lists as one. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  for (let x = 0, y = 0; x < a.length || y < b.length;) merged.push(y >= b.length || (x < a.length && a[x] < b[y]) ? a[x++] : b[y++]);
  return merged;
}

/** Whether a sorted list of token indices holds one strictly between two. */
function holdsBetween(sorted: readonly number[], from: number, to: number): boolean {
  const after = firstAtLeast(sorted, from + 1);
  return after < sorted.length && sorted[after] < to;
}

/** Key words as holdsWord reads them: the words, and by character code (lower case) a bit for each word it begins. */
export interface KeyWords {
  words: readonly string[];
  firsts: Uint32Array;
}

/**
 * Key words (lower case, ASCII letters, at most 32) as holdsWord reads them: made once for every file. Other words would
 * be missed without a word (a bit per word, a case folded by `| 32`), so they are refused.
 */
export function keyWordTable(words: readonly string[]): KeyWords {
  if (words.length > 32) throw new Error(`keyWordTable: ${words.length} words, at most 32`);
  const bad = words.find((word) => !/^[a-z]+$/.test(word));
  if (bad !== undefined) throw new Error(`keyWordTable: "${bad}" is not lower-case ASCII letters`);
  const firsts = new Uint32Array(128);
  words.forEach((word, w) => (firsts[word.charCodeAt(0)] |= 1 << w));
  return { words, firsts };
}

/** Whether text[from, to) holds one of the words (lower case, ASCII letters, at most 32) in any case. */
function holdsWord(text: string, from: number, to: number, { words, firsts }: KeyWords): boolean {
  for (let j = from; j < to; j++) {
    // (ASCII letters of either case give the lower case)
    const c = text.charCodeAt(j) | 32;
    const starting = c < 128 ? firsts[c] : 0;
    if (!starting) continue;
    for (let w = 0; w < words.length; w++) {
      const word = words[w];
      if (!(starting & (1 << w)) || j + word.length > to) continue;
      let m = 1;
      while (m < word.length && (text.charCodeAt(j + m) | 32) === word.charCodeAt(m)) m++;
      if (m === word.length) return true;
    }
  }
  return false;
}

/** The entries of the object literals a spread expression may give (`cond && {…}`, `a ? {…} : {…}`, `x || {…}`), first first. */
function spreadEntries(val: Val, depth = 0): Entry[] {
  if (depth > 6) return [];
  if (val.kind === 'obj') return val.entries;
  if (val.kind === 'or') return val.options.flatMap((o) => spreadEntries(o, depth + 1));
  if (val.kind === 'other') return val.parts.flatMap((p) => spreadEntries(p, depth + 1));
  return [];
}

export const argOf = (call: Call, ...keys: string[]): Val | undefined => {
  for (const key of keys) {
    const direct = call.args.find((a) => a.key === key);
    if (direct) return direct.val;
    // JS/TS single options object
    for (const a of call.args) {
      if (a.val.kind === 'obj') {
        const e = a.val.entries.find((x) => x.key === key);
        if (e) return e.val;
      }
    }
  }
  return undefined;
};

export const positional = (call: Call, n: number): Val | undefined =>
  call.args.filter((a) => !a.key && a.val.kind !== 'obj')[n]?.val ?? call.args.filter((a) => !a.key)[n]?.val;

export const strOf = (val: Val | undefined): string | undefined => (val?.kind === 'str' ? val.tok.text : undefined);
