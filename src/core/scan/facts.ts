// What detectors tell the workspace resolver besides findings: where models are called (anchors), which
// environment variables are set together (env scopes), and named values other files can define (symbols).
import type { SymbolKey } from './symbols';
import type { Finding, PairState, TextRange } from './types';

/** How a value is obtained: a literal, an env var, a symbol another file defines, or an explicit state. */
export type Ref =
  | { kind: 'finding'; finding: Finding; file?: string }
  | { kind: 'env'; names: string[]; fallback?: Ref; at: TextRange; file?: string; label?: string; scopeOnly?: boolean }
  /** `names`: the variables read, first first (default: data/knowledge.yaml `env.ambientRegion` of the provider). */
  | { kind: 'ambient'; provider: 'aws' | 'gcp'; at: TextRange; file?: string; label?: string; names?: readonly string[] }
  /**
   * `orFallback`: the fallback serves also where the definitions give no value the workspace knows (a parameter's
   * default, where the calls pass only values known at run time).
   */
  | { kind: 'symbol'; key: SymbolKey; fallback?: Ref; at: TextRange; file?: string; label?: string; orFallback?: boolean }
  | { kind: 'state'; state: Exclude<PairState, 'region'>; geo?: string; at?: TextRange; file?: string; note?: string }
  /**
   * A hop on the way to the value; it may route the call: a Bedrock geo-profile prefix written around a model id
   * resolved elsewhere (`f"us.{model_id}"`), or the backend a branch was written for (`if backend == Vertex {…} else {…}`).
   */
  | { kind: 'chain'; at: TextRange; file?: string; label: string; next: Ref; geo?: string; platform?: Platform; record?: RecordItem }
  /** Several possible values (dev and prod tfvars, a region loop): each gives its own pair. */
  | { kind: 'all'; refs: Ref[] };

/**
 * One record of a table a run-time key picks from (`cfg = ROUTES[name]`): a model and a region read from the same
 * record run together, and not with another record's. `table`: the table's offset in the file of the hop.
 */
export interface RecordItem {
  table: number;
  item: number;
}

export type Platform = 'bedrock' | 'vertex' | 'azure-openai' | 'provider-managed' | 'self-hosted' | 'router';

/** A place where models are called: an SDK client, an IaC resource, a LiteLLM entry. */
export interface Anchor {
  at: TextRange;
  label: string;
  platform: Platform;
  models: Ref[];
  /** Where the calls run; undefined for provider-managed and self-hosted anchors without a known cluster. */
  region?: Ref;
  /** Env scope the anchor's env references read first (a LiteLLM config inside a compose service). */
  envScope?: string;
  /** Azure: the SKU of the deployment (GlobalStandard, DataZoneStandard…). */
  sku?: string;
  /**
   * Azure code: deployment names the client uses (or the env var holding one), to be mapped to IaC deployments;
   * `named` is the name read as the model it is named after (`gpt-4o`), which then pairs in the code; `ref`, a name
   * read from elsewhere (another module's setting), followed like a model's value.
   */
  deployments?: Array<{ name: string; at: TextRange; env?: string; named?: Finding; ref?: Ref }>;
  /**
   * Azure code: the client's endpoint, whose host may name the resource's region (a regional endpoint): where its
   * deployments that the workspace does not declare run.
   */
  endpoint?: Ref;
  /** google-genai without vertexai=True: Vertex AI only when GOOGLE_GENAI_USE_VERTEXAI is set, else the Gemini API. */
  vertexSwitch?: boolean;
  /**
   * A call given a model whose prefix says where it runs (`bedrock/…`), the model read elsewhere (an env var): each
   * model it resolves to runs on its prefix's platform (`provider`: the provider named apart, read as the prefix), in
   * the anchor's region, else where the call reads one from the environment on that platform.
   */
  routed?: { provider?: string; environment: { bedrock: Ref; vertex: Ref } };
  /**
   * A call on a client another module makes (symbolKey.clientKind): the platform that module made it for decides over
   * the one the model's name suggests; an Azure OpenAI client's model names a deployment.
   */
  madeBy?: Ref;
  /** No calls unless `madeBy` finds the client made in the workspace (a function another module may make as one). */
  onlyIfMade?: boolean;
  /**
   * Pairs only the models no other anchor pairs: a Lambda's env var read where the function runs, unless its code
   * calls the model on a client of its own (whose region decides).
   */
  unlessCalled?: boolean;
}

export interface EnvVar {
  name: string;
  value: Ref;
  at: TextRange;
  /** The value as written, for names that are neither regions nor models (Azure deployment names). */
  text?: string;
}

export type EnvScopeKind = 'dotenv' | 'example' | 'compose' | 'k8s' | 'function' | 'ci' | 'make' | 'shell' | 'docker' | 'config';

