// A light expression reader over lexer tokens for Python, TypeScript/JavaScript, Go, Java, Rust and PowerShell: call sites with
// positional and keyword arguments, object literals, builder chains, assignments, env reads with defaults.
// It does not parse whole programs; it reads the expressions the SDK patterns are written in.
import type { Token } from './token';

export type Lang = 'python' | 'js' | 'go' | 'java' | 'rust' | 'powershell';

export type Val =
  | { kind: 'str'; tok: Token }
  | { kind: 'tmpl'; tok: Token }
  | { kind: 'num'; tok: Token }
  | { kind: 'name'; name: string; start: number; end: number }
  | { kind: 'call'; call: Call }
  | { kind: 'obj'; entries: Array<{ key: string; keyTok: Token; val: Val }>; start: number; end: number }
  | { kind: 'list'; items: Val[]; start: number; end: number }
  /** `indirect`: the name is a constant holding the variable's name (`env::var(REGION_KEY)`). */
  | { kind: 'env'; name: string; indirect?: boolean; fallback?: Val; start: number; end: number }
  | { kind: 'or'; options: Val[]; start: number; end: number }
  | { kind: 'other'; start: number; end: number; parts: Val[] };

export interface Arg {
  key?: string;
  keyTok?: Token;
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

export class CodeReader {
  readonly calls: Call[] = [];
  readonly assignments: Assignment[] = [];
  /** Strings read as part of an expression (so the final sweep can tell them apart). */
  readonly seen = new Set<Token>();
  private readonly t: Token[];
  private readonly callByEnd = new Map<number, Call>();

  constructor(
    tokens: Token[],
    readonly lang: Lang,
  ) {
    this.t = [];
    for (const x of tokens) if (x.kind !== 'comment') this.t.push(x);
  }

  get tokens(): Token[] {
    return this.t;
  }

  read(): this {
    for (let i = 0; i < this.t.length; i++) {
      const x = this.t[i];
      if (x.kind === 'punct' && (x.text === '=' || x.text === ':=')) this.assignment(i);
    }
    for (let i = 0; i < this.t.length; i++) {
      const x = this.t[i];
      const next = this.t[i + 1];
      if (x.kind !== 'id' || !next) continue;
      if (next.kind === 'punct' && next.text === '(' && !notCallees.has(x.text)) this.callAt(i);
      else if (this.lang === 'go' && next.kind === 'punct' && next.text === '{' && /^[A-Z]/.test(x.text) && this.t[i - 1]?.text === '.')
        this.callAt(i);
      // C# object initializers `new ConverseRequest { ModelId = … }`
      else if (this.lang === 'java' && next.kind === 'punct' && next.text === '{' && this.t[i - 1]?.text === 'new') this.callAt(i);
      // Rust struct literals `Self { field: value }` (not `struct S {`, `impl S {`)
      else if (
        this.lang === 'rust' &&
        next.kind === 'punct' &&
        next.text === '{' &&
        /^[A-Z]/.test(x.text) &&
        !rustTypeDeclarations.has(this.t[i - 1]?.text ?? '') &&
        this.t[i - 1]?.text !== '->'
      )
        this.callAt(i);
    }
    this.calls.sort((a, b) => a.start - b.start);
    return this;
  }

  /** No ')' follows this token index: unclosed parentheses then do not each scan to the end of the file. */
  private noParenFrom = Infinity;

  /** The call whose callee name is at token index i (parsed once). */
  private readonly callsByIndex = new Map<number, Call>();

