// YAML files: picks the reader by content (CloudFormation/SAM, GitHub Actions, docker-compose, Kubernetes and
// Helm values, Serverless, Pulumi, LiteLLM) and reads every other key generically. Comments are mentions.
import type { Collector } from './base';
import { analyzeActionMetadata, analyzeActions, ciEnvKeys, isActionMetadata, isActionsWorkflow } from './ci';
import { analyzeCloudBuild, isCloudBuild } from './cloudbuild';
import { analyzeCloudFormation, cloudFormationMarkers, isCloudFormation } from './cloudformation';
import { analyzeLeaves, type Leaf } from './config';
import {
  addKubernetesPart,
  analyzeCompose,
  analyzeKubernetes,
  composeEnvKeys,
  containerEnvKey,
  containerServingCommands,
  helmEnvKeys,
  huggingFaceScheme,
  isCompose,
  isKubernetes,
  kubernetesParts,
  type KubernetesParts,
} from './containers';
import { deployedEnvFlags, modelServingCommands, shellAssignmentMark, shortLocationFlagCommand } from './env';
import { hashComments } from './lexer-hash';
import { analyzeLiteLlm, findModelLists } from './litellm';
import { analyzeAppRunner, appRunnerFileName, isAppRunner } from './apprunner';
import { analyzePulumi, analyzeServerless, isPulumi, isServerless, serverlessFileName, serverlessProviderKey } from './serverless';
import { basename } from './text';
import { get, str, type MapNode, type Node, type Scalar, type SeqNode } from './tree';
import { parseYamlTree } from './yamlTree';
import type { Ref } from './facts';

