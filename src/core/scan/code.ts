// Python, TypeScript/JavaScript, Go and Java: SDK clients and the calls that name models, read over the
// lexer's tokens so that a region in a comment or a docstring stays a mention. Clients: AWS SDK (boto3, v3,
// Go v2, Java v2), Vertex AI and google-genai, Azure OpenAI, Anthropic on Bedrock/Vertex, LangChain and
// LangChain4j, LiteLLM, first-party OpenAI/Anthropic/Mistral, Hugging Face, Ollama, Vercel AI SDK, CDK. The client and
// call tables are data: data/knowledge.yaml.
import { mayBeStrictModel, type Collector } from './base';
import { envValue, shellCommands } from './env';
import {
  argOf,
  CodeReader,
  envWrappers,
  goEnvWrappers,
  jsImportBindings,
  jsWorkspaceImports,
  positional,
  strOf,
  type Assignment,
  type Call,
  type CallInterest,
  keyWordTable,
  nameTable,
  type Entry,
  type Lang,
  type Val,
} from './codeParse';
import { Evaluator, type Goal, type Reading, type Want } from './evaluate';
import type { Anchor, EnvScope, EnvVar, Platform, Ref } from './facts';
import { alternation, bedrockGeoAlternation, knowledge } from '../data/knowledge';
import type { ClientClass, ModelCall, RoutedModelCall } from '../data/knowledgeSchema';
import { lexCFamily } from './lexer-c-family';
import { lexPython } from './lexer-python';
import { platformOfModelText } from '../data/platform';
import { resolveModelConstant } from '../data/resolve';
import type { DatasetIndex } from '../data/dataset';
import { escape } from './expressionWords';
import {
  bedrockOpenAiHost,
  endpointRegion,
  isAzureDeploymentKey,
  isModelKey,
  isNonInferenceName,
  isRegionKey,
  modelKeyWords,
  modelShape,
  regionKeyWords,
  regionShapeProvider,
  regionVarsAfter,
  selfHostedUrl,
  selfHostedUrlName,
  serviceHint,
} from './patterns';
import { symbolKey, type SymbolKey } from './symbols';
import { dirname, joinPath } from './text';
import type { LexResult, Token } from './token';
import type { Finding, Role, TextRange } from './types';

/** A code value's goal; `named`: the argument certainly names a model (a self-hosted model, an AI SDK model id), so bare names count there (ModelOptions.named). */
/**
 * The fields a Python class body at [start, end) declares with a type and no value (`gcp_location: str`), at the
 * body's own indent (not a method's lines).
 */
function declaredOnly(text: string, start: number, end: number): Array<{ name: string; start: number }> {
  const body = text.slice(start, end);
  const lines = [...body.matchAll(/^([ \t]+)(\S[^\n]*)$/gm)].filter((m) => !m[2].startsWith('#'));
  const indent = Math.min(...lines.map((m) => m[1].length));
  const out: Array<{ name: string; start: number }> = [];
  for (const m of lines) {
    const field = /^([A-Za-z_]\w*)[ \t]*:[^=\n]*$/.exec(m[2]);
    if (field && m[1].length === indent && !/^(?:def|class|if|else|for|while|try|with)$/.test(field[1]))
      out.push({ name: field[1], start: start + (m.index ?? 0) + m[1].length });
  }
  return out;
}

/** The Java google-genai SDK's client, which a file builds (`Client.builder()…build()`) where it imports it. */
const javaGenaiClient = /\bcom\.google\.genai\.(?:Client\b|\*)/;

/** Keywords a Bedrock framework client takes a boto3 client or session by, whose region it then calls in. */
const builtClientKeywords = ['client', 'bedrock_client', 'boto_session', 'boto3_session', 'session'];

interface CodeGoal extends Goal {
  named?: boolean;
}

/**
 * A region the SDK reads from the environment where code passes none, labelled with the variable it reads (by
 * default the first of data/knowledge.yaml `env.ambientRegion`) and why none was passed.
 */
export function ambient(
  provider: 'aws' | 'gcp',
  at: TextRange,
  why?: string,
  variable = knowledge.env.ambientRegion[provider][0],
): Extract<Ref, { kind: 'ambient' }> {
  return { kind: 'ambient', provider, at: { start: at.start, end: at.end }, label: why ? `${variable} (${why})` : variable };
}

/** A region read from the tool's own `variable` first (regionVarsAfter), then where the cloud's SDKs read it. */
function ambientFrom(provider: 'aws' | 'gcp', at: TextRange, variable: string | undefined): Ref {
  const ref = ambient(provider, at, undefined, variable);
  return variable ? { ...ref, names: regionVarsAfter(provider, variable) } : ref;
}

/**
 * The values a request's arguments pass for its body's `model`: an object's entry (a body, `json=`, `data=` at any
 * depth), through `JSON.stringify(…)` / `json.dumps(…)` and the names this file assigns such objects.
 */
function requestModels(val: Val, assignments: ReadonlyMap<string, Val>, depth = 0): Val[] {
  if (depth > 4) return [];
  switch (val.kind) {
    case 'obj':
      return val.entries.flatMap((e) => (e.key === 'model' ? [e.val] : requestModels(e.val, assignments, depth + 1)));
    case 'name': {
      const held = assignments.get(val.name);
      return held ? requestModels(held, assignments, depth + 1) : [];
    }
    case 'call': {
      const encoded = val.call.name === 'stringify' || val.call.name === 'dumps' ? val.call : val.call.prev;
      const body = encoded && (encoded.name === 'stringify' || encoded.name === 'dumps') ? positional(encoded, 0) : undefined;
      return body ? requestModels(body, assignments, depth + 1) : [];
    }
    default:
      return [];
  }
}

/**
 * The values of a table a file makes (an object or dict literal, Java's `Map.of(k, v, …)`, a list), when they are
 * strings: what a read by a key or index known only at run time may be. Undefined for anything else, or a table too
 * large to be one of models.
 */
function tableEntries(val: Val): Val[] | undefined {
  const values =
    val.kind === 'obj'
      ? val.entries.map((e) => e.val)
      : val.kind === 'list'
        ? val.items
        : val.kind === 'call' && val.call.name === 'of' && /(?:^|\.)(?:Immutable)?Map$/.test(val.call.receiver)
          ? val.call.args.filter((_, i) => i % 2 === 1).map((a) => a.val)
          : [];
  return values.length && values.length <= 32 && values.every((v) => v.kind === 'str') ? values : undefined;
}

/** The value an object literal holds at a dotted path: an entry keyed by the whole path, else by its first name, then on. */
function fieldOf(obj: Val, path: string): Val | undefined {
  let node: Val | undefined = obj;
  let rest = path;
  while (node?.kind === 'obj') {
    const whole = node.entries.find((e) => e.key === rest);
    if (whole) return whole.val;
    const next = rest.indexOf('.');
    if (next < 0) return undefined;
    const key = rest.slice(0, next);
    node = node.entries.find((e) => e.key === key)?.val;
    rest = rest.slice(next + 1);
  }
  return undefined;
}

/** The literal a reference written in this file comes to (through local names), if any. */
function localFinding(ref: Ref): Finding | undefined {
  if (ref.kind === 'finding') return ref.finding;
  if (ref.kind === 'chain') return localFinding(ref.next);
  return undefined;
}

/** A JS or Python module's path as imports name it: without its extension, an index file or a package's `__init__` by its folder. */
function moduleOf(file: string): string {
  return file.replace(/\.[cm]?[jt]sx?$|\.py$/, '').replace(/(?:^|\/)(?:index|__init__)$/, '');
}

/** The name a value is read from, which may say what it is (`settings.gcp_location`, `os.getenv("AWS_REGION")`). */
function hintOf(val: Val): string | undefined {
  switch (val.kind) {
    case 'name':
      return val.name.slice(val.name.lastIndexOf('.') + 1);
    case 'env':
      return val.indirect ? undefined : val.name;
    // (the last option: its last token is what the parser's interest reads, CallInterest)
    case 'or':
      return val.options.length ? hintOf(val.options[val.options.length - 1]) : undefined;
    default:
      return undefined;
  }
}

/**
 * What a string literal is by its shape alone: a region (of a cloud's spelling, or a listed code) or a strict model id.
 * Cheap tests first (the parser asks about every string passed as an argument): neither has a space in it.
 */
function literalShape(c: Collector, text: string): Want | undefined {
  if (text.length < 4 || text.length > 100 || text.includes(' ')) return undefined;
  if (regionCodesOf(c.index).has(text) || (text.includes('-') && regionShapeProvider(text) !== undefined)) return 'region';
  return mayBeStrictModel(text) && modelShape(text) === 'strict' ? 'model' : undefined;
}

const regionCodes = new WeakMap<DatasetIndex, ReadonlySet<string>>();

/** The region codes of the catalogue. */
function regionCodesOf(index: DatasetIndex): ReadonlySet<string> {
  let codes = regionCodes.get(index);
  if (!codes) regionCodes.set(index, (codes = new Set(index.data.regions.map((r) => r.code))));
  return codes;
}

/** A Go context argument (`ctx`, `context.Background()`), which precedes the model in Go SDK calls. */
const isGoContext = (val: Val | undefined): boolean =>
  (val?.kind === 'name' && /^(ctx|c|context)$/i.test(val.name)) || (val?.kind === 'call' && val.call.receiver === 'context');

/** AI SDK provider methods whose first argument is a model id. */
const aiSdkMethods = new Set(knowledge.aiSdk.modelMethods);
/** AI SDK provider exports (`bedrock`, `openai`…). */
const aiSdkProviders = new Set(knowledge.aiSdk.providers);
/** Vertex AI model classes whose from_pretrained() names a Vertex AI model. */
const vertexPretrainedClasses = new Set(knowledge.vertexPretrainedClasses);
/** LiteLLM's SDK functions that call a model. */
const litellmFunctions = new Set(knowledge.litellm.functions);
/** CDK constructs and factories that name a Bedrock model. */
const cdkBedrock = new Set(knowledge.cdkBedrock);
/** CDK constructs that host a model on SageMaker. */
const cdkSageMaker = new Set(knowledge.cdkSageMaker);
/** The CDK calls that name a model: cdkBedrock and cdkSageMaker. */
const cdkModelCalls = new Set([...cdkBedrock, ...cdkSageMaker]);

/** A branch condition that tests for google-genai's Vertex AI backend (its switch variable, `use_vertex`, the Go backend). */
const vertexBranch = new RegExp(`BackendVertexAI|${alternation(knowledge.env.genaiVertexSwitch)}|\\bvertexai\\b|\\buse_?vertex`, 'i');

/** `f"bedrock/us.{model_id}"`, `` `eu.${config.modelId}` ``: a Bedrock geo profile (group 1) around an interpolation (group 2). */
const geoProfiledTemplate = new RegExp(`^(?:[a-z_]+\\/)?(${bedrockGeoAlternation})\\.(?:\\$\\{|\\{)([^{}]+)\\}$`);

const bedrockServices = new Set(knowledge.bedrockServices);

/** A CDK module's name anywhere in a file (one pass over the text, where an includes() per module made one each). */
const cdkImport = new RegExp(alternation(knowledge.cdkModules));

/**
 * A test of a file's text for the import of a module: its dotted name as a word after `import`, `from` or `require(`
 * (`from crewai.llm import LLM`, `import { genkit } from 'genkit'`, `from './genkit'`), not the name anywhere: Genkit's
 * app is made by a function named as its package.
 */
const importOf = (module: string): RegExp =>
  // a Go module's path (github.com/…) is imported as a quoted path, in an import block too
  /^[\w-]+(?:\.[\w-]+)+\//.test(module)
    ? new RegExp(`"${module.replace(/\./g, '\\.')}(?:/[\\w.-]+)*"`)
    : new RegExp(`(?:\\bimport\\s+|\\bfrom\\s+|\\brequire\\(\\s*)['"]?@?(?:[\\w@.-]*/)*${module.replace(/\./g, '\\.')}\\b`);

/** Tests for the import of the Gemini API's own SDKs (knowledge geminiApiModules). */
const geminiApiImports = knowledge.geminiApiModules.map(importOf);

/** Python agent classes given their model, each with a test for the import of its framework's module. */
const agents = knowledge.agents.map((agent) => ({ ...agent, imported: importOf(agent.module) }));
const agentNames = new Set(knowledge.agents.flatMap((agent) => agent.names));
/** A Python class statement where classStatements finds `class` (sticky). */
const classStatement = /class[ \t]+(\w+)[ \t]*(?:\(([^)]*)\))?[ \t]*:/y;

/**
 * The Python class statements that start a line, as `/^class…:/gm` finds them: the expression tried only where a line
 * starts with `class` (tried at every character, it was most of settingsClasses' time).
 */
function classStatements(text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  for (let at = text.indexOf('class'); at >= 0; at = text.indexOf('class', at + 1)) {
    const before = at === 0 ? 10 : text.charCodeAt(at - 1);
    // (a line starts after \n, \r, U+2028 or U+2029, as for `^` with the m flag)
    if (before !== 10 && before !== 13 && before !== 0x2028 && before !== 0x2029) continue;
    classStatement.lastIndex = at;
    const m = classStatement.exec(text);
    if (!m) continue;
    found.push(m);
    at += m[0].length - 1;
  }
  return found;
}

