// CloudFormation and SAM templates (YAML with !Ref/!Sub/!GetAtt tags, or JSON): Parameters defaults and
// allowed values, Mappings, AWS::Region, Bedrock resources, function environments and model ids in ARNs.
// The stack region and parameter overrides come from samconfig.toml (symbols stackRegion, stackParameter).
import { byType, knowledge } from '../data/knowledge';
import type { Collector } from './base';
import { Evaluator, type Goal, type Reading, type Want } from './evaluate';
import type { EnvScope, EnvVar, Ref } from './facts';
import { bedrockArn, isModelKey, isNonInferenceName, isRegionKey, modelShape, regionShapeProvider, serviceHint } from './patterns';
import { symbolKey } from './symbols';
import { dirname, joinPath } from './text';
import { eachNode, entry, get, str, type MapNode, type Node, type Scalar } from './tree';
import type { Role } from './types';

/** A template's format version key, which a template may omit. */
const formatVersionKey = 'AWSTemplateFormatVersion';
/** The transform that makes a template a SAM template. */
const samTransform = 'AWS::Serverless';
/** The namespaces of resource types (`AWS::Lambda::Function`, `Custom::Seeder`, `Alexa::ASK::Skill`). */
const resourceTypeNamespaces = ['AWS::', 'Custom::', 'Alexa::'];
const resourceType = new RegExp(`^(?:${resourceTypeNamespaces.join('|')})`);

/** Words one of which every document isCloudFormation accepts holds. */
export const cloudFormationMarkers: readonly string[] = [formatVersionKey, samTransform, ...resourceTypeNamespaces];

/** Whether a parsed document is a CloudFormation or SAM template. */
export function isCloudFormation(doc: Node | undefined): boolean {
  if (!doc || doc.t !== 'map') return false;
  if (entry(doc, formatVersionKey)) return true;
  const transform = get(doc, 'Transform');
  if (
    transform &&
    JSON.stringify(
      transform.t === 'scalar'
        ? transform.value
        : transform.t === 'seq'
          ? transform.items.map((i) => (i.t === 'scalar' ? i.value : ''))
          : '',
    ).includes(samTransform)
  )
    return true;
  const resources = get(doc, 'Resources');
  return resources?.t === 'map' && resources.entries.some((e) => resourceType.test(str(get(e.value, 'Type')) ?? ''));
}

interface Intrinsic {
  fn: string;
  arg?: Node;
}

/** `!Ref X`, `{ "Ref": "X" }`, `!Sub …`, `{ "Fn::Sub": … }` and the other intrinsic functions. */
export function intrinsic(node: Node | undefined): Intrinsic | undefined {
  if (!node) return undefined;
  if (node.tag)
    return {
      fn: node.tag.slice(1).replace(/^Fn::/, ''),
      arg: node.t === 'scalar' || node.t === 'seq' || node.t === 'map' ? ({ ...node, tag: undefined } as Node) : undefined,
    };
  if (node.t === 'map' && node.entries.length === 1) {
    const [e] = node.entries;
    if (e.key === 'Ref' || e.key === 'Condition') return { fn: e.key, arg: e.value };
    if (e.key.startsWith('Fn::')) return { fn: e.key.slice(4), arg: e.value };
  }
  return undefined;
}

/** Resource types where Bedrock models run (data/knowledge.yaml `cloudformation.resources`). */
const aiResourceOf = byType(knowledge.cloudformation.resources);

export function analyzeCloudFormation(c: Collector, doc: MapNode): void {
  new Template(c, doc).run();
}

/** A value inside an IAM policy (ARNs there are permissions). */
const inPolicy = (path: readonly string[]): boolean =>
  path.some((p) => /^(Policies|PolicyDocument|Statement|Resource|ManagedPolicyArns|AssumeRolePolicyDocument)$/.test(p));

class Template {
  private readonly folder: string;
  private readonly params: MapNode | undefined;
  private readonly values: Evaluator<Node>;

  constructor(
    private readonly c: Collector,
    private readonly doc: MapNode,
  ) {
    this.folder = dirname(c.file);
    const p = get(doc, 'Parameters');
    this.params = p?.t === 'map' ? p : undefined;
    this.values = new Evaluator(c, (node, goal) => this.read(node, goal));
  }

