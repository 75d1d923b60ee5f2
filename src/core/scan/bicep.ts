// Bicep (.bicep, .bicepparam) and ARM JSON templates: Cognitive Services / Azure OpenAI accounts and their
// location, deployments with model { name, version } and SKU, params with defaults, @allowed lists (mentions),
// loops over region arrays, and parameter values from .bicepparam / parameters.json / azd (symbols).
import type { DatasetIndex } from '../data/dataset';
import { isArmType, knowledge } from '../data/knowledge';
import { resolveModel } from '../data/resolve';
import type { Collector } from './base';
import { envValue } from './env';
import { Evaluator, type Goal, type Reading, type Want } from './evaluate';
import type { EnvVar, Ref } from './facts';
import { isModelKey, isRegionKey } from './patterns';
import { symbolKey } from './symbols';
import { dirname, joinPath } from './text';
import { eachNode, get, getPath, str, type MapNode, type Node, type Scalar, type SeqNode } from './tree';
import type { Finding, TextRange } from './types';

// ---- Bicep syntax → tree -----------------------------------------------------------------------------------

interface Tok {
  k: 'id' | 'str' | 'num' | 'p' | 'nl' | 'comment' | 'eof';
  s: number;
  e: number;
  v: string;
  interp?: boolean;
}

function lex(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      out.push({ k: 'nl', s: i, e: i + 1, v: '\n' });
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const e = text.indexOf('\n', i);
      const end = e < 0 ? n : e;
      out.push({ k: 'comment', s: i, e: end, v: '' });
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      const end = e < 0 ? n : e + 2;
      out.push({ k: 'comment', s: i, e: end, v: '' });
      i = end;
      continue;
    }
    if (text.startsWith("'''", i)) {
      const e = text.indexOf("'''", i + 3);
      const end = e < 0 ? n : e + 3;
      out.push({ k: 'str', s: i, e: end, v: text.slice(i + 3, e < 0 ? n : e), interp: true });
      i = end;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      let interp = false;
      let depth = 0;
      while (j < n && text[j] !== '\n') {
        if (text[j] === '\\') {
          j += 2;
          continue;
        }
        if (text[j] === '$' && text[j + 1] === '{') {
          interp = true;
          depth++;
          j += 2;
          continue;
        }
        if (depth > 0 && text[j] === '}') {
          depth--;
          j++;
          continue;
        }
        if (depth === 0 && text[j] === "'") break;
        j++;
      }
      out.push({ k: 'str', s: i, e: Math.min(j + 1, n), v: text.slice(i + 1, j).replace(/\\'/g, "'"), interp });
      i = Math.min(j + 1, n);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(text[j])) j++;
      out.push({ k: 'id', s: i, e: j, v: text.slice(i, j) });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9.]/.test(text[j])) j++;
      out.push({ k: 'num', s: i, e: j, v: text.slice(i, j) });
      i = j;
      continue;
    }
    const two = text.slice(i, i + 2);
    const op = ['==', '!=', '<=', '>=', '&&', '||', '??', '?.', '.?', '!.'].includes(two) ? two : c;
    out.push({ k: 'p', s: i, e: i + op.length, v: op });
    i += op.length;
  }
  out.push({ k: 'eof', s: n, e: n, v: '' });
  return out;
}

export interface Statement {
  kind: string;
  name: string;
  nameRange: TextRange;
  /** Resource type (`Microsoft.CognitiveServices/accounts@2024-10-01`) or module path. */
  target?: string;
  value?: Node;
  decorators: Array<{ name: string; args: Node[]; range: TextRange }>;
  range: TextRange;
}

class BicepParser {
  private i = 0;
  readonly comments: TextRange[] = [];
  private readonly t: Tok[];

  constructor(
    private readonly text: string,
    tokens: Tok[],
  ) {
    this.t = tokens.filter((x) => {
      if (x.k === 'comment') {
        this.comments.push({ start: x.s, end: x.e });
        return false;
      }
      return true;
    });
  }

  private peek(o = 0) {
    return this.t[Math.min(this.i + o, this.t.length - 1)];
  }
  private next() {
    const x = this.peek();
    if (this.i < this.t.length - 1) this.i++;
    return x;
  }
  private skipNl() {
    while (this.peek().k === 'nl') this.i++;
  }

  statements(): Statement[] {
    const out: Statement[] = [];
    let decorators: Statement['decorators'] = [];
    for (;;) {
      this.skipNl();
      const x = this.peek();
      if (x.k === 'eof') return out;
      if (x.k === 'p' && x.v === '@') {
        const at = this.next();
        const name = this.next();
        let args: Node[] = [];
        if (this.peek().v === '(') {
          this.next();
          args = this.sequence(')');
        }
        decorators.push({ name: name.v, args, range: { start: at.s, end: this.t[this.i - 1].e } });
        continue;
      }
      if (
        x.k === 'id' &&
        ['param', 'var', 'resource', 'module', 'output', 'using', 'metadata', 'type', 'func', 'import', 'targetScope'].includes(x.v)
      ) {
        const kw = this.next();
        const stmt: Statement = {
          kind: kw.v,
          name: '',
          nameRange: { start: kw.e, end: kw.e },
          decorators,
          range: { start: kw.s, end: kw.e },
        };
        decorators = [];
        if (kw.v === 'using') {
          const p = this.next();
          stmt.target = p.v;
          out.push(stmt);
          continue;
        }
        const name = this.next();
        stmt.name = name.v;
        stmt.nameRange = { start: name.s, end: name.e };
        // type or resource type / module path, until '='
        while (this.peek().k !== 'eof' && this.peek().v !== '=' && this.peek().k !== 'nl') {
          const y = this.next();
          if (y.k === 'str' && stmt.target === undefined) stmt.target = y.v;
        }
        if (this.peek().v === '=') {
          this.next();
          this.skipNl();
          this.skipCondition();
          stmt.value = this.expression();
        }
        stmt.range.end = this.t[this.i - 1].e;
        out.push(stmt);
        continue;
      }
      this.next();
    }
  }