  callAt(i: number): Call | undefined {
    const existing = this.callsByIndex.get(i);
    if (existing) return existing;
    const x = this.t[i];
    // walk back over the callee chain: a.b.c, and chained calls: x(…).c
    let j = i;
    // the names from the last back
    const names = [x.text];
    let prev: Call | undefined;
    while (j >= 2 && (this.t[j - 1].text === '.' || this.t[j - 1].text === '?.' || (this.lang === 'rust' && this.t[j - 1].text === '::'))) {
      const before = this.t[j - 2];
      if (before.kind === 'id') {
        names.push(before.text);
        j -= 2;
        continue;
      }
      if (before.text === ')' || before.text === '}') {
        prev = this.callByEnd.get(before.end) ?? this.findCallEnding(j - 2);
        break;
      }
      break;
    }
    const isNew = this.t[j - 1]?.kind === 'id' && this.t[j - 1].text === 'new';
    const open = this.t[i + 1];
    const composite = open.text === '{';
    const callee = names.length === 1 ? x.text : names.reverse().join('.');
    const call: Call = {
      callee,
      name: x.text,
      receiver: names.length === 1 ? '' : callee.slice(0, callee.length - x.text.length - 1),
      isNew,
      args: [],
      prev,
      start: prev?.start ?? this.t[j].start,
      end: open.end,
      index: i,
    };
    if (composite) call.composite = true;
    this.callsByIndex.set(i, call);
    let [args, end] = composite ? this.compositeArgs(i + 2) : this.args(i + 2, ')');
    // C# `new X(…) { Prop = … }`: the initializer's properties are arguments too
    if (!composite && isNew && this.lang === 'java' && this.t[end + 1]?.text === '{') {
      const [init, after] = this.compositeArgs(end + 2);
      args = [...args, ...init];
      end = after;
    }
    call.args = args;
    call.end = this.t[Math.min(end, this.t.length - 1)]?.end ?? call.end;
    this.calls.push(call);
    this.callByEnd.set(call.end, call);
    return call;
  }

  private findCallEnding(closeIndex: number): Call | undefined {
    // find the matching open bracket and the callee before it
    let depth = 0;
    for (let k = closeIndex; k >= 0; k--) {
      const tx = this.t[k].text;
      if (this.t[k].kind !== 'punct') continue;
      if (tx === ')' || tx === '}' || tx === ']') depth++;
      if (tx === '(' || tx === '{' || tx === '[') {
        depth--;
        if (depth === 0) {
          if (k > 0 && this.t[k - 1].kind === 'id') return this.callAt(k - 1);
          return undefined;
        }
      }
    }
    return undefined;
  }

  /** Arguments up to the closing bracket: positional, `k=v` (Python), one object literal (JS). */
  private args(i: number, closing: string): [Arg[], number] {
    const args: Arg[] = [];
    let k = i;
    while (k < this.t.length) {
      const x = this.t[k];
      if (x.kind === 'punct' && x.text === closing) return [args, k];
      if (x.kind === 'punct' && x.text === ',') {
        k++;
        continue;
      }
      if (x.kind === 'punct' && (x.text === '*' || x.text === '**' || x.text === '...')) {
        k++;
        continue;
      }
      const eq = this.t[k + 1];
      // Python k=v; C# named arguments k: v (the Java family reader also reads C#)
      if (
        ((this.lang === 'python' && eq?.text === '=') || (this.lang === 'java' && eq?.text === ':')) &&
        x.kind === 'id' &&
        eq?.kind === 'punct'
      ) {
        const [val, end] = this.expr(k + 2);
        args.push({ key: x.text, keyTok: x, val });
        k = end;
        continue;
      }
      const before = k;
      const [val, end] = this.expr(k);
      args.push({ val });
      k = end === before ? k + 1 : end;
    }
    return [args, k];
  }

  /** Go composite literal fields `Field: value`. */
  private compositeArgs(i: number): [Arg[], number] {
    const [val, end] = this.object(i - 1, '}');
    if (val.kind === 'obj') return [val.entries.map((e) => ({ key: e.key, keyTok: e.keyTok, val: e.val })), end - 1];
    return [[], end];
  }