  run(): void {
    this.parameters();
    this.mappings();
    const globals = get(this.doc, 'Globals', 'Function', 'Environment', 'Variables');
    const resources = get(this.doc, 'Resources');
    if (resources?.t === 'map') {
      for (const e of resources.entries) this.resource(e.key, e.value, globals);
    }
    this.rest();
  }

  private stackRegion(at: Node): Ref {
    return {
      kind: 'symbol',
      key: symbolKey.stackRegion(this.folder),
      at: at.range,
      label: 'AWS::Region (the stack region, set at deploy time)',
    };
  }

  /** Evaluates a property value to a Ref, creating findings for literals with the given role. */
  value(node: Node | undefined, want: Want, role: Role, label: string): Ref | undefined {
    return this.values.evaluate(node, { want, role, label });
  }

  /** What a template value is: a literal, `!Ref`/`!Sub` of a parameter or AWS::Region, the branches of `!If`. */
  private read(node: Node, goal: Goal): Reading<Node> | undefined {
    const fn = intrinsic(node);
    if (fn) {
      const arg = fn.arg;
      if (fn.fn === 'Ref' && arg?.t === 'scalar') return this.ref(arg.value, node, goal.want);
      if (fn.fn === 'Sub') {
        const template = arg?.t === 'seq' ? arg.items[0] : arg;
        if (template?.t === 'scalar') {
          const whole = /^\$\{([A-Za-z0-9:]+)\}$/.exec(template.value);
          if (whole) return this.ref(whole[1], node, goal.want);
          return this.subString(template, goal);
        }
      }
      if (fn.fn === 'If' && arg?.t === 'seq') return { is: 'choice', nodes: arg.items.slice(1) };
      return { is: 'known', ref: { kind: 'state', state: 'unresolved', at: node.range, note: `${fn.fn} expression` } };
    }
    if (node.t !== 'scalar' || !node.inner) return undefined;
    return {
      is: 'literal',
      at: node.inner,
      region: { keyed: true, provider: 'aws' },
      model: { keyed: true },
      otherwise: goal.want === 'model' ? () => this.arnModel(node, goal.role, goal.label) : undefined,
    };
  }

  private ref(name: string, node: Node, want: Want): Reading<Node> {
    if (name === 'AWS::Region') return { is: 'known', ref: want === 'region' ? this.stackRegion(node) : undefined };
    const param = this.params ? entry(this.params, name) : undefined;
    if (!param) return { is: 'known', ref: { kind: 'state', state: 'unresolved', at: node.range, note: `!Ref ${name}` } };
    return {
      is: 'parameter',
      keys: [symbolKey.stackParameter(this.folder, name)],
      at: node.range,
      label: `parameter ${name}`,
      default: { node: get(param.value, 'Default'), at: param.keyRange, hop: `parameter ${name}`, label: `Parameters.${name}.Default` },
    };
  }

  /** `arn:aws:bedrock:${AWS::Region}::foundation-model/${ModelId}` and literal ids in a !Sub string. */
  private subString(node: Scalar, goal: Goal): Reading<Node> {
    const unresolved: Ref = { kind: 'state', state: 'unresolved', at: node.range, note: node.value };
    const m = /(?:foundation-model|inference-profile)\/(\$\{([A-Za-z0-9]+)\}|[A-Za-z0-9.:-]+)/.exec(node.value);
    if (goal.want === 'model' && m) {
      if (m[2]) return this.ref(m[2], node, goal.want);
      const at = node.inner ? this.c.text.indexOf(m[1], node.inner.start) : -1;
      if (node.inner && at >= 0 && at < node.inner.end)
        return { is: 'literal', at: { start: at, end: at + m[1].length }, model: { keyed: true }, otherwise: () => unresolved };
    }
    return { is: 'known', ref: unresolved };
  }

  private arnModel(node: Scalar, role: Role, label: string): Ref | undefined {
    const arn = bedrockArn.exec(node.value);
    if (!arn || !node.inner) return undefined;
    const start = node.inner.start + node.value.length - arn[4].length;
    const f = this.c.model(start, start + arn[4].length, role, label, { keyed: true });
    return f ? { kind: 'finding', finding: f } : undefined;
  }

