// Terraform / HCL: providers and their aliases, Bedrock / Vertex / Azure OpenAI resources and data sources,
// var.* through tfvars, module calls and variable defaults, locals, resource attribute references.
// Works on all .tf/.tfvars files of a workspace at once because a module is a folder, not a file.
import { mayHoldMention, type Collector } from './base';
import { addLiteral, type Anchor, type EnvScope, type Ref, type ScopeVars } from './facts';
import { namesDeployedModel, nameTheDeployedModel } from './bicep';
import {
  attr,
  blocks,
  head,
  isLeaf,
  literalTextOf,
  parseHcl,
  range,
  strInner,
  strValue,
  templateParts,
  unwrap,
  visitExprs,
  type Attribute,
  type Block,
  type Body,
  type Expr,
  type HclFile,
} from './hcl';
import { regionVarRole } from './env';
import { Evaluator, type Bounds, type Goal, type Reading, type Source, type Want } from './evaluate';
import { bedrockGeoAlternation, byType, isArmType, knowledge } from '../data/knowledge';
import {
  bedrockArn,
  isAzureDeploymentKey,
  isModelKey,
  isNonInferenceName,
  isRegionKey,
  isVertexLocationName,
  modelShape,
  spellsModel,
} from './patterns';
import { basename, dirname, joinPath, ownCopy } from './text';
import type { Finding, Role, TextRange } from './types';

export interface TfInput {
  collector: Collector;
  text: string;
}

type TfKind = 'tf' | 'auto' | 'tfvars' | 'example';

interface TfFile {
  c: Collector;
  hcl: HclFile;
  kind: TfKind;
  /** Where the text spells a word, ascending, by word ('any': it holds a backslash), made when first asked (spelledIn). */
  spellings?: Map<string, number[] | 'any'>;
}

interface Located<T> {
  node: T;
  file: TfFile;
}

interface Module {
  folder: string;
  files: TfFile[];
  variables: Map<string, Located<Block>>;
  locals: Map<string, Located<Attribute>>;
  tfvars: Map<string, Array<Located<Attribute>>>;
  providers: Map<string, Located<Block>>;
  resources: Map<string, Located<Block>>;
  calls: Array<Located<Block> & { child: string; module?: Module }>;
  callers: Array<{ module: Module; call: Located<Block> }>;
}

/** An expression where it is written: its file, and the analysis of the module it is read in. */
interface TfNode {
  expr: Expr;
  file: TfFile;
  in: ModuleAnalysis;
}

/** One instance `for_each` or `count` makes of a block: its key, its entry's range and its value where written. */
interface ForEachInstance {
  key: string;
  at: TextRange;
  value: TfNode;
  /** The list `count = length(…)` counts (`var.models`), which `var.models[count.index]` reads. */
  counted?: string;
}

/**
 * A `for` expression whose value is its item: `{ for d in <collection> : d.<key…> => d }` (key: the item's field path),
 * or `{ for k, v in <collection> : k => v }` (key: the entry's own key or index, `byIndex`).
 */
interface ForLoop {
  collection: Expr;
  key: string[];
  byIndex?: boolean;
}

/** The value an object expression holds at a path of its keys (`model.name`); undefined where one is missing. */
function fieldOf(expr: Expr, path: readonly string[]): Expr | undefined {
  let e: Expr | undefined = expr;
  for (const step of path) e = e?.t === 'obj' ? e.attrs.find((a) => a.name === step)?.expr : undefined;
  return e;
}

/** The `for` expression an expression is, parsed as its words (for, the names, in, the collection, key, value). */
function forLoop(expr: Expr): ForLoop | undefined {
  if (expr.t !== 'other') return undefined;
  const name = (e: Expr | undefined) => (e?.t === 'ref' && e.path.length === 1 ? e.path[0] : undefined);
  const two = name(expr.children[3]) === 'in';
  const [word, index, item, inWord, collection, key, value] = two
    ? expr.children
    : [expr.children[0], undefined, ...expr.children.slice(1)];
  if (name(word) !== 'for' || name(inWord) !== 'in' || !collection || key?.t !== 'ref' || name(value) !== name(item)) return undefined;
  if (index && key.path.length === 1 && key.path[0] === name(index)) return { collection, key: [], byIndex: true };
  return key.path[0] === name(item) ? { collection, key: key.path.slice(1) } : undefined;
}

/** `named`: the value is a deployment's model name, where any identifier counts. */
type TfGoal = Goal & { named: boolean };

const keyed = { keyed: true };
const keyedId = { keyed: true, named: false };
const keyedName = { keyed: true, named: true };
/** The goal of a text read (no finding is made: only the spelling counts). */
const spelling: TfGoal = { want: 'model', role: 'mention', label: 'spelling', named: false };
/** Terraform follows references 12 deep; past that it is a cycle. */
const bounds: Bounds<TfNode> = {
  maxDepth: 12,
  tooDeep: (n) => {
    const e = unwrap(n.expr);
    return { kind: 'state', state: 'unresolved', at: range(e), file: n.file.c.file, note: 'reference cycle' };
  },
};

export function tfFileKind(path: string): TfKind | undefined {
  const name = basename(path).toLowerCase();
  if (/\.tfvars(\.json)?\.(example|sample|template|dist)$/.test(name) || /\.example\.tfvars$/.test(name)) return 'example';
  if (name.endsWith('.auto.tfvars') || name === 'terraform.tfvars') return 'auto';
  if (name.endsWith('.tfvars')) return 'tfvars';
  if (name.endsWith('.tf')) return 'tf';
  return undefined;
}

/** Resource types where models run (data/knowledge.yaml `terraform.resources`), by exact type, then by prefix. */
const aiResourceOf = byType(knowledge.terraform.resources);
type AiResource = (typeof knowledge.terraform.resources)[number];
const azureAccounts = new Set(knowledge.terraform.azureAccounts);
const azureDeployments = new Set(knowledge.terraform.azureDeployments);
/** The longest env value whose text an env scope keeps (switches and deployment names are short). */
const SHORT_LITERAL = 64;

/** Keys under which ARNs are permissions (IAM policies), not settings. */
const policyKey = /^(resources?|policy|assume_role_policy|statement|Resource)$/i;
/** `vendor.model…`, with or without a geo profile: how Bedrock spells model ids. */
const bedrockModelId = new RegExp(`^(?:(?:${bedrockGeoAlternation})\\.)?[a-z0-9]+\\.[a-z]`);

export function analyzeTerraform(inputs: TfInput[]): void {
  const modules = new Map<string, Module>();
  for (const input of inputs) {
    const kind = tfFileKind(input.collector.file);
    if (!kind) continue;
    // one file that cannot be read (nested too deep for the parser) is left out; the others are still analysed
    let hcl: HclFile;
    try {
      hcl = parseHcl(input.text);
    } catch (error) {
      input.collector.problems.push(`terraform analysis failed: ${failure(error)}`);
      continue;
    }
    input.collector.problems.push(...hcl.problems.slice(0, 5));
    const folder = dirname(input.collector.file);
    let m = modules.get(folder);
    if (!m) {
      m = {
        folder,
        files: [],
        variables: new Map(),
        locals: new Map(),
        tfvars: new Map(),
        providers: new Map(),
        resources: new Map(),
        calls: [],
        callers: [],
      };
      modules.set(folder, m);
    }
    const file: TfFile = { c: input.collector, hcl, kind };
    m.files.push(file);
    index(m, file);
  }
  for (const [folder, m] of modules) {
    const into = varFileFolder(modules, m);
    if (!into) continue;
    // var files are passed with -var-file, which makes them rank as explicit ones whatever their names
    for (const [name, list] of m.tfvars) {
      const passed = list.map((v): Located<Attribute> => ({
        node: v.node,
        file: { ...v.file, kind: v.file.kind === 'example' ? 'example' : 'tfvars' },
      }));
      into.tfvars.set(name, [...(into.tfvars.get(name) ?? []), ...passed]);
    }
    modules.delete(folder);
  }
  for (const m of modules.values()) {
    for (const call of m.calls) {
      call.module = modules.get(call.child);
      call.module?.callers.push({ module: m, call });
    }
  }
  for (const m of modules.values()) {
    try {
      new ModuleAnalysis(m).run();
    } catch (error) {
      // a module that cannot be analysed loses its own findings only
      for (const f of m.files) f.c.problems.push(`terraform analysis failed: ${failure(error)}`);
    }
  }
}

