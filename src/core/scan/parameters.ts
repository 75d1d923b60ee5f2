// Which parameter of which function a name in a function's body is, in Python and JavaScript/TypeScript: the calls of
// a function or class defined in the workspace then say what the name holds (symbolKey.callArgument). Real projects
// wrap their model client in a class made from settings (`GeminiClient(settings.project, settings.location)`) or a
// factory (`createModel(modelId, region)`); the value is in the call, the model call in the body.
import type { TokenList } from './token';

export interface Parameter {
  /** The name its calls use: the function's, the class's for a constructor (`__init__`, `constructor`), `Class.method`. */
  callee: string;
  /** The keyword a call may pass it by (Python). */
  keyword?: string;
  /** Its place among the positional arguments (`self` and `cls` not counted); undefined for a keyword-only one. */
  position?: number;
  /** The key of the object passed at `position` that it is destructured from (`function f({ region })`). */
  member?: string;
}

interface Definition {
  /**
   * The name its calls use: a function's own, the class's for a constructor, `Class.method` for another method;
   * undefined for a function that has none (an arrow passed as an argument).
   */
  callee?: string;
  params: Map<string, Omit<Parameter, 'callee'>>;
  /** Token indexes of its body, [start, end). */
  bodyStart: number;
  bodyEnd: number;
}

/** Words before `(…) {` that make no method definition. */
const notMethods = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'function', 'return']);

/** Whether token i starts its line, after the words that may come before a method's name. */
function startsLine(t: TokenList, i: number): boolean {
  let k = i;
  while (!t.nl(k) && /^(async|static|get|set|public|private|protected|override)$/.test(t.text(k - 1))) k--;
  return t.nl(k);
}

/** The token index after the entry at `k` of a bracketed list: past its top-level comma (brackets inside it skipped). */
export function nextEntry(t: TokenList, k: number, close: number, partner: (i: number) => number): number {
  for (; k < close && !t.isPunct(k, ','); k++) {
    const code = t.punctCode(k);
    if (code === 40 || code === 91 || code === 123) k = Math.max(k, partner(k));
  }
  return k + 1;
}

/**
 * The entries of a JS object pattern (`{ region, modelId: model = 'x' }`, its braces at `open` and `close`): the token
 * of each key and of the name it binds (the key itself, or its alias); a nested pattern binds no name of its own.
 */
export function patternEntries(
  t: TokenList,
  open: number,
  close: number,
  partner: (i: number) => number,
): Array<{ keyAt: number; nameAt: number }> {
  const entries: Array<{ keyAt: number; nameAt: number }> = [];
  for (let k = open + 1; k < close; k = nextEntry(t, k, close, partner)) {
    if (t.kind(k) !== 'id' || !(t.isPunct(k + 1, ',') || t.isPunct(k + 1, ':') || t.isPunct(k + 1, '=') || k + 1 === close)) continue;
    const aliased = t.isPunct(k + 1, ':');
    if (aliased && (t.kind(k + 2) !== 'id' || t.isPunct(k + 3, '{'))) continue;
    entries.push({ keyAt: k, nameAt: aliased ? k + 2 : k });
  }
  return entries;
}

/** Words before a TypeScript constructor parameter that make it a property too. */
const modifiers = new Set(['public', 'private', 'protected', 'readonly', 'override']);

/** A class's body, in token indexes [start, end). */
interface ClassBody {
  name: string;
  start: number;
  end: number;
}

/**
 * The function definitions of one file's tokens, found on the first question: one pass over the tokens. `partner`:
 * the token index of a bracket's partner (-1 where the brackets do not pair up); `column`: the column a token starts at.
 */
export class Definitions {
  private found?: Definition[];
  private readonly classes: ClassBody[] = [];

  constructor(
    private readonly tokens: TokenList,
    private readonly lang: 'python' | 'js' | 'java' | 'other',
    private readonly partner: (i: number) => number,
    private readonly column: (i: number) => number,
  ) {}

  /** The parameter `name` at `offset` is, of the innermost function around it that has one by that name. */
  parameter(offset: number, name: string): Parameter | undefined {
    const at = this.tokens.indexAt(offset);
    let inner: Definition | undefined;
    for (const d of this.definitions())
      if (d.bodyStart <= at && at < d.bodyEnd && d.params.has(name) && (!inner || d.bodyStart > inner.bodyStart)) inner = d;
    const param = inner?.params.get(name);
    return inner?.callee && param ? { callee: inner.callee, ...param } : undefined;
  }

  /** Whether a function or class of this file is called by `callee` (Definition.callee). */
  defines(callee: string): boolean {
    return this.definitions().some((d) => d.callee === callee);
  }

