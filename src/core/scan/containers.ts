// docker-compose services and Kubernetes manifests / Helm values: container env (one scope per service or
// container), env_file and mounted files, commands that serve a model (vllm, ollama, --model), and the
// topology labels that pin a cluster region.
import type { Collector } from './base';
import { envValue, shellCommands } from './env';
import type { Anchor, EnvScope, EnvVar, Ref } from './facts';
import { platformOfModelText } from '../data/platform';
import { isModelKey } from './patterns';
import { symbolKey } from './symbols';
import { basename, dirname, joinPath } from './text';
import { get, str, type MapNode, type Node, type Scalar, type SeqNode } from './tree';

/** KServe's storageUri scheme for a Hugging Face model (`hf://org/name`). */
export const huggingFaceScheme = 'hf://';

/** The keys of a compose service through which it sets env vars of any names: its environment and its env files. */
export const composeEnvKeys = { environment: 'environment', envFile: 'env_file' } as const;

/** A Kubernetes container's env list. */
export const containerEnvKey = 'env';

/** The keys of the env lists a Helm chart's values give its containers outside a pod spec. */
export const helmEnvKeys: readonly string[] = ['extraEnv', containerEnvKey, 'envVars', 'extraEnvVars', 'environment'];
const helmEnvKey = new RegExp(`^(?:${helmEnvKeys.join('|')})$`);

/** Commands whose third item (`["vllm", "serve", "org/name"]`) is the id of the model they serve or download. */
export const containerServingCommands: readonly string[] = [
  'ollama pull',
  'ollama run',
  'vllm serve',
  'huggingface-cli download',
  'hf download',
];

export function isCompose(name: string, doc: MapNode): boolean {
  if (/^(docker-)?compose[^/]*\.ya?ml$/i.test(name)) return true;
  const services = get(doc, 'services');
  return services?.t === 'map' && services.entries.some((e) => get(e.value, 'image') !== undefined || get(e.value, 'build') !== undefined);
}

export function isKubernetes(doc: MapNode): boolean {
  return get(doc, 'apiVersion') !== undefined && get(doc, 'kind') !== undefined;
}

