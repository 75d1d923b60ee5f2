// Input generators for the robustness tests (test/unit/property*.test.ts, the extension-host robustness suite):
// file names of every format the scanner reads, a pool of syntax fragments, and realistic documents with a region
// slot (so quick fixes are offered). No scanner import here, so the extension-host suite can bundle it.
import fc from 'fast-check';
import type { DatasetIndex } from '../../src/core/data/dataset';
import type { Region } from '../../src/core/data/schema';

/** One name per detector and per content-picked reader (CloudFormation, Actions, compose, LiteLLM…). */
export const FILE_NAMES = [
  'main.tf', 'terraform.tfvars', 'template.yaml', 'values.yaml', 'serverless.yml', 'docker-compose.yml', 'Pulumi.dev.yaml',
  'config.yaml', '.github/workflows/ci.yml', 'stack.json', 'cdk.json', 'azuredeploy.json', 'main.parameters.json', 'notebook.ipynb',
  'samconfig.toml', 'pyproject.toml', '.env', '.envrc', 'run.sh', 'Makefile', 'Dockerfile', 'app.properties', 'app.py', 'index.ts',
  'App.tsx', 'main.go', 'App.java', 'Main.kt', 'main.rs', 'deploy.ps1', 'main.bicep', 'main.bicepparam', 'summarise.prompt',
  'writer.prompty',
] as const;

/** Fragments of every syntax the scanner reads, the region/model shapes it looks for, and the usual traps. */
export const SNIPPETS = [
  '"', "'", '`', '"""', "'''", '/*', '*/', '//', '#', '--', '\n', '\r\n', '\r', '\t', ' ', '  ', '\\', '\0', '\uFEFF', '\u2028',
  '${', '%{', '$(', '${{', '}}', '{', '}', '[', ']', '(', ')', '<<EOF\n', 'EOF\n', '<<-EOT\n', 'EOT\n', '|\n', '>-\n', '---\n',
  ': ', '- ', '= ', ',', ';', '.', '::', '&a ', '*a ', '<<: *a\n', '!Ref ', '!Sub ', '!GetAtt ', '@', '?', '!', '~',
  'region = "us-east-1"', 'location = "East US 2"', 'region: eu-west-1', 'AWS_REGION=us-west-2', 'export AWS_DEFAULT_REGION=',
  'us-east-1', 'eu-central-1a', 'europe-west4', 'swedencentral', 'asia-southeast1-b', 'US-EAST-1', 'eu-west-9',
  'anthropic.claude-3-haiku-20240307-v1:0', 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0', 'gpt-4o', 'gemini-1.5-pro-002',
  'arn:aws:bedrock:us-east-1:123456789012:foundation-model/amazon.nova-lite-v1:0', 'bedrock/', 'vertex_ai/',
  'provider "aws" {', 'resource "aws_bedrockagent_agent" "a" {', 'variable "region" {', 'default = ', 'var.region', 'local.r',
  'boto3.client("bedrock-runtime", region_name=', 'vertexai.init(location=', 'new BedrockRuntimeClient({ region: ',
  'config.WithRegion(', 'Region.of(', 'os.environ["AWS_REGION"]', 'process.env.AWS_REGION', 'modelId=', 'model_id = ',
  'AWSTemplateFormatVersion: "2010-09-09"\n', 'Resources:\n', 'model_list:\n', 'litellm_params:\n', 'jobs:\n', 'services:\n',
  "param location string = '", "resource acc 'Microsoft.CognitiveServices/accounts@2023-05-01' = {", 'gridlens-ignore',
  // YAML that sets a value under a name no word announces (the prefilter must still read it)
  'environment:\n', '    env:\n', '      - name: TARGET\n        value: ', 'TARGET: ${DEPLOY_TARGET}\n', 'DEPLOY_TARGET=', 'TARGET=$DEPLOY_TARGET ',
  'valueFrom:\n', 'variables:\n', 'Type: AWS::Serverless::Function\n', 'vllm serve acme/chat-7b', 'storageUri: hf://acme/chat-7b\n',
  // prompt files' front matter
  'model: vertexai/gemini-2.0-flash\n', 'model:\n  configuration:\n    type: azure_openai\n    azure_deployment: ',
] as const;

/** Any code points (lone surrogates included), control characters, and NUL. */
export const anyText = (maxLength: number) => fc.oneof(
  fc.string({ maxLength, unit: 'binary' }),
  fc.string({ maxLength, unit: fc.constantFrom('\0', '\r', '\n', '\t', '\uFEFF', '\uFFFD', '\u2028', '\uD800', '\uDFFF', 'a', '"', '{', '$') }),
  fc.string({ maxLength }),
);

/** Random bytes as a text editor or the CLI would see them: UTF-8 with replacement characters, or Latin-1. */
export const anyBytesAsText = (maxLength: number) => fc.tuple(fc.uint8Array({ maxLength }), fc.boolean()).map(([bytes, utf8]) => Buffer.from(bytes).toString(utf8 ? 'utf8' : 'latin1'));

/** A soup of syntax fragments: reaches far deeper into the detectors than random characters. */
export const tokenSoup = (maxTokens: number) => fc.array(fc.constantFrom(...SNIPPETS), { maxLength: maxTokens }).map((parts) => parts.join(''));

// ---------------------------------------------------------------------------------------------------------------
// Documents with a region setting in a known place.

