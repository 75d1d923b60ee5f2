// One evaluator for the settings of every format: a value is followed through the format's references (variables,
// parameters and their defaults, env reads, conditionals) to the literals it may come to, and each literal becomes a
// finding with the role and label of the setting. A format plugs in with a reader that says what one of its own
// nodes is (a Reading); how references chain, what a default means and where following stops are decided here.
// The same readings also give the text a value is written as (`text`), for what its spelling tells, recording nothing.
import { rolePriority, type Collector, type ModelOptions, type RegionOptions } from './base';
import type { ProviderId } from '../data/schema';
import type { Ref } from './facts';
import type { SymbolKey } from './symbols';
import type { Role, TextRange } from './types';

export type Want = 'region' | 'model';

/** What a value is evaluated for: the kind of value, the role its literals get and the label they carry. */
export interface Goal {
  want: Want;
  role: Role;
  label: string;
  /** A location of this cloud: `global` there is its global endpoint (Vertex AI's), a finding of its own. */
  globalEndpoint?: ProviderId;
}

/** A default runs unless something overrides it: where the setting decides inference, its default is a deployment setting. */
export const defaultRole = (role: Role): Role => (role === 'inference' ? 'deployment' : role);

/**
 * One source that may set a value (a module call's argument, a tfvars file, a default): the hop at `at` in the file
 * of `in`, then that node, its literals with the goal changed by `goal`.
 */
export interface Source<N> {
  node: N;
  at: TextRange;
  in?: Collector;
  label: string;
  goal?: Partial<Goal>;
}

/**
 * What a node of a format is, in the terms the evaluator follows. `in`: the file the reading's ranges are in when it is
 * not the evaluator's own (formats that read across files): its literals are recorded there and its Refs say so.
 */
export type Reading<N> = ReadingKind<N> & { in?: Collector };

/** The kinds of reading. */
type ReadingKind<N> =
  /**
   * A literal at a range of the text (options for the Collector); `otherwise` when it is no region or model.
   * `roleAtMost`: the setting never decides more than that role, whatever else reads the same text (a region under a
   * name that says it is for storage or email is a deployment setting). `text`: the literal's value where it is not the
   * text at `at` as written (escapes).
   */
  | {
      is: 'literal';
      at: TextRange;
      label?: string;
      region?: RegionOptions;
      model?: ModelOptions;
      otherwise?: () => Ref | undefined;
      roleAtMost?: Role;
      text?: string;
    }
  /**
   * Known without following anything further (a state, a finding made here, the stack's region); a function when
   * working it out records findings, so that it runs only when a value is evaluated, not for its text.
   */
  | { is: 'known'; ref: Ref | undefined | (() => Ref | undefined) }
  /** A wrapper that passes its argument through (`Region.of(x)`). */
  | { is: 'same'; node: N | undefined }
  /**
   * A name another node holds the value of (a local, `var x`, `${self:path}`): the hop at `at`, then that node; with
   * `unresolved`, a node that comes to nothing is that unresolved state instead of no value.
   */
  | { is: 'variable'; node: N | undefined; at: TextRange; label: string; goal?: Partial<Goal>; geo?: string; unresolved?: string }
  /**
   * A parameter other files may set, under each key in turn (outermost first), else the default its declaration
   * gives ("`hop` at `at`", its literals labelled `label`).
   */
  | {
      is: 'parameter';
      keys: SymbolKey[];
      at: TextRange;
      label: string;
      default?: { node: N | undefined; at: TextRange; hop: string; label: string };
    }
  /** An environment variable read; the default is what runs when it is not set (its literals keep the role). */
  | { is: 'env'; name: string; at: TextRange; label: string; default?: { node: N | undefined; label: string } }
  /**
   * Several nodes that may each be the value (a conditional's branches, a loop's items). `firstSet`: the first that
   * is set wins (`a or b`), so one that is not known is left out; `none` when none gives a value.
   */
  | { is: 'choice'; nodes: N[]; firstSet?: boolean; none?: Ref }
  /**
   * A field of a record a run-time key picks from a table (the table at offset `table`): each record's node at its
   * `at` may be the value, and what one record gives runs with what the same record gives another setting (RecordItem).
   */
  | { is: 'records'; table: number; label: string; items: Array<{ at: TextRange; node: N | undefined }> }
  /**
   * A name every source in `ranks` may set, the first rank that has any overriding the later ones (a module call's
   * argument, then tfvars files, then the default): the hop at `at`, then the one source, or `all` of a rank's
   * sources, or `none` when no rank has one. A default read this way keeps the role of the setting.
   */
  | { is: 'sources'; at: TextRange; label: string; ranks: Array<Array<Source<N>>>; none: Ref };

/** How a format's nodes read; `depth` is the evaluation's, for formats that bound their own lookups. */
export type Reader<N, G extends Goal = Goal> = (node: N, goal: G, depth: number) => Reading<N> | undefined;

/** Where following stops: past `maxDepth` nested hops a node is not followed, and is what `tooDeep` says instead. */
export interface Bounds<N> {
  maxDepth: number;
  tooDeep?: (node: N) => Ref;
}

export class Evaluator<N, G extends Goal = Goal> {
  private readonly maxDepth: number;
  private readonly tooDeep?: (node: N) => Ref;

  constructor(
    private readonly c: Collector,
    private readonly read: Reader<N, G>,
    /** Nesting past which a value is not followed (a cycle, or a value too far to matter): a depth, or Bounds. */
    bounds: number | Bounds<N> = 8,
  ) {
    this.maxDepth = typeof bounds === 'number' ? bounds : bounds.maxDepth;
    this.tooDeep = typeof bounds === 'number' ? undefined : bounds.tooDeep;
  }