export function analyzeCompose(c: Collector, doc: MapNode, handled: Set<number>): void {
  const folder = dirname(c.file);
  const services = get(doc, 'services');
  if (services?.t !== 'map') return;
  // a LiteLLM proxy in the stack: the other services ask it for models by its model_name aliases
  const proxy = services.entries.some((e) => /litellm/i.test(str(get(e.value, 'image')) ?? ''));
  for (const service of services.entries) {
    const s = service.value;
    const label = `service ${service.key}`;
    const environment = get(s, composeEnvKeys.environment);
    // a service that talks to Ollama (or is Ollama) names Ollama tags under its model variables
    const ollama =
      /ollama/i.test(str(get(s, 'image')) ?? '') ||
      (environment?.t === 'map'
        ? environment.entries.some((e) => /OLLAMA/.test(e.key))
        : environment?.t === 'seq' && environment.items.some((i) => /^OLLAMA/.test(str(i) ?? '')));
    const vars = composeEnv(c, environment, label, handled, ollama);
    if (proxy && !/litellm/i.test(str(get(s, 'image')) ?? '')) proxyAliases(c, vars, label);
    const scope: EnvScope = { id: `${c.file}#${service.key}`, kind: 'compose', vars, includes: [] };
    const envFile = get(s, composeEnvKeys.envFile);
    for (const f of envFile?.t === 'seq' ? envFile.items : envFile ? [envFile] : []) {
      const p = str(f) ?? str(get(f, 'path'));
      if (p) scope.includes?.push(joinPath(folder, p));
    }
    const build = get(s, 'build');
    const context = str(build) ?? str(get(build, 'context'));
    if (context) scope.codeRoot = joinPath(folder, context);
    const volumes = get(s, 'volumes');
    for (const v of volumes?.t === 'seq' ? volumes.items : []) {
      const spec = str(v) ?? str(get(v, 'source'));
      const source = spec?.split(':')[0];
      if (source && /^\.{1,2}\//.test(source)) (scope.files ??= []).push(joinPath(folder, source));
    }
    c.facts.scopes.push(scope);
    if (ollama) ollamaModels(c, scope, label);
    commands(c, get(s, 'command'), label, handled, get(s, 'entrypoint'));
  }
}

/**
 * Model variables of a service beside a LiteLLM proxy whose value is no model id (`DEFAULT_MODELS=fast-chat`) name
 * one of the proxy's model_name aliases: the model runs wherever the proxy's entry for that alias sends it.
 */
function proxyAliases(c: Collector, vars: EnvVar[], label: string): void {
  for (const v of vars) {
    if (!isModelKey(v.name) || v.value.kind !== 'state' || !v.text || !/^[A-Za-z0-9][A-Za-z0-9._:\/-]*$/.test(v.text)) continue;
    const start = c.text.indexOf(v.text, v.at.start + v.name.length);
    if (start < 0 || start + v.text.length > v.at.end) continue;
    const f = c.model(start, start + v.text.length, 'inference', `${label} ${v.name} (a model_name of the LiteLLM proxy)`, {
      schemaName: true,
    });
    if (!f) continue;
    v.value = { kind: 'finding', finding: f };
    const at = f.range;
    c.facts.anchors.push({
      at,
      label: `${label} ${v.name} via the LiteLLM proxy`,
      platform: 'router',
      models: [v.value],
      region: {
        kind: 'symbol',
        key: symbolKey.litellmAlias(v.text),
        at,
        label: `LiteLLM model_name ${v.text}`,
        fallback: { kind: 'state', state: 'unresolved', at, note: `no LiteLLM model_name ${v.text} in the workspace` },
      },
    });
  }
}

/** Model variables of a service that talks to Ollama run on that Ollama server (its default when unset). */
function ollamaModels(c: Collector, scope: EnvScope, label: string): void {
  for (const v of scope.vars) {
    // `LLM=${LLM-llama2}`: the default says the variable holds a model; the value is what the environment sets, else it
    const value = v.value.kind === 'env' ? v.value.fallback : v.value;
    if (value?.kind !== 'finding' || value.finding.kind !== 'model') continue;
    c.facts.anchors.push({
      at: v.at,
      label: `${label} ${v.name} (Ollama)`,
      platform: 'self-hosted',
      models: [v.value],
      envScope: scope.id,
    });
  }
}

function composeEnv(c: Collector, node: Node | undefined, label: string, handled: Set<number>, ollama = false): EnvVar[] {
  const out: EnvVar[] = [];
  if (node?.t === 'map') {
    for (const e of node.entries) {
      const v = e.value;
      if (v?.t !== 'scalar' || !v.inner) continue;
      handled.add(v.inner.start);
      const { value, text } = envValue(c, e.key, v.inner.start, v.inner.end, `${label} ${e.key}`, { ollama });
      out.push({ name: e.key, value, at: { start: e.keyRange.start, end: v.range.end }, text });
    }
  } else if (node?.t === 'seq') {
    for (const item of node.items) {
      if (item.t !== 'scalar' || !item.inner) continue;
      const eq = item.value.indexOf('=');
      if (eq <= 0) continue;
      handled.add(item.inner.start);
      const name = item.value.slice(0, eq);
      const { value, text } = envValue(c, name, item.inner.start + eq + 1, item.inner.end, `${label} ${name}`, { ollama });
      out.push({ name, value, at: item.range, text });
    }
  }
  return out;
}

/** command:/args: as a string or a list; `["--model", "x"]` pairs flag and value items. */
function commands(c: Collector, ...args: [Node | undefined, string, Set<number>, ...Array<Node | undefined>]): void {
  const [first, label, handled, ...more] = args;
  for (const node of [first, ...more]) {
    if (!node) continue;
    const items = node.t === 'seq' ? node.items : [node];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.t !== 'scalar') continue;
      if (item.inner) handled.add(item.inner.start);
      const next = items[i + 1];
      // ["ollama", "pull", "tag"], ["vllm", "serve", "org/name"] as separate items
      const third = items[i + 2];
      const verb = next?.t === 'scalar' ? `${item.value} ${next.value}` : '';
      if (containerServingCommands.includes(verb) && third?.t === 'scalar' && third.inner) {
        handled.add(third.inner.start);
        const f = c.model(third.inner.start, third.inner.end, 'inference', `${label} ${verb}`, {
          keyed: true,
          huggingFace: !verb.startsWith('ollama'),
          ollama: verb.startsWith('ollama'),
        });
        if (f)
          c.facts.anchors.push({
            at: item.range,
            label: `${label} command`,
            platform: 'self-hosted',
            models: [{ kind: 'finding', finding: f }],
          });
        i += 2;
        continue;
      }
      if (/^--(?:model|model-id|served-model-name)$/.test(item.value) && next?.t === 'scalar' && next.inner) {
        handled.add(next.inner.start);
        const f = c.model(next.inner.start, next.inner.end, 'inference', `${label} ${item.value}`, {
          keyed: true,
          huggingFace: true,
          ollama: true,
        });
        if (f)
          c.facts.anchors.push({
            at: item.range,
            label: `${label} command`,
            platform: platformOfModelText(c.index, f.text) === 'bedrock' ? 'bedrock' : 'self-hosted',
            models: [{ kind: 'finding', finding: f }],
          });
        i++;
        continue;
      }
      shellCommands(c, item.range.start, item.range.end, label);
    }
  }
}

