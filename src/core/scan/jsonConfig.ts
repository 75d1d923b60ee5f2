// JSON files: CloudFormation templates, ARM templates (Cognitive Services accounts and deployments), cdk.json
// context (modelRegion and modelIds entries), azd main.parameters.json, and generic keys.
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { Collector } from './base';
import { analyzeCloudFormation, isCloudFormation } from './cloudformation';
import { analyzeLeaves } from './config';
import { parseJson } from './jsonFast';
import { Evaluator, type Goal, type Reading } from './evaluate';
import type { Ref } from './facts';
import { analyzeArm, arrayParameterItems, isArm } from './bicep';
import { symbolKey } from './symbols';
import { isModelKey, isRegionKey } from './patterns';
import { basename, dirname } from './text';
import { eachNode, get, str, type MapNode, type Node } from './tree';
import type { TextRange } from './types';
import { leavesOf } from './yamlConfig';

/** cdk.json (the CDK app's context) and its lookup cache. */
const cdkFileName = /^cdk(\.context)?\.json$/;
/** azd's main.parameters.json and ARM parameters files. */
const parametersFileName = /parameters.*\.json$/i;

/** The schema an ARM parameters file names, whatever its name (`parameters/openai.json`). */
const armParametersSchema = /deploymentParameters\.json/i;

/**
 * The folders whose template a parameters file sets: its own, and the one above a folder of parameter files
 * (`parameters/openai.json` beside `../openai.bicep`).
 */
function templateFolders(file: string): string[] {
  const folder = dirname(file);
  return /^(?:parameters|params)$/i.test(basename(folder)) ? [folder, dirname(folder)] : [folder];
}

/** JSON files read whatever they hold: cdk.json context and parameters files. */
export const jsonReadByName = (name: string): boolean => cdkFileName.test(name) || parametersFileName.test(name);

export function analyzeJson(c: Collector): void {
  const { docs, problems } = parseJson(c.text);
  c.problems.push(...problems);
  // comments in JSONC, from jsonc-parser's scanner: one linear pass that knows where strings are (every comment
  // starts with // or /*: most JSON has neither, and is not scanned a second time)
  if (c.text.includes('//') || c.text.includes('/*')) {
    const scanner = createScanner(c.text, false);
    for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
      if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia)
        c.mentionsIn(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength(), 'comment');
    }
  }
  const doc = docs[0];
  if (!doc) return;
  const handled = new Set<number>();
  if (doc.t === 'map' && isCloudFormation(doc)) return analyzeCloudFormation(c, doc);
  if (doc.t === 'map' && isArm(doc)) return analyzeArm(c, doc);
  const name = basename(c.file);
  if (doc.t === 'map' && cdkFileName.test(name)) cdkContext(c, doc, handled);
  if (doc.t === 'map' && (parametersFileName.test(name) || armParametersSchema.test(str(get(doc, '$schema')) ?? '')))
    azdParameters(c, doc, handled);
  analyzeLeaves(c, leavesOf(doc), { handled });
}

/**
 * cdk.json context as the generative-ai-use-cases family writes it: `modelRegion` for string entries of
 * `modelIds`, and `{ modelId, region }` objects overriding it. `cdk.context.json` lookups are deploy-side only.
 */