  /** The value a node comes to, as a Ref; undefined when it holds no region or model at all. */
  evaluate(node: N | undefined, goal: G, depth = 0): Ref | undefined {
    if (node === undefined) return undefined;
    if (depth > this.maxDepth) return this.tooDeep?.(node);
    const r = this.read(node, goal, depth);
    if (!r) return undefined;
    const file = r.in?.file;
    switch (r.is) {
      case 'literal': {
        const label = r.label ?? goal.label;
        const c = r.in ?? this.c;
        // a location of `global` is no region but a place all the same: Vertex AI's global endpoint
        const isGlobal = () => goal.want === 'region' && (r.text ?? c.slice(r.at)).toLowerCase() === 'global';
        const finding =
          goal.want === 'model'
            ? c.model(r.at.start, r.at.end, goal.role, label, r.model)
            : goal.globalEndpoint && isGlobal()
              ? c.globalEndpoint(r.at.start, r.at.end, goal.role, label, goal.globalEndpoint)
              : c.region(r.at.start, r.at.end, goal.role, label, r.region);
        if (!finding) {
          if (isGlobal()) {
            const state: Ref = { kind: 'state', state: 'global', at: r.at, note: `${label}: global endpoint` };
            return file === undefined ? state : { ...state, file };
          }
          return r.otherwise?.();
        }
        if (r.roleAtMost && rolePriority[finding.role] > rolePriority[r.roleAtMost]) finding.role = r.roleAtMost;
        return file === undefined ? { kind: 'finding', finding } : { kind: 'finding', finding, file };
      }
      case 'known':
        return typeof r.ref === 'function' ? r.ref() : r.ref;
      case 'same':
        return this.evaluate(r.node, goal, depth + 1);
      case 'variable': {
        const next = this.evaluate(r.node, { ...goal, ...r.goal }, depth + 1);
        if (next) return { ...hop(r.at, file, r.label, next), ...(r.geo ? { geo: r.geo } : {}) };
        if (r.unresolved === undefined) return undefined;
        const state: Ref = { kind: 'state', state: 'unresolved', at: r.at, note: r.unresolved };
        return file === undefined ? state : { ...state, file };
      }
      case 'sources': {
        const rank = r.ranks.find((sources) => sources.length > 0) ?? [];
        const refs: Ref[] = [];
        for (const s of rank) {
          const next = this.evaluate(s.node, s.goal ? { ...goal, ...s.goal } : goal, depth + 1);
          if (next) refs.push(hop(s.at, s.in?.file, s.label, next));
        }
        return hop(r.at, file, r.label, refs.length === 1 ? refs[0] : refs.length ? { kind: 'all', refs } : r.none);
      }
      case 'parameter': {
        const d = r.default;
        const value = d && this.evaluate(d.node, { ...goal, role: defaultRole(goal.role), label: d.label }, depth + 1);
        let ref: Ref | undefined = d && value ? { kind: 'chain', at: d.at, label: d.hop, next: value } : undefined;
        for (let i = r.keys.length - 1; i >= 0; i--) ref = { kind: 'symbol', key: r.keys[i], at: r.at, label: r.label, fallback: ref };
        return ref;
      }
      case 'env': {
        const fallback = r.default && this.evaluate(r.default.node, { ...goal, label: r.default.label }, depth + 1);
        return { kind: 'env', names: [r.name], fallback, at: r.at, label: r.label };
      }
      case 'records': {
        const refs: Ref[] = [];
        for (let item = 0; item < r.items.length; item++) {
          const next = this.evaluate(r.items[item].node, goal, depth + 1);
          if (next) refs.push({ ...hop(r.items[item].at, file, r.label, next), record: { table: r.table, item } });
        }
        return refs.length ? { kind: 'all', refs } : undefined;
      }
      case 'choice': {
        const refs = r.nodes
          .map((n) => this.evaluate(n, goal, depth + 1))
          .filter((ref): ref is Ref => ref !== undefined && !(r.firstSet && ref.kind === 'state' && ref.state === 'unresolved'));
        if (!refs.length) return r.none;
        return refs.length === 1 ? refs[0] : { kind: 'all', refs };
      }
    }
  }

  /**
   * The literal text a node comes to through the names it refers to (wrappers, variables, a parameter's default),
   * without recording a finding; undefined when it comes to an env read, a choice or something known only as a Ref.
   * Readers asked for text must not record anything either.
   */
  text(node: N | undefined, goal: G, depth = 0): string | undefined {
    if (node === undefined || depth > this.maxDepth) return undefined;
    const r = this.read(node, goal, depth);
    switch (r?.is) {
      case 'literal':
        return r.text ?? (r.in ?? this.c).slice(r.at);
      case 'same':
      case 'variable':
        return this.text(r.node, goal, depth + 1);
      case 'parameter':
        return this.text(r.default?.node, goal, depth + 1);
      case 'sources': {
        // the sources that run agree on one text, or the value has none
        const rank = r.ranks.find((sources) => sources.length > 0) ?? [];
        const texts = new Set(rank.map((s) => this.text(s.node, goal, depth + 1)));
        return texts.size === 1 ? [...texts][0] : undefined;
      }
      default:
        return undefined;
    }
  }
}

/** A hop of a chain (`file`: where `at` is, when not the file being analysed). */
function hop(at: TextRange, file: string | undefined, label: string, next: Ref): Extract<Ref, { kind: 'chain' }> {
  return file === undefined ? { kind: 'chain', at, label, next } : { kind: 'chain', at, file, label, next };
}
