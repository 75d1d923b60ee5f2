// Serverless Framework (provider.region with ${opt:region, 'x'} and friends, function environments) and Pulumi
// stack config (aws:region, gcp:region, azure-native:location and project keys).
import type { Collector } from './base';
import { envValue } from './env';
import type { EnvVar, Ref } from './facts';
import { platformOfModelText } from '../data/platform';
import { ambientRegionVars, isModelKey, isRegionKey } from './patterns';
import { dirname } from './text';
import { get, walk, type MapNode, type Node, type Scalar } from './tree';

export function isServerless(name: string, doc: MapNode): boolean {
  if (/^serverless\.ya?ml$/i.test(name)) return true;
  return get(doc, 'service') !== undefined && get(doc, 'provider', 'name') !== undefined && get(doc, 'functions') !== undefined;
}

export function analyzeServerless(c: Collector, doc: MapNode, handled: Set<number>): void {
  const regionNode = get(doc, 'provider', 'region');
  const region =
    regionNode?.t === 'scalar'
      ? serverlessValue(c, doc, regionNode, 'provider.region', handled, 0)
      : { kind: 'ambient' as const, provider: 'aws' as const, at: doc.range, label: 'no provider.region: --region or AWS_REGION' };
  const providerEnv = get(doc, 'provider', 'environment');
  const functions = get(doc, 'functions');
  const entries = functions?.t === 'map' ? functions.entries : [];
  for (const fn of entries.length ? entries : [{ key: 'provider', value: undefined as Node | undefined }]) {
    const vars: EnvVar[] = [
      ...envOf(c, doc, providerEnv, 'provider.environment', handled),
      ...envOf(c, doc, get(fn.value, 'environment'), `functions.${fn.key}.environment`, handled),
    ];
    if (region)
      vars.push({
        name: 'AWS_REGION',
        value: { kind: 'chain', at: regionNode?.range ?? doc.range, label: 'the function runs in provider.region', next: region },
        at: regionNode?.range ?? doc.range,
      });
    c.facts.scopes.push({ id: `${c.file}#${fn.key}`, kind: 'function', vars, codeRoot: dirname(c.file) });
  }
  // IAM statements: Bedrock ARNs are permissions
  for (const { node, path } of walk(get(doc, 'provider'))) {
    if (node.t !== 'scalar' || !node.inner || !path.includes('Resource')) continue;
    handled.add(node.inner.start);
    const arn = /arn:aws[a-z-]*:bedrock:([a-z0-9-]+):/.exec(node.value);
    if (arn) {
      const at = node.inner.start + node.value.indexOf(arn[1], arn.index);
      c.region(at, at + arn[1].length, 'permission', 'IAM statement ARN');
    }
    c.mentionsIn(node.inner.start, node.inner.end, 'IAM statement');
  }
}

function envOf(c: Collector, doc: MapNode, node: Node | undefined, label: string, handled: Set<number>): EnvVar[] {
  if (node?.t !== 'map') return [];
  const out: EnvVar[] = [];
  for (const e of node.entries) {
    const v = e.value;
    if (v?.t !== 'scalar' || !v.inner) continue;
    const want = isRegionKey(e.key) ? 'region' : isModelKey(e.key) ? 'model' : undefined;
    if (want && /^\$\{.*\}$/.test(v.value)) {
      out.push({
        name: e.key,
        value: serverlessValue(c, doc, v, `${label}.${e.key}`, handled, 0, want),
        at: { start: e.keyRange.start, end: v.range.end },
      });
      continue;
    }
    handled.add(v.inner.start);
    const { value, text } = envValue(c, e.key, v.inner.start, v.inner.end, `${label}.${e.key}`);
    out.push({ name: e.key, value, at: { start: e.keyRange.start, end: v.range.end }, text });
  }
  return out;
}

/** `${opt:region, 'eu-west-1'}`, `${self:custom.region}`, `${env:AWS_REGION, 'x'}`, or a literal. */
function serverlessValue(
  c: Collector,
  doc: MapNode,
  node: Scalar,
  label: string,
  handled: Set<number>,
  depth: number,
  want: 'region' | 'model' = 'region',
): Ref {
  const inner = node.inner ?? node.range;
  handled.add(inner.start);
  const literal = (start: number, end: number, how: string): Ref | undefined => {
    const f =
      want === 'region'
        ? c.region(start, end, 'deployment', `${label} ${how}`, { keyed: true, provider: 'aws' })
        : c.model(start, end, 'deployment', `${label} ${how}`, { keyed: true });
    return f ? { kind: 'finding', finding: f } : undefined;
  };
  const m = /^\$\{([^,}]+)(?:,\s*(?:'([^']*)'|"([^"]*)"|([^}]*)))?\}$/.exec(node.value);
  if (!m) return literal(inner.start, inner.end, '') ?? { kind: 'state', state: 'unresolved', at: inner, note: node.value };
  const source = m[1].trim();
  const def = m[2] ?? m[3] ?? m[4]?.trim();
  let fallback: Ref | undefined;
  if (def) {
    const at = c.text.indexOf(def, inner.start + m[1].length);
    if (at >= 0) fallback = literal(at, at + def.length, '(default)');
  }
  const self = /^self:(.+)$/.exec(source);
  if (self && depth < 5) {
    const target = get(doc, ...self[1].split('.'));
    if (target?.t === 'scalar')
      return { kind: 'chain', at: inner, label: `\${${source}}`, next: serverlessValue(c, doc, target, self[1], handled, depth + 1, want) };
  }
  const env = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(source);
  if (env) return { kind: 'env', names: [env[1]], fallback, at: inner, label: `\${${source}}` };
  if (fallback) return { kind: 'chain', at: inner, label: `\${${source}} not set in the workspace: default`, next: fallback };
  return { kind: 'state', state: 'unresolved', at: inner, note: `\${${source}} is set at deploy time` };
}