function cdkContext(c: Collector, doc: MapNode, handled: Set<number>): void {
  const context = get(doc, 'context') ?? doc;
  if (basename(c.file) === 'cdk.context.json') {
    eachNode(doc, (node) => {
      if (node.t === 'scalar' && node.inner) handled.add(node.inner.start);
    });
    eachNode(doc, (node) => {
      if (node.t === 'map') for (const e of node.entries) c.mentionsIn(e.keyRange.start, e.keyRange.end, 'cdk.context.json lookup cache');
    });
    eachNode(doc, (node) => {
      if (node.t === 'scalar') c.mentionsIn(node.range.start, node.range.end, 'cdk.context.json lookup cache');
    });
    return;
  }
  let defaultRegion: Ref | undefined;
  for (const key of ['modelRegion', 'bedrockRegion', 'llmRegion']) {
    const n = get(context, key);
    if (n?.t === 'scalar' && n.inner) {
      handled.add(n.inner.start);
      const f = c.region(n.inner.start, n.inner.end, 'inference', `cdk.json context ${key}`, { keyed: true, provider: 'aws' });
      if (f) defaultRegion = { kind: 'finding', finding: f };
    }
  }
  // every region or model setting of the context is what the app's tryGetContext(name) reads
  if (context?.t === 'map')
    for (const e of context.entries) {
      const n = e.value;
      if (n?.t !== 'scalar' || !n.inner || typeof n.raw !== 'string') continue;
      const known = handled.has(n.inner.start);
      const label = `cdk.json context ${e.key}`;
      const f =
        isRegionKey(e.key) || known
          ? c.region(n.inner.start, n.inner.end, known ? 'inference' : 'deployment', label, { keyed: true, provider: 'aws' })
          : isModelKey(e.key)
            ? c.model(n.inner.start, n.inner.end, 'deployment', label, { keyed: true })
            : undefined;
      if (!f) continue;
      handled.add(n.inner.start);
      c.facts.symbols.push({ key: symbolKey.cdkContext(e.key), value: { kind: 'finding', finding: f }, priority: 1 });
    }
  if (!defaultRegion) {
    const n = get(context, 'region') ?? get(context, 'env', 'region');
    if (n?.t === 'scalar' && n.inner) {
      handled.add(n.inner.start);
      const f = c.region(n.inner.start, n.inner.end, 'deployment', 'cdk.json context region (stack region)', {
        keyed: true,
        provider: 'aws',
      });
      if (f) defaultRegion = { kind: 'finding', finding: f };
    }
  }
  if (context?.t !== 'map') return;
  for (const e of context.entries) {
    if (!/model(Id)?s$|ModelIds$/i.test(e.key) || e.value?.t !== 'seq') continue;
    for (const item of e.value.items) {
      let modelNode: Node | undefined = item;
      let region = defaultRegion;
      if (item.t === 'map') {
        modelNode = get(item, 'modelId') ?? get(item, 'model');
        const r = get(item, 'region');
        if (r?.t === 'scalar' && r.inner) {
          handled.add(r.inner.start);
          const f = c.region(r.inner.start, r.inner.end, 'inference', `cdk.json ${e.key} region`, { keyed: true, provider: 'aws' });
          if (f) region = { kind: 'finding', finding: f };
        }
      }
      if (modelNode?.t !== 'scalar' || !modelNode.inner) continue;
      handled.add(modelNode.inner.start);
      const f = c.model(modelNode.inner.start, modelNode.inner.end, 'inference', `cdk.json ${e.key}`, { keyed: true });
      if (f)
        c.facts.anchors.push({
          at: item.range,
          label: `cdk.json ${e.key}`,
          platform: 'bedrock',
          models: [{ kind: 'finding', finding: f }],
          region: region ?? { kind: 'state', state: 'unresolved', at: item.range, note: 'no modelRegion in cdk.json' },
        });
    }
  }
}

/** A value an azd main.parameters.json gives a template parameter, or the default written inside it. */
interface ParameterValue {
  at: TextRange;
  /** The value as JSON reads it (escapes undone), where offsets inside it are counted. */
  text: string;
  isDefault?: boolean;
}

/** azd's substitution from its environment: `${AZURE_LOCATION}`, `${AZURE_LOCATION=eastus2}`. */
const azdEnvRead = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:=([^}]*))?\}$/;

/**
 * What an azd parameter value is: azd's env read with its default, else a literal. A literal is read as a model only
 * under a model key; a default under a deployment key too (azd's environment names the deployment's model).
 */
function readParameterValue({ at, text, isDefault }: ParameterValue, goal: Goal & { key: string }): Reading<ParameterValue> | undefined {
  const literal: Reading<ParameterValue> = { is: 'literal', at, region: { keyed: true, provider: 'azure' }, model: { keyed: true } };
  if (isDefault) return goal.want === 'region' || /model|deployment/i.test(goal.key) ? literal : undefined;
  const env = azdEnvRead.exec(text);
  if (!env) return goal.want === 'region' || /model/i.test(goal.key) ? literal : undefined;
  const from = at.start + text.indexOf('=') + 1;
  const fallback = env[2] ? { at: { start: from, end: from + env[2].length }, text: env[2], isDefault: true } : undefined;
  return { is: 'env', name: env[1], at, label: `\${${env[1]}}`, default: fallback && { node: fallback, label: `${goal.label} default` } };
}

/** azd main.parameters.json: `${AZURE_LOCATION}` and `${VAR=default}` substitutions. */
function azdParameters(c: Collector, doc: MapNode, handled: Set<number>): void {
  const params = get(doc, 'parameters');
  if (params?.t !== 'map') return;
  const values = new Evaluator<ParameterValue, Goal & { key: string }>(c, readParameterValue);
  for (const p of params.entries) {
    const v = get(p.value, 'value');
    if (v?.t === 'seq') for (const folder of templateFolders(c.file)) arrayParameterItems(c, folder, p.key, v, 'parameters', handled);
    if (v?.t !== 'scalar' || !v.inner) continue;
    // (an ARM parameters file gives a literal value)
    const fromEnv = v.value.startsWith('${');
    if (fromEnv && !azdEnvRead.test(v.value)) continue;
    handled.add(v.inner.start);
    const goal = {
      want: /location|region/i.test(p.key) ? 'region' : 'model',
      role: 'deployment',
      label: `parameters.${p.key}`,
      key: p.key,
    } as const;
    const value = values.evaluate({ at: v.inner, text: v.value }, goal);
    // a literal the file writes outranks a value azd's environment may give
    if (value)
      for (const folder of templateFolders(c.file))
        c.facts.symbols.push({ key: symbolKey.templateParameter(folder, p.key), value, priority: fromEnv ? 1 : 2 });
  }
}
