// YAML files: picks the reader by content (CloudFormation/SAM, GitHub Actions, docker-compose, Kubernetes and
// Helm values, Serverless, Pulumi, LiteLLM) and reads every other key generically. Comments are mentions.
import type { Collector } from './base';
import { analyzeActions, ciEnvKeys, isActionsWorkflow } from './ci';
import { analyzeCloudFormation, cloudFormationMarkers, isCloudFormation } from './cloudformation';
import { analyzeLeaves, type Leaf } from './config';
import {
  analyzeCompose,
  analyzeKubernetes,
  composeEnvKeys,
  containerEnvKey,
  containerServingCommands,
  helmEnvKeys,
  huggingFaceScheme,
  isCompose,
  isKubernetes,
} from './containers';
import { deployedEnvFlags, modelServingCommands, shellAssignmentMark, shortLocationFlagCommand } from './env';
import { hashComments } from './lexer-hash';
import { analyzeLiteLlm, findModelLists } from './litellm';
import { analyzePulumi, analyzeServerless, isPulumi, isServerless, serverlessFileName, serverlessProviderKey } from './serverless';
import { basename } from './text';
import { eachNode, get, str, type MapNode, type Node, type Scalar } from './tree';
import { parseYamlTree } from './yamlTree';
import type { Ref } from './facts';

export function analyzeYaml(c: Collector): void {
  const { docs, problems } = parseYamlTree(c.text);
  c.problems.push(...problems);
  for (const comment of hashComments(c.text)) c.mentionsIn(comment.start, comment.end, 'comment');
  for (const doc of docs) analyzeYamlDoc(c, doc);
}

/** The key of a Toolbox tool's SQL, the only place a model is read from. */
const toolStatementKey = 'statement';

/**
 * Words through which each YAML detector can record something that no word of the detectors' shared word set
 * (prefilter.ts: key words, model shapes, regions) announces, as the detectors read them: an env var of any name and
 * value, which shadows or supplies what another file reads (CI env maps and GitLab variables, a shell assignment in a
 * CI script, compose environment and env files, Kubernetes and Helm env lists, `--set-env-vars` in a command), the
 * AWS_REGION every CloudFormation/SAM or Serverless function's scope sets (the markers without which neither detector
 * reads a document), a model id that a serving command, KServe or a Toolbox tool's SQL names (whatever its spelling),
 * and the location `az group create -l` gives (a misspelt one too). A YAML document holding none of them yields
 * nothing without one of the shared words: LiteLLM reads only under `model_list`, which holds `model`.
 */
export const yamlFactWordsOf: Readonly<Record<string, readonly string[]>> = {
  ci: [...Object.values(ciEnvKeys), shellAssignmentMark],
  compose: Object.values(composeEnvKeys),
  kubernetes: [containerEnvKey, ...helmEnvKeys, huggingFaceScheme],
  commands: [
    ...deployedEnvFlags,
    ...[...containerServingCommands, ...modelServingCommands].map((command) => command.split(' ')[0]),
    shortLocationFlagCommand.lookFor,
  ],
  serverless: [serverlessProviderKey],
  cloudformation: cloudFormationMarkers,
  toolbox: [toolStatementKey],
};

/** Words one of which a YAML file holds when its detectors can record anything the shared word set does not announce. */
export const yamlFactWords: readonly string[] = Object.values(yamlFactWordsOf).flat();

/** YAML files read whatever they hold (a Serverless service's functions set AWS_REGION). */
export const yamlReadByName = (name: string): boolean => serverlessFileName.test(name);

/** A kind of YAML document, told apart by a cheap look at its top-level keys (and the file's name or path). */
interface Dialect {
  id: string;
  /** Whether a document is of this kind; without it, every document is searched (for LiteLLM model lists…). */
  sniff?: (doc: MapNode, file: string) => boolean;
  /** Reads its settings, adding the value offsets it took to `handled` (the generic reader skips them). */
  analyze: (c: Collector, doc: MapNode, handled: Set<number>) => void;
}

/** Applications configured in one file: the first that claims a document reads it. */
const applications: Dialect[] = [
  { id: 'github-actions', sniff: (doc, file) => isActionsWorkflow(file, doc), analyze: analyzeActions },
  { id: 'compose', sniff: (doc, file) => isCompose(basename(file), doc), analyze: analyzeCompose },
  { id: 'serverless', sniff: (doc, file) => isServerless(basename(file), doc), analyze: analyzeServerless },
  { id: 'pulumi', sniff: (doc, file) => isPulumi(basename(file), doc), analyze: analyzePulumi },
];

/** Parts any document may hold, each read wherever it is found, after the application. */
const layers: Dialect[] = [
  { id: 'kubernetes', sniff: (doc, file) => isKubernetes(doc) || /values/i.test(basename(file)), analyze: analyzeKubernetes },
  {
    id: 'litellm',
    analyze: (c, doc, handled) => {
      for (const list of findModelLists(doc)) analyzeLiteLlm(c, list, handled);
    },
  },
  { id: 'toolbox', sniff: (doc) => isToolbox(doc), analyze: analyzeToolbox },
  { id: 'embedded-yaml', analyze: embeddedYaml },
];