/**
 * The module a folder holding only var files (`infra/env/prod.tfvars`, `parameters/dev.tfvars`) sets the variables of:
 * the nearest folder above it with Terraform files that declares every variable they set (they are passed to it with
 * -var-file; Terraform loads none of them on its own).
 */
function varFileFolder(modules: ReadonlyMap<string, Module>, m: Module): Module | undefined {
  if (m.files.some((f) => f.kind === 'tf') || m.tfvars.size === 0) return undefined;
  for (let folder = m.folder; folder !== '';) {
    folder = dirname(folder);
    const above = modules.get(folder);
    if (above?.files.some((f) => f.kind === 'tf'))
      return [...m.tfvars.keys()].every((name) => above.variables.has(name)) ? above : undefined;
  }
  return undefined;
}

function failure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof RangeError && /call stack/i.test(message) ? `nested too deep to analyse (${message})` : message;
}

function index(m: Module, file: TfFile): void {
  const body = file.hcl.body;
  if (file.kind !== 'tf') {
    for (const a of body.attrs) {
      const list = m.tfvars.get(a.name) ?? [];
      list.push({ node: a, file });
      m.tfvars.set(a.name, list);
    }
    return;
  }
  for (let i = 0; i < body.blocks.length; i++) {
    const b = body.blocks[i];
    if (b.type === 'variable' && b.labels[0]) m.variables.set(b.labels[0], { node: b, file });
    else if (b.type === 'locals') for (const a of b.body.attrs) m.locals.set(a.name, { node: a, file });
    else if (b.type === 'provider' && b.labels[0]) {
      const alias = attr(b.body, 'alias');
      const aliasName = alias ? strValue(alias.expr) : undefined;
      m.providers.set(aliasName ? `${b.labels[0]}.${aliasName}` : b.labels[0], { node: b, file });
    } else if (b.type === 'resource' && b.labels.length >= 2) m.resources.set(`${b.labels[0]}.${b.labels[1]}`, { node: b, file });
    else if (b.type === 'data' && b.labels.length >= 2) m.resources.set(`data.${b.labels[0]}.${b.labels[1]}`, { node: b, file });
    else if (b.type === 'module' && b.labels[0]) {
      const source = attr(b.body, 'source');
      const path = source ? strValue(source.expr) : undefined;
      m.calls.push({ node: b, file, child: path && path.startsWith('.') ? joinPath(m.folder, path) : '' });
    }
  }
}

/** What a key says about the strings under it (bits), worked out once per key: a file repeats its keys a lot. */
const enum KeyKind {
  Region = 1,
  Model = 2,
  Policy = 4,
  /** Only with Region: the region is for something other than inference. */
  NonInference = 8,
}

/**
 * keyKind's answers, for every module (the same keys recur in every module), one key per slot, the last one asked,
 * the slot picked by the key's length and first, quarter, middle and last characters: a Map lookup hashed each new
 * key string again (parsed keys are new strings) and was the analysis's slowest line. (Those characters summed with
 * small weights crowded keys into the same slots: 11,000 of the realistic bench tree's 150,000 lookups missed;
 * mixed, 2,600.)
 */
const KEY_SLOTS = 1 << 10;
const slotKeys = new Array<string | undefined>(KEY_SLOTS).fill(undefined);
const slotKinds = new Uint8Array(KEY_SLOTS);

function keyKind(key: string): number {
  const n = key.length;
  let slot = 0;
  if (n > 0) {
    let h = Math.imul(n, 31) + key.charCodeAt(0);
    h = Math.imul(h, 31) + key.charCodeAt(n >> 2);
    h = Math.imul(h, 31) + key.charCodeAt(n >> 1);
    h = Math.imul(h, 31) + key.charCodeAt(n - 1);
    slot = (h ^ (h >>> 10)) & (KEY_SLOTS - 1);
  }
  return slotKeys[slot] === key ? slotKinds[slot] : newKeyKind(key, slot);
}

/**
 * keyKind's work for a key not in its slot (out of line: the lookup is inlined into the walks that call it). Only a
 * region key is asked whether it names something other than inference (only a region's role reads it): splitting
 * every other key into words was most of this work.
 */
function newKeyKind(key: string, slot: number): number {
  const region = isRegionKey(key) || key === 'zone';
  const kind =
    (region ? KeyKind.Region : isModelKey(key) ? KeyKind.Model : 0) |
    (policyKey.test(key) ? KeyKind.Policy : 0) |
    (region && isNonInferenceName(key) ? KeyKind.NonInference : 0);
  slotKeys[slot] = ownCopy(key);
  slotKinds[slot] = kind;
  return kind;
}

