// The grammar of region codes and model identifiers as code writes them (research/patterns.md §0 and §6), and
// the key and variable names that say what a value means.
import { bedrockGeoAlternation, bedrockVendorAlternation, knowledge, routerPrefixOf } from '../data/knowledge';
import type { DatasetIndex } from '../data/dataset';
import { resolveModel } from '../data/resolve';
import type { ProviderId } from '../data/schema';
import { ownCopy } from './text';

const awsArea = '(?:us|eu|ap|sa|ca|me|af|il|mx|cn)';
const direction = '(?:north|south|east|west|central|northeast|southeast|southwest|northwest)';
const gcpArea = '(?:us|europe|asia|australia|northamerica|southamerica|me|africa)';

export const awsRegionShape = new RegExp(`^${awsArea}-(?:gov-|iso-|isob-)?${direction}-\\d$`);
export const awsZoneShape = new RegExp(`^${awsArea}-(?:gov-)?${direction}-\\d(?:[a-z]|-[a-z]+-\\d[a-z])$`);
export const gcpRegionShape = new RegExp(`^${gcpArea}-${direction}\\d{1,2}$`);
export const gcpZoneShape = new RegExp(`^${gcpArea}-${direction}\\d{1,2}-[a-z]$`);

/** A compass word: every `direction` above, so every region- or zone-shaped word, contains one (a cheap pre-test). */
export const directionInText = /north|south|east|west|central/;

/** Region- or zone-shaped words inside free text (comments, prose, longer strings). */
export const regionInText = new RegExp(
  `(?<![A-Za-z0-9_.-])(?:${awsArea}-(?:gov-)?${direction}-\\d(?:[a-z](?![a-z0-9]))?|${gcpArea}-${direction}\\d{1,2}(?:-[a-z](?![a-z0-9]))?)(?![A-Za-z0-9_]|-\\d|\\.\\d)`,
  'g',
);

export function regionShapeProvider(text: string): ProviderId | undefined {
  const t = text.toLowerCase();
  if (awsRegionShape.test(t) || awsZoneShape.test(t)) return 'aws';
  if (gcpRegionShape.test(t) || gcpZoneShape.test(t)) return 'gcp';
  return undefined;
}

const bedrockVendors = `(?:${bedrockVendorAlternation})`;
const bedrockGeos = `(?:${bedrockGeoAlternation})`;
export const bedrockModelShape = new RegExp(
  `^(?:${bedrockGeos}\\.)?${bedrockVendors}\\.[a-z0-9]+(?:[a-z0-9.]*-[a-z0-9.-]*)(?::\\d+)?(?::\\d+k)?$`,
);

/** Model ids by their own shape (strict); the prefilter reads the words each begins with. */
export const modelShapes: readonly RegExp[] = [
  bedrockModelShape,
  /^(?:gemini|gemma)-(?:\d|pro|flash|ultra|exp|nano|live|embedding)[a-z0-9.-]*$/,
  /^(?:text-embedding-\d{3}|text-multilingual-embedding-\d{3}|textembedding-gecko(?:-multilingual)?(?:@\d+)?|imagen-[\d.]+-[a-z0-9.-]+|veo-[\d.]+-[a-z0-9.-]+)$/,
  /^claude-(?=[a-z0-9.-]*\d)[a-z0-9.-]+(?:@\d{8})?$/,
  /^(?:gpt-(?:3\.5|35|4|4o|4\.1|4\.5|5|oss)(?:[a-z0-9.-]*)|chatgpt-4o-latest|text-embedding-3-(?:small|large)|text-embedding-ada-002|dall-e-[23]|whisper-1|tts-1(?:-hd)?)$/,
  /^(?:open-)?(?:mistral|mixtral|codestral|ministral|pixtral|magistral|devstral)-(?:\d|tiny|small|medium|large|embed|saba|nemo|latest)[a-z0-9.-]*$/,
  /^(?:command-(?:r|a|light|r-plus)(?:[a-z0-9.-]*)|embed-(?:english|multilingual)-v\d\.\d)$/,
  /^[a-z0-9-]+\/[a-z0-9.-]+-maas$/,
];
/** o-series names are too short to trust outside a model setting. */
const keyedOnlyShapes: RegExp[] = [/^o[1-9](?:-mini|-pro|-preview|-deep-research)?(?:-\d{4}-\d{2}-\d{2})?$/];

