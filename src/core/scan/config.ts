// Generic configuration keys (YAML, JSON, TOML, .properties): region/location keys, model/model_id keys,
// deployment names; a model pairs with the region key that shares its section (`llm: {model, region}`,
// `spring.ai.bedrock.aws.region` with `spring.ai.bedrock.converse.chat.options.model`).
import { knowledge, routerPrefixOf } from '../data/knowledge';
import { mayBeStrictModel, mayHoldMention, type Collector } from './base';
import type { Anchor, Platform } from './facts';
import { platformOfModelText } from '../data/platform';
import { resolveModel } from '../data/resolve';
import {
  azureDeploymentPath,
  azureServerlessHost,
  bedrockOpenAiHost,
  deploymentKeyShape,
  endpointRegion,
  geminiApiPath,
  isAiPath,
  isModelKey,
  isNonInferenceName,
  isPlaceholder,
  isRegionKey,
  modelShape,
  regionVarsAfter,
  spellsModel,
} from './patterns';
import { symbolKey } from './symbols';
import { ownCopy } from './text';
import type { Finding } from './types';

export interface Leaf {
  path: string[];
  start: number;
  end: number;
  /** The records (maps that are list items) the leaf is in, by offset, outermost first. */
  records?: readonly number[];
}

interface Placed {
  path: string[];
  finding: Finding;
  records?: readonly number[];
  /** Under an Ollama section: the model runs on that Ollama server. */
  ollama?: boolean;
  /** Set under a deployment key (`deployment_name`): an Azure OpenAI deployment, named after its model. */
  deployment?: boolean;
}

/** What a leaf's key says of its value (flags). */
const enum KeyKind {
  region = 1,
  model = 2,
  /** An Azure OpenAI deployment name (`Deployment`, `ChatDeploymentName`): a model setting when it is a model id. */
  deployment = 4,
  apiKey = 8,
  /** An id or a name: a model setting in a models section (underModels). */
  idOrName = 16,
}

/**
 * Each key's kinds, remembered: the same keys recur in every file and document (`serviceAccountName`,
 * `app.kubernetes.io/name`). Keys are kept as copies of their own (ownCopy: a slice would keep its file's whole text
 * alive); at most KEY_KINDS_KEPT keys, of at most KEY_KIND_KEPT_LENGTH characters.
 */
const keyKinds = new Map<string, number>();
const KEY_KINDS_KEPT = 5000;
const KEY_KIND_KEPT_LENGTH = 64;

function keyKindsOf(key: string): number {
  let kinds = keyKinds.get(key);
  if (kinds !== undefined) return kinds;
  kinds =
    (isRegionKey(key) ? KeyKind.region : 0) |
    (isModelKey(key) ? KeyKind.model : 0) |
    (deploymentKeyShape.test(key) ? KeyKind.deployment : 0) |
    (/^api[-_]?key$/i.test(key) ? KeyKind.apiKey : 0) |
    (/(?:^|[_-])(?:id|name)$/i.test(key) ? KeyKind.idOrName : 0);
  if (key.length <= KEY_KIND_KEPT_LENGTH) {
    if (keyKinds.size >= KEY_KINDS_KEPT) keyKinds.clear();
    keyKinds.set(ownCopy(key), kinds);
  }
  return kinds;
}

/**
 * Labels, annotations and tags name what a resource is (`ai.gke.io/model: gemma-3-4b-it` on a pod of the model's
 * server), they set nothing: their values are read as any other value's, for mentions only.
 */
const inLabels = (path: readonly string[]): boolean => {
  for (let i = 0; i < path.length - 1; i++)
    if (/^(?:labels|annotations|matchLabels|commonLabels|podLabels|podAnnotations|tags)$/.test(path[i])) return true;
  return false;
};

/** Spring Boot's configuration files, a profile's too (`application-prod.yml`): their keys are the application's properties. */
const springConfigFile = /(?:^|\/)(?:application|bootstrap)(?:-[\w.-]+)?\.(?:ya?ml|properties)$/;

/** A placeholder with a default, `${NAME:default}` (or `${NAME:-default}`): what precedes the default, and the default (a model id's own colons in it). */
const springDefault = /^(\$\{[A-Za-z_][\w.-]*:-?)(.*)\}$/s;

/** `MODELS: { AGENT: { ID: … }, EVALUATION: { JUDGE_ID: … } }`: ids and names in a models section are model settings. */
const inModelsSection = (path: readonly string[]): boolean =>
  path.some((p, i) => i < path.length - 1 && /^(?:[a-z]+[_-])?models?$/i.test(p));