/** An ARN in a literal: its service, region and resource (scanLiteral). */
const arnInText = /arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):[0-9*]*:([^\s"',\]]*)/g;

/** The attributes of a function resource that name its code (a folder, or an archive of it). */
const codeRootKeys = ['source_dir', 'filename', 'source_path'];

class ModuleAnalysis {
  /** A provider block's region by provider key, role and depth. */
  private readonly providerRegions = new Map<string, Ref>();
  private readonly values: Evaluator<TfNode, TfGoal>;
  /**
   * The label of the literals being read (literals()): `literalLabel` (a block's: its header's, and " backend" for
   * each backend block the literals are in) followed by `literalKey` when there is one, put together only for a
   * finding or a mention (most strings hold neither, and the label of each was garbage).
   */
  private literalLabel: string | Block = '';
  private literalBackends = 0;
  private literalKey: string | undefined;
  /** A method, not a closure made for each module, whose every call site would then see many targets. */
  private evidence(): string {
    const label =
      typeof this.literalLabel === 'string' ? this.literalLabel : blockLabel(this.literalLabel) + ' backend'.repeat(this.literalBackends);
    return this.literalKey === undefined ? label : `${label} ${this.literalKey}`;
  }
  private readonly textEvidence = (): string => `${this.evidence()} text`;

  constructor(private readonly m: Module) {
    this.values = new Evaluator<TfNode, TfGoal>(m.files[0].c, (n, goal, depth) => n.in.read(n, goal, depth), bounds);
  }

  run(): void {
    for (const [address, located] of this.m.resources) this.resource(address, located);
    for (const call of this.m.calls) {
      if (!call.child) this.registryDeployments(call.node, call.file);
      this.moduleModelInputs(call);
    }
    this.settings();
    for (const file of this.m.files) this.prose(file);
  }

  // ---- expression evaluation -------------------------------------------------------------------

  /** What an expression evaluates to, as a Ref, creating findings for literals with the given role. */
  value(expr: Expr, file: TfFile, want: Want, role: Role, label: string, depth = 0, named = false): Ref {
    // the reader reads every expression as something, and a cycle as a state: never undefined
    return this.values.evaluate({ expr, file, in: this }, { want, role, label, named }, depth) as Ref;
  }

  /** A container's Vertex AI location variable (isVertexLocationName): `global` there is the global endpoint. */
  private vertexLocation(expr: Expr, file: TfFile, role: Role, label: string): Ref {
    return this.values.evaluate({ expr, file, in: this }, { want: 'region', role, label, named: false, globalEndpoint: 'gcp' }) as Ref;
  }

  /** What one expression is, for the shared evaluator. */
  private read(n: TfNode, goal: TfGoal, depth: number): Reading<TfNode> {
    const e = unwrap(n.expr);
    const c = n.file.c;
    const at = range(e);
    if (e.t === 'str') {
      const inner = strInner(e);
      const value = strValue(e);
      // (a location of `global` is the shared evaluator's to read: Vertex AI's global endpoint)
      const otherwise = (): Ref =>
        (goal.want === 'model' ? this.arnModel(e, n.file, goal.role, goal.label) : undefined) ?? {
          kind: 'state',
          state: 'unresolved',
          at,
          file: c.file,
          note: c.slice(at),
        };
      if (inner && value !== undefined)
        return { is: 'literal', in: c, at: inner, text: value, region: keyed, model: goal.named ? keyedName : keyedId, otherwise };
      return { is: 'known', ref: otherwise };
    }
    if (e.t === 'ref') return this.reference(e, n.file, goal, depth);
    return { is: 'known', ref: { kind: 'state', state: 'unresolved', at, file: c.file, note: c.slice(at).slice(0, 80) } };
  }

  /** The model id inside an ARN written as a template ("arn:aws:bedrock:${var.region}::foundation-model/x"). */
  private arnModel(e: Expr, file: TfFile, role: Role, label: string): Ref | undefined {
    if (e.t !== 'str') return undefined;
    for (const part of templateParts(e)) {
      if (part.t !== 'lit') continue;
      const raw = file.c.text.slice(part.start, part.end);
      const m = /(?:foundation-model|inference-profile)\/([A-Za-z0-9.:-]+)/.exec(raw);
      if (!m) continue;
      const start = part.start + (m.index ?? 0) + m[0].length - m[1].length;
      const finding = file.c.model(start, start + m[1].length, role, label, { keyed: true });
      if (finding) return { kind: 'finding', finding, file: file.c.file };
    }
    return undefined;
  }

  private reference(e: Extract<Expr, { t: 'ref' }>, file: TfFile, goal: TfGoal, depth: number): Reading<TfNode> {
    const at = range(e);
    const c = file.c;
    const [root, name, third] = e.path;
    const unresolved = (note: string): Reading<TfNode> => ({
      is: 'known',
      ref: { kind: 'state', state: 'unresolved', at, file: c.file, note },
    });
    if (root === 'var' && name) {
      const none: Ref = { kind: 'state', state: 'unresolved', at, file: c.file, note: `var.${name} has no value` };
      return { is: 'sources', in: c, at, label: `var.${name}`, ranks: this.variable(name, goal, e.path.slice(2)), none };
    }
    if (root === 'local' && name) {
      const local = this.m.locals.get(name);
      if (!local) return unresolved(`local.${name} not found`);
      const node = { expr: this.indexInto(local.node.expr, e.path.slice(2)), file: local.file, in: this };
      return { is: 'variable', in: c, at, label: `local.${name}`, node };
    }
    if (root === 'data' && name === 'aws_region' && third) {
      const label = `data.aws_region.${third}`;
      return {
        is: 'known',
        ref: () => ({ kind: 'chain', at, file: c.file, label, next: this.providerRegion(label, goal.role, depth + 1) }),
      };
    }
    if (root === 'each' || root === 'count' || root === 'path' || root === 'terraform' || root === 'module')
      return unresolved(e.path.join('.'));
    // resource attribute: azurerm_resource_group.rg.location, azurerm_cognitive_account.x.location
    const address = root === 'data' ? `data.${name}.${third}` : `${root}.${name}`;
    const attrName = root === 'data' ? e.path[3] : third;
    const target = this.m.resources.get(address);
    if (target && attrName) {
      const label = `${address}.${attrName}`;
      const a = attr(target.node.body, attrName);
      if (a) return { is: 'variable', in: c, at, label, node: { expr: a.expr, file: target.file, in: this } };
      if (goal.want === 'region' && (attrName === 'region' || attrName === 'location'))
        return {
          is: 'known',
          ref: () => ({ kind: 'chain', at, file: c.file, label, next: this.providerRegion(address, goal.role, depth + 1) }),
        };
    }
    return unresolved(e.path.join('.'));
  }

  private indexInto(expr: Expr, rest: string[]): Expr {
    let e = expr;
    for (const step of rest) {
      const idx = /^\[(\d+)\]$/.exec(step);
      if (idx && e.t === 'list' && e.items[Number(idx[1])]) e = e.items[Number(idx[1])];
      else if (!idx && e.t === 'obj') {
        const a = e.attrs.find((x) => x.name === step.replace(/^\[|\]$/g, ''));
        if (!a) return e;
        e = a.expr;
      }
    }
    return e;
  }

  /**
   * What may set var.<name>, the first that has any overriding the rest: the module calls' arguments, then
   * `*.auto.tfvars` and terraform.tfvars, then other tfvars files, then templates (terraform.tfvars.example: what
   * the user copies and runs), then the default. `rest`: the path read into the value (var.x.y, var.x[0]).
   */
  private variable(name: string, goal: TfGoal, rest: string[]): Array<Array<Source<TfNode>>> {
    const callers: Array<Source<TfNode>> = [];
    for (const { module, call } of this.m.callers) {
      const a = attr(call.node.body, name);
      if (a)
        callers.push({
          node: { expr: a.expr, file: call.file, in: new ModuleAnalysis(module) },
          at: range(a),
          in: call.file.c,
          label: `module "${call.node.labels[0]}" ${name}`,
        });
    }
    const tfvars = this.m.tfvars.get(name) ?? [];
    const ofKind = (kind: TfKind, goal?: Partial<Goal>): Array<Source<TfNode>> =>
      tfvars
        .filter((t) => t.file.kind === kind)
        .map((t) => ({
          node: { expr: this.indexInto(t.node.expr, rest), file: t.file, in: this },
          at: range(t.node),
          in: t.file.c,
          label: goal ? `${basename(t.file.c.file)} (template)` : basename(t.file.c.file),
          goal,
        }));
    const decl = this.m.variables.get(name);
    const def = decl ? attr(decl.node.body, 'default') : undefined;
    const defaults: Array<Source<TfNode>> =
      decl && def
        ? [
            {
              node: { expr: this.indexInto(def.expr, rest), file: decl.file, in: this },
              at: range(def),
              in: decl.file.c,
              label: `variable "${name}" default`,
            },
          ]
        : [];
    return [callers, ofKind('auto'), ofKind('tfvars'), ofKind('example', { label: `${goal.label} (template)` }), defaults];
  }

  /** The region a resource or data source runs in: its provider's region (through aliases and module calls). */
  providerRegion(address: string, role: Role, depth = 0): Ref {
    const target = this.m.resources.get(address);
    if (!target) return { kind: 'state', state: 'unresolved', note: `${address} not found` };
    const explicit = attr(target.node.body, 'provider');
    const key = explicit && explicit.expr.t === 'ref' ? explicit.expr.path.join('.') : impliedProvider(address);
    return this.providerConfigRegion(key, role, depth, { file: target.file, at: head(target.node) });
  }

  private providerConfigRegion(key: string, role: Role, depth: number, from: { file: TfFile; at: { start: number; end: number } }): Ref {
    const found = this.m.providers.get(key);
    if (found) {
      // the same for every resource of the provider (a file's Lambdas asked for it one by one): worked out once
      const memo = `${key} ${role} ${depth}`;
      let ref = this.providerRegions.get(memo);
      if (!ref) {
        ref = this.providerBlockRegion(found, key, role, depth);
        this.providerRegions.set(memo, ref);
      }
      return ref;
    }
    // a child module inherits its caller's providers (or the one passed in `providers = { aws = aws.x }`)
    for (const { module, call } of this.m.callers) {
      const providersAttr = attr(call.node.body, 'providers');
      let parentKey = key;
      if (providersAttr && providersAttr.expr.t === 'obj') {
        const mapped = providersAttr.expr.attrs.find((a) => a.name === key);
        if (mapped && mapped.expr.t === 'ref') parentKey = mapped.expr.path.join('.');
      }
      const parent = new ModuleAnalysis(module);
      return {
        kind: 'chain',
        at: head(call.node),
        file: call.file.c.file,
        label: `module "${call.node.labels[0]}"`,
        next: parent.providerConfigRegion(parentKey, role, depth + 1, { file: call.file, at: head(call.node) }),
      };
    }
    if (key.startsWith('aws'))
      return { kind: 'ambient', provider: 'aws', at: from.at, file: from.file.c.file, label: 'no provider "aws" block: AWS_REGION' };
    return { kind: 'state', state: 'unresolved', at: from.at, file: from.file.c.file, note: `no provider "${key}" block` };
  }

  /** The region a provider block sets (`key`: its name, with the alias if any). */
  private providerBlockRegion(found: Located<Block>, key: string, role: Role, depth: number): Ref {
    const region = attr(found.node.body, 'region') ?? (key.startsWith('google') ? attr(found.node.body, 'zone') : undefined);
    const label = `provider "${found.node.labels[0]}"${key.includes('.') ? ` (alias ${key.split('.')[1]})` : ''}`;
    if (region)
      return {
        kind: 'chain',
        at: head(found.node),
        file: found.file.c.file,
        label,
        next: this.value(region.expr, found.file, 'region', role, `${label} region`, depth + 1),
      };
    if (key.startsWith('aws') || key.startsWith('awscc'))
      return {
        kind: 'chain',
        at: head(found.node),
        file: found.file.c.file,
        label: `${label} without region`,
        next: { kind: 'ambient', provider: 'aws', at: head(found.node), file: found.file.c.file, label: 'AWS_REGION' },
      };
    return { kind: 'state', state: 'unresolved', at: head(found.node), file: found.file.c.file, note: `${label} has no region` };
  }

  // ---- resources ---------------------------------------------------------------------------------

  private resource(address: string, located: Located<Block>): void {
    const { node: block, file } = located;
    const type = block.labels[0];

    const ai = aiResourceOf(type);
    // (an AI service's runtime has an environment too: a Bedrock AgentCore runtime's environment_variables)
    if (ai) this.aiResource(address, block, file, ai);
    else if (
      azureAccounts.has(type) ||
      (type === 'azapi_resource' && isArmType(strValue(attr(block.body, 'type')?.expr ?? nullExpr) ?? '', knowledge.azure.accountTypes))
    ) {
      const location = attr(block.body, 'location');
      if (location) this.value(location.expr, file, 'region', 'inference', `${resourceLabel(block)} location`);
      return;
    } else if (
      azureDeployments.has(type) ||
      (type === 'azapi_resource' && isArmType(strValue(attr(block.body, 'type')?.expr ?? nullExpr) ?? '', knowledge.azure.deploymentTypes))
    ) {
      this.azureDeployment(block, file, resourceLabel(block), type === 'azapi_resource');
      return;
    }
    // Functions and containers: env vars are a scope; a model there runs in the function's region.
    const set: ScopeVars = { vars: [], literals: { names: [], offsets: [], texts: [] } };
    this.envVars(block, block, file, set);
    if (set.vars.length || set.literals.names.length) this.envScope(address, block, file, set);
  }

  /**
   * The scope of a resource with env vars, and anchors for the Bedrock models named there (out of resource(): few
   * resources have env vars, and the optimising compiler then leaves this out of resource's code).
   */
  private envScope(address: string, block: Block, file: TfFile, set: ScopeVars): void {
    const type = block.labels[0];
    const c = file.c;
    const envVars = set.vars;
    const label = resourceLabel(block);
    const implicitRegion = type.startsWith('aws_') ? this.providerRegion(address, 'deployment') : undefined;
    // the id and the region hop's label are own copies: joined from the labels, which are cut from the file's text,
    // they kept that text alive as long as the scope (to the end of the scan: 6 MB of the realistic bench tree)
    const scope: EnvScope = {
      id: ownCopy(`${c.file}#${address}`),
      kind: type.startsWith('aws_lambda') || type.includes('function') ? 'function' : 'config',
      vars: envVars,
    };
    if (set.literals.names.length) scope.literals = set.literals;
    if (implicitRegion && type === 'aws_lambda_function') {
      // (no `file`: a scope's values are read in the scope's file; thousands of Lambdas repeated its path)
      const at = head(block);
      scope.vars.push({
        name: 'AWS_REGION',
        value: { kind: 'chain', at, label: ownCopy(`${label} runs in its provider's region`), next: implicitRegion },
        at,
      });
    }
    const codeRoot = this.codeRoot(block);
    if (codeRoot !== undefined) scope.codeRoot = codeRoot;
    c.facts.scopes.push(scope);
    for (const v of envVars) {
      // a literal, or the default a variable or local comes to (`MODEL_ID = var.agent_model_id`)
      const literal = writtenDefault(v.value);
      if (literal?.kind !== 'model') continue;
      const shape = modelShape(literal.text);
      if (shape === 'none') continue;
      const platform = bedrockModelId.test(literal.text) ? 'bedrock' : undefined;
      if (platform === 'bedrock' && implicitRegion) {
        if (v.value.kind === 'finding') literal.role = 'inference';
        this.anchor(file, {
          at: v.at,
          label: `${label} env ${v.name}`,
          platform,
          models: [v.value],
          region: this.providerRegion(address, 'inference'),
          unlessCalled: true,
        });
      }
    }
  }

  /** A resource of an AI service: its region and the models its attributes name. */
  private aiResource(address: string, block: Block, file: TfFile, ai: AiResource): void {
    const label = resourceLabel(block);
    const regionAttrs = ai.region ?? [];
    const own = regionAttrs.map((name) => attr(block.body, name)).find((a) => a !== undefined);
    const region = own
      ? this.value(own.expr, file, 'region', 'inference', `${label} ${own.name}`)
      : this.providerRegion(address, 'inference');
    for (const extra of regionAttrs) {
      const a = attr(block.body, extra);
      if (a && a !== own) this.value(a.expr, file, 'region', 'inference', `${label} ${extra}`);
    }
    const isModelAttr = ai.model === 'model keys' ? isModelKey : (key: string) => ai.model.includes(key);
    const models: Ref[] = [];
    for (const { expr, path } of walkBody(block.body)) {
      const key = path[path.length - 1];
      if (key && isModelAttr(key)) models.push(this.value(expr, file, 'model', 'inference', `${label} ${key}`));
    }
    this.anchor(file, { at: head(block), label, platform: ai.platform, models, region });
  }

  private azureDeployment(block: Block, file: TfFile, label: string, azapi: boolean): void {
    const body = block.body;
    const modelBlock: Body | undefined = blocks(body, 'model')[0]?.body;
    const skuExpr =
      attr(blocks(body, 'sku')[0]?.body ?? { attrs: [], blocks: [] }, 'name')?.expr ??
      attr(blocks(body, 'scale')[0]?.body ?? { attrs: [], blocks: [] }, 'type')?.expr;
    let skuName: string | undefined;
    let modelName: Attribute | undefined = modelBlock ? attr(modelBlock, 'name') : undefined;
    if (azapi) {
      const bodyAttr = attr(body, 'body');
      if (bodyAttr) {
        visitExprs(bodyAttr.expr, [], (expr, path) => {
          if (path.join('.').endsWith('model.name') && !modelName) modelName = { name: 'name', expr, start: expr.start, end: expr.end };
          if (path.join('.').endsWith('sku.name') && !skuName) skuName = strValue(expr);
        });
      }
    }
    void modelBlock;
    const accountRef = attr(body, 'cognitive_account_id') ?? attr(body, 'parent_id');
    // one deployment per entry of the map `for_each` reads (a module's deployments passed in by its callers)
    const instances = !azapi && modelName ? this.instances(block, file) : undefined;
    if (instances && modelName) {
      for (const instance of instances)
        this.deploymentInstance(instance, file, label, modelName.expr, attr(body, 'name')?.expr, skuExpr, accountRef);
      return;
    }
    const region = this.accountRegion(accountRef, undefined, file, head(block), file);
    const nameAttr = attr(body, 'name');
    this.deploymentAnchor(file, head(block), label, {
      name: nameAttr?.expr,
      model: modelName?.expr,
      sku: skuName ?? (skuExpr ? this.text(skuExpr, file) : undefined),
      region,
    });
  }

  /**
   * The deployment one entry of a `for_each` map makes (instances): its model, name and SKU read from the entry where
   * it is written (`each.value.model`, `each.key`), in the region of its account (an account made per entry of its own
   * map too: `azurerm_cognitive_account.acct[each.value.account]`). The anchor is the entry's.
   */
  private deploymentInstance(
    instance: ForEachInstance,
    file: TfFile,
    label: string,
    model: Expr,
    name: Expr | undefined,
    sku: Expr | undefined,
    accountRef: Attribute | undefined,
  ): void {
    const modelNode = this.eachValue(model, instance, file);
    if (!modelNode) return;
    const skuNode = sku && this.eachValue(sku, instance, file);
    const written = instance.value;
    const here = `${label}[${instance.key}]`;
    const region = this.accountRegion(accountRef, instance, file, instance.at, written.file);
    const nameIsKey = name?.t === 'ref' && name.path.join('.') === 'each.key';
    const nameNode = name && !nameIsKey ? this.eachValue(name, instance, file) : undefined;
    modelNode.in.deploymentAnchor(modelNode.file, instance.at, here, {
      ...(nameIsKey ? { nameText: instance.key } : nameNode && nameNode.file === modelNode.file ? { name: nameNode.expr } : {}),
      model: modelNode.expr,
      sku: skuNode ? skuNode.in.text(skuNode.expr, skuNode.file) : undefined,
      region,
    });
  }

  /**
   * The region of the account a deployment's `cognitive_account_id` names: its location, or for a deployment instance
   * that indexes an account made per entry (`azurerm_cognitive_account.this[each.value.account]`), that entry's. `at`
   * in `atFile`: where an unresolved region is said to be.
   */
  private accountRegion(
    accountRef: Attribute | undefined,
    instance: ForEachInstance | undefined,
    file: TfFile,
    at: TextRange,
    atFile: TfFile,
  ): Ref {
    const unresolved = (note: string): Ref => ({ kind: 'state', state: 'unresolved', at, file: atFile.c.file, note });
    if (!accountRef || accountRef.expr.t !== 'ref') return unresolved('no cognitive_account_id');
    const address = accountRef.expr.path.slice(0, 2).join('.');
    const account = this.m.resources.get(address);
    if (!account) return unresolved(`${address} is not declared in the module`);
    const location = attr(account.node.body, 'location');
    const index = accountRef.expr.index?.[0];
    const indexNode = index && instance ? this.eachValue(index, instance, file) : undefined;
    const key = indexNode ? indexNode.in.text(indexNode.expr, indexNode.file) : undefined;
    const accountInstance = key !== undefined ? this.instances(account.node, account.file)?.find((i) => i.key === key) : undefined;
    const written = location && this.eachValue(location.expr, accountInstance, account.file);
    if (!written) return unresolved(`${address} has no location`);
    const label = `${address} location`;
    const value = written.in.value(written.expr, written.file, 'region', 'inference', label);
    return {
      kind: 'chain',
      at: range(accountRef),
      file: file.c.file,
      label: `account ${address}${key === undefined ? '' : `[${key}]`}`,
      // (a location an entry writes in another file is read there)
      next:
        written.file === account.file ? value : { kind: 'chain', at: range(written.expr), file: written.file.c.file, label, next: value },
    };
  }

  /**
   * The instances `for_each` or `count` makes of a block, each with its key and its value where written: the entries
   * of the map `for_each` reads, or the items of the list a `for` expression in it turns into a map (`{ for d in
   * var.deployments : d.name => d }`), or the items of the list `count = length(…)` counts. The collection may be
   * written in place, in a local, or in a variable's first sources that write one (a module call's argument, tfvars,
   * its default). Undefined for a block without them, or over anything else.
   */
  private instances(block: Block, file: TfFile): ForEachInstance[] | undefined {
    const found: ForEachInstance[] = [];
    const forEach = attr(block.body, 'for_each');
    const count = attr(block.body, 'count')?.expr;
    if (forEach) {
      const loop = forLoop(forEach.expr);
      for (const c of this.collectionsOf({ expr: loop ? loop.collection : forEach.expr, file, in: this }, 0)) {
        const entries = c.expr.t === 'obj' ? c.expr.attrs.map((a) => ({ name: a.name, expr: a.expr, at: range(a) })) : [];
        if (c.expr.t === 'list' && loop) c.expr.items.forEach((item, i) => entries.push({ name: String(i), expr: item, at: range(item) }));
        for (const entry of entries) {
          const value = { expr: entry.expr, file: c.file, in: c.in };
          const key = loop && !loop.byIndex ? this.loopKey(loop, value) : entry.name;
          if (key !== undefined) found.push({ key, at: entry.at, value });
        }
      }
    } else if (count?.t === 'call' && count.name === 'length' && count.args[0]?.t === 'ref') {
      const counted = count.args[0].path.join('.');
      for (const c of this.collectionsOf({ expr: count.args[0], file, in: this }, 0))
        if (c.expr.t === 'list')
          c.expr.items.forEach((item, i) =>
            found.push({ key: String(i), at: range(item), value: { expr: item, file: c.file, in: c.in }, counted }),
          );
    }
    return found.length ? found : undefined;
  }

  /** The key a `for` expression gives one item: the text of the item's field it names (`d.name`), or of the item. */
  private loopKey(loop: ForLoop, item: TfNode): string | undefined {
    const e = fieldOf(item.expr, loop.key);
    return e && item.in.text(e, item.file);
  }

  /** The maps and lists an expression comes to: itself, a local's, or a variable's first sources that write one. */
  private collectionsOf(node: TfNode, depth: number): TfNode[] {
    const e = node.expr;
    if (e.t === 'obj' || e.t === 'list') return [node];
    if (e.t !== 'ref' || e.path.length !== 2 || depth > 4) return [];
    if (e.path[0] === 'local') {
      const local = node.in.m.locals.get(e.path[1]);
      return local ? this.collectionsOf({ expr: local.node.expr, file: local.file, in: node.in }, depth + 1) : [];
    }
    if (e.path[0] !== 'var') return [];
    for (const tier of node.in.variable(e.path[1], spelling, [])) {
      const found = tier.flatMap((source) => this.collectionsOf(source.node, depth + 1));
      if (found.length) return found;
    }
    return [];
  }

  /**
   * What `each.value.<field>` (or `var.x[count.index].<field>`) is for one instance, where the entry writes it; an
   * expression that reads neither is itself, in `file` (the block's).
   */
  private eachValue(expr: Expr, instance: ForEachInstance | undefined, file: TfFile): TfNode | undefined {
    if (expr.t !== 'ref') return { expr, file, in: this };
    // `var.models[count.index].name`: the field of the item counted
    const counted = instance?.counted !== undefined && expr.index?.[0]?.t === 'ref' && expr.index[0].path.join('.') === 'count.index';
    const item = counted ? expr.path.indexOf('[?]') : -1;
    const fields =
      counted && item > 0 && expr.path.slice(0, item).join('.') === instance?.counted
        ? expr.path.slice(item + 1)
        : expr.path[0] === 'each'
          ? expr.path[1] === 'value'
            ? expr.path.slice(2)
            : undefined
          : null;
    if (fields === null) return { expr, file, in: this };
    if (!instance || !fields) return undefined;
    const e = fieldOf(instance.value.expr, fields);
    return e && { expr: e, file: instance.value.file, in: instance.value.in };
  }

  /**
   * One Azure OpenAI deployment: its model, and its name when that is a model id too (code calls the deployment
   * by name). Shared by azurerm_cognitive_deployment, azapi and the registry modules' deployment maps.
   */
  private deploymentAnchor(
    file: TfFile,
    at: { start: number; end: number },
    label: string,
    d: { name?: Expr; nameText?: string; model?: Expr; sku?: string; region: Ref },
  ): void {
    const models = d.model ? [this.value(d.model, file, 'model', 'inference', `${label} model.name`, 0, true)] : [];
    const deploymentName = d.nameText ?? (d.name ? this.text(d.name, file) : undefined);
    // a name that spells the model is a model setting too (code calls the deployment by it); another model's name is not
    if (d.name && d.model && d.name !== d.model && namesDeployedModel(file.c.index, deploymentName, this.text(d.model, file))) {
      // the name is known to name the model: any identifier counts (text-embedding-large)
      const inner = strInner(unwrap(d.name));
      const literal = inner ? file.c.model(inner.start, inner.end, 'inference', `${label} name`, { schemaName: true }) : undefined;
      const named: Ref = literal
        ? { kind: 'finding', finding: literal, file: file.c.file }
        : this.value(d.name, file, 'model', 'inference', `${label} name`, 0, true);
      nameTheDeployedModel(named, models[0]);
      models.push(named);
    }
    this.anchor(file, { at, label, platform: 'azure-openai', models, region: d.region, sku: d.sku });
    if (deploymentName && models[0])
      file.c.facts.azureDeployments.push({
        name: deploymentName,
        model: models[0],
        region: d.region,
        sku: d.sku,
        at: d.name ? range(d.name) : at,
      });
  }

  /** The text an expression is written as, through locals and the variable's value that runs; recording nothing. */
  private text(expr: Expr, file: TfFile): string | undefined {
    return this.values.text({ expr, file, in: this }, spelling);
  }

  /**
   * A Bedrock model id passed to a module whose resources are not in the workspace (a registry module, a folder
   * with only its variables): the module's Bedrock resources run in the region of the provider it inherits.
   */
  private moduleModelInputs(call: Module['calls'][number]): void {
    const child = call.module;
    for (const a of call.node.body.attrs) {
      if (!isModelKey(a.name)) continue;
      if (child && varsRead(child).has(a.name)) continue; // the module's own resources pair it
      const text = this.text(a.expr, call.file);
      if (!text) continue;
      const label = `module "${call.node.labels[0]}" ${a.name}`;
      // a Hugging Face model given to a registry module of a cloud (`philschmid/sagemaker-huggingface/aws`): it hosts
      // the model there, in the region the call gives or its provider's
      const cloud =
        !call.child && /^[\w.-]+\/[\w.-]+$/.test(text)
          ? registryCloud.exec(strValue(attr(call.node.body, 'source')?.expr ?? nullExpr) ?? '')?.[1]
          : undefined;
      if (cloud) {
        const own = attr(call.node.body, 'region') ?? attr(call.node.body, 'location');
        this.anchor(call.file, {
          at: range(a),
          label,
          platform: 'self-hosted',
          models: [this.value(a.expr, call.file, 'model', 'inference', label)],
          region: own
            ? this.value(own.expr, call.file, 'region', 'inference', `${label} ${own.name}`)
            : this.providerConfigRegion(cloud, 'inference', 0, { file: call.file, at: head(call.node) }),
        });
        continue;
      }
      if (!/^(?:(?:us|eu|apac|jp|au|ca|us-gov|global)\.)?[a-z0-9]+\.[a-z0-9]/.test(text)) continue;
      const region = this.providerConfigRegion('aws', 'inference', 0, { file: call.file, at: head(call.node) });
      this.anchor(call.file, {
        at: range(a),
        label,
        platform: 'bedrock',
        models: [this.value(a.expr, call.file, 'model', 'inference', label)],
        region,
      });
    }
  }

  /**
   * Registry modules for Azure OpenAI (Azure/openai/azurerm, the AVM cognitive services account) take a map of
   * deployments and the account's location.
   */
  private registryDeployments(block: Block, file: TfFile): void {
    const location = attr(block.body, 'location');
    const label = `module "${block.labels[0]}"`;
    const region: Ref = location
      ? {
          kind: 'chain',
          at: range(location),
          file: file.c.file,
          label: `${label} location`,
          next: this.value(location.expr, file, 'region', 'inference', `${label} location`),
        }
      : { kind: 'state', state: 'unresolved', at: head(block), file: file.c.file, note: `${label} has no location` };
    for (const key of ['deployment', 'deployments', 'cognitive_deployments', 'model_deployments']) {
      const map = attr(block.body, key);
      // (the map written in the call, or in the local or variable it passes: each entry is read where it is written)
      for (const written of map ? this.collectionsOf({ expr: map.expr, file, in: this }, 0) : []) {
        if (written.expr.t !== 'obj') continue;
        for (const entry of written.expr.attrs) {
          if (entry.expr.t !== 'obj') continue;
          const field = (...path: string[]) => fieldOf(entry.expr, path);
          const model = field('model_name') ?? field('model', 'name');
          if (!model) continue;
          const sku = field('scale_type') ?? field('scale', 'type') ?? field('sku_name') ?? field('sku', 'name');
          written.in.deploymentAnchor(written.file, range(entry), `${label} ${key}.${entry.name}`, {
            name: field('name'),
            model,
            sku: sku ? written.in.text(sku, written.file) : undefined,
            region,
          });
        }
      }
    }
  }

  /**
   * Adds to `out` the env vars of `block` (the resource `resource` or a block in it): env { variables = {…} }
   * (Lambda), env { name, value } blocks (Cloud Run, Kubernetes), {name, value} objects. Methods, not closures made
   * for each resource, and no label until a variable needs one: most resources have none.
   */
  private envVars(block: Block, resource: Block, file: TfFile, out: ScopeVars): void {
    const body = block.body;
    // indexed loops (a for-of loop is about three times the bytecode), env blocks read out of line: this walks every
    // resource's blocks, and few are env blocks
    const blocks = body.blocks;
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (b.type === 'env') this.envBlock(b, resource, file, out);
      else {
        if (b.type === 'environment') this.environmentBlock(b, resource, file, out);
        this.envVars(b, resource, file, out);
      }
    }
    // an App Service or Function App's app_settings map: the app's environment
    const settings = block === resource ? attr(body, 'app_settings') : undefined;
    if (settings?.expr.t === 'obj') for (const a of settings.expr.attrs) this.envVar(a.name, a.expr, range(a), file, resource, out);
    // an env map attribute (a Bedrock AgentCore runtime's environment_variables, App Runner's
    // runtime_environment_variables, a SageMaker container's environment)
    const attrs = body.attrs;
    for (let i = 0; i < attrs.length; i++) if (envMapAttributes.has(attrs[i].name)) this.envMap(attrs[i], resource, file, out);
    // {name, value} objects, anywhere in an attribute's value, only in values that spell the key (most blocks, and
    // most values, spell none)
    if (spelledIn(file, 'value', block))
      for (const a of body.attrs)
        if (!isLeaf(a.expr) && spelledIn(file, 'value', a)) visitExprs(a.expr, undefined, (e) => this.nameValueVar(e, resource, file, out));
  }

  /** A Lambda's environment { variables = … }. */
  private environmentBlock(b: Block, resource: Block, file: TfFile, out: ScopeVars): void {
    const variables = attr(b.body, 'variables');
    if (variables) this.envMap(variables, resource, file, out);
  }

  /**
   * An env map's entries: an object, one a local holds, or one a variable holds (`variables = var.environment_vars`):
   * the object its first sources that set it write (a module call's argument, tfvars, its default), each entry read
   * where it is written.
   */
  private envMap(variables: Attribute, resource: Block, file: TfFile, out: ScopeVars): void {
    if (variables.expr.t === 'obj') {
      for (const a of variables.expr.attrs) this.envVar(a.name, a.expr, range(a), file, resource, out);
      return;
    }
    const e = variables.expr;
    // a map a local holds (`variables = local.lambda_env`): its entries, read where the local is written
    const local = e.t === 'ref' && e.path[0] === 'local' && e.path.length === 2 ? this.m.locals.get(e.path[1]) : undefined;
    if (local?.node.expr.t === 'obj') {
      const written = { expr: local.node.expr, file: local.file, in: this as ModuleAnalysis };
      for (const a of local.node.expr.attrs) this.envVar(a.name, a.expr, range(variables), file, resource, out, written);
      return;
    }
    if (e.t !== 'ref' || e.path[0] !== 'var' || e.path.length < 2) return;
    for (const tier of this.variable(e.path[1], { want: 'model', role: 'deployment', label: 'env map', named: false }, e.path.slice(2))) {
      const maps = tier.filter((source) => source.node.expr.t === 'obj');
      for (const { node } of maps)
        if (node.expr.t === 'obj')
          for (const a of node.expr.attrs) this.envVar(a.name, a.expr, range(variables), file, resource, out, node);
      if (maps.length) return;
    }
  }

  /** env { name, value } (Cloud Run, Kubernetes). */
  private envBlock(b: Block, resource: Block, file: TfFile, out: ScopeVars): void {
    const name = attr(b.body, 'name');
    const value = attr(b.body, 'value');
    const n = name ? strValue(name.expr) : undefined;
    if (n && value) this.envVar(n, value.expr, range(b), file, resource, out);
  }

  /** An env var written as a {name, value} object. */
  private nameValueVar(expr: Expr, resource: Block, file: TfFile, out: ScopeVars): void {
    if (expr.t !== 'obj') return;
    const name = expr.attrs.find((x) => x.name === 'name');
    const value = expr.attrs.find((x) => x.name === 'value');
    const n = name ? strValue(name.expr) : undefined;
    if (n && value && /^[A-Z][A-Z0-9_]*$/.test(n)) this.envVar(n, value.expr, range(expr), file, resource, out);
  }

  /**
   * Adds an env var to `out`: a region or model setting as a variable, any other name as a plain literal. `written`:
   * where the value is written when another module writes it (a map passed in), read there.
   */
  private envVar(
    name: string,
    expr: Expr,
    at: { start: number; end: number },
    file: TfFile,
    resource: Block,
    out: ScopeVars,
    written?: TfNode,
  ): void {
    let value: Ref;
    const label = `${resourceLabel(resource)} env ${name}`;
    const where = written ? { in: written.in, file: written.file } : { in: this as ModuleAnalysis, file };
    if (isVertexLocationName(name)) value = where.in.vertexLocation(expr, where.file, regionVarRole(name), label);
    else if (isRegionKey(name)) value = where.in.value(expr, where.file, 'region', regionVarRole(name), label);
    else if (isModelKey(name)) value = where.in.value(expr, where.file, 'model', 'deployment', label);
    // an Azure OpenAI deployment named after its model (AZURE_OPENAI_DEPLOYMENT = "gpt-4o", or a variable's value) is
    // a model setting too; a declared deployment's own name (azurerm_cognitive_deployment.x.name) says what it runs there
    else if (isAzureDeploymentKey(name) && writtenOrPassed(expr) && spellsModel(file.c.index, where.in.text(expr, where.file) ?? ''))
      value = where.in.value(expr, where.file, 'model', 'deployment', label);
    else {
      // its value is unresolved, noted by its name (no file: a scope's values are read in the scope's file); a short
      // string's text is kept for what reads it as written (a Vertex AI switch, an Azure deployment name)
      const text = strValue(expr);
      addLiteral(out.literals, name, at, at, text !== undefined && text.length <= SHORT_LITERAL ? text : undefined);
      return;
    }
    // (a value read in another file: the scope's own values are read in its file)
    if (written && written.file !== file) value = { kind: 'chain', at: range(expr), file: written.file.c.file, label, next: value };
    out.vars.push({ name, value, at });
  }

  private codeRoot(block: Block): string | undefined {
    for (const key of codeRootKeys) {
      const a = attr(block.body, key);
      if (!a) continue;
      const e = unwrap(a.expr);
      if (e.t === 'str') {
        const path = literalTextOf(e).replace(/^\/+/, '');
        if (path) return dirname(joinPath(this.m.folder, path)) || this.m.folder;
      }
      if (e.t === 'ref' && e.path[0] === 'data' && e.path[1] === 'archive_file') {
        const archive = this.m.resources.get(`data.archive_file.${e.path[2]}`);
        const src = archive ? (attr(archive.node.body, 'source_dir') ?? attr(archive.node.body, 'source_file')) : undefined;
        const s = src ? unwrap(src.expr) : undefined;
        if (s && s.t === 'str') {
          const path = literalTextOf(s).replace(/^\/+/, '');
          const joined = joinPath(this.m.folder, path);
          return src?.name === 'source_file' ? dirname(joined) : joined;
        }
      }
    }
    return undefined;
  }

  private anchor(file: TfFile, anchor: Anchor): void {
    file.c.facts.anchors.push(anchor);
  }

  // ---- settings and prose --------------------------------------------------------------------------

  private settings(): void {
    for (const [key, { node, file }] of this.m.providers) {
      for (const name of ['region', 'zone']) {
        const a = attr(node.body, name);
        if (a) this.value(a.expr, file, 'region', 'deployment', `provider "${key}" ${name}`);
      }
    }
    for (const [name, variable] of this.m.variables) {
      const def = attr(variable.node.body, 'default');
      if (def) this.variableDefault(name, def, variable.file);
    }
    for (const [name, list] of this.m.tfvars) this.tfvarsSettings(name, list);
    const localsByFile = new Map<TfFile, Array<[string, Attribute]>>();
    for (const [name, { node, file }] of this.m.locals) {
      const list = localsByFile.get(file);
      if (list) list.push([name, node]);
      else localsByFile.set(file, [[name, node]]);
    }
    const files = this.m.files;
    for (let i = 0; i < files.length; i++) {
      const file = files[i];
      if (file.kind !== 'tf') continue;
      const blocks = file.hcl.body.blocks;
      for (let j = 0; j < blocks.length; j++) this.settingsIn(blocks[j], file);
      const locals = localsByFile.get(file);
      if (locals) for (const [name, node] of locals) this.literals(node.expr, file, name, 'deployment', `local.${name}`);
    }
  }

  /** A variable's default: a setting unless a caller or a tfvars file overrides it, or nothing reads it. */
  private variableDefault(name: string, def: Attribute, file: TfFile): void {
    const overridden = this.m.callers.some(({ call }) => attr(call.node.body, name)) || (this.m.tfvars.get(name) ?? []).length > 0;
    // a root variable nothing reads is a dead setting (a child module's variable may be read by files not in view)
    const unused = !this.m.callers.length && !varsRead(this.m).has(name);
    const role: Role = overridden || unused ? 'mention' : 'deployment';
    const label = overridden
      ? `variable "${name}" default (overridden)`
      : unused
        ? `variable "${name}" default (not used)`
        : `variable "${name}" default`;
    this.literals(def.expr, file, name, role, label);
  }

  /** A variable's values in tfvars files: a template is a setting unless a real tfvars file or a module call sets it. */
  private tfvarsSettings(name: string, list: Array<Located<Attribute>>): void {
    const real = list.some((t) => t.file.kind !== 'example') || this.m.callers.some(({ call }) => attr(call.node.body, name));
    for (const { node, file } of list) {
      const template = file.kind === 'example';
      this.literals(
        node.expr,
        file,
        name,
        template && real ? 'mention' : 'deployment',
        template ? `${basename(file.c.file)} (template${real ? ', overridden' : ''})` : basename(file.c.file),
      );
    }
  }

  /**
   * `top`: the top-level block it is in, whose label its literals carry, with " backend" for each of the `backends`
   * backend blocks it is in.
   */
  private settingsIn(block: Block, file: TfFile, top?: Block, backends = 0): void {
    if (block.type === 'variable' || block.type === 'locals' || block.type === 'validation') return;
    const owner = top ?? block;
    const { attrs, blocks } = block.body;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs[i];
      // numbers, booleans and plain references hold no literal
      if (a.name === 'description' || (a.expr.t !== 'str' && isLeaf(a.expr))) continue;
      this.literals(a.expr, file, a.name, 'deployment', owner, a.name, backends);
    }
    const inner = block.type === 'backend' ? backends + 1 : backends;
    for (let i = 0; i < blocks.length; i++) this.settingsIn(blocks[i], file, owner, inner);
  }

  /**
   * Region and model literals under a key, anywhere in the expression (objects, lists, ARNs in policies), labelled
   * `label` (a block's label, with " backend" `backends` times), or `label labelKey` when a label key is given.
   */
  private literals(expr: Expr, file: TfFile, key: string, role: Role, label: string | Block, labelKey?: string, backends = 0): void {
    this.literalLabel = label;
    this.literalBackends = backends;
    this.literalKey = labelKey;
    if (isLeaf(expr)) {
      // most values are numbers, booleans, references or one plain string: no walk (nor its path and callback)
      if (expr.t === 'str') {
        const kind = keyKind(key);
        this.literal(expr, file, kind, (kind & KeyKind.Policy) !== 0, role);
      }
      return;
    }
    const kind = keyKind(key);
    this.literalsUnder(expr, file, kind, (kind & KeyKind.Policy) !== 0, role);
  }

  /**
   * The strings of an expression, depth first as visitExprs goes, each read under the kind of the innermost key (an
   * object's key, or `name()` for a call's arguments) with `policy` set under any policy key: the kinds passed down
   * the walk, not worked out again from a key path for each string.
   */
  private literalsUnder(e: Expr, file: TfFile, kind: number, policy: boolean, role: Role): void {
    switch (e.t) {
      case 'str': {
        this.literal(e, file, kind, policy, role);
        const parts = e.parts;
        if (parts)
          for (let i = 0; i < parts.length; i++) {
            const part = parts[i];
            if (part.t === 'interp') this.literalsUnder(part.expr, file, kind, policy, role);
          }
        break;
      }
      case 'ref':
        if (e.index) for (let i = 0; i < e.index.length; i++) this.literalsUnder(e.index[i], file, kind, policy, role);
        break;
      case 'list':
        for (let i = 0; i < e.items.length; i++) this.literalsUnder(e.items[i], file, kind, policy, role);
        break;
      case 'obj':
        for (let i = 0; i < e.attrs.length; i++) {
          const a = e.attrs[i];
          const inner = keyKind(a.name);
          this.literalsUnder(a.expr, file, inner, policy || (inner & KeyKind.Policy) !== 0, role);
        }
        break;
      case 'call': {
        const inner = keyKind(`${e.name}()`);
        const innerPolicy = policy || (inner & KeyKind.Policy) !== 0;
        for (let i = 0; i < e.args.length; i++) this.literalsUnder(e.args[i], file, inner, innerPolicy, role);
        break;
      }
      case 'other':
        for (let i = 0; i < e.children.length; i++) this.literalsUnder(e.children[i], file, kind, policy, role);
        break;
      default:
        break;
    }
  }

  /** One string under a key of kind `kind` (`policy`: inside an IAM policy, where ARNs are permissions). */
  private literal(e: Extract<Expr, { t: 'str' }>, file: TfFile, kind: number, policy: boolean, role: Role): void {
    // a plain quoted string (what strInner and strValue accept), its content's range read off the node
    if (!e.heredoc && !policy && strValue(e) !== undefined) {
      const start = e.start + 1;
      const end = e.end - 1;
      if (kind & KeyKind.Region) {
        const regionRole = kind & KeyKind.NonInference && role === 'inference' ? 'deployment' : role;
        file.c.region(start, end, regionRole, this.evidence(), { keyed: true });
        return;
      }
      if (kind & KeyKind.Model) {
        file.c.model(start, end, role, this.evidence(), { keyed: true });
        return;
      }
    }
    if (e.plain !== undefined) {
      if (e.plain) this.scanLiteral(e.start + 1, e.end - 1, e.plain, file, policy);
      return;
    }
    const parts = e.parts;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part.t !== 'lit') continue;
      this.scanLiteral(part.start, part.end, file.c.text.slice(part.start, part.end), file, policy);
    }
  }

  /** ARNs (permission), endpoints and other region- or model-shaped text inside a literal (`raw`: its source text). */
  private scanLiteral(start: number, end: number, raw: string, file: TfFile, policy: boolean): void {
    const c = file.c;
    // most literals name no ARN: no matcher (nor an empty list and its iterator) for them
    if (raw.includes('arn:aws')) {
      // exec() on the shared global expression from the start: matchAll copied the expression and made an iterator
      // for each string
      arnInText.lastIndex = 0;
      for (let m = arnInText.exec(raw); m; m = arnInText.exec(raw)) {
        const base = start + m.index;
        const regionStart = base + m[0].indexOf(':', 4 + m[1].length) + 1;
        const service = m[1];
        if (m[2] && m[2] !== '*')
          c.region(
            regionStart,
            regionStart + m[2].length,
            policy ? 'permission' : service === 'bedrock' ? 'permission' : 'mention',
            `${service} ARN`,
          );
        const arn = bedrockArn.exec(m[0]);
        if (arn && service === 'bedrock' && !/[*$]/.test(arn[4])) {
          const modelStart = base + m[0].length - arn[4].length;
          c.model(modelStart, modelStart + arn[4].length, policy ? 'permission' : 'mention', 'Bedrock ARN', { keyed: true });
        }
      }
    }
    // asked of `raw` first: most literals hold no mention, and mentionsIn() would slice each one again to say so
    if (mayHoldMention(c.index, raw)) c.mentionsIn(start, end, this.textEvidence);
  }

  private prose(file: TfFile): void {
    const comments = file.hcl.comments;
    for (let i = 0; i < comments.length; i++) file.c.mentionsIn(comments[i].start, comments[i].end, 'comment');
    proseIn(file.hcl.body, file.c);
  }
}

