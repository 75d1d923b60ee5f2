// Core scanner behaviour: zones and Azure display names normalise, unknown codes get the closest known one,
// placeholders and comments stay out of settings, suppression comments and .gridlensignore globs. That it never
// throws and keeps ranges on the text, on any input, is property-scan.test.ts's.
import assert from 'node:assert/strict';
import { analyzeDocument, startFile } from '../../src/core/scan/analyze';
import { envWrappers } from '../../src/core/scan/codeParse';
import { detectFamily } from '../../src/core/scan/registry';
import { globToRegExp, ignoreRules } from '../../src/core/scan/ignore';
import { scanDataset } from '../fixtures/scan-harness';

const index = scanDataset();

describe('scanner semantics', () => {
  const regions = (file: string, text: string) => analyzeDocument(index, file, text).findings.filter((f) => f.kind === 'region');

  it('maps availability zones and GCP zones to their region', () => {
    const [aws] = regions('a.py', 'import boto3\nc = boto3.client("bedrock-runtime", region_name="us-east-1a")\n');
    assert.equal(aws.value, 'us-east-1');
    const [gcp] = regions('main.tf', 'provider "google" {\n  zone = "us-central1-c"\n}\n');
    assert.equal(gcp.value, 'us-central1');
  });

  it('reads as Python env helpers only the defs whose body returns the env var named by their first parameter', () => {
    const text = [
      'def not_a_helper(name):',
      '    """Looks the name up."""',
      '    value = lookup(name)',
      '    return value',
      '',
      'def helper(name, default=None):',
      '    """Reads a setting."""',
      '    return os.environ.get(name, default)',
      '',
      'def plain(key):',
      '    return os.getenv(key)',
      '',
      'def other(name):',
      "    '''Doc.'''",
      '    return os.environ.get("FIXED")',
      '',
    ].join('\n');
    // a docstring ends at its own closing quotes: not_a_helper's must not run on into helper's body
    assert.deepEqual([...envWrappers(text)].sort(), ['helper', 'plain']);
    assert.deepEqual([...envWrappers('def f(name):\n    return name\n')], []);
  });

  it('normalises Azure display names', () => {
    const [f] = regions('main.tf', 'resource "azurerm_resource_group" "g" {\n  location = "East US 2"\n}\n');
    assert.equal(f.value, 'eastus2');
    assert.equal(f.provider, 'azure');
  });

  it('reports unknown codes with the closest known one', () => {
    const [westu] = regions('main.tf', 'resource "azurerm_storage_account" "s" {\n  location = "westu"\n}\n');
    assert.equal(westu.value, undefined);
    assert.equal(westu.suggestions?.[0], 'westus');
    const [aws] = regions('.env', 'AWS_REGION=eu-west-9\n');
    assert.equal(aws.value, undefined);
    assert.ok(aws.suggestions?.includes('eu-west-1'));
  });

  it('keeps placeholders out and comments as mentions', () => {
    assert.deepEqual(regions('.env', 'AWS_REGION=your-aws-region\nREGION=CHANGE_ME\nR=${REGION}\n'), []);
    const [c] = regions('app.py', '# client = boto3.client("bedrock-runtime", region_name="eu-west-1")\n');
    assert.equal(c.role, 'mention');
  });

  it("gives an env var's region the role its name says, its default and CI fallback included, and reads $VAR as an env read", () => {
    const text = [
      'BEDROCK_REGION=us-west-2',
      'BEDROCK_S3_BUCKET_REGION=eu-west-1',
      'BEDROCK_LOGS_BUCKET_REGION=${LOGS_REGION:-eu-west-2}',
      "VERTEX_LOCATION=${{ vars.LOCATION || 'europe-west4' }}",
      'OTHER_REGION=$AWS_REGION',
      '',
    ].join('\n');
    const result = analyzeDocument(index, '.env', text);
    assert.deepEqual(
      result.findings.map((f) => [f.text, f.role, f.evidence]),
      [
        ['us-west-2', 'inference', '.env BEDROCK_REGION'],
        ['eu-west-1', 'deployment', '.env BEDROCK_S3_BUCKET_REGION'],
        ['eu-west-2', 'deployment', '.env BEDROCK_LOGS_BUCKET_REGION default'],
        ['europe-west4', 'inference', '.env VERTEX_LOCATION default'],
      ],
    );
    const vars = startFile(index, '.env', text).facts.scopes[0].vars;
    const logs = vars.find((v) => v.name === 'BEDROCK_LOGS_BUCKET_REGION')?.value;
    assert.deepEqual(logs?.kind === 'env' && [logs.names, logs.fallback?.kind], [['LOGS_REGION'], 'finding']);
    const vertex = vars.find((v) => v.name === 'VERTEX_LOCATION')?.value;
    assert.equal(vertex?.kind === 'chain' && vertex.label, 'default of vars.LOCATION, unless it is set');
    const other = vars.find((v) => v.name === 'OTHER_REGION')?.value;
    assert.deepEqual(other?.kind === 'env' && [other.names, other.fallback], [['AWS_REGION'], undefined]);
  });

  it("takes a LiteLLM call's platform from the text its model comes to through local names, four at most", () => {
    const chain = ['a1 = MODEL', 'a2 = a1', 'a3 = a2', 'a4 = a3'];
    const text = [
      'import litellm',
      'MODEL = "bedrock/anthropic.claude-3-haiku-20240307-v1:0"',
      ...chain,
      'litellm.completion(model=a3, messages=[])',
      'litellm.completion(model=a4, messages=[])',
      '',
    ].join('\n');
    const calls = startFile(index, 'app.py', text).facts.anchors.filter((a) => a.label.startsWith('LiteLLM call'));
    assert.deepEqual(
      calls.map((a) => a.platform),
      ['bedrock', 'provider-managed'],
    );
  });

  it('gives a command model to the client that sends it, not the nearest client before it', () => {
    const text = [
      "import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';",
      "const east = new BedrockRuntimeClient({ region: 'us-east-1' });",
      "const west = new BedrockRuntimeClient({ region: 'eu-west-1' });",
      "export const ask = () => east.send(new ConverseCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0' }));",
      '',
    ].join('\n');
    const clients = startFile(index, 'chat.ts', text).facts.anchors.map((a) => [
      a.region?.kind === 'finding' && a.region.finding.value,
      a.models.map((m) => m.kind === 'finding' && m.finding.value),
    ]);
    assert.deepEqual(clients, [
      ['us-east-1', ['anthropic/claude-3-haiku@20240307']],
      ['eu-west-1', []],
    ]);
  });

  it('marks findings under a gridlens-ignore comment, on the line or the line above', () => {
    const text = 'AWS_REGION=eu-west-1  # gridlens-ignore\n# gridlens-ignore\nBEDROCK_REGION=us-east-1\nOTHER_REGION=us-west-2\n';
    const found = regions('.env', text);
    assert.deepEqual(
      found.map((f) => [f.text, f.ignored === true]),
      [
        ['eu-west-1', true],
        ['us-east-1', true],
        ['us-west-2', false],
      ],
    );
  });

  it('recognises files by name and pattern, not by language id', () => {
    assert.equal(detectFamily('infra/prod.auto.tfvars'), 'terraform');
    assert.equal(detectFamily('x/terraform.tfvars.example'), 'terraform');
    assert.equal(detectFamily('.env.production'), 'dotenv');
    // an env file's template is an env file; CloudFormation's *.template is JSON
    assert.equal(detectFamily('.env.aws.template'), 'dotenv');
    assert.equal(detectFamily('infra/stack.template'), 'json');
    assert.equal(detectFamily('deploy/Dockerfile'), 'docker');
    assert.equal(detectFamily('infra/main.bicepparam'), 'bicep');
    assert.equal(detectFamily('README.md'), undefined);
  });
});

describe('.gridlensignore and default skips', () => {
  it('matches gitignore-style globs', () => {
    assert.ok(globToRegExp('*.tf').test('a/b/main.tf'));
    assert.ok(globToRegExp('/infra/').test('infra/main.tf'));
    assert.ok(!globToRegExp('/infra/').test('x/infra/main.tf'));
    assert.ok(globToRegExp('legacy/**').test('legacy/a/b.py'));
    assert.ok(globToRegExp('**/gen/*.json').test('x/gen/a.json'));
  });

  it('skips dependencies, build output and fixtures by default; negation re-includes', () => {
    const rules = ignoreRules('examples/\n!examples/keep.tf\n');
    assert.ok(rules.test('node_modules/x/index.js'));
    assert.ok(rules.test('a/dist/bundle.js'));
    assert.ok(rules.test('test/fixtures/terraform/main.tf'));
    assert.ok(rules.test('examples/other.tf'));
    assert.ok(!rules.test('examples/keep.tf'));
    assert.ok(!rules.test('src/app.py'));
    assert.ok(!ignoreRules('', { defaults: false }).test('node_modules/x/index.js'));
  });
});
