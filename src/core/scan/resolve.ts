// Follows Refs across the files of a workspace: env vars through the env scopes that set them, symbols
// through the files that define them, chains of references, and explicit states. Never guesses a region.
import type { EnvScope, EnvVar, Ref } from './facts';
import { sharedDepth, dirname } from './text';
import type { Finding, PairState, SourceLocation } from './types';

export interface Outcome {
  finding?: { file: string; finding: Finding };
  state?: Exclude<PairState, 'region'>;
  geo?: string;
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

const scopeTier: Record<EnvScope['kind'], number> = { dotenv: 1, compose: 2, k8s: 2, function: 2, docker: 2, config: 2, ci: 3, make: 3, shell: 3, example: 4 };

export class Resolver {
  private readonly scopesById = new Map<string, { scope: EnvScope; file: string }>();
  /**
   * Env var name → indices (ascending) of the scopes that set it and may serve other files: a lookup visits only
   * those scopes (a workspace can have thousands of Lambda scopes, each setting AWS_REGION).
   */
  private readonly scopesByName = new Map<string, number[]>();
  /** Per scope: its folder and `codeRoot/`, for ranking. */
  private readonly scopeFolder: string[] = [];
  private readonly codeRootSlash: string[] = [];
  private readonly lookupMemo = new Map<string, Array<{ v: EnvVar; file: string }>>();