/** Mentions in a body's descriptions, error messages and validation blocks, nested blocks included. */
function proseIn(body: Body, c: Collector): void {
  const { attrs, blocks } = body;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    if (a.name === 'description' || a.name === 'error_message') c.mentionsIn(a.expr.start, a.expr.end, a.name);
  }
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type === 'validation') c.mentionsIn(b.start, b.end, 'validation');
    else proseIn(b.body, c);
  }
}

/** A literal, or a variable's or local's value: a value the module is given or writes itself, not a resource's attribute. */
function writtenOrPassed(expr: Expr): boolean {
  const e = unwrap(expr);
  return e.t === 'str' || (e.t === 'ref' && (e.path[0] === 'var' || e.path[0] === 'local'));
}

/** A Terraform registry module's source (`[host/]namespace/name/provider[//subdir]`): its cloud's provider. */
const registryCloud = /^(?:[\w.-]+\/)?[\w-]+\/[\w-]+\/(aws|google|azurerm)(?:\/\/.*)?$/;

/** Attributes that hold a resource's env map, at any depth of its blocks (a Lambda's is `environment { variables }`). */
const envMapAttributes: ReadonlySet<string> = new Set(['environment_variables', 'runtime_environment_variables', 'environment']);

/** The literal a value comes to where nothing overrides it: itself, through hops, a variable's default. */
function writtenDefault(ref: Ref, depth = 0): Finding | undefined {
  if (depth > 8) return undefined;
  if (ref.kind === 'finding') return ref.finding;
  if (ref.kind === 'chain') return writtenDefault(ref.next, depth + 1);
  if (ref.kind === 'symbol' && ref.fallback) return writtenDefault(ref.fallback, depth + 1);
  return undefined;
}