/**
 * One YAML document, in sniff order: a CloudFormation/SAM template is read by that detector alone; otherwise the
 * first application that claims it, then every layer found in it, then every other key generically.
 */
export function analyzeYamlDoc(c: Collector, doc: Node): void {
  if (doc.t === 'map' && isCloudFormation(doc)) {
    analyzeCloudFormation(c, doc);
    return;
  }
  const handled = new Set<number>();
  if (doc.t === 'map') {
    applications.find((dialect) => dialect.sniff?.(doc, c.file))?.analyze(c, doc, handled);
    for (const dialect of layers) if (!dialect.sniff || dialect.sniff(doc, c.file)) dialect.analyze(c, doc, handled);
  }
  analyzeLeaves(c, leavesOf(doc), { handled });
}

/** Scalars with a direct source range, with their key path (sequence items keep their list's key). */
export function leavesOf(doc: Node | undefined): Leaf[] {
  const out: Leaf[] = [];
  eachNode(doc, (node, _key, path) => {
    if (node.t !== 'scalar' || !node.inner || node.tag || typeof node.raw !== 'string') return;
    out.push({ path: path.filter((p) => p !== '[]'), start: node.inner.start, end: node.inner.end });
  });
  return out;
}

/**
 * YAML inside a block scalar (a LiteLLM config.yaml in a ConfigMap or Helm values): parsed in place, with
 * everything outside the block blanked so offsets stay those of the file.
 */
function embeddedYaml(c: Collector, doc: MapNode, handled: Set<number>): void {
  const blocks: Scalar[] = [];
  eachNode(doc, (node) => {
    if (node.t === 'scalar' && node.block && /model_list\s*:/.test(node.value)) blocks.push(node);
  });
  for (const node of blocks) {
    const headerEnd = c.text.indexOf('\n', node.range.start);
    if (headerEnd < 0) continue;
    const masked =
      c.text.slice(0, headerEnd + 1).replace(/[^\n]/g, ' ') +
      c.text.slice(headerEnd + 1, node.range.end) +
      c.text.slice(node.range.end).replace(/[^\n]/g, ' ');
    const inner = parseYamlTree(masked);
    for (const d of inner.docs) for (const list of findModelLists(d)) analyzeLiteLlm(c, list, handled);
  }
}

/** MCP Toolbox for Databases (tools.yaml): `sources:` (databases with a region) and `tools:` running SQL on them. */
const isToolbox = (doc: MapNode): boolean => get(doc, 'sources')?.t === 'map' && get(doc, 'tools')?.t === 'map';

/**
 * AlloyDB / Cloud SQL call Vertex AI from SQL (`embedding('gemini-embedding-001', $1)`, `google_ml.predict_row`):
 * the model runs in the region of the database the tool's source names.
 */
function analyzeToolbox(c: Collector, doc: MapNode, handled: Set<number>): void {
  const sources = get(doc, 'sources');
  const tools = get(doc, 'tools');
  if (sources?.t !== 'map' || tools?.t !== 'map') return;
  const regions = new Map<string, Ref>();
  for (const s of sources.entries) {
    const region = get(s.value, 'region');
    if (!/alloydb|cloud-sql|cloudsql|spanner|bigquery/i.test(str(get(s.value, 'kind')) ?? '') || region?.t !== 'scalar' || !region.inner)
      continue;
    handled.add(region.inner.start);
    const f = c.region(region.inner.start, region.inner.end, 'deployment', `toolbox source ${s.key} region`, {
      keyed: true,
      provider: 'gcp',
    });
    if (f) regions.set(s.key, { kind: 'finding', finding: f });
  }
  for (const t of tools.entries) {
    const statement = get(t.value, toolStatementKey);
    const source = str(get(t.value, 'source'));
    if (statement?.t !== 'scalar') continue;
    const range = statement.inner ?? statement.range;
    const models: Ref[] = [];
    for (const m of c.text
      .slice(range.start, range.end)
      .matchAll(/\b(?:google_ml\.)?(?:embedding|predict_row|generate_content)\s*\(\s*(?:model_id\s*=>\s*)?'([^']+)'/gi)) {
      const start = range.start + (m.index ?? 0) + m[0].length - m[1].length - 1;
      const f = c.model(start, start + m[1].length, 'inference', `toolbox tool ${t.key} SQL`, { keyed: true, schemaName: true });
      if (f) models.push({ kind: 'finding', finding: f });
    }
    if (!models.length) continue;
    const region = source ? regions.get(source) : undefined;
    c.facts.anchors.push({
      at: t.value?.range ?? range,
      label: `toolbox tool ${t.key}`,
      platform: 'vertex',
      models,
      region: region ?? { kind: 'state', state: 'unresolved', at: range, note: `source ${source ?? '?'} has no region here` },
    });
  }
}
