// How Terraform reads a value through the shared evaluator: what may set a variable and in which order, where each
// literal is recorded, and where following stops.
import assert from 'node:assert/strict';
import { Collector } from '../../src/core/scan/base';
import type { Ref } from '../../src/core/scan/facts';
import { Resolver } from '../../src/core/scan/resolve';
import { analyzeTerraform } from '../../src/core/scan/terraform';
import { scanDataset } from '../fixtures/scan-harness';

const endpoint = `resource "google_vertex_ai_endpoint" "chat" {\n  region = var.region\n}\n`;
const declared = (def?: string) => `variable "region" {\n${def ? `  default = "${def}"\n` : ''}}\n`;

/** The region of the endpoint's anchor: each hop's label (with its file when it names one), then what it comes to. */
function regionPath(files: Record<string, string>): { hops: string[]; end: Ref | undefined; collectors: Collector[] } {
  const collectors = Object.entries(files).map(([file, text]) => new Collector(scanDataset(), file, text));
  analyzeTerraform(collectors.map((c) => ({ collector: c, text: c.text })));
  const anchor = collectors.flatMap((c) => c.facts.anchors).find((a) => a.label.includes('google_vertex_ai_endpoint'));
  const hops: string[] = [];
  let ref = anchor?.region;
  while (ref?.kind === 'chain') {
    hops.push(ref.file ? `${ref.label} @${ref.file}` : ref.label);
    ref = ref.next;
  }
  return { hops, end: ref, collectors };
}

const findingIn = (collectors: Collector[], value: string) =>
  collectors.flatMap((c) => c.findings.map((f) => ({ file: c.file, f }))).find(({ f }) => f.value === value);