/** Calls that start a process with its own environment (serverProcess): a set look-up, as client() asks it of every call. */
const stdioServerClasses = new Set(['StdioServerParameters', 'StdioClientTransport']);
const subprocessStarts = new Set(['run', 'Popen', 'call', 'check_call', 'check_output']);
/** The words every region or model key holds (isRegionKey, isModelKey), in some case. */
const settingKeyWordList = [...regionKeyWords, ...modelKeyWords].map((word) => word.toLowerCase());
const settingKeyWords = keyWordTable(settingKeyWordList);
/** The AI SDK's provider factories (a provider a file makes itself). */
/** A JS file that imports the AI SDK's core or Mastra (where a provider made elsewhere is called with a model id). */
const aiSdkUser = /(?:from\s*|require\(\s*)['"](?:ai|@mastra\/[\w-]+)['"]/;
const aiSdkFactory = /^create(AmazonBedrock|Vertex|Azure|OpenAI|Anthropic|GoogleGenerativeAI|Mistral)/;

/** A client as the catalogue describes it (knowledgeSchema.ts), or one the detector makes up (a google-genai client, an AI SDK provider). */
export type ClientSpec = Omit<ClientClass, 'names' | 'docs' | 'platform' | 'module'> & { platform: Platform };

/**
 * Constructors and factories that are clients (and sometimes name the model themselves), by name: data/knowledge.yaml
 * `clients`. A name's entries read only where their module is imported come first (clientMadeBy), each with its test.
 */
const clientSpecs: ReadonlyMap<string, ReadonlyArray<ClientSpec & { imported?: RegExp }>> = (() => {
  const byName = new Map<string, Array<ClientSpec & { imported?: RegExp }>>();
  for (const { names, docs: _docs, module, ...spec } of knowledge.clients) {
    const entry = module ? { ...spec, imported: importOf(module) } : spec;
    for (const name of names) byName.set(name, [...(byName.get(name) ?? []), entry]);
  }
  // (a stable sort: the gated entries keep their order)
  for (const list of byName.values()) list.sort((a, b) => Number(!a.imported) - Number(!b.imported));
  return byName;
})();

/**
 * Clients that model calls are made on by the client's own name (`vertexAI.model('…')` on Genkit's plugin): the client
 * names that model calls' `receiverEndsWith` give.
 */
const pluginClients: ReadonlySet<string> = new Set(
  knowledge.modelCalls.flatMap((c) => c.receiverEndsWith ?? []).filter((receiver) => clientSpecs.has(receiver)),
);

/**
 * SDK model constants (data/knowledge.yaml `modelConstants`), each with the test that a file imports its package:
 * quoted as npm and Go write it, or after Java's and Kotlin's `import` (`import static` too).
 */
const modelConstantSpecs = knowledge.modelConstants.map((spec) => ({
  ...spec,
  imported: new RegExp(`['"]${escape(spec.module)}(?:/[^'"]*)?['"]|\\bimport\\s+(?:static\\s+)?${escape(spec.module)}\\.`),
}));
type ModelConstantSpec = (typeof modelConstantSpecs)[number];

/** A routed model call as the catalogue describes it (knowledgeSchema.ts), its module compiled to a test of a file's text. */
type RoutedCallSpec = Omit<RoutedModelCall, 'names' | 'docs' | 'module' | 'litellm'> & { imported?: RegExp };

/** How a call through LiteLLM reads its region: LiteLLM's keywords, then its variables. */
const throughLiteLlm = {
  region: knowledge.litellm.regionKeywords,
  vertexLocationEnv: knowledge.litellm.vertexLocationEnv,
  awsRegionEnv: knowledge.litellm.awsRegionEnv,
};

/** Calls given a model whose prefix says where it runs, by name: data/knowledge.yaml `routedModelCalls`. */
const routedCalls: ReadonlyMap<string, RoutedCallSpec> = new Map(
  knowledge.routedModelCalls.flatMap(({ names, docs: _docs, module, litellm, ...spec }) => {
    const entry: RoutedCallSpec = {
      ...spec,
      ...(litellm && throughLiteLlm),
      ...(module && { imported: importOf(module) }),
    };
    return names.map((name) => [name, entry] as const);
  }),
);

/** The app plugin (pluginClients) on Vertex AI: Genkit's vertexAI, which the app makes with its location. */
export const vertexPlugin: string | undefined = [...pluginClients].find((name) => clientSpecs.get(name)?.[0]?.platform === 'vertex');

/** Where an app's plugin made in another module runs (its pluginRegion symbol), else where `fallback` says. */
export function pluginRegionRef(plugin: string, at: TextRange, fallback: Ref | undefined): Ref {
  return {
    kind: 'symbol',
    key: symbolKey.pluginRegion(plugin),
    at,
    label: `the ${plugin} plugin made elsewhere`,
    ...(fallback && { fallback }),
  };
}

/** A routed call that runs on a plugin made in its own arguments (not on a receiver): the spec, if the call is one. */
function appWithPlugins(call: Call): RoutedCallSpec | undefined {
  const routed = call.receiver ? undefined : routedCalls.get(call.name);
  return routed?.onClient ? routed : undefined;
}

/** A model call as the catalogue describes it (knowledgeSchema.ts), its receiver endings compiled to one expression. */
type ModelCallSpec = Omit<ModelCall, 'names' | 'docs' | 'receiverEndsWith'> & { receiver?: RegExp };

/**
 * Calls that name the model for the client they are called on, by name: data/knowledge.yaml `modelCalls`. LiteLLM's
 * completion(), acompletion() and embedding() are read by CodeAnalysis.special instead.
 */
const modelCalls: ReadonlyMap<string, ModelCallSpec> = new Map(
  knowledge.modelCalls.flatMap(({ receiverEndsWith, ...call }) => {
    const spec: ModelCallSpec = receiverEndsWith ? { ...call, receiver: new RegExp(`(?:${alternation(receiverEndsWith)})$`, 'i') } : call;
    return call.names.map((name) => [name, spec] as const);
  }),
);

/**
 * What this detector reads besides the client and call tables above, region and model keys and literals: the
 * google-genai clients, ADK and Strands agents, pydantic settings (an env scope), CDK stacks, AI SDK providers a file
 * imports, LiteLLM calls and Bedrock / Vertex AI endpoints. A file with none of these words nor anything else the prefilter looks for yields
 * nothing here.
 */
export const codeMarkers: readonly string[] = [
  'genai',
  ...knowledge.agents.map((agent) => agent.module),
  'BaseSettings',
  ...knowledge.cdkModules,
  ...knowledge.aiSdk.providerPackages,
  'litellm',
  'bedrock',
  'aiplatform',
  'NewFromConfig',
  ...knowledge.providerApiHosts,
];

/** A Python process setting an env var of its own to a string: `os.environ["NAME"] = "…"`, `os.environ.setdefault("NAME", "…")`. */
const pythonEnvWrite =
  /\bos\.environ(?:\s*\[\s*["']([A-Za-z_]\w*)["']\s*\]\s*=|\.setdefault\(\s*["']([A-Za-z_]\w*)["']\s*,)\s*("[^"\n]*"|'[^'\n]*')/g;
/** A JS process setting an env var of its own to a string: `process.env.NAME = '…'` (or `??=`, `||=`, `process.env['NAME']`). */
const jsEnvWrite =
  /\bprocess\.env(?:\.([A-Za-z_]\w*)|\[\s*["']([A-Za-z_]\w*)["']\s*\])\s*(?:\?\?|\|\|)?=\s*("[^"\n]*"|'[^'\n]*'|`[^`$\n]*`)/g;

/** The host of an Azure OpenAI (or AI Foundry) resource's endpoint. */
const azureEndpointHost =
  /\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com|api\.cognitive\.microsoft\.com)\b/i;

/** A URL on a provider's own REST API (knowledge providerApiHosts). */
const providerApiUrl = new RegExp(`^https?://(?:${alternation(knowledge.providerApiHosts)})(?=[:/]|$)`);

/**
 * The names of the calls the passes over calls read by name (client, special, modelCall, the look-ups of other calls),
 * besides aiSdkFactory's and a JS file's AI SDK providers: the passes see only calls by these names (CodeAnalysis.named),
 * so a name missing here is one the detector never reads, whether the call was parsed or skipped (readCalls).
 */
const namedCalls: ReadonlySet<string> = new Set([
  ...clientSpecs.keys(),
  ...modelCalls.keys(),
  ...litellmFunctions,
  ...routedCalls.keys(),
  ...aiSdkProviders,
  ...aiSdkMethods,
  ...agentNames,
  ...stdioServerClasses,
  ...subprocessStarts,
  // boto3, vertexai.init, google-genai, AWS SDK for Go and Rust, builder chains (normalise)
  'client',
  'resource',
  'init',
  'Client',
  'GoogleGenAI',
  'NewClient',
  'NewFromConfig',
  'new',
  'from_conf',
  'build',
  'create',
  // looked up: config.WithRegion, a Rust config loader's region, the send() around a command
  'WithRegion',
  'region',
  'send',
]);

/** The character every AI SDK factory's name begins with (aiSdkFactory's first after `^`). */
const factoryInitial = aiSdkFactory.source.charCodeAt(1);
/** namedCalls, and any name that begins as a factory's does, as nameTable makes them. */
const namedTable = nameTable(namedCalls);
namedTable[factoryInitial] = ~0;

/** The keys the CDK pass reads in any call of a CDK file (a stack's `env`, a function's `environment`). */
const cdkKeys = new Set(['env', 'environment']);
/** The setting key words and the word every CDK key holds. */
const cdkKeyWords = keyWordTable([...settingKeyWordList, 'env']);
/** namedTable and the CDK constructs and factories that name a model (cdkModelCalls). */
const cdkNamedTable = nameTable(cdkModelCalls, namedTable);

/** Set by tests: every call is parsed, the reference that parsing only the calls of interest must equal. */
let everyCallForTest = false;
export function readEveryCallForTest(on: boolean): void {
  everyCallForTest = on;
}

interface ClientSite {
  call: Call;
  anchor: Anchor;
  spec: ClientSpec;
}

/** The code's tokens, comments and problems; `base`: where the text starts in its file (a template's interpolation). */
export function lexCode(text: string, lang: Lang, base = 0): LexResult {
  return lang === 'python' ? lexPython(text, base) : lexCFamily(text, lang, base);
}

/** `lexed`: what lexCode gave for the file's text (on another thread), else it is lexed here. */
export function analyzeCode(c: Collector, lang: Lang, lexed?: LexResult): void {
  const { tokens, comments, problems } = lexed ?? lexCode(c.text, lang);
  c.problems.push(...problems.slice(0, 3));
  // comments and docstrings (strings that are prose) in the order of the text
  let next = 0;
  const strings = tokens.strings;
  for (let k = 0; k < strings.length; k++) {
    const i = strings[k];
    if (!tokens.prose(i)) continue;
    for (; next < comments.length && comments[next] < tokens.start(i); next += 2)
      c.mentionsIn(comments[next], comments[next + 1], 'comment');
    c.mentionsIn(tokens.start(i), tokens.end(i), 'docstring');
  }
  for (; next < comments.length; next += 2) c.mentionsIn(comments[next], comments[next + 1], 'comment');
  const reader = new CodeReader(tokens, lang);
  reader.sourceLineStart = (offset) => c.text.lastIndexOf('\n', offset - 1) + 1;
  // (only a file that reads the environment can define such a helper)
  if (lang === 'python') reader.envWrappers = envWrappers(c.text);
  else if (lang === 'go') reader.envWrappers = goEnvWrappers(c.text);
  const analysis = new CodeAnalysis(c, reader.readAssignments(), lang);
  reader.readCalls(analysis.callInterest());
  analysis.run();
  tokens.release();
}

/** What an SDK's model constant stands for: the model, how the SDK's references spell it, and the SDK. */
interface ModelConstant {
  value: string;
  reference: string;
  label: string;
}

class CodeAnalysis {
  private readonly assignments = new Map<string, Val>();
  /** The classes local names are annotated with (`settings: Settings = …`). */
  private readonly types = new Map<string, string>();
  /** Local names assigned several different literals: each may be the value. */
  private readonly branches = new Map<string, Val[]>();
  private readonly clients: ClientSite[] = [];
  /** imports()'s answers, by module test. */
  private readonly importsMemo = new Map<RegExp, boolean>();
  /** importBindings()'s answers, by package. */
  private readonly bindingsMemo = new Map<string, Map<string, string>>();
  /** modelConstant()'s answers, by name (null: no constant). */
  private readonly constantsMemo = new Map<string, ModelConstant | null>();
  /** The findings of SDK constants, with how the SDK's references spell their model. */
  private readonly constantReferences = new Map<Finding, string>();
  private readonly used = new Set<Token>();
  private readonly isCdk: boolean;
  private vertexInit?: { ref: Ref; at: TextRange };
  private readonly values: Evaluator<Val, CodeGoal>;
  private readonly texts: Evaluator<Val>;

  constructor(
    private readonly c: Collector,
    private readonly reader: CodeReader,
    private readonly lang: Lang,
  ) {
    this.values = new Evaluator(c, (val, goal, depth) => this.read(val, goal, depth));
    this.texts = new Evaluator(c, (val) => this.written(val), 4);
    const assignments = reader.assignments;
    for (let i = 0; i < assignments.length; i++) {
      const a = assignments[i];
      this.assignments.set(a.name, a.val);
      if (a.type && /^[A-Z]\w*$/.test(a.type)) this.types.set(a.name, a.type);
    }
    // a variable given different literals on different branches (`if … { model = "a" } else { model = "b" }`) may hold
    // each: every literal gives its own pair
    const literals = new Map<string, Val[]>();
    for (let i = 0; i < assignments.length; i++) {
      const a = assignments[i];
      if (a.val.kind !== 'str') continue;
      const vals = literals.get(a.name);
      if (vals) vals.push(a.val);
      else literals.set(a.name, [a.val]);
    }
    for (const [name, vals] of literals) {
      const last = this.assignments.get(name);
      if (vals.length > 1 && new Set(vals.map((v) => (v.kind === 'str' ? v.tok.text : ''))).size > 1 && last?.kind === 'str')
        this.branches.set(name, vals);
      // a literal reassigned a value known only at run time (`let modelId = '…'; if (req.model) modelId = req.model`):
      // the literal runs unless the value replaces it
      else if (last && (last.kind === 'name' || last.kind === 'call')) this.branches.set(name, [...vals, last]);
    }
    this.isCdk = cdkImport.test(c.text);
  }

  /**
   * What the passes over calls may read (readCalls parses no other call), undefined for all: a Rust `self.field` reads
   * any struct literal's field. In a CDK file the CDK pass reads every call's `env` and `environment`, and the
   * constructs that name a model (cdkModelCalls) by name.
   */
  callInterest(): CallInterest | undefined {
    if (this.lang === 'rust' || everyCallForTest) return undefined;
    const holders: string[] = [];
    for (const [name, v] of this.assignments) if (v.kind === 'obj' && this.settingsObject(name)) holders.push(...name.split('.'));
    const cdk = this.isCdk;
    // a JS file's own AI SDK providers are named too
    const providers = this.lang === 'js' ? this.factoryProvidersOf() : undefined;
    const table = cdk ? cdkNamedTable : namedTable;
    const names = providers?.size ? nameTable(providers, table) : table;
    return {
      named: cdk ? (name) => this.readByName(name) || cdkModelCalls.has(name) : (name) => this.readByName(name),
      names,
      key: cdk ? (key) => cdkKeys.has(key) || isRegionKey(key) || isModelKey(key) : (key) => isRegionKey(key) || isModelKey(key),
      keyWords: cdk ? cdkKeyWords : settingKeyWords,
      holders,
      ...(this.lang === 'python' || this.lang === 'js'
        ? {
            literal: (text: string) => literalShape(this.c, text) !== undefined,
            literalNames: [...this.held.keys()],
          }
        : {}),
    };
  }

  /** A call by this name may be read by the passes that read calls by name (namedCalls). */
  private named(name: string): boolean {
    // (most names do not begin as the factories' do: the expression is not tried)
    return (
      namedCalls.has(name) ||
      (name.charCodeAt(0) === factoryInitial && aiSdkFactory.test(name)) ||
      (this.lang === 'js' && this.isAiSdkProvider(name))
    );
  }

  /**
   * A call by this name is parsed for the passes by name: a named one, or (JS, in a file that calls the AI SDK or
   * Mastra) one of a name imported from a module of the workspace, which may make it an AI SDK provider
   * (importedProvider).
   */
  private readByName(name: string): boolean {
    if (this.named(name)) return true;
    this.callsAiSdk ??= this.lang === 'js' && aiSdkUser.test(this.c.text);
    return this.callsAiSdk && this.importedFromWorkspace(name);
  }

  /** The calls read by name (named) in the order of the text, for the passes that look one up. */
  private get callsByName(): Call[] {
    return (this.byName ??= this.reader.calls.filter((c) => this.named(c.name)));
  }

  private byName?: Call[];

  run(): void {
    // pushed, not mapped: map() inlined made its array of another elements kind than map() not inlined (a deoptimisation)
    // indexed loops: a for-of loop is three times their bytecode, with an iterator and an exit handler to compile
    const read = this.reader.calls;
    const calls: Call[] = [];
    for (let i = 0; i < read.length; i++) calls.push(this.normalise(read[i]));
    // the passes by name see only the calls named for them, whether every call was parsed or not (callInterest)
    const named: Call[] = [];
    for (let i = 0; i < calls.length; i++) if (this.readByName(calls[i].name)) named.push(calls[i]);
    for (let i = 0; i < named.length; i++) this.client(named[i]);
    // an app made with its plugins (Genkit's genkit({ plugins, model })) is read once the plugins inside it are clients
    for (let i = 0; i < named.length; i++) {
      const routed = appWithPlugins(named[i]);
      if (routed) this.routedCall(named[i], routed);
    }
    for (let i = 0; i < named.length; i++) this.special(named[i]);
    for (let i = 0; i < named.length; i++) this.modelCall(named[i]);
    if (this.isCdk) for (let i = 0; i < calls.length; i++) this.cdk(calls[i]);
    for (let i = 0; i < calls.length; i++) this.leftovers(calls[i]);
    if (this.lang === 'python' || this.lang === 'js') for (let i = 0; i < calls.length; i++) this.callArguments(calls[i]);
    if (this.lang === 'python') this.settingsClasses();
    if (this.lang === 'powershell') this.cliCommands();
    this.constants();
    if (this.lang === 'python' || this.lang === 'js') this.envWrites();
    this.sweep();
    this.profileSettings();
    for (const site of this.clients)
      if (site.anchor.models.length || site.anchor.region || site.anchor.deployments?.length) this.c.facts.anchors.push(site.anchor);
  }

  // ---- values ------------------------------------------------------------------------------------------------

  ref(val: Val | undefined, want: Want, role: Role, label: string, depth = 0, named?: true): Ref | undefined {
    return this.values.evaluate(val, named ? { want, role, label, named } : { want, role, label }, depth);
  }

  /** A Vertex AI location passed in code, where `global` is the global endpoint. */
  private vertexLocation(val: Val | undefined, label: string): Ref | undefined {
    return this.values.evaluate(val, { want: 'region', role: 'inference', label, globalEndpoint: 'gcp' });
  }

  /** The region a client of `platform` is passed (a Vertex AI location may be `global`). */
  private clientRegion(platform: Platform, val: Val, label: string): Ref | undefined {
    return platform === 'vertex' ? this.vertexLocation(val, label) : this.ref(val, 'region', 'inference', label);
  }

  /** What a value of the code is: a literal, an env read, a local name, a constant or member of another module… */
  private read(val: Val, goal: CodeGoal, depth: number): Reading<Val> | undefined {
    const { want, role, label } = goal;
    const known = (ref: Ref | undefined): Reading<Val> => ({ is: 'known', ref });
    switch (val.kind) {
      case 'str': {
        const inner = val.tok.inner ?? { start: val.tok.start, end: val.tok.end };
        this.used.add(val.tok);
        if (want === 'region') {
          const host = endpointRegion(this.c.text.slice(inner.start, inner.end));
          if (host)
            return { is: 'literal', at: { start: inner.start + host.start, end: inner.start + host.end }, label: `${label} endpoint` };
          // any other URL (an Azure resource's own endpoint) names no region
          if (val.tok.text.includes('://')) return known(undefined);
          return { is: 'literal', at: inner, region: { keyed: true } };
        }
        const model = {
          keyed: true,
          huggingFace: true,
          ollama: /ollama/i.test(label),
          named: goal.named === true,
        };
        return { is: 'literal', at: inner, model };
      }
      case 'env': {
        // the variable's name may be a constant of this file (`env::var(REGION_KEY)`)
        const named = val.indirect ? this.assignments.get(val.name) : undefined;
        const name = named?.kind === 'str' ? named.tok.text : val.name;
        // the default is what runs unless the variable is set: where the value feeds a model client it is inference
        const fallback = { node: val.fallback, label: `${label}, default when ${name} is not set` };
        return { is: 'env', name, at: { start: val.start, end: val.end }, label: name, default: fallback };
      }
      case 'name': {
        // .NET RegionEndpoint.EUWest2 reads as eu-west-2
        const dotnetRegion = /^(?:Amazon\.)?RegionEndpoint\.([A-Z]{2,3})([A-Z][a-z]+)(\d)$/.exec(val.name);
        if (dotnetRegion && want === 'region') {
          const f = this.regionAs(
            val.start,
            val.end,
            `${dotnetRegion[1]}-${dotnetRegion[2]}-${dotnetRegion[3]}`.toLowerCase(),
            role,
            `${label} (RegionEndpoint)`,
          );
          return known(f && { kind: 'finding', finding: f });
        }
        const enumRegion = /^(?:Region|Regions)\.([A-Z][A-Z0-9_]+)$/.exec(val.name);
        if (enumRegion && want === 'region') {
          const f = this.regionAs(val.start, val.end, enumRegion[1].toLowerCase().replace(/_/g, '-'), role, `${label} (Region enum)`);
          return known(f && { kind: 'finding', finding: f });
        }
        const enumModel = /(?:FoundationModelIdentifier|BedrockFoundationModel)\.([A-Z][A-Z0-9_]+)$/.exec(val.name);
        if (enumModel && want === 'model') {
          const f = this.modelEnum(val.start, val.end, enumModel[1], role, label);
          return known(f && { kind: 'finding', finding: f });
        }
        if (/^(self|this)\.region$|^Stack\.of\(this\)\.region$|^cdk\.Aws\.REGION$|^Aws\.REGION$/.test(val.name) && this.isCdk)
          return known({
            kind: 'symbol',
            key: symbolKey.cdkStackRegion(this.lang),
            at: { start: val.start, end: val.end },
            label: 'stack region',
            fallback: ambient('aws', val, 'the CLI profile', knowledge.env.cdkDefaultRegion),
          });
        const at = { start: val.start, end: val.end };
        const param = this.parameterRef(val, goal, depth);
        if (param) return known(param);
        const local = this.assignedAt(val.name, val.start) ?? this.assignedAt(val.name.replace(/^(self|this)\./, ''), val.start);
        const alternatives = this.branches.get(val.name);
        if (alternatives) {
          const refs = alternatives
            .map((v) => this.branchRef(v, this.values.evaluate(v, goal, depth + 1)))
            .filter((r): r is Ref => r !== undefined);
          if (refs.length) return known({ kind: 'chain', at, label: val.name, next: refs.length === 1 ? refs[0] : { kind: 'all', refs } });
        }
        // a table of models read by a key known only at run time (`MODELS[tier]`): any of its entries may run
        const table = want === 'model' && local ? tableEntries(local) : undefined;
        if (table) return { is: 'choice', nodes: table };
        if (local && local !== val) return { is: 'variable', node: local, at, label: val.name, unresolved: val.name };
        // `MODELS["Claude 3.7 Sonnet"]` (read as MODELS.<key>), `MODELS.CHAT.MAIN`: that entry of an object this file assigns
        const entry = this.entryOf(val.name);
        if (entry) return { is: 'variable', node: entry, at, label: val.name, unresolved: val.name };
        const dot = val.name.indexOf('.');
        const recorded = dot > 0 ? this.recordField(val.name.slice(0, dot), val.name.slice(dot + 1)) : undefined;
        if (recorded) return recorded;
        // `args.model_id` of `args = parser.parse_args()`: the default its `--model-id` argument is declared with
        const declared =
          dot > 0 && this.lang === 'python' ? this.argumentDefault(val.name.slice(0, dot), val.name.slice(dot + 1)) : undefined;
        if (declared) return { is: 'variable', node: declared, at, label: `${val.name} (its argument's default)` };
        // `REGIONS[0]`: that item of a list this file assigns
        const indexed = /^([\w.]+)\[(\d+)\]$/.exec(val.name);
        const list = indexed ? this.assignments.get(indexed[1]) : undefined;
        if (list?.kind === 'list' && indexed)
          return { is: 'variable', node: list.items[Number(indexed[2])], at, label: val.name, unresolved: val.name };
        // `model.value` of a widget (marimo): the widget's default selection, which the assignment holds
        const widget = /^(\w+)\.value$/.exec(val.name);
        const selected = widget ? this.assignments.get(widget[1]) : undefined;
        if (selected && (selected.kind === 'str' || selected.kind === 'env')) {
          const inner = this.values.evaluate(selected, { ...goal, label: `${label} (default selection of ${widget?.[1]})` }, depth + 1);
          if (inner) return known({ kind: 'chain', at, label: val.name, next: inner });
        }
        const constant = want === 'model' ? this.modelConstant(val.name) : undefined;
        if (constant) {
          const finding: Finding = {
            kind: 'model',
            range: at,
            text: this.c.text.slice(val.start, val.end),
            role,
            evidence: `${label} (${constant.label} constant)`,
            value: constant.value,
          };
          const added = this.c.add(finding);
          this.constantReferences.set(added, constant.reference);
          return known({ kind: 'finding', finding: added });
        }
        // a member of a settings object or class no object of this file holds (`bedrockConfig.modelId`,
        // `Config.AGENT_MODEL`, `MODEL_CONSTANTS.ANTHROPIC.REASONING`): the module that exports it; an instance made here
        // of a settings class (`configs = Config()`), or annotated with one (`settings: Settings = get_settings()`),
        // reads the class's field
        const member = /^(?:(?:self|this)\.)?([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?)$/.exec(val.name);
        const holder = member && !/^(self|this)$/.test(member[1]) ? this.assignments.get(member[1]) : undefined;
        const typed = member ? this.types.get(member[1]) : undefined;
        const owner = typed ?? (holder?.kind === 'call' && /^[A-Z]\w*$/.test(holder.call.name) ? holder.call.name : member?.[1]);
        const elsewhere =
          member && owner && !/^(self|this)$/.test(member[1]) && holder?.kind !== 'obj'
            ? symbolKey.objectMember(owner, member[2])
            : undefined;
        const last = val.name.split('.').pop() ?? val.name;
        // a member of an enum of this file (`Choice.Mini_16k`), which the parser keeps under the member's own name
        const enumMember = member && !holder && this.lang === 'js' ? this.assignments.get(member[2]) : undefined;
        if (enumMember && member && new RegExp(`\\benum\\s+${escape(member[1])}\\b`).test(this.c.text))
          return { is: 'variable', node: enumMember, at, label: val.name, unresolved: val.name };
        // a setting in lower case of the Python module it is imported from (`from config import model`, `constants.model`)
        const module = /^[a-z][a-z0-9_]*$/.test(last) ? this.pythonModuleOf(val.name) : undefined;
        if (module) {
          const constant: Ref = { kind: 'symbol', key: symbolKey.moduleConstant(last, module), at, label: val.name };
          return known(elsewhere ? { kind: 'symbol', key: elsewhere, at, label: val.name, fallback: constant } : constant);
        }
        if (/^[A-Z][A-Z0-9_]*$/.test(last)) {
          // (else another module's constant of that name)
          const constant: Ref = { kind: 'symbol', key: symbolKey.moduleConstant(last), at, label: last };
          return known(elsewhere ? { kind: 'symbol', key: elsewhere, at, label: val.name, fallback: constant } : constant);
        }
        // a Spring bean's field or parameter injected with a property (`@Value("${aws.region:eu-west-1}") String region`)
        const injected = this.lang === 'java' && !val.name.includes('.') ? this.springInjected(val.name, want, role, label) : undefined;
        if (injected) return known(injected);
        // self.field set in a struct literal of this file (`Self { chat_model_id: … }`)
        const field =
          /^(?:self|this)\.([A-Za-z_]\w*)$/.exec(val.name) && this.lang === 'rust'
            ? this.reader.calls.find((c) => c.composite && c.args.some((a) => a.key === last))
            : undefined;
        if (field) {
          const inner = this.values.evaluate(argOf(field, last), goal, depth + 1);
          if (inner) return known({ kind: 'chain', at, label: val.name, next: inner });
        }
        if (elsewhere) return known({ kind: 'symbol', key: elsewhere, at, label: val.name });
        return known({ kind: 'state', state: 'unresolved', at, note: val.name });
      }
      case 'or': {
        const none: Ref = { kind: 'state', state: 'unresolved', at: { start: val.start, end: val.end }, note: 'computed at runtime' };
        return { is: 'choice', nodes: val.options, firstSet: true, none };
      }
      case 'call': {
        if (want === 'model' && /FoundationModelIdentifier$/.test(val.call.name)) return { is: 'same', node: positional(val.call, 0) };
        // a CDK app's context value (`app.node.tryGetContext("bedrockRegion")`): what cdk.json's context sets
        const contextKey = /^(tryGetContext|try_get_context)$/.test(val.call.name) ? positional(val.call, 0) : undefined;
        if (contextKey?.kind === 'str') {
          const at = { start: val.call.start, end: val.call.end };
          return known({
            kind: 'symbol',
            key: symbolKey.cdkContext(contextKey.tok.text),
            at,
            label: `cdk.json context ${contextKey.tok.text}`,
          });
        }
        // a function of this file that returns the value (`get_model_id(alias)` mapping a choice to a model id): each
        // value it may return
        const returned = !val.call.receiver && !val.call.prev ? this.returnedBy(val.call.name) : undefined;
        if (returned) return { is: 'choice', nodes: returned };
        // a Bedrock cross-region profile of a model: the CDK's CrossRegionInferenceProfile.fromConfig({ geoRegion, model })
        if (want === 'model' && /^from_?[cC]onfig$/.test(val.call.name) && /CrossRegionInferenceProfile$/.test(val.call.receiver)) {
          const config = positional(val.call, 0);
          const option = (...keys: string[]) =>
            config?.kind === 'obj' ? config.entries.find((e) => keys.includes(e.key))?.val : argOf(val.call, ...keys);
          const region = option('geoRegion', 'geo_region');
          const geo = region?.kind === 'name' ? /\.([A-Z_]+)$/.exec(region.name)?.[1].toLowerCase().replace(/_/g, '-') : undefined;
          const model = option('model');
          if (geo && model && knowledge.bedrockGeos.includes(geo)) {
            const at = { start: val.call.start, end: val.call.end };
            const goalInside = { label: `${label} (${geo}. profile)` };
            return {
              is: 'variable',
              node: model,
              at,
              label: `${geo}. cross-region profile`,
              goal: goalInside,
              geo,
              unresolved: 'built at runtime',
            };
          }
        }
        const constant = want === 'model' ? this.constantValue(val.call) : undefined;
        if (constant) return { is: 'same', node: constant };
        // `MODELS.get(tier)` (`, default` in Python), Java's `getOrDefault(tier, default)`, on a table of models this
        // file makes: its entries, or the default
        const lookup = val.call.name === 'get' || val.call.name === 'getOrDefault';
        const held = want === 'model' && lookup ? this.assignments.get(val.call.receiver.replace(/^this\./, '')) : undefined;
        const entries = held ? tableEntries(held) : undefined;
        if (entries) {
          const fallback = this.lang === 'python' || val.call.name === 'getOrDefault' ? positional(val.call, 1) : undefined;
          return { is: 'choice', nodes: fallback ? [...entries, fallback] : entries };
        }
        // `cfg.get("model")` of a record picked from a table
        const key = val.call.name === 'get' ? positional(val.call, 0) : undefined;
        const field = key?.kind === 'str' ? this.recordField(val.call.receiver, key.tok.text) : undefined;
        if (field) return field;
        // `event.get("model_id", "<id>")`: a request, event or settings mapping whose key says what it holds runs its
        // default unless whoever sends it sets the key
        const byDefault = this.lang === 'python' && val.call.name === 'get' ? this.mappingDefault(val.call, want) : undefined;
        if (byDefault)
          return {
            is: 'variable',
            node: byDefault,
            at: { start: val.call.start, end: val.call.end },
            label: `default of ${val.call.callee}(…)`,
          };
        // (Java's Region.of, Rust's Region::new)
        if (want === 'region' && /^(of|fromString|valueOf|from|new)$/.test(val.call.name) && /Region/.test(val.call.receiver))
          return { is: 'same', node: positional(val.call, 0) };
        // Rust: Region::new(r), RegionProviderChain::first_try(r).or_default_provider()
        if (want === 'region' && this.lang === 'rust') {
          if (/^(new|from_static|first_try)$/.test(val.call.name) && /Region/.test(val.call.receiver))
            return { is: 'same', node: positional(val.call, 0) };
          if (/^(or_default_provider|or_else)$/.test(val.call.name) && val.call.prev)
            return { is: 'same', node: { kind: 'call', call: val.call.prev } };
        }
        return known({
          kind: 'state',
          state: 'unresolved',
          at: { start: val.call.start, end: val.call.end },
          note: `${val.call.callee}(…)`,
        });
      }
      case 'tmpl': {
        this.used.add(val.tok);
        const at = { start: val.tok.start, end: val.tok.end };
        // `f"bedrock/us.{model_id}"`, `` `eu.${config.modelId}` ``: a geo profile put around a model id set elsewhere
        const profiled = want === 'model' ? geoProfiledTemplate.exec(val.tok.text) : null;
        const inner =
          profiled && val.tok.inner
            ? this.interpolated(val.tok.inner.start + val.tok.text.lastIndexOf(profiled[2]), profiled[2])
            : undefined;
        if (!profiled) return known({ kind: 'state', state: 'unresolved', at, note: 'built at runtime' });
        const prefix = `${profiled[1]}. cross-region profile prefix`;
        const goalInside = { label: `${label} (${profiled[1]}. profile)` };
        return { is: 'variable', node: inner, at, label: prefix, goal: goalInside, geo: profiled[1], unresolved: 'built at runtime' };
      }
      default:
        return undefined;
    }
  }

  /**
   * A name that is a parameter of the function around it (`location` in `def __init__(self, location)`): what the
   * calls of that function pass for it (symbolKey.callArgument, recorded by callArguments in any module), else what
   * the name comes to here (its default, or unresolved).
   */
  private parameterRef(val: Extract<Val, { kind: 'name' }>, goal: CodeGoal, depth: number): Ref | undefined {
    // the parameter itself, or a member of an object passed for it (`options.region`)
    const name = this.asWritten.has(val) ? undefined : /^([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?$/.exec(val.name);
    const param = name && name[1] !== 'self' && name[1] !== 'this' ? this.reader.parameter(val.start, name[1]) : undefined;
    if (!param || !name || (name[2] !== undefined && (param.member !== undefined || param.position === undefined))) return undefined;
    const member = param.member ?? name[2];
    this.asWritten.add(val);
    const here = this.values.evaluate(val, goal, depth + 1);
    this.asWritten.delete(val);
    const at = { start: val.start, end: val.end };
    const label = `parameter ${val.name} of ${param.callee}`;
    const symbolRef = (key: SymbolKey, fallback: Ref | undefined): Ref => ({
      kind: 'symbol',
      key,
      at,
      label,
      ...(fallback ? { fallback, orFallback: true } : {}),
    });
    const keys: string[] = [];
    if (param.keyword && name[2] === undefined) keys.push(param.keyword);
    if (param.position !== undefined) keys.push(member ? `#${param.position}.${member}` : `#${param.position}`);
    // a function of a module (not a method) is also called by its module's path, any part of it that ends at the file
    // (callArguments: a call by an SDK method's name that imports it)
    const path = param.callee.includes('.') ? [] : moduleOf(this.c.file).split('/').filter(Boolean);
    let ref = here;
    for (let i = keys.length - 1; i >= 0; i--) {
      ref = symbolRef(symbolKey.callArgument(param.callee, keys[i]), ref);
      for (let j = path.length - 1; j >= 0; j--)
        ref = symbolRef(symbolKey.callArgument(param.callee, keys[i], path.slice(j).join('/')), ref);
    }
    return ref;
  }

  /**
   * The property a Spring `@Value("${property:default}")` on this name injects (Java, Kotlin's `\${…}`): what the
   * application's configuration sets it to (symbol springProperty), else the default written there.
   */
  private springInjected(name: string, want: Want, role: Role, label: string): Ref | undefined {
    const injected = this.springValue(name);
    if (!injected) return undefined;
    const { property, at, fallback: written } = injected;
    const tok = written && { kind: 'str' as const, start: written.start, end: written.end, text: written.text, inner: written };
    const fallback = tok && this.values.evaluate({ kind: 'str', tok }, { want, role, label: `${label} (@Value default)` }, 0);
    return {
      kind: 'symbol',
      key: symbolKey.springProperty(property),
      at,
      label: `property ${property}`,
      ...(fallback ? { fallback } : {}),
    };
  }

  /**
   * The `@Value("${property:default}")` a Java or Kotlin field or parameter of this name is injected with: the
   * property, the annotation's range and its default's; memoised by name (springInjected, azureBase).
   */
  private springValue(name: string): { property: string; at: TextRange; fallback?: TextRange & { text: string } } | undefined {
    if (this.springValues.has(name)) return this.springValues.get(name);
    const m = new RegExp(
      `@Value\\(\\s*"\\\\?\\$\\{([\\w.-]+)(?::([^"}]*))?\\}"\\s*\\)\\s*(?:(?:private|protected|public|final|static|lateinit|val|var)\\s+)*(?:[\\w.<>?]+\\s+)?${escape(name)}\\b`,
    ).exec(this.c.text);
    const defaultAt = m ? m.index + m[0].indexOf('{') + 1 + m[1].length + 1 : 0;
    const found = m
      ? {
          property: m[1],
          at: { start: m.index, end: m.index + m[0].length },
          ...(m[2] !== undefined ? { fallback: { start: defaultAt, end: defaultAt + m[2].length, text: m[2] } } : {}),
        }
      : undefined;
    this.springValues.set(name, found);
    return found;
  }

  private readonly springValues = new Map<
    string,
    { property: string; at: TextRange; fallback?: TextRange & { text: string } } | undefined
  >();

  /** Parameter names being read as written in their function (parameterRef's fallback). */
  private readonly asWritten = new Set<Val>();

  /** The expression inside a template's `{…}` at an offset of this file, read like any other expression. */
  private interpolated(offset: number, expression: string): Val | undefined {
    const { tokens, comments } = lexCode(expression, this.lang, offset);
    // one expression, all of the text (and no comment in it)
    if (!tokens.length || comments.length) return undefined;
    const [val, end] = new CodeReader(tokens, this.lang).expr(0);
    return end === tokens.length ? val : undefined;
  }

  /**
   * What a value is written as, for what its spelling tells (`texts`): a string or template as it stands, a local name
   * what it is assigned; it records nothing.
   */
  private written(val: Val): Reading<Val> | undefined {
    if (val.kind === 'str' || val.kind === 'tmpl')
      return { is: 'literal', at: { start: val.tok.start, end: val.tok.end }, text: val.tok.text };
    const constantId = val.kind === 'call' ? this.constantValue(val.call) : undefined;
    if (constantId) return { is: 'same', node: constantId };
    if (val.kind !== 'name') return undefined;
    const local = this.assignedAt(val.name, val.start) ?? this.assignedAt(val.name.replace(/^(self|this)\./, ''), val.start);
    const at = { start: val.start, end: val.end };
    // an SDK's constant is written as its own model reference (`vertexai/gemini-1.5-flash`): the platform is its prefix's
    const constant = local ? undefined : this.modelConstant(val.name);
    if (constant) return { is: 'literal', at, text: constant.reference };
    return { is: 'variable', node: local, at, label: val.name };
  }

  /** A value assigned in a branch written for one google-genai backend runs on that backend. */
  private branchRef(val: Val, ref: Ref | undefined): Ref | undefined {
    if (!ref || (val.kind !== 'str' && val.kind !== 'tmpl')) return ref;
    const branch = this.enclosingBranch(val.tok.start);
    if (!branch) return ref;
    const vertex = vertexBranch.test(branch.condition);
    const gemini = /BackendGeminiAPI/.test(branch.condition);
    if (vertex === gemini) return ref;
    // `!= genai.BackendVertexAI`, `== ""`, `!useVertex`, `not use_vertex` test the other backend
    const negated = /!=\s*(?:genai\.)?Backend|==\s*(?:""|''|false|False|None|nil)\b|^\s*\(?\s*!(?!=)|\bnot\b/.test(branch.condition);
    const thenVertex = vertex !== negated;
    const onVertex = branch.inElse ? !thenVertex : thenVertex;
    const at = { start: val.tok.start, end: val.tok.end };
    return {
      kind: 'chain',
      at,
      label: onVertex ? 'branch for Vertex AI' : 'branch for the Gemini API',
      next: ref,
      platform: onVertex ? 'vertex' : 'provider-managed',
    };
  }

  /** The if statement whose branch holds an offset: its condition, and whether the offset is in its else branch. */
  private enclosingBranch(offset: number): { condition: string; inElse: boolean } | undefined {
    const text = this.c.text;
    if (this.lang === 'python') {
      const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0].length ?? 0;
      // the nearest line above with less indentation opens the block: `if …:`, `elif …:` or `else:`
      for (let end = lineStart - 1, seen = 0; end > 0 && seen < 200; seen++) {
        const start = text.lastIndexOf('\n', end - 1) + 1;
        const line = text.slice(start, end);
        end = start - 1;
        const lead = /^[ \t]*/.exec(line)?.[0].length ?? 0;
        if (!line.trim() || line.trim().startsWith('#') || lead >= indent) continue;
        const head = /^[ \t]*(if|elif|else)\b(.*):\s*(?:#.*)?$/.exec(line);
        if (!head) return undefined;
        if (head[1] !== 'else') return { condition: head[2], inElse: false };
        // else: the if at the same indentation above it
        for (let e2 = end, n = 0; e2 > 0 && n < 200; n++) {
          const s2 = text.lastIndexOf('\n', e2 - 1) + 1;
          const above = text.slice(s2, e2);
          e2 = s2 - 1;
          const m = /^([ \t]*)if\b(.*):\s*(?:#.*)?$/.exec(above);
          if (m && m[1].length === lead) return { condition: m[2], inElse: true };
          if (above.trim() && (/^[ \t]*/.exec(above)?.[0].length ?? 0) < lead) return undefined;
        }
        return undefined;
      }
      return undefined;
    }
    const t = this.reader.tokens;
    const i = t.indexAt(offset);
    if (i >= t.length) return undefined;
    // the unmatched '{' before the value opens its block
    let depth = 0;
    let open = -1;
    for (let k = i - 1; k >= 0 && k > i - 2000; k--) {
      if (t.isPunct(k, '}')) depth++;
      else if (t.isPunct(k, '{')) {
        if (depth === 0) {
          open = k;
          break;
        }
        depth--;
      }
    }
    if (open < 1) return undefined;
    const conditionBefore = (brace: number): string | undefined => {
      for (let k = brace - 1, parens = 0; k >= 0 && k > brace - 60; k--) {
        if (t.isPunct(k, ')') || t.isPunct(k, ']')) parens++;
        if (t.isPunct(k, '(') || t.isPunct(k, '[')) parens--;
        if (parens === 0 && (t.isPunct(k, ';') || t.isPunct(k, '{') || t.isPunct(k, '}'))) return undefined;
        if (t.isId(k, 'if')) return text.slice(t.end(k), t.start(brace));
      }
      return undefined;
    };
    if (t.isId(open - 1, 'else')) {
      // `} else {`: the if whose block closes before the else
      const close = open - 2;
      if (!t.textIs(close, '}')) return undefined;
      depth = 0;
      for (let k = close - 1; k >= 0 && k > close - 2000; k--) {
        if (t.isPunct(k, '}')) depth++;
        else if (t.isPunct(k, '{')) {
          if (depth === 0) {
            const condition = conditionBefore(k);
            return condition === undefined ? undefined : { condition, inElse: true };
          }
          depth--;
        }
      }
      return undefined;
    }
    const condition = conditionBefore(open);
    return condition === undefined ? undefined : { condition, inElse: false };
  }

  private regionAs(start: number, end: number, code: string, role: Role, label: string): Finding | undefined {
    const probe = this.c.index.regions.get(`aws:${code}`);
    const finding: Finding = {
      kind: 'region',
      range: { start, end },
      text: this.c.text.slice(start, end),
      role,
      evidence: label,
      provider: 'aws',
    };
    if (probe) finding.value = probe.code;
    else return undefined;
    return this.c.add(finding);
  }

  private modelEnum(start: number, end: number, name: string, role: Role, label: string): Finding | undefined {
    const squashed = name.replace(/_/g, '');
    const matches = (id: string) => {
      const a = id.toUpperCase().replace(/[^A-Z0-9]/g, '');
      return a === squashed || (a.startsWith(squashed) && /^0*$/.test(a.slice(squashed.length)));
    };
    let best: string | undefined;
    let undated: string | undefined;
    for (const model of this.c.index.data.models) {
      for (const alias of model.aliases) {
        if (alias.platform !== 'aws-bedrock') continue;
        if (matches(alias.id)) best = model.id;
        // the alpha constructs' and generative-ai-cdk-constructs' names leave the id's date out (ANTHROPIC_CLAUDE_3_7_SONNET_V1_0)
        else if (matches(alias.id.replace(/-20\d{6}(?=-v\d)/, ''))) undated = model.id;
      }
    }
    best ??= undated;
    const finding: Finding = {
      kind: 'model',
      range: { start, end },
      text: this.c.text.slice(start, end),
      role,
      evidence: `${label} (CDK enum)`,
    };
    if (best) finding.value = best;
    return this.c.add(finding);
  }

  // ---- builder chains → one virtual call ------------------------------------------------------------------

  /** `X.builder().region(r).modelId(m).build()` reads as X(region=r, modelId=m). */
  private normalise(call: Call): Call {
    // a request object built first and passed by name (`new ConverseCommand(request)`) reads as written inline
    if (this.passesSettingsObject(call)) {
      call = { ...call, args: call.args.map((a) => (a.val.kind === 'name' ? { ...a, val: this.settingsObject(a.val.name) ?? a.val } : a)) };
    }
    if (call.name !== 'build' && call.name !== 'create') return call;
    const chain: Call[] = [];
    for (let p: Call | undefined = call.prev; p; p = p.prev) chain.unshift(p);
    const root = chain[0];
    // `X.builder()`, or Java's `new X.Builder()`
    if (!root || (root.name !== 'builder' && !(root.name === 'Builder' && root.isNew))) return call;
    const owner = root.receiver.split('.').pop() ?? root.receiver;
    const args = chain.slice(1).map((m) => ({
      key: m.name,
      val: m.args[0]?.val ?? { kind: 'other' as const, start: m.start, end: m.end, parts: [] },
    }));
    return { ...call, callee: owner, name: owner, receiver: '', isNew: true, args, start: root.start };
  }

  /** An argument is a name holding a settings object (a loop, where some() made a closure for every call). */
  private passesSettingsObject(call: Call): boolean {
    const args = call.args;
    for (let i = 0; i < args.length; i++) {
      const val = args[i].val;
      if (val.kind === 'name' && this.settingsObject(val.name)) return true;
    }
    return false;
  }

  /** The object literal a local name holds, when it sets a model or a region. */
  private settingsObject(name: string): Val | undefined {
    const v = this.assignments.get(name);
    return v?.kind === 'obj' && v.entries.some((e) => isModelKey(e.key) || isRegionKey(e.key)) ? v : undefined;
  }

  // ---- clients -----------------------------------------------------------------------------------------------

  private client(call: Call): void {
    const routed = routedCalls.get(call.name);
    if (routed && !appWithPlugins(call) && this.routedCall(call, routed)) return;
    if (call.name === 'client' || call.name === 'resource') return this.boto3(call);
    if (stdioServerClasses.has(call.name) || (call.receiver === 'subprocess' && subprocessStarts.has(call.name)))
      return this.serverProcess(call);
    if (call.callee === 'vertexai.init' || call.callee === 'aiplatform.init') {
      const ref = this.vertexLocation(argOf(call, 'location') ?? positional(call, 1), `${call.callee} location`);
      if (!ref) return;
      const at = { start: call.start, end: call.end };
      this.vertexInit = { ref, at };
      // the SDK keeps it for the process: other modules' calls run there too
      this.c.facts.symbols.push({ key: symbolKey.vertexInit, value: { kind: 'chain', at, label: call.callee, next: ref }, priority: 1 });
      return;
    }
    if (
      (call.name === 'Client' && (/genai$/.test(call.receiver) || (this.lang === 'java' && this.imports(javaGenaiClient)))) ||
      // (LlamaIndex has a GoogleGenAI of its own: a client of the catalogue)
      (call.name === 'GoogleGenAI' && !this.clientMadeBy(call.name)) ||
      call.callee === 'genai.NewClient'
    )
      return this.genai(call);
    if (call.name === 'NewFromConfig' && /bedrock/i.test(call.receiver)) {
      const withRegion = this.callsByName.find((c) => c.name === 'WithRegion');
      const region = withRegion ? this.ref(positional(withRegion, 0), 'region', 'inference', 'config.WithRegion') : undefined;
      this.addClient(call, { platform: 'bedrock', label: 'AWS SDK for Go Bedrock client' }, region ?? ambient('aws', call));
      return;
    }
    // Google ADK agents call Gemini through google-genai (its Vertex switch); Strands agents take a Bedrock model id
    if (agentNames.has(call.name) && (this.lang === 'python' || this.lang === 'java')) {
      const agent = agents.find((a) => a.names.includes(call.name) && this.imports(a.imported));
      const mv = argOf(call, 'model');
      if (!agent || !mv || mv.kind === 'call') return;
      if (agent.platform === 'vertex') {
        const site = this.addClient(call, { platform: 'vertex', label: agent.label }, ambient('gcp', call));
        site.anchor.vertexSwitch = true;
        const m = this.ref(mv, 'model', 'inference', `${call.name} model`);
        if (m) site.anchor.models.push(m);
        return;
      }
      if (mv.kind !== 'str') return;
      const m = this.ref(mv, 'model', 'inference', 'Strands Agent model');
      if (m) this.addClient(call, { platform: 'bedrock', label: agent.label }, ambient('aws', call)).anchor.models.push(m);
      return;
    }
    // Rust: aws_sdk_bedrockruntime::Client::new(&config), its region from the config loader's .region(…)
    if (
      this.lang === 'rust' &&
      /^(new|from_conf)$/.test(call.name) &&
      (call.receiver === 'Client' || /bedrock[a-z_]*\.Client$/.test(call.receiver)) &&
      /aws_sdk_bedrock(runtime|agentruntime)/.test(this.c.text)
    ) {
      const loader = this.callsByName.find((c) => c.name === 'region' && c.args.length === 1);
      const region = loader ? this.ref(positional(loader, 0), 'region', 'inference', 'aws_config region') : undefined;
      this.addClient(call, { platform: 'bedrock', label: 'AWS SDK for Rust Bedrock client' }, region ?? ambient('aws', call));
      return;
    }
    const found = this.clientMadeBy(call.name);
    if (found) {
      let spec = found;
      // an OpenAI-compatible client pointed at a local server (vLLM, Ollama, TGI) runs the model there
      if (
        spec.platform === 'provider-managed' &&
        spec.baseUrl &&
        this.baseUrlIs(argOf(call, ...spec.baseUrl), selfHostedUrl, selfHostedUrlName)
      )
        spec = { ...spec, platform: 'self-hosted' };
      // one pointed at an Azure OpenAI resource (Azure's v1 API takes OpenAI's own client) runs one of its deployments
      else if (spec.platform === 'provider-managed' && spec.baseUrl && this.azureBase(argOf(call, ...spec.baseUrl)))
        spec = {
          ...spec,
          label: `${spec.label} (Azure OpenAI endpoint)`,
          platform: 'azure-openai',
          endpoint: spec.baseUrl,
          // (the model it is given names a deployment)
          deployment: spec.model,
          model: undefined,
        };
      // one pointed at Bedrock's OpenAI-compatible endpoint runs the model on Bedrock, in the region its host names
      else if (spec.platform === 'provider-managed' && spec.baseUrl && this.baseUrlIs(argOf(call, ...spec.baseUrl), bedrockOpenAiHost))
        spec = { ...spec, label: `${spec.label} (Bedrock OpenAI-compatible endpoint)`, platform: 'bedrock', region: spec.baseUrl };
      if (spec.platform === 'self-hosted' && call.name === 'LLM' && !argOf(call, 'model') && this.lang !== 'python') return;
      // the region's place is read in Java (a builder's or constructor's argument), and in any language for a client
      // that takes it only by its place (Firebase's VertexAIBackend)
      const regionVal =
        (spec.region && (argOf(call, ...spec.region) ?? this.keywordInside(call, spec.regionIn, spec.region))) ??
        (spec.regionAt !== undefined && (this.lang === 'java' || !spec.region) ? positional(call, spec.regionAt) : undefined) ??
        (spec.platform === 'bedrock' ? this.builtClientRegion(call) : undefined);
      // a google-genai client switched off Vertex AI calls the Gemini API
      const vertex = spec.vertexSwitch ? this.vertexSwitched(call, spec.vertexSwitch, spec.regionIn) : undefined;
      if (vertex === false) spec = { ...spec, platform: 'provider-managed' };
      let region = regionVal && vertex !== false ? this.clientRegion(spec.platform, regionVal, `${spec.label} ${call.name}`) : undefined;
      if (!region && (spec.platform === 'bedrock' || spec.ambientRegion === 'aws')) region = ambient('aws', call, 'no region passed');
      // (google-genai, switched by its environment, does not read vertexai.init)
      if (!region && spec.platform === 'vertex') region = this.vertexRegion(call, !spec.vertexSwitch);
      const site = this.addClient(call, spec, region);
      const endpoint = spec.endpoint && argOf(call, ...spec.endpoint);
      if (endpoint) site.anchor.endpoint = this.ref(endpoint, 'region', 'inference', `${spec.label} ${call.name} endpoint`);
      // a client kept under a module-level name: the calls other modules make on it run here
      const holder = region && regionVal ? this.holderOf(call) : undefined;
      if (region && holder)
        for (const key of [symbolKey.clientRegion(holder), symbolKey.clientRegion(holder, moduleOf(this.c.file))])
          this.c.facts.symbols.push({ key, value: region, priority: 1 });
      // an app's plugin: the references other modules make on it run here
      if (region && regionVal && pluginClients.has(call.name))
        this.c.facts.symbols.push({ key: symbolKey.pluginRegion(call.name), value: region, priority: 1 });
      // neither switched nor given a region: GOOGLE_GENAI_USE_VERTEXAI decides, as for a google-genai client
      if (vertex === undefined && spec.vertexSwitch && !regionVal) site.anchor.vertexSwitch = true;
      if (spec.model) {
        const mv =
          argOf(call, ...spec.model) ??
          this.keywordInside(call, spec.modelIn, spec.model) ??
          (spec.modelAt !== undefined ? positional(call, spec.modelAt) : undefined);
        const m =
          spec.platform === 'azure-openai'
            ? undefined
            : spec.platform === 'self-hosted'
              ? this.ref(mv, 'model', 'inference', `self-hosted model of ${call.name}`, 0, true)
              : this.ref(mv, 'model', 'inference', `${call.name} model`);
        if (m) site.anchor.models.push(m);
        if (spec.platform === 'azure-openai' && mv) {
          const m2 = this.ref(mv, 'model', 'inference', `${call.name} model`);
          if (m2) site.anchor.models.push(m2);
        }
      }
      if (spec.deployment) this.deployment(site, argOf(call, ...spec.deployment));
      for (const key of spec.ignores ?? []) {
        const ignored = argOf(call, key);
        if (ignored?.kind !== 'str') continue;
        this.used.add(ignored.tok);
        const inner = ignored.tok.inner ?? ignored.tok;
        this.c.model(inner.start, inner.end, 'mention', `${call.name} does not read ${key}=`);
      }
      return;
    }
  }

  /**
   * What a Vertex AI switch keyword (on the call or in a regionIn object) says: true (or a config object given under
   * it), false, or undefined (not written, or not a literal).
   */
  private vertexSwitched(call: Call, keys: readonly string[], holders: readonly string[] | undefined): boolean | undefined {
    const flag = argOf(call, ...keys) ?? this.keywordInside(call, holders, keys);
    if (flag?.kind === 'obj' || flag?.kind === 'call') return true;
    const text = flag?.kind === 'name' ? flag.name : undefined;
    return text === undefined ? undefined : /^(True|true)$/.test(text) ? true : /^(False|false)$/.test(text) ? false : undefined;
  }

  /** One of `keys` inside the object passed under one of `holders` (a provider call, a settings dictionary, or a name for one). */
  private keywordInside(call: Call, holders: readonly string[] | undefined, keys: readonly string[]): Val | undefined {
    if (!holders) return undefined;
    let holder = argOf(call, ...holders);
    if (holder?.kind === 'name') holder = this.assignments.get(holder.name);
    if (holder?.kind === 'call') return argOf(holder.call, ...keys);
    if (holder?.kind === 'obj') return holder.entries.find((e) => keys.includes(e.key))?.val;
    return undefined;
  }

  /**
   * A process started with its own environment (an MCP server over stdio, a subprocess): a region set there is where
   * that process calls Bedrock, when its command names a server that invokes Bedrock models (Nova Canvas, a knowledge
   * base retrieval) or its environment names a model; otherwise it stays a setting of some other service.
   */
  private serverProcess(call: Call): void {
    const env = argOf(call, 'env');
    if (env?.kind !== 'obj') return;
    const words: string[] = [];
    const collect = (val: Val | undefined) => {
      if (val?.kind === 'str') words.push(val.tok.text);
      if (val?.kind === 'list') val.items.forEach(collect);
    };
    collect(argOf(call, 'command'));
    collect(argOf(call, 'args'));
    collect(positional(call, 0));
    const command = words.join(' ');
    const models: Ref[] = [];
    let region: Ref | undefined;
    for (const e of env.entries) {
      if (isModelKey(e.key)) {
        const m = this.ref(e.val, 'model', 'inference', `process env ${e.key}`);
        if (m && m.kind !== 'state') models.push(m);
      } else if (isRegionKey(e.key) && /^AWS_(DEFAULT_)?REGION$|BEDROCK/i.test(e.key))
        region ??= this.ref(e.val, 'region', 'deployment', `process env ${e.key} (${command || call.name})`);
    }
    const invokesBedrock = knowledge.bedrockProcessWords.some((word) => command.toLowerCase().includes(word));
    if (!invokesBedrock && !models.length) return;
    // not a client of this module's code: its region serves no model call made elsewhere
    const at = { start: call.start, end: call.end };
    this.c.facts.anchors.push({
      at,
      label: `process ${command || call.name} with its own environment`,
      platform: 'bedrock',
      models,
      region: region ?? ambient('aws', at),
    });
  }

  /**
   * Whether a client's base URL, written here or through names (an env var's default, a local, a settings object's
   * base_url), matches `url`, or is read from an env var `envName` matches: a self-hosted server (selfHostedUrl,
   * selfHostedUrlName), Bedrock's OpenAI-compatible endpoint (bedrockOpenAiHost).
   */
  private baseUrlIs(val: Val | undefined, url: RegExp, envName?: RegExp, depth = 0): boolean {
    if (!val || depth > 4) return false;
    if (val.kind === 'str' || val.kind === 'tmpl') return url.test(val.tok.text);
    if (val.kind === 'env') return envName?.test(val.name) === true || this.baseUrlIs(val.fallback, url, envName, depth + 1);
    if (val.kind === 'name')
      return this.baseUrlIs(
        this.assignments.get(val.name) ?? this.assignments.get(val.name.replace(/^(self|this)\./, '')),
        url,
        envName,
        depth + 1,
      );
    if (val.kind === 'obj') return this.baseUrlIs(val.entries.find((e) => /^base_?url$/i.test(e.key))?.val, url, envName, depth + 1);
    if (val.kind === 'or') return val.options.some((o) => this.baseUrlIs(o, url, envName, depth + 1));
    return false;
  }

  /**
   * Whether a client's base URL is an Azure OpenAI resource's: its host (`*.openai.azure.com`, `*.cognitiveservices.
   * azure.com`, `*.services.ai.azure.com`), or an env variable or Spring property named for Azure that holds it.
   */
  private azureBase(val: Val | undefined, depth = 0): boolean {
    if (!val || depth > 4) return false;
    if (val.kind === 'str' || val.kind === 'tmpl')
      return azureEndpointHost.test(val.tok.text) || (val.kind === 'tmpl' && /azure/i.test(val.tok.text));
    if (val.kind === 'env') return /AZURE/i.test(val.name) || this.azureBase(val.fallback, depth + 1);
    if (val.kind === 'or') return val.options.some((o) => this.azureBase(o, depth + 1));
    if (val.kind !== 'name') return false;
    const held = this.assignments.get(val.name.replace(/^(self|this)\./, ''));
    if (held) return this.azureBase(held, depth + 1);
    // (a Spring field injected with `@Value("${AZURE_OPENAI_ENDPOINT}")`)
    return this.lang === 'java' && /azure/i.test(this.springValue(val.name)?.property ?? '');
  }

  private addClient(call: Call, spec: ClientSpec, region: Ref | undefined): ClientSite {
    // a Bedrock client with its own region serves the calls other modules make on it
    if (
      spec.platform === 'bedrock' &&
      region &&
      region.kind !== 'ambient' &&
      region.kind !== 'state' &&
      !(region.kind === 'symbol' && region.key === symbolKey.bedrockClientRegion)
    )
      this.c.facts.symbols.push({ key: symbolKey.bedrockClientRegion, value: region, priority: 1 });
    const site: ClientSite = {
      call,
      spec,
      anchor: {
        at: { start: call.start, end: call.end },
        label: `${spec.label} ${call.name}`,
        platform: spec.platform,
        models: [],
        region,
      },
    };
    this.clients.push(site);
    // a client kept under a module-level name: the calls other modules make on it run on its platform, where it runs
    const holder = this.holderOf(call);
    if (holder) {
      const made: Ref = {
        kind: 'chain',
        at: site.anchor.at,
        label: site.anchor.label,
        platform: spec.platform,
        next: region ?? { kind: 'state', state: 'unresolved', at: site.anchor.at, note: `${call.name} is given no region` },
      };
      for (const key of [symbolKey.clientKind(holder), symbolKey.clientKind(holder, moduleOf(this.c.file))])
        this.c.facts.symbols.push({ key, value: made, priority: 1 });
    }
    return site;
  }

  private deployment(site: { anchor: Anchor }, val: Val | undefined): void {
    if (!val) return;
    // an env var with a default (`process.env.AZURE_OPENAI_DEPLOYMENT || 'gpt-4o'`): the name the workspace sets, else
    // the default (a model's name read as that model, as below)
    if (val.kind === 'env' && val.fallback) {
      const at = { start: val.start, end: val.end };
      const byDefault = this.resolveText(val.fallback);
      const named =
        byDefault &&
        this.c.model(byDefault.at.start, byDefault.at.end, 'inference', `${site.anchor.label} deployment name`, { keyed: true });
      const ref: Ref | undefined = named
        ? { kind: 'env', names: [val.name], at, fallback: { kind: 'finding', finding: named } }
        : undefined;
      (site.anchor.deployments ??= []).push({ name: '', env: val.name, at, ...(ref ? { ref } : {}) });
      if (byDefault && !named) site.anchor.deployments.push(byDefault);
      return;
    }
    const name = strOf(val);
    const resolved =
      name !== undefined && val.kind === 'str'
        ? { name, at: val.tok.inner ?? { start: val.tok.start, end: val.tok.end } }
        : this.resolveText(val);
    if (val.kind === 'str') this.used.add(val.tok);
    if (resolved) {
      // deployments are usually named after their model: a model-shaped name is that model, set here
      const named =
        this.c.model(resolved.at.start, resolved.at.end, 'inference', `${site.anchor.label} deployment name`, { keyed: true }) ?? undefined;
      (site.anchor.deployments ??= []).push(named ? { ...resolved, named } : resolved);
    } else if (val.kind === 'env')
      (site.anchor.deployments ??= []).push({ name: '', env: val.name, at: { start: val.start, end: val.end } });
    else if (val.kind === 'name') {
      // another module's setting or constant (`settings.MODEL`, an imported MODEL): followed as a model's value is
      const ref = this.ref(val, 'model', 'inference', `${site.anchor.label} deployment name`);
      const at = { start: val.start, end: val.end };
      // (an SDK's model constant, `GPT_4_1`, names the deployment by the model id it spells)
      const constant = ref && this.modelConstant(val.name);
      const named = constant ? localFinding(ref) : undefined;
      if (ref) (site.anchor.deployments ??= []).push(constant && named ? { name: constant.reference, at, named } : { name: '', at, ref });
    }
  }

  private resolveText(val: Val, depth = 0): { name: string; at: TextRange } | undefined {
    if (depth > 5) return undefined;
    if (val.kind === 'str') {
      this.used.add(val.tok);
      return { name: val.tok.text, at: val.tok.inner ?? { start: val.tok.start, end: val.tok.end } };
    }
    if (val.kind === 'name') {
      const local = this.assignments.get(val.name);
      return local ? this.resolveText(local, depth + 1) : undefined;
    }
    if (val.kind === 'env' && val.fallback) return this.resolveText(val.fallback, depth + 1);
    return undefined;
  }

  private boto3(call: Call): void {
    const service = strOf(positional(call, 0) ?? argOf(call, 'service_name'));
    const serviceVal = positional(call, 0) ?? argOf(call, 'service_name');
    if (!service) return;
    if (serviceVal?.kind === 'str') this.used.add(serviceVal.tok);
    const bedrock = bedrockServices.has(service);
    const role: Role = bedrock ? 'inference' : 'deployment';
    const label = `boto3 ${service} client region_name`;
    const regionVal = this.boto3Region(call);
    const region = regionVal ? this.ref(regionVal, 'region', role, label) : undefined;
    if (!bedrock) return;
    this.addClient(call, { platform: 'bedrock', label: `boto3 ${service} client` }, region ?? ambient('aws', call, 'no region_name'));
  }

  /**
   * The region a boto3 client is made with: its region_name (by keyword or in second place), its endpoint_url, its
   * session's (boto3.Session(region_name=…).client(…), or a session by name), else its botocore Config's.
   */
  private boto3Region(call: Call): Val | undefined {
    const regionVal = argOf(call, 'region_name') ?? positional(call, 1) ?? argOf(call, 'endpoint_url');
    if (regionVal) return regionVal;
    const session = call.prev ?? this.assigned(call.receiver);
    if (session && /Session$/.test(session.name)) return argOf(session, 'region_name');
    // botocore Config(region_name=…), inline or by name (boto3 docs: a region_name argument wins over it)
    const configArg = argOf(call, 'config');
    const config = configArg?.kind === 'name' ? this.assignments.get(configArg.name) : configArg;
    return config?.kind === 'call' ? argOf(config.call, 'region_name') : undefined;
  }

  /** The call a name was assigned from in this file (`session = boto3.Session(…)`). */
  private assigned(name: string | undefined): Call | undefined {
    const v = name === undefined ? undefined : this.assignments.get(name);
    return v?.kind === 'call' ? v.call : undefined;
  }

  /**
   * The region of a boto3 client or session a Bedrock framework client is handed (LangChain's `client=`, Strands'
   * `boto_session=`): made in this file and assigned to a name, or made in the call.
   */
  private builtClientRegion(call: Call): Val | undefined {
    const given = argOf(call, ...builtClientKeywords);
    const built = given?.kind === 'name' ? this.assigned(given.name) : given?.kind === 'call' ? given.call : undefined;
    if (!built) return undefined;
    if (/Session$/.test(built.name)) return argOf(built, 'region_name');
    return built.name === 'client' ? this.boto3Region(built) : undefined;
  }

  private genai(call: Call): void {
    if (this.lang === 'go' && positional(call, 2)) {
      // cloud.google.com/go/vertexai/genai: NewClient(ctx, project, location)
      const region = this.vertexLocation(positional(call, 2), 'genai.NewClient location') ?? this.vertexRegion(call, false);
      this.addClient(call, { platform: 'vertex', label: 'Vertex AI Go client' }, region);
      return;
    }
    const cfg = positional(call, 1);
    const vertexFlag = argOf(call, 'vertexai', 'vertexAI') ?? (cfg?.kind === 'call' ? argOf(cfg.call, 'Backend') : undefined);
    const flagText = vertexFlag?.kind === 'name' ? vertexFlag.name : vertexFlag?.kind === 'str' ? vertexFlag.tok.text : undefined;
    const locationVal = argOf(call, 'location') ?? (cfg?.kind === 'call' ? argOf(cfg.call, 'Location') : undefined);
    const vertex = flagText !== undefined && /^(True|true|genai\.BackendVertexAI)$/.test(flagText);
    const at = { start: call.start, end: call.end };
    if (vertex || locationVal) {
      const region = this.vertexLocation(locationVal, 'genai client location') ?? ambient('gcp', at);
      this.addClient(call, { platform: 'vertex', label: 'google-genai client (Vertex AI)' }, region);
      this.c.facts.symbols.push({ key: symbolKey.genaiClientRegion, value: region, priority: 1 });
      return;
    }
    // an API key passed in code is the Gemini API
    if (argOf(call, 'api_key', 'apiKey') ?? (cfg?.kind === 'call' ? argOf(cfg.call, 'APIKey') : undefined)) {
      this.addClient(call, { platform: 'provider-managed', label: 'google-genai client (Gemini API key)' }, undefined);
      this.c.facts.symbols.push({
        key: symbolKey.genaiClientRegion,
        value: { kind: 'state', state: 'provider-managed', at, note: 'google-genai client with a Gemini API key' },
        priority: 1,
      });
      return;
    }
    const site = this.addClient(call, { platform: 'vertex', label: 'google-genai client' }, ambient('gcp', call));
    site.anchor.vertexSwitch = true;
  }

  /** The module-level name a call's result is kept under (`export const vertex = createVertex(…)`). */
  private holderOf(call: Call): string | undefined {
    return this.reader.assignments.find((a) => a.topLevel && a.val.kind === 'call' && a.val.call.start === call.start)?.name;
  }

  /**
   * Where a call on a client or provider this file does not make runs (`vertexAI.getGenerativeModel(…)`, `vertex('…')`
   * with `vertex` imported from a module of the workspace): where a module made it under that name (clientRegion),
   * else `fallback`.
   */
  private madeElsewhere(name: string, call: Call, fallback: Ref): Ref {
    return this.elsewhere(name, call, symbolKey.clientRegion, { fallback }) ?? fallback;
  }

  /**
   * The symbol (built by `key`) of what a module of the workspace made under a name this file uses but does not
   * assign: the module a relative JS import names first, then any module's. Undefined for a name this file assigns or
   * imports from a package (the AI SDK's own `vertex`), and, `imported`, for a name it does not import.
   */
  private elsewhere(
    name: string,
    call: Call,
    key: (name: string, module?: string) => SymbolKey,
    { fallback, imported = false }: { fallback?: Ref; imported?: boolean },
  ): Ref | undefined {
    if (!/^[A-Za-z_$][\w$]*$/.test(name) || this.assignments.has(name)) return undefined;
    const source = this.importSource(name);
    // (a Python module imported whole, `import openai`, is no object a module made)
    if (source === undefined || source === name ? imported : this.lang === 'js' && !/^(?:\.|\/|@\/|~\/|#)/.test(source)) return undefined;
    const at = { start: call.start, end: call.end };
    const label = `${name}, made elsewhere`;
    const anywhere: Ref = { kind: 'symbol', key: key(name), at, label, ...(fallback ? { fallback } : {}) };
    if (this.lang !== 'js' || !source?.startsWith('.')) return anywhere;
    const module = moduleOf(joinPath(dirname(this.c.file) || '.', source));
    return { kind: 'symbol', key: key(name, module), at, label, fallback: anywhere };
  }

  /**
   * The module a file imports a name from, if it does: JS `import { vertex } from '../lib/vertex'` and `require`,
   * Python `from app.llm import client` (the module as written).
   */
  private importSource(name: string): string | undefined {
    // (asked for each name read that the file does not assign: one search of the text per name)
    if (this.importSources.has(name)) return this.importSources.get(name);
    const source = this.importSourceIn(name);
    this.importSources.set(name, source);
    return source;
  }

  private readonly importSources = new Map<string, string | undefined>();

  /**
   * How a Python file imports a name: `from <from> import name`, `import <as> as name`, or the module itself (`import
   * name`, `import name.sub`); memoised with importSource, its one caller besides pythonModuleOf.
   */
  private pythonImport(name: string): { from?: string; as?: string } | undefined {
    if (this.pythonImports.has(name)) return this.pythonImports.get(name);
    const n = escape(name);
    const m = new RegExp(
      `^[ \\t]*(?:from[ \\t]+([\\w.]+)[ \\t]+import\\b[^\\n(]*(?:\\([^)]*)?\\b${n}\\b|import[ \\t]+([\\w.]+)[ \\t]+as[ \\t]+${n}\\b|import[ \\t]+${n}\\b)`,
      'm',
    ).exec(this.c.text);
    const bound = m ? { ...(m[1] !== undefined ? { from: m[1] } : {}), ...(m[2] !== undefined ? { as: m[2] } : {}) } : undefined;
    this.pythonImports.set(name, bound);
    return bound;
  }

  private readonly pythonImports = new Map<string, { from?: string; as?: string } | undefined>();

  private importSourceIn(name: string): string | undefined {
    if (this.lang === 'python') {
      const bound = this.pythonImport(name);
      return bound && (bound.from ?? bound.as ?? name);
    }
    if (this.lang !== 'js') return undefined;
    const bound = `\\b(?:import|const|let|var)\\b[^;]*?\\b${escape(name)}\\b[^;]*?`;
    const from = new RegExp(`${bound}\\bfrom\\s*['"]([^'"]+)['"]|${bound}=\\s*require\\(\\s*['"]([^'"]+)['"]`).exec(this.c.text);
    return from?.[1] ?? from?.[2];
  }

  /**
   * Where a Vertex AI call without a location of its own runs: this file's vertexai.init, else (`processInit`: an SDK
   * that reads it) another module's, else the environment's location or the SDK default.
   */
  /**
   * The path of the Python module a dotted name read is an attribute of, or the module a name is imported from
   * (`from utils.constants import model`, `import utils.constants as constants` or `from utils import constants` for
   * `constants.model`, `import utils.constants` for `utils.constants.model`): `utils/constants`, relative imports
   * from this file's folder. Undefined where the name's first part is not imported.
   */
  private pythonModuleOf(dotted: string): string | undefined {
    if (this.lang !== 'python') return undefined;
    const parts = dotted.split('.');
    const bound = this.pythonImport(parts[0]);
    if (!bound) return undefined;
    const dots = (module: string) => {
      const up = /^\.*/.exec(module)?.[0].length ?? 0;
      const path = module.slice(up).split('.').filter(Boolean);
      if (!up) return path;
      let folder = dirname(this.c.file);
      for (let i = 1; i < up; i++) folder = dirname(folder);
      return [...(folder ? folder.split('/') : []), ...path];
    };
    const path =
      bound.from !== undefined
        ? [...dots(bound.from), ...parts.slice(0, -1)]
        : bound.as !== undefined
          ? [...dots(bound.as), ...parts.slice(1, -1)]
          : parts.slice(0, -1);
    return path.length ? path.join('/') : undefined;
  }

  private vertexRegion(call: Call, processInit = true): Ref {
    const init = this.vertexInit;
    if (init && init.at.start < call.start) return { kind: 'chain', at: init.at, label: 'vertexai.init', next: init.ref };
    const later = this.callsByName.filter((c) => c.callee === 'vertexai.init' || c.callee === 'aiplatform.init');
    if (later.length) {
      const ref = this.vertexLocation(argOf(later[later.length - 1], 'location'), 'vertexai.init location');
      if (ref)
        return {
          kind: 'chain',
          at: { start: later[later.length - 1].start, end: later[later.length - 1].end },
          label: 'vertexai.init',
          next: ref,
        };
    }
    const at = { start: call.start, end: call.end };
    const ambientLocation: Ref = {
      kind: 'ambient',
      provider: 'gcp',
      at,
      label: `no location: ${knowledge.env.ambientRegion.gcp[0]} or the SDK default`,
    };
    if (!processInit) return ambientLocation;
    return { kind: 'symbol', key: symbolKey.vertexInit, at, label: 'vertexai.init in another module', fallback: ambientLocation };
  }

  // ---- special forms -------------------------------------------------------------------------------------------

  private special(call: Call): void {
    // litellm.completion(model="bedrock/…", aws_region_name=…) (the callee is `litellm.` and the name, or the name alone)
    if ((call.receiver === 'litellm' || call.receiver === '') && litellmFunctions.has(call.name))
      this.routedModel(call, argOf(call, 'model'), undefined, { label: 'LiteLLM call', ...throughLiteLlm });
  }

  /** The client a call by this name makes here: the first of its entries whose module (if any) the file imports. */
  private clientMadeBy(name: string): ClientSpec | undefined {
    return clientSpecs.get(name)?.find((spec) => !spec.imported || this.imports(spec.imported));
  }

  /**
   * The model an SDK's constant names, where the file imports it from the SDK (`gemini15Flash` imported from
   * '@genkit-ai/vertexai', or `vertex.gemini15Flash` on its namespace) and assigns no value of its own to the name.
   */
  private modelConstant(name: string): ModelConstant | undefined {
    let found = this.constantsMemo.get(name);
    if (found === undefined) {
      found = null;
      for (const spec of modelConstantSpecs) {
        if (!this.imports(spec.imported)) continue;
        const constant = this.constantNamed(name, spec);
        // (openai-go's ChatModelGPT4o: the prefix is part of every constant's name)
        const prefix = spec.namePrefix && constant ? new RegExp(`^${spec.namePrefix}(?=[A-Z0-9])`).exec(constant)?.[0] : '';
        const model =
          constant === undefined || prefix === undefined ? undefined : resolveModelConstant(this.c.index, constant.slice(prefix.length));
        if (model) {
          found = { value: model.model.id, reference: `${spec.refPrefix ?? ''}${model.alias}`, label: spec.label };
          break;
        }
      }
      this.constantsMemo.set(name, found);
    }
    return found ?? undefined;
  }

  /** Spring AI's `OpenAiApi.ChatModel.GPT_4_O.getValue()`: the id of an SDK's model constant, the constant itself. */
  private constantValue(call: Call): Val | undefined {
    if (call.args.length || !/^(?:getValue|value|getName|toString|asString)$/.test(call.name) || !call.receiver) return undefined;
    const receiver: Val = { kind: 'name', name: call.receiver, start: call.start, end: call.start + call.receiver.length };
    return this.modelConstant(call.receiver) ? receiver : undefined;
  }

  /**
   * The constant of an SDK a name is, as the SDK names it: JavaScript's imported binding (or a namespace's member), Go's
   * `pkg.Name` on the package's name or the file's alias for it, Java's `Enum.NAME` or a statically imported NAME.
   */
  private constantNamed(name: string, spec: ModelConstantSpec): string | undefined {
    const text = this.c.text;
    const dot = name.lastIndexOf('.');
    const qualifier = dot > 0 ? name.slice(0, dot) : undefined;
    const member = name.slice(dot + 1);
    if (this.lang === 'js') {
      const [head, inner, ...rest] = name.split('.');
      const exported = rest.length ? undefined : this.importBindings(spec.module).get(head);
      return exported === '*' ? inner : inner === undefined ? exported : undefined;
    }
    if (this.lang === 'go') {
      // `openai "github.com/sashabaranov/go-openai"` names the package `openai` in this file (`import "…"` gives none)
      const alias = new RegExp(`(\\w+)\\s+"${escape(spec.module)}(?:/[^"]*)?"`).exec(text)?.[1];
      const names = alias && alias !== 'import' ? [alias] : (spec.qualifiers ?? []);
      return qualifier !== undefined && names.includes(qualifier) ? member : undefined;
    }
    if (this.lang !== 'java' || !spec.qualifiers) return undefined;
    if (qualifier !== undefined) return spec.qualifiers.some((q) => qualifier === q || qualifier.endsWith(`.${q}`)) ? member : undefined;
    // `import static dev.langchain4j.model.openai.OpenAiChatModelName.GPT_4_O_MINI;` (or `.*`)
    const statically = new RegExp(
      `\\bimport\\s+static\\s+${escape(spec.module)}\\.[\\w.]*\\b(?:${spec.qualifiers.map(escape).join('|')})\\.(?:${escape(member)}|\\*)\\s*;?\\s*$`,
      'm',
    );
    return statically.test(text) ? member : undefined;
  }

  /** The names the file imports from a JavaScript package (jsImportBindings), read once per package. */
  private importBindings(module: string): Map<string, string> {
    let bindings = this.bindingsMemo.get(module);
    if (!bindings) this.bindingsMemo.set(module, (bindings = jsImportBindings(this.c.text, module)));
    return bindings;
  }

  /** Whether the file imports a module (its test): asked once per module, not for each call by a common name. */
  private imports(module: RegExp): boolean {
    let found = this.importsMemo.get(module);
    if (found === undefined) this.importsMemo.set(module, (found = module.test(this.c.text)));
    return found;
  }

  /**
   * A call of knowledge.routedModelCalls (CrewAI's LLM, DSPy's LM, LangChain's init_chat_model, a pydantic-ai Agent…):
   * false where it is not one after all (its module not imported, no model given), so that the name is read as the
   * client or agent of another library it may be (vLLM's LLM, a Strands Agent).
   */
  private routedCall(call: Call, spec: RoutedCallSpec): boolean {
    if (this.lang !== 'python' && this.lang !== 'js') return false;
    if (spec.imported && !this.imports(spec.imported)) return false;
    const mv = argOf(call, ...spec.model) ?? (spec.modelAt !== undefined ? positional(call, spec.modelAt) : undefined);
    if (!mv || mv.kind === 'call') return false;
    const provider = spec.provider ? argOf(call, ...spec.provider) : undefined;
    this.routedModel(call, mv, provider && strOf(provider), spec);
    return true;
  }

  /**
   * A model called where its prefix says (`bedrock/…`, `google_vertexai:…`; `provider`: the provider named apart, read
   * as its prefix), in the region of the call's region keywords, else in the platform's environment's.
   */
  private routedModel(
    call: Call,
    mv: Val | undefined,
    provider: string | undefined,
    spec: Pick<RoutedCallSpec, 'label' | 'region' | 'vertexLocationEnv' | 'awsRegionEnv' | 'onClient'>,
  ): void {
    const label = `${spec.label} model`;
    const text = this.texts.text(mv, { want: 'model', role: 'inference', label }) ?? '';
    const platform = platformOfModelText(this.c.index, text, provider) ?? 'provider-managed';
    const regionVal = spec.region ? argOf(call, ...spec.region) : undefined;
    // a call on the app's plugin of that platform (Genkit) runs there; the app's own default model, on the plugin it is
    // made with (`genkit({ plugins: [vertexAI({ location })], model })`)
    const client =
      spec.onClient && text ? (!call.receiver && this.clientWithin(call, platform)) || this.clientFor(call, platform) : undefined;
    if (client?.anchor.platform === platform) {
      const m = this.ref(mv, 'model', 'inference', label);
      if (m) client.anchor.models.push(m);
      return;
    }
    // where the call reads a region when it is passed none
    const environment = {
      bedrock: ambientFrom('aws', call, spec.awsRegionEnv),
      vertex: ambientFrom('gcp', call, spec.vertexLocationEnv),
    };
    // a call on the app made in another module runs on the app's Vertex AI plugin, where that module makes it
    const onPlugin = spec.onClient && platform === 'vertex' ? vertexPlugin : undefined;
    const region =
      (regionVal && this.clientRegion(platform, regionVal, `${spec.label} region`)) ??
      (onPlugin ? pluginRegionRef(onPlugin, { start: call.start, end: call.end }, environment.vertex) : undefined) ??
      (platform === 'bedrock' || platform === 'vertex' ? environment[platform] : undefined);
    const m = this.ref(mv, 'model', 'inference', label);
    const site = this.addClient(call, { platform, label: spec.label }, region);
    if (m) site.anchor.models.push(m);
    // a model read elsewhere: its platform is known once it is resolved
    if (!text) site.anchor.routed = { ...(provider ? { provider } : {}), environment };
  }

  /**
   * The client a value names: the innermost client made in the call assigned to it (`getAI(app, { backend: new
   * VertexAIBackend(…) })` is the backend's).
   */
  private clientPassed(val: Val | undefined, depth = 0): ClientSite | undefined {
    const made = val?.kind === 'name' ? this.assignedAt(val.name, val.start) : val;
    if (made?.kind !== 'call') return undefined;
    // a wrapper given a client made apart (pydantic-ai's `OpenAIProvider(openai_client=client)`): that client
    if (depth < 2)
      for (const arg of made.call.args) {
        const wrapped = arg.val.kind === 'name' ? this.clientPassed(arg.val, depth + 1) : undefined;
        if (wrapped) return wrapped;
      }
    let inner: ClientSite | undefined;
    for (const s of this.clients)
      if (s.call.start >= made.call.start && s.call.end <= made.call.end && (!inner || s.call.start >= inner.call.start)) inner = s;
    return inner;
  }

  /**
   * The value at a dotted path in an object this file assigns (`MODELS.CHAT.MAIN`, `self.config.model`), a key of one
   * level holding dots too.
   */
  private entryOf(written: string): Val | undefined {
    const name = written.replace(/^(?:self|this)\./, '');
    const dot = name.indexOf('.');
    const holder = dot > 0 ? this.assignments.get(name.slice(0, dot)) : undefined;
    return holder && fieldOf(holder, name.slice(dot + 1));
  }

  /**
   * The default of the command-line argument `dest` of an argparse namespace `holder` (`args = parser.parse_args()`):
   * `add_argument("--model-id", default=…)` for `args.model_id`, when the caller gives no such flag.
   */
  private argumentDefault(holder: string, dest: string): Val | undefined {
    const parsed = this.assignments.get(holder);
    if (parsed?.kind !== 'call' || parsed.call.name !== 'parse_args' || !/^\w+$/.test(dest)) return undefined;
    const flag = dest.replace(/_/g, '[-_]');
    const declaration = new RegExp(
      `add_argument\\(\\s*(?:['"]-\\w['"]\\s*,\\s*)?['"](?:--)?${flag}['"](?:(?!add_argument)[^]){0,400}?\\bdefault\\s*=\\s*`,
    ).exec(this.c.text);
    return declaration ? this.reader.valueAt(declaration.index + declaration[0].length) : undefined;
  }

  /** The values a function of this file returns, if it returns any (at most 32). */
  private returnedBy(name: string): Val[] | undefined {
    if (!this.reader.defines(name)) return undefined;
    const values = this.reader.returnValues(name);
    return values.length && values.length <= 32 ? values : undefined;
  }

  /**
   * `path` of each record `holder` may be: a record a run-time key picks from a table of records this file makes
   * (`cfg = ROUTES[name]`, `ROUTES.get(name)`, `ROUTES.find(…)`, `for cfg in ROUTES`, `for (const cfg of ROUTES)`).
   */
  private recordField(holder: string, path: string): Reading<Val> | undefined {
    const table = this.recordTable(holder.replace(/^(?:self|this)\./, ''));
    if (!table) return undefined;
    const items = table.records.map((record) => ({ at: { start: record.start, end: record.end }, node: fieldOf(record, path) }));
    if (!items.some((item) => item.node)) return undefined;
    return { is: 'records', table: table.start, label: `${holder}.${path} (a record of ${table.name})`, items };
  }

  /** The table of records `holder` is picked from (recordField). */
  private recordTable(holder: string): { name: string; start: number; records: Array<Extract<Val, { kind: 'obj' }>> } | undefined {
    if (!/^[A-Za-z_]\w*$/.test(holder)) return undefined;
    const assigned = this.assignments.get(holder);
    // `MODELS.find(…) ?? MODELS[0]`: the pick, whatever its fallback
    const held = assigned?.kind === 'or' ? assigned.options[0] : assigned;
    const picked =
      held?.kind === 'name' && this.c.text.charCodeAt(held.end) === 91 /* [ */
        ? held.name
        : held?.kind === 'call' && (held.call.name === 'get' || held.call.name === 'find') && !held.call.prev
          ? held.call.receiver
          : held
            ? undefined
            : this.loopedOver(holder);
    return picked ? this.recordsIn(picked, true) : undefined;
  }

  /**
   * The table a loop takes `holder` from (`for cfg in ROUTES:`, `for name, cfg in ROUTES.items():`, `for (const cfg of
   * ROUTES)`); memoised by name: a search of the file's text, asked for every dotted name nothing else resolves.
   */
  private loopedOver(holder: string): string | undefined {
    if (this.loopTables.has(holder)) return this.loopTables.get(holder);
    const table = this.loopTable(holder);
    this.loopTables.set(holder, table);
    return table;
  }

  private readonly loopTables = new Map<string, string | undefined>();

  private loopTable(holder: string): string | undefined {
    const loop =
      this.lang === 'python'
        ? new RegExp(`\\bfor\\s+(?:\\w+\\s*,\\s*)?${holder}\\s+in\\s+([A-Za-z_][\\w.]*?)(?:\\.(?:items|values)\\(\\))?\\s*:`)
        : this.lang === 'js'
          ? new RegExp(`\\bfor\\s*\\(\\s*(?:const|let|var)\\s+${holder}\\s+of\\s+([A-Za-z_][\\w.]*)\\s*\\)`)
          : undefined;
    return loop?.exec(this.c.text)?.[1];
  }

  /**
   * The records of a table this file assigns: a list or dict/object literal of object literals (at most 64), or a
   * dict comprehension keying another such table's records (`{r["name"]: r for r in ROUTES}`).
   */
  private recordsIn(name: string, followComprehension: boolean): ReturnType<CodeAnalysis['recordTable']> {
    const table = this.assignments.get(name);
    if (table?.kind !== 'obj' && table?.kind !== 'list') return undefined;
    const records = table.kind === 'list' ? table.items : table.entries.map((e) => e.val);
    if (records.length && records.length <= 64 && records.every((r) => r.kind === 'obj'))
      return { name, start: table.start, records: records as Array<Extract<Val, { kind: 'obj' }>> };
    const comprehension =
      followComprehension && !records.length
        ? /:\s*(\w+)\s+for\s+(\w+)\s+in\s+([A-Za-z_][\w.]*)\s*\}$/.exec(this.c.text.slice(table.start, table.end))
        : undefined;
    return comprehension && comprehension[1] === comprehension[2] ? this.recordsIn(comprehension[3], false) : undefined;
  }

  /** A client of the platform made in a call's arguments. */
  private clientWithin(call: Call, platform: Platform): ClientSite | undefined {
    return this.clients.find((s) => s.anchor.platform === platform && s.call.start > call.start && s.call.end <= call.end);
  }

  /** The client a call is made on: its receiver's assignment, the enclosing send(), or the only client of its kind. */
  private clientFor(call: Call, platform?: Platform): ClientSite | undefined {
    const roots = [
      call.receiver,
      call.receiver.split('.')[0],
      call.receiver.replace(
        /\.(chat\.completions|completions|responses|embeddings|messages|models|aio\.models|chat|beta\.chat\.completions|beta\.messages|aio)$/,
        '',
      ),
    ];
    for (const root of roots) {
      if (!root) continue;
      const v = this.assignedAt(root, call.start) ?? this.assignedAt(root.replace(/^(self|this)\./, ''), call.start);
      if (v?.kind === 'call') {
        const site = this.clients.find(
          (s) =>
            s.call === v.call ||
            (s.call.start === v.call.start && s.call.end === v.call.end) ||
            (v.call.end >= s.call.end && v.call.start <= s.call.start && s.call.name === v.call.name),
        );
        if (site) return site;
      }
      // a receiver that is itself a client call: boto3.client(…).converse(…)
      const direct = this.clients.find((s) => call.prev && s.call.start === call.prev.start && s.call.end === call.prev.end);
      if (direct) return direct;
    }
    // enclosing client.send(new ConverseCommand(…))
    const enclosing = this.callsByName.find((c) => c.name === 'send' && c.start < call.start && c.end >= call.end);
    if (enclosing) {
      const site = this.clientFor(enclosing, platform);
      if (site) return site;
    }
    const candidates = this.clients.filter(
      (s) => !platform || s.anchor.platform === platform || (platform === 'provider-managed' && s.anchor.platform === 'azure-openai'),
    );
    if (candidates.length === 1) return candidates[0];
    const before = candidates.filter((s) => s.call.start < call.start);
    // made further down only (a factory method below its callers, one client per branch): the file's clients, when
    // they are all of one platform
    return before.length || !candidates.length
      ? before[before.length - 1]
      : candidates.every((s) => s.anchor.platform === candidates[0].anchor.platform)
        ? candidates[0]
        : undefined;
  }

  /**
   * What `name` holds where `offset` reads it: of a name assigned more than once (a `client` in each function), the
   * last assignment before the offset, if any; else its last assignment.
   */
  private assignedAt(name: string, offset: number): Val | undefined {
    if (!this.repeated) {
      const all = new Map<string, Assignment[]>();
      for (const a of this.reader.assignments) {
        const list = all.get(a.name);
        if (list) list.push(a);
        else all.set(a.name, [a]);
      }
      this.repeated = new Map([...all].filter(([, list]) => list.length > 1));
    }
    const before = this.repeated.get(name)?.filter((a) => a.start < offset);
    return before?.length ? before[before.length - 1].val : this.assignments.get(name);
  }

  private repeated?: Map<string, Assignment[]>;

  /** The `send(…)` an AWS SDK command made here goes through: the one around it, or one passed the name it is kept under. */
  private sentBy(command: Call): Call | undefined {
    const sends = this.callsByName.filter((c) => c.name === 'send');
    const around = sends.find((c) => c.start < command.start && c.end >= command.end);
    if (around) return around;
    let kept: string | undefined;
    for (const [name, v] of this.assignments)
      if (v.kind === 'call' && v.call.start === command.start && v.call.end === command.end) kept = name;
    return kept === undefined
      ? undefined
      : sends.find((c) => {
          const sent = positional(c, 0);
          return sent?.kind === 'name' && sent.name === kept;
        });
  }

  private modelCall(call: Call): void {
    // AI SDK: provider('id'), provider.textEmbedding('id'), with providers from create…() factories too
    if (this.lang === 'js' && !call.receiver && (this.isAiSdkProvider(call.name) || this.importedProvider(call.name, call)))
      return this.aiSdkModel(call, call.name);
    if (
      this.lang === 'js' &&
      aiSdkMethods.has(call.name) &&
      !call.receiver.includes('.') &&
      (this.isAiSdkProvider(call.receiver) || this.importedProvider(call.receiver, call))
    )
      return this.aiSdkModel(call, call.receiver);
    const spec = modelCalls.get(call.name);
    if (spec) {
      if (call.name === 'from_pretrained' || call.name === 'fromPretrained') return this.fromPretrained(call);
      if ((spec.receiver && !spec.receiver.test(call.receiver)) || (spec.lang && spec.lang !== this.lang)) return;
      // Go passes the context first: client.Models.GenerateContent(ctx, model, …)
      const shift = this.lang === 'go' && isGoContext(positional(call, 0)) ? 1 : 0;
      const mv = argOf(call, ...spec.model) ?? (spec.modelAt !== undefined ? positional(call, spec.modelAt + shift) : undefined);
      if (!mv) return;
      const isOllama = /ollama/i.test(call.receiver);
      let platform: Platform | undefined = spec.platform ?? (isOllama ? 'self-hosted' : undefined);
      // the Vertex AI SDK's model class, or the Gemini API's of the same name where the file imports that SDK
      // (in Python, the module the class or its module's alias is imported from says which, where a file imports both)
      if (call.name === 'GenerativeModel' || call.name === 'getGenerativeModel') {
        const from = this.lang === 'python' ? this.importSource(call.receiver.split('.')[0] || call.name) : undefined;
        platform = from?.startsWith('vertexai')
          ? 'vertex'
          : from?.startsWith('google.generativeai') || geminiApiImports.some((module) => this.imports(module))
            ? 'provider-managed'
            : 'vertex';
      }
      // a client passed (Firebase's getGenerativeModel(ai, …) first, an agent framework's model class by keyword): the
      // model runs where that client does
      const passed = spec.client
        ? this.clientPassed(argOf(call, ...spec.client))
        : call.receiver === ''
          ? this.clientPassed(positional(call, 0))
          : undefined;
      if (passed) platform = passed.anchor.platform;
      // a reference on an app's plugin made in another module: it runs where that plugin does (a name this file assigns,
      // such as a Vertex AI client called vertexAI, is no plugin)
      const plugin =
        pluginClients.has(call.receiver) && !this.clients.some((s) => s.call.name === call.receiver) && !this.assignments.has(call.receiver)
          ? clientSpecs.get(call.receiver)?.[0]
          : undefined;
      if (plugin) {
        const m = this.ref(mv, 'model', 'inference', `${call.name} model`);
        if (!m) return;
        this.addClient(
          call,
          { platform: plugin.platform, label: spec.label },
          plugin.platform === 'vertex'
            ? pluginRegionRef(
                call.receiver,
                { start: call.start, end: call.end },
                this.madeElsewhere(call.receiver, call, this.vertexRegion(call)),
              )
            : undefined,
        ).anchor.models.push(m);
        return;
      }
      // a client imported from a module of the workspace: the platform it was made for decides (pairing), not another
      // client this file makes
      // (an AWS SDK command runs on the client that sends it: `runtime.send(command)`)
      const sender = call.receiver === '' && /Command$/.test(call.name) ? (this.sentBy(call) ?? call) : call;
      const holder = sender.receiver.split('.')[0];
      const madeBy = passed ? undefined : this.elsewhere(holder, sender, symbolKey.clientKind, { imported: true });
      // Semantic Kernel's builder is no SDK client: the extension says the platform itself
      // (a class that takes its client by keyword and is given none calls its own default, not another client here)
      const site = spec.clientless || madeBy || (spec.client && !passed) ? undefined : (passed ?? this.clientFor(call, platform));
      if ((site && site.anchor.platform === 'azure-openai') || (!site && platform === 'azure-openai')) {
        this.deployment(site ?? this.addClient(call, { platform: 'azure-openai', label: spec.label }, undefined), mv);
        return;
      }
      const m = this.ref(mv, 'model', 'inference', `${call.name} model${isOllama ? ' (ollama)' : ''}`);
      if (!m) return;
      if (site && (!platform || site.anchor.platform === platform || (platform === 'vertex' && site.anchor.platform === 'vertex'))) {
        site.anchor.models.push(m);
        return;
      }
      // google-genai's client.models made elsewhere (another module): Vertex AI or the Gemini API, by its env switch
      if (!site && !platform && /(^|\.)(models|Models)$/.test(call.receiver)) {
        const at = { start: call.start, end: call.end };
        const genaiSite = this.addClient(
          call,
          { platform: 'vertex', label: 'google-genai client (made elsewhere)' },
          {
            kind: 'symbol',
            key: symbolKey.genaiClientRegion,
            at,
            label: 'the google-genai client made elsewhere',
            fallback: ambient('gcp', at),
          },
        );
        genaiSite.anchor.vertexSwitch = true;
        genaiSite.anchor.models.push(m);
        return;
      }
      const literal = localFinding(m);
      // (an SDK's constant says its platform as the SDK's references spell it)
      const textPlatform = literal ? platformOfModelText(this.c.index, this.constantReferences.get(literal) ?? literal.text) : undefined;
      const p = platform ?? textPlatform ?? 'provider-managed';
      // no client here: a Bedrock client made in another module of the project (passed in, imported) makes the call
      const at = { start: call.start, end: call.end };
      // (the client imported under that name first, if its module made it with a region)
      const region: Ref | undefined =
        p === 'bedrock'
          ? this.madeElsewhere(holder, sender, {
              kind: 'symbol',
              key: symbolKey.bedrockClientRegion,
              at,
              label: 'the Bedrock client made elsewhere',
              fallback: ambient('aws', at),
            })
          : p === 'vertex'
            ? this.madeElsewhere(call.receiver, call, this.vertexRegion(call))
            : undefined;
      const anchor = this.addClient(call, { platform: p, label: spec.label }, region).anchor;
      anchor.models.push(m);
      if (madeBy) anchor.madeBy = madeBy;
      return;
    }
  }

  private fromPretrained(call: Call): void {
    const mv = positional(call, 0) ?? argOf(call, 'pretrained_model_name_or_path', 'model_name');
    const vertexClass = vertexPretrainedClasses.has(call.receiver.split('.').pop() ?? '');
    const m = this.ref(mv, 'model', 'inference', `${call.receiver}.from_pretrained`);
    if (!m) return;
    if (vertexClass) this.addClient(call, { platform: 'vertex', label: 'Vertex AI model' }, this.vertexRegion(call)).anchor.models.push(m);
    else this.addClient(call, { platform: 'self-hosted', label: 'Hugging Face model' }, undefined).anchor.models.push(m);
  }

  /** Vercel AI SDK: bedrock('id'), openai('gpt-4o'), vertex('gemini…'), azure('deployment'), google.textEmbedding('…'). */
  private aiSdkModel(call: Call, provider: string): void {
    const mv = positional(call, 0);
    if (!mv || (mv.kind !== 'str' && mv.kind !== 'env' && mv.kind !== 'name' && mv.kind !== 'or')) return;
    const factory = this.callsByName.find(
      (c) =>
        aiSdkFactory.test(c.name) && this.reader.assignments.some((a) => a.name === provider && a.val.kind === 'call' && a.val.call === c),
    );
    const kind = factory ? factory.name.replace(/^create/, '').toLowerCase() : provider;
    const platform: Platform = /bedrock/.test(kind)
      ? 'bedrock'
      : /^vertex/.test(kind)
        ? 'vertex'
        : /^azure/.test(kind)
          ? 'azure-openai'
          : kind === 'ollama'
            ? 'self-hosted'
            : 'provider-managed';
    if (mv.kind === 'str' && modelShape(mv.tok.text) === 'none' && platform !== 'azure-openai' && !/[:/\d]/.test(mv.tok.text)) return;
    let site = factory ? this.clients.find((s) => s.call.start === factory.start) : undefined;
    if (!site && !this.isAiSdkProvider(provider)) {
      // a provider another module makes: the platform it was made for decides (pairing), the name only guesses it
      site = this.addClient(call, { platform, label: `AI SDK provider ${provider}` }, undefined);
      site.anchor.madeBy = this.elsewhere(provider, call, symbolKey.clientKind, { imported: true });
      site.anchor.onlyIfMade = true;
      const m = this.ref(mv, 'model', 'mention', `AI SDK model ${call.callee}()`, 0, true);
      if (m?.kind === 'finding') m.finding.untilRead = true;
      if (m) site.anchor.models.push(m);
      return;
    }
    if (!site) {
      const region: Ref | undefined =
        platform === 'bedrock'
          ? ambient('aws', call)
          : platform === 'vertex'
            ? ambientFrom('gcp', call, knowledge.aiSdk.vertexLocationEnv)
            : undefined;
      site = this.addClient(call, { platform, label: `AI SDK ${provider} provider` }, region && this.madeElsewhere(provider, call, region));
    }
    if (platform === 'azure-openai') return this.deployment(site, mv);
    const m = this.ref(mv, 'model', 'inference', `AI SDK model ${call.callee}()`, 0, true);
    if (m) site.anchor.models.push(m);
  }

  /**
   * A name this JS file imports from a module of the workspace and calls with a model id (`azureEmb('gpt-4.1')`,
   * `azureEmb.textEmbeddingModel('text-embedding-3-small')`): an AI SDK provider that module makes (`export const
   * azureEmb = createAzure(…)`), whatever its name.
   */
  private importedProvider(name: string, call: Call): boolean {
    if (!this.importedFromWorkspace(name)) return false;
    const id = positional(call, 0);
    return id?.kind === 'str' && modelShape(id.tok.text) !== 'none';
  }

  /** A name a JS file imports from a module of the workspace (a relative or aliased path), and does not assign. */
  private importedFromWorkspace(name: string): boolean {
    if (this.lang !== 'js') return false;
    this.workspaceImports ??= jsWorkspaceImports(this.c.text);
    return this.workspaceImports.has(name) && !this.assignments.has(name);
  }

  private workspaceImports?: Set<string>;
  private callsAiSdk?: boolean;

  /** A name that is an AI SDK provider: a well-known export, or what a create…() factory returned. */
  private isAiSdkProvider(name: string): boolean {
    return aiSdkProviders.has(name) || this.factoryProvidersOf().has(name);
  }

  /**
   * The file's own AI SDK providers, found once (the passes ask about most calls): the names it imports from a provider
   * package (`fireworks`, `gateway`) and those it gives what a factory returned (`const bedrock = createAmazonBedrock(…)`,
   * a factory from a provider package too).
   */
  private factoryProvidersOf(): Set<string> {
    if (!this.factoryProviders) {
      this.factoryProviders = new Set();
      const factories = new Set<string>();
      for (const scope of knowledge.aiSdk.providerPackages)
        if (this.c.text.includes(scope))
          for (const [local, exported] of this.importBindings(scope))
            if (/^create[A-Z]/.test(exported)) factories.add(local);
            else if (/^[a-z]/.test(exported)) this.factoryProviders.add(local);
      for (const [assigned, v] of this.assignments)
        if (
          v.kind === 'call' &&
          (factories.has(v.call.name) || knowledge.aiSdk.providerFactoryPrefixes.some((prefix) => v.call.name.startsWith(prefix)))
        )
          this.factoryProviders.add(assigned);
    }
    return this.factoryProviders;
  }

  private factoryProviders?: Set<string>;

  // ---- CDK -------------------------------------------------------------------------------------------------------

  private cdk(call: Call): void {
    // stack env: { env: { region } } or env=cdk.Environment(region=…)
    const env = argOf(call, 'env');
    let regionVal: Val | undefined;
    if (env?.kind === 'obj') regionVal = env.entries.find((e) => e.key === 'region')?.val;
    if (env?.kind === 'call' && /Environment$/.test(env.call.name)) regionVal = argOf(env.call, 'region');
    if (regionVal) {
      const ref = this.ref(regionVal, 'region', 'deployment', 'CDK stack env.region');
      if (ref) this.c.facts.symbols.push({ key: symbolKey.cdkStackRegion(this.lang), value: ref, priority: 1 });
    }
    const stackRegion: Ref = {
      kind: 'symbol',
      key: symbolKey.cdkStackRegion(this.lang),
      at: { start: call.start, end: call.end },
      label: 'the stack region',
      fallback: ambient('aws', call, 'the CLI profile', knowledge.env.cdkDefaultRegion),
    };
    if (cdkBedrock.has(call.name)) {
      const models: Ref[] = [];
      // fromFoundationModelId(scope, id, modelId); new BedrockFoundationModel(modelId) (generative-ai-cdk-constructs)
      const candidates = [
        positional(call, call.name === 'BedrockFoundationModel' ? 0 : 2),
        argOf(call, 'foundation_model', 'foundationModel', 'model', 'modelId', 'model_id'),
      ];
      for (const v of candidates) {
        const m = this.ref(v, 'model', 'inference', `CDK ${call.name}`);
        if (m && !(m.kind === 'state')) models.push(m);
      }
      if (models.length)
        this.c.facts.anchors.push({
          at: { start: call.start, end: call.end },
          label: `CDK ${call.name}`,
          platform: 'bedrock',
          models,
          region: stackRegion,
        });
    }
    // a SageMaker endpoint the stack makes hosts its model in the stack's region
    const hosted = cdkSageMaker.has(call.name)
      ? this.ref(argOf(call, 'modelId', 'model_id'), 'model', 'inference', `CDK ${call.name}`)
      : undefined;
    if (hosted && hosted.kind !== 'state')
      this.c.facts.anchors.push({
        at: { start: call.start, end: call.end },
        label: `CDK ${call.name} (SageMaker endpoint)`,
        platform: 'self-hosted',
        models: [hosted],
        region: stackRegion,
      });
    // functions: environment: { MODEL_ID: … } runs in the stack region
    const environment = argOf(call, 'environment');
    if (environment?.kind === 'obj' && /Function|NodejsFunction|PythonFunction|DockerImageFunction|defineFunction/.test(call.name)) {
      const vars: EnvVar[] = [];
      for (const e of environment.entries) {
        const want = isRegionKey(e.key) ? 'region' : isModelKey(e.key) ? 'model' : undefined;
        const value = want
          ? this.ref(
              e.val,
              want,
              want === 'region' && serviceHint(e.key) ? 'inference' : 'deployment',
              `CDK ${call.name} environment ${e.key}`,
            )
          : undefined;
        vars.push({
          name: e.key,
          value: value ?? { kind: 'state', state: 'unresolved', at: { start: e.keyStart, end: e.keyEnd }, note: e.key },
          at: { start: e.keyStart, end: e.keyEnd },
        });
      }
      // the Lambda runtime sets the SDK's region variable to the stack's region
      vars.push({ name: knowledge.env.ambientRegion.aws[0], value: stackRegion, at: { start: call.start, end: call.end } });
      const scope: EnvScope = { id: `${this.c.file}#${call.start}`, kind: 'function', vars };
      const codeRoot = this.cdkCodeRoot(call);
      if (codeRoot !== undefined) scope.codeRoot = codeRoot;
      this.c.facts.scopes.push(scope);
    }
  }

  /**
   * The folder of a CDK function's code, whose modules its environment serves: `code: Code.fromAsset('src')` (or `new
   * AssetCode(…)`, `DockerImageCode.fromImageAsset(…)`), or an `entry` (NodejsFunction's file, PythonFunction's folder).
   * A path joined to `__dirname` is the stack file's; a plain one is the app's, which `cdk` runs from the folder above
   * the stack's lib/ (or bin/, stacks/), or for a Python app, the folder above the stack's package.
   */
  private cdkCodeRoot(call: Call): string | undefined {
    // Amplify's defineFunction: its `entry` (default ./handler.ts) is a path from the resource file's folder
    if (call.name === 'defineFunction') {
      const entry = argOf(call, 'entry');
      return entry?.kind === 'str' ? dirname(joinPath(dirname(this.c.file), entry.tok.text)) : entry ? undefined : dirname(this.c.file);
    }
    const code = argOf(call, 'code');
    const asset =
      code?.kind === 'call' && /^(?:fromAsset|AssetCode|fromImageAsset|fromDockerBuild)$/.test(code.call.name)
        ? positional(code.call, 0)
        : undefined;
    const entry = asset ? undefined : argOf(call, 'entry');
    const path = this.cdkPath(asset ?? entry);
    if (path === undefined) return undefined;
    const folder = entry && /\.[cm]?[jt]sx?$|\.py$/.test(path) ? dirname(path) : path;
    return folder.replace(/\/+$/, '');
  }

  /** A path a CDK stack names, relative to the workspace: joined to the stack file's folder, or to the app's. */
  private cdkPath(val: Val | undefined): string | undefined {
    const here = dirname(this.c.file);
    if (val?.kind === 'str') {
      const stack = here.split('/');
      const lib = Math.max(stack.lastIndexOf('lib'), stack.lastIndexOf('bin'), stack.lastIndexOf('stacks'));
      const app = lib >= 0 ? stack.slice(0, lib).join('/') : this.lang === 'python' ? dirname(here) : here;
      return joinPath(app, val.tok.text);
    }
    // path.join(__dirname, '..', 'lambda'), os.path.join(os.path.dirname(__file__), 'lambda')
    if (val?.kind !== 'call' || !/^(?:join|resolve)$/.test(val.call.name)) return undefined;
    const [base, ...parts] = val.call.args.map((a) => a.val);
    const fromHere = (base?.kind === 'name' && base.name === '__dirname') || (base?.kind === 'call' && base.call.name === 'dirname');
    if (!fromHere || !parts.every((p) => p.kind === 'str')) return undefined;
    return joinPath(here, parts.map((p) => (p.kind === 'str' ? p.tok.text : '')).join('/'));
  }

  // ---- everything else ---------------------------------------------------------------------------------------------

  /** Region and model keys in the arguments of other calls (an S3 client's region is a deployment setting). */
  private leftovers(call: Call): void {
    // (indexed loops: these run for every call, most of them cold)
    const args = call.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.key) this.keyedSetting(call.callee, a.key, a.val, 0);
      else if (a.val.kind === 'obj') this.keyedSettings(call.callee, a.val.entries, 0);
    }
  }

  /**
   * What a call passes for the parameters of a function or class the workspace may define (symbolKey.callArgument):
   * each argument a region or a model by its keyword, by the name it is read from (`settings.gcp_location`) or by its
   * shape. An SDK's calls (named), env reads and definitions (`def f(region)`, `function f(region) {`) are passed over.
   */
  private callArguments(call: Call): void {
    // the arguments that may be a region or a model first: most calls pass none, and the other tests cost more
    const passed: Array<{ param: string; val: Val; want: Want; keyed: boolean }> = [];
    const args = call.args;
    let position = 0;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.key !== undefined) {
        this.passing(passed, a.key, a.key, a.val);
        continue;
      }
      const at = `#${position++}`;
      if (a.val.kind === 'obj') for (const e of a.val.entries) this.passing(passed, `${at}.${e.key}`, e.key, e.val);
      else this.passing(passed, at, hintOf(a.val), a.val);
    }
    if (!passed.length || this.definesFunction(call) || this.reader.callValue(call).kind === 'env') return;
    const callee = this.calleeOf(call);
    if (!callee) return;
    // a call by an SDK method's name (`generate`) counts only as the function of a workspace module it is imported from
    // (`gen.generate(…)` after `import utils.gen as gen`), keyed by that module: an SDK's own call binds to nothing
    const module = this.named(call.name) ? (callee === call.name ? this.importedModule(call) : undefined) : null;
    if (module === undefined) return;
    for (const { param, val, want, keyed } of passed) {
      // a value another pass read already (a keyword's setting) is that finding
      const read = val.kind === 'str' && this.used.has(val.tok) ? this.foundAt(val.tok, want) : undefined;
      if (val.kind === 'str' && this.used.has(val.tok) && !read) continue;
      // a value told by its shape alone is a mention until a model call reads it (pairing promotes it)
      const ref = read ?? this.ref(val, want, keyed ? 'deployment' : 'mention', `${call.callee}(…) ${param}`);
      const entry = !keyed && !read && ref ? localFinding(ref) : undefined;
      if (entry?.role === 'mention') entry.untilRead = true;
      if (ref) this.c.facts.symbols.push({ key: symbolKey.callArgument(callee, param, module ?? undefined), value: ref, priority: 1 });
    }
  }

  /**
   * An argument that is a region or a model, added to `passed`: by its keyword or the name it is read from (`hint`), by
   * the shape of a default after `??` or `||` (a setting), else by the shape of the string it is or a name holds.
   */
  private passing(
    passed: Array<{ param: string; val: Val; want: Want; keyed: boolean }>,
    param: string,
    hint: string | undefined,
    val: Val,
  ): void {
    const last = val.kind === 'or' ? val.options[val.options.length - 1] : undefined;
    const keyed =
      (hint === undefined ? undefined : isRegionKey(hint) ? 'region' : isModelKey(hint) ? 'model' : undefined) ??
      (last ? this.shapeOf(last) : undefined);
    const want = keyed ?? this.shapeOf(val);
    if (want) passed.push({ param, val, want, keyed: keyed !== undefined });
  }

  /**
   * The name a call's function is defined by (parameters.ts): its own, or `Class.method` for a method called on
   * `self`/`this` in its class, on the class or on an instance of it this file makes (`bot = Bot()`, `self.bot = Bot()`).
   * Undefined for a method of an object of unknown class, or of a call's result.
   */
  private calleeOf(call: Call): string | undefined {
    // (a method of what another call returns: `z.string().default(…)`)
    if (call.prev) return undefined;
    const receiver = call.receiver;
    if (!receiver) return call.name;
    if (receiver === 'self' || receiver === 'this') {
      const owner = this.reader.classAt(call.start);
      return owner && `${owner}.${call.name}`;
    }
    const holder = this.assignments.get(receiver);
    const owner =
      this.types.get(receiver) ??
      (holder?.kind === 'call' && /^[A-Z]\w*$/.test(holder.call.name)
        ? holder.call.name
        : /^[A-Z]\w*$/.test(receiver)
          ? receiver
          : undefined);
    if (owner) return `${owner}.${call.name}`;
    // a module's function (`llm.make_client(…)`), or a class it exports (`models.GeminiClient(…)`)
    return /^[a-z_$][\w$]*$/.test(receiver) && !holder ? call.name : undefined;
  }

  /**
   * The path of the workspace module a function called here is defined in, as moduleOf names a file's: this file, Python
   * `import utils.gen as gen` or `from utils.gen import generate` (relative imports from this file's folder), JS
   * `import { chat } from './llm'` or a root alias (`@/lib/llm`). Undefined for a package's function or a name not
   * imported.
   */
  private importedModule(call: Call): string | undefined {
    const receiver = call.receiver;
    if (!receiver && this.reader.defines(call.name)) return moduleOf(this.c.file);
    if (this.lang === 'python') return this.pythonModuleOf(receiver ? `${receiver}.${call.name}` : call.name);
    if (this.lang !== 'js' || (receiver && !/^[A-Za-z_$][\w$]*$/.test(receiver))) return undefined;
    const source = this.importSource(receiver ?? call.name);
    if (source?.startsWith('.')) return moduleOf(joinPath(dirname(this.c.file) || '.', source));
    return source && /^(?:@|~)\//.test(source) ? moduleOf(source.slice(2)) : undefined;
  }

  /** What a string, or a name of this file assigned one, is by its shape (literalShape). */
  private shapeOf(val: Val): Want | undefined {
    return val.kind === 'str' ? literalShape(this.c, val.tok.text) : val.kind === 'name' ? this.heldShape(val.name) : undefined;
  }

  /**
   * The names of this file assigned a string that is a region or a model id by its shape (literalShape), with that
   * shape: worked out once, for the parser's interest (CallInterest.literalNames) and for the arguments read.
   */
  private get held(): ReadonlyMap<string, Want> {
    if (!this.heldMemo) {
      this.heldMemo = new Map();
      for (const [name, val] of this.assignments) {
        const shape = val.kind === 'str' && !name.includes('.') ? literalShape(this.c, val.tok.text) : undefined;
        if (shape) this.heldMemo.set(name, shape);
      }
    }
    return this.heldMemo;
  }

  private heldMemo?: Map<string, Want>;

  /** What the string a name of this file is assigned is by its shape (held), the name's last part looked up. */
  private heldShape(name: string): Want | undefined {
    return this.held.get(name.slice(name.lastIndexOf('.') + 1));
  }

  /** Whether a call read is a function's definition: `def f(…)`, `function f(…)`, a method's `name(…) {`. */
  private definesFunction(call: Call): boolean {
    const t = this.reader.tokens;
    if (t.isId(call.index - 1, 'def') || t.isId(call.index - 1, 'function') || call.name === 'constructor') return true;
    if (this.lang !== 'js') return false;
    const after = t.indexAt(call.end);
    return t.isPunct(after, '{') || (t.isPunct(after, ':') && t.nl(call.index));
  }

  /** Region and model keys of an argument, at any depth (a Step Functions task's Parameters.ModelId). */
  private keyedSettings(owner: string, entries: readonly Entry[], depth: number): void {
    for (let i = 0; i < entries.length; i++) this.keyedSetting(owner, entries[i].key, entries[i].val, depth);
  }

  /** One key of keyedSettings (a keyword argument is one, read without an entry made for it). */
  private keyedSetting(owner: string, key: string, val: Val, depth: number): void {
    if (depth < 6 && val.kind === 'obj') this.keyedSettings(owner, val.entries, depth + 1);
    if (depth < 6 && val.kind === 'list')
      for (const item of val.items) if (item.kind === 'obj') this.keyedSettings(owner, item.entries, depth + 1);
    // a model ARN under a model key (embeddingModelArn, modelArn), not a policy's resource list
    if (
      (val.kind === 'str' || val.kind === 'tmpl') &&
      !this.used.has(val.tok) &&
      isModelKey(key) &&
      this.bedrockArn(this.c.text.slice((val.tok.inner ?? val.tok).start, (val.tok.inner ?? val.tok).end), val.tok.inner ?? val.tok)
    ) {
      this.used.add(val.tok);
      return;
    }
    if (val.kind !== 'str' || this.used.has(val.tok)) return;
    const inner = val.tok.inner ?? { start: val.tok.start, end: val.tok.end };
    if (isRegionKey(key)) {
      this.used.add(val.tok);
      this.c.region(inner.start, inner.end, 'deployment', `${owner} ${key}`, { keyed: true });
    } else if (isModelKey(key)) {
      this.used.add(val.tok);
      this.c.model(inner.start, inner.end, 'deployment', `${owner} ${key}`, { keyed: true });
    }
  }

  /**
   * Model settings no client of this file uses that name a Bedrock cross-region profile (`global.…`, `eu.…`): the
   * profile alone says where they run, whichever client reads them.
   */
  private profileSettings(): void {
    const claimed = new Set<Finding>();
    const visit = (ref: Ref | undefined): void => {
      if (!ref) return;
      if (ref.kind === 'finding') claimed.add(ref.finding);
      else if (ref.kind === 'chain') visit(ref.next);
      else if (ref.kind === 'all') ref.refs.forEach(visit);
      else if (ref.kind === 'env' || ref.kind === 'symbol') visit(ref.fallback);
    };
    for (const site of this.clients) site.anchor.models.forEach(visit);
    for (const anchor of this.c.facts.anchors) anchor.models.forEach(visit);
    for (const f of this.c.findings) {
      if (f.kind !== 'model' || !f.geo || f.role === 'mention' || claimed.has(f) || platformOfModelText(this.c.index, f.text) !== 'bedrock')
        continue;
      this.c.facts.anchors.push({
        at: f.range,
        label: `Bedrock ${f.geo} profile setting`,
        platform: 'bedrock',
        models: [{ kind: 'finding', finding: f }],
        region: ambient('aws', f.range),
      });
    }
  }

  /**
   * Python settings classes (pydantic BaseSettings/BaseModel, dataclasses): a field's default is what code reading
   * `settings.field` gets (symbol objectMember(settings, field) for each module-level instance); pydantic-settings lets
   * the env var PREFIX+FIELD override it, and its fields are the environment of the code beside it (an env scope).
   */
  private settingsClasses(): void {
    const text = this.c.text;
    const published = new Map<string, Map<string, Ref>>();
    const nested: Array<{ owners: string[]; field: string; type: string }> = [];
    // the assignments are in the order of their starts (CodeReader.assignments): a class's fields are found by a search
    const assignments = this.reader.assignments;
    // made at the first class: the names given an instance of each class (a file of many classes looked through every
    // assignment for each)
    let instancesOf: Map<string, string[]> | undefined;
    for (const m of classStatements(text)) {
      const [, name, bases = ''] = m;
      const bodyStart = (m.index ?? 0) + m[0].length;
      const end = /\n(?=[^\s#])/g;
      end.lastIndex = bodyStart;
      const bodyEnd = end.exec(text)?.index ?? text.length;
      let from = 0;
      for (let hi = assignments.length; from < hi;) {
        const mid = (from + hi) >> 1;
        if (assignments[mid].start <= bodyStart) from = mid + 1;
        else hi = mid;
      }
      const fields: Assignment[] = [];
      for (let k = from; k < assignments.length && assignments[k].start < bodyEnd; k++)
        if (!assignments[k].name.includes('.')) fields.push(assignments[k]);
      const indent = Math.min(...fields.map((a) => a.start - text.lastIndexOf('\n', a.start - 1) - 1));
      const own = fields.filter((a) => a.start - text.lastIndexOf('\n', a.start - 1) - 1 === indent);
      const envSettings = /\bBaseSettings\b/.test(bases);
      // pydantic-settings fields declared with no default (`gcp_location: str`): only the environment sets them
      const required = envSettings ? declaredOnly(text, bodyStart, bodyEnd).filter((f) => !own.some((a) => a.name === f.name)) : [];
      if (!own.length && !required.length) continue;
      // (the env names, which the prefix and case sensitivity make, are those of env settings only)
      const body = envSettings ? text.slice(bodyStart, bodyEnd) : '';
      const prefix = envSettings ? (/env_prefix\s*=\s*["']([^"']*)["']/.exec(body)?.[1] ?? '') : '';
      const caseSensitive = envSettings && /case_sensitive\s*=\s*True/.test(body);
      if (!instancesOf) {
        instancesOf = new Map();
        for (const a of this.reader.assignments)
          if (a.topLevel && a.val.kind === 'call') {
            const names = instancesOf.get(a.val.call.name);
            if (names) names.push(a.name);
            else instancesOf.set(a.val.call.name, [a.name]);
          }
      }
      const instances = instancesOf.get(name) ?? [];
      const vars: EnvVar[] = [];
      for (const f of own) {
        const envName = caseSensitive ? `${prefix}${f.name}` : `${prefix}${f.name}`.toUpperCase();
        const want = isRegionKey(f.name) ? 'region' : isModelKey(f.name) ? 'model' : undefined;
        const at = { start: f.start, end: f.start + f.name.length };
        const literal =
          want && (f.val.kind === 'str' || f.val.kind === 'env' || f.val.kind === 'or')
            ? this.ref(f.val, want, 'deployment', `${name}.${f.name} default`)
            : undefined;
        if (envSettings)
          vars.push({
            name: envName,
            value: literal ?? { kind: 'state', state: 'unresolved', at, note: envName },
            at,
            ...(f.val.kind === 'str' ? { text: f.val.tok.text } : {}),
          });
        if (f.val.kind === 'call' && /^[A-Z]\w*$/.test(f.val.call.name))
          nested.push({ owners: [name, ...instances], field: f.name, type: f.val.call.name });
        if (!literal) continue;
        const value: Ref = envSettings ? { kind: 'env', names: [envName], fallback: literal, at, label: envName } : literal;
        published.set(name, (published.get(name) ?? new Map()).set(f.name, value));
        for (const owner of [name, ...instances])
          this.c.facts.symbols.push({ key: symbolKey.objectMember(owner, f.name), value, priority: 1 });
      }
      for (const f of required) {
        if (!isRegionKey(f.name) && !isModelKey(f.name)) continue;
        const envName = caseSensitive ? `${prefix}${f.name}` : `${prefix}${f.name}`.toUpperCase();
        const value: Ref = { kind: 'env', names: [envName], at: { start: f.start, end: f.start + f.name.length }, label: envName };
        for (const owner of [name, ...instances])
          this.c.facts.symbols.push({ key: symbolKey.objectMember(owner, f.name), value, priority: 1 });
      }
      if (vars.length) this.c.facts.scopes.push({ id: `${this.c.file}#${name}`, kind: 'config', vars, codeRoot: dirname(this.c.file) });
    }
    // a field holding another settings model of this file: `Config.agent_settings = AgentModel()` → its fields
    for (const { owners, field, type } of nested) {
      for (const [sub, value] of published.get(type) ?? [])
        for (const owner of owners)
          this.c.facts.symbols.push({ key: symbolKey.objectMember(owner, `${field}.${sub}`), value, priority: 1 });
    }
  }

  /**
   * PowerShell scripts run the cloud CLIs too (`az group create --location $Location`, `az deployment group create
   * --parameters location=$Location`), with lines continued by a backtick; `$Location` is the script's variable (its
   * param block default or last assignment before the command).
   */
  private cliCommands(): void {
    const text = this.c.text;
    const tokens = this.reader.tokens;
    const codeAt = new Set<number>();
    for (let i = 0; i < tokens.length; i++) if (tokens.kind(i) === 'id') codeAt.add(tokens.start(i));
    for (const m of text.matchAll(/^[ \t]*(?:\$[\w:]+\s*=\s*)?((?:az|gcloud|aws)[ \t][^\n]*?(?:`[ \t]*\r?\n[^\n]*?)*)\r?$/gm)) {
      const start = (m.index ?? 0) + m[0].length - m[1].length - (m[0].endsWith('\r') ? 1 : 0);
      // not a command in a comment or a here-string
      if (!codeAt.has(start)) continue;
      const variable = (name: string): Ref | undefined => {
        const assigned = this.reader.assignments.filter(
          (a) =>
            a.name.toLowerCase() === `$${name}`.toLowerCase() &&
            a.start < start &&
            (a.val.kind === 'str' || a.val.kind === 'env' || a.val.kind === 'or'),
        );
        const last = assigned[assigned.length - 1];
        return last ? this.ref(last.val, 'region', 'deployment', `${last.name} =`) : undefined;
      };
      shellCommands(this.c, start, start + m[1].replace(/\r$/, '').length, 'PowerShell', variable);
    }
  }

  /**
   * Env vars the code sets for its own process (`os.environ["GOOGLE_CLOUD_LOCATION"] = "europe-west4"`, `setdefault`,
   * `process.env.AWS_REGION = '…'`), which the SDKs it calls then read: an env scope of the code in this file's folder.
   * Kept only where a value is a region or a model, which the prefilter passes (a lone Vertex AI switch is not).
   */
  private envWrites(): void {
    const write = this.lang === 'python' ? pythonEnvWrite : jsEnvWrite;
    const vars: EnvVar[] = [];
    write.lastIndex = 0;
    for (let m = write.exec(this.c.text); m; m = write.exec(this.c.text)) {
      const lineStart = this.c.text.lastIndexOf('\n', m.index) + 1;
      if (/#|\/\//.test(this.c.text.slice(lineStart, m.index))) continue;
      const name = m[1] ?? m[2];
      const valueStart = m.index + m[0].length - m[3].length;
      const { value, text } = envValue(this.c, name, valueStart, valueStart + m[3].length, `${name} set in code`);
      vars.push({ name, value, at: { start: m.index, end: m.index + m[0].length }, text });
    }
    if (vars.some((v) => v.value.kind === 'finding'))
      this.c.facts.scopes.push({ id: `${this.c.file}#environ`, kind: 'config', vars, codeRoot: dirname(this.c.file) });
  }

  /** Module constants: REGION = "…", MODEL_ID = "…"; other files may import them (symbol moduleConstant). */
  private constants(): void {
    const assignments = this.reader.assignments;
    for (let i = 0; i < assignments.length; i++) {
      const a = assignments[i];
      // the last name of `self.region`, `config.MODEL_ID`
      const key = a.name.slice(a.name.lastIndexOf('.') + 1);
      if (isAzureDeploymentKey(key) && (a.val.kind === 'str' || a.val.kind === 'env' || a.val.kind === 'or')) {
        // a settings field naming an Azure OpenAI deployment (`azure_openai_chat_deployment: str = "gpt-4o"`)
        const anchor: Anchor = {
          at: { start: a.start, end: a.start + a.name.length },
          label: `${a.name} (Azure OpenAI deployment setting)`,
          platform: 'azure-openai',
          models: [],
        };
        this.deployment({ anchor }, a.val);
        if (anchor.deployments?.length) this.c.facts.anchors.push(anchor);
        continue;
      }
      const want = isRegionKey(key) ? 'region' : isModelKey(key) ? 'model' : undefined;
      let ref: Ref | undefined;
      if (want) {
        const role: Role = want === 'region' && serviceHint(key) && !isNonInferenceName(key) ? 'inference' : 'deployment';
        if (a.val.kind === 'str' || a.val.kind === 'env' || a.val.kind === 'or') ref = this.ref(a.val, want, role, `${a.name} =`);
      } else if (a.val.kind === 'str' && modelShape(a.val.tok.text) === 'strict' && /^[A-Z][A-Z0-9_]*$/.test(key)) {
        // a member of an enum or a class of models (`HAIKU = '…'`) is one of a table's entries: a mention until a call reads it
        ref = this.ref(a.val, 'model', a.topLevel ? 'deployment' : 'mention', `${a.name} =`);
        const entry = !a.topLevel && ref ? localFinding(ref) : undefined;
        if (entry?.role === 'mention') entry.untilRead = true;
      }
      if (ref && a.topLevel && /^[A-Z][A-Z0-9_]*$/.test(key))
        this.c.facts.symbols.push({ key: symbolKey.moduleConstant(key), value: ref, priority: 1 });
      // a Python setting in lower case (`model = "gemini-2.0-flash"`): for the modules that import it from this one, by
      // any path that ends at it (`app.utils.constants`, `utils.constants`, `constants`)
      else if (ref && a.topLevel && this.lang === 'python' && want && /^[a-z][a-z0-9_]*$/.test(key)) {
        const path = moduleOf(this.c.file).split('/');
        for (let i = 0; i < path.length; i++)
          if (path[i]) this.c.facts.symbols.push({ key: symbolKey.moduleConstant(key, path.slice(i).join('/')), value: ref, priority: 1 });
      }
      if (a.val.kind === 'list') for (const item of a.val.items) if (item.kind === 'obj') this.settingsEntry(a.name, item);
      if (a.val.kind === 'obj') {
        this.settingsEntry(a.name, a.val);
        this.memberSettings(a.name, '', a.val, a.topLevel);
      }
      if (a.val.kind === 'call' && this.lang === 'js') this.envSchema(a.val.call);
    }
  }

  /**
   * A zod schema of the environment (`z.object({ VERTEX_AI_REGION: z.string().default('asia-northeast1') })`, parsed
   * from process.env here or by a helper): each variable it names is read from the environment, its `.default()` the
   * value when it is not set. Code reads them off the parsed object under their own names (`env.GEMINI_MODEL`), in this
   * module or another (symbol moduleConstant, which `env.NAME` falls back to).
   */
  private envSchema(call: Call): void {
    let schema: Call | undefined = call;
    while (schema && !(schema.name === 'object' && schema.receiver === 'z')) schema = schema.prev;
    const fields = schema && positional(schema, 0);
    if (fields?.kind !== 'obj' || !fields.entries.some((e) => /^[A-Z][A-Z0-9_]*$/.test(e.key))) return;
    for (const e of fields.entries) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(e.key) || e.val.kind !== 'call') continue;
      const want = isRegionKey(e.key) ? 'region' : isModelKey(e.key) ? 'model' : undefined;
      if (!want) continue;
      const at = { start: e.keyStart, end: e.keyEnd };
      let field: Call | undefined = e.val.call;
      while (field && field.name !== 'default') field = field.prev;
      const fallback = field && this.ref(positional(field, 0), want, 'deployment', `${e.key} default (environment schema)`);
      const value: Ref = { kind: 'env', names: [e.key], at, label: e.key, ...(fallback && { fallback }) };
      this.c.facts.symbols.push({ key: symbolKey.moduleConstant(e.key), value, priority: 1 });
    }
  }

  /**
   * The settings of an object, nested ones too (`MODELS = { CHAT: { MAIN: 'us.anthropic…' } }`): a region or model
   * under its key, or a model id under any key. Other modules read a top-level object's (symbol objectMember(MODELS,
   * CHAT.MAIN), or bedrockConfig.modelId of `export const bedrockConfig = { modelId: process.env.X || '…' }`).
   */
  private memberSettings(owner: string, path: string, obj: Extract<Val, { kind: 'obj' }>, exported: boolean): void {
    for (const e of obj.entries) {
      const member = path ? `${path}.${e.key}` : e.key;
      if (e.val.kind === 'obj' && !path.includes('.')) this.memberSettings(owner, member, e.val, exported);
      if (e.val.kind !== 'str' && e.val.kind !== 'env' && e.val.kind !== 'or') continue;
      const want = isRegionKey(e.key)
        ? 'region'
        : isModelKey(e.key) || (e.val.kind === 'str' && modelShape(e.val.tok.text) === 'strict')
          ? 'model'
          : undefined;
      if (!want) continue;
      // a value another pass read already (settingsEntry's region, a call's model) is that finding
      const read = e.val.kind === 'str' && this.used.has(e.val.tok) ? this.foundAt(e.val.tok, want) : undefined;
      if (e.val.kind === 'str' && this.used.has(e.val.tok) && !read) continue;
      // a model id under a key of no setting (`CHAT: { MAIN: … }`) is one of a table's entries: a mention until a call reads it
      const keyed = want === 'region' || isModelKey(e.key);
      const ref = read ?? this.ref(e.val, want, keyed ? 'deployment' : 'mention', `${owner}.${member}`);
      const entry = !keyed && !read && ref ? localFinding(ref) : undefined;
      if (entry?.role === 'mention') entry.untilRead = true;
      if (ref && exported) this.c.facts.symbols.push({ key: symbolKey.objectMember(owner, member), value: ref, priority: 1 });
    }
  }

  /** The finding of a kind a pass made of a string token. */
  private foundAt(tok: Token, kind: Finding['kind']): Ref | undefined {
    const inner = tok.inner ?? tok;
    const finding = this.c.at(inner.start, inner.end, kind);
    return finding && { kind: 'finding', finding };
  }

  /**
   * One dict of a settings list or object: its location is where an AI service runs when the list names one
   * (`aiservices_config = [{"location": "eastus"}]`); a dict naming a model with an Azure SKU is a deployment spec.
   */
  private settingsEntry(owner: string, obj: Extract<Val, { kind: 'obj' }>): void {
    const hint = serviceHint(owner);
    for (const e of obj.entries) {
      if (e.val.kind !== 'str' || this.used.has(e.val.tok) || !isRegionKey(e.key)) continue;
      const inner = e.val.tok.inner ?? e.val.tok;
      this.used.add(e.val.tok);
      this.c.region(
        inner.start,
        inner.end,
        hint && !isNonInferenceName(owner) ? 'inference' : 'deployment',
        `${owner} ${e.key}${hint ? ` (${hint})` : ''}`,
        { keyed: true },
      );
    }
    const sku = obj.entries.find((e) => e.key === 'sku' && e.val.kind === 'str');
    const named = obj.entries.find(
      (e) => (e.key === 'name' || isModelKey(e.key)) && e.val.kind === 'str' && modelShape(e.val.tok.text) !== 'none',
    );
    if (!sku || sku.val.kind !== 'str' || !named || !/standard|provisioned/i.test(sku.val.tok.text)) return;
    const model = this.ref(named.val, 'model', 'deployment', `${owner} deployment model (sku ${sku.val.tok.text})`);
    if (!model) return;
    this.used.add(sku.val.tok);
    this.c.facts.anchors.push({
      at: { start: obj.start, end: obj.end },
      label: `${owner} Azure deployment`,
      platform: 'azure-openai',
      models: [model],
      sku: sku.val.tok.text,
    });
  }

  /** The default of a mapping's `.get(key, default)` whose key names a setting of the kind wanted (`model_id`, `region`). */
  private mappingDefault(call: Call, want: Want): Val | undefined {
    const key = positional(call, 0);
    const fallback = positional(call, 1);
    if (key?.kind !== 'str' || !fallback) return undefined;
    return (want === 'model' ? isModelKey(key.tok.text) : want === 'region' && isRegionKey(key.tok.text)) ? fallback : undefined;
  }

  /**
   * An Azure OpenAI REST URL names its deployment: `…/openai/deployments/$Name/chat/completions` (PowerShell),
   * `{deployment}` (f-string), `${deployment}` (template) or the name itself.
   */
  private restDeployment(raw: string, inner: TextRange): boolean {
    const m = /\/openai\/deployments\/(\$\{|\{|\$)?([A-Za-z0-9_.$-]+?)\}?(?=[/?"']|$)/.exec(raw);
    if (!m) return false;
    const at = inner.start + (m.index ?? 0) + m[0].length - m[2].length - (m[0].endsWith('}') ? 1 : 0);
    const anchor: Anchor = { at: inner, label: 'Azure OpenAI REST call', platform: 'azure-openai', models: [] };
    if (m[1]) {
      const val =
        this.assignments.get(m[2]) ?? this.assignments.get(`$${m[2]}`) ?? this.assignments.get(m[2].replace(/^(self|this)\./, ''));
      this.deployment({ anchor }, val);
    } else {
      const named = this.c.model(at, at + m[2].length, 'inference', 'Azure OpenAI REST deployment name', { keyed: true });
      anchor.deployments = [{ name: m[2], at: { start: at, end: at + m[2].length }, ...(named ? { named } : {}) }];
    }
    if (anchor.deployments?.length) this.c.facts.anchors.push(anchor);
    return true;
  }

  /**
   * A request to a provider's own REST API (providerApiUrl) at the URL a string holds: the model its path names
   * (`…/models/gemini-1.5-flash:generateContent`, `…/${MODEL}:generateContent`) or the body of a request it is passed to
   * (`fetch(url, { body: JSON.stringify({ model }) })`, `requests.post(url, json=payload)`) runs on that API.
   */
  private providerRequest(raw: string, inner: TextRange): boolean {
    if (!providerApiUrl.test(raw)) return false;
    const label = `REST request to ${/^https?:\/\/([^/:]+)/.exec(raw)?.[1] ?? 'a provider API'}`;
    const models: Ref[] = [];
    const literal = /\/models\/([A-Za-z0-9.@_-]+)(?=[:/?]|$)/.exec(raw);
    const named = /\$?\{\s*([A-Za-z_][\w.]*)\s*\}(?=:[a-z]+[A-Z]\w*|:predict\b)/.exec(raw);
    if (literal && !named) {
      const at = inner.start + literal.index + literal[0].length - literal[1].length;
      const found = this.c.model(at, at + literal[1].length, 'inference', `${label} path`, { keyed: true });
      if (found) models.push({ kind: 'finding', finding: found });
    } else if (named) {
      const at = inner.start + named.index;
      const ref = this.ref({ kind: 'name', name: named[1], start: at, end: at + named[0].length }, 'model', 'inference', `${label} path`);
      if (ref) models.push(ref);
    }
    for (const call of this.reader.calls) {
      const url = positional(call, 0) ?? argOf(call, 'url');
      if (!url || !this.holdsText(url, inner)) continue;
      for (const a of call.args)
        if (a.val !== url)
          for (const val of a.key === 'model' ? [a.val] : requestModels(a.val, this.assignments)) {
            const ref =
              val.kind === 'str' && this.used.has(val.tok) ? this.foundAt(val.tok, 'model') : this.ref(val, 'model', 'inference', label);
            if (ref) models.push(ref);
          }
    }
    if (!models.length) return false;
    this.c.facts.anchors.push({ at: inner, label, platform: 'provider-managed', models });
    return true;
  }

  /** Whether a value is the string at `inner`, or a name of this file assigned it. */
  private holdsText(val: Val, inner: TextRange): boolean {
    const held = val.kind === 'name' ? this.assignments.get(val.name) : val;
    return (held?.kind === 'str' || held?.kind === 'tmpl') && held.tok.start <= inner.start && inner.end <= held.tok.end;
  }

  /**
   * A Bedrock model ARN written with its region (`arn:aws:bedrock:eu-west-2::foundation-model/${MODEL}`): the model
   * is invoked in that region whoever passes the ARN on (a knowledge base's embedding model).
   */
  private bedrockArn(raw: string, inner: TextRange): boolean {
    const m =
      /arn:aws[a-z-]*:bedrock:([a-z]{2}(?:-[a-z]+)+-\d):\d*:(?:foundation-model|inference-profile)\/(?:\$\{([A-Za-z_$][\w.$]*)\}|([A-Za-z0-9.:-]+))/.exec(
        raw,
      );
    if (!m) return false;
    const regionAt = inner.start + (m.index ?? 0) + m[0].indexOf(`:${m[1]}:`) + 1;
    const region = this.c.region(regionAt, regionAt + m[1].length, 'inference', 'Bedrock model ARN region');
    if (!region) return false;
    const modelAt = inner.start + (m.index ?? 0) + m[0].length - (m[3] ?? m[2]).length - (m[2] ? 1 : 0);
    const model = m[3]
      ? this.ref(
          { kind: 'str', tok: { kind: 'str', start: modelAt, end: modelAt + m[3].length, text: m[3] } },
          'model',
          'inference',
          'Bedrock model ARN',
        )
      : this.ref({ kind: 'name', name: m[2], start: modelAt, end: modelAt + m[2].length }, 'model', 'inference', 'Bedrock model ARN');
    this.c.facts.anchors.push({
      at: inner,
      label: 'Bedrock model ARN',
      platform: 'bedrock',
      models: model ? [model] : [],
      region: { kind: 'finding', finding: region },
    });
    return true;
  }

  /** Strings nobody claimed: model endpoints are inference; anything else region- or model-shaped is a mention. */
  private sweep(): void {
    const tokens = this.reader.tokens;
    for (const i of tokens.strings) {
      if (tokens.prose(i)) continue;
      // (a string no value kept has no object, and none that is used)
      const made = tokens.madeToken(i);
      if (made && this.used.has(made)) continue;
      const inner = tokens.inner(i);
      const raw = this.c.text.slice(inner.start, inner.end);
      // `https://${LOCATION}-aiplatform.googleapis.com/…/models/gemini…` (template or f-string)
      const templated = tokens.template(i) ? /\$?\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}-aiplatform\.googleapis\.com/.exec(raw) : null;
      if (templated) {
        const at = inner.start + (templated.index ?? 0);
        const region = this.ref(
          { kind: 'name', name: templated[1], start: at, end: at + templated[0].indexOf('}') + 1 },
          'region',
          'inference',
          'Vertex AI endpoint host',
        );
        const models: Ref[] = [];
        const path = /publishers\/[a-z0-9-]+\/models\/([A-Za-z0-9.@_-]+)/.exec(raw);
        if (path && !path[1].includes('$')) {
          const ms = inner.start + (path.index ?? 0) + path[0].length - path[1].length;
          const mf = this.c.model(ms, ms + path[1].length, 'inference', 'Vertex AI REST path', { keyed: true });
          if (mf) models.push({ kind: 'finding', finding: mf });
        }
        this.c.facts.anchors.push({ at: inner, label: 'Vertex AI endpoint', platform: 'vertex', models, region });
        continue;
      }
      if (this.restDeployment(raw, inner) || this.providerRequest(raw, inner)) continue;
      const host = /bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com|(?:^|\/\/)([a-z]+-[a-z]+\d+)-aiplatform\.googleapis\.com/.exec(
        raw,
      );
      if (host) {
        const r = host[1] ?? host[2];
        const at = inner.start + raw.indexOf(r, host.index);
        const f = this.c.region(at, at + r.length, 'inference', 'model endpoint host');
        const models: Ref[] = [];
        const path = /locations\/([a-z0-9-]+)\/publishers\/([a-z0-9-]+)\/models\/([A-Za-z0-9.@_-]+)/.exec(raw);
        if (path) {
          const ms = inner.start + (path.index ?? 0) + path[0].length - path[3].length;
          const mf = this.c.model(ms, ms + path[3].length, 'inference', 'Vertex AI REST path', { keyed: true });
          if (mf) models.push({ kind: 'finding', finding: mf });
        }
        if (f)
          this.c.facts.anchors.push({
            at: inner,
            label: 'model endpoint',
            platform: host[1] ? 'bedrock' : 'vertex',
            models,
            region: { kind: 'finding', finding: f },
          });
        continue;
      }
      this.c.mentionsIn(inner.start, inner.end, 'string');
    }
  }
}
