// Follows Refs across the files of a workspace: env vars through the env scopes that set them, symbols
// through the files that define them, chains of references, and explicit states. Never guesses a region.
import type { EnvScope, EnvVar, Ref } from './facts';
import { sharedDepth, dirname, basename } from './text';
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

  constructor(
    private readonly scopes: Array<{ scope: EnvScope; file: string }>,
    private readonly symbols: Map<string, Array<{ value: Ref; priority: number; file: string }>>,
  ) {
    for (const s of scopes) this.scopesById.set(s.scope.id, s);
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
    const candidates: Array<{ hit: { v: EnvVar; file: string }; rank: number[] }> = [];
    for (const s of this.scopes) {
      // a function's environment belongs to its own code: without a known code folder it serves nobody else
      if (s.scope.kind === 'function' && s.scope.codeRoot === undefined) continue;
      const hit = pick(s);
      if (!hit) continue;
      const scopeFolder = dirname(s.file);
      const runsHere = (s.scope.codeRoot !== undefined && (folder === s.scope.codeRoot || folder.startsWith(`${s.scope.codeRoot}/`) || s.scope.codeRoot === '')) || (s.scope.files?.includes(ctx.file) ?? false);
      const dotenvAbove = (s.scope.kind === 'dotenv' || s.scope.kind === 'example') && (scopeFolder === folder || folder.startsWith(`${scopeFolder}/`) || scopeFolder === '');
      const tier = runsHere ? 0 : dotenvAbove && s.scope.kind === 'dotenv' ? 1 : scopeTier[s.scope.kind] + 1;
      candidates.push({ hit, rank: [tier, -sharedDepth(scopeFolder, folder), basename(s.file).length] });
    }
    if (!candidates.length) return [];
    candidates.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1]);
    let best = candidates.filter((c) => c.rank[0] === candidates[0].rank[0] && c.rank[1] === candidates[0].rank[1]);
    // a placeholder (`${{ vars.AWS_REGION }}`) does not compete with a real value set elsewhere at the same level
    const real = best.filter((c) => c.hit.v.value.k !== 'state');
    if (real.length && real.length < best.length) best = real;
    // the same value written in several places is one answer
    const seen = new Set<string>();
    return best.map((c) => c.hit).filter((h) => {
      const key = h.v.value.k === 'finding' ? h.v.value.finding.text : `${h.file}:${h.v.at.start}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
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