  /** An expression starting at token i; returns the value and the index after it. */
  expr(i: number): [Val, number] {
    let [left, k] = this.unary(i);
    const first = left;
    // made only where the expression goes on (most are a single operand)
    let options: Val[] | undefined;
    let parts: Val[] | undefined;
    for (;;) {
      const x = this.t[k];
      if (!x) break;
      const isOr =
        (x.kind === 'punct' && (x.text === '??' || x.text === '||')) || (this.lang === 'python' && x.kind === 'id' && x.text === 'or');
      const isTernary = x.kind === 'punct' && x.text === '?' && this.lang !== 'python';
      const isPyIf = this.lang === 'python' && x.kind === 'id' && x.text === 'if';
      const isOp =
        (x.kind === 'punct' && binaryOperators.has(x.text)) || (this.lang === 'python' && x.kind === 'id' && pythonOperators.has(x.text));
      if (isOr) {
        const [right, end] = this.unary(k + 1);
        (options ??= [first]).push(right);
        k = end;
        continue;
      }
      if (isTernary) {
        const [a, end1] = this.expr(k + 1);
        let end = end1;
        const b: Val[] = [];
        if (this.t[end]?.text === ':') {
          const [bv, end2] = this.expr(end + 1);
          b.push(bv);
          end = end2;
        }
        return [{ kind: 'or', options: [a, ...b], start: this.t[i].start, end: this.t[end - 1]?.end ?? 0 }, end];
      }
      if (isPyIf) {
        // a if cond else b
        const [, end1] = this.unary(k + 1);
        let end = end1;
        while (this.t[end] && !(this.t[end].kind === 'id' && this.t[end].text === 'else') && !this.isStop(this.t[end])) end++;
        if (this.t[end]?.text === 'else') {
          const [b, end2] = this.expr(end + 1);
          return [{ kind: 'or', options: [left, b], start: this.t[i].start, end: this.t[end2 - 1]?.end ?? 0 }, end2];
        }
        k = end;
        continue;
      }
      if (isOp) {
        const [right, end] = this.unary(k + 1);
        (parts ??= []).push(right);
        k = end === k + 1 ? end + 1 : end;
        left = { kind: 'other', start: this.t[i].start, end: this.t[end - 1]?.end ?? 0, parts: [left, ...parts] };
        continue;
      }
      break;
    }
    if (options) {
      const rest = options.slice(1);
      const start = this.t[i].start;
      const end = this.t[k - 1]?.end ?? start;
      if (first.kind === 'env' && !first.fallback)
        return [{ ...first, fallback: rest.length === 1 ? rest[0] : { kind: 'or', options: rest, start, end }, end }, k];
      return [{ kind: 'or', options, start, end }, k];
    }
    return [left, k];
  }

  private isStop(x: Token): boolean {
    return x.kind === 'punct' && stops.has(x.text);
  }

  private unary(i: number): [Val, number] {
    let k = i;
    while (
      this.t[k] &&
      ((this.t[k].kind === 'punct' && prefixOperators.has(this.t[k].text)) ||
        (this.t[k].kind === 'id' && prefixKeywords.has(this.t[k].text) && this.t[k + 1]?.kind !== 'punct'))
    ) {
      if (this.t[k].text === 'new') break;
      k++;
    }
    return this.postfix(k);
  }

