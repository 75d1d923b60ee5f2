// YAML files: picks the reader by content (CloudFormation/SAM, GitHub Actions, docker-compose, Kubernetes and
// Helm values, Serverless, Pulumi, LiteLLM) and reads every other key generically. Comments are mentions.
import type { Collector } from './base';
import { analyzeActions, isActionsWorkflow } from './ci';
import { analyzeCloudFormation, isCloudFormation } from './cloudformation';
import { analyzeLeaves, type Leaf } from './config';
import { analyzeCompose, analyzeKubernetes, isCompose, isKubernetes } from './containers';
import { hashComments } from './lexer-hash';
import { analyzeLiteLlm, findModelLists } from './litellm';
import { analyzePulumi, analyzeServerless, isPulumi, isServerless } from './serverless';
import { basename } from './text';
import { parseYamlTree, walk, type Node } from './tree';

export function analyzeYaml(c: Collector): void {
  const { docs, problems } = parseYamlTree(c.text);
  c.problems.push(...problems);
  for (const comment of hashComments(c.text)) c.mentionsIn(comment.start, comment.end, 'comment');
  for (const doc of docs) analyzeYamlDoc(c, doc);
}

export function analyzeYamlDoc(c: Collector, doc: Node): void {
  const handled = new Set<number>();
  if (doc.t === 'map' && isCloudFormation(doc)) {
    analyzeCloudFormation(c, doc);
    return;
  }
  const name = basename(c.file);
  if (doc.t === 'map') {
    if (isActionsWorkflow(c.file, doc)) analyzeActions(c, doc, handled);
    else if (isCompose(name, doc)) analyzeCompose(c, doc, handled);
    else if (isServerless(name, doc)) analyzeServerless(c, doc, handled);
    else if (isPulumi(name, doc)) analyzePulumi(c, doc, handled);
    if (isKubernetes(doc) || /values/i.test(name)) analyzeKubernetes(c, doc, handled);
    for (const list of findModelLists(doc)) analyzeLiteLlm(c, list, handled);
    embeddedYaml(c, doc, handled);
  }
  analyzeLeaves(c, leavesOf(doc), { handled });
}

/** Scalars with a direct source range, with their key path (sequence items keep their list's key). */
export function leavesOf(doc: Node | undefined): Leaf[] {
  const out: Leaf[] = [];
  for (const { node, path } of walk(doc)) {
    if (node.t !== 'scalar' || !node.inner || node.tag) continue;
    if (typeof node.raw !== 'string') continue;
    out.push({ path: path.filter((p) => p !== '[]'), start: node.inner.start, end: node.inner.end });
  }
  return out;
}

/**
 * YAML inside a block scalar (a LiteLLM config.yaml in a ConfigMap or Helm values): parsed in place, with
 * everything outside the block blanked so offsets stay those of the file.
 */
function embeddedYaml(c: Collector, doc: Node, handled: Set<number>): void {
  for (const { node } of walk(doc)) {
    if (node.t !== 'scalar' || !node.block || !/model_list\s*:/.test(node.value)) continue;
    const headerEnd = c.text.indexOf('\n', node.range.start);
    if (headerEnd < 0) continue;
    const masked = c.text.slice(0, headerEnd + 1).replace(/[^\n]/g, ' ') + c.text.slice(headerEnd + 1, node.range.end) + c.text.slice(node.range.end).replace(/[^\n]/g, ' ');
    const inner = parseYamlTree(masked);
    for (const d of inner.docs) for (const list of findModelLists(d)) analyzeLiteLlm(c, list, handled);
  }
}