/** Under a tokenizer's section (`tokenizer.params.model_name`): a model named there picks an encoding, it is not called. */
const inTokenizerSection = (path: readonly string[]): boolean => path.some((p, i) => i < path.length - 1 && /tokeni[sz]er/i.test(p));

export interface LeafOptions {
  label?: string;
  /** Leaves already read by a format-specific handler. */
  handled?: Set<number>;
  /** Create anchors for the models found (false when a handler pairs them itself). */
  pair?: boolean;
  /**
   * The platform a key path says a model runs on (Spring AI prefixes), before its spelling is asked; null for a
   * path known to configure something else (a vector store's region is not where a model runs).
   */
  platformOf?: (path: string[]) => Platform | null | undefined;
}

/** A leaf's evidence label, built only for a leaf that can be a finding: most leaves are neither settings nor hold a mention. */
const leafLabel = (leaf: Leaf, options: LeafOptions): string => `${options.label ? `${options.label} ` : ''}${leaf.path.join('.')}`;

/** Findings for region and model keys among the leaves, and anchors pairing models with their section's region. */
export function analyzeLeaves(c: Collector, leaves: Leaf[], options: LeafOptions = {}): void {
  const regions: Placed[] = [];
  const models: Placed[] = [];
  const apiKeys: string[][] = [];
  /** Regions of Bedrock's OpenAI-compatible endpoints the leaves name (a client's base URL). */
  const bedrockEndpoints: Placed[] = [];
  for (let i = 0; i < leaves.length; i++) {
    let leaf = leaves[i];
    if (options.handled?.has(leaf.start)) continue;
    const key = leaf.path[leaf.path.length - 1] ?? '';
    let kinds = keyKindsOf(key);
    if (kinds && inLabels(leaf.path)) kinds = 0;
    if (kinds & KeyKind.apiKey) apiKeys.push(leaf.path);
    let text = c.text.slice(leaf.start, leaf.end);
    // Spring's `${AWS_REGION:eu-west-1}` (Micronaut's and Quarkus' too): the default is the value unless the variable is set
    for (let d = springDefault.exec(text); d; d = springDefault.exec(text)) {
      leaf = { ...leaf, start: leaf.start + d[1].length, end: leaf.start + d[1].length + d[2].length };
      text = d[2];
    }
    const regionKey = (kinds & KeyKind.region) !== 0;
    const modelKey =
      !regionKey &&
      ((kinds & KeyKind.model) !== 0 || ((kinds & KeyKind.idOrName) !== 0 && inModelsSection(leaf.path))) &&
      !inTokenizerSection(leaf.path);
    const deploymentKey = !regionKey && !modelKey && (kinds & KeyKind.deployment) !== 0;
    // a value under no setting key can only hold mentions: most hold none, and need no placeholder test
    if (!regionKey && !modelKey && !deploymentKey && !mayHoldMention(c.index, text)) continue;
    if (isPlaceholder(text)) continue; // blank values too
    // findings out of line: most leaves leave the loop above, and the optimising compiler compiled the finding code
    // into the loop, one of the scan's largest compiles
    if (regionKey) regionLeaf(c, leaf, key, options, regions);
    else if (modelKey || (deploymentKey && isAiPath(leaf.path) && spellsModel(c.index, text)))
      modelLeaf(c, leaf, options, models, deploymentKey);
    else if (!bedrockEndpointLeaf(c, leaf, text, options, bedrockEndpoints) && !endpointLeaf(c, leaf, text, options))
      mentionLeaf(c, leaf, text, options);
  }
  // a Spring Boot application's properties: what its beans' `@Value("${…}")` fields are injected with
  if (springConfigFile.test(c.file))
    for (const placed of [...regions, ...models])
      c.facts.symbols.push({
        key: symbolKey.springProperty(placed.path.join('.')),
        value: { kind: 'finding', finding: placed.finding },
        priority: 1,
      });
  if (options.pair === false || !models.length) return;
  pairModels(c, models, regions, apiKeys, options, leaves, bedrockEndpoints);
}

/**
 * A base URL on Bedrock's OpenAI-compatible endpoint (`spring.ai.openai.base-url`, an OpenAI client's): the region
 * its host names, where the models of its section run (pairModels), kept in `endpoints`.
 */
function bedrockEndpointLeaf(c: Collector, leaf: Leaf, text: string, options: LeafOptions, endpoints: Placed[]): boolean {
  if (!text.includes('bedrock') || !bedrockOpenAiHost.test(text)) return false;
  const host = endpointRegion(text);
  const f =
    host &&
    c.region(
      leaf.start + host.start,
      leaf.start + host.end,
      'inference',
      `${leafLabel(leaf, options)} (Bedrock OpenAI-compatible endpoint)`,
    );
  if (f) endpoints.push({ path: leaf.path, finding: f });
  return f !== undefined;
}