  /**
   * The token index of each value a function of this file called `callee` returns: after each `return` of its own body
   * (not of a function inside it), or an arrow's expression body.
   */
  returns(callee: string): number[] {
    const t = this.tokens;
    const defs = this.definitions();
    const out: number[] = [];
    for (const d of defs) {
      if (d.callee !== callee) continue;
      if (!t.isPunct(d.bodyStart - 1, '{') && t.isPunct(d.bodyStart - 1, '=>')) out.push(d.bodyStart);
      for (let i = d.bodyStart; i < d.bodyEnd; i++) {
        if (!t.isId(i, 'return') || t.nl(i + 1) || t.isPunct(i + 1, ';')) continue;
        const inner = defs.some((o) => o !== d && o.bodyStart > d.bodyStart && o.bodyStart <= i && i < o.bodyEnd);
        if (!inner) out.push(i + 1);
      }
    }
    return out;
  }

  /** The name of the innermost class whose body holds `offset`. */
  classAt(offset: number): string | undefined {
    this.definitions();
    const at = this.tokens.indexAt(offset);
    let inner: ClassBody | undefined;
    for (const c of this.classes) if (c.start <= at && at < c.end && (!inner || c.start > inner.start)) inner = c;
    return inner?.name;
  }

  private definitions(): Definition[] {
    return (this.found ??=
      this.lang === 'python' ? this.python() : this.lang === 'js' ? this.js() : this.lang === 'java' ? this.java() : []);
  }

  /** Python `def`s: a body ends at the first line at the def's column or left of it (outside brackets). */
  private python(): Definition[] {
    const t = this.tokens;
    const found: Definition[] = [];
    // the blocks open at a line: classes and defs, innermost last
    const open: Array<{ column: number; body?: ClassBody; def?: Definition }> = [];
    let depth = 0;
    for (let i = 0; i < t.length; i++) {
      const code = t.punctCode(i);
      if (code === 40 || code === 91 || code === 123) depth++;
      else if (code === 41 || code === 93 || code === 125) depth = Math.max(0, depth - 1);
      if (depth > 0 || !t.nl(i) || t.kind(i) !== 'id') continue;
      const column = this.column(i);
      while (open.length && open[open.length - 1].column >= column) {
        const block = open.pop();
        if (block?.def) block.def.bodyEnd = i;
        if (block?.body) block.body.end = i;
      }
      const at = t.isId(i, 'async') ? i + 1 : i;
      if (t.isId(at, 'class') && t.kind(at + 1) === 'id') {
        const body: ClassBody = { name: t.text(at + 1), start: at + 2, end: t.length };
        this.classes.push(body);
        open.push({ column, body });
      }
      if (!t.isId(at, 'def') || t.kind(at + 1) !== 'id' || !t.isPunct(at + 2, '(')) continue;
      const close = this.partner(at + 2);
      if (close < 0) continue;
      let colon = close + 1;
      while (colon < t.length && !t.isPunct(colon, ':')) colon++;
      const owner = open[open.length - 1]?.body?.name;
      const name = t.text(at + 1);
      const callee = owner === undefined ? name : name === '__init__' ? owner : `${owner}.${name}`;
      const def: Definition = { callee, params: this.params(at + 2, close, owner !== undefined), bodyStart: colon + 1, bodyEnd: t.length };
      found.push(def);
      open.push({ column, def });
    }
    return found;
  }

  /**
   * JavaScript/TypeScript functions: `function f(…) {…}`, `const f = (…) => …`, `const f = function (…) {…}`, a
   * class's `constructor(…) {…}` and its methods (`Class.method`); an object literal's methods and arrows passed as
   * arguments are definitions whose calls are not told by a name (their parameters shadow the names around them).
   */
  private js(): Definition[] {
    const t = this.tokens;
    const found: Definition[] = [];
    // the class bodies open at a token, innermost last
    const classes: ClassBody[] = [];
    for (let i = 0; i < t.length; i++) {
      while (classes.length && classes[classes.length - 1].end < i) classes.pop();
      if (t.isId(i, 'class') && t.kind(i + 1) === 'id') {
        let brace = i + 2;
        while (brace < t.length && brace < i + 40 && !t.isPunct(brace, '{')) brace++;
        const close = t.isPunct(brace, '{') ? this.partner(brace) : -1;
        if (close > 0) {
          const body = { name: t.text(i + 1), start: brace + 1, end: close };
          classes.push(body);
          this.classes.push(body);
        }
        continue;
      }
      if (!t.isPunct(i, '(')) continue;
      const close = this.partner(i);
      if (close < 0) continue;
      const body = this.bodyAfter(close);
      if (!body) continue;
      let callee: string | undefined;
      if (t.kind(i - 1) === 'id' && t.isId(i - 2, 'function')) callee = t.text(i - 1);
      else if (t.isId(i - 1, 'constructor') && !body.arrow) callee = classes[classes.length - 1]?.name;
      else if (body.arrow || t.isId(i - 1, 'function')) {
        // `name = (…) =>`, `name = async (…) =>`, `name = function (…) {`
        const k = t.isId(i - 1, 'function') || t.isId(i - 1, 'async') ? i - 2 : i - 1;
        if (t.isPunct(k, '=') && t.kind(k - 1) === 'id') callee = t.text(k - 1);
      } else if (t.kind(i - 1) === 'id' && !notMethods.has(t.text(i - 1)) && startsLine(t, i - 1)) {
        // a method: of the class around it, or of an object literal (a definition all the same: its parameters shadow)
        const owner = classes[classes.length - 1];
        if (owner && owner.start <= i && i < owner.end) callee = `${owner.name}.${t.text(i - 1)}`;
      } else continue;
      found.push({ callee, params: this.params(i, close, false), bodyStart: body.start, bodyEnd: body.end });
    }
    return found;
  }

