// Resolver.mayFindModel: the check that lets pairing skip env values that cannot lead to a model. It must say yes
// wherever resolve() finds a model (through names, symbols, chains, fallbacks and cycles), and no for regions. And what
// pairing says of an env default that a model call reads but the workspace's own setting of the variable shadows.
import assert from 'node:assert/strict';
import { compactLiterals, type EnvScope, type EnvVar, type FileFacts, type Ref } from '../../src/core/scan/facts';
import { bundledDataset } from '../../src/core/data/bundled';
import { Resolver } from '../../src/core/scan/resolve';
import { scanWorkspace } from '../../src/core/scan/workspace';
import { anyFolder, symbolKey, type SymbolKey } from '../../src/core/scan/symbols';
import type { Finding } from '../../src/core/scan/types';

const at = { start: 0, end: 1 };
const finding = (kind: Finding['kind'], text: string): Ref => ({ kind: 'finding', finding: { kind, range: at, text, role: 'inference' } });
const env = (...names: string[]): Ref => ({ kind: 'env', names, at });
const chain = (next: Ref): Ref => ({ kind: 'chain', at, label: 'hop', next });
const variable = (name: string, value: Ref): EnvVar => ({ name, value, at });
const scope = (id: string, ...vars: EnvVar[]): { scope: EnvScope; file: string } => ({
  scope: { id, kind: 'dotenv', vars },
  file: `${id}/.env`,
});

function resolver(
  scopes: Array<{ scope: EnvScope; file: string }>,
  symbols: Array<[SymbolKey, Ref]> = [],
): { resolver: Resolver; models: (ref: Ref) => number } {
  const byKey = new Map<SymbolKey, Array<{ value: Ref; priority: number; file: string }>>();
  for (const [key, value] of symbols) byKey.set(key, [...(byKey.get(key) ?? []), { value, priority: 0, file: 'main.bicep' }]);
  const r = new Resolver(scopes, byKey);
  const models = (ref: Ref) =>
    r.resolve(ref, 'app/main.py', { file: 'app/main.py' }).filter((o) => o.finding?.finding.kind === 'model').length;
  return { resolver: r, models };
}

describe('Resolver.mayFindModel', () => {
  it('finds a model through env names, chains and fallbacks, and whenever resolve() finds one', () => {
    const { resolver: r, models } = resolver([
      scope('app', variable('MODEL', env('BASE_MODEL')), variable('AWS_REGION', finding('region', 'us-east-1'))),
      scope('base', variable('BASE_MODEL', chain(finding('model', 'gpt-4o')))),
    ]);
    for (const ref of [
      env('MODEL'),
      chain(env('MODEL')),
      { ...env('UNSET'), fallback: env('BASE_MODEL') },
      { kind: 'all', refs: [env('AWS_REGION'), env('MODEL')] } as Ref,
    ]) {
      assert.equal(models(ref) > 0, true);
      assert.equal(r.mayFindModel(ref), true);
    }
    assert.equal(r.mayFindModel(env('AWS_REGION')), false);
    assert.equal(r.mayFindModel({ kind: 'state', state: 'unresolved' }), false);
  });

  it('says no for names that read each other in a cycle without a model, yes when one of them is set to a model', () => {
    const cycle = [
      variable('AWS_REGION', chain({ kind: 'ambient', provider: 'aws', at })),
      variable('AWS_DEFAULT_REGION', env('AWS_REGION')),
    ];
    assert.equal(resolver([scope('a', ...cycle)]).resolver.mayFindModel(env('AWS_DEFAULT_REGION')), false);
    const withModel = resolver([scope('a', ...cycle), scope('b', variable('AWS_REGION', finding('model', 'claude')))]);
    assert.equal(withModel.resolver.mayFindModel(env('AWS_DEFAULT_REGION')), true);
  });

  it('follows symbols, a template parameter passed for every folder among them', () => {
    const param = symbolKey.templateParameter('infra', 'model');
    const { resolver: r } = resolver(
      [scope('app', variable('MODEL', { kind: 'symbol', key: param, at }))],
      [[symbolKey.templateParameter(anyFolder, 'model'), finding('model', 'gpt-4o')]],
    );
    assert.equal(r.mayFindModel(env('MODEL')), true);
    assert.equal(r.mayFindModel({ kind: 'symbol', key: symbolKey.templateParameter('infra', 'region'), at }), false);
  });
});