/** How findings and anchors name a resource or data source: `resource "aws_lambda_function" "api"`. */
function resourceLabel(block: Block): string {
  return `${block.type} "${block.labels[0]}" "${block.labels[1]}"`;
}

/** How settings name the block they are in: its type and labels (`provider "aws"`, `terraform`). */
function blockLabel(block: Block): string {
  let label = block.type;
  for (const l of block.labels) label += ` "${l}"`;
  return label;
}

/** The provider a resource address's type implies: `aws` for aws_lambda_function.x and data.aws_region.y. */
function impliedProvider(address: string): string {
  // the type's segment of the address, then its first word (sliced, not split: this runs for most resources)
  const typeStart = address.startsWith('data.') ? 5 : 0;
  const dot = address.indexOf('.', typeStart);
  const typeName = dot < 0 ? address.slice(typeStart) : address.slice(typeStart, dot);
  const underscore = typeName.indexOf('_');
  return underscore < 0 ? typeName : typeName.slice(0, underscore);
}

/**
 * Whether a range of a file's text may spell `word` (a key or a block type): it is written there, unless an escape
 * spells it in a quoted key ("va\\lue"), so in a file with a backslash any range may. What most attributes and blocks
 * do not spell needs no walk.
 */
function spelledIn(file: TfFile, word: string, range: { start: number; end: number }): boolean {
  file.spellings ??= new Map();
  let at = file.spellings.get(word);
  if (at === undefined) {
    const text = file.c.text;
    if (text.includes('\\')) at = 'any';
    else {
      at = [];
      for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) at.push(i);
    }
    file.spellings.set(word, at);
  }
  if (at === 'any') return true;
  // the first spelling at or after the start (binary search): a later one ends later still
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] < range.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < at.length && at[lo] + word.length <= range.end;
}