/** A region setting's finding, kept in `regions` for pairing. */
function regionLeaf(c: Collector, leaf: Leaf, key: string, options: LeafOptions, regions: Placed[]): void {
  const known = options.platformOf?.(leaf.path);
  const ai = known !== null && (known !== undefined || isAiPath(leaf.path.slice(0, -1)) || isAiPath([key]));
  const f = c.region(leaf.start, leaf.end, ai && !isNonInferenceName(key) ? 'inference' : 'deployment', leafLabel(leaf, options), {
    keyed: true,
  });
  if (f) regions.push(leaf.records ? { path: leaf.path, finding: f, records: leaf.records } : { path: leaf.path, finding: f });
}

/** A model setting's finding, kept in `models` for pairing. */
function modelLeaf(c: Collector, leaf: Leaf, options: LeafOptions, models: Placed[], deployment: boolean): void {
  const ollama = leaf.path.some((p) => /ollama/i.test(p));
  const f = c.model(leaf.start, leaf.end, 'deployment', leafLabel(leaf, options), {
    keyed: true,
    huggingFace: isAiPath(leaf.path),
    ollama,
  });
  if (f)
    models.push({
      path: leaf.path,
      finding: f,
      ollama,
      ...(deployment ? { deployment } : {}),
      ...(leaf.records ? { records: leaf.records } : {}),
    });
}

/**
 * An endpoint URL that names the model it serves, whatever its key (a gateway's backend `uri`): an Azure OpenAI
 * deployment's path (the deployment the workspace declares, else unresolved), an Azure AI serverless endpoint's host
 * (the model in the region the host names), a Gemini API method's path (Google's API: no region to choose).
 */
function endpointLeaf(c: Collector, leaf: Leaf, text: string, options: LeafOptions): boolean {
  if (!text.includes('models') && !text.includes('/deployments/')) return false;
  const at = { start: leaf.start, end: leaf.end };
  const label = leafLabel(leaf, options);
  const deployment = azureDeploymentPath.exec(text);
  if (deployment) {
    const s = leaf.start + deployment.index + deployment[0].length - deployment[1].length;
    const name = { start: s, end: s + deployment[1].length };
    // a deployment named after its model is a model setting; another name only links to the deployment declared so
    const named = spellsModel(c.index, deployment[1])
      ? c.model(name.start, name.end, 'inference', `${label} (Azure OpenAI deployment)`, { keyed: true })
      : undefined;
    c.facts.anchors.push({
      at,
      label: `${label} Azure OpenAI endpoint`,
      platform: 'azure-openai',
      models: [],
      deployments: [{ name: deployment[1], at: name, ...(named ? { named } : {}) }],
    });
    return true;
  }
  const serverless = azureServerlessHost.exec(text);
  if (serverless) {
    const s = leaf.start + serverless[0].indexOf(serverless[1]);
    // the endpoint is named after its model, often with a suffix of its own (`Phi-4-demo01`, Azure's `-abcd`)
    const named = endpointModelName(c, serverless[1]);
    const model = named && c.model(s, s + named.length, 'inference', `${label} (Azure AI serverless endpoint)`, { keyed: true });
    const r = s + serverless[1].length + 1;
    const region = model && c.region(r, r + serverless[2].length, 'inference', `${label} (Azure AI serverless endpoint)`);
    if (!model) return false;
    c.facts.anchors.push({
      at,
      label: `${label} Azure AI serverless endpoint`,
      platform: 'azure-openai',
      models: [{ kind: 'finding', finding: model }],
      ...(region ? { region: { kind: 'finding', finding: region } } : {}),
    });
    return true;
  }
  const gemini = geminiApiPath.exec(text);
  if (!gemini) return false;
  const s = leaf.start + gemini[0].lastIndexOf(gemini[2]);
  const model = c.model(s, s + gemini[2].length, 'inference', `${label} (Gemini API path)`, { keyed: true });
  if (!model) return false;
  c.facts.anchors.push({
    at,
    label: `${label} Gemini API request`,
    platform: 'provider-managed',
    models: [{ kind: 'finding', finding: model }],
  });
  return true;
}

/** The model an endpoint is named after: its name, or its name without one or two trailing `-` parts; undefined for none. */
function endpointModelName(c: Collector, name: string): string | undefined {
  for (let candidate = name, drops = 0; drops <= 2; drops++) {
    if (resolveModel(c.index, candidate)) return candidate;
    const dash = candidate.lastIndexOf('-');
    if (dash <= 0) return undefined;
    candidate = candidate.slice(0, dash);
  }
  return undefined;
}