describe('Env scopes: plain literals held compactly', () => {
  const written = (start: number, text: string): Extract<Ref, { kind: 'state' }> => ({
    kind: 'state',
    state: 'unresolved',
    at: { start, end: start + text.length },
    note: text,
  });
  const literal = (name: string, start: number, text: string): EnvVar => ({
    name,
    value: written(start + name.length + 1, text),
    at: { start, end: start + name.length + 1 + text.length },
    text,
  });
  // a Terraform variable of a name that is neither a region nor a model: noted by its name, no text
  const unnamed = (name: string, start: number): EnvVar => ({
    name,
    value: { kind: 'state', state: 'unresolved', at: { start, end: start + 9 }, note: name },
    at: { start, end: start + 9 },
  });
  const workflowEnv = literal('SHARED', 0, 'both-jobs');
  const facts = (): FileFacts => ({
    anchors: [],
    symbols: [],
    azureDeployments: [],
    scopes: [
      {
        id: 'deploy.yaml#api',
        kind: 'k8s',
        vars: [
          literal('LOG_LEVEL', 10, 'info'),
          literal('EMPTY', 30, ''),
          { name: 'LLM', value: env('LLM'), at: { start: 40, end: 50 }, text: '${LLM}' },
          literal('LLM', 60, 'llama3'),
          literal('TWICE', 80, 'first'),
          literal('TWICE', 100, 'second'),
          literal('EMPTY_FIRST', 120, ''),
          literal('EMPTY_FIRST', 140, 'set'),
          unnamed('TABLE_NAME', 160),
          { name: 'MODEL', value: finding('model', 'gpt-4o'), at: { start: 180, end: 190 }, text: 'gpt-4o' },
          { ...literal('GEO', 200, 'eu'), value: { ...written(204, 'eu'), geo: 'eu' } },
        ],
      },
      { id: 'deploy.yaml#worker', kind: 'k8s', vars: [workflowEnv, literal('LLM', 220, 'mistral'), literal('LOG_LEVEL', 240, 'debug')] },
      { id: 'deploy.yaml#cron', kind: 'k8s', vars: [workflowEnv] },
    ],
  });
  const names = ['LOG_LEVEL', 'EMPTY', 'LLM', 'TWICE', 'EMPTY_FIRST', 'TABLE_NAME', 'MODEL', 'GEO', 'SHARED', 'UNSET'];

  /** What a workspace's lookups and resolutions of every name give, read from `app/main.py` and from a scope. */
  function readings(f: FileFacts) {
    const r = new Resolver(
      f.scopes.map((s) => ({ scope: s, file: 'deploy.yaml' })),
      new Map(),
    );
    return names.flatMap((name) =>
      [{ file: 'app/main.py' }, { file: 'app/main.py', scope: 'deploy.yaml#worker' }].map((ctx) => ({
        found: r.lookupEnv([name], ctx).map(({ v, file }) => ({ v, file })),
        resolved: r.resolve(env(name), 'app/main.py', ctx),
      })),
    );
  }

  it('holds the variables whose value is their text as names and offsets, and the others as they are', () => {
    const written = facts();
    const [api, worker, cron] = compactLiterals(written).scopes;
    assert.deepEqual(
      api.vars.map((v) => v.name),
      ['LLM', 'LLM', 'MODEL', 'GEO'],
    );
    assert.deepEqual(api.literals?.names, ['LOG_LEVEL', 'EMPTY', 'TWICE', 'TWICE', 'EMPTY_FIRST', 'EMPTY_FIRST', 'TABLE_NAME']);
    assert.deepEqual(
      worker.vars.map((v) => v.name),
      ['SHARED'],
    );
    assert.deepEqual(worker.literals?.names, ['LLM', 'LOG_LEVEL']);
    assert.deepEqual([cron.vars, cron.literals], [[workflowEnv], undefined]);
    assert.deepEqual(written, facts(), 'the facts given are left as they are');
  });

  it('gives every lookup and resolution the same answer as the variables did', () => {
    assert.deepEqual(readings(compactLiterals(facts())), readings(facts()));
  });

  it('makes a literal one variable for every lookup that reads it', () => {
    const f = compactLiterals(facts());
    const r = new Resolver(
      f.scopes.map((s) => ({ scope: s, file: 'deploy.yaml' })),
      new Map(),
    );
    const ctx = { file: 'app/main.py', scope: 'deploy.yaml#api' };
    assert.equal(r.lookupEnv(['TWICE'], ctx)[0].v, r.lookupEnv(['TWICE'], ctx)[0].v);
    assert.equal(r.lookupEnv(['TWICE'], ctx)[0].v.text, 'first');
    assert.equal(r.lookupEnv(['EMPTY_FIRST'], ctx)[0].v.text, 'set');
  });
});

describe('an env default the workspace shadows', () => {
  const index = bundledDataset();
  const handler = (read: string) =>
    `import os\nimport boto3\n\nMODEL_ID = ${read}\nbedrock = boto3.client("bedrock-runtime")\n\n\ndef handle(event, context):\n    return bedrock.converse(modelId=MODEL_ID, messages=event["messages"])\n`;
  const lambda = `provider "aws" {\n  region = "ap-southeast-2"\n}\n\nresource "aws_lambda_function" "fn" {\n  function_name = "fn"\n  role          = "arn:aws:iam::111122223333:role/fn"\n  handler       = "handler.handle"\n  runtime       = "python3.12"\n  filename      = "src.zip"\n  source_code_hash = filebase64sha256("src.zip")\n  environment {\n    variables = {\n      MODEL_ID = "amazon.nova-lite-v1:0"\n    }\n  }\n}\n`;
  const noteOf = (files: Array<{ path: string; text: string }>, model: string) =>
    scanWorkspace(index, files).pairs.find((p) => p.model.finding.text === model);

  it('says a call reads it and the workspace sets the variable, not that no call uses it', () => {
    const pair = noteOf(
      [
        { path: 'main.tf', text: lambda },
        { path: 'handler.py', text: handler('os.environ.get("MODEL_ID", "amazon.nova-micro-v1:0")') },
      ],
      'amazon.nova-micro-v1:0',
    );
    assert.equal(pair?.state, 'unresolved');
    assert.match(pair?.note ?? '', /^default of MODEL_ID, which the workspace sets where the model call runs/);
  });

  it('pairs the default where nothing sets the variable, and says no call reads a default nothing calls with', () => {
    const used = noteOf(
      [{ path: 'handler.py', text: handler('os.environ.get("MODEL_ID", "amazon.nova-micro-v1:0")') }],
      'amazon.nova-micro-v1:0',
    );
    assert.notEqual(used?.note ?? '', 'no model call or deployment using this setting was found in the workspace');
    assert.doesNotMatch(used?.note ?? '', /^default of MODEL_ID, which/);
    const unused = noteOf(
      [{ path: 'settings.py', text: 'import os\n\nMODEL_ID = os.environ.get("MODEL_ID", "amazon.nova-micro-v1:0")\n' }],
      'amazon.nova-micro-v1:0',
    );
    assert.equal(unused?.note, 'no model call or deployment using this setting was found in the workspace');
  });
});
