// Follows Refs across the files of a workspace: env vars through the env scopes that set them, symbols
// through the files that define them, chains of references, and explicit states. Never guesses a region.
import { environmentOfFile } from './environments';
import { literalVar, type EnvScope, type EnvVar, type PlainLiterals, type Platform, type Ref } from './facts';
import { serves, type ProjectOf } from './projects';
import { ambientRegionVars } from './patterns';
import { anyFolderParameter, type SymbolKey } from './symbols';
import { sharedDepth, dirname } from './text';
import type { Finding, PairState, SourceLocation } from './types';

export interface Outcome {
  finding?: { file: string; finding: Finding };
  state?: Exclude<PairState, 'region'>;
  /** The geo profile of a state, or one a hop on the way put around the model id. */
  geo?: string;
  /** The backend a hop on the way chose for the model (a branch written for Vertex AI or the Gemini API). */
  platform?: Platform;
  /** The record of a table the value was read from (RecordItem), its table named by file and offset. */
  record?: { table: string; item: number };
  note?: string;
  evidence: SourceLocation[];
}

export interface ResolveContext {
  /** The file whose code reads the environment (for .env proximity and function code roots). */
  file: string;
  /** A scope to read first (a LiteLLM config mounted into a compose service). */
  scope?: string;
  /** Env definitions being resolved (compose `${AWS_REGION}` reads the outer environment, not itself). */
  skip?: ReadonlySet<EnvVar>;
}

/** Finds the env definition a scope gives for the names being resolved (memoised per name list). */
type EnvPicker = (s: { scope: EnvScope; file: string }) => { v: EnvVar; file: string } | undefined;
type BestEntry = { i: number; hit: { v: EnvVar; file: string } };

/** Scope indices (ascending) by what ranks them for a reading file; see Resolver.rankedBest. */
interface RankIndex {
  byCodeRoot: Map<string, number[]>;
  /** Each file a scope lists as its own (`files`). */
  byListedFile: Map<string, number[]>;
  dotenvByFolder: Map<string, number[]>;
  /** By kind tier, best first: every scope of the tier, and those under each folder (all its folders but the root). */
  byKindTier: Array<{ tier: number; under: Map<string, number[]>; all: number[] }>;
}

const scopeTier: Record<EnvScope['kind'], number> = {
  dotenv: 1,
  compose: 2,
  k8s: 2,
  function: 2,
  docker: 2,
  config: 2,
  ci: 3,
  make: 3,
  shell: 3,
  example: 4,
};

export class Resolver {
  private readonly scopesById = new Map<string, { scope: EnvScope; file: string }>();
  /**
   * Env var name → indices (ascending) of the scopes that set it and may serve other files: a lookup visits only
   * those scopes (a workspace can have thousands of Lambda scopes, each setting AWS_REGION).
   */
  private readonly scopesByName = new Map<string, number[]>();
  /** Per scope: its folder, for ranking. */
  private readonly scopeFolder: string[] = [];
  /**
   * The indexed scope each variable belongs to: the first, for a variable several scopes hold (sharedVarScopes). A
   * number rather than a list: a workspace's Lambda scopes set tens of thousands of variables.
   */
  private readonly scopeOfVar = new Map<EnvVar, number>();
  /** Every indexed scope of a variable several scopes hold, ascending. */
  private readonly sharedVarScopes = new Map<EnvVar, number[]>();
  /** The index of each indexed scope with plain literals: a literal made into an EnvVar gets its scopeOfVar. */
  private readonly literalScopes = new Map<EnvScope, number>();
  /** Each scope's plain literals made into EnvVars so far (by their index): a literal is one variable throughout. */
  private readonly madeLiterals = new Map<EnvScope, EnvVar[]>();
  /** File → its indexed scopes, ascending (what sameNameVars reads). */
  private readonly scopesOfFile = new Map<string, number[]>();
  /** `file \0 names` → the best scopes without skip. */
  private readonly bestMemo = new Map<string, BestEntry[]>();
  private readonly settingMemo = new Map<string, number[]>();
  /** `names` → each scope's first setting of them (without skip): ranking reads it for every scope, for every file. */
  private readonly hitMemo = new Map<string, EnvPicker>();
  /**
   * By the scopes setting the names (scopesSetting's list): names that no scope sets share the index of those that
   * are set (AWS_REGION and AWS_REGION or AWS_DEFAULT_REGION, thousands of scopes each, are one index).
   */
  private readonly rankMemo = new Map<number[], RankIndex>();
  /** The variables of a name a file sets (sameNameVars), by `file \0 name`: skipSameName's set when there is no skip. */
  private readonly sameNameMemo = new Map<string, ReadonlySet<EnvVar>>();
  /** The scopes a skip set affects (lookupEnv), by set: the same few sets come back for every hop. */
  private readonly affectedMemo = new WeakMap<ReadonlySet<EnvVar>, Set<number>>();
  /** RankIndex lists split by the project of each scope's file: rankedBest reads only the projects serving a file. */
  private readonly byProjectMemo = new Map<number[], Map<string, number[]>>();
  /** mayFindModel's definitions, gathered at its first call. */
  private modelGraph?: ModelGraph;