  /**
   * Java methods, by their own name (a class calls its methods without a receiver): `Type name(…) {` after a type
   * (`String`, `List<String>`, `int[]`); their parameters are not read.
   */
  private java(): Definition[] {
    const t = this.tokens;
    const found: Definition[] = [];
    for (let i = 2; i < t.length; i++) {
      if (!t.isPunct(i, '(') || t.kind(i - 1) !== 'id' || notMethods.has(t.text(i - 1))) continue;
      const type =
        t.kind(i - 2) === 'id' ? !/^(new|return|throw|else|case)$/.test(t.text(i - 2)) : t.isPunct(i - 2, '>') || t.isPunct(i - 2, ']');
      if (!type) continue;
      const close = this.partner(i);
      if (close < 0) continue;
      let brace = close + 1;
      // `throws IOException, …` before the body
      if (t.isId(brace, 'throws'))
        while (brace < t.length && brace < close + 20 && !t.isPunct(brace, '{') && !t.isPunct(brace, ';')) brace++;
      if (!t.isPunct(brace, '{')) continue;
      const end = this.partner(brace);
      if (end > 0) found.push({ callee: t.text(i - 1), params: new Map(), bodyStart: brace + 1, bodyEnd: end });
    }
    return found;
  }

  /** The body after a JS parameter list's `)`: a block, or an arrow's expression (to its end at this depth). */
  private bodyAfter(close: number): { start: number; end: number; arrow: boolean } | undefined {
    const t = this.tokens;
    let k = close + 1;
    // a return type (`): Promise<string> {`)
    if (t.isPunct(k, ':')) while (k < t.length && k < close + 40 && !t.isPunct(k, '{') && !t.isPunct(k, '=>')) k++;
    const arrow = t.isPunct(k, '=>');
    if (arrow) k++;
    if (t.isPunct(k, '{')) {
      const end = this.partner(k);
      return end < 0 ? undefined : { start: k + 1, end, arrow };
    }
    if (!arrow) return undefined;
    let end = k;
    for (; end < t.length; end++) {
      const code = t.punctCode(end);
      if (code === 44 || code === 59 || code === 41 || code === 93 || code === 125) break;
      if (end > k && t.nl(end) && t.kind(end) !== 'punct') break;
      if (code === 40 || code === 91 || code === 123) {
        const p = this.partner(end);
        if (p < 0) break;
        end = p;
      }
    }
    return { start: k, end, arrow };
  }

  /** The parameters between a definition's brackets: names, keywords, positions, destructured members. */
  private params(open: number, close: number, method: boolean): Map<string, Omit<Parameter, 'callee'>> {
    const t = this.tokens;
    const params = new Map<string, Omit<Parameter, 'callee'>>();
    const python = this.lang === 'python';
    let position: number | undefined = 0;
    let first = true;
    for (let k = open + 1; k < close;) {
      while (k < close && modifiers.has(t.text(k)) && t.kind(k + 1) === 'id') k++;
      if (t.isPunct(k, '*') || t.isPunct(k, '**') || t.isPunct(k, '...') || t.isPunct(k, '/')) {
        // `*args`, a bare `*`, `**kwargs`, `...rest`: what follows is passed by keyword only
        position = undefined;
      } else if (t.isPunct(k, '{') && !python) {
        const end = this.partner(k);
        if (end < 0) return params;
        if (position !== undefined) this.members(k, end, position, params);
      } else if (t.kind(k) === 'id') {
        const name = t.text(k);
        // a method's `self` or `cls`, TypeScript's `this` parameter
        const receiver = (first && method && (name === 'self' || name === 'cls')) || (!python && name === 'this');
        if (!receiver) params.set(name, python ? { keyword: name, position } : { position });
        if (receiver) position = position === undefined ? undefined : position - 1;
      }
      first = false;
      if (position !== undefined) position++;
      k = nextEntry(t, k, close, this.partner);
    }
    return params;
  }

  /** The names a destructured object parameter binds (`{ region, modelId: model = 'x' }`), each by its key. */
  private members(open: number, close: number, position: number, params: Map<string, Omit<Parameter, 'callee'>>): void {
    const t = this.tokens;
    for (const { keyAt, nameAt } of patternEntries(t, open, close, this.partner))
      params.set(t.text(nameAt), { position, member: t.text(keyAt) });
  }
}