/** Env vars set together for one process: a .env file, a compose service, a container, a Lambda, a CI job. */
export interface EnvScope {
  id: string;
  kind: EnvScopeKind;
  vars: EnvVar[];
  /** Variables set to plain literals, held compactly (by Terraform, and where results are packed); not in `vars`. */
  literals?: PlainLiterals;
  /** Folder whose code runs with this environment (Lambda CodeUri, compose build context), when known. */
  codeRoot?: string;
  /** Env files loaded into this scope (compose env_file). */
  includes?: string[];
  /** Files mounted or copied into this process (a LiteLLM config in a compose volume). */
  files?: string[];
  /** The deployment environments a CI job deploys (`prod`): it does not serve configuration named for another one. */
  environments?: string[];
}

/** Azure OpenAI deployment declared in IaC: code refers to it by name. */
export interface AzureDeployment {
  name: string;
  model: Ref;
  region: Ref;
  sku?: string;
  at: TextRange;
}

export interface FileFacts {
  anchors: Anchor[];
  scopes: EnvScope[];
  /**
   * Values other files may refer to by key (symbols.ts: a stack parameter, a stack's region…). `unless`: a file whose
   * presence in the workspace voids the definition (a guess about what a reusable workflow outside it deploys).
   */
  symbols: Array<{ key: SymbolKey; value: Ref; priority: number; unless?: string }>;
  azureDeployments: AzureDeployment[];
}

export const emptyFacts = (): FileFacts => ({ anchors: [], scopes: [], symbols: [], azureDeployments: [] });

/**
 * Variables whose value is only the text they are written as: an unresolved state noting their text (their name when
 * they have none), such as LOG_LEVEL=info or a Lambda's TABLE_NAME. Most variables of a workspace are such (tens of
 * thousands of Lambda and Kubernetes ones), and only a lookup of their name reads them: they are held as names and
 * offsets, which cost a fraction of EnvVars to keep, pack and index, and are made into EnvVars when read (literalVar).
 */
export interface PlainLiterals {
  names: string[];
  /** Per variable, four offsets: where it is written (start, end), then where its value is (start, end). */
  offsets: number[];
  texts: Array<string | undefined>;
}

/** A scope's variables as a detector gathers them: plain literals (see PlainLiterals) apart from the rest. */
export interface ScopeVars {
  vars: EnvVar[];
  literals: PlainLiterals;
}

/**
 * Adds a plain literal: the variable `name` written at `at`, its value at `valueAt` (an unresolved state noting
 * `text`, else the name).
 */
export function addLiteral(literals: PlainLiterals, name: string, at: TextRange, valueAt: TextRange, text?: string): void {
  literals.names.push(name);
  literals.offsets.push(at.start, at.end, valueAt.start, valueAt.end);
  literals.texts.push(text);
}

/** Whether a variable's value is its written text alone (see PlainLiterals): every field of a state Ref is checked. */
function isPlainLiteral(v: EnvVar): boolean {
  const value = v.value;
  return (
    value.kind === 'state' &&
    value.state === 'unresolved' &&
    value.geo === undefined &&
    value.at !== undefined &&
    value.note === (v.text ?? v.name) &&
    value.file === undefined
  );
}

/**
 * A file's facts with the plain literals of its env scopes held compactly (see PlainLiterals): the scopes that have
 * any are copies, the rest is shared. A name stays in `vars` when any of its variables in the scope is not a plain
 * literal (a lookup takes a scope's first one of a name), and so does a variable several scopes share (a workflow's
 * env in every job: lookups tell them apart by identity).
 */
export function compactLiterals(facts: FileFacts): FileFacts {
  const { scopes } = facts;
  if (!scopes.length) return facts;
  let shared: Set<EnvVar> | undefined;
  if (scopes.length > 1) {
    const seen = new Set<EnvVar>();
    for (const scope of scopes) for (const v of scope.vars) if (seen.size === seen.add(v).size) (shared ??= new Set()).add(v);
  }
  const plain = (v: EnvVar) => !shared?.has(v) && isPlainLiteral(v);
  const compact = (scope: EnvScope): EnvScope => {
    if (scope.literals) return scope;
    /** Names of the scope's variables that are no plain literals. */
    let full: string[] | undefined;
    for (const v of scope.vars) if (!plain(v)) (full ??= []).push(v.name);
    if (full?.length === scope.vars.length) return scope;
    const literals: PlainLiterals = { names: [], offsets: [], texts: [] };
    const vars: EnvVar[] = [];
    for (const v of scope.vars) {
      if (full?.includes(v.name)) {
        vars.push(v);
        continue;
      }
      addLiteral(literals, v.name, v.at, (v.value as { at: TextRange }).at, v.text);
    }
    return literals.names.length ? { ...scope, vars, literals } : scope;
  };
  return { ...facts, scopes: scopes.map(compact) };
}

/** The `j`th plain literal as an EnvVar (a new one each time: callers keep the one they made). */
export function literalVar(literals: PlainLiterals, j: number): EnvVar {
  const { names, offsets, texts } = literals;
  const name = names[j];
  const text = texts[j];
  const o = 4 * j;
  const value: Ref = { kind: 'state', state: 'unresolved', at: { start: offsets[o + 2], end: offsets[o + 3] }, note: text ?? name };
  const v: EnvVar = { name, value, at: { start: offsets[o], end: offsets[o + 1] } };
  if (text !== undefined) v.text = text;
  return v;
}