/** A Bedrock ARN that names a model: foundation model, system inference profile. */
export const bedrockArn =
  /^arn:aws(?:-[a-z]+)*:bedrock:([a-z0-9-]*|\*|\$\{[^}]*\}):([0-9]*|\*|\$\{[^}]*\}):(foundation-model|inference-profile|application-inference-profile|provisioned-model|custom-model)\/(.+)$/;

export type ModelShape = 'strict' | 'keyed' | 'none';

/** Whether a string looks like a model id by itself (strict), only under a model key (keyed), or not at all. */
export function modelShape(text: string): ModelShape {
  if (!text || text.length > 200 || /\s/.test(text)) return 'none';
  const t = text;
  const prefixed = routerPrefixOf(t);
  if (prefixed) {
    const rest = modelShape(t.slice(prefixed.written.length));
    if (rest !== 'none') return rest === 'strict' ? 'strict' : 'keyed';
    // open-weight routers name repositories and tags; azure/ names a deployment, not a model
    return prefixed.router.openWeight && /^[A-Za-z0-9][A-Za-z0-9._:\/-]*$/.test(t.slice(prefixed.written.length)) ? 'keyed' : 'none';
  }
  const vertex = /(?:^|\/)publishers\/[a-z0-9-]+\/models\/([^/:]+)/.exec(t);
  if (vertex) return 'strict';
  const arn = bedrockArn.exec(t);
  if (arn) return arn[3] === 'foundation-model' || arn[3] === 'inference-profile' ? (/[*$]/.test(arn[4]) ? 'none' : 'strict') : 'none';
  const lower = t.toLowerCase();
  if (modelShapes.some((re) => re.test(lower))) return 'strict';
  if (keyedOnlyShapes.some((re) => re.test(lower))) return 'keyed';
  if (huggingFaceShape.test(t)) return 'keyed';
  return 'none';
}

/** `org/name` as Hugging Face spells repositories; still needs a model context to count. */
export const huggingFaceShape = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,40}\/[A-Za-z0-9][A-Za-z0-9_.-]{1,95}$/;
/** Ollama tags `name:tag` (or a bare name), only inside an Ollama context. */
export const ollamaShape = /^[a-z][a-z0-9._-]*(?::[a-z0-9][a-z0-9._-]*)?$/;
/** Families of the Ollama library: a bare name (`llama2`, `nomic-embed-text`) is a model in an Ollama context. */
export const ollamaFamily =
  /^(?:llama[234](?:\.\d)?|codellama|tinyllama|mistral(?:-nemo|-small)?|mixtral|phi[34]?(?:\.\d)?|gemma[23]?|qwen[23]?(?:\.\d)?|deepseek-r1|deepseek-coder(?:-v2)?|nomic-embed-text|mxbai-embed-large|all-minilm|snowflake-arctic-embed2?|llava|starcoder2?|smollm2?|granite3(?:\.\d)?-[a-z]+)$/;

/**
 * What marks a placeholder, as written: an interpolation or template (`${…}`, `$(…)`, `{{…}}`, `<your-region>`, `$VAR`),
 * a fill-me word, or a constant's name (REGION, MODEL_ID, STRING_VALUE). One expression for these and one for the
 * case-insensitive words: each test of a value has a cost of its own (isPlaceholder runs on every value read).
 */