  /** `= if (condition) {…}`: a conditional resource or module is still declared (its values are read). */
  private skipCondition(): void {
    if (!(this.peek().k === 'id' && this.peek().v === 'if' && this.peek(1).v === '(')) return;
    this.next();
    let depth = 0;
    do {
      const y = this.next();
      if (y.v === '(') depth++;
      else if (y.v === ')') depth--;
      if (y.k === 'eof') return;
    } while (depth > 0);
    this.skipNl();
  }

  expression(): Node {
    const first = this.peek();
    const simple = this.primary();
    const after = this.peek();
    if (after.k === 'nl' || after.k === 'eof' || (after.k === 'p' && [',', ')', ']', '}', ':'].includes(after.v))) return simple;
    // a longer expression (operators, ternaries, calls on results): symbolic
    let depth = 0;
    // conditionals whose `:` is still to come: that colon is theirs, not the end of the expression
    let conditionals = 0;
    while (this.peek().k !== 'eof') {
      const y = this.peek();
      if (depth === 0 && y.k === 'p' && y.v === '?') conditionals++;
      else if (depth === 0 && y.k === 'p' && y.v === ':' && conditionals > 0) conditionals--;
      else if (depth === 0 && (y.k === 'nl' || (y.k === 'p' && [',', ')', ']', '}', ':'].includes(y.v)))) break;
      if (y.k === 'p' && ['(', '[', '{'].includes(y.v)) depth++;
      if (y.k === 'p' && [')', ']', '}'].includes(y.v)) depth--;
      this.next();
    }
    const end = this.t[this.i - 1].e;
    return {
      t: 'scalar',
      range: { start: first.s, end },
      value: this.text.slice(first.s, end),
      raw: this.text.slice(first.s, end),
      tag: '!expr',
    };
  }

  private primary(): Node {
    const x = this.next();
    if (x.k === 'str') {
      const inner = { start: x.s + (this.text.startsWith("'''", x.s) ? 3 : 1), end: x.e - (this.text.startsWith("'''", x.s) ? 3 : 1) };
      return x.interp
        ? { t: 'scalar', range: { start: x.s, end: x.e }, value: x.v, raw: x.v, tag: '!interp', inner }
        : { t: 'scalar', range: { start: x.s, end: x.e }, inner, value: x.v, raw: x.v };
    }
    if (x.k === 'num')
      return { t: 'scalar', range: { start: x.s, end: x.e }, inner: { start: x.s, end: x.e }, value: x.v, raw: Number(x.v) };
    if (x.k === 'p' && x.v === '{') return this.object(x.s);
    if (x.k === 'p' && x.v === '[') {
      this.skipNl();
      if (this.peek().k === 'id' && this.peek().v === 'for') return this.forExpr(x.s);
      const items = this.sequence(']');
      return { t: 'seq', range: { start: x.s, end: this.t[this.i - 1].e }, items };
    }
    if (x.k === 'p' && x.v === '(') {
      this.skipNl();
      const inner = this.expression();
      this.skipNl();
      if (this.peek().v === ')') this.next();
      return inner;
    }
    // identifiers, member access and calls: symbolic
    let end = x.e;
    let depth = 0;
    while (this.peek().k !== 'eof') {
      const y = this.peek();
      if (
        depth === 0 &&
        !(y.k === 'p' && ['.', '(', '[', '?.', '.?', '!.'].includes(y.v)) &&
        !(y.k === 'id' && this.t[this.i - 1].k === 'p' && ['.', '?.', '.?'].includes(this.t[this.i - 1].v))
      )
        break;
      if (y.k === 'p' && ['(', '['].includes(y.v)) depth++;
      if (y.k === 'p' && [')', ']'].includes(y.v)) depth--;
      if (depth < 0) break;
      if (depth > 0 && y.k === 'eof') break;
      this.next();
      end = y.e;
      if (depth === 0 && y.k === 'p' && [')', ']'].includes(y.v)) continue;
    }
    const text = this.text.slice(x.s, end);
    if (text === 'true' || text === 'false' || text === 'null')
      return {
        t: 'scalar',
        range: { start: x.s, end },
        inner: { start: x.s, end },
        value: text,
        raw: text === 'null' ? null : text === 'true',
      };
    return { t: 'scalar', range: { start: x.s, end }, value: text, raw: text, tag: '!expr' };
  }