export function isPulumi(name: string, doc: MapNode): boolean {
  return /^Pulumi(\.[^.]+)?\.ya?ml$/.test(name) && get(doc, 'config') !== undefined;
}

const pulumiProviders: Record<string, 'bedrock' | 'vertex' | 'azure-openai'> = {
  'aws:region': 'bedrock',
  'gcp:region': 'vertex',
  'gcp:zone': 'vertex',
  'azure-native:location': 'azure-openai',
  'azure:location': 'azure-openai',
};

export function analyzePulumi(c: Collector, doc: MapNode, handled: Set<number>): void {
  const config = get(doc, 'config');
  if (config?.t !== 'map') return;
  const providerRegions = new Map<string, Ref>();
  const appRegions: Array<{ key: string; ref: Ref }> = [];
  const models: Array<{ key: string; ref: Ref; text: string }> = [];
  for (const e of config.entries) {
    const v = e.value?.t === 'map' ? (get(e.value, 'value') ?? get(e.value, 'default')) : e.value;
    if (v?.t !== 'scalar' || !v.inner) continue;
    const key = e.key.includes(':') ? e.key.split(':').slice(1).join(':') : e.key;
    const label = `Pulumi config ${e.key}`;
    if (pulumiProviders[e.key] || isRegionKey(key)) {
      handled.add(v.inner.start);
      const f = c.region(v.inner.start, v.inner.end, 'deployment', label, { keyed: true });
      if (!f) continue;
      if (pulumiProviders[e.key]) providerRegions.set(pulumiProviders[e.key], { kind: 'finding', finding: f });
      else appRegions.push({ key, ref: { kind: 'finding', finding: f } });
    } else if (isModelKey(key)) {
      handled.add(v.inner.start);
      const f = c.model(v.inner.start, v.inner.end, 'deployment', label, { keyed: true });
      if (f) models.push({ key, ref: { kind: 'finding', finding: f }, text: f.text });
    }
  }
  const secrets = get(doc, 'secretsprovider');
  if (secrets?.t === 'scalar' && secrets.inner) {
    handled.add(secrets.inner.start);
    c.mentionsIn(secrets.inner.start, secrets.inner.end, 'secretsprovider (KMS key region)');
  }
  // the program of the stack creates its AWS resources (state machines, functions) in aws:region, and the functions it
  // deploys run there (AWS_REGION): the environment of the code in the stack's project. (Vertex AI reads no such
  // variable from the region it is deployed in, so gcp:region says nothing about the program's model calls.)
  const aws = providerRegions.get('bedrock');
  if (aws?.kind === 'finding')
    c.facts.scopes.push({
      id: `${c.file}#stack`,
      kind: 'config',
      vars: ambientRegionVars.aws.map((name) => ({ name, value: aws, at: aws.finding.range })),
      codeRoot: dirname(c.file),
    });
  for (const m of models) {
    const platform = platformOfModelText(c.index, m.text);
    if (!platform) continue;
    const hinted = appRegions.find(
      (r) =>
        (platform === 'bedrock' && /bedrock/i.test(r.key)) ||
        (platform === 'vertex' && /vertex|gemini/i.test(r.key)) ||
        (platform === 'azure-openai' && /openai|azure/i.test(r.key)),
    );
    const region =
      hinted?.ref ?? (platform === 'provider-managed' || platform === 'self-hosted' ? undefined : providerRegions.get(platform));
    c.facts.anchors.push({
      at: m.ref.kind === 'finding' ? m.ref.finding.range : doc.range,
      label: `Pulumi config ${m.key}`,
      platform,
      models: [m.ref],
      region:
        region ??
        (platform === 'bedrock'
          ? { kind: 'state', state: 'unresolved', at: doc.range, note: 'aws:region not set in this stack' }
          : undefined),
    });
  }
}