  constructor(
    private readonly scopes: Array<{ scope: EnvScope; file: string }>,
    private readonly symbols: Map<SymbolKey, Array<{ value: Ref; priority: number; file: string }>>,
    /** The project of each file: values never cross from one project into a sibling (see projects.ts). */
    private readonly projectOf: ProjectOf = () => '',
  ) {
    scopes.forEach((s, i) => {
      this.scopesById.set(s.scope.id, s);
      this.scopeFolder.push(dirname(s.file));
      // a function's environment belongs to its own code: without a known code folder it serves nobody else
      if (s.scope.kind === 'function' && s.scope.codeRoot === undefined) return;
      const ofFile = this.scopesOfFile.get(s.file);
      if (!ofFile) this.scopesOfFile.set(s.file, [i]);
      else ofFile.push(i);
      for (const v of s.scope.vars) {
        const list = this.scopesByName.get(v.name);
        if (!list) this.scopesByName.set(v.name, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
        const first = this.scopeOfVar.get(v);
        if (first === undefined) this.scopeOfVar.set(v, i);
        else if (first !== i) {
          const shared = this.sharedVarScopes.get(v);
          if (!shared) this.sharedVarScopes.set(v, [first, i]);
          else if (shared[shared.length - 1] !== i) shared.push(i);
        }
      }
      const { literals } = s.scope;
      if (!literals) return;
      this.literalScopes.set(s.scope, i);
      for (const name of literals.names) {
        const list = this.scopesByName.get(name);
        if (!list) this.scopesByName.set(name, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    });
  }

  /** A scope's `j`th plain literal, made into an EnvVar the first time it is read. */
  private literal(scope: EnvScope, literals: PlainLiterals, j: number): EnvVar {
    let made = this.madeLiterals.get(scope);
    if (!made) this.madeLiterals.set(scope, (made = []));
    let v = made[j];
    if (!v) {
      v = made[j] = literalVar(literals, j);
      const i = this.literalScopes.get(scope);
      if (i !== undefined) this.scopeOfVar.set(v, i);
    }
    return v;
  }

  /** A scope's plain literals of a name, made into EnvVars, in order. */
  private literalsNamed(scope: EnvScope, name: string): EnvVar[] {
    const { literals } = scope;
    const out: EnvVar[] = [];
    if (!literals) return out;
    for (let j = literals.names.indexOf(name); j >= 0; j = literals.names.indexOf(name, j + 1)) out.push(this.literal(scope, literals, j));
    return out;
  }

  /** The indexed scopes a variable belongs to, ascending. */
  private scopesOfVar(v: EnvVar): number[] {
    const shared = this.sharedVarScopes.get(v);
    if (shared) return shared;
    const i = this.scopeOfVar.get(v);
    return i === undefined ? [] : [i];
  }

  /** Indices of the scopes that set any of `names`, in scope order. */
  private scopesSetting(names: readonly string[]): number[] {
    if (names.length === 1) return this.scopesByName.get(names[0]) ?? noScopes;
    const key = names.join('\0');
    let merged = this.settingMemo.get(key);
    if (!merged) {
      // the list of the only name set, when the others are not (read only, as every list here)
      merged = sortedUnion(names.map((name) => this.scopesByName.get(name)));
      this.settingMemo.set(key, merged);
    }
    return merged;
  }

  /**
   * Work left for the current top-level resolve(). Ties at every hop of a chain multiply: many env scopes that each
   * read AWS_REGION from the environment made resolution exponential, and every env lookup costs the number of
   * scopes. One resolution takes at most 1,000 steps, and its env lookups follow at most 32 definitions in all
   * (real chains take at most 5 steps and a few definitions); past that, what is left is 'unresolved'.
   */
  private steps = 0;
  private found = 0;

  resolve(ref: Ref, file: string, ctx: ResolveContext, depth = 0): Outcome[] {
    if (depth === 0) {
      this.steps = 1000;
      this.found = 32;
    }
    if (--this.steps < 0) return [{ state: 'unresolved', note: 'too many reference chains to follow', evidence: [] }];
    if (depth > 16) return [{ state: 'unresolved', note: 'reference chain too long', evidence: [] }];
    switch (ref.kind) {
      case 'finding': {
        const f = ref.file ?? file;
        return [{ finding: { file: f, finding: ref.finding }, evidence: [{ file: f, range: ref.finding.range }] }];
      }
      case 'state':
        return [{ state: ref.state, geo: ref.geo, note: ref.note, evidence: ref.at ? [{ file: ref.file ?? file, range: ref.at }] : [] }];
      case 'chain': {
        const f = ref.file ?? file;
        const hop = { file: f, range: ref.at };
        const { geo, platform, record } = ref;
        return this.resolve(ref.next, f, ctx, depth + 1).map((o) => ({
          ...o,
          ...(geo && !o.geo ? { geo } : {}),
          ...(platform && !o.platform ? { platform } : {}),
          ...(record && !o.record ? { record: { table: `${f}:${record.table}`, item: record.item } } : {}),
          evidence: dedupe([hop, ...o.evidence]),
        }));
      }
      case 'all':
        return ref.refs.flatMap((r) => this.resolve(r, file, ctx, depth + 1));
      case 'symbol': {
        const f = ref.file ?? file;
        const hop = { file: f, range: ref.at };
        const defs = this.definitions(ref.key, f);
        if (defs.length) {
          const top = Math.max(...defs.map((d) => d.priority));
          const defined = defs
            .filter((d) => d.priority === top)
            .flatMap((d) => this.resolve(d.value, d.file, ctx, depth + 1))
            .map((o) => ({ ...o, evidence: dedupe([hop, ...o.evidence]) }));
          if (!ref.orFallback || !ref.fallback || defined.some((o) => o.finding)) return defined;
          return [
            ...defined,
            ...this.resolve(ref.fallback, f, ctx, depth + 1).map((o) => ({ ...o, evidence: dedupe([hop, ...o.evidence]) })),
          ];
        }
        if (ref.fallback)
          return this.resolve(ref.fallback, f, ctx, depth + 1).map((o) => ({ ...o, evidence: dedupe([hop, ...o.evidence]) }));
        return [{ state: 'unresolved', note: `${ref.label ?? ref.key} is set outside the workspace`, evidence: [hop] }];
      }
      case 'env': {
        const f = ref.file ?? file;
        const hop = { file: f, range: ref.at };
        if (this.found <= 0) return [{ state: 'unresolved', note: 'too many reference chains to follow', evidence: [hop] }];
        const found = this.budgeted(this.lookupEnv(ref.names, { ...ctx, file: ctx.file || f }, ref.scopeOnly, this.found));
        const byDefault = () =>
          ref.fallback
            ? this.resolve(ref.fallback, f, ctx, depth + 1).map((o) => ({
                ...o,
                note: o.note ?? `default of ${ref.names[0]}, may be overridden`,
                evidence: dedupe([hop, ...o.evidence]),
              }))
            : [];
        if (found.length) {
          // `${LLM-llama2}` in one compose service reads the environment compose runs in, not the same name its
          // sibling services set in that file
          const set = found.flatMap(({ v, file: defFile }) =>
            this.resolve(v.value, defFile, { ...ctx, skip: this.skipSameName(ctx.skip, defFile, v) }, depth + 1).map((o) => ({
              ...o,
              evidence: dedupe([hop, { file: defFile, range: v.at }, ...o.evidence]),
            })),
          );
          // a template (.env.example) may be copied into place or not: its value, or the default when it is not
          return found.every(({ v }) => this.fromTemplate(v)) ? [...set, ...byDefault()] : set;
        }
        if (ref.fallback) return byDefault();
        return [{ state: 'unresolved', note: `${ref.names[0]} is not set in the workspace`, evidence: [hop] }];
      }
      case 'ambient': {
        const f = ref.file ?? file;
        const hop = { file: f, range: ref.at };
        const names = ref.names ?? ambientRegionVars[ref.provider];
        if (this.found <= 0) return [{ state: 'unresolved', note: 'too many reference chains to follow', evidence: [hop] }];
        const found = this.budgeted(this.lookupEnv(names, { ...ctx, file: ctx.file || f }, false, this.found));
        if (found.length) {
          return found.flatMap(({ v, file: defFile }) =>
            this.resolve(v.value, defFile, { ...ctx, skip: new Set([...(ctx.skip ?? []), v]) }, depth + 1).map((o) => ({
              ...o,
              evidence: dedupe([hop, { file: defFile, range: v.at }, ...o.evidence]),
            })),
          );
        }
        const note =
          ref.provider === 'aws'
            ? 'region comes from the environment (AWS_REGION or the profile), not set in the workspace'
            : 'location not set: the Vertex AI SDK default is us-central1';
        return [{ state: 'unresolved', note, evidence: [hop] }];
      }
    }
  }

  /**
   * Whether resolving `ref` may end at a model finding, for any reading file and scope: when not, resolve() finds no
   * model, and a caller looking only for models skips it (most of a workspace's env values are regions, ports, URLs).
   * It follows every definition of a name or symbol, whichever would serve, so it may say yes where resolve() finds
   * none, never the reverse.
   */
  mayFindModel(ref: Ref): boolean {
    // (a state, as most env values of a workspace, reads nothing: no reads to gather)
    if (ref.kind === 'state') return false;
    const reads = readsOf(ref);
    if (reads.model) return true;
    // most env values (literals, findings, chains to a finding) read no other name or symbol: no need for the graph
    if (!reads.names.length && !reads.symbols.length) return false;
    const graph = (this.modelGraph ??= this.definitionsLeadingToModel());
    return (
      reads.names.some((name) => graph.leading.has(graph.byName.get(name) ?? [])) ||
      reads.symbols.some((key) => graph.leading.has(graph.bySymbol.get(key) ?? []))
    );
  }

  /**
   * The definitions (values) of every env var name and symbol key of the workspace, and those among them that lead to a
   * model finding: directly, or through the names and symbols they read.
   */
  private definitionsLeadingToModel(): ModelGraph {
    const byName = new Map<string, Ref[]>();
    for (const { scope } of this.scopes)
      for (const v of scope.vars) {
        // a state leads nowhere (nor do names only states are set to)
        if (v.value.kind === 'state') continue;
        const list = byName.get(v.name);
        if (list) list.push(v.value);
        else byName.set(v.name, [v.value]);
      }
    const pending = [...byName.values()];
    const bySymbol = new Map<SymbolKey, Ref[]>();
    const symbol = (key: SymbolKey): Ref[] => {
      let values = bySymbol.get(key);
      if (!values) {
        bySymbol.set(key, (values = this.everyDefinition(key).map((d) => d.value)));
        pending.push(values);
      }
      return values;
    };
    for (const key of this.symbols.keys()) symbol(key);
    // which definitions read each name's or symbol's, and those that hold a model themselves
    const readers = new Map<Ref[], Ref[][]>();
    const leading = new Set<Ref[]>();
    const readBy = (read: Ref[] | undefined, reader: Ref[]) => {
      if (!read) return;
      const list = readers.get(read);
      if (list) list.push(reader);
      else readers.set(read, [reader]);
    };
    for (let values = pending.pop(); values; values = pending.pop())
      for (const value of values) {
        if (value.kind === 'state') continue;
        const reads = readsOf(value);
        if (reads.model) leading.add(values);
        for (const name of reads.names) readBy(byName.get(name), values);
        for (const key of reads.symbols) readBy(symbol(key), values);
      }
    const queue = [...leading];
    for (let values = queue.pop(); values; values = queue.pop())
      for (const reader of readers.get(values) ?? [])
        if (!leading.has(reader)) {
          leading.add(reader);
          queue.push(reader);
        }
    return { byName, bySymbol, leading };
  }

  /**
   * `skip` and the variables of v's name that its file sets (every service of a compose file that sets LLM), v too.
   * The file's variables are remembered by file and name (without `skip` they are the answer): a name like AWS_REGION
   * is set by thousands of scopes of one file, and every env hop asks.
   */
  private skipSameName(skip: ReadonlySet<EnvVar> | undefined, file: string, v: EnvVar): ReadonlySet<EnvVar> {
    const key = `${file}\0${v.name}`;
    let same = this.sameNameMemo.get(key);
    if (!same) this.sameNameMemo.set(key, (same = new Set(this.sameNameVars(file, v.name))));
    if (skip) return new Set([...skip, ...same, v]);
    return same.has(v) ? same : new Set([...same, v]);
  }

  /** The variables of a name a file's indexed scopes set, in scope order (gathered when asked: few files are). */
  private sameNameVars(file: string, name: string): EnvVar[] {
    const out: EnvVar[] = [];
    for (const i of this.scopesOfFile.get(file) ?? []) {
      const { scope } = this.scopes[i];
      for (const v of scope.vars) if (v.name === name) out.push(v);
      out.push(...this.literalsNamed(scope, name));
    }
    return out;
  }

  /** Whether a variable is set only by templates the user copies (.env.example). */
  private fromTemplate(v: EnvVar): boolean {
    const of = this.scopesOfVar(v);
    return of.length > 0 && of.every((i) => this.scopes[i].scope.kind === 'example');
  }

  /** Whether a file of the reading file's project (or one enclosing it) defines the symbol. */
  defines(key: SymbolKey, file: string): boolean {
    return this.definitions(key, file).length > 0;
  }

  /**
   * The definitions of a symbol that serve a file: its project's (or an enclosing one's). A template parameter passed
   * by a deploy command whose template is not known (symbols.ts anyFolder) is a definition in every folder.
   */
  private definitions(key: SymbolKey, file: string): Array<{ value: Ref; priority: number; file: string }> {
    return this.everyDefinition(key).filter((d) => serves(this.projectOf, d.file, file));
  }

  /** The definitions of a symbol in any folder of the workspace. */
  private everyDefinition(key: SymbolKey): Array<{ value: Ref; priority: number; file: string }> {
    const param = anyFolderParameter(key);
    return [...(this.symbols.get(key) ?? []), ...(param ? (this.symbols.get(param) ?? []) : [])];
  }

  /** The definitions an env lookup found, as many as the resolution's budget still allows (at least one). */
  private budgeted(found: Array<{ v: EnvVar; file: string }>): Array<{ v: EnvVar; file: string }> {
    const kept = found.slice(0, Math.max(1, this.found));
    this.found -= Math.max(1, found.length);
    return kept;
  }

  /** Env var definitions for the first name any scope sets, best scope first; ties at the same tier and distance all count. */
  lookupEnv(names: readonly string[], ctx: ResolveContext, scopeOnly = false, limit = Infinity): Array<{ v: EnvVar; file: string }> {
    const pick = this.picker(names, ctx.skip);
    if (ctx.scope) {
      const s = this.scopesById.get(ctx.scope);
      if (s) {
        const hit = pick(s) ?? this.includedHit(s.scope, pick);
        if (hit) return [hit];
      }
    }
    if (scopeOnly) return [];
    // The workspace-wide best depends only on the names and the reading file, and on `skip`: computed once without
    // skip, then adjusted. Skipping a variable only changes its own scope's hit, never a scope's rank, so the best
    // set stays the best set with those scopes re-picked, unless every member drops out.
    const key = `${ctx.file}\0${names.join('\0')}`;
    let entries = this.bestMemo.get(key);
    if (!entries) {
      entries = this.rankedBest(names, ctx.file, this.unskippedPicker(names));
      this.bestMemo.set(key, entries);
    }
    // at most `limit` ties are followed: the rest are not looked at (thousands of tied scopes made every lookup slow)
    if (entries.length > limit) entries = entries.slice(0, limit);
    if (ctx.skip?.size) {
      let affected = this.affectedMemo.get(ctx.skip);
      if (!affected) {
        affected = new Set<number>();
        for (const v of ctx.skip) for (const i of this.scopesOfVar(v)) affected.add(i);
        this.affectedMemo.set(ctx.skip, affected);
      }
      if (entries.some((e) => affected.has(e.i))) {
        const next: BestEntry[] = [];
        for (const e of entries) {
          if (!affected.has(e.i)) next.push(e);
          else {
            const hit = pick(this.scopes[e.i]);
            if (hit) next.push({ i: e.i, hit });
          }
        }
        if (!next.length) {
          // the skipped variables change only their own scopes' hits: every other scope keeps its remembered one
          const unskipped = this.unskippedPicker(names);
          const affectedScopes = new Set([...affected].map((i) => this.scopes[i]));
          entries = this.rankedBest(names, ctx.file, (s) => (affectedScopes.has(s) ? pick(s) : unskipped(s)));
        } else entries = next;
      }
    }
    let best = entries.map((e) => e.hit);
    // a placeholder (`${{ vars.AWS_REGION }}`) does not compete with a real value set elsewhere at the same level
    const real = best.filter((h) => h.v.value.kind !== 'state');
    if (real.length && real.length < best.length) best = real;
    // the same value written in several places is one answer
    const seen = new Set<string>();
    return best.filter((h) => {
      const key = h.v.value.kind === 'finding' ? h.v.value.finding.text : `${h.file}:${h.v.at.start}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** The first variable a scope sets for the names, in name order (an empty value is not a setting). */
  private picker(names: readonly string[], skip: ReadonlySet<EnvVar> | undefined): EnvPicker {
    return (s) => {
      for (const name of names) {
        // an empty value (`BEDROCK_REGION=` in a template .env) is not a setting
        const set = (x: EnvVar) => !skip?.has(x) && x.text !== '';
        const v = s.scope.vars.find((x) => x.name === name && set(x)) ?? (s.scope.literals && this.literalsNamed(s.scope, name).find(set));
        if (v) return { v, file: s.file };
      }
      return undefined;
    };
  }

  /** The picker without skip, remembering each scope's hit. */
  private unskippedPicker(names: readonly string[]): EnvPicker {
    const key = names.join('\0');
    let memo = this.hitMemo.get(key);
    if (!memo) {
      const pick = this.picker(names, undefined);
      const hits = new Map<{ scope: EnvScope; file: string }, ReturnType<EnvPicker>>();
      memo = (s) => {
        if (hits.has(s)) return hits.get(s);
        const hit = pick(s);
        hits.set(s, hit);
        return hit;
      };
      this.hitMemo.set(key, memo);
    }
    return memo;
  }

  /**
   * The scopes with the best (tier, shared depth) for a file reading the names, with their hits, in scope order. The
   * candidates are visited group by group in rank order, and the first group with a hit is the answer: the same as
   * ranking every scope that sets the names, without visiting thousands of them for every file that reads one.
   */
  private rankedBest(names: readonly string[], file: string, pick: EnvPicker): BestEntry[] {
    const folder = dirname(file);
    const up = foldersUp(folder);
    const index = this.rankIndex(names);
    // a job that deploys other environments does not read the configuration written for this file's one
    const environment = environmentOfFile(file);
    const deploysHere = (i: number) => {
      const deployed = this.scopes[i].scope.environments;
      return !environment || !deployed || deployed.includes(environment);
    };
    const deepestWithHits = (candidates: number[]): BestEntry[] => {
      let best: BestEntry[] = [];
      let bestDepth = -1;
      for (const i of candidates) {
        if (!deploysHere(i)) continue;
        const depth = sharedDepth(this.scopeFolder[i], folder);
        if (depth < bestDepth) continue;
        const hit = pick(this.scopes[i]);
        if (!hit) continue;
        if (depth > bestDepth) best = [];
        bestDepth = depth;
        best.push({ i, hit });
      }
      return best;
    };
    // tier 0: scopes that run this file (its code root is the folder or above, or it lists the file)
    const runsHere = deepestWithHits(sortedUnion([...up.map((f) => index.byCodeRoot.get(f)), index.byListedFile.get(file)]));
    if (runsHere.length) return runsHere;
    // tier 1: .env files in the folder or above
    const dotenvAbove = deepestWithHits(sortedUnion(up.map((f) => index.dotenvByFolder.get(f))));
    if (dotenvAbove.length) return dotenvAbove;
    // the other tiers by kind: a scope that ranked above has no hit, so each tier can take every scope of its kind
    // scopes that do not run this file serve it only from its own project or one enclosing it
    // (the projects that serve it: its own and those enclosing it, '' serving every file; see projects.ts serves)
    const servingProjects = foldersUp(this.projectOf(file));
    const near = (candidates: number[] | undefined) => {
      if (!candidates) return undefined;
      const byProject = this.byProject(candidates);
      return sortedUnion(servingProjects.map((p) => byProject.get(p))).filter(deploysHere);
    };
    for (const { under, all } of index.byKindTier) {
      // the scopes under the folder's first d segments share at least d; deeper ones with a hit were found first
      for (let d = up.length - 1; d >= 1; d--) {
        const found = withHits(near(under.get(up[d])), this.scopes, pick);
        if (found.length) return found;
      }
      const found = withHits(near(all), this.scopes, pick);
      if (found.length) return found;
    }
    return [];
  }

  /** The scopes setting any of the names, indexed by the folders and files they serve (built once per list of scopes). */
  private rankIndex(names: readonly string[]): RankIndex {
    const setting = this.scopesSetting(names);
    let index = this.rankMemo.get(setting);
    if (index) return index;
    index = { byCodeRoot: new Map(), byListedFile: new Map(), dotenvByFolder: new Map(), byKindTier: [] };
    const tiers = new Map<number, RankIndex['byKindTier'][number]>();
    const add = (map: Map<string, number[]>, key: string, i: number) => {
      const list = map.get(key);
      if (!list) map.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    for (const i of setting) {
      const { scope } = this.scopes[i];
      if (scope.codeRoot !== undefined) add(index.byCodeRoot, scope.codeRoot, i);
      for (const f of scope.files ?? []) add(index.byListedFile, f, i);
      // a deployed function's or service's environment is its own code's, as a settings class's defaults or a stack's
      // config are: it serves no file outside its code root (a compose file's `${MODEL_ID:-…}` reads its host's)
      if ((scope.kind === 'function' || scope.kind === 'config') && scope.codeRoot !== undefined) continue;
      if (scope.kind === 'dotenv') add(index.dotenvByFolder, this.scopeFolder[i], i);
      const tier = scopeTier[scope.kind] + 1;
      let group = tiers.get(tier);
      if (!group) tiers.set(tier, (group = { tier, under: new Map(), all: [] }));
      group.all.push(i);
      for (const prefix of foldersUp(this.scopeFolder[i]).slice(1)) add(group.under, prefix, i);
    }
    index.byKindTier = [...tiers.values()].sort((a, b) => a.tier - b.tier);
    this.rankMemo.set(setting, index);
    return index;
  }

  /** A RankIndex list by the project of each scope's file, each part ascending. */
  private byProject(candidates: number[]): Map<string, number[]> {
    let split = this.byProjectMemo.get(candidates);
    if (split) return split;
    split = new Map();
    for (const i of candidates) {
      const project = this.projectOf(this.scopes[i].file);
      const list = split.get(project);
      if (list) list.push(i);
      else split.set(project, [i]);
    }
    this.byProjectMemo.set(candidates, split);
    return split;
  }

  private includedHit(scope: EnvScope, pick: EnvPicker) {
    for (const inc of scope.includes ?? []) {
      for (const s of this.scopes)
        if (s.file === inc) {
          const hit = pick(s);
          if (hit) return hit;
        }
    }
    return undefined;
  }
}

/** Every name's and symbol's values (one list each), and the lists of them that may lead to a model. */
interface ModelGraph {
  byName: Map<string, Ref[]>;
  bySymbol: Map<SymbolKey, Ref[]>;
  leading: Set<Ref[]>;
}

/** What resolving a ref may read, whichever file reads it: a model finding it holds, the env names and symbols it reads (fallbacks too). */
interface Reads {
  model: boolean;
  names: string[];
  symbols: SymbolKey[];
}

function readsOf(ref: Ref, out: Reads = { model: false, names: [], symbols: [] }): Reads {
  switch (ref.kind) {
    case 'finding':
      out.model ||= ref.finding.kind === 'model';
      break;
    case 'chain':
      readsOf(ref.next, out);
      break;
    case 'all':
      for (const r of ref.refs) readsOf(r, out);
      break;
    case 'symbol':
      out.symbols.push(ref.key);
      if (ref.fallback) readsOf(ref.fallback, out);
      break;
    case 'env':
      out.names.push(...ref.names);
      if (ref.fallback) readsOf(ref.fallback, out);
      break;
    case 'ambient':
      out.names.push(...(ref.names ?? ambientRegionVars[ref.provider]));
      break;
    case 'state':
      break;
  }
  return out;
}

/** The scopes setting a name no scope sets: one list, so that all such names share one RankIndex. */
const noScopes: number[] = [];

/** The root (''), every folder above the folder, and the folder: a folder's first d segments are at [d]. */
function foldersUp(folder: string): string[] {
  const out = [''];
  for (let j = folder.indexOf('/'); j >= 0; j = folder.indexOf('/', j + 1)) out.push(folder.slice(0, j));
  if (folder) out.push(folder);
  return out;
}

/** The union of ascending index lists, ascending (read only: it may be one of them). */
function sortedUnion(lists: Array<number[] | undefined>): number[] {
  const given = lists.filter((list) => list?.length);
  if (given.length <= 1) return given[0] ?? [];
  const all = new Set<number>();
  for (const list of lists) for (const i of list ?? []) all.add(i);
  return [...all].sort((a, b) => a - b);
}

function withHits(candidates: number[] | undefined, scopes: Array<{ scope: EnvScope; file: string }>, pick: EnvPicker): BestEntry[] {
  const out: BestEntry[] = [];
  for (const i of candidates ?? []) {
    const hit = pick(scopes[i]);
    if (hit) out.push({ i, hit });
  }
  return out;
}

function dedupe(locations: SourceLocation[]): SourceLocation[] {
  const out: SourceLocation[] = [];
  for (const l of locations) {
    const last = out[out.length - 1];
    if (last && last.file === l.file && last.range.start === l.range.start && last.range.end === l.range.end) continue;
    out.push(l);
  }
  return out;
}