  private object(start: number): MapNode {
    const entries: MapNode['entries'] = [];
    for (;;) {
      this.skipNl();
      const k = this.peek();
      if (k.k === 'eof') break;
      if (k.k === 'p' && k.v === '}') {
        this.next();
        break;
      }
      if (k.k === 'p' && k.v === ',') {
        this.next();
        continue;
      }
      if ((k.k === 'id' || k.k === 'str') && this.peek(1).v === ':') {
        this.next();
        this.next();
        this.skipNl();
        const value = this.expression();
        entries.push({ key: k.v, keyRange: { start: k.k === 'str' ? k.s + 1 : k.s, end: k.k === 'str' ? k.e - 1 : k.e }, value });
        continue;
      }
      this.next();
    }
    return { t: 'map', range: { start, end: this.t[this.i - 1].e }, entries };
  }

  private sequence(closing: string): Node[] {
    const items: Node[] = [];
    for (;;) {
      this.skipNl();
      const y = this.peek();
      if (y.k === 'eof') return items;
      if (y.k === 'p' && y.v === closing) {
        this.next();
        return items;
      }
      if (y.k === 'p' && y.v === ',') {
        this.next();
        continue;
      }
      const before = this.i;
      items.push(this.expression());
      if (this.i === before) this.next();
    }
  }

  /** `[for item in source: body]` as a map tagged !for with var, source and body. */
  private forExpr(start: number): MapNode {
    this.next(); // for
    const variable = this.next();
    let idx: Tok | undefined;
    if (variable.v === '(') {
      const v = this.next();
      this.next();
      idx = this.next();
      this.next();
      variable.v = v.v;
      void idx;
    }
    this.next(); // in
    const source = this.expression();
    if (this.peek().v === ':') this.next();
    this.skipNl();
    this.skipCondition();
    const body = this.expression();
    this.skipNl();
    if (this.peek().v === ']') this.next();
    const v: Scalar = { t: 'scalar', range: { start: variable.s, end: variable.e }, value: variable.v, raw: variable.v };
    return {
      t: 'map',
      tag: '!for',
      range: { start, end: this.t[this.i - 1].e },
      entries: [
        { key: 'var', keyRange: v.range, value: v },
        { key: 'source', keyRange: source.range, value: source },
        { key: 'body', keyRange: body.range, value: body },
      ],
    };
  }
}

export function parseBicep(text: string): { statements: Statement[]; comments: TextRange[] } {
  const parser = new BicepParser(text, lex(text));
  return { statements: parser.statements(), comments: parser.comments };
}

// ---- shared Azure template model ------------------------------------------------------------------------------

interface AzResource {
  symbol: string;
  type: string;
  body: MapNode;
  /** Loop variable bound to each item of an array (`[for r in regions: …]`). */
  loop?: Loop;
  range: TextRange;
}

/** `[for item in source: …]`; `item` is set when one item is being read. */
interface Loop {
  variable: string;
  source: Node;
  item?: Node;
}

/** A deployment name that spells its model's name, give or take case and separators. */
function namesSameModel(name: string | undefined, model: string | undefined): boolean {
  const norm = (t: string) => t.toLowerCase().replace(/[-_.\s]/g, '');
  return name !== undefined && model !== undefined && norm(name) !== '' && norm(name) === norm(model);
}

/**
 * A deployment name code calls its model by: one that spells the model (gpt-41-mini for gpt-4.1-mini), or one made of
 * the model's own words that is no other model's id (text-embedding-large for text-embedding-3-large). A name that is
 * another model (gpt-4o running gpt-4o-mini) or a word of its own (chat) is not.
 */
export function namesDeployedModel(index: DatasetIndex, name: string | undefined, model: string | undefined): boolean {
  if (namesSameModel(name, model)) return true;
  if (!name || !model || resolveModel(index, name)) return false;
  const words = (t: string) =>
    t
      .toLowerCase()
      .split(/[-_.\s]+/)
      .filter(Boolean);
  const own = new Set(words(model));
  const parts = words(name);
  return parts.length >= 2 && parts.every((p) => own.has(p));
}

/** A deployment name whose own spelling is no known model reads as the model the deployment runs. */
export function nameTheDeployedModel(name: Ref | undefined, model: Ref | undefined): void {
  const literal = (ref: Ref | undefined): Finding | undefined =>
    ref?.kind === 'finding' ? ref.finding : ref?.kind === 'chain' ? literal(ref.next) : undefined;
  const named = literal(name);
  const deployed = literal(model);
  if (!named || named.value || !deployed?.value) return;
  named.value = deployed.value;
  named.suggestions = undefined;
  named.evidence = `${named.evidence ?? ''}; the name of a deployment of ${deployed.text}`;
}

interface AzTemplate {
  syntax: 'bicep' | 'arm';
  params: Map<string, { nameRange: TextRange; default?: Node }>;
  vars: Map<string, Node>;
  resources: AzResource[];
}

/** A template value, with the loop its resource iterates (`deployment.model` reads the loop's items). */
interface AzValue {
  node: Node;
  loop?: Loop;
}

/** `named`: the schema says the value is a model name (a deployment's model.name): any identifier counts. */
type AzGoal = Goal & { named: boolean };

/** What a name or SKU is written as does not depend on what it is evaluated for. */
const spelling: AzGoal = { want: 'model', role: 'deployment', label: 'spelling', named: false };

class AzureAnalysis {
  private readonly folder: string;
  private readonly values: Evaluator<AzValue, AzGoal>;