export function analyzeYaml(c: Collector): void {
  const { docs, problems } = parseYamlTree(c.text);
  c.problems.push(...problems);
  for (const comment of hashComments(c.text)) c.mentionsIn(comment.start, comment.end, 'comment');
  const name = basename(c.file);
  for (const doc of docs) analyzeYamlDoc(c, doc, name);
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

/** YAML files read whatever they hold (a Serverless service's functions set AWS_REGION, an App Runner service its env). */
export const yamlReadByName = (name: string): boolean => serverlessFileName.test(name) || appRunnerFileName.test(name);

/** Applications configured in one file: the first whose sniff claims a document reads it. */
const applications: Array<{
  /** Whether a document is the application's, by its keys, its file's path and that file's name. */
  sniff: (doc: MapNode, file: string, name: string) => boolean;
  analyze: (c: Collector, doc: MapNode, handled: Set<number>) => void;
}> = [
  { sniff: (doc, file) => isActionsWorkflow(file, doc), analyze: analyzeActions },
  { sniff: (doc, _file, name) => isActionMetadata(name, doc), analyze: analyzeActionMetadata },
  { sniff: (doc, _file, name) => isCompose(name, doc), analyze: analyzeCompose },
  { sniff: (doc, _file, name) => isServerless(name, doc), analyze: analyzeServerless },
  { sniff: (doc, _file, name) => isPulumi(name, doc), analyze: analyzePulumi },
  { sniff: (doc, _file, name) => isCloudBuild(name, doc), analyze: analyzeCloudBuild },
  { sniff: (doc, _file, name) => isAppRunner(name, doc), analyze: analyzeAppRunner },
];

/**
 * One YAML document: a CloudFormation/SAM template is read by that detector alone; otherwise the first application
 * that claims it, then the parts any document may hold, each read wherever it is found (Kubernetes and Helm values,
 * LiteLLM model lists, an MCP Toolbox, YAML embedded in a block scalar), then every other key generically. `name`:
 * the file's name.
 */
export function analyzeYamlDoc(c: Collector, doc: Node, name: string): void {
  if (doc.t === 'map' && isCloudFormation(doc)) {
    analyzeCloudFormation(c, doc);
    return;
  }
  const handled = new Set<number>();
  if (doc.t !== 'map') {
    analyzeLeaves(c, walkDocument(doc, undefined).leaves, { handled });
    return;
  }
  applications.find((application) => application.sniff(doc, c.file, name))?.analyze(c, doc, handled);
  const kubernetes = isKubernetes(doc) || /values/i.test(name) ? kubernetesParts() : undefined;
  const parts = walkDocument(doc, kubernetes);
  if (kubernetes) analyzeKubernetes(c, doc, handled, kubernetes);
  for (const list of parts.modelLists) analyzeLiteLlm(c, list, handled);
  if (isToolbox(doc)) analyzeToolbox(c, doc, handled);
  for (const block of parts.modelListBlocks) embeddedYaml(c, block, handled);
  analyzeLeaves(c, parts.leaves, { handled });
}

/** What the readers that search a whole document find in it, gathered by one walk. */
interface DocumentParts {
  /** Scalars with a direct source range, with their key path (sequence items keep their list's key). */
  leaves: Leaf[];
  /** LiteLLM model lists (`model_list:`). */
  modelLists: SeqNode[];
  /** Block scalars holding YAML with a LiteLLM model list. */
  modelListBlocks: Scalar[];
}

/**
 * Walks a document once, depth first in document order as eachNode does, for the parts every reader searches it for
 * (adding Kubernetes ones to `kubernetes` when given). Its own loop, not eachNode's callback: it runs on every node
 * of every YAML and JSON document, and leaf paths are kept without eachNode's `[]` segments.
 */
function walkDocument(doc: Node, kubernetes: KubernetesParts | undefined): DocumentParts {
  const parts: DocumentParts = { leaves: [], modelLists: [], modelListBlocks: [] };
  // the keys from the root (a sequence adds none); each pending node keeps its key (a sequence item: its list's), the
  // path length of its parent and whether it is a sequence item
  const path: string[] = [];
  const nodes: Node[] = [doc];
  const keys: (string | undefined)[] = [undefined];
  const depths: number[] = [0];
  const seqItems: boolean[] = [false];
  // the records (maps that are sequence items) each pending node is in, outermost first; one array per record
  const records: Array<readonly number[] | undefined> = [undefined];
  while (nodes.length) {
    const node = nodes.pop() as Node;
    const key = keys.pop();
    const depth = depths.pop() as number;
    const seqItem = seqItems.pop() as boolean;
    const inRecords = records.pop();
    while (path.length > depth) path.pop();
    // (a key written `[]` is read as eachNode's sequence item segment is: left out of paths, an item to Kubernetes)
    if (!seqItem && key !== undefined && key !== '[]') path.push(key);
    if (kubernetes) addKubernetesPart(kubernetes, node, key, seqItem || key === '[]');
    if (node.t === 'scalar') {
      if (node.inner && !node.tag && typeof node.raw === 'string')
        parts.leaves.push(
          inRecords
            ? { path: path.slice(), start: node.inner.start, end: node.inner.end, records: inRecords }
            : { path: path.slice(), start: node.inner.start, end: node.inner.end },
        );
      if (node.block && modelListKey.test(node.value)) parts.modelListBlocks.push(node);
    } else if (node.t === 'map') {
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const e = node.entries[i];
        if (!e.value) continue;
        nodes.push(e.value);
        keys.push(e.key);
        depths.push(path.length);
        seqItems.push(false);
        records.push(inRecords);
      }
    } else {
      if (key === modelListsKey) parts.modelLists.push(node);
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (!item) continue;
        nodes.push(item);
        keys.push(key);
        depths.push(path.length);
        seqItems.push(true);
        records.push(item.t === 'map' ? [...(inRecords ?? []), item.range.start] : inRecords);
      }
    }
  }
  return parts;
}

/** The key of a LiteLLM model list, and the same key written in a block scalar's text. */
const modelListsKey = 'model_list';
const modelListKey = /model_list\s*:/;

/** Scalars with a direct source range, with their key path (sequence items keep their list's key). */
export const leavesOf = (doc: Node | undefined): Leaf[] => (doc ? walkDocument(doc, undefined).leaves : []);

/**
 * YAML inside a block scalar (a LiteLLM config.yaml in a ConfigMap or Helm values): parsed in place, with
 * everything outside the block blanked so offsets stay those of the file.
 */
function embeddedYaml(c: Collector, node: Scalar, handled: Set<number>): void {
  const headerEnd = c.text.indexOf('\n', node.range.start);
  if (headerEnd < 0) return;
  const masked =
    c.text.slice(0, headerEnd + 1).replace(/[^\n]/g, ' ') +
    c.text.slice(headerEnd + 1, node.range.end) +
    c.text.slice(node.range.end).replace(/[^\n]/g, ' ');
  const inner = parseYamlTree(masked);
  for (const d of inner.docs) for (const list of findModelLists(d)) analyzeLiteLlm(c, list, handled);
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