  private postfix(i: number): [Val, number] {
    const x = this.t[i];
    if (!x) return [{ kind: 'other', start: 0, end: 0, parts: [] }, i];
    if (x.kind === 'str') {
      this.seen.add(x);
      // adjacent string literals concatenate (Python): take the first
      let k = i + 1;
      while (this.t[k]?.kind === 'str' && this.lang === 'python') k++;
      return [x.template ? { kind: 'tmpl', tok: x } : { kind: 'str', tok: x }, k];
    }
    if (x.kind === 'num') return [{ kind: 'num', tok: x }, i + 1];
    if (x.kind === 'punct' && (x.text === '{' || x.text === '[' || x.text === '(')) {
      if (x.text === '{') return this.object(i, '}');
      if (x.text === '[') return this.list(x, [], i + 1, ']');
      // parenthesised; with a comma it is a tuple (`MODELS = ("a", "b")` lists values, it sets none)
      const [inner, end] = this.expr(i + 1);
      if (this.t[end]?.text === ',' && x.text === '(') return this.list(x, [inner], end, ')');
      let k = end >= this.noParenFrom ? this.t.length : end;
      while (k < this.t.length && this.t[k].text !== ')') k++;
      if (k >= this.t.length) this.noParenFrom = Math.min(this.noParenFrom, end);
      return [inner, k + 1];
    }
    if (x.kind === 'id' && x.text === 'new' && this.t[i + 1]?.kind === 'id') return this.postfix(i + 1);
    if (x.kind === 'id') {
      // name chain, maybe a call, maybe indexing
      let k = i;
      let names: string[] | undefined;
      while (
        this.t[k + 1] &&
        (this.t[k + 1].text === '.' || this.t[k + 1].text === '?.' || (this.lang === 'rust' && this.t[k + 1].text === '::')) &&
        this.t[k + 2]?.kind === 'id'
      ) {
        (names ??= [x.text]).push(this.t[k + 2].text);
        k += 2;
      }
      const name = names ? names.join('.') : x.text;
      const next = this.t[k + 1];
      if (next && next.kind === 'punct' && next.text === '(') {
        const call = this.callAt(k);
        let end = this.indexAfter(call?.end ?? next.end);
        let val: Val = call ? this.callValue(call) : { kind: 'other', start: x.start, end: next.end, parts: [] };
        // chained calls: f(…).g(…) — the value is the last call
        while (this.t[end] && (this.t[end].text === '.' || this.t[end].text === '?.') && this.t[end + 1]?.kind === 'id') {
          let m = end + 1;
          while (this.t[m + 1]?.text === '.' && this.t[m + 2]?.kind === 'id') m += 2;
          if (this.t[m + 1]?.text === '(') {
            const c = this.callAt(m);
            if (!c) break;
            val = this.callValue(c);
            end = this.indexAfter(c.end);
          } else {
            end = m + 1;
            val = { kind: 'other', start: x.start, end: this.t[m].end, parts: [val] };
          }
        }
        return [val, end];
      }
      if (next && next.kind === 'punct' && next.text === '{' && this.lang === 'go' && /^[A-Z]/.test(this.t[k].text)) {
        const call = this.callAt(k);
        return [
          call ? { kind: 'call', call } : { kind: 'other', start: x.start, end: next.end, parts: [] },
          this.indexAfter(call?.end ?? next.end),
        ];
      }
      // `options[0]`: an item of a list (a widget's default option)
      if (next && next.kind === 'punct' && next.text === '[' && this.t[k + 2]?.kind === 'num' && this.t[k + 3]?.text === ']') {
        return [{ kind: 'name', name: `${name}[${this.t[k + 2].text}]`, start: x.start, end: this.t[k + 3].end }, k + 4];
      }
      if (next && next.kind === 'punct' && next.text === '[' && this.t[k + 2]?.kind === 'str' && this.t[k + 3]?.text === ']') {
        const key = this.t[k + 2];
        this.seen.add(key);
        if (name === 'os.environ' || name === 'process.env' || name === 'environ' || name === 'ENV')
          return [{ kind: 'env', name: key.text, start: x.start, end: this.t[k + 3].end }, k + 4];
        return [{ kind: 'name', name: `${name}.${key.text}`, start: x.start, end: this.t[k + 3].end }, k + 4];
      }
      if (name.startsWith('process.env.') || name.startsWith('import.meta.env.'))
        return [{ kind: 'env', name: this.t[k].text, start: x.start, end: this.t[k].end }, k + 1];
      return [{ kind: 'name', name, start: x.start, end: this.t[k].end }, k + 1];
    }
    return [{ kind: 'other', start: x.start, end: x.end, parts: [] }, i + 1];
  }