  constructor(
    private readonly c: Collector,
    private readonly tpl: AzTemplate,
  ) {
    this.folder = dirname(c.file);
    this.values = new Evaluator(c, (value, goal, depth) => this.read(value, goal, depth));
  }

  run(): void {
    // an account module (AVM's, azd's core/ai/cognitiveservices.bicep) is given its deployments in params
    const given = new Map(this.tpl.resources.map((r) => [r, this.moduleDeployments(r)]));
    const accounts = this.tpl.resources.filter(
      (r) =>
        isArmType(r.type, knowledge.azure.accountTypes) ||
        knowledge.azure.accountModules.some((path) => r.type.toLowerCase().includes(path.toLowerCase())) ||
        (given.get(r)?.length ?? 0) > 0,
    );
    for (const account of accounts) {
      const location = get(account.body, 'location') ?? get(account.body, 'params', 'location');
      if (location) this.value(location, 'region', 'inference', `${account.symbol} location`, account.loop);
      for (const d of given.get(account) ?? []) this.deployment({ ...account, body: d }, account, true);
    }
    for (const r of this.tpl.resources) {
      if (isArmType(r.type, knowledge.azure.deploymentTypes)) this.deployment(r, this.parentOf(r, accounts), false);
    }
    // every other location: a deployment setting
    for (const r of this.tpl.resources) {
      const location = get(r.body, 'location');
      if (location) this.value(location, 'region', 'deployment', `${r.symbol} location`, r.loop);
    }
    if (this.tpl.syntax === 'bicep') for (const r of this.tpl.resources) if (/\.bicep$/i.test(r.type)) this.moduleParams(r);
    for (const [name, p] of this.tpl.params) {
      if (!p.default) continue;
      if (isRegionKey(name) || name.toLowerCase().includes('location'))
        this.value(p.default, 'region', 'deployment', `param ${name} default`);
      else if (isModelKey(name)) this.value(p.default, 'model', 'deployment', `param ${name} default`);
    }
  }

  /** `module m 'x.bicep' = { params: { k: v } }` sets param k of x.bicep: a symbol that file's values read. */
  private moduleParams(r: AzResource): void {
    const params = get(r.body, 'params');
    if (params?.t !== 'map') return;
    const file = joinPath(this.folder, r.type);
    for (const e of params.entries) {
      if (!e.value) continue;
      const want = isRegionKey(e.key) || /location/i.test(e.key) ? 'region' : 'model';
      const ref = this.value(e.value, want, 'deployment', `module ${r.symbol} params.${e.key}`, r.loop);
      if (ref)
        this.c.facts.symbols.push({
          key: symbolKey.moduleParameter(file, e.key),
          value: { kind: 'chain', at: e.keyRange, label: `module ${r.symbol} params.${e.key}`, next: ref },
          priority: 1,
        });
    }
  }

  /**
   * The model deployments a module is given (`params: { deployments: [ { name, model: { name }, sku } ] }`, written
   * there or through vars, conditionals and union()): the shape of AVM's account module and of azd's
   * core/ai/cognitiveservices.bicep, which deploy each item on the account the module makes.
   */
  private moduleDeployments(r: AzResource): MapNode[] {
    if (!/\.bicep$|^br[:/]/i.test(r.type)) return [];
    const list = get(r.body, 'params', 'deployments');
    if (!list) return [];
    return this.arrayItems(list, 0)
      .map((item) => this.through(item, undefined))
      .filter((item): item is MapNode => item?.t === 'map' && get(item, 'model') !== undefined);
  }

  private parentOf(r: AzResource, accounts: AzResource[]): AzResource | undefined {
    const parent = get(r.body, 'parent');
    if (parent?.t === 'scalar') {
      const found = accounts.find((a) => a.symbol === parent.value);
      if (found) return found;
    }
    return accounts.length === 1 ? accounts[0] : undefined;
  }

  /** A deployment, or one per item when it loops over a known array (each item has its own model and SKU). */
  private deployment(r: AzResource, account: AzResource | undefined, avm: boolean): void {
    const items = r.loop ? this.arrayItems(r.loop.source, 0) : [];
    if (r.loop && items.length) for (const item of items) this.oneDeployment(r, account, avm, { ...r.loop, item });
    else this.oneDeployment(r, account, avm, r.loop);
  }

