// Serverless Framework (provider.region with ${opt:region, 'x'} and friends, function environments) and Pulumi
// stack config (aws:region, gcp:region, azure-native:location and project keys).
import type { Collector } from './base';
import { envValue } from './env';
import { Evaluator, type Goal, type Reading, type Want } from './evaluate';
import type { EnvVar, Ref } from './facts';
import { platformOfModelText } from '../data/platform';
import { ambientRegionVars, isModelKey, isRegionKey } from './patterns';
import { dirname } from './text';
import { eachNode, get, getPath, type MapNode, type Node, type Scalar } from './tree';
import type { TextRange } from './types';

/** A Serverless Framework service file, read as one whatever it holds. */
export const serverlessFileName = /^serverless\.ya?ml$/i;

/** The section a Serverless service names its provider in (`provider.name`): every service holds it. */
export const serverlessProviderKey = 'provider';

export function isServerless(name: string, doc: MapNode): boolean {
  if (serverlessFileName.test(name)) return true;
  return get(doc, 'service') !== undefined && get(doc, serverlessProviderKey, 'name') !== undefined && get(doc, 'functions') !== undefined;
}

export function analyzeServerless(c: Collector, doc: MapNode, handled: Set<number>): void {
  const values = serverlessValues(c, doc, handled);
  const regionNode = get(doc, serverlessProviderKey, 'region');
  const region =
    regionNode?.t === 'scalar'
      ? serverlessValue(values, regionNode, 'provider.region', 'region')
      : {
          kind: 'ambient' as const,
          provider: 'aws' as const,
          at: doc.range,
          label: `no provider.region: --region or ${ambientRegionVars.aws[0]}`,
        };
  const providerEnv = get(doc, serverlessProviderKey, 'environment');
  const functions = get(doc, 'functions');
  const entries = functions?.t === 'map' ? functions.entries : [];
  for (const fn of entries.length ? entries : [{ key: 'provider', value: undefined as Node | undefined }]) {
    const vars: EnvVar[] = [
      ...envOf(c, values, providerEnv, 'provider.environment', handled),
      ...envOf(c, values, get(fn.value, 'environment'), `functions.${fn.key}.environment`, handled),
    ];
    if (region)
      vars.push({
        // the Lambda runtime sets the SDK's region variable to the function's region
        name: ambientRegionVars.aws[0],
        value: { kind: 'chain', at: regionNode?.range ?? doc.range, label: 'the function runs in provider.region', next: region },
        at: regionNode?.range ?? doc.range,
      });
    c.facts.scopes.push({ id: `${c.file}#${fn.key}`, kind: 'function', vars, codeRoot: dirname(c.file) });
  }
  // IAM statements: Bedrock ARNs are permissions
  eachNode(get(doc, serverlessProviderKey), (node, _key, path) => {
    if (node.t !== 'scalar' || !node.inner || !path.includes('Resource')) return;
    handled.add(node.inner.start);
    const arn = /arn:aws[a-z-]*:bedrock:([a-z0-9-]+):/.exec(node.value);
    if (arn) {
      const at = node.inner.start + node.value.indexOf(arn[1], arn.index);
      c.region(at, at + arn[1].length, 'permission', 'IAM statement ARN');
    }
    c.mentionsIn(node.inner.start, node.inner.end, 'IAM statement');
  });
}

function envOf(c: Collector, values: Evaluator<Value>, node: Node | undefined, label: string, handled: Set<number>): EnvVar[] {
  if (node?.t !== 'map') return [];
  const out: EnvVar[] = [];
  for (const e of node.entries) {
    const v = e.value;
    if (v?.t !== 'scalar' || !v.inner) continue;
    const want = isRegionKey(e.key) ? 'region' : isModelKey(e.key) ? 'model' : undefined;
    if (want && /^\$\{.*\}$/.test(v.value)) {
      out.push({
        name: e.key,
        value: serverlessValue(values, v, `${label}.${e.key}`, want),
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

/** A value of serverless.yml: a scalar, or the default written inside one (`${opt:region, 'eu-west-1'}`). */
type Value = Scalar | { default: TextRange };

/** `${opt:region, 'eu-west-1'}`, `${self:custom.region}`, `${env:AWS_REGION, 'x'}`, or a literal. */
function serverlessValue(values: Evaluator<Value>, node: Scalar, label: string, want: Want): Ref {
  return (
    values.evaluate(node, { want, role: 'deployment', label }) ?? { kind: 'state', state: 'unresolved', at: node.range, note: node.value }
  );
}

function serverlessValues(c: Collector, doc: MapNode, handled: Set<number>): Evaluator<Value> {
  const literal = { region: { keyed: true, provider: 'aws' as const }, model: { keyed: true } };
  const read = (value: Value, goal: Goal, depth: number): Reading<Value> => {
    if ('default' in value) return { is: 'literal', at: value.default, label: `${goal.label} (default)`, ...literal };
    const inner = value.inner ?? value.range;
    handled.add(inner.start);
    const m = /^\$\{([^,}]+)(?:,\s*(?:'([^']*)'|"([^"]*)"|([^}]*)))?\}$/.exec(value.value);
    const unresolved = (note: string): Ref => ({ kind: 'state', state: 'unresolved', at: inner, note });
    if (!m) return { is: 'literal', at: inner, label: `${goal.label} `, ...literal, otherwise: () => unresolved(value.value) };
    const source = m[1].trim();
    const def = m[2] ?? m[3] ?? m[4]?.trim();
    const at = def ? c.text.indexOf(def, inner.start + m[1].length) : -1;
    const fallback: Value | undefined = def && at >= 0 ? { default: { start: at, end: at + def.length } } : undefined;
    const self = /^self:(.+)$/.exec(source);
    const target = self && depth < 5 ? getPath(doc, self[1].split('.')) : undefined;
    if (self && target?.t === 'scalar') {
      // the default after a key the file sets never runs, but it is a setting written here
      values.evaluate(fallback, goal, depth + 1);
      return { is: 'variable', node: target, at: inner, label: `\${${source}}`, goal: { label: self[1] } };
    }
    const env = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(source);
    if (env) return { is: 'env', name: env[1], at: inner, label: `\${${source}}`, default: { node: fallback, label: goal.label } };
    return {
      is: 'variable',
      node: fallback,
      at: inner,
      label: `\${${source}} not set in the workspace: default`,
      unresolved: `\${${source}} is set at deploy time`,
    };
  };
  const values = new Evaluator(c, read);
  return values;
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