describe('Terraform values', () => {
  it('reads a variable default where nothing sets it, with the role of the setting, recorded in its own file', () => {
    const { hops, end, collectors } = regionPath({ 'infra/main.tf': endpoint, 'infra/variables.tf': declared('us-central1') });
    assert.deepEqual(hops, ['var.region @infra/main.tf', 'variable "region" default @infra/variables.tf']);
    assert.equal(end?.kind === 'finding' && end.file, 'infra/variables.tf');
    const found = findingIn(collectors, 'us-central1');
    assert.deepEqual([found?.file, found?.f.role], ['infra/variables.tf', 'inference']);
  });

  it('prefers a module call, then terraform.tfvars and *.auto.tfvars, then other tfvars, then templates, then the default', () => {
    const base = { 'infra/main.tf': endpoint, 'infra/variables.tf': declared('us-central1') };
    const template = { 'infra/terraform.tfvars.example': 'region = "europe-west1"\n' };
    const other = { 'infra/prod.tfvars': 'region = "europe-west2"\n' };
    const auto = { 'infra/terraform.tfvars': 'region = "europe-west3"\n' };
    const caller = { 'main.tf': 'module "m" {\n  source = "./infra"\n  region = "europe-west4"\n}\n' };
    const second = (files: Record<string, string>) => regionPath(files).hops[1];
    assert.equal(second({ ...base, ...template }), 'terraform.tfvars.example (template) @infra/terraform.tfvars.example');
    assert.equal(second({ ...base, ...template, ...other }), 'prod.tfvars @infra/prod.tfvars');
    assert.equal(second({ ...base, ...template, ...other, ...auto }), 'terraform.tfvars @infra/terraform.tfvars');
    assert.equal(second({ ...base, ...template, ...other, ...auto, ...caller }), 'module "m" region @main.tf');
    // a template's literal says it is one
    const { collectors } = regionPath({ ...base, ...template });
    assert.match(findingIn(collectors, 'europe-west1')?.f.evidence ?? '', /region \(template\)$/);
  });

  it('keeps every source of the same rank, and says so when nothing sets the variable', () => {
    const both = regionPath({
      'infra/main.tf': endpoint,
      'infra/variables.tf': declared(),
      'infra/terraform.tfvars': 'region = "europe-west3"\n',
      'infra/dev.auto.tfvars': 'region = "europe-west4"\n',
    });
    assert.deepEqual(both.end?.kind === 'all' && both.end.refs.map((r) => r.kind === 'chain' && r.label), [
      'terraform.tfvars',
      'dev.auto.tfvars',
    ]);
    const none = regionPath({ 'infra/main.tf': endpoint, 'infra/variables.tf': declared() });
    assert.equal(none.end?.kind === 'state' && none.end.note, 'var.region has no value');
  });

  it('follows locals and resource attributes into other files, into objects, and stops a cycle', () => {
    const viaLocal = regionPath({
      'infra/main.tf': endpoint.replace('var.region', 'local.settings.region'),
      'infra/locals.tf': 'locals {\n  settings = { region = "asia-east1" }\n}\n',
    });
    assert.deepEqual(viaLocal.hops, ['local.settings @infra/main.tf']);
    assert.equal(viaLocal.end?.kind === 'finding' && viaLocal.end.file, 'infra/locals.tf');
    assert.equal(findingIn(viaLocal.collectors, 'asia-east1')?.f.role, 'inference');
    const viaResource = regionPath({
      'infra/main.tf': endpoint.replace('var.region', 'azurerm_resource_group.rg.location'),
      'infra/rg.tf': 'resource "azurerm_resource_group" "rg" {\n  location = "westeurope"\n}\n',
    });
    assert.deepEqual(viaResource.hops, ['azurerm_resource_group.rg.location @infra/main.tf']);
    assert.equal(findingIn(viaResource.collectors, 'westeurope')?.file, 'infra/rg.tf');
    const cycle = regionPath({
      'infra/main.tf': endpoint.replace('var.region', 'local.a'),
      'infra/locals.tf': 'locals {\n  a = local.b\n  b = local.a\n}\n',
    });
    assert.equal(cycle.hops.length, 13);
    assert.equal(cycle.end?.kind === 'state' && cycle.end.note, 'reference cycle');
  });

  it("reads a function's region env var by the same rule as an env file: the Google Cloud location variables decide inference", () => {
    const fn = (name: string) =>
      `resource "google_cloud_run_v2_service" "chat" {\n  template {\n    containers {\n      env {\n        name  = "${name}"\n        value = "europe-west4"\n      }\n    }\n  }\n}\n`;
    const roleOf = (name: string) => findingIn(regionPath({ 'main.tf': fn(name) }).collectors, 'europe-west4')?.f.role;
    assert.equal(roleOf('GOOGLE_CLOUD_LOCATION'), 'inference');
    assert.equal(roleOf('GOOGLE_CLOUD_REGION'), 'inference');
    assert.equal(roleOf('VERTEX_REGION'), 'inference');
    assert.equal(roleOf('DEPLOY_REGION'), 'deployment');
  });
});

describe('Terraform env scopes', () => {
  const lambda = [
    'provider "aws" {\n  region = "eu-west-1"\n}\n',
    'resource "aws_lambda_function" "api" {\n  environment {\n    variables = {\n',
    '      TABLE_NAME = aws_dynamodb_table.items.name\n      LOG_LEVEL = "info"\n',
    '      BEDROCK_MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0"\n    }\n  }\n}\n',
  ].join('');

  it("holds a function's plain settings as literals that a lookup reads as unresolved values noted by their short texts", () => {
    const c = new Collector(scanDataset(), 'infra/main.tf', lambda);
    analyzeTerraform([{ collector: c, text: c.text }]);
    const [scope] = c.facts.scopes;
    assert.deepEqual(
      scope.vars.map((v) => v.name),
      ['BEDROCK_MODEL_ID', 'AWS_REGION'],
    );
    assert.deepEqual(scope.literals?.names, ['TABLE_NAME', 'LOG_LEVEL']);
    const resolver = new Resolver([{ scope, file: c.file }], new Map());
    const [found] = resolver.lookupEnv(['LOG_LEVEL'], { file: 'infra/main.tf', scope: scope.id });
    const written = lambda.indexOf('LOG_LEVEL');
    const at = { start: written, end: lambda.indexOf('\n', written) };
    assert.deepEqual(found, {
      v: { name: 'LOG_LEVEL', value: { kind: 'state', state: 'unresolved', at, note: 'info' }, at, text: 'info' },
      file: 'infra/main.tf',
    });
  });
});