  private oneDeployment(r: AzResource, account: AzResource | undefined, avm: boolean, loop: Loop | undefined): void {
    const props = avm ? r.body : (this.field(r.body, loop, 'properties') ?? r.body);
    const modelName = this.field(props, loop, 'model', 'name');
    const skuName = this.field(r.body, loop, 'sku', 'name');
    const sku = skuName ? this.literal(skuName) : undefined;
    const label = `${r.symbol} deployment`;
    const model = modelName ? this.value(modelName, 'model', 'inference', `${label} model.name`, loop, true) : undefined;
    const location = account ? (get(account.body, 'location') ?? get(account.body, 'params', 'location')) : undefined;
    const region: Ref = location
      ? {
          kind: 'chain',
          at: account?.range ?? r.range,
          label: `account ${account?.symbol}`,
          next: this.value(location, 'region', 'inference', `${account?.symbol} location`, account?.loop) ?? {
            kind: 'state',
            state: 'unresolved',
            at: location.range,
            note: location.t === 'scalar' ? location.value : '',
          },
        }
      : {
          kind: 'state',
          state: 'unresolved',
          at: r.range,
          note: account ? `account ${account.symbol} has no location here` : 'account not found',
        };
    if (!model) return;
    // code calls a deployment by its name: when the name names the model (see namesDeployedModel), it is a model
    // setting too; a name that spells another model (gpt-4 running gpt-4o-mini) is not
    const name = this.field(r.body, loop, 'name');
    const nameModel =
      name && name !== modelName && namesDeployedModel(this.c.index, this.literal(name), modelName && this.literal(modelName))
        ? this.value(name, 'model', 'inference', `${label} name`, loop, true)
        : undefined;
    nameTheDeployedModel(nameModel, model);
    this.c.facts.anchors.push({
      at: r.range,
      label,
      platform: 'azure-openai',
      models: nameModel ? [model, nameModel] : [model],
      region,
      sku,
    });
    const depName = name ? this.literal(name)?.split('/').pop() : undefined;
    if (depName) this.c.facts.azureDeployments.push({ name: depName, model, region, sku, at: name?.range ?? r.range });
  }

  /** A node with loop items and object-valued params/vars looked through (`deployment.model` → the item's model). */
  private field(node: Node | undefined, loop: Loop | undefined, ...path: string[]): Node | undefined {
    let cur = this.through(node, loop);
    for (const key of path) {
      if (cur?.t !== 'map') return undefined;
      cur = this.through(get(cur, key), loop);
    }
    return cur;
  }

  private through(node: Node | undefined, loop: Loop | undefined, depth = 0): Node | undefined {
    if (node?.t !== 'scalar' || node.tag !== '!expr' || depth > 4) return node;
    const t = node.value.trim();
    if (loop?.item && (t === loop.variable || t.startsWith(`${loop.variable}.`))) {
      const found = getPath(loop.item, t.split('.').slice(1));
      return found ? this.through(found, undefined, depth + 1) : node;
    }
    const named = this.tpl.syntax === 'bicep' ? (this.tpl.params.get(t)?.default ?? this.tpl.vars.get(t)) : undefined;
    return named && named.t !== 'scalar' ? named : node;
  }

  /** The text a value is written as: a string, or what a param's default or a var holds (`sku: { name: skuName }`). */
  private literal(node: Node): string | undefined {
    return this.values.text({ node }, spelling);
  }

  /** A template value as a Ref: literal, param (with .bicepparam/parameters.json overrides), var, loop item. */
  value(node: Node, want: Want, role: 'inference' | 'deployment', label: string, loop?: Loop, named = false): Ref | undefined {
    return this.values.evaluate({ node, loop }, { want, role, label, named });
  }

  private read({ node, loop }: AzValue, goal: AzGoal, depth: number): Reading<AzValue> | undefined {
    if (node.t === 'scalar' && !node.tag && node.inner) {
      if (this.tpl.syntax === 'arm' && node.value.startsWith('[')) return this.expr(node.value.slice(1, -1), node, loop, depth);
      const model = { keyed: true, schemaName: goal.named };
      return { is: 'literal', at: node.inner, text: node.value, region: { keyed: true, provider: 'azure' }, model };
    }
    if (node.t === 'scalar' && node.tag === '!expr') return this.expr(node.value, node, loop, depth);
    return undefined;
  }

