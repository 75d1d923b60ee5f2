// Prompt files that name their model in a YAML front matter, the prompt's text after it: Dotprompt's `.prompt`
// (Genkit: `model: vertexai/gemini-2.0-flash`, run by the app's plugin of the prefix's platform) and Prompty's
// `.prompty` (`model.configuration`: an Azure OpenAI deployment, or an OpenAI model). A prompt file exists to be run:
// its model is an inference setting. The body is the prompt itself and is read for nothing.
import { platformOfModelText } from '../data/platform';
import type { Collector } from './base';
import { ambient, pluginRegionRef, vertexPlugin } from './code';
import type { Anchor } from './facts';
import { get, str, type Node, type Scalar } from './tree';
import type { TextRange } from './types';
import { parseYamlTree } from './yamlTree';

/** Prompty's `${env:NAME}`: the value of a variable. */
const promptyEnv = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}$/;

export function analyzePrompt(c: Collector): void {
  // the front matter: from a first line of `---` to the next line of `---`
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(c.text);
  if (!open) return;
  const close = /^---[ \t]*\r?$/m.exec(c.text.slice(open[0].length));
  const end = close ? open[0].length + close.index : c.text.length;
  const { docs, problems } = parseYamlTree(c.text.slice(0, end));
  for (const problem of problems) c.problems.push(`front matter: ${problem}`);
  const model = get(docs[0], 'model');
  if (model?.t === 'scalar') dotprompt(c, model);
  else if (model?.t === 'map') prompty(c, model);
}

/** A Dotprompt model reference (`vertexai/gemini-2.0-flash`, `googleai/…`, `ollama/…`): on the platform of its prefix. */
function dotprompt(c: Collector, node: Scalar): void {
  const text = str(node);
  const at = node.inner ?? node.range;
  if (!text) return;
  const finding = c.model(at.start, at.end, 'inference', 'Dotprompt model', { keyed: true });
  if (!finding) return;
  const platform = platformOfModelText(c.index, text) ?? 'provider-managed';
  // the Genkit app's Vertex AI plugin runs it where the app makes the plugin, else where the plugin reads its location
  const region = platform === 'vertex' && vertexPlugin ? pluginRegionRef(vertexPlugin, at, ambient('gcp', at)) : undefined;
  const anchor: Anchor = { at: node.range, label: 'Dotprompt model', platform, models: [{ kind: 'finding', finding }] };
  if (region) anchor.region = region;
  c.facts.anchors.push(anchor);
}

/**
 * Prompty's model configuration: `type: azure_openai` with the `azure_deployment` it calls (a name, or `${env:NAME}`),
 * mapped to the workspace's deployments as code's deployment names are; `type: openai` with the model it names.
 */
function prompty(c: Collector, model: Node): void {
  const configuration = get(model, 'configuration');
  const type = str(get(configuration, 'type'));
  if (type === 'azure_openai' || type === 'azure') {
    const deployment = get(configuration, 'azure_deployment');
    if (deployment?.t !== 'scalar' || !deployment.value) return;
    const at: TextRange = deployment.inner ?? deployment.range;
    const anchor: Anchor = { at: model.range, label: 'Prompty Azure OpenAI model', platform: 'azure-openai', models: [] };
    const env = promptyEnv.exec(deployment.value);
    if (env) anchor.deployments = [{ name: '', env: env[1], at }];
    else {
      // deployments are usually named after their model: a model-shaped name is that model, set here
      const named = c.model(at.start, at.end, 'inference', 'Prompty azure_deployment', { keyed: true });
      anchor.deployments = [named ? { name: deployment.value, at, named } : { name: deployment.value, at }];
    }
    c.facts.anchors.push(anchor);
    return;
  }
  const name = get(configuration, 'name') ?? get(configuration, 'model');
  if (name?.t !== 'scalar' || !str(name)) return;
  const at = name.inner ?? name.range;
  const finding = c.model(at.start, at.end, 'inference', 'Prompty model', { keyed: true });
  if (finding)
    c.facts.anchors.push({ at: model.range, label: 'Prompty model', platform: 'provider-managed', models: [{ kind: 'finding', finding }] });
}
