// GitHub Actions (and similar CI YAML): env blocks at workflow, job and step level, aws-region of
// configure-aws-credentials (it sets AWS_REGION for later steps), matrix region lists and run: scripts.
import type { Collector } from './base';
import { envValue, expressionDefault, shellLines } from './env';
import { environmentName, environmentsSelected } from './environments';
import { Evaluator, type Goal, type Reading } from './evaluate';
import type { EnvScope, EnvVar, Ref } from './facts';
import { knowledge } from '../data/knowledge';
import { platformOfModelText } from '../data/platform';
import { ambientRegionVars, isModelKey, isRegionKey } from './patterns';
import { anyFolder, symbolKey } from './symbols';
import { dirname, joinPath } from './text';
import { eachNode, get, str, type MapNode, type Node } from './tree';
import type { TextRange } from './types';

/** The keys of the env maps a workflow sets, of any names: `env:` at workflow, job and step level, and GitLab's `variables:`. */
export const ciEnvKeys = { env: 'env', variables: 'variables' } as const;

export function isActionsWorkflow(file: string, doc: MapNode): boolean {
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(file)) return true;
  if (/(^|\/)\.gitlab-ci\.ya?ml$/.test(file)) return true;
  return doc.entries.some((e) => e.key === 'jobs') && doc.entries.some((e) => e.key === 'on' || e.key === 'true');
}

export function analyzeActions(c: Collector, doc: MapNode, handled: Set<number>): void {
  const workflowEnv = envMap(c, get(doc, ciEnvKeys.env), 'workflow env', handled);
  const jobs = get(doc, 'jobs');
  const jobEntries =
    jobs?.t === 'map' ? jobs.entries : doc.entries.filter((e) => get(e.value, 'script') || get(e.value, ciEnvKeys.variables));
  // GitLab: top-level variables apply to every job
  const gitlabVars = envMap(c, get(doc, ciEnvKeys.variables), ciEnvKeys.variables, handled);
  const repoRoot = /(^|\/)\.github\/workflows\//.test(c.file) ? c.file.replace(/\/?\.github\/workflows\/[^/]+$/, '') : dirname(c.file);
  workflowCallInputs(c, doc, handled);
  for (const job of jobEntries) {
    reusableWorkflowCall(c, job.value, repoRoot, handled);
    const anchorsBefore = c.facts.anchors.length;
    const matrixRegions: Record<string, Ref[]> = {};
    let workingDirectory = str(get(job.value, 'defaults', 'run', 'working-directory'));
    const vars: EnvVar[] = [
      ...workflowEnv,
      ...gitlabVars,
      ...envMap(c, get(job.value, ciEnvKeys.env), `job ${job.key} env`, handled),
      ...envMap(c, get(job.value, ciEnvKeys.variables), `job ${job.key} variables`, handled),
    ];
    const matrix = get(job.value, 'strategy', 'matrix');
    eachNode(matrix, (node, key) => {
      if (node.t !== 'scalar' || !node.inner || !key || !/region|location/i.test(key)) return;
      handled.add(node.inner.start);
      const f = c.region(node.inner.start, node.inner.end, 'deployment', `job ${job.key} matrix ${key}`, { keyed: true });
      if (f) (matrixRegions[key] ??= []).push({ kind: 'finding', finding: f });
    });
    const steps = get(job.value, 'steps');
    const credentialRegions: Ref[] = [];
    // the environments the job deploys: its GitHub environment and the ones its commands select
    const jobEnvironment = environmentName(str(get(job.value, 'environment')) ?? str(get(job.value, 'environment', 'name')) ?? '');
    const environments = new Set<string>(jobEnvironment ? [jobEnvironment] : []);
    for (const step of steps?.t === 'seq' ? steps.items : []) {
      vars.push(...envMap(c, get(step, ciEnvKeys.env), `job ${job.key} step env`, handled));
      const region = get(step, 'with', 'aws-region');
      if (region?.t === 'scalar' && region.inner) {
        handled.add(region.inner.start);
        const f = writtenRegion(
          c,
          { inner: region.inner, value: region.value },
          `job ${job.key} configure-aws-credentials aws-region`,
          'aws',
        );
        // a region from a repository variable still sets the job's AWS_REGION: to a value known only at run time
        const value: Ref = f ?? { kind: 'state', state: 'unresolved', at: region.inner, note: `aws-region ${region.value}` };
        for (const name of ambientRegionVars.aws) vars.push({ name, value, at: region.range });
        if (f) credentialRegions.push(f);
      }
      const inputs = get(step, 'with');
      if (inputs?.t === 'map') actionModels(c, inputs, `job ${job.key} ${str(get(step, 'uses')) ?? 'step'}`, credentialRegions);
      workingDirectory ??= str(get(step, 'working-directory'));
      const run = get(step, 'run');
      if (run?.t === 'scalar') {
        if (run.inner) handled.add(run.inner.start);
        for (const name of environmentsSelected(c.text.slice(run.range.start, run.range.end))) environments.add(name);
        vars.push(...shellLines(c, run.range.start, run.range.end, `job ${job.key} run`));
      }
    }
    const script = get(job.value, 'script');
    for (const line of script?.t === 'seq' ? script.items : script ? [script] : []) {
      if (line.t !== 'scalar') continue;
      if (line.inner) handled.add(line.inner.start);
      for (const name of environmentsSelected(c.text.slice(line.range.start, line.range.end))) environments.add(name);
      vars.push(...shellLines(c, line.range.start, line.range.end, `job ${job.key} script`));
    }
    const scopeId = `${c.file}#${job.key}`;
    const scope: EnvScope = { id: scopeId, kind: 'ci', vars };
    if (workingDirectory && !workingDirectory.includes('${{')) scope.codeRoot = joinPath(repoRoot, workingDirectory);
    if (environments.size) scope.environments = [...environments];
    c.facts.scopes.push(scope);
    // commands in this job read this job's env; `--region ${{ matrix.region }}` fans out over the matrix
    for (const anchor of c.facts.anchors.slice(anchorsBefore)) {
      anchor.envScope = scopeId;
      const text = c.text.slice(anchor.at.start, anchor.at.end);
      const m = /\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}/.exec(text);
      if (m && matrixRegions[m[1]] && anchor.region?.kind === 'ambient') anchor.region = { kind: 'all', refs: matrixRegions[m[1]] };
    }
  }
}