const varsReadMemo = new WeakMap<Module, Set<string>>();

/** Names of the variables a module's .tf files read (`var.x`), gathered once per module. */
function varsRead(m: Module): Set<string> {
  let names = varsReadMemo.get(m);
  if (!names) {
    names = new Set();
    for (const f of m.files) if (f.kind === 'tf') varNamesIn(f.c.text, names);
    varsReadMemo.set(m, names);
  }
  return names;
}

/**
 * Adds the names of `text`'s `var.x` words (as /\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g finds them) to `names`: found by
 * indexOf and read by character code, since the expression ran over every byte of every module.
 */
function varNamesIn(text: string, names: Set<string>): void {
  for (let at = text.indexOf('var.'); at >= 0; at = text.indexOf('var.', at + 1)) {
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
    const start = at + 4;
    const first = text.charCodeAt(start);
    if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95)) continue;
    let end = start + 1;
    while (end < text.length && (isWordChar(text.charCodeAt(end)) || text.charCodeAt(end) === 45)) end++;
    names.add(text.slice(start, end));
    at = end - 1;
  }
}

/** [A-Za-z0-9_], what \w and \b read as a word character. */
const isWordChar = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;

const nullExpr: Expr = { t: 'null', start: 0, end: 0, text: 'null' };

/** Every attribute value of a body, nested blocks and nested objects, with the key path leading to it. */
function* walkBody(body: Body, path: string[] = []): Generator<{ expr: Expr; path: string[] }> {
  for (const a of body.attrs) yield* walkValue(a.expr, [...path, a.name]);
  for (const b of body.blocks) yield* walkBody(b.body, [...path, b.type]);
}

function* walkValue(expr: Expr, path: string[]): Generator<{ expr: Expr; path: string[] }> {
  yield { expr, path };
  if (expr.t === 'obj') for (const a of expr.attrs) yield* walkValue(a.expr, [...path, a.name]);
  if (expr.t === 'list') for (const item of expr.items) if (item.t === 'obj' || item.t === 'list') yield* walkValue(item, path);
  if (expr.t === 'call') for (const arg of expr.args) if (arg.t === 'obj' || arg.t === 'list') yield* walkValue(arg, path);
}