/** Any other leaf's value: a model id in it (not a model setting), or mentions. */
function mentionLeaf(c: Collector, leaf: Leaf, text: string, options: LeafOptions): void {
  const shape = mayBeStrictModel(text) ? modelShape(text) : undefined;
  if (shape === 'strict') c.model(leaf.start, leaf.end, 'mention', `${leafLabel(leaf, options)} (not a model setting)`);
  else c.mentionsIn(leaf.start, leaf.end, () => leafLabel(leaf, options), shape);
}

/**
 * Anchors pairing each model setting with its section's region (analyzeLeaves' second step, out of line: most files
 * set no model, and its code then stays out of what the optimising compiler compiles for the leaf loop).
 */
function pairModels(
  c: Collector,
  models: Placed[],
  regions: Placed[],
  apiKeys: string[][],
  options: LeafOptions,
  leaves: Leaf[],
  bedrockEndpoints: Placed[],
): void {
  // the sections that name an Azure OpenAI resource's endpoint: their deployments are that resource's
  let endpoints: string[][] | undefined;
  const namesEndpoint = (path: readonly string[]) =>
    (endpoints ??= leaves.filter((l) => azureEndpoint.test(c.text.slice(l.start, l.end))).map((l) => l.path)).some(
      (e) => e.length === path.length && sharedDepth(e, path) === path.length - 1,
    );
  for (const m of models) {
    // a model in the section of a Bedrock OpenAI-compatible base URL runs on Bedrock, in the region the URL names
    const bedrock = bedrockEndpoints.find((e) => sharedDepth(e.path, m.path) === e.path.length - 1);
    if (bedrock) {
      c.facts.anchors.push({
        at: m.finding.range,
        label: `config ${m.path.join('.')} (Bedrock OpenAI-compatible endpoint)`,
        platform: 'bedrock',
        models: [{ kind: 'finding', finding: m.finding }],
        region: { kind: 'finding', finding: bedrock.finding },
      });
      continue;
    }
    const byText = platformOfModelText(c.index, m.finding.text);
    // an OpenAI model id under an Azure section (AzureOpenAIText.Deployment), or under a deployment key (OpenAI's own
    // API has none), is an Azure OpenAI deployment
    const byPath = m.ollama
      ? 'self-hosted'
      : byText === 'provider-managed' && (m.deployment || m.path.some((p) => /azure/i.test(p)))
        ? 'azure-openai'
        : byText;
    // an Azure deployment spec (azd's ai.yaml, a parameters file): `model: { format, name }` beside `sku: { name }`
    const sku = azureDeploymentSku(c, m.path, m.finding.range.start, leaves);
    const platform = sku ? 'azure-openai' : options.platformOf?.(m.path) || byPath;
    if (!platform) continue;
    const region = nearestRegion(m, regions, models);
    // Gemini with an API key in its section and no region (spring.ai.google.genai.api-key): the Gemini API
    // (a region only shared through a wider section, spring.ai.vertex.* beside spring.ai.google.genai.*, does not count)
    const keyDepth = Math.max(-1, ...apiKeys.filter((k) => sharesGeminiSection(k, m.path)).map((k) => sharedDepth(k, m.path)));
    if (platform === 'vertex' && keyDepth >= 0 && (!region || keyDepth > sharedDepth(region.path, m.path))) {
      c.facts.anchors.push({
        at: m.finding.range,
        label: `config ${m.path.join('.')} (API key)`,
        platform: 'provider-managed',
        models: [{ kind: 'finding', finding: m.finding }],
      });
      continue;
    }
    const anchor: Anchor = {
      at: m.finding.range,
      label: `config ${m.path.join('.')}`,
      platform,
      models: [{ kind: 'finding', finding: m.finding }],
    };
    if (platform === 'bedrock' || platform === 'vertex' || platform === 'self-hosted') {
      if (region) anchor.region = { kind: 'finding', finding: region.finding };
      else if (platform !== 'self-hosted') {
        // a LiteLLM model string (`bedrock/…`, `vertex_ai/…`) is called through LiteLLM, which reads its own variable first
        const routed = routerPrefixOf(m.finding.text);
        const litellm = routed !== undefined && routed.router.separator === undefined;
        const provider = platform === 'bedrock' ? 'aws' : 'gcp';
        const own = platform === 'bedrock' ? knowledge.litellm.awsRegionEnv : knowledge.litellm.vertexLocationEnv;
        anchor.region = {
          kind: 'ambient',
          provider,
          at: m.finding.range,
          label: 'region from the environment',
          ...(litellm ? { names: regionVarsAfter(provider, own) } : {}),
        };
      }
    }
    if (sku) anchor.sku = sku;
    if (platform === 'azure-openai' && region) anchor.region = { kind: 'finding', finding: region.finding };
    else if (platform === 'azure-openai' && m.deployment && namesEndpoint(m.path)) {
      // a deployment of the resource the section's endpoint names: it runs where the workspace's IaC deploys it (its
      // model, account region and SKU); with no endpoint (a local config the user fills in) it stays unresolved
      anchor.models = [];
      anchor.deployments = [{ name: m.finding.text, at: m.finding.range, named: m.finding }];
    } else if (platform === 'azure-openai')
      anchor.region = { kind: 'state', state: 'unresolved', at: m.finding.range, note: 'Azure resource region not in this file' };
    c.facts.anchors.push(anchor);
  }
}

