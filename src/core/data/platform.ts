// Where a model id as written runs: the model catalogue knows the platform of each alias, containers (ARNs, Vertex
// resource paths) and router prefixes (`bedrock/`, `vertex_ai/`, `azure/`) say it too, and the shape of a name the
// catalogue does not list yet (`vendor.model-v1:0`, `gemini-…`) is the last word. providerOfModelText: the cloud, or
// undefined for ids every platform spells the same way or a first-party API serves; platformOfModelText: the platform
// the scanner anchors a model to when nothing else in the code says.
import type { DatasetIndex } from './dataset';
import { bedrockGeoAlternation, knowledge, routerPrefixOf } from './knowledge';
import type { KnowledgePlatform } from './knowledgeSchema';
import { resolveModel, type ModelMatch } from './resolve';
import type { ModelAlias, ProviderId } from './schema';

const providerOfAliasPlatform: Partial<Record<ModelAlias['platform'], ProviderId>> = {
  'aws-bedrock': 'aws',
  'gcp-vertex': 'gcp',
  'azure-openai': 'azure',
  'azure-ai': 'azure',
};

/** The cloud of a platform the scanner anchors models to (a router prefix's, a client's, a resource's). */
export const providerOfPlatform: Partial<Record<KnowledgePlatform, ProviderId>> = {
  bedrock: 'aws',
  vertex: 'gcp',
  'azure-openai': 'azure',
};
const providerOfRouterPrefix = new Map(knowledge.routerPrefixes.map((r) => [r.prefix, providerOfPlatform[r.platform]]));

export function providerOfModelText(index: DatasetIndex, text: string): ProviderId | undefined {
  const match = resolveModel(index, text);
  if (!match) return undefined;
  if (match.routerPrefix) return providerOfRouterPrefix.get(match.routerPrefix);
  // A geo profile (`us.`, `global.`) or an ARN is Bedrock's; a region from a resource path is Vertex's.
  if (match.geo || /^arn:aws/i.test(text.trim())) return 'aws';
  if (match.region) return 'gcp';
  return onlyOne(listedOn(match).map((p) => providerOfAliasPlatform[p]));
}

/** The platforms the catalogue lists this spelling of the model on. */
function listedOn(match: ModelMatch): Array<ModelAlias['platform']> {
  const spelled = match.matchedAlias.toLowerCase();
  return match.model.aliases.filter((a) => a.id.toLowerCase() === spelled).map((a) => a.platform);
}

/** The same spelling on two platforms (or on a first-party API too) does not pick one. */
function onlyOne<T>(values: T[]): T | undefined {
  const distinct = new Set(values);
  return distinct.size === 1 ? [...distinct][0] : undefined;
}

const platformOfAlias: Record<ModelAlias['platform'], KnowledgePlatform | undefined> = {
  'aws-bedrock': 'bedrock',
  'gcp-vertex': 'vertex',
  'azure-openai': 'azure-openai',
  'azure-ai': 'azure-openai',
  openai: 'provider-managed',
  anthropic: 'provider-managed',
  'google-ai': 'provider-managed',
  mistral: 'provider-managed',
  cohere: 'provider-managed',
  deepseek: 'provider-managed',
  xai: 'provider-managed',
  together: 'provider-managed',
  groq: 'provider-managed',
  fireworks: 'provider-managed',
  openrouter: 'provider-managed',
  huggingface: 'self-hosted',
  ollama: 'self-hosted',
  other: undefined,
};
const cloudPlatforms: ReadonlySet<KnowledgePlatform | undefined> = new Set(['bedrock', 'vertex', 'azure-openai']);

/**
 * The platform a model id implies when nothing else says (env scopes, config files): a router prefix, else the one
 * platform the catalogue lists the spelling on when that is a cloud's (`gpt-35-turbo` is Azure's, `…-maas` Vertex's,
 * `deepseek.v3-v1:0` Bedrock's) or when the shape says nothing, else the shape.
 */
export function platformOfModelText(index: DatasetIndex, text: string, provider?: string): KnowledgePlatform | undefined {
  // a provider named apart from the model (`model_provider="bedrock_converse"`) is read as its prefix
  const routed = routerPrefixOf(text) ?? (provider ? routerPrefixOf(`${provider}:`) : undefined);
  if (routed) return routed.router.platform;
  const shaped = platformOfShape(text.toLowerCase());
  const match = resolveModel(index, text);
  // a spelling listed for a first-party API is served by clouds too (Gemini ids on Vertex AI): the shape decides then
  const listed = match?.matchedBy === 'alias' && !match.geo && !match.region ? onlyOne(listedOn(match).map((p) => platformOfAlias[p])) : undefined;
  // closed weights run on no one's own hardware, whatever the id's shape (OpenRouter's and Instructor's `google/gemini-…`)
  if (shaped === 'self-hosted' && match && !match.model.openWeights) return listed ?? 'provider-managed';
  return listed && (cloudPlatforms.has(listed) || !shaped) ? listed : shaped;
}

/** `vendor.model-…`, with or without a geo profile: how Bedrock spells model ids. */
const bedrockModelId = new RegExp(`^(?:(?:${bedrockGeoAlternation})\\.)?[a-z0-9]+\\.[a-z0-9]+-`);

/** The platform the shape of a (lower-case) model id implies. */
function platformOfShape(t: string): KnowledgePlatform | undefined {
  if (/^arn:aws/.test(t) || bedrockModelId.test(t)) return 'bedrock';
  if (
    /^(?:gemini|gemma|text-embedding-0|text-multilingual|textembedding|imagen|veo)-/.test(t) ||
    /@\d{8}$/.test(t) ||
    /^projects\/|^publishers\//.test(t)
  )
    return 'vertex';
  if (/^(?:gpt-|o\d|chatgpt|text-embedding-3|text-embedding-ada|claude-|mistral-|open-mistral|codestral|command-)/.test(t))
    return 'provider-managed';
  if (/^[a-z0-9][a-z0-9_.-]*\/[a-z0-9][a-z0-9_.-]*$/i.test(t) || /^[a-z][a-z0-9.-]*:[a-z0-9]/.test(t)) return 'self-hosted';
  return undefined;
}