  private parameters(): void {
    if (!this.params) return;
    for (const p of this.params.entries) {
      const def = get(p.value, 'Default');
      if (def?.t === 'scalar' && def.inner) {
        const name = p.key;
        const regionish = isRegionKey(name) || regionShapeProvider(def.value) !== undefined;
        if (regionish)
          this.c.region(def.inner.start, def.inner.end, 'deployment', `Parameters.${name}.Default`, { keyed: isRegionKey(name) });
        else if (isModelKey(name) || modelShape(def.value) === 'strict')
          this.c.model(def.inner.start, def.inner.end, 'deployment', `Parameters.${name}.Default`, { keyed: isModelKey(name) });
      }
      const allowed = get(p.value, 'AllowedValues');
      if (allowed?.t === 'seq')
        for (const item of allowed.items)
          if (item.t === 'scalar') this.c.mentionsIn(item.range.start, item.range.end, `Parameters.${p.key}.AllowedValues`);
      const description = get(p.value, 'Description');
      if (description) this.c.mentionsIn(description.range.start, description.range.end, 'Description');
    }
  }

  private mappings(): void {
    const mappings = get(this.doc, 'Mappings');
    if (mappings?.t !== 'map') return;
    for (const m of mappings.entries) {
      if (m.value?.t !== 'map') continue;
      for (const top of m.value.entries) {
        this.c.region(top.keyRange.start, top.keyRange.end, 'mention', `Mappings.${m.key} key`);
        eachNode(top.value, (node, key) => {
          if (node.t !== 'scalar' || !node.inner || !key) return;
          if (isRegionKey(key)) this.c.region(node.inner.start, node.inner.end, 'deployment', `Mappings.${m.key}`, { keyed: true });
          else if (isModelKey(key) || modelShape(node.value) === 'strict')
            this.c.model(node.inner.start, node.inner.end, 'deployment', `Mappings.${m.key}`, { keyed: isModelKey(key) });
        });
      }
    }
  }

  private resource(logicalId: string, node: Node | undefined, globals: Node | undefined): void {
    const type = str(get(node, 'Type')) ?? '';
    const props = get(node, 'Properties');
    const label = `${logicalId} (${type})`;
    const ai = aiResourceOf(type);
    if (ai) {
      const models: Ref[] = [];
      eachNode(props, (n, key) => {
        if (!key || !ai.model.includes(key) || (n.t === 'map' && !intrinsic(n))) return;
        const ref = this.value(n, 'model', 'inference', `${label} ${key}`);
        if (ref) models.push(ref);
      });
      this.c.facts.anchors.push({
        at: node?.range ?? { start: 0, end: 0 },
        label,
        platform: ai.platform,
        models,
        region: this.stackRegion(node as Node),
      });
      return;
    }
    if (type === 'AWS::Serverless::Function' || type === 'AWS::Lambda::Function') {
      const vars = [...this.envVars(globals, label), ...this.envVars(get(props, 'Environment', 'Variables'), label)];
      const vs = new Map<string, EnvVar>();
      for (const v of vars) vs.set(v.name, v);
      vs.set('AWS_REGION', { name: 'AWS_REGION', value: this.stackRegion(node as Node), at: node?.range ?? { start: 0, end: 0 } });
      const scope: EnvScope = { id: `${this.c.file}#${logicalId}`, kind: 'function', vars: [...vs.values()] };
      const codeUri = str(get(props, 'CodeUri')) ?? str(get(this.doc, 'Globals', 'Function', 'CodeUri'));
      if (codeUri && !codeUri.startsWith('s3://')) scope.codeRoot = joinPath(this.folder, codeUri).replace(/\/$/, '');
      else if (type === 'AWS::Serverless::Function' && !codeUri) scope.codeRoot = this.folder;
      this.c.facts.scopes.push(scope);
      return;
    }
    if (type === 'AWS::ECS::TaskDefinition') {
      const defs = get(props, 'ContainerDefinitions');
      if (defs?.t === 'seq') {
        defs.items.forEach((container, i) => {
          const env = get(container, 'Environment');
          const vars: EnvVar[] = [];
          if (env?.t === 'seq')
            for (const item of env.items) {
              const name = str(get(item, 'Name'));
              if (name) vars.push(this.envVar(name, get(item, 'Value'), item, label));
            }
          if (vars.length)
            this.c.facts.scopes.push({
              id: `${this.c.file}#${logicalId}[${i}]`,
              kind: 'config',
              vars: [...vars, { name: 'AWS_REGION', value: this.stackRegion(container), at: container.range }],
            });
        });
      }
    }
  }