const regionLabel = /^(?:topology\.kubernetes\.io|failure-domain\.beta\.kubernetes\.io)\/(region|zone)$/;
/** A key regionLabel can match: most keys are shorter than its shortest (`topology.kubernetes.io/zone`), and skip it. */
const mayBeRegionLabel = (key: string): boolean => key.length >= 27 && regionLabel.test(key);

/**
 * What analyzeKubernetes reads of a document, gathered by the walk every YAML document gets (yamlConfig.ts), in
 * document order: cluster placement (nodeSelector labels, node affinity expressions), container lists, Helm env lists
 * and KServe URIs.
 */
export interface KubernetesParts {
  placements: Array<{ key: string; label: Scalar } | MapNode>;
  containerLists: SeqNode[];
  envLists: { key: string; node: SeqNode }[];
  storageUris: Scalar[];
}

export const kubernetesParts = (): KubernetesParts => ({ placements: [], containerLists: [], envLists: [], storageUris: [] });

/** Adds a node met by the walk to the parts: `key` as eachNode gives it (a list's key for its items). */
export function addKubernetesPart(parts: KubernetesParts, node: Node, key: string | undefined, seqItem: boolean): void {
  if (node.t === 'scalar') {
    if (!key || !node.inner) return;
    if (mayBeRegionLabel(key)) parts.placements.push({ key, label: node });
    if (key === 'storageUri' && node.value.startsWith(huggingFaceScheme)) parts.storageUris.push(node);
  } else if (node.t === 'seq') {
    if (key === 'containers' || key === 'initContainers') parts.containerLists.push(node);
    if (key && helmEnvKey.test(key)) parts.envLists.push({ key, node });
  } else if (seqItem && regionLabel.test(str(get(node, 'key')) ?? '')) parts.placements.push(node);
}

/**
 * The cluster's region from a pod spec's node selectors and affinities (out of analyzeKubernetes: most documents have
 * none, and its code then stays out of what the optimising compiler compiles for it).
 */
function clusterPlacement(c: Collector, placements: KubernetesParts['placements'], handled: Set<number>): Ref | undefined {
  let cluster: Ref | undefined;
  for (const placement of placements) {
    if ('label' in placement) {
      const { key, label } = placement;
      if (!label.inner) continue;
      handled.add(label.inner.start);
      const f = c.region(label.inner.start, label.inner.end, 'deployment', `nodeSelector ${key}`, { keyed: true });
      if (f) cluster ??= { kind: 'finding', finding: f };
      continue;
    }
    const values = get(placement, 'values');
    for (const v of values?.t === 'seq' ? values.items : []) {
      if (v.t !== 'scalar' || !v.inner) continue;
      handled.add(v.inner.start);
      const f = c.region(v.inner.start, v.inner.end, 'deployment', `node affinity ${str(get(placement, 'key'))}`, { keyed: true });
      if (f) cluster ??= { kind: 'finding', finding: f };
    }
  }
  return cluster;
}

