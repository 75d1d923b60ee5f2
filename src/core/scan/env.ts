// Env-style files: .env*, shell scripts, Makefiles, Dockerfiles and Java .properties. Each file is one env scope;
// commented-out settings are mentions; shell commands (aws, gcloud, ollama, vllm, huggingface-cli) are read too.
import type { Collector } from './base';
import { Evaluator, type Goal, type Reading } from './evaluate';
import type { EnvScopeKind, EnvVar, Ref } from './facts';
import { hashCommentStart, lines } from './lexer-hash';
import {
  ambientRegionVars,
  endpointRegion,
  isAzureDeploymentKey,
  isModelKey,
  isNonInferenceName,
  isRegionKey,
  isVertexLocationName,
  serviceHint,
  spellsModel,
} from './patterns';
import { symbolKey } from './symbols';
import { basename, dirname, joinPath } from './text';
import type { Role, TextRange } from './types';

/** Whether a region env var decides inference by its name alone (BEDROCK_REGION, VERTEX_LOCATION). */
export function regionVarRole(name: string): Role {
  // the location variables the Google Cloud AI SDKs read (GOOGLE_CLOUD_LOCATION) say where a model runs by themselves
  if (serviceHint(name) || ambientRegionVars.gcp.includes(name)) return 'inference';
  return 'deployment';
}

/**
 * The literal fallback of a CI expression, `${{ vars.AWS_REGION || 'us-east-1' }}`: the value that runs unless the
 * repository or environment variable is set. Its offset and length inside the text, and the expression it defaults.
 */