/** A region a workflow writes under `with:` or as an input's default, as the YAML reads it. */
interface WrittenRegion {
  at: TextRange;
  text: string;
  provider?: 'aws';
}

/** `${{ vars.AZURE_LOCATION || 'eastus2' }}` runs its fallback unless the variable is set; any other text is the value. */
function readWrittenRegion({ at, text, provider }: WrittenRegion, goal: Goal): Reading<WrittenRegion> {
  const fallback = expressionDefault(text);
  const region = { keyed: true, provider };
  if (!fallback) return { is: 'literal', at, region };
  const from = at.start + fallback.offset;
  const label = `${goal.label} (default of ${fallback.expression})`;
  return { is: 'literal', at: { start: from, end: from + fallback.length }, label, region };
}

/** The region a workflow writes at a scalar (see readWrittenRegion): a deployment setting. */
function writtenRegion(c: Collector, node: { inner: TextRange; value: string }, label: string, provider?: 'aws'): Ref | undefined {
  const goal: Goal = { want: 'region', role: 'deployment', label };
  return new Evaluator(c, readWrittenRegion).evaluate({ at: node.inner, text: node.value, provider }, goal);
}

/** A region input's value as written under `with:` or as a default. */
function regionInput(c: Collector, node: Node | undefined, label: string, handled: Set<number>): Ref | undefined {
  if (node?.t !== 'scalar' || !node.inner) return undefined;
  handled.add(node.inner.start);
  return writtenRegion(c, { inner: node.inner, value: node.value }, label);
}

const isRegionInput = (key: string) => isRegionKey(key) || /location/i.test(key);