/**
 * The SKU of the Azure deployment a model's name is in (`…model.name` with `…sku.name` or `…sku` beside `…model`, an
 * Azure SKU: Standard, GlobalStandard, DataZoneStandard, ProvisionedManaged…), if it is in one.
 */
function azureDeploymentSku(c: Collector, path: readonly string[], at: number, leaves: readonly Leaf[]): string | undefined {
  const n = path.length;
  if (n < 2 || path[n - 1] !== 'name' || path[n - 2] !== 'model') return undefined;
  const section = path.slice(0, n - 2);
  // (a list's items share a path: the item's own sku is the nearest)
  let nearest: string | undefined;
  let distance = Infinity;
  for (const leaf of leaves) {
    const p = leaf.path;
    const under = p.length - section.length;
    if ((under !== 1 && under !== 2) || p[section.length] !== 'sku' || (under === 2 && p[p.length - 1] !== 'name')) continue;
    if (!section.every((s, i) => p[i] === s) || Math.abs(leaf.start - at) >= distance) continue;
    const text = c.text.slice(leaf.start, leaf.end).replace(/^(["'])(.*)\1$/, '$2');
    if (!/^(?:Global|DataZone)?(?:Standard|ProvisionedManaged|Batch)$|^Provisioned/i.test(text)) continue;
    nearest = text;
    distance = Math.abs(leaf.start - at);
  }
  return nearest;
}

/** An Azure OpenAI (or AI Services) resource's endpoint. */
const azureEndpoint = /^https:\/\/[a-z0-9-]+\.(?:openai|cognitiveservices)\.azure\.com/i;

/**
 * An API key and a model under the same Gemini / Google GenAI section, or side by side in one section of any name
 * (`google: { api_key, model }`): Vertex AI is reached with a project and a location, the Gemini API with a key.
 */
function sharesGeminiSection(key: readonly string[], model: readonly string[]): boolean {
  const shared = sharedDepth(key, model);
  if (key.length === model.length && shared === key.length - 1 && shared > 0) return true;
  return key.slice(0, shared).some((p) => /gemini|genai|google[-_]?ai|generative/i.test(p));
}

/** How many leading sections two keys share (their last segments, the keys themselves, excluded). */
function sharedDepth(a: readonly string[], b: readonly string[]): number {
  let depth = 0;
  while (depth < a.length - 1 && depth < b.length - 1 && a[depth] === b[depth]) depth++;
  return depth;
}

/** The region key sharing the longest section with a model key: same map, or a common AI-named ancestor. */
function nearestRegion(model: Placed, regions: Placed[], models: Placed[]): Placed | undefined {
  let best: Placed | undefined;
  let bestDepth = -1;
  for (const r of regions) {
    // a region in a section with a model of its own is that model's (a catalogue entry pinned to a region), not its
    // sibling entries'; one in a list's record, that record's
    const section = r.path.length - 1;
    if (sharedDepth(model.path, r.path) < section && models.some((o) => o !== model && sharedDepth(o.path, r.path) >= section)) continue;
    const record = r.records?.[r.records.length - 1];
    if (record !== undefined && !model.records?.includes(record)) continue;
    let depth = 0;
    while (depth < model.path.length - 1 && depth < r.path.length - 1 && model.path[depth] === r.path[depth]) depth++;
    const sameMap = depth === model.path.length - 1 && depth === r.path.length - 1;
    const sharedAi = depth > 0 && isAiPath(model.path.slice(0, depth));
    const parentRegion = depth === r.path.length - 1 && depth > 0;
    if (!(sameMap || sharedAi || parentRegion || (depth === 0 && r.path.length === 1 && model.path.length === 1))) continue;
    if (depth > bestDepth) {
      best = r;
      bestDepth = depth;
    }
  }
  return best;
}