export function analyzeKubernetes(c: Collector, doc: MapNode, handled: Set<number>, parts: KubernetesParts): void {
  // Cluster placement first, then the container lists, Helm env lists and KServe URIs, in that order, as each decides
  // what the next may still read (handled) and the order findings are recorded in decides which evidence wins.
  const cluster = parts.placements.length ? clusterPlacement(c, parts.placements, handled) : undefined;
  let n = 0;
  // the containers' env lists, read here: their key is one of Helm's env keys too, and the Helm loop below would find
  // every variable they set handled already
  const containerEnvs: SeqNode[] = [];
  // indexed loops: a for-of loop is about three times the bytecode, and this one runs for every container
  const lists = parts.containerLists;
  for (let l = 0; l < lists.length; l++) {
    const containers = lists[l].items;
    for (let j = 0; j < containers.length; j++) {
      const container = containers[j];
      const name = str(get(container, 'name')) ?? `container ${n}`;
      const label = `${str(get(doc, 'kind')) ?? basename(c.file)} ${name}`;
      const vars: EnvVar[] = [];
      const env = get(container, containerEnvKey);
      const items = env?.t === 'seq' ? env.items : [];
      if (env?.t === 'seq') containerEnvs.push(env);
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        const varName = str(get(item, 'name'));
        const v = get(item, 'value');
        if (!varName || v?.t !== 'scalar' || !v.inner) continue;
        handled.add(v.inner.start);
        const { value, text } = envValue(c, varName, v.inner.start, v.inner.end, `${label} env ${varName}`);
        vars.push({ name: varName, value, at: item.range, text });
      }
      const before = c.facts.anchors.length;
      containerCommands(c, container, label, handled);
      if (cluster) placeAnchors(c.facts.anchors, before, cluster);
      c.facts.scopes.push({ id: `${c.file}#${label}#${n++}`, kind: 'k8s', vars });
      if (vars.length) servedModels(c, vars, label, cluster);
    }
  }
  // Helm values: env lists outside a pod spec (extraEnv:, env:) are the chart's container env
  for (const { key, node } of parts.envLists) {
    if (containerEnvs.includes(node)) continue;
    const vars: EnvVar[] = [];
    for (const item of node.items) {
      const varName = str(get(item, 'name'));
      const v = get(item, 'value');
      if (!varName || v?.t !== 'scalar' || !v.inner || handled.has(v.inner.start)) continue;
      handled.add(v.inner.start);
      const { value, text } = envValue(c, varName, v.inner.start, v.inner.end, `${key} ${varName}`);
      vars.push({ name: varName, value, at: item.range, text });
    }
    if (vars.length) c.facts.scopes.push({ id: `${c.file}#${key}@${node.range.start}`, kind: 'k8s', vars, files: [] });
  }
  if (parts.storageUris.length) kserveModels(c, parts.storageUris, handled, cluster);
}

/**
 * command/args of a container and of its hooks and probes (lifecycle.postStart.exec.command …): each map value of
 * those keys that is a list or a string, in document order. A walk of its own, not eachNode's: it needs no key path,
 * and runs over every node of every container.
 */
function containerCommands(c: Collector, node: Node, label: string, handled: Set<number>): void {
  if (node.t === 'map') {
    for (const e of node.entries) {
      if (!e.value) continue;
      if ((e.key === 'command' || e.key === 'args') && e.value.t !== 'map') commands(c, e.value, label, handled);
      containerCommands(c, e.value, label, handled);
    }
  } else if (node.t === 'seq') for (const item of node.items) if (item) containerCommands(c, item, label, handled);
}

/** The self-hosted anchors from `before` on (a container's commands) run on the cluster (no slice copied per container). */
function placeAnchors(anchors: Anchor[], before: number, cluster: Ref): void {
  for (let i = before; i < anchors.length; i++) if (anchors[i].platform === 'self-hosted') anchors[i].region = cluster;
}

/**
 * A served model named only in a container's env (MODEL_ID=org/name) runs on the cluster (out of analyzeKubernetes'
 * container loop: few variables name a model, and the optimising compiler then leaves this out of the loop's code).
 */
function servedModels(c: Collector, vars: EnvVar[], label: string, cluster: Ref | undefined): void {
  for (const v of vars) {
    if (v.value.kind !== 'finding' || v.value.finding.kind !== 'model') continue;
    if (platformOfModelText(c.index, v.value.finding.text) !== 'self-hosted') continue;
    v.value.finding.role = 'inference';
    c.facts.anchors.push({ at: v.at, label: `${label} env ${v.name}`, platform: 'self-hosted', models: [v.value], region: cluster });
  }
}

/** KServe: storageUri: hf://org/name, a model served on the cluster (rare: out of analyzeKubernetes, as clusterPlacement). */
function kserveModels(c: Collector, storageUris: Scalar[], handled: Set<number>, cluster: Ref | undefined): void {
  for (const node of storageUris) {
    if (!node.inner) continue;
    handled.add(node.inner.start);
    const f = c.model(node.inner.start + huggingFaceScheme.length, node.inner.end, 'inference', 'KServe storageUri', { huggingFace: true });
    if (f)
      c.facts.anchors.push({
        at: node.range,
        label: 'KServe storageUri',
        platform: 'self-hosted',
        models: [{ kind: 'finding', finding: f }],
        region: cluster,
      });
  }
}