/** A reusable workflow's region inputs (`on.workflow_call.inputs.location.default`): what it deploys with unless a caller passes one. */
function workflowCallInputs(c: Collector, doc: MapNode, handled: Set<number>): void {
  const inputs = get(doc, 'on', 'workflow_call', 'inputs') ?? get(doc, 'true', 'workflow_call', 'inputs');
  if (inputs?.t !== 'map') return;
  for (const e of inputs.entries) {
    if (!isRegionInput(e.key)) continue;
    const value = regionInput(c, get(e.value, 'default'), `workflow_call input ${e.key} default`, handled);
    if (value) c.facts.symbols.push({ key: symbolKey.workflowInput(c.file, e.key), value, priority: 0 });
  }
}

/** A GitHub Action's metadata file (action.yml with `runs:` and `inputs:`). */
export function isActionMetadata(name: string, doc: MapNode): boolean {
  return /^action\.ya?ml$/.test(name) && get(doc, 'runs') !== undefined && get(doc, 'inputs')?.t === 'map';
}

/**
 * A GitHub Action's inputs: a region or model input's default is what the action's code runs with when a workflow
 * passes none. The runner hands each input to the code as INPUT_<NAME> (what core.getInput reads); a composite
 * action's steps map `${{ inputs.x }}` into env vars of their own.
 */
export function analyzeActionMetadata(c: Collector, doc: MapNode, handled: Set<number>): void {
  const inputs = get(doc, 'inputs');
  if (inputs?.t !== 'map') return;
  const vars: EnvVar[] = [];
  const byInput = new Map<string, Ref>();
  for (const e of inputs.entries) {
    const d = get(e.value, 'default');
    if (d?.t !== 'scalar' || !d.inner || typeof d.raw !== 'string') continue;
    const label = `action input ${e.key} default`;
    const f = isRegionInput(e.key)
      ? c.region(d.inner.start, d.inner.end, 'deployment', label, { keyed: true })
      : isModelKey(e.key)
        ? c.model(d.inner.start, d.inner.end, 'deployment', label, { keyed: true })
        : undefined;
    if (!f) continue;
    handled.add(d.inner.start);
    const value: Ref = {
      kind: 'chain',
      at: e.keyRange,
      label: `input ${e.key} (default, unless the workflow passes one)`,
      next: { kind: 'finding', finding: f },
    };
    byInput.set(e.key, value);
    vars.push({ name: `INPUT_${e.key.replace(/ /g, '_').toUpperCase()}`, value, at: e.keyRange });
    c.facts.symbols.push({ key: symbolKey.workflowInput(c.file, e.key), value, priority: 0 });
  }
  const steps = get(doc, 'runs', 'steps');
  if (steps?.t === 'seq')
    for (const step of steps.items) {
      const env = get(step, 'env');
      if (env?.t !== 'map') continue;
      for (const e of env.entries) {
        const input = /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(str(e.value)?.trim() ?? '')?.[1];
        const value = input ? byInput.get(input) : undefined;
        if (value) vars.push({ name: e.key, value, at: e.keyRange });
      }
    }
  if (vars.length) c.facts.scopes.push({ id: `${c.file}#inputs`, kind: 'config', vars, codeRoot: dirname(c.file) });
}

/**
 * A job that calls a reusable workflow (`uses: ./.github/workflows/deploy.yml`, `with: location: …`) passes its region
 * inputs to that workflow. One outside the workspace (`uses: org/repo/.github/workflows/x.yml@v1`) deploys templates
 * of this repository: the value is then the Bicep parameter of that name, whichever template declares it.
 */