  private indexAfter(offset: number): number {
    let lo = 0;
    let hi = this.t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.t[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  callValue(call: Call): Val {
    if (
      envCalls.has(call.callee) ||
      call.callee.endsWith('.getenv') ||
      call.callee.endsWith('environ.get') ||
      call.callee === 'os.environ.setdefault'
    ) {
      const first = call.args[0]?.val;
      const fallback = call.args[1]?.val ?? call.args.find((a) => a.key === 'default')?.val;
      if (first?.kind === 'str') return { kind: 'env', name: first.tok.text, fallback, start: call.start, end: call.end };
      if (first?.kind === 'name') return { kind: 'env', name: first.name, indirect: true, fallback, start: call.start, end: call.end };
    }
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
      if (before.kind === 'env' && /^unwrap_or/.test(call.name) && call.args[0])
        return { ...before, fallback: call.args[0].val, end: call.end };
      if (before.kind === 'env' || /^(into|to_owned|to_string|clone|as_str)$/.test(call.name)) return before;
    }
    if (
      this.lang === 'rust' &&
      call.args.length === 0 &&
      /^(to_owned|to_string|into|clone|as_str)$/.test(call.name) &&
      /^[A-Za-z_][\w.]*$/.test(call.receiver)
    )
      return { kind: 'name', name: call.receiver, start: call.start, end: call.end };
    if (identityCalls.has(call.callee) && call.args.length === 1) return call.args[0].val;
    const selected = this.widgetDefault(call);
    if (selected) return selected;
    // pydantic `Field(default=…)` / `Field("…")` and dataclass `field(default=…)`: the default is the value
    if (/^(?:pydantic\.)?Field$|^(?:dataclasses\.)?field$/.test(call.callee)) {
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
    if (/^(selectbox|radio|select_slider)$/.test(call.name) && /(^|\.)(st|sidebar)$/.test(call.receiver)) {
      const index = argOf(call, 'index');
      const n = index === undefined ? 0 : index.kind === 'num' ? Number(index.tok.text) : NaN;
      picked =
        argOf(call, 'value') ??
        (Number.isInteger(n) ? this.item(argOf(call, 'options') ?? call.args.filter((a) => !a.key)[1]?.val, n) : undefined);
    } else if (
      (/^(dropdown|radio)$/.test(call.name) && /(^|\.)ui$/.test(call.receiver)) ||
      (/^(Dropdown|Radio)$/.test(call.name) && /^(gr|gradio)$/.test(call.receiver))
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

  /** The comma-separated items of a list or tuple from token k up to `closing`, after the ones already read. */
  private list(open: Token, items: Val[], k: number, closing: string): [Val, number] {
    while (k < this.t.length && this.t[k].text !== closing) {
      if (this.t[k].text === ',') {
        k++;
        continue;
      }
      const before = k;
      const [v, end] = this.expr(k);
      items.push(v);
      k = end === before ? k + 1 : end;
    }
    return [{ kind: 'list', items, start: open.start, end: this.t[k]?.end ?? open.end }, k + 1];
  }

  private object(i: number, closing: string): [Val, number] {
    const open = this.t[i];
    const entries: Array<{ key: string; keyTok: Token; val: Val }> = [];
    let k = i + 1;
    while (k < this.t.length && this.t[k].text !== closing) {
      const x = this.t[k];
      if (x.text === ',' || x.text === ';') {
        k++;
        continue;
      }
      if (x.text === '...' || x.text === '**') {
        // a conditional spread (`...(useVertex ? { location: 'global' } : {})`) sets its keys when it applies
        const [spread, end] = this.expr(k + 1);
        for (const e of spreadEntries(spread)) if (!entries.some((y) => y.key === e.key)) entries.push(e);
        k = end;
        continue;
      }
      const colon = this.t[k + 1];
      if (
        (x.kind === 'id' || x.kind === 'str' || x.kind === 'num') &&
        colon &&
        (colon.text === ':' || ((this.lang === 'python' || this.lang === 'java') && colon.text === '='))
      ) {
        if (x.kind === 'str') this.seen.add(x);
        const [val, end] = this.expr(k + 2);
        entries.push({ key: x.text, keyTok: x, val });
        k = end;
        continue;
      }
      if (x.kind === 'id' && (this.t[k + 1]?.text === ',' || this.t[k + 1]?.text === closing)) {
        // shorthand property { region }
        entries.push({ key: x.text, keyTok: x, val: { kind: 'name', name: x.text, start: x.start, end: x.end } });
        k++;
        continue;
      }
      const before = k;
      const [, end] = this.expr(k);
      k = end === before ? k + 1 : end;
    }
    return [{ kind: 'obj', entries, start: open.start, end: this.t[k]?.end ?? open.end }, k + 1];
  }

  private assignment(i: number): void {
    // name (or self.name / this.name) immediately before '=' at statement level
    let j = i - 1;
    const x = this.t[j];
    if (!x) return;
    if (this.lang === 'python' && this.depthAt(i) > 0) return;
    let nameTok = x;
    // Python annotation `NAME: str = …`, TS `const NAME: string = …`
    // (not `class A:\n  NAME = …`, where the name starts its line)
    if (x.kind === 'id' && !x.nl && this.t[j - 1]?.text === ':' && this.t[j - 2]?.kind === 'id') {
      nameTok = this.t[j - 2];
      j -= 2;
    } else if (this.lang === 'rust' && x.kind === 'id' && /^(str|String)$/.test(x.text)) {
      // Rust `const NAME: &'static str = …`, `let name: String = …`
      let k = j - 1;
      while (k > 0 && (this.t[k].text === '&' || this.t[k].text.startsWith("'"))) k--;
      if (this.t[k]?.text !== ':' || this.t[k - 1]?.kind !== 'id') return;
      nameTok = this.t[k - 1];
      j = k - 1;
    } else if (x.kind === 'punct' && x.text === '>') return;
    if (nameTok.kind !== 'id') return;
    const names = [nameTok.text];
    while (this.t[j - 1]?.text === '.' && this.t[j - 2]?.kind === 'id') {
      names.unshift(this.t[j - 2].text);
      j -= 2;
    }
    // Go: a, err := …
    if (this.lang === 'go' && this.t[j - 1]?.text === ',' && this.t[j - 2]?.kind === 'id') {
      names.splice(0, names.length, this.t[j - 2].text);
      j -= 2;
    }
    const name = names.join('.');
    const [val] = this.expr(i + 1);
    const first = this.t[j];
    const prevTok = this.t[j - 1];
    const topLevel =
      this.lang === 'python'
        ? first.nl === true && this.columnOf(first) === 0
        : prevTok === undefined || declarationWords.has(prevTok.text) || first.nl === true;
    this.assignments.push({ name, val, start: nameTok.start, topLevel });
  }

  private columnOf(tok: Token): number {
    return tok.start - (this.sourceLineStart?.(tok.start) ?? tok.start);
  }

  /** Set by the caller: offset of the line start containing an offset (for Python indentation). */
  sourceLineStart?: (offset: number) => number;

  /**
   * The brackets open before token i: counted back over at most 400 tokens, up to punctuation that starts a line
   * where none is open after it.
   */
  private depthAt(i: number): number {
    const { opened, lineStarts } = (this.brackets ??= this.bracketCounts());
    const from = Math.max(0, i - 399);
    // the count from a token back is opened[i] - opened[k]: a line start where it is <= 0 ends the count with no bracket open
    let lo = 0;
    let hi = lineStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lineStarts[mid] < i) lo = mid + 1;
      else hi = mid;
    }
    for (let m = lo - 1; m >= 0 && lineStarts[m] >= from; m--) if (opened[lineStarts[m]] >= opened[i]) return 0;
    return Math.max(0, opened[i] - opened[from]);
  }

  /** depthAt's counts, made at its first use. */
  private brackets?: { opened: Int32Array; lineStarts: number[] };

  /** The brackets opened and not closed before each token index, and the punctuation tokens that start a line. */
  private bracketCounts(): { opened: Int32Array; lineStarts: number[] } {
    const opened = new Int32Array(this.t.length + 1);
    const lineStarts: number[] = [];
    for (let k = 0; k < this.t.length; k++) {
      const x = this.t[k];
      let delta = 0;
      if (x.kind === 'punct') {
        if (x.text === '(' || x.text === '[' || x.text === '{') delta = 1;
        else if (x.text === ')' || x.text === ']' || x.text === '}') delta = -1;
        if (x.nl) lineStarts.push(k);
      }
      opened[k + 1] = opened[k] + delta;
    }
    return { opened, lineStarts };
  }
}

/** The entries of the object literals a spread expression may give (`cond && {…}`, `a ? {…} : {…}`, `x || {…}`), first first. */
function spreadEntries(val: Val, depth = 0): Array<{ key: string; keyTok: Token; val: Val }> {
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