  private expr(text: string, node: Node, loop: Loop | undefined, depth: number): Reading<AzValue> {
    const t = text.trim();
    const at = node.range;
    // `cond ? a : b`: either branch may be the value
    const spans = this.tpl.syntax === 'bicep' && node.t === 'scalar' && text === node.value ? conditionalSpans(text) : undefined;
    if (spans && node.t === 'scalar')
      return { is: 'choice', nodes: spans.map(([from, to]) => ({ node: branchNode(node, from, to), loop })) };
    const param = /^parameters\('([^']+)'\)$/.exec(t)?.[1] ?? (this.tpl.syntax === 'bicep' && this.tpl.params.has(t) ? t : undefined);
    if (param) {
      const p = this.tpl.params.get(param);
      // a module call sets this file's params; a .bicepparam or parameters.json sets the folder's main template's
      const byFolder = symbolKey.templateParameter(this.folder, param);
      return {
        is: 'parameter',
        keys: this.tpl.syntax === 'bicep' ? [symbolKey.moduleParameter(this.c.file, param), byFolder] : [byFolder],
        at,
        label: `param ${param}`,
        default: p && {
          node: p.default && { node: p.default },
          at: p.nameRange,
          hop: `param ${param} default`,
          label: `param ${param} default`,
        },
      };
    }
    const variable = /^variables\('([^']+)'\)$/.exec(t)?.[1] ?? (this.tpl.syntax === 'bicep' && this.tpl.vars.has(t) ? t : undefined);
    if (variable) {
      const v = this.tpl.vars.get(variable);
      return { is: 'variable', node: v && { node: v }, at, label: `var ${variable}` };
    }
    if (loop && (t === loop.variable || t.startsWith(`${loop.variable}.`))) {
      const path = t.split('.').slice(1);
      const items = loop.item ? [loop.item] : this.arrayItems(loop.source, depth);
      // the items of an array a parameter file or a module call passes (none written here): each item's field as set there
      const passed = !items.length && path.length ? this.parameterNamed(loop.source) : undefined;
      if (passed) {
        const field = `${passed}[].${path.join('.')}`;
        return {
          is: 'parameter',
          keys: [symbolKey.moduleParameter(this.c.file, field), symbolKey.templateParameter(this.folder, field)],
          at,
          label: `param ${passed} item ${path.join('.')}`,
        };
      }
      const nodes = items.map((item) => getPath(item, path)).filter((n): n is Node => n !== undefined);
      return { is: 'choice', nodes: nodes.map((n) => ({ node: n })) };
    }
    // a property of an object var (`embedding.modelName` of `var embedding = { modelName: … }`, azd's templates)
    const member = this.tpl.syntax === 'bicep' ? /^([A-Za-z_]\w*)\.([\w.]+)$/.exec(t) : null;
    const holder = member ? this.tpl.vars.get(member[1]) : undefined;
    if (member && holder?.t === 'map') {
      const property = getPath(holder, member[2].split('.'));
      return { is: 'variable', node: property && { node: property }, at, label: `var ${t}` };
    }
    const chosenAtDeploy: Ref = { kind: 'state', state: 'unresolved', at, note: `${t}: the location is chosen at deploy time` };
    // a deployment script in the workspace that creates the resource group (az group create --location) decides it
    if (/^resourceGroup\(\)\.location$/.test(t))
      return { is: 'known', ref: { kind: 'symbol', key: symbolKey.resourceGroupLocation, at, label: t, fallback: chosenAtDeploy } };
    if (/(resourceGroup|deployment|subscription)\(\)\.location/.test(t)) return { is: 'known', ref: chosenAtDeploy };
    return { is: 'known', ref: { kind: 'state', state: 'unresolved', at, note: t } };
  }

  /** The parameter an expression is (`models`, `parameters('models')`), if it is one. */
  private parameterNamed(source: Node): string | undefined {
    if (source.t !== 'scalar') return undefined;
    const t = source.value.trim().replace(/^\[(.*)\]$/s, '$1');
    const param = /^parameters\('([^']+)'\)$/.exec(t)?.[1] ?? (this.tpl.syntax === 'bicep' ? t : undefined);
    return param !== undefined && this.tpl.params.has(param) ? param : undefined;
  }

  private arrayItems(source: Node, depth: number): Node[] {
    if (source.t === 'seq') return source.items;
    if (source.t === 'scalar' && source.tag === '!expr' && depth < 4) return [...new Set(this.expressionItems(source.value, depth))];
    return [];
  }

  /**
   * The items an array expression may hold: a param's or var's, either branch of a conditional, every array union()
   * or concat() joins, an inline array's named elements.
   */
  private expressionItems(text: string, depth: number): Node[] {
    const t = text.trim();
    const named = this.tpl.params.get(t)?.default ?? this.tpl.vars.get(t);
    if (named) return this.arrayItems(named, depth + 1);
    if (depth >= 4) return [];
    const branches = conditionalBranches(t);
    if (branches) return branches.flatMap((b) => this.expressionItems(b, depth + 1));
    const joined = /^(?:union|concat)\((.*)\)$/s.exec(t);
    if (joined) return splitOutside(joined[1], ',').flatMap((a) => this.expressionItems(a, depth + 1));
    const inline = /^\[(.*)\]$/s.exec(t);
    if (inline)
      return splitOutside(inline[1], ',').flatMap((e) => {
        const item = this.tpl.params.get(e.trim())?.default ?? this.tpl.vars.get(e.trim());
        return item ? [item] : [];
      });
    return [];
  }
}

/** The offsets in `text` where `at` is true of a character outside brackets, parentheses, braces and strings. */
function offsetsOutside(text: string, at: (i: number) => boolean): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (depth === 0 && at(i)) offsets.push(i);
  }
  return offsets;
}

/** The branch at [from, to) of a conditional expression's node, as a node of its own: a string literal, else an expression. */
function branchNode(node: Scalar, from: number, to: number): Node {
  const raw = node.value.slice(from, to);
  const text = raw.trim();
  const start = node.range.start + from + raw.indexOf(text);
  const range = { start, end: start + text.length };
  const quoted = /^'([^'\\]*)'$/.exec(text);
  if (quoted) return { t: 'scalar', range, inner: { start: start + 1, end: range.end - 1 }, value: quoted[1], raw: quoted[1] };
  return { t: 'scalar', range, value: text, raw: text, tag: '!expr' };
}

/** `text` cut at each `separator` outside brackets, parentheses, braces and strings. */
function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const i of offsetsOutside(text, (k) => text[k] === separator)) {
    parts.push(text.slice(from, i));
    from = i + 1;
  }
  parts.push(text.slice(from));
  return parts;
}

/** The two branches of `condition ? a : b` written at the top of `text` (not `??` or the safe access `.?`). */
function conditionalBranches(text: string): [string, string] | undefined {
  const spans = conditionalSpans(text);
  return spans && [text.slice(...spans[0]), text.slice(...spans[1])];
}