  private envVars(vars: Node | undefined, label: string): EnvVar[] {
    if (vars?.t !== 'map') return [];
    return vars.entries.map((e) => this.envVar(e.key, e.value, { t: 'scalar', range: e.keyRange, value: e.key, raw: e.key }, label));
  }

  private envVar(name: string, value: Node | undefined, at: Node, label: string): EnvVar {
    const evidence = `${label} env ${name}`;
    let ref: Ref | undefined;
    if (isRegionKey(name)) ref = this.value(value, 'region', serviceHint(name) ? 'inference' : 'deployment', evidence);
    else if (isModelKey(name)) ref = this.value(value, 'model', 'deployment', evidence);
    return {
      name,
      value: ref ?? { kind: 'state', state: 'unresolved', at: at.range, note: name },
      at: { start: at.range.start, end: value?.range.end ?? at.range.end },
    };
  }

  /** Everything else: region keys are deployment settings, ARNs in policies are permissions, prose is mention. */
  private rest(): void {
    eachNode(this.doc, (node, key, path) => {
      if (node.t !== 'scalar') return;
      if (path[0] === 'Parameters' || path[0] === 'Mappings') return;
      if (key === 'Description' || path.includes('Description') || path[0] === 'Outputs' || path[0] === 'Metadata') {
        this.c.mentionsIn(node.range.start, node.range.end, key === 'Description' ? 'Description' : path[0]);
        return;
      }
      if (node.inner && !node.tag && key && isRegionKey(key) && !path.includes('Environment')) {
        this.c.region(node.inner.start, node.inner.end, isNonInferenceName(key) ? 'deployment' : 'deployment', `${path.join('.')}`, {
          keyed: true,
          provider: 'aws',
        });
        return;
      }
      if (/arn:aws/.test(node.value)) {
        this.arnRegions(node, inPolicy(path));
        return;
      }
      const piece = /(?:foundation-model|inference-profile)\/([A-Za-z0-9.:-]+)/.exec(node.value);
      if (piece && node.inner) {
        // an ARN split by Fn::Join: "::foundation-model/amazon.titan-embed-text-v2:0"
        const at = node.inner.start + (piece.index ?? 0) + piece[0].length - piece[1].length;
        this.c.model(at, at + piece[1].length, inPolicy(path) ? 'permission' : 'mention', 'Bedrock ARN part', { keyed: true });
        return;
      }
      if (node.inner && !node.tag && key && isModelKey(key)) {
        this.c.model(node.inner.start, node.inner.end, 'deployment', path.join('.'), { keyed: true });
        return;
      }
      this.c.mentionsIn(node.range.start, node.range.end, () => path.join('.'));
    });
  }

  private arnRegions(node: Scalar, policy: boolean): void {
    const raw = this.c.text.slice(node.range.start, node.range.end);
    for (const m of raw.matchAll(/arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):[0-9*]*:([A-Za-z0-9._:/*-]*)/g)) {
      const base = node.range.start + (m.index ?? 0);
      if (m[2]) {
        const at = base + m[0].indexOf(`:${m[2]}:`) + 1;
        this.c.region(at, at + m[2].length, m[1] === 'bedrock' || policy ? 'permission' : 'mention', `${m[1]} ARN`);
      }
      const arn = bedrockArn.exec(m[0]);
      if (arn && !/[*$]/.test(arn[4])) {
        const at = base + m[0].length - arn[4].length;
        this.c.model(at, at + arn[4].length, policy ? 'permission' : 'mention', 'Bedrock ARN', { keyed: true });
      }
    }
  }
}