const placeholderWritten = /[$%]\{|\$\(|\{\{|<[A-Za-z_ -]+>|^\$[A-Z_]|CHANGE_?ME|REPLACE|PLACEHOLDER|EXAMPLE|^[A-Z][A-Z0-9_]+$/;
const placeholderWords = /^(?:x+|tbd|todo|none|null|undefined|n\/a|-|\*|changeme|change[_-]?me|replace[_-]?me)$|\b(?:your|my)[-_ ]/i;

/** Values that stand for "fill this in": never a finding. */
export function isPlaceholder(text: string): boolean {
  const t = text.trim();
  return t === '' || placeholderWritten.test(t) || placeholderWords.test(t);
}

/** Splits a key or variable name into lower-case words: `awsRegionName` → aws region name; `AWS_REGION` → aws region. */
export function words(name: string): string[] {
  return splitWords(name);
}

/**
 * words() for the key tests below, remembered per name (the same keys and identifiers recur in every file); the
 * arrays are shared, so only read them. With at most 5,000 names 90% of the look-ups on the bench tree hit (93% with
 * 50,000, which held 20 MB in each scan worker).
 */
const wordCache = new Map<string, readonly string[]>();
function cachedWords(name: string): readonly string[] {
  let w = wordCache.get(name);
  if (!w) {
    if (wordCache.size >= 5_000) wordCache.clear();
    w = splitWords(name);
    wordCache.set(ownCopy(name), w);
  }
  return w;
}

function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The words a region key must have (isRegionKey), and a model key (isModelKey): the prefilter looks for them. */
export const regionKeyWords: readonly string[] = ['region', 'location', 'zone'];
export const modelKeyWords: readonly string[] = ['model', 'llm'];
const regionKeyWordIn = new RegExp(regionKeyWords.join('|'), 'i');
const modelKeyWordIn = new RegExp(modelKeyWords.join('|'), 'i');

/** A key whose value is a region: region, aws_region, regionName, location, vertex_location, CLOUD_ML_REGION… */
export function isRegionKey(name: string): boolean {
  // most names hold none of the words (their words are pieces of the name): no need to split them
  if (!regionKeyWordIn.test(name)) return false;
  const w = cachedWords(name);
  if (w.length === 0) return false;
  if (w.some((x) => x === 'regions' || x === 'locations' || x === 'zones')) return false;
  const last = w[w.length - 1];
  const beforeLast = w[w.length - 2];
  if (regionKeyWords.includes(last)) return true;
  if (last === 'name' && (beforeLast === 'region' || beforeLast === 'location')) return true;
  if (last === 'regions' || last === 'locations') return false;
  return w.includes('region') && !w.some((x) => ['id', 'ids', 'map', 'list', 'count', 'suffix', 'prefix', 'endpoint', 'url'].includes(x));
}

/** A model setting's last two words run together, as a Spring relaxed-binding env var writes them. */
const runTogetherModel = /^(?:embedding|chat|completion|llm|vision|image|reasoning|summary)model$/;

/** A key whose value is a model id: model, model_id, modelId, foundation_model, BEDROCK_MODEL_ID, embedding_model_arn… */
export function isModelKey(name: string): boolean {
  if (!modelKeyWordIn.test(name)) return false;
  const w = cachedWords(name);
  // the models selected by default (Open WebUI DEFAULT_MODELS, defaultModels) run; other model lists only name options
  if (w.length === 2 && w[0] === 'default' && w[1] === 'models') return true;
  const [model, llm] = modelKeyWords;
  const i = w.lastIndexOf(model);
  // (a Spring property's env var runs its words together: SPRING_AI_AZURE_OPENAI_EMBEDDINGMODEL is embedding-model)
  if (i < 0) return (w.includes(llm) && w[w.length - 1] === llm) || runTogetherModel.test(w[w.length - 1] ?? '');
  const after = w.slice(i + 1);
  // TASK_MODEL_EXTERNAL: the model for background tasks when an external API serves them
  const allowedAfter = new Set(['id', 'ids', 'name', 'arn', 'identifier', 'external']);
  if (after.some((x) => !allowedAfter.has(x))) return false;
  if (
    w.some((x) =>
      ['version', 'versions', 'provider', 'kwargs', 'path', 'dir', 'type', 'format', 'family', 'list', 'class', 'source', 'kind'].includes(
        x,
      ),
    )
  )
    return false;
  return true;
}

const nonInferenceNameWords = new Set(knowledge.nonInferenceNameWords);

/** Key words that say a region setting is for something other than inference (data/knowledge.yaml `nonInferenceNameWords`). */
export function isNonInferenceName(name: string): boolean {
  return cachedWords(name).some((x) => nonInferenceNameWords.has(x));
}

export type ServiceHint = 'bedrock' | 'vertex' | 'azure-openai';

const platformNameWords = knowledge.platformNameWords.map(({ platform, words, together }) => ({
  platform,
  words: new Set(words),
  together: together?.map((group) => group.all) ?? [],
}));

/**
 * Words serviceHint answers to, from the same catalogue entries (data/knowledge.yaml `platformNameWords`): each word,
 * and the word each group of words that go together is looked for by.
 */
export const serviceWords: readonly string[] = knowledge.platformNameWords.flatMap(({ words, together }) => [
  ...words,
  ...(together ?? []).flatMap((group) => (group.lookFor ? [group.lookFor] : [])),
]);

/** The AI platform a name points at: BEDROCK_REGION, vertex_location, AZURE_OPENAI_LOCATION, CLOUD_ML_REGION. */
export function serviceHint(name: string): ServiceHint | undefined {
  const w = cachedWords(name);
  for (const entry of platformNameWords)
    if (w.some((x) => entry.words.has(x)) || entry.together.some((group) => group.every((x) => w.includes(x)))) return entry.platform;
  return undefined;
}

/** Env var names an AI SDK reads for its region when none is passed (docs). */
export const ambientRegionVars: Record<'aws' | 'gcp', readonly string[]> = knowledge.env.ambientRegion;

/** A base URL that names a server of one's own: a local or in-compose host, or a server's usual name or port. */
export const selfHostedUrl =
  /localhost|127\.0\.0\.1|0\.0\.0\.0|ollama|vllm|\btgi\b|text-generation-inference|llama[-_.]?cpp|:11434|:8000\b/i;

/** An env var whose name says it holds such a URL (OLLAMA_HOST, VLLM_URL, LOCAL_LLM_URL). */
export const selfHostedUrlName = /OLLAMA|VLLM|TGI|LLAMA_?CPP|LOCAL_LLM/i;

/** Env vars a Vertex AI SDK or tool reads its location from: the Cloud SDKs' and each tool's own (data/knowledge.yaml). */
const vertexLocationNames = new Set<string>([
  ...knowledge.env.ambientRegion.gcp,
  ...knowledge.env.scopeRegion.vertex,
  knowledge.aiSdk.vertexLocationEnv,
  knowledge.litellm.vertexLocationEnv,
  ...knowledge.routedModelCalls.flatMap((call) => (call.vertexLocationEnv ? [call.vertexLocationEnv] : [])),
]);

/**
 * Whether a variable holds a Vertex AI location, where `global` names Vertex AI's global endpoint: one the tools read,
 * or a region name that points at Vertex AI (VERTEX_AI_REGION, GEMINI_LOCATION) or Google Cloud (GCP_LOCATION).
 */
export function isVertexLocationName(name: string): boolean {
  if (vertexLocationNames.has(name)) return true;
  if (!isRegionKey(name)) return false;
  return serviceHint(name) === 'vertex' || cachedWords(name).some((w) => w === 'google' || w === 'gcp');
}

/**
 * The region variables a tool reads: its own first (LiteLLM's AWS_REGION_NAME and VERTEXAI_LOCATION, the AI SDK's
 * GOOGLE_VERTEX_LOCATION), then the cloud SDKs'.
 */
export const regionVarsAfter = (provider: 'aws' | 'gcp', first: string): string[] => [
  first,
  ...ambientRegionVars[provider].filter((name) => name !== first),
];

const aiSegment =
  /bedrock|vertex|openai|azure_?ai|aoai|llm|genai|gemini|anthropic|claude|^ai$|^ai[._-]|[._-]ai$|chat|embedding|inference|completion|agent|^models?$/i;

/** Whether a key path (or a name, as one segment) is about AI: a provider, a model, chat, embeddings, an agent. */
export const isAiPath = (path: readonly string[]): boolean => path.some((p) => aiSegment.test(p));

/** A key naming an Azure OpenAI deployment (`deployment_name`, `ChatDeploymentName`, AZURE_OPENAI_DEPLOYMENT). */
export const deploymentKeyShape = /deployment(?:[_-]?name)?$/i;

/** Azure OpenAI model names as the service spells them (deployments are often named after them). */
const azureModelName =
  /^(?:gpt-(?:35-turbo(?:-16k|-instruct)?|4o(?:-mini)?|4\.1(?:-mini|-nano)?|4|4-32k|5(?:-mini|-nano|-chat)?)|o[134](?:-mini)?|text-embedding-(?:ada-002|3-small|3-large)|dall-e-3|whisper|tts(?:-hd)?)$/;

/** A deployment name that is exactly a model's name (a custom name like gpt-4-turbo-current is not). */
export const spellsModel = (index: DatasetIndex, text: string): boolean =>
  azureModelName.test(text) || resolveModel(index, text) !== undefined;

/** An Azure OpenAI REST path's deployment: `…/openai/deployments/<name>/chat/completions` (group 1). */
export const azureDeploymentPath = /\/openai\/deployments\/([A-Za-z0-9_.-]+)(?=[/?]|$)/;

/** An Azure AI serverless (pay-as-you-go) endpoint's host: `https://<endpoint>.<region>.models.ai.azure.com` (groups 1, 2). */
export const azureServerlessHost = /^https?:\/\/([A-Za-z0-9-]+)\.([a-z]+[0-9]*)\.models\.ai\.azure\.com(?=[/:?]|$)/i;

/**
 * A Gemini API method's path, with or without its host (a gateway rewrites a route to it): `/v1beta/models/<model>:
 * generateContent` (group 2; group 1: the host when written).
 */
export const geminiApiPath =
  /^(?:https?:\/\/(generativelanguage\.googleapis\.com))?\/v1(?:beta|alpha)?\/models\/([A-Za-z0-9.@_-]+):(?:generateContent|streamGenerateContent|embedContent|batchEmbedContents|countTokens)\b/;

const endpointHost =
  /bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com|([a-z0-9-]+)-aiplatform\.googleapis\.com|(?:^|\/\/)([a-z0-9]+)\.api\.cognitive\.microsoft\.com|bedrock-mantle\.([a-z0-9-]+)\.api\.aws/;

/**
 * Bedrock's OpenAI-compatible endpoints: the runtime's `/openai` path and the `bedrock-mantle` host, which OpenAI's
 * own clients are pointed at.
 */
export const bedrockOpenAiHost = /bedrock-runtime(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com\/openai|bedrock-mantle\.[a-z0-9-]+\.api\.aws/;

/**
 * Where a model endpoint's URL names its region, as offsets in `text`: Bedrock's `bedrock-runtime.<region>.amazonaws.com`
 * (and its OpenAI-compatible `bedrock-mantle.<region>.api.aws`), Vertex AI's `<region>-aiplatform.googleapis.com`, an
 * Azure AI resource's regional `<region>.api.cognitive.microsoft.com`.
 */
export function endpointRegion(text: string): { start: number; end: number } | undefined {
  const host = endpointHost.exec(text);
  if (!host) return undefined;
  const region = host[1] ?? host[2] ?? host[3] ?? host[4];
  const start = text.indexOf(region, host.index);
  return { start, end: start + region.length };
}

/** A setting that names an Azure OpenAI deployment: AZURE_OPENAI_CHAT_DEPLOYMENT, azure_openai_embedding_deployment_name. */
export function isAzureDeploymentKey(key: string): boolean {
  // most names hold no such word: no need to split them
  if (!key.toLowerCase().includes('deployment')) return false;
  const w = words(key);
  const last = w[w.length - 1] === 'name' ? w[w.length - 2] : w[w.length - 1];
  return last === 'deployment' && (serviceHint(key) === 'azure-openai' || w.includes('openai'));
}