/** Where conditionalBranches' two branches are in `text`: [start, end) offsets. */
function conditionalSpans(text: string): [[number, number], [number, number]] | undefined {
  const marks = offsetsOutside(text, (k) => {
    const ch = text[k];
    if (ch === ':') return true;
    return ch === '?' && text[k + 1] !== '?' && text[k - 1] !== '?' && text[k - 1] !== '.';
  });
  const question = marks.find((k) => text[k] === '?');
  if (question === undefined) return undefined;
  // the colon of this conditional: the first one after it that no nested conditional claims
  let open = 0;
  for (const k of marks) {
    if (k <= question) continue;
    if (text[k] === '?') open++;
    else if (open-- === 0)
      return [
        [question + 1, k],
        [k + 1, text.length],
      ];
  }
  return undefined;
}

export function analyzeBicep(c: Collector): void {
  const { statements, comments } = parseBicep(c.text);
  for (const r of comments) c.mentionsIn(r.start, r.end, 'comment');
  const params = new Map<string, { nameRange: TextRange; default?: Node }>();
  const vars = new Map<string, Node>();
  const resources: AzResource[] = [];
  const isParamFile = c.file.toLowerCase().endsWith('.bicepparam');
  for (const s of statements) {
    for (const d of s.decorators) for (const a of d.args) c.mentionsIn(a.range.start, a.range.end, `@${d.name}`);
    if (s.kind === 'param') {
      params.set(s.name, { nameRange: s.nameRange, default: s.value });
      if (isParamFile && s.value) paramFileValue(c, s.name, s.value);
    } else if (s.kind === 'var' && s.value) vars.set(s.name, s.value);
    else if ((s.kind === 'resource' || s.kind === 'module') && s.value) {
      const type = (s.target ?? '').split('@')[0];
      let body = s.value;
      let loop: AzResource['loop'];
      if (body.t === 'map' && body.tag === '!for') {
        const variable = get(body, 'var');
        const source = get(body, 'source');
        const inner = get(body, 'body');
        if (variable?.t === 'scalar' && source && inner) loop = { variable: variable.value, source };
        body = inner ?? body;
      }
      if (body.t === 'map') resources.push({ symbol: s.name, type, body, loop, range: s.range });
    }
  }
  if (isParamFile) return;
  new AzureAnalysis(c, { syntax: 'bicep', params, vars, resources }).run();
  for (const r of resources) appEnvironment(c, r);
  // prose: descriptions and other strings
  for (const s of statements) if (s.kind === 'output' && s.value) c.mentionsIn(s.value.range.start, s.value.range.end, 'output');
}

/**
 * App settings and container env (`env: [{ name, value }]`, `{ name, secretRef }` with the resource's `secrets`):
 * the environment of the app the resource runs, an env scope its code reads. A deployment name there that spells a
 * model is a model setting (paired where code uses the deployment, not here: its account may be elsewhere).
 */
function appEnvironment(c: Collector, r: AzResource): void {
  const secrets = new Map<string, Node>();
  const entries: Array<{ name: string; node: MapNode }> = [];
  eachNode(r.body, (node) => {
    if (node.t !== 'map') return;
    const name = str(get(node, 'name'));
    if (!name) return;
    if (get(node, 'secretRef') || /^[A-Z][A-Z0-9_]*$/.test(name)) entries.push({ name, node });
    else if (get(node, 'value')) secrets.set(name, get(node, 'value') as Node);
  });
  const vars: EnvVar[] = [];
  for (const { name, node } of entries) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) continue;
    const ref = str(get(node, 'secretRef'));
    const value = ref ? secrets.get(ref) : get(node, 'value');
    if (value?.t !== 'scalar' || value.tag || !value.inner) continue;
    const label = `${r.symbol} env ${name}`;
    const { value: v, text } = envValue(c, name, value.inner.start, value.inner.end, label);
    vars.push({ name, value: v, at: node.range, text });
    if (v.kind === 'finding' || !/deployment/i.test(name) || !/^(?:gpt-|o\d|text-embedding-|dall-e)/.test(text)) continue;
    // the env var keeps the name (code maps it to the IaC deployment); the finding says it is a model setting
    c.model(value.inner.start, value.inner.end, 'deployment', `${label} (deployment name)`, { keyed: true });
  }
  if (vars.length) c.facts.scopes.push({ id: `${c.file}#${r.symbol}`, kind: 'config', vars });
}

/** A .bicepparam value, or the default of a `readEnvironmentVariable` in it. */
interface ParamFileValue {
  node: Node;
  /** The default argument of readEnvironmentVariable: a literal. */
  defaultAt?: TextRange;
}

/**
 * What a .bicepparam value is: a literal (a region under a location key, else a model, by its shape unless the key is
 * a model key), or `readEnvironmentVariable('NAME', 'default')`, whose default runs when the variable is not set.
 */
function readParamFileValue({ node, defaultAt }: ParamFileValue, goal: Goal & { name: string }): Reading<ParamFileValue> | undefined {
  const literal = (at: TextRange): Reading<ParamFileValue> => ({
    is: 'literal',
    at,
    region: { keyed: true, provider: 'azure' },
    model: { keyed: isModelKey(goal.name) },
  });
  if (defaultAt) return literal(defaultAt);
  if (node.t === 'scalar' && !node.tag && node.inner) return literal(node.inner);
  if (node.t !== 'scalar' || node.tag !== '!expr') return undefined;
  const env = /^readEnvironmentVariable\('([^']+)'(?:\s*,\s*'([^']*)')?\)$/d.exec(node.value.trim());
  if (!env) return undefined;
  const lead = node.value.length - node.value.trimStart().length;
  const at = env.indices?.[2] ? node.range.start + lead + env.indices[2][0] : -1;
  const fallback = at < 0 ? undefined : { node, defaultAt: { start: at, end: at + env[2].length } };
  return {
    is: 'env',
    name: env[1],
    at: node.range,
    label: `readEnvironmentVariable('${env[1]}')`,
    default: fallback && { node: fallback, label: `${goal.label} default` },
  };
}