export function expressionDefault(text: string): { offset: number; length: number; expression: string } | undefined {
  const m = /^\$\{\{\s*([^}]*?)\s*\|\|\s*(['"])([^'"]+)\2\s*\}\}$/.exec(text);
  if (!m) return undefined;
  return { offset: m[0].lastIndexOf(m[3]), length: m[3].length, expression: m[1] };
}

/** A value as written in an env-style assignment (quotes off), or a default written inside one. */
type Written =
  | { is: 'value'; at: TextRange }
  /** A default inside a value (`${VAR:-eu-west-1}`, `${{ vars.X || 'eu-west-1' }}`): a literal, whatever its spelling. */
  | { is: 'default'; at: TextRange }
  /** `${VAR:=eu-west-1}` in a script: VAR gets the default when it is unset. */
  | { is: 'assigned'; at: TextRange; name: TextRange };

/** What an env-style value is evaluated for: the variable's name says whether it is a region or a model setting. */
interface EnvGoal extends Goal {
  name: string;
  /** A name that is neither a region nor a model setting: its literals are no value. */
  unread: boolean;
  /** An Azure OpenAI deployment's name (AZURE_OPENAI_DEPLOYMENT): a model setting when it spells a model. */
  deployment: boolean;
  /** A service's endpoint URL (AZURE_OPENAI_ENDPOINT): a region setting where its host names one. */
  endpoint: boolean;
  ollama: boolean;
}

/** An env var's value as the shared evaluator sees it (see readWritten). */
const envEvaluator = (c: Collector) => new Evaluator<Written, EnvGoal>(c, (node, goal) => readWritten(c, node, goal));

/** The goal of an env var's value: regions are inference settings when the name says so (regionVarRole), models deployment ones. */
function envGoal(name: string, label: string, ollama = false): EnvGoal {
  const endpoint = !isRegionKey(name) && /(?:ENDPOINT|BASE_?URL|API_BASE)$/i.test(name);
  const want = isRegionKey(name) || endpoint ? 'region' : 'model';
  const role = want === 'region' ? regionVarRole(name) : 'deployment';
  const deployment = want === 'model' && isAzureDeploymentKey(name);
  const goal: EnvGoal = {
    want,
    role,
    label,
    name,
    unread: want === 'model' && !isModelKey(name) && !deployment,
    deployment,
    endpoint,
    ollama,
  };
  if (want === 'region' && isVertexLocationName(name)) goal.globalEndpoint = 'gcp';
  return goal;
}

/**
 * An env-style value: a CI expression's `||` default, a reusable workflow's input, `${VAR:-default}` and `$VAR`
 * reads, else a literal.
 */
function readWritten(c: Collector, node: Written, goal: EnvGoal): Reading<Written> | undefined {
  const { at } = node;
  const raw = c.slice(at);
  if (node.is === 'assigned') {
    const label = `\${${goal.name}:=} default, unless ${goal.name} is set`;
    const value: Written = { is: 'default', at };
    return { is: 'variable', node: value, at: node.name, label, goal: { label: `${goal.label} \${${goal.name}:=} default` } };
  }
  if (node.is === 'value') {
    // the whole expression is a placeholder: unless its default is a value, the value is unresolved
    const fallback = expressionDefault(raw);
    if (fallback) {
      const from = at.start + fallback.offset;
      const value: Written = { is: 'default', at: { start: from, end: from + fallback.length } };
      const label = `default of ${fallback.expression}, unless it is set`;
      return { is: 'variable', node: value, at, label, goal: { label: `${goal.label} default` }, unresolved: raw };
    }
    const input = workflowInput(c.file, raw, at);
    if (input) return { is: 'known', ref: input };
    // (a script's positional parameter with a default, `${2:-eastus}`, reads as a variable nothing sets)
    const ref = /^\$\{([A-Za-z_][A-Za-z0-9_]*|\d+)(?::?[-=]([^}]*))?\}$/.exec(raw) ?? /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(raw);
    if (ref) {
      const from = at.start + (ref[2] ? raw.indexOf(ref[2], ref[1].length + 2) : 0);
      const value: Written | undefined = ref[2] ? { is: 'default', at: { start: from, end: from + ref[2].length } } : undefined;
      return { is: 'env', name: ref[1], at, label: goal.label, default: value && { node: value, label: `${goal.label} default` } };
    }
  }
  const otherwise = node.is === 'value' ? (): Ref => ({ kind: 'state', state: 'unresolved', at, note: raw }) : undefined;
  // (a deployment may be named anything: only a model's name is a model setting)
  if (goal.unread || (goal.deployment && !spellsModel(c.index, raw))) return otherwise && { is: 'known', ref: otherwise() };
  if (goal.endpoint) {
    const host = endpointRegion(raw);
    if (!host) return otherwise && { is: 'known', ref: otherwise() };
    return { is: 'literal', at: { start: at.start + host.start, end: at.start + host.end }, label: `${goal.label} endpoint` };
  }
  const { name } = goal;
  return {
    is: 'literal',
    at,
    otherwise,
    region: { keyed: true, provider: name.startsWith('AWS') ? 'aws' : undefined },
    // a region under a name for storage, email and the like is where that service is deployed, not where a model runs
    roleAtMost: isNonInferenceName(name) ? 'deployment' : undefined,
    model: { keyed: true, ollama: goal.ollama || /OLLAMA/.test(name), huggingFace: /HF|HUGGING|VLLM|TGI|MODEL_ID|MODEL_NAME/.test(name) },
  };
}

/** Reads an assignment value at [start, end): quotes, `${VAR:-default}`, `$VAR`. Creates findings. */
export function envValue(
  c: Collector,
  name: string,
  start: number,
  end: number,
  label: string,
  context: { ollama?: boolean } = {},
): { value: Ref; text: string } {
  let s = start;
  let e = end;
  let raw = c.text.slice(s, e);
  const trimmed = raw.trim();
  s += raw.indexOf(trimmed);
  e = s + trimmed.length;
  raw = trimmed;
  if ((raw.startsWith('"') && raw.endsWith('"')) || (raw.startsWith("'") && raw.endsWith("'"))) {
    s++;
    e--;
    raw = raw.slice(1, -1);
  }
  // every written value comes to a Ref (an unresolved state at worst)
  const value = envEvaluator(c).evaluate({ is: 'value', at: { start: s, end: e } }, envGoal(name, label, context.ollama)) as Ref;
  return { value, text: raw };
}

/** `${{ inputs.location }}` in a workflow file: the input its callers pass (or its default). */
function workflowInput(file: string, raw: string, at: TextRange): Ref | undefined {
  const m = /^\$\{\{\s*(?:github\.event\.)?inputs\.([A-Za-z0-9_-]+)\s*\}\}$/.exec(raw);
  if (!m || !/(^|\/)\.github\/workflows\//.test(file)) return undefined;
  return { kind: 'symbol', key: symbolKey.workflowInput(file, m[1]), at, label: `inputs.${m[1]}` };
}

function scopeKind(file: string): EnvScopeKind {
  const name = basename(file).toLowerCase();
  if (
    /\.(example|sample|template|dist|tmpl|tpl)$/.test(name) ||
    /^env\.(example|sample|template)$/.test(name) ||
    /example|sample/.test(name)
  )
    return 'example';
  return 'dotenv';
}

/** .env, .env.local, .env.example, *.env */
export function analyzeDotenv(c: Collector): void {
  const vars: EnvVar[] = [];
  // a file that configures Ollama (even as a commented-out line of a template) names Ollama tags under model keys
  const ollama = /ollama/i.test(c.text);
  for (const line of lines(c.text)) {
    const comment = hashCommentStart(line.text);
    const code = comment >= 0 ? line.text.slice(0, comment) : line.text;
    if (comment >= 0) c.mentionsIn(line.start + comment, line.start + line.text.length, 'comment');
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$/.exec(code);
    if (!m) continue;
    const valueStart = line.start + code.length - m[2].length - (code.length - code.trimEnd().length);
    const { value, text } = envValue(c, m[1], valueStart, valueStart + m[2].length, `${basename(c.file)} ${m[1]}`, { ollama });
    vars.push({ name: m[1], value, at: { start: line.start + code.indexOf(m[1]), end: valueStart + m[2].length }, text });
  }
  const kind = scopeKind(c.file);
  c.facts.scopes.push({ id: c.file, kind, vars });
  if (!ollama) return;
  // bare Ollama tags have no platform of their own: they run on the Ollama server the file configures
  for (const v of vars) {
    if (v.value.kind === 'finding' && v.value.finding.kind === 'model' && !v.value.finding.value) {
      c.facts.anchors.push({
        at: v.at,
        label: `${basename(c.file)} ${v.name} (Ollama)`,
        platform: 'self-hosted',
        models: [v.value],
        envScope: c.file,
      });
    }
  }
}

/** Shell scripts: assignments and exports, and the commands that name regions and models. */
export function analyzeShell(c: Collector): void {
  const vars = shellLines(c, 0, c.text.length, 'script');
  c.facts.scopes.push({ id: c.file, kind: 'shell', vars });
}

/** Makefiles: `export X = v`, `X ?= v`, `X := v`; recipe lines are shell. */
export function analyzeMake(c: Collector): void {
  const vars: EnvVar[] = [];
  for (const line of lines(c.text)) {
    const comment = hashCommentStart(line.text);
    if (comment >= 0) c.mentionsIn(line.start + comment, line.start + line.text.length, 'comment');
    const code = comment >= 0 ? line.text.slice(0, comment) : line.text;
    const m = /^\uFEFF?(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\?=|:=|::=|\+=|=)\s*(.*?)\s*$/.exec(code);
    if (m && !code.startsWith('\t')) {
      const valueStart = line.start + code.lastIndexOf(m[2]);
      const { value, text } = envValue(c, m[1], valueStart, valueStart + m[2].length, `Makefile ${m[1]}`);
      vars.push({ name: m[1], value, at: { start: line.start, end: valueStart + m[2].length }, text });
      continue;
    }
    if (code.startsWith('\t')) vars.push(...shellLines(c, line.start, line.start + line.text.length, 'recipe'));
  }
  c.facts.scopes.push({ id: c.file, kind: 'make', vars });
}

/** Dockerfiles: ENV and ARG, RUN lines as shell. */
export function analyzeDocker(c: Collector): void {
  const vars: EnvVar[] = [];
  for (const line of lines(c.text)) {
    const comment = /^\s*#/.test(line.text) ? line.text.indexOf('#') : -1;
    if (comment >= 0) {
      c.mentionsIn(line.start + comment, line.start + line.text.length, 'comment');
      continue;
    }
    const m = /^\s*(ENV|ARG)\s+(.*)$/i.exec(line.text);
    if (m) {
      const body = m[2];
      const bodyStart = line.start + line.text.length - body.length;
      const pairs = [...body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)];
      if (pairs.length) {
        for (const p of pairs) {
          const vs = bodyStart + (p.index ?? 0) + p[1].length + 1;
          const { value, text } = envValue(c, p[1], vs, vs + p[2].length, `Dockerfile ${m[1].toUpperCase()} ${p[1]}`);
          vars.push({ name: p[1], value, at: { start: bodyStart + (p.index ?? 0), end: vs + p[2].length }, text });
        }
      } else {
        const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/.exec(body);
        if (legacy && m[1].toUpperCase() === 'ENV') {
          const vs = bodyStart + body.length - legacy[2].length;
          const { value, text } = envValue(c, legacy[1], vs, vs + legacy[2].length, `Dockerfile ENV ${legacy[1]}`);
          vars.push({ name: legacy[1], value, at: { start: bodyStart, end: vs + legacy[2].length }, text });
        }
      }
      continue;
    }
    const run = /^\s*(RUN|CMD|ENTRYPOINT)\s+(.*)$/i.exec(line.text);
    if (run) shellCommands(c, line.start + line.text.length - run[2].length, line.start + line.text.length, 'Dockerfile');
  }
  c.facts.scopes.push({ id: c.file, kind: 'docker', vars, codeRoot: dirname(c.file) });
}

/** Java/Spring .properties: dotted keys, `=`, `:` or space separators, `#` and `!` comments. */
export function analyzeProperties(c: Collector, onLeaf: (path: string[], start: number, end: number) => void): void {
  for (const line of lines(c.text)) {
    const trimmed = line.text.trimStart();
    if (trimmed.startsWith('#') || trimmed.startsWith('!')) {
      c.mentionsIn(line.start, line.start + line.text.length, 'comment');
      continue;
    }
    const m = /^\s*([^=:\s]+)\s*[=:\s]\s*(.*?)\s*$/.exec(line.text);
    if (!m || !m[2]) continue;
    const start = line.start + line.text.length - (line.text.length - line.text.trimEnd().length) - m[2].length;
    onLeaf(m[1].split('.'), start, start + m[2].length);
  }
}

/** What every variable shellLines returns is written with: an assignment's `=` (`NAME=value`, `${NAME:=default}`). */
export const shellAssignmentMark = '=';

/** Shell lines in [start, end): comments, assignments/exports (returned), and commands. */
export function shellLines(c: Collector, start: number, end: number, label: string): EnvVar[] {
  const vars: EnvVar[] = [];
  // a command continued over lines (a trailing backslash) is read once, whole, at its last line
  let commandStart: number | undefined;
  let commandEnd = start;
  const readCommand = () => {
    if (commandStart === undefined) return;
    const assigned = (name: string) => [...vars].reverse().find((v) => v.name === name);
    shellCommands(
      c,
      commandStart,
      commandEnd,
      label,
      (name) => assigned(name)?.value,
      (name) => assigned(name)?.text,
    );
    commandStart = undefined;
  };
  for (const line of lines(c.text.slice(start, end))) {
    const lineStart = start + line.start;
    const comment = hashCommentStart(line.text);
    if (comment >= 0) c.mentionsIn(lineStart + comment, lineStart + line.text.length, 'comment');
    const code = comment >= 0 ? line.text.slice(0, comment) : line.text;
    const assignments = [
      ...code.matchAll(
        /(?:^|[\s;&|(])(?:export\s+|local\s+|declare\s+(?:-x\s+)?)?([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|)]*)/g,
      ),
    ];
    for (const a of assignments) {
      const nameAt = lineStart + (a.index ?? 0) + a[0].indexOf(a[1]);
      const vs = nameAt + a[1].length + 1;
      const { value, text } = envValue(c, a[1], vs, vs + a[2].length, `${label} ${a[1]}`);
      vars.push({ name: a[1], value, at: { start: nameAt, end: vs + a[2].length }, text });
    }
    // `: "${REGION:=eastus}"` assigns the default when REGION is unset: the value that runs unless overridden
    for (const a of code.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?=(["']?)([^}"']+)\2\}/g)) {
      const nameAt = lineStart + (a.index ?? 0) + 2;
      const vs = lineStart + (a.index ?? 0) + a[0].indexOf(a[3], a[1].length + 2);
      const node: Written = {
        is: 'assigned',
        at: { start: vs, end: vs + a[3].length },
        name: { start: nameAt, end: nameAt + a[1].length },
      };
      const value = envEvaluator(c).evaluate(node, envGoal(a[1], label));
      if (value) vars.push({ name: a[1], value, at: { start: nameAt, end: vs + a[3].length }, text: a[3] });
    }
    commandStart ??= lineStart;
    commandEnd = lineStart + code.length;
    if (/\\\s*$/.test(code)) continue;
    readCommand();
  }
  // (a script that ends inside a continued command)
  readCommand();
  return vars;
}

/** Commands whose argument is the id (org/name) of the model they serve or download. */
export const modelServingCommands: readonly string[] = [
  'vllm serve',
  'huggingface-cli download',
  'hf download',
  'text-generation-launcher --model-id',
];
const modelServingCommand = new RegExp(
  `\\b(?:${modelServingCommands.map((command) => command.split(' ').join('\\s+')).join('|')})\\s+([A-Za-z0-9][A-Za-z0-9_.-]*\\/[A-Za-z0-9][A-Za-z0-9_.-]*)`,
  'g',
);

/** The flags of `gcloud run deploy` and `gcloud functions deploy` that set the deployed code's env vars, of any names. */
export const deployedEnvFlags: readonly string[] = ['--set-env-vars', '--update-env-vars'];
const deployedEnvFlag = new RegExp(`(?:^|\\s)(?:${deployedEnvFlags.join('|')})(?:=|\\s+)("[^"]*"|'[^']*'|[^\\s;|&]+)`, 'g');

/**
 * The command whose `-l` is its location (`az group create -l westeurope`; any other command's `-l` is something
 * else), and the word of it the prefilter looks for (`az` is too short a word to look for).
 */
export const shortLocationFlagCommand = { words: ['az', 'group', 'create'], lookFor: 'create' } as const;
const shortLocationFlagCommandIn = new RegExp(`\\b${shortLocationFlagCommand.words.join('\\s+')}\\b`);

/** `az cognitiveservices account create`: an Azure AI account, whose `-l` is its location. */
const azureAccountCreate = /\baz\s+cognitiveservices\s+account\s+create\b/;
/** `az cognitiveservices account deployment create`: a model deployment on an account (`-n`). */
const azureDeploymentCreate = /\baz\s+cognitiveservices\s+account\s+deployment\s+create\b/;

const flagValue = (flags: string) => new RegExp(`(?:^|\\s)(?:${flags})(?:=|\\s+)("[^"]*"|'[^']*'|[^\\s"';|&]+)`, 'g');

/**
 * `gcloud run deploy … --set-env-vars KEY=value,KEY2=value` (and --update-env-vars, Cloud Functions): the deployed
 * service's environment, an env scope for the code it deploys (`--source`, else the script's folder).
 */
function deployedEnv(c: Collector, start: number, code: string, label: string, variable: (name: string) => Ref | undefined): void {
  const vars: EnvVar[] = [];
  let source: string | undefined;
  const pairs = (list: string, from: number) => {
    let at = from;
    for (const pair of list.split(',')) {
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        const setAt = { start: at, end: at + pair.length };
        // `AI_REGION="$AI_REGION"`: what the script (or the environment it runs in) holds in the variable
        const held = /^(["']?)\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?\1$/.exec(pair.slice(eq + 1))?.[2];
        if (held) vars.push({ name, value: variableValue(held, { start: at + eq + 1, end: at + pair.length }, variable), at: setAt });
        else {
          const { value, text } = envValue(c, name, at + eq + 1, at + pair.length, `${label} --set-env-vars ${name}`);
          vars.push({ name, value, at: setAt, text });
        }
      }
      at += pair.length + 1;
    }
  };
  for (const m of code.matchAll(deployedEnvFlag)) {
    const quoted = /^["']/.test(m[1]);
    const list = quoted ? m[1].slice(1, -1) : m[1];
    const from = start + (m.index ?? 0) + m[0].length - m[1].length + (quoted ? 1 : 0);
    // `--set-env-vars "$ENV_VARS"`: the list the script built before, `ENV_VARS="A=…"` then `ENV_VARS+=",B=…"`
    const built = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(list);
    if (!built) pairs(list, from);
    else for (const part of shellAssignments(c.text.slice(0, start), built[1])) pairs(part.text, part.at);
  }
  if (!vars.length) return;
  const src = /(?:^|\s)--source(?:=|\s+)["']?([^\s"';|&]+)/.exec(continuedCommand(c.text, start, start + code.length));
  if (src) source = src[1];
  c.facts.scopes.push({
    id: `${c.file}#deploy@${start}`,
    kind: 'function',
    vars,
    codeRoot: source ? joinPath(dirname(c.file), source) : dirname(c.file),
  });
}

/**
 * `az deployment group create --template-file infra/main.bicep --parameters location=$LOCATION`: the value is the
 * template's parameter (symbol `bicep:<folder>:param:<name>`). A template path the script computes (`$templatePath`)
 * names no folder: the value then serves the parameter of that name in any template folder (`bicep:*:param:<name>`).
 */
function templateParameters(c: Collector, start: number, code: string, label: string, variable: (name: string) => Ref | undefined): void {
  // the parameters may sit on a continuation line of the command
  const command = continuedCommand(c.text, start, start + code.length);
  if (!/\baz\s+deployment\s+(?:group|sub|mg|tenant)\s+(?:create|validate|what-if)\b/.test(command)) return;
  const template = /(?:^|\s)(?:--template-file|-f)(?:=|\s+)["']?([^\s"';|&`]+)/.exec(command)?.[1];
  // a relative path is read from the script's folder or from the workspace root
  const folders =
    template && !/[$(]/.test(template)
      ? [...new Set([joinPath(dirname(c.file), dirname(template)), joinPath('', dirname(template))])]
      : ['*'];
  for (const p of code.matchAll(/(?:^|\s)(?:--parameters|-p)((?:\s+(?!-)[^\s`]+)+)/g)) {
    const listAt = start + (p.index ?? 0) + p[0].length - p[1].length;
    for (const m of p[1].matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\$\{\{[^}]*\}\}|[^\s]+)/g)) {
      const name = m[1];
      if (!isRegionKey(name) && !/location/i.test(name)) continue;
      const raw = m[2].replace(/^["']|["']$/g, '');
      const s = listAt + (m.index ?? 0) + name.length + 1 + (m[2].length > raw.length ? 1 : 0);
      const at = { start: s, end: s + raw.length };
      const held = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(raw)?.[1];
      const assigned = held ? variable(held) : undefined;
      const input = workflowInput(c.file, raw, at);
      const f =
        held || input
          ? undefined
          : c.region(at.start, at.end, 'deployment', `${label} --parameters ${name}`, { keyed: true, provider: 'azure' });
      const value: Ref | undefined = assigned
        ? { kind: 'chain', at, label: `$${held}`, next: assigned }
        : (input ?? (f ? { kind: 'finding', finding: f } : undefined));
      if (!value) continue;
      const passed: Ref = {
        kind: 'chain',
        at: { start: listAt + (m.index ?? 0), end: at.end },
        label: `az deployment --parameters ${name}`,
        next: value,
      };
      for (const folder of folders) c.facts.symbols.push({ key: symbolKey.templateParameter(folder, name), value: passed, priority: 2 });
    }
  }
}

/** The whole command a line belongs to: the lines before and after it joined by a trailing backslash. */
function continuedCommand(text: string, start: number, end: number): string {
  let from = text.lastIndexOf('\n', start - 1) + 1;
  while (from > 0 && /\\\r?\n$/.test(text.slice(Math.max(0, from - 3), from))) from = text.lastIndexOf('\n', from - 2) + 1;
  let to = text.indexOf('\n', end);
  while (to >= 0 && /\\\r?$/.test(text.slice(Math.max(0, to - 2), to))) to = text.indexOf('\n', to + 1);
  return text.slice(from, to < 0 ? text.length : to);
}

/** The values a script assigns (`NAME=…`) and appends (`NAME+=…`) to a shell variable, in order, with their offsets. */
function shellAssignments(text: string, name: string): Array<{ text: string; at: number }> {
  const out: Array<{ text: string; at: number }> = [];
  for (const m of text.matchAll(new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}\\+?=("[^"\\n]*"|'[^'\\n]*'|[^\\s;|&]*)`, 'gm'))) {
    const quoted = /^["']/.test(m[1]);
    out.push({ text: quoted ? m[1].slice(1, -1) : m[1], at: (m.index ?? 0) + m[0].length - m[1].length + (quoted ? 1 : 0) });
  }
  return out;
}

/** A flag's value in a command (quotes off), or undefined. */
function flagIn(command: string, flags: string): string | undefined {
  return flagValue(flags)
    .exec(command)?.[1]
    .replace(/^["']|["']$/g, '');
}

/** What a script variable holds where it is read: the script's own assignment before, else the environment's value. */
function variableValue(name: string, at: TextRange, variable: (name: string) => Ref | undefined): Ref {
  const assigned = variable(name);
  return assigned ? { kind: 'chain', at, label: `$${name}`, next: assigned } : { kind: 'env', names: [name], at, label: `$${name}` };
}

/**
 * The name a flag of an `az` command gives (an account's `-n`, a deployment's `--deployment-name`): as written, or
 * what the script assigned to the variable written there; undefined for a name known only at run time.
 */
function cliName(command: string, flags: string, textOf: (name: string) => string | undefined): string | undefined {
  const raw = flagIn(command, flags);
  if (!raw) return undefined;
  const held = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(raw)?.[1];
  const text = held ? textOf(held) : raw;
  return text && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text) ? text : undefined;
}

/**
 * The variable a flag of this line is given (`-l $region`): what the script assigns to it before, else the variable
 * as the environment sets it (a file the script sources, the caller's environment).
 */
function scriptVariableOf(variable: (name: string) => Ref | undefined) {
  return (code: string, start: number, flags: string): Ref | undefined => {
    const m = new RegExp(`(?:^|\\s)(?:${flags})(?:=|\\s+)"?\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?"?(?=[\\s;|&]|$)`).exec(code);
    if (!m) return undefined;
    const at = { start: start + m.index + m[0].indexOf('$'), end: start + m.index + m[0].lastIndexOf(m[1]) + m[1].length };
    return variableValue(m[1], at, variable);
  };
}

/**
 * Azure OpenAI made by the CLI. `az cognitiveservices account create -n <name> -l <location>` defines the account's
 * location (`region`: the location flag's value on this line); `az cognitiveservices account deployment create -n
 * <account> --deployment-name … --model-name …` is a deployment of the model on that account, at its location (an
 * account the script names by a variable it does not assign: any account a script of the workspace makes), declared
 * under its name for the code that calls it. `command` is the whole command.
 */
function azureAiCli(
  c: Collector,
  command: string,
  region: Ref | undefined,
  models: Ref[],
  at: TextRange,
  textOf: (name: string) => string | undefined,
): boolean {
  if (azureDeploymentCreate.test(command)) {
    if (!models.length) return true;
    const account = cliName(command, '-n|--name', textOf);
    const location: Ref = account
      ? { kind: 'symbol', key: symbolKey.azureAccountLocation({ name: account }), at, label: `account ${account}` }
      : {
          kind: 'symbol',
          key: symbolKey.azureAccountLocation({ script: c.file }),
          at,
          label: 'the account',
          fallback: { kind: 'symbol', key: symbolKey.azureAccountLocation('any'), at, label: 'the account' },
        };
    const sku = flagIn(command, '--sku-name|--sku');
    const label = 'az cognitiveservices account deployment create';
    c.facts.anchors.push({ at, label, platform: 'azure-openai', models, region: location, ...(sku ? { sku } : {}) });
    const name = cliName(command, '--deployment-name', textOf);
    if (name) c.facts.azureDeployments.push({ name, model: models[0], region: location, ...(sku ? { sku } : {}), at });
    return true;
  }
  if (!region || !azureAccountCreate.test(command)) return false;
  const account = cliName(command, '-n|--name', textOf);
  const defined: Ref = { kind: 'chain', at, label: 'az cognitiveservices account create --location', next: region };
  const keys = [symbolKey.azureAccountLocation({ script: c.file }), symbolKey.azureAccountLocation('any')];
  if (account) keys.push(symbolKey.azureAccountLocation({ name: account }));
  for (const key of keys) c.facts.symbols.push({ key, value: defined, priority: 1 });
  return false;
}

/**
 * CLI commands inside a shell line: regions after --region/--location, models after the model flags, template
 * parameters after `az deployment … --parameters`. `variable` gives what a script variable (`$REGION`) holds there,
 * `textOf` the text it was assigned (a name).
 */
export function shellCommands(
  c: Collector,
  start: number,
  end: number,
  label: string,
  variable: (name: string) => Ref | undefined = () => undefined,
  textOf: (name: string) => string | undefined = () => undefined,
): void {
  const code = c.text.slice(start, end);
  const scriptVariable = scriptVariableOf(variable);
  // (shellLines and PowerShell hand a command continued over lines whole)
  const azureAi = /\baz\s+cognitiveservices\b/.test(code) ? code : undefined;
  const at = (m: RegExpMatchArray, group: string) => {
    const raw = group.replace(/^["']|["']$/g, '');
    const s = start + (m.index ?? 0) + m[0].lastIndexOf(group) + (group.length - raw.length > 0 ? 1 : 0);
    return { s, e: s + raw.length };
  };
  let region: Ref | undefined;
  for (const m of code.matchAll(flagValue('--region|--location|--aws-region|--zone|-l'))) {
    const { s, e } = at(m, m[1]);
    const flag = m[0].trim().split(/[\s=]/)[0];
    if (flag === '-l' && !shortLocationFlagCommandIn.test(code) && !(azureAi && azureAccountCreate.test(azureAi))) continue;
    const f = c.region(s, e, 'deployment', `${label} ${flag}`, { keyed: true });
    if (f) region = { kind: 'finding', finding: f };
    // `--location "$REGION"`: the script's own assignment of REGION (the last one before this line)
    const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(c.text.slice(s, e))?.[1];
    const assigned = name ? variable(name) : undefined;
    if (assigned) region = { kind: 'chain', at: { start: s, end: e }, label: `$${name}`, next: assigned };
  }
  deployedEnv(c, start, code, label, variable);
  templateParameters(c, start, code, label, variable);
  // a script that creates a resource group and deploys a template into it decides resourceGroup().location
  if (region && shortLocationFlagCommandIn.test(code) && /\baz\s+deployment\s+group\s+(?:create|validate)\b/.test(c.text)) {
    c.facts.symbols.push({
      key: symbolKey.resourceGroupLocation,
      value: { kind: 'chain', at: { start, end }, label: 'az group create --location', next: region },
      priority: 1,
    });
  }
  const models: Ref[] = [];
  const model = (s: number, e: number, how: string, opts: { ollama?: boolean; huggingFace?: boolean }) => {
    const f = c.model(s, e, 'inference', `${label} ${how}`, { keyed: true, ...opts });
    if (f) models.push({ kind: 'finding', finding: f });
  };
  const bedrockCli = /\baws\s+bedrock-runtime\b/.test(code);
  for (const m of code.matchAll(flagValue('--model-id|--model|--model-name|--served-model-name'))) {
    const { s, e } = at(m, m[1]);
    model(s, e, m[0].trim().split(/[\s=]/)[0], { huggingFace: !bedrockCli });
  }
  // `az cognitiveservices account deployment create --model-name $MODEL`: the model the script (or one it sources) sets
  if (!models.length && azureAi && azureDeploymentCreate.test(azureAi)) {
    const held = scriptVariable(code, start, '--model-name');
    if (held) models.push(held);
  }
  for (const m of code.matchAll(/\bollama\s+(?:pull|run|create\s+\S+\s+-f)\s+([a-z0-9][a-z0-9._:/-]*)/g)) {
    const { s, e } = at(m, m[1]);
    model(s, e, 'ollama', { ollama: true });
  }
  for (const m of code.matchAll(modelServingCommand)) {
    const { s, e } = at(m, m[1]);
    model(s, e, m[0].split(/\s+/).slice(0, 2).join(' '), { huggingFace: true });
  }
  if (azureAi && azureAiCli(c, azureAi, region ?? scriptVariable(code, start, '--location|-l'), models, { start, end }, textOf)) {
    c.mentionsIn(start, end, `${label} text`);
    return;
  }
  if (!models.length) {
    // other region-shaped words on a command line are mentions (hostnames, bucket names, echo)
    c.mentionsIn(start, end, `${label} text`);
    return;
  }
  const platform = bedrockCli ? 'bedrock' : 'self-hosted';
  const regionRef: Ref | undefined =
    platform === 'bedrock' ? (region ?? { kind: 'ambient', provider: 'aws', at: { start, end } }) : undefined;
  if (region && platform === 'bedrock' && region.kind === 'finding') region.finding.role = 'inference';
  c.facts.anchors.push({ at: { start, end }, label: `${label} command`, platform, models, region: regionRef });
  c.mentionsIn(start, end, `${label} text`);
}