export interface RegionSlot {
  provider: Region['provider'];
  /** As written in the document. */
  text: string;
}

/** A document template: the file name and its text around one region literal (`{R}`) and, optionally, a model. */
interface Template {
  file: string;
  provider: Region['provider'];
  text: string;
}

const templates: Template[] = [
  { file: 'main.tf', provider: 'aws', text: 'provider "aws" {\n  region = "{R}"\n}\n\ndata "aws_bedrock_foundation_model" "m" {\n  model_id = "anthropic.claude-3-haiku-20240307-v1:0"\n}\n' },
  { file: 'variables.tf', provider: 'aws', text: 'variable "region" {\n  type    = string\n  default = "{R}"\n}\n\nprovider "aws" {\n  region = var.region\n}\n\nresource "aws_bedrockagent_agent" "a" {\n  foundation_model = "amazon.nova-lite-v1:0"\n}\n' },
  { file: 'main.tf', provider: 'azure', text: 'resource "azurerm_cognitive_account" "oai" {\n  name     = "oai"\n  location = "{R}"\n  kind     = "OpenAI"\n}\n' },
  { file: 'main.tf', provider: 'gcp', text: 'provider "google" {\n  region = "{R}"\n}\n' },
  { file: '.env', provider: 'aws', text: 'AWS_REGION={R}\nBEDROCK_MODEL_ID=anthropic.claude-3-haiku-20240307-v1:0\n' },
  { file: 'app.py', provider: 'aws', text: 'import boto3\n\nrt = boto3.client("bedrock-runtime", region_name="{R}")\nrt.converse(modelId="amazon.nova-lite-v1:0", messages=[])\n' },
  { file: 'vertex.py', provider: 'gcp', text: 'import vertexai\nfrom vertexai.generative_models import GenerativeModel\n\nvertexai.init(project="p", location="{R}")\nm = GenerativeModel("gemini-1.5-pro-002")\n' },
  { file: 'index.ts', provider: 'aws', text: "import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';\n\nconst client = new BedrockRuntimeClient({ region: '{R}' });\nawait client.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [] }));\n" },
  { file: 'main.go', provider: 'aws', text: 'package main\n\nfunc main() {\n\tcfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion("{R}"))\n\t_ = bedrockruntime.NewFromConfig(cfg)\n}\n' },
  { file: 'serverless.yml', provider: 'aws', text: 'service: api\nprovider:\n  name: aws\n  region: {R}\n  environment:\n    MODEL_ID: anthropic.claude-3-haiku-20240307-v1:0\n' },
  { file: 'config.yaml', provider: 'aws', text: 'model_list:\n  - model_name: haiku\n    litellm_params:\n      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0\n      aws_region_name: {R}\n' },
  { file: 'samconfig.toml', provider: 'aws', text: 'version = 0.1\n[default.deploy.parameters]\nstack_name = "app"\nregion = "{R}"\n' },
  { file: 'main.bicep', provider: 'azure', text: "param location string = '{R}'\n\nresource oai 'Microsoft.CognitiveServices/accounts@2023-05-01' = {\n  name: 'oai'\n  location: location\n  kind: 'OpenAI'\n}\n" },
  { file: 'stack.json', provider: 'aws', text: '{\n  "region": "{R}",\n  "modelId": "amazon.nova-lite-v1:0"\n}\n' },
  { file: 'run.sh', provider: 'aws', text: '#!/bin/sh\nexport AWS_REGION={R}\naws bedrock-runtime converse --model-id amazon.nova-lite-v1:0\n' },
];

/** Region spellings code uses: the code, upper case, with an availability-zone suffix, an Azure display name. */
function spellings(region: Region): string[] {
  const out = [region.code, region.code.toUpperCase()];
  if (region.provider === 'aws') out.push(`${region.code}a`);
  if (region.provider === 'gcp') out.push(`${region.code}-b`);
  if (region.provider === 'azure') out.push(region.name);
  return out;
}

export interface GeneratedDocument {
  file: string;
  text: string;
  /** Offset of the region literal. */
  at: number;
  region: string;
}

/** A realistic document around a region of the template's provider, with arbitrary lines before and after. */
export function regionDocument(index: DatasetIndex, noise: fc.Arbitrary<string> = fc.constant('')): fc.Arbitrary<GeneratedDocument> {
  const regions = [...index.regions.values()];
  return fc.constantFrom(...templates).chain((t) => {
    const own = regions.filter((r) => r.provider === t.provider);
    return fc.record({
      spelt: fc.constantFrom(...own).chain((r) => fc.constantFrom(...spellings(r))),
      before: noise,
      after: noise,
    }).map(({ spelt, before, after }) => {
      const head = before ? `${commentOut(t.file, before)}\n` : '';
      const body = t.text.replace('{R}', spelt);
      return { file: t.file, text: head + body + (after ? `\n${commentOut(t.file, after)}\n` : ''), at: head.length + t.text.indexOf('{R}'), region: spelt };
    });
  });
}

/** Noise lines as a comment of the file's syntax (JSON: a string property), so the template stays valid. */
function commentOut(file: string, text: string): string {
  const line = text.replace(/[\r\n\u2028\u2029]/g, ' ').replace(/\*\//g, '* /');
  if (file.endsWith('.json')) return `// ${line}`;
  if (/\.(ts|go|bicep|java)$/.test(file)) return `// ${line}`;
  return `# ${line}`;
}