/** A .bicepparam value sets the template's parameter (symbol), and lists/objects inside it are read too. */
function paramFileValue(c: Collector, name: string, value: Node): void {
  const folder = dirname(c.file);
  if (value.t === 'scalar' && (!value.tag || value.tag === '!expr')) {
    const want = isRegionKey(name) || /location/i.test(name) ? 'region' : 'model';
    const goal = { want, role: 'deployment', label: `bicepparam ${name}`, name } as const;
    const ref = new Evaluator(c, readParamFileValue).evaluate({ node: value }, goal);
    if (ref) c.facts.symbols.push({ key: symbolKey.templateParameter(folder, name), value: ref, priority: 2 });
    return;
  }
  if (value.t === 'seq') return arrayParameterItems(c, folder, name, value, 'bicepparam');
  // objects: location keys are regions
  eachNode(value, (node, key) => {
    if (node.t !== 'scalar' || !node.inner || node.tag || !key) return;
    if (key === 'location' || isRegionKey(key))
      c.region(node.inner.start, node.inner.end, 'deployment', `bicepparam ${name}.${key}`, { keyed: true, provider: 'azure' });
  });
}

/**
 * The items of an array a parameter file passes a template's parameter (`models = [{ modelName: 'gpt-4o' }]`, a
 * parameters.json value): each region and model field of each item sets the template's `<param>[].<field>` (symbol),
 * which a loop over the parameter reads (`[for m in models: { name: m.modelName }]`). `handled`: the values read.
 */
export function arrayParameterItems(
  c: Collector,
  folder: string,
  name: string,
  value: SeqNode,
  label: string,
  handled?: Set<number>,
): void {
  eachNode(value, (node, key, path) => {
    if (node.t !== 'scalar' || !node.inner || node.tag || !key || path[0] !== '[]') return;
    const region = key === 'location' || isRegionKey(key);
    const model = !region && (isModelKey(key) || (key === 'name' && path[path.length - 2] === 'model'));
    if (!region && !model) return;
    const field = `${name}[].${path.slice(1).join('.')}`;
    const f = region
      ? c.region(node.inner.start, node.inner.end, 'deployment', `${label} ${field}`, { keyed: true, provider: 'azure' })
      : c.model(node.inner.start, node.inner.end, 'deployment', `${label} ${field}`, { keyed: true });
    handled?.add(node.inner.start);
    if (f) c.facts.symbols.push({ key: symbolKey.templateParameter(folder, field), value: { kind: 'finding', finding: f }, priority: 2 });
  });
}

// ---- ARM JSON ------------------------------------------------------------------------------------------------------

/** The file an ARM template's `$schema` names, and the key every template holds beside its resources. */
const armSchemaFile = 'deploymentTemplate.json';
const armVersionKey = 'contentVersion';

/** Words one of which every document isArm accepts holds. */
export const armMarkers: readonly string[] = [armSchemaFile, armVersionKey];

export function isArm(doc: MapNode): boolean {
  const schema = str(get(doc, '$schema')) ?? '';
  return (
    schema.toLowerCase().includes(armSchemaFile.toLowerCase()) ||
    (get(doc, 'resources')?.t === 'seq' && get(doc, armVersionKey) !== undefined)
  );
}

export function analyzeArm(c: Collector, doc: MapNode): void {
  const params = new Map<string, { nameRange: TextRange; default?: Node }>();
  const p = get(doc, 'parameters');
  if (p?.t === 'map') {
    for (const e of p.entries) {
      params.set(e.key, { nameRange: e.keyRange, default: get(e.value, 'defaultValue') });
      const allowed = get(e.value, 'allowedValues');
      if (allowed) c.mentionsIn(allowed.range.start, allowed.range.end, `parameters.${e.key}.allowedValues`);
      const description = get(e.value, 'metadata', 'description');
      if (description) c.mentionsIn(description.range.start, description.range.end, 'description');
    }
  }
  const vars = new Map<string, Node>();
  const v = get(doc, 'variables');
  if (v?.t === 'map') for (const e of v.entries) if (e.value) vars.set(e.key, e.value);
  const resources: AzResource[] = [];
  const collect = (list: Node | undefined, parentName?: string) => {
    if (list?.t !== 'seq') return;
    (list as SeqNode).items.forEach((r, i) => {
      if (r.t !== 'map') return;
      let type = str(get(r, 'type')) ?? '';
      if (parentName && !type.includes('/')) type = `${parentName}/${type}`;
      resources.push({ symbol: str(get(r, 'name')) ?? `resources[${i}]`, type, body: r, range: r.range });
      collect(get(r, 'resources'), type);
    });
  };
  collect(get(doc, 'resources'));
  new AzureAnalysis(c, { syntax: 'arm', params, vars, resources }).run();
}