  constructor(
    private readonly scopes: Array<{ scope: EnvScope; file: string }>,
    private readonly symbols: Map<string, Array<{ value: Ref; priority: number; file: string }>>,
  ) {
    scopes.forEach((s, i) => {
      this.scopesById.set(s.scope.id, s);
      this.scopeFolder.push(dirname(s.file));
      this.codeRootSlash.push(`${s.scope.codeRoot}/`);
      // a function's environment belongs to its own code: without a known code folder it serves nobody else
      if (s.scope.kind === 'function' && s.scope.codeRoot === undefined) return;
      for (const v of s.scope.vars) {
        const list = this.scopesByName.get(v.name);
        if (!list) this.scopesByName.set(v.name, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    });
  }

  /** Indices of the scopes that set any of `names`, in scope order. */
  private scopesSetting(names: readonly string[]): number[] {
    if (names.length === 1) return this.scopesByName.get(names[0]) ?? [];
    const all = new Set<number>();
    for (const name of names) for (const i of this.scopesByName.get(name) ?? []) all.add(i);
    return [...all].sort((a, b) => a - b);
  }

  resolve(ref: Ref, file: string, ctx: ResolveContext, depth = 0): Outcome[] {
    if (depth > 16) return [{ state: 'unresolved', note: 'reference chain too long', evidence: [] }];
    switch (ref.k) {
      case 'finding': {
        const f = ref.file ?? file;
        return [{ finding: { file: f, finding: ref.finding }, evidence: [{ file: f, range: ref.finding.range }] }];
      }
      case 'state':
        return [{ state: ref.state, geo: ref.geo, note: ref.note, evidence: ref.at ? [{ file: ref.file ?? file, range: ref.at }] : [] }];
      case 'chain': {
        const f = ref.file ?? file;
        const hop = { file: f, range: ref.at };
        return this.resolve(ref.next, f, ctx, depth + 1).map((o) => ({ ...o, evidence: dedupe([hop, ...o.evidence]) }));
      }
      case 'all':
        return ref.refs.flatMap((r) => this.resolve(r, file, ctx, depth + 1));
      case 'symbol': {
        const f = ref.file ?? file;
        const hop = { file: f, range: ref.at };
        const defs = this.symbols.get(ref.key) ?? [];
        if (defs.length) {
          const top = Math.max(...defs.map((d) => d.priority));
          return defs.filter((d) => d.priority === top).flatMap((d) => this.resolve(d.value, d.file, ctx, depth + 1)).map((o) => ({ ...o, evidence: dedupe([hop, ...o.evidence]) }));
        }
        if (ref.fallback) return this.resolve(ref.fallback, f, ctx, depth + 1).map((o) => ({ ...o, evidence: dedupe([hop, ...o.evidence]) }));
        return [{ state: 'unresolved', note: `${ref.label ?? ref.key} is set outside the workspace`, evidence: [hop] }];
      }
      case 'env': {
        const f = ref.file ?? file;
        const hop = { file: f, range: ref.at };
        const found = this.lookupEnv(ref.names, { ...ctx, file: ctx.file || f }, ref.scopeOnly);
        if (found.length) {
          return found.flatMap(({ v, file: defFile }) => this.resolve(v.value, defFile, { ...ctx, skip: new Set([...(ctx.skip ?? []), v]) }, depth + 1).map((o) => ({ ...o, evidence: dedupe([hop, { file: defFile, range: v.at }, ...o.evidence]) })));
        }
        if (ref.fallback) return this.resolve(ref.fallback, f, ctx, depth + 1).map((o) => ({ ...o, note: o.note ?? `default of ${ref.names[0]}, may be overridden`, evidence: dedupe([hop, ...o.evidence]) }));
        return [{ state: 'unresolved', note: `${ref.names[0]} is not set in the workspace`, evidence: [hop] }];
      }
      case 'ambient': {
        const f = ref.file ?? file;
        const hop = { file: f, range: ref.at };
        const names = ref.provider === 'aws' ? ['AWS_REGION', 'AWS_DEFAULT_REGION'] : ['GOOGLE_CLOUD_LOCATION', 'GOOGLE_CLOUD_REGION', 'CLOUD_ML_REGION', 'VERTEX_LOCATION', 'VERTEXAI_LOCATION', 'VERTEX_AI_LOCATION', 'VERTEX_REGION'];
        const found = this.lookupEnv(names, { ...ctx, file: ctx.file || f });
        if (found.length) {
          return found.flatMap(({ v, file: defFile }) => this.resolve(v.value, defFile, { ...ctx, skip: new Set([...(ctx.skip ?? []), v]) }, depth + 1).map((o) => ({ ...o, evidence: dedupe([hop, { file: defFile, range: v.at }, ...o.evidence]) })));
        }
        const note = ref.provider === 'aws' ? 'region comes from the environment (AWS_REGION or the profile), not set in the workspace' : 'location not set: the Vertex AI SDK default is us-central1';
        return [{ state: 'unresolved', note, evidence: [hop] }];
      }
    }
  }

  /** Env var definitions for the first name any scope sets, best scope first; ties at the same tier and distance all count. */
  lookupEnv(names: readonly string[], ctx: ResolveContext, scopeOnly = false): Array<{ v: EnvVar; file: string }> {
    const folder = dirname(ctx.file);
    const pick = (s: { scope: EnvScope; file: string }) => {
      for (const name of names) {
        // an empty value (`BEDROCK_REGION=` in a template .env) is not a setting
        const v = s.scope.vars.find((x) => x.name === name && !ctx.skip?.has(x) && x.text !== '');
        if (v) return { v, file: s.file };
      }
      return undefined;
    };
    if (ctx.scope) {
      const s = this.scopesById.get(ctx.scope);
      if (s) {
        const hit = pick(s) ?? this.includedHit(s.scope, pick);
        if (hit) return [hit];
      }
    }
    if (scopeOnly) return [];
    // The workspace-wide part depends only on the names and the reading file (and skip): memoised when skip is empty.
    const memoKey = ctx.skip?.size ? undefined : `${ctx.file}\0${names.join('\0')}`;
    const memo = memoKey === undefined ? undefined : this.lookupMemo.get(memoKey);
    if (memo) return memo.slice();
    // One pass keeping the best (tier, shared depth) seen so far, ties in scope order: the same answer as sorting
    // every candidate by rank and keeping those equal to the first.
    let bestTier = Infinity;
    let bestDepth = -Infinity;
    let best: Array<{ v: EnvVar; file: string }> = [];
    for (const i of this.scopesSetting(names)) {
      const s = this.scopes[i];
      const scopeFolder = this.scopeFolder[i];
      const codeRoot = s.scope.codeRoot;
      const runsHere = (codeRoot !== undefined && (folder === codeRoot || folder.startsWith(this.codeRootSlash[i]) || codeRoot === '')) || (s.scope.files?.includes(ctx.file) ?? false);
      const dotenvAbove = (s.scope.kind === 'dotenv' || s.scope.kind === 'example') && (scopeFolder === folder || folder.startsWith(`${scopeFolder}/`) || scopeFolder === '');
      const tier = runsHere ? 0 : dotenvAbove && s.scope.kind === 'dotenv' ? 1 : scopeTier[s.scope.kind] + 1;
      if (tier > bestTier) continue;
      const hit = pick(s);
      if (!hit) continue;
      const depth = sharedDepth(scopeFolder, folder);
      if (tier < bestTier || depth > bestDepth) {
        bestTier = tier;
        bestDepth = depth;
        best = [hit];
      } else if (depth === bestDepth) best.push(hit);
    }
    // a placeholder (`${{ vars.AWS_REGION }}`) does not compete with a real value set elsewhere at the same level
    const real = best.filter((h) => h.v.value.k !== 'state');
    if (real.length && real.length < best.length) best = real;
    // the same value written in several places is one answer
    const seen = new Set<string>();
    const found = best.filter((h) => {
      const key = h.v.value.k === 'finding' ? h.v.value.finding.text : `${h.file}:${h.v.at.start}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (memoKey !== undefined) this.lookupMemo.set(memoKey, found);
    return found.slice();
  }

  private includedHit(scope: EnvScope, pick: (s: { scope: EnvScope; file: string }) => { v: EnvVar; file: string } | undefined) {
    for (const inc of scope.includes ?? []) {
      for (const s of this.scopes) if (s.file === inc) {
        const hit = pick(s);
        if (hit) return hit;
      }
    }
    return undefined;
  }
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
