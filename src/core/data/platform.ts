// Which cloud a model id as written implies: the catalogue knows the platform of each alias, containers (ARNs,
// Vertex resource paths) and router prefixes (`bedrock/`, `vertex_ai/`, `azure/`) say it too. Undefined for ids that
// every platform spells the same way, or that a first-party API serves.
import type { DatasetIndex } from './dataset';
import { knowledge } from './knowledge';
import type { KnowledgePlatform } from './knowledgeSchema';
import { resolveModel } from './resolve';
import type { ModelAlias, ProviderId } from './schema';

const providerOfAliasPlatform: Partial<Record<ModelAlias['platform'], ProviderId>> = {
  'aws-bedrock': 'aws',
  'gcp-vertex': 'gcp',
  'azure-openai': 'azure',
  'azure-ai': 'azure',
};

const providerOfRouterPlatform: Partial<Record<KnowledgePlatform, ProviderId>> = {
  bedrock: 'aws',
  vertex: 'gcp',
  'azure-openai': 'azure',
};
const providerOfRouterPrefix = new Map(knowledge.routerPrefixes.map((r) => [r.prefix, providerOfRouterPlatform[r.platform]]));

export function providerOfModelText(index: DatasetIndex, text: string): ProviderId | undefined {
  const match = resolveModel(index, text);
  if (!match) return undefined;
  if (match.routerPrefix) return providerOfRouterPrefix.get(match.routerPrefix);
  // A geo profile (`us.`, `global.`) or an ARN is Bedrock's; a region from a resource path is Vertex's.
  if (match.geo || /^arn:aws/i.test(text.trim())) return 'aws';
  if (match.region) return 'gcp';
  const spelled = match.matchedAlias.toLowerCase();
  const platforms = new Set(
    match.model.aliases.filter((a) => a.id.toLowerCase() === spelled).map((a) => providerOfAliasPlatform[a.platform]),
  );
  // The same spelling on two platforms (or on a first-party API too) does not pick one.
  return platforms.size === 1 ? [...platforms][0] : undefined;
}
