// LiteLLM proxy config: model_list entries with their router-prefixed model, aws_region_name, vertex_location,
// Azure deployments, and os.environ/VAR references (resolved through the env of the process that mounts the file).
import type { Collector } from './base';
import { Evaluator, type Goal, type Reading } from './evaluate';
import type { Anchor, Ref } from './facts';
import { knowledge } from '../data/knowledge';
import { platformOfModelText } from '../data/platform';
import { isRegionKey, isVertexLocationName, regionVarsAfter, selfHostedUrl, selfHostedUrlName } from './patterns';
import { symbolKey } from './symbols';
import { eachNode, get, str, type Node, type SeqNode } from './tree';
import type { TextRange } from './types';

/** Every `model_list:` sequence in a document (top level, under proxy_config:, or deeper in Helm values). */
export function findModelLists(doc: Node): SeqNode[] {
  const out: SeqNode[] = [];
  eachNode(doc, (node, key) => {
    if (key === 'model_list' && node.t === 'seq') out.push(node);
  });
  return out;
}

export function analyzeLiteLlm(c: Collector, list: SeqNode, handled: Set<number>): void {
  for (const item of list.items) {
    const alias = get(item, 'model_name');
    if (alias?.t === 'scalar' && alias.inner) handled.add(alias.inner.start);
    const params = get(item, 'litellm_params');
    const modelNode = get(params, 'model');
    if (modelNode?.t !== 'scalar' || !modelNode.inner) continue;
    handled.add(modelNode.inner.start);
    const label = `LiteLLM model_list${alias?.t === 'scalar' ? ` "${alias.value}"` : ''}`;
    const text = modelNode.value;
    const platform = servedByOwnServer(text, get(params, 'api_base'))
      ? 'self-hosted'
      : (platformOfModelText(c.index, text) ?? 'provider-managed');
    const anchor: Anchor = { at: item.range, label, platform, models: [] };
    let region: Ref | undefined;
    for (const key of knowledge.litellm.regionKeywords) {
      const n = get(params, key);
      if (n?.t !== 'scalar' || !n.inner) continue;
      handled.add(n.inner.start);
      const goal: Goal = { want: 'region', role: 'inference', label: `${label} ${key}` };
      if (isVertexLocationName(key)) goal.globalEndpoint = 'gcp';
      region = new Evaluator(c, readRegionParameter).evaluate({ at: n.inner, text: n.value }, goal);
    }
    // other region-like keys in litellm_params (region:, location:) are not LiteLLM parameters: they decide nothing
    if (params?.t === 'map') {
      for (const e of params.entries) {
        if (knowledge.litellm.regionKeywords.includes(e.key) || !isRegionKey(e.key) || e.value?.t !== 'scalar' || !e.value.inner) continue;
        handled.add(e.value.inner.start);
        c.region(e.value.inner.start, e.value.inner.end, 'mention', `${label} ${e.key} (not a LiteLLM parameter)`, { keyed: true });
      }
    }
    const endpoint = apiBase(c, get(params, 'api_base'), label);
    if (endpoint && !region && platform !== 'azure-openai') {
      region = endpoint;
      if (anchor.platform === 'provider-managed') anchor.platform = 'vertex';
    }
    if (platform === 'azure-openai') {
      const deployment = text.replace(/^azure\//, '');
      anchor.deployments = [{ name: deployment, at: modelNode.inner }];
      const base = str(get(params, 'base_model')) ?? str(get(item, 'model_info', 'base_model'));
      const baseNode = get(params, 'base_model') ?? get(item, 'model_info', 'base_model');
      if (base && baseNode?.t === 'scalar' && baseNode.inner) {
        handled.add(baseNode.inner.start);
        const f = c.model(baseNode.inner.start, baseNode.inner.end, 'inference', `${label} base_model`, { keyed: true });
        if (f) anchor.models.push({ kind: 'finding', finding: f });
      }
      anchor.region = region ?? {
        kind: 'state',
        state: 'unresolved',
        at: modelNode.inner,
        note: 'Azure OpenAI resource region is not in the config (api_base names the resource)',
      };
    } else {
      const f = c.model(modelNode.inner.start, modelNode.inner.end, 'inference', label, {
        keyed: true,
        ollama: /^ollama/.test(text),
        huggingFace: true,
      });
      if (f) anchor.models.push({ kind: 'finding', finding: f });
      else if (/^os\.environ\//.test(text)) anchor.models.push({ kind: 'env', names: [text.slice(11)], at: modelNode.inner, label });
      if (platform === 'bedrock')
        anchor.region = region ?? {
          kind: 'ambient',
          provider: 'aws',
          at: modelNode.inner,
          label: `${knowledge.litellm.awsRegionEnv} or AWS_REGION of the proxy`,
          names: regionVarsAfter('aws', knowledge.litellm.awsRegionEnv),
        };
      else if (anchor.platform === 'vertex')
        anchor.region = region ?? {
          kind: 'ambient',
          provider: 'gcp',
          at: modelNode.inner,
          label: `${knowledge.litellm.vertexLocationEnv} of the proxy`,
          names: regionVarsAfter('gcp', knowledge.litellm.vertexLocationEnv),
        };
    }
    if (anchor.models.length || anchor.deployments?.length) c.facts.anchors.push(anchor);
    if (alias?.t === 'scalar' && alias.inner) {
      const route = aliasRoute(anchor, alias.inner, label);
      if (route) c.facts.symbols.push({ key: symbolKey.litellmAlias(alias.value), value: route, priority: 1 });
    }
  }
}

/** Where a model_list entry runs what it serves: a state, or its region (a Bedrock geo profile decides by itself). */
function aliasRoute(anchor: Anchor, at: { start: number; end: number }, label: string): Ref | undefined {
  const model = anchor.models[0]?.kind === 'finding' ? anchor.models[0].finding : undefined;
  const note = `${label} serves it`;
  if (anchor.platform === 'provider-managed' || anchor.platform === 'self-hosted')
    return { kind: 'state', state: anchor.platform, at, note };
  if (model?.geo) return { kind: 'state', state: model.geo === 'global' ? 'global' : 'geo-profile', geo: model.geo, at, note };
  return anchor.region ? { kind: 'chain', at, label: note, next: anchor.region } : undefined;
}

/** The variable a proxy config value reads (`os.environ/NAME`), if it is one. */
const proxyEnv = (text: string): string | undefined => /^os\.environ\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(text)?.[1];

/**
 * An `openai/` model sent to an api_base of one's own (`http://localhost:8000/v1`, `os.environ/VLLM_URL`): LiteLLM's
 * way to call an OpenAI-compatible server such as vLLM, so the model is self-hosted, not OpenAI's.
 */
function servedByOwnServer(model: string, base: Node | undefined): boolean {
  if (!/^openai\//i.test(model) || base?.t !== 'scalar') return false;
  const env = proxyEnv(base.value);
  return env ? selfHostedUrlName.test(env) : selfHostedUrl.test(base.value);
}

/** A region parameter of a model_list entry as written: `os.environ/NAME` (the proxy's env), else a region (or `global`). */
function readRegionParameter({ at, text }: { at: TextRange; text: string }, goal: Goal): Reading<{ at: TextRange; text: string }> {
  const env = proxyEnv(text);
  if (env) return { is: 'env', name: env, at, label: goal.label };
  return { is: 'literal', at, region: { keyed: true }, otherwise: () => ({ kind: 'state', state: 'unresolved', at, note: text }) };
}

/**
 * A Vertex AI api_base names where the call is served: `https://us-east5-aiplatform.googleapis.com` that region,
 * `https://aiplatform.googleapis.com` the global endpoint (also for gemini/ models sent there in express mode).
 */
function apiBase(c: Collector, n: Node | undefined, label: string): Ref | undefined {
  if (n?.t !== 'scalar' || !n.inner) return undefined;
  const host = /^https?:\/\/(?:([a-z0-9-]+)-)?aiplatform\.googleapis\.com(?:[/:]|$)/.exec(n.value);
  if (!host) return undefined;
  if (!host[1]) return { kind: 'state', state: 'global', at: n.inner, note: 'Vertex AI global endpoint (api_base)' };
  const start = n.inner.start + host[0].indexOf(host[1]);
  const f = c.region(start, start + host[1].length, 'inference', `${label} api_base`, { provider: 'gcp' });
  return f ? { kind: 'finding', finding: f } : undefined;
}