function reusableWorkflowCall(c: Collector, job: Node | undefined, repoRoot: string, handled: Set<number>): void {
  const uses = str(get(job, 'uses'));
  const inputs = get(job, 'with');
  if (!uses || inputs?.t !== 'map') return;
  const local = uses.startsWith('./') ? joinPath(repoRoot, uses.replace(/@.*$/, '')) : undefined;
  for (const e of inputs.entries) {
    if (!isRegionInput(e.key)) continue;
    const value = regionInput(c, e.value, `reusable workflow ${uses} input ${e.key}`, handled);
    if (!value) continue;
    const passed: Ref = { kind: 'chain', at: e.keyRange, label: `with: ${e.key} (${uses})`, next: value };
    if (local) c.facts.symbols.push({ key: symbolKey.workflowInput(local, e.key), value: passed, priority: 1 });
    // (a local workflow the workspace does not hold is read as one outside it)
    c.facts.symbols.push({
      key: symbolKey.templateParameter(anyFolder, e.key),
      value: passed,
      priority: 2,
      ...(local ? { unless: local } : {}),
    });
  }
}

/** `env:` / `variables:` maps as env vars. */
export function envMap(c: Collector, node: Node | undefined, label: string, handled: Set<number>): EnvVar[] {
  if (node?.t !== 'map') return [];
  const out: EnvVar[] = [];
  for (const e of node.entries) {
    const v = e.value?.t === 'map' ? get(e.value, 'value') : e.value;
    if (v?.t !== 'scalar' || !v.inner) continue;
    handled.add(v.inner.start);
    const { value, text } = envValue(c, e.key, v.inner.start, v.inner.end, `${label} ${e.key}`);
    out.push({ name: e.key, value, at: { start: e.keyRange.start, end: v.range.end }, text });
  }
  return out;
}

/**
 * Models an action is told to call (`model:`, `anthropic_model:`, `--model` inside `claude_args`), on Bedrock or
 * Vertex when the action is switched there (`use_bedrock: true`): the job's AWS_REGION / CLOUD_ML_REGION decide where.
 */
function actionModels(c: Collector, inputs: MapNode, label: string, credentialRegions: Ref[]): void {
  const on = (key: string) => /^(true|1|yes)$/i.test(str(get(inputs, key)) ?? '');
  const models: Ref[] = [];
  for (const e of inputs.entries) {
    const v = e.value;
    if (v?.t !== 'scalar') continue;
    if (isModelKey(e.key) && v.inner) {
      const f = c.model(v.inner.start, v.inner.end, 'inference', `${label} ${e.key}`, { keyed: true });
      if (f) models.push({ kind: 'finding', finding: f });
      continue;
    }
    const range = v.inner ?? v.range; // a block scalar (claude_args: |) has no inner range
    for (const m of c.text.slice(range.start, range.end).matchAll(/(?:^|\s)--model(?:=|\s+)["']?([A-Za-z0-9._:/@-]+)/g)) {
      const start = range.start + (m.index ?? 0) + m[0].length - m[1].length;
      const f = c.model(start, start + m[1].length, 'inference', `${label} ${e.key} --model`, { keyed: true });
      if (f) models.push({ kind: 'finding', finding: f });
    }
  }
  if (!models.length) return;
  const at = inputs.range;
  const text = models[0].kind === 'finding' ? models[0].finding.text : '';
  // configure-aws-credentials exports its aws-region as AWS_REGION, beside the job's own env
  const vertexRegion = knowledge.env.claudeCodeVertexRegion;
  const awsRegion: Ref = { kind: 'env', names: [...ambientRegionVars.aws], at, label: `${ambientRegionVars.aws[0]} of the job` };
  if (on('use_bedrock') || platformOfModelText(c.index, text) === 'bedrock')
    c.facts.anchors.push({
      at,
      label,
      platform: 'bedrock',
      models,
      region: credentialRegions.length ? { kind: 'all', refs: [awsRegion, ...credentialRegions] } : awsRegion,
    });
  else if (on('use_vertex'))
    c.facts.anchors.push({
      at,
      label,
      platform: 'vertex',
      models,
      region: { kind: 'env', names: [...vertexRegion], at, label: `${vertexRegion[0]} of the job` },
    });
  else c.facts.anchors.push({ at, label, platform: platformOfModelText(c.index, text) ?? 'provider-managed', models });
}
