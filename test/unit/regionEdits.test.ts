// A region switch moves every literal of the resource that names the region (twins), or is refused with the reason.
// Each case runs the real scanner on a small file, plans the switch of one finding and applies the edits.
import assert from 'node:assert/strict';
import { planRegionSwitch, type RegionSwitchPlan } from '../../src/core/carbon/regionEdits';
import { bundledDataset } from '../../src/core/data/bundled';
import { regionKey } from '../../src/core/data/dataset';
import type { ProviderId, Region } from '../../src/core/data/schema';
import { analyzeDocument } from '../../src/core/scan/analyze';
import { familyOf } from '../../src/core/scan/registry';

const index = bundledDataset();
const region = (provider: ProviderId, code: string) => {
  const found = index.regions.get(regionKey(provider, code));
  assert.ok(found, `${provider}:${code} is not in the dataset`);
  return found as Region;
};

/** Plans switching the region finding written at the `nth` occurrence of `needle`. */
function plan(file: string, text: string, needle: string, target: Region, nth = 0): RegionSwitchPlan {
  const { findings } = analyzeDocument(index, file, text);
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(needle, at + 1);
  if (/^["']/.test(needle)) at++;
  const finding = findings.find((f) => f.kind === 'region' && f.range.start <= at && f.range.end > at);
  assert.ok(
    finding?.value && finding.provider,
    `no region finding at '${needle}' in ${file}: ${JSON.stringify(findings.map((f) => [f.text, f.role]))}`,
  );
  return planRegionSwitch(text, familyOf(file, text), findings, finding, region(finding.provider, finding.value), target);
}

function applied(text: string, result: RegionSwitchPlan): string {
  assert.ok(result.ok, `refused: ${result.ok ? '' : result.reason}`);
  let out = text;
  for (const e of [...result.edits].sort((a, b) => b.start - a.start)) {
    assert.equal(out.slice(e.start, e.end), e.expected);
    out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  }
  return out;
}

describe('region switch: twins move together', () => {
  const sweden = region('azure', 'swedencentral');
  const oregon = region('aws', 'us-west-2');

  it('Bicep: an Azure OpenAI account moves its location, display-name tag and endpoint host, not its name or another resource', () => {
    const text = [
      "resource openai 'Microsoft.CognitiveServices/accounts@2023-05-01' = {",
      "  name: 'chat-eastus-openai'",
      "  location: 'eastus'",
      "  kind: 'OpenAI'",
      "  sku: { name: 'S0' }",
      '  // was in eastus2 before',
      "  tags: { regionName: 'East US', endpoint: 'https://eastus.api.cognitive.microsoft.com/' }",
      '}',
      "resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2023-04-15' = {",
      "  name: 'chat-cosmos'",
      "  location: 'eastus'",
      "  properties: { locations: [ { locationName: 'eastus', failoverPriority: 0 } ] }",
      '}',
      '',
    ].join('\n');
    const out = applied(text, plan('main.bicep', text, "'eastus'", sweden));
    const [openai, cosmos] = out.split('resource cosmos');
    assert.match(openai, /location: 'swedencentral'/);
    assert.ok(openai.includes(`regionName: '${sweden.name}'`), openai);
    assert.ok(openai.includes('https://swedencentral.api.cognitive.microsoft.com/'), openai);
    assert.ok(openai.includes("name: 'chat-eastus-openai'"), 'a resource name is an identity, not a location');
    assert.ok(openai.includes('// was in eastus2 before'), 'comments are not edited');
    assert.equal(cosmos, text.split('resource cosmos')[1], 'another resource in the same file is untouched');
  });

  it('Bicep: a parameter default joins its own @allowed list, so the template still accepts it', () => {
    const text = [
      "@description('Where the model runs')",
      '@allowed([',
      "  'eastus'",
      "  'westeurope'",
      '])',
      "param location string = 'eastus'",
      '',
      "@allowed([ 'eastus', 'westus' ])",
      "param other string = 'westus'",
      '',
      "resource openai 'Microsoft.CognitiveServices/accounts@2023-05-01' = {",
      "  name: 'chat'",
      '  location: location',
      "  kind: 'OpenAI'",
      "  sku: { name: 'S0' }",
      '}',
      "resource chat 'Microsoft.CognitiveServices/accounts/deployments@2023-05-01' = {",
      '  parent: openai',
      "  name: 'gpt-4o'",
      "  properties: { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' } }",
      '}',
      '',
    ].join('\n');
    const out = applied(text, plan('main.bicep', text, "'eastus'", sweden, 1));
    assert.ok(out.includes("@allowed([\n  'eastus'\n  'swedencentral'\n  'westeurope'\n])\nparam location string = 'swedencentral'"), out);
    assert.ok(out.includes("@allowed([ 'eastus', 'westus' ])\nparam other string = 'westus'"), "another parameter's list is untouched");
    const inline = "@allowed([ 'eastus', 'westeurope' ])\nparam location string = 'eastus'\n";
    assert.equal(
      applied(inline, plan('main.bicep', inline, "'eastus'", sweden, 1)),
      "@allowed([ 'eastus', 'swedencentral', 'westeurope' ])\nparam location string = 'swedencentral'\n",
    );
    const commas = "@allowed([\n  'eastus',\n  'westeurope',\n])\nparam location string = 'eastus'\n";
    assert.equal(
      applied(commas, plan('main.bicep', commas, "'eastus'", sweden, 1)),
      "@allowed([\n  'eastus',\n  'swedencentral',\n  'westeurope',\n])\nparam location string = 'swedencentral'\n",
    );
  });

  it('ARM JSON: the resource object moves its nested locationName with its location', () => {
    const text = JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [
          {
            type: 'Microsoft.CognitiveServices/accounts',
            apiVersion: '2023-05-01',
            name: 'chat',
            location: 'eastus',
            kind: 'OpenAI',
            sku: { name: 'S0' },
            properties: { customSubDomainName: 'chat', locations: [{ locationName: 'eastus' }] },
          },
          {
            type: 'Microsoft.Storage/storageAccounts',
            apiVersion: '2023-01-01',
            name: 'files',
            location: 'eastus',
            kind: 'StorageV2',
            sku: { name: 'Standard_LRS' },
          },
        ],
      },
      null,
      2,
    );
    const out = JSON.parse(applied(text, plan('azuredeploy.json', text, '"eastus"', sweden)));
    assert.equal(out.resources[0].location, 'swedencentral');
    assert.equal(out.resources[0].properties.locations[0].locationName, 'swedencentral');
    assert.equal(out.resources[1].location, 'eastus');
  });

  it('Terraform: the cognitive account block moves its endpoint tag; the AWS provider block is another resource', () => {
    const text = [
      'provider "aws" {',
      '  region = "eastus"',
      '}',
      'resource "azurerm_cognitive_account" "openai" {',
      '  name                = "chat-openai"',
      '  location            = "eastus"',
      '  resource_group_name = "rg"',
      '  kind                = "OpenAI"',
      '  sku_name            = "S0"',
      '  tags = {',
      '    endpoint = "https://eastus.api.cognitive.microsoft.com/"',
      '    region   = "East US"',
      '  }',
      '}',
      '',
    ].join('\n');
    const out = applied(text, plan('main.tf', text, '"eastus"', sweden, 1));
    assert.ok(out.includes('endpoint = "https://swedencentral.api.cognitive.microsoft.com/"'), out);
    assert.ok(out.includes(`region   = "${sweden.name}"`), out);
    assert.ok(out.includes('location            = "swedencentral"'), out);
    assert.ok(out.startsWith('provider "aws" {\n  region = "eastus"'), out);
  });

  it('.env: AWS_DEFAULT_REGION and the Bedrock endpoint move with AWS_REGION; a DynamoDB setting and a comment do not', () => {
    const text = [
      '# AWS_REGION=us-east-1 in the old account',
      'AWS_REGION=us-east-1',
      'AWS_DEFAULT_REGION=us-east-1',
      'DYNAMODB_REGION=us-east-1',
      'BEDROCK_ENDPOINT=https://bedrock-runtime.us-east-1.amazonaws.com',
      'BEDROCK_MODEL_ID=meta.llama3-1-70b-instruct-v1:0',
      '',
    ].join('\n');
    const out = applied(text, plan('.env', text, 'us-east-1', oregon, 1));
    assert.deepEqual(out.split('\n').slice(0, 5), [
      '# AWS_REGION=us-east-1 in the old account',
      'AWS_REGION=us-west-2',
      'AWS_DEFAULT_REGION=us-west-2',
      'DYNAMODB_REGION=us-east-1',
      'BEDROCK_ENDPOINT=https://bedrock-runtime.us-west-2.amazonaws.com',
    ]);
  });

  it('an env template named *.template is edited as an env file: its endpoint host moves with its region', () => {
    const text =
      '# copy to .env\nAWS_REGION=us-east-1\nBEDROCK_ENDPOINT=https://bedrock-runtime.us-east-1.amazonaws.com\nMODEL_ID=meta.llama3-1-70b-instruct-v1:0\n';
    const out = applied(text, plan('deploy/environment.template', text, 'us-east-1', oregon));
    assert.equal(
      out,
      '# copy to .env\nAWS_REGION=us-west-2\nBEDROCK_ENDPOINT=https://bedrock-runtime.us-west-2.amazonaws.com\nMODEL_ID=meta.llama3-1-70b-instruct-v1:0\n',
    );
  });

  it('.env: an ARN naming an account resource in the region refuses the switch and says why', () => {
    const text =
      'AWS_REGION=us-east-1\nTABLE_ARN=arn:aws:dynamodb:us-east-1:123456789012:table/sessions\nBEDROCK_MODEL_ID=meta.llama3-1-70b-instruct-v1:0\n';
    const result = plan('.env', text, 'us-east-1', oregon);
    assert.equal(result.ok, false);
    assert.match(
      result.ok ? '' : result.reason,
      /arn:aws:dynamodb:us-east-1:123456789012:table\/sessions names a resource of account 123456789012 in us-east-1/,
    );
  });

  it('Python: a client call moves its endpoint host and nested Config region; the DynamoDB call on the next line stays', () => {
    const text = [
      'import boto3',
      'from botocore.config import Config',
      '',
      'runtime = boto3.client("bedrock-runtime", region_name="us-east-1", config=Config(region_name="us-east-1"), endpoint_url="https://bedrock-runtime.us-east-1.amazonaws.com")',
      'sessions = boto3.client("dynamodb", region_name="us-east-1")',
      'reply = runtime.converse(modelId="meta.llama3-1-70b-instruct-v1:0", messages=[])',
      '',
    ].join('\n');
    const out = applied(text, plan('app.py', text, 'us-east-1', oregon));
    const lines = out.split('\n');
    assert.equal(
      lines[3],
      'runtime = boto3.client("bedrock-runtime", region_name="us-west-2", config=Config(region_name="us-west-2"), endpoint_url="https://bedrock-runtime.us-west-2.amazonaws.com")',
    );
    assert.equal(lines[4], 'sessions = boto3.client("dynamodb", region_name="us-east-1")');
  });

  it('TypeScript: a foundation-model ARN (no account) moves; an ARN of an account resource in the same client refuses', () => {
    const movable = [
      "import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';",
      "const client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: 'https://bedrock-runtime.us-east-1.amazonaws.com', granted: 'arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0' });",
      "const MODEL = 'arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0';",
      'export const ask = () => client.send(MODEL);',
      '',
    ].join('\n');
    const out = applied(movable, plan('client.ts', movable, 'us-east-1', oregon));
    assert.ok(
      out.includes(
        "region: 'us-west-2', endpoint: 'https://bedrock-runtime.us-west-2.amazonaws.com', granted: 'arn:aws:bedrock:us-west-2::foundation-model/",
      ),
      out,
    );
    assert.ok(out.includes("'arn:aws:bedrock:us-east-1::foundation-model/"), 'another statement is another resource');

    const pinned =
      "import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';\nconst client = new BedrockRuntimeClient({ region: 'us-east-1', logGroup: 'arn:aws:logs:us-east-1:123456789012:log-group:chat' });\n";
    const result = plan('client.ts', pinned, 'us-east-1', oregon);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.reason, /names a resource of account 123456789012 in us-east-1/);
  });

  it('YAML: the environment mapping moves its endpoint host with its region, not the provider region of another mapping', () => {
    const text = [
      'service: chat',
      'provider:',
      '  name: aws',
      '  region: us-east-1',
      'functions:',
      '  chat:',
      '    handler: handler.chat',
      '    environment:',
      '      AWS_REGION_NAME: us-east-1',
      '      BEDROCK_ENDPOINT: https://bedrock-runtime.us-east-1.amazonaws.com',
      '      BEDROCK_MODEL_ID: meta.llama3-1-70b-instruct-v1:0',
      '',
    ].join('\n');
    const out = applied(text, plan('serverless.yml', text, 'us-east-1', oregon, 1));
    assert.ok(out.includes('BEDROCK_ENDPOINT: https://bedrock-runtime.us-west-2.amazonaws.com'), out);
    assert.ok(out.includes('AWS_REGION_NAME: us-west-2'), out);
    assert.ok(out.includes('  region: us-east-1'), out);
  });
});
