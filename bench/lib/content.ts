// Text generators per format: realistic filler (what most of a repository is) with region and model settings at
// realistic densities (what GridLens looks for), written block by block until a target size is reached.
import type { Rng } from './rng';

export const AWS_REGIONS = [
  'us-east-1',
  'us-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'us-west-2',
  'us-west-1',
  'eu-west-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-south-1',
  'ca-central-1',
  'sa-east-1',
];
export const GCP_REGIONS = [
  'us-central1',
  'us-central1',
  'us-east4',
  'us-west1',
  'europe-west1',
  'europe-west4',
  'europe-north1',
  'asia-southeast1',
  'asia-northeast1',
  'australia-southeast1',
];
export const AZURE_REGIONS = [
  'eastus',
  'eastus2',
  'westeurope',
  'swedencentral',
  'northeurope',
  'uksouth',
  'francecentral',
  'japaneast',
  'westus3',
];
export const BEDROCK_MODELS = [
  'anthropic.claude-3-haiku-20240307-v1:0',
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'anthropic.claude-3-5-haiku-20241022-v1:0',
  'eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
  'us.anthropic.claude-3-5-haiku-20241022-v1:0',
  'meta.llama3-1-70b-instruct-v1:0',
  'meta.llama3-8b-instruct-v1:0',
  'amazon.nova-pro-v1:0',
  'amazon.nova-lite-v1:0',
  'mistral.mistral-large-2407-v1:0',
  'cohere.command-r-plus-v1:0',
];
export const EMBED_MODELS = ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3'];
export const VERTEX_MODELS = ['gemini-2.0-flash-001', 'gemini-1.5-pro-002', 'gemini-2.5-flash', 'gemini-1.5-flash-002'];
export const OPENAI_MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini'];
export const HF_MODELS = ['meta-llama/Llama-3.1-8B-Instruct', 'Qwen/Qwen2.5-7B-Instruct', 'mistralai/Mistral-7B-Instruct-v0.3'];
export const LITELLM_MODELS = [
  'bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0',
  'bedrock/converse/eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
  'vertex_ai/gemini-2.0-flash-001',
  'openai/gpt-4o-mini',
  'bedrock/meta.llama3-1-70b-instruct-v1:0',
];

/** Appends blocks from `block` until the text reaches `bytes` characters (ASCII output, so characters = bytes). */
function fill(parts: string[], bytes: number, block: () => string): string {
  let size = parts.reduce((n, p) => n + p.length, 0);
  while (size < bytes) {
    const b = block();
    parts.push(b);
    size += b.length;
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------------------
// Terraform

export function terraform(rng: Rng, bytes: number, opts: { hits: number }): string {
  const name = () => rng.ident(2);
  const filler = (): string => {
    switch (rng.int(0, 5)) {
      case 0: {
        const n = name();
        return `resource "aws_security_group" "${n}" {\n  name        = "${n.replace(/_/g, '-')}-sg"\n  description = "${rng.sentence()}"\n  vpc_id      = module.vpc.vpc_id\n\n  ingress {\n    from_port   = ${rng.pick([80, 443, 5432, 6379, 8080])}\n    to_port     = ${rng.pick([80, 443, 5432, 6379, 8080])}\n    protocol    = "tcp"\n    cidr_blocks = ["10.${rng.int(0, 255)}.0.0/16"]\n  }\n\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n\n  tags = local.tags\n}\n\n`;
      }
      case 1: {
        const n = name();
        return `resource "aws_iam_policy" "${n}" {\n  name   = "${n}"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      {\n        Effect   = "Allow"\n        Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]\n        Resource = "arn:aws:dynamodb:\${var.region}:\${data.aws_caller_identity.current.account_id}:table/${n}"\n      },\n      {\n        Effect   = "Allow"\n        Action   = ["s3:GetObject"]\n        Resource = "arn:aws:s3:::${n.replace(/_/g, '-')}/*"\n      },\n    ]\n  })\n}\n\n`;
      }
      case 2: {
        const n = name();
        return `resource "aws_lambda_function" "${n}" {\n  function_name = "${n}"\n  role          = aws_iam_role.${name()}.arn\n  handler       = "app.handler"\n  runtime       = "python3.12"\n  timeout       = ${rng.int(3, 900)}\n  memory_size   = ${rng.pick([128, 256, 512, 1024])}\n  filename      = "\${path.module}/build/${n}.zip"\n\n  environment {\n    variables = {\n      TABLE_NAME = aws_dynamodb_table.${name()}.name\n      LOG_LEVEL  = "${rng.pick(['INFO', 'DEBUG', 'WARN'])}"\n    }\n  }\n}\n\n`;
      }
      case 3: {
        const n = name();
        return `variable "${n}" {\n  description = "${rng.sentence()}"\n  type        = ${rng.pick(['string', 'number', 'bool', 'list(string)'])}\n  default     = ${rng.pick(['"standard"', '3', 'true', '[]', '"PAY_PER_REQUEST"'])}\n}\n\n`;
      }
      case 4: {
        const n = name();
        return `resource "aws_dynamodb_table" "${n}" {\n  name         = "${n}"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "pk"\n  range_key    = "sk"\n\n  attribute {\n    name = "pk"\n    type = "S"\n  }\n\n  attribute {\n    name = "sk"\n    type = "S"\n  }\n\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n\n`;
      }
      default:
        return `# ${rng.sentence(8, 20)}\nmodule "${name()}" {\n  source  = "terraform-aws-modules/${rng.pick(['vpc', 'eks', 's3-bucket', 'rds'])}/aws"\n  version = "~> ${rng.int(3, 20)}.${rng.int(0, 9)}"\n  name    = "${name()}"\n  tags    = local.tags\n}\n\n`;
    }
  };
  const hit = (): string => {
    switch (rng.int(0, 5)) {
      case 0:
        return `provider "aws" {\n  region = var.region\n}\n\nvariable "region" {\n  description = "AWS region for the stack"\n  type        = string\n  default     = "${rng.pick(AWS_REGIONS)}"\n}\n\n`;
      case 1:
        return `resource "aws_bedrockagent_agent" "${name()}" {\n  agent_name              = "${name()}"\n  agent_resource_role_arn = aws_iam_role.agent.arn\n  foundation_model        = "${rng.pick(BEDROCK_MODELS)}"\n  instruction             = "${rng.sentence(10, 20)}"\n}\n\n`;
      case 2:
        return `provider "google" {\n  project = var.project\n  region  = "${rng.pick(GCP_REGIONS)}"\n}\n\n`;
      case 3:
        return `resource "azurerm_cognitive_account" "${name()}" {\n  name                = "${name()}"\n  location            = "${rng.pick(AZURE_REGIONS)}"\n  resource_group_name = azurerm_resource_group.main.name\n  kind                = "OpenAI"\n  sku_name            = "S0"\n}\n\n`;
      case 4:
        return `resource "aws_s3_bucket" "${name()}" {\n  bucket = "acme-${rng.hex(6)}-${rng.pick(AWS_REGIONS)}"\n  # replicated to ${rng.pick(AWS_REGIONS)} by the backup plan\n}\n\n`;
      default:
        return `provider "aws" {\n  alias  = "${rng.pick(['replica', 'dr', 'bedrock'])}"\n  region = "${rng.pick(AWS_REGIONS)}"\n}\n\n`;
    }
  };
  const parts = [`# ${rng.sentence()}\n\n`];
  for (let i = 0; i < opts.hits; i++) parts.push(hit());
  return fill(parts, bytes, filler);
}

export function tfvars(rng: Rng): string {
  const lines = [`region = "${rng.pick(AWS_REGIONS)}"`, `environment = "${rng.pick(['dev', 'staging', 'prod'])}"`];
  if (rng.chance(0.4)) lines.push(`agent_model = "${rng.pick(BEDROCK_MODELS)}"`);
  lines.push(`instance_count = ${rng.int(1, 9)}`, `tags = { team = "${rng.ident(1)}" }`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// YAML: Kubernetes, CloudFormation, LiteLLM, compose

export function k8s(rng: Rng, bytes: number, opts: { hits: number }): string {
  let hits = opts.hits;
  const doc = (): string => {
    const n = rng.ident(2).replace(/_/g, '-');
    const env: string[] = [];
    for (let i = rng.int(2, 8); i > 0; i--)
      env.push(
        `            - name: ${rng.ident(2).toUpperCase()}\n              value: "${rng.pick(['true', 'false', '30', 'info', rng.ident(1)])}"`,
      );
    if (hits > 0) {
      hits--;
      env.push(`            - name: AWS_REGION\n              value: ${rng.pick(AWS_REGIONS)}`);
      if (rng.chance(0.5)) env.push(`            - name: BEDROCK_MODEL_ID\n              value: ${rng.pick(BEDROCK_MODELS)}`);
    }
    return `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${n}\n  labels:\n    app.kubernetes.io/name: ${n}\n    app.kubernetes.io/part-of: ${rng.ident(1)}\nspec:\n  replicas: ${rng.int(1, 6)}\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${n}\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: ${n}\n    spec:\n      serviceAccountName: ${n}\n      containers:\n        - name: ${n}\n          image: 123456789012.dkr.ecr.${rng.pick(AWS_REGIONS)}.amazonaws.com/${n}:${rng.int(1, 9)}.${rng.int(0, 20)}.${rng.int(0, 9)}\n          ports:\n            - containerPort: ${rng.pick([8080, 3000, 8000])}\n          env:\n${env.join('\n')}\n          resources:\n            requests:\n              cpu: ${rng.int(100, 900)}m\n              memory: ${rng.int(128, 2048)}Mi\n            limits:\n              memory: ${rng.int(256, 4096)}Mi\n          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: http\n            periodSeconds: 10\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${n}\nspec:\n  selector:\n    app.kubernetes.io/name: ${n}\n  ports:\n    - port: 80\n      targetPort: http\n`;
  };
  return fill([], bytes, doc);
}

export function cloudformation(rng: Rng, bytes: number, opts: { hits: number }): string {
  const parts = [
    `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nDescription: >\n  ${rng.sentence(10, 20)}\n\nParameters:\n  BedrockRegion:\n    Type: String\n    Default: ${rng.pick(AWS_REGIONS)}\n    AllowedValues: [us-east-1, us-west-2, eu-west-1, eu-central-1]\n  ModelId:\n    Type: String\n    Default: ${rng.pick(BEDROCK_MODELS)}\n\nGlobals:\n  Function:\n    Runtime: python3.12\n    Timeout: 30\n\nResources:\n`,
  ];
  let hits = opts.hits;
  const resource = (): string => {
    const n = rng
      .ident(2)
      .replace(/_(\w)/g, (_, c: string) => c.toUpperCase())
      .replace(/^\w/, (c) => c.toUpperCase());
    if (hits > 0 && rng.chance(0.5)) {
      hits--;
      return `  ${n}Function:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Environment:\n        Variables:\n          BEDROCK_REGION: !Ref BedrockRegion\n          MODEL_ID: !Ref ModelId\n          SES_REGION: ${rng.pick(AWS_REGIONS)}\n      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: bedrock:InvokeModel\n              Resource: !Sub arn:aws:bedrock:\${AWS::Region}::foundation-model/\${ModelId}\n\n`;
    }
    return `  ${n}Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n      Tags:\n        - Key: team\n          Value: ${rng.ident(1)}\n\n  ${n}Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: ${rng.int(30, 900)}\n      MessageRetentionPeriod: 345600\n\n`;
  };
  return fill(parts, bytes, resource);
}

export function litellm(rng: Rng, entries: number): string {
  const out = ['# LiteLLM proxy\nmodel_list:\n'];
  for (let i = 0; i < entries; i++) {
    const model = rng.pick(LITELLM_MODELS);
    const where = model.startsWith('bedrock/')
      ? `      aws_region_name: ${rng.pick(AWS_REGIONS)}\n`
      : model.startsWith('vertex_ai/')
        ? `      vertex_project: acme-${rng.ident(1)}\n      vertex_location: ${rng.pick(GCP_REGIONS)}\n`
        : '';
    out.push(`  - model_name: ${rng.ident(1)}-${i}\n    litellm_params:\n      model: ${model}\n${where}`);
  }
  out.push('\nrouter_settings:\n  num_retries: 2\n  timeout: 30\n');
  return out.join('');
}

export function compose(rng: Rng, services: number, hit: boolean): string {
  const out = ['services:\n'];
  for (let i = 0; i < services; i++) {
    const n = rng.ident(1);
    out.push(
      `  ${n}${i}:\n    image: ghcr.io/acme/${n}:${rng.int(1, 9)}.${rng.int(0, 9)}\n    restart: unless-stopped\n    environment:\n      - LOG_LEVEL=info\n      - PORT=${rng.int(3000, 9000)}\n`,
    );
    if (hit && i === 0)
      out.push(`      - AWS_REGION=\${AWS_REGION:-${rng.pick(AWS_REGIONS)}}\n      - BEDROCK_MODEL_ID=${rng.pick(BEDROCK_MODELS)}\n`);
    out.push(`    depends_on: [db]\n`);
  }
  out.push(`  db:\n    image: postgres:16\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata: {}\n`);
  return out.join('');
}

/** Plain YAML config (CI, app settings) without any region: most YAML in a repository. */
export function plainYaml(rng: Rng, bytes: number): string {
  const block = (): string =>
    `${rng.ident(2)}:\n  enabled: ${rng.chance(0.5)}\n  retries: ${rng.int(0, 9)}\n  description: "${rng.sentence()}"\n  items:\n    - ${rng.ident(1)}\n    - ${rng.ident(1)}\n    - ${rng.ident(1)}\n  nested:\n    ${rng.ident(1)}: ${rng.int(0, 10000)}\n    ${rng.ident(1)}: "${rng.ident(2)}"\n`;
  return fill([], bytes, block);
}

// ---------------------------------------------------------------------------------------------------------
// JSON

export function packageJson(rng: Rng, name: string): string {
  const deps: Record<string, string> = {};
  for (let i = rng.int(3, 15); i > 0; i--)
    deps[`${rng.pick(['@acme/', '', '', '@types/'])}${rng.ident(1)}-${rng.ident(1)}`] =
      `^${rng.int(0, 12)}.${rng.int(0, 30)}.${rng.int(0, 9)}`;
  return `${JSON.stringify({ name, version: `${rng.int(0, 3)}.${rng.int(0, 20)}.${rng.int(0, 9)}`, private: true, scripts: { build: 'tsc -p .', test: 'vitest run', lint: 'eslint .' }, dependencies: deps }, null, 2)}\n`;
}

export function appSettingsJson(rng: Rng, bytes: number, hit: boolean): string {
  const obj: Record<string, unknown> = {};
  if (hit) obj.bedrock = { region: rng.pick(AWS_REGIONS), modelId: rng.pick(BEDROCK_MODELS), maxTokens: 1024 };
  let size = 0;
  while (size < bytes) {
    const key = rng.ident(2);
    const value = { enabled: rng.chance(0.5), threshold: rng.int(0, 1000), label: rng.sentence(3, 8), tags: [rng.ident(1), rng.ident(1)] };
    obj[key] = value;
    size += key.length + 110;
  }
  return `${JSON.stringify(obj, null, 2)}\n`;
}

/** i18n message catalogues: big, flat and region-free. */
export function messagesJson(rng: Rng, bytes: number): string {
  const obj: Record<string, string> = {};
  let size = 0;
  while (size < bytes) {
    const key = `${rng.ident(1)}.${rng.ident(2)}.${rng.int(0, 999)}`;
    const value = rng.sentence(4, 18);
    obj[key] = value;
    size += key.length + value.length + 10;
  }
  return `${JSON.stringify(obj, null, 2)}\n`;
}

export function cfnJson(rng: Rng, bytes: number): string {
  const resources: Record<string, unknown> = {};
  let size = 0;
  while (size < bytes) {
    const n = `${rng.ident(1)}${rng.int(0, 99999)}`;
    resources[n] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Handler: 'index.handler',
        Runtime: 'nodejs20.x',
        MemorySize: rng.pick([128, 256, 512]),
        Environment: {
          Variables: {
            TABLE: rng.ident(2),
            STAGE: 'prod',
            ...(rng.chance(0.02) ? { AWS_BEDROCK_REGION: rng.pick(AWS_REGIONS), MODEL_ID: rng.pick(BEDROCK_MODELS) } : {}),
          },
        },
        Role: { 'Fn::GetAtt': [`${n}Role`, 'Arn'] },
      },
    };
    size += 420;
  }
  return `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 1)}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Python, TypeScript

export function python(rng: Rng, bytes: number, opts: { hits: number }): string {
  const parts = [
    `"""${rng.sentence()}\n\n${rng.sentence(10, 25)}\n"""\nimport json\nimport logging\nimport os\nfrom dataclasses import dataclass\nfrom typing import Any, Optional\n\nimport boto3\n\nlogger = logging.getLogger(__name__)\n\n`,
  ];
  for (let i = 0; i < opts.hits; i++) {
    switch (rng.int(0, 3)) {
      case 0:
        parts.push(
          `bedrock = boto3.client("bedrock-runtime", region_name=os.getenv("AWS_REGION", "${rng.pick(AWS_REGIONS)}"))\nMODEL_ID = os.getenv("BEDROCK_MODEL_ID", "${rng.pick(BEDROCK_MODELS)}")\n\n\ndef ask_${rng.ident(1)}(prompt: str) -> str:\n    response = bedrock.converse(modelId=MODEL_ID, messages=[{"role": "user", "content": [{"text": prompt}]}])\n    return response["output"]["message"]["content"][0]["text"]\n\n\n`,
        );
        break;
      case 1:
        parts.push(
          `import vertexai\nfrom vertexai.generative_models import GenerativeModel\n\nvertexai.init(project="acme-${rng.ident(1)}", location="${rng.pick(GCP_REGIONS)}")\n${rng.ident(1)}_model = GenerativeModel("${rng.pick(VERTEX_MODELS)}")\n\n\n`,
        );
        break;
      case 2:
        parts.push(
          `from openai import OpenAI\n\nopenai_client = OpenAI()\n\n\ndef complete(prompt: str) -> str:\n    out = openai_client.chat.completions.create(model="${rng.pick(OPENAI_MODELS)}", messages=[{"role": "user", "content": prompt}])\n    return out.choices[0].message.content\n\n\n`,
        );
        break;
      default:
        parts.push(`s3 = boto3.client("s3", region_name="${rng.pick(AWS_REGIONS)}")  # bucket lives in ${rng.pick(AWS_REGIONS)}\n\n\n`);
    }
  }
  const block = (): string => {
    const n = rng.ident(2);
    const cls = n.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase());
    if (rng.chance(0.4)) {
      return `@dataclass\nclass ${cls}:\n    """${rng.sentence()}"""\n\n    ${rng.ident(1)}: str\n    ${rng.ident(1)}: int = 0\n    ${rng.ident(1)}: Optional[str] = None\n\n    def to_dict(self) -> dict[str, Any]:\n        return {"${rng.ident(1)}": self.${rng.ident(1)}, "kind": "${n}"}\n\n\n`;
    }
    return `def ${n}(${rng.ident(1)}: dict[str, Any], limit: int = ${rng.int(1, 100)}) -> list[str]:\n    """${rng.sentence()}"""\n    results: list[str] = []\n    for key, value in ${rng.ident(1)}.items():\n        if len(results) >= limit:\n            break\n        if value is None:\n            logger.debug("skipping %s", key)\n            continue\n        results.append(f"{key}={json.dumps(value)}")\n    return results\n\n\n`;
  };
  return fill(parts, bytes, block);
}

export function typescript(rng: Rng, bytes: number, opts: { hits: number }): string {
  const parts = [`// ${rng.sentence()}\nimport { z } from 'zod';\nimport type { ${rng.ident(1)} } from './types';\n\n`];
  for (let i = 0; i < opts.hits; i++) {
    switch (rng.int(0, 2)) {
      case 0:
        parts.push(
          `import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';\n\nconst client = new BedrockRuntimeClient({ region: process.env.AWS_REGION ?? '${rng.pick(AWS_REGIONS)}' });\n\nexport async function ask(prompt: string) {\n  return client.send(new ConverseCommand({ modelId: '${rng.pick(BEDROCK_MODELS)}', messages: [{ role: 'user', content: [{ text: prompt }] }] }));\n}\n\n`,
        );
        break;
      case 1:
        parts.push(
          `import { VertexAI } from '@google-cloud/vertexai';\n\nconst vertex = new VertexAI({ project: 'acme-${rng.ident(1)}', location: '${rng.pick(GCP_REGIONS)}' });\nexport const model = vertex.getGenerativeModel({ model: '${rng.pick(VERTEX_MODELS)}' });\n\n`,
        );
        break;
      default:
        parts.push(
          `import { S3Client } from '@aws-sdk/client-s3';\n\nexport const s3 = new S3Client({ region: '${rng.pick(AWS_REGIONS)}' });\n\n`,
        );
    }
  }
  const block = (): string => {
    const n = rng.ident(2).replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
    const T = n.replace(/^\w/, (c) => c.toUpperCase());
    if (rng.chance(0.5)) {
      return `export const ${T}Schema = z.object({\n  id: z.string().uuid(),\n  ${rng.ident(1)}: z.string().min(1),\n  ${rng.ident(1)}: z.number().int().nonnegative(),\n  createdAt: z.string().datetime(),\n});\nexport type ${T} = z.infer<typeof ${T}Schema>;\n\n`;
    }
    return `/** ${rng.sentence()} */\nexport async function ${n}(input: Record<string, unknown>, options: { limit?: number } = {}): Promise<string[]> {\n  const limit = options.limit ?? ${rng.int(1, 100)};\n  const out: string[] = [];\n  for (const [key, value] of Object.entries(input)) {\n    if (out.length >= limit) break;\n    if (value === undefined || value === null) continue;\n    out.push(\`\${key}=\${JSON.stringify(value)}\`);\n  }\n  return out;\n}\n\n`;
  };
  return fill(parts, bytes, block);
}

/** A minified bundle: one very long line of dense JavaScript, with a few strings that look like settings. */
export function minifiedJs(rng: Rng, bytes: number): string {
  const parts = ['!function(){"use strict";'];
  const block = (): string => {
    const a = rng.hex(2);
    const b = rng.hex(2);
    if (rng.chance(0.002)) return `var r${a}={region:"${rng.pick(AWS_REGIONS)}",modelId:"${rng.pick(BEDROCK_MODELS)}"};`;
    return `function ${a}${b}(e,t){var n=e.length,o=0;for(;o<n;o++)if(e[o]===t)return o;return-1}var ${b}${a}=[${rng.int(0, 999)},${rng.int(0, 999)},"${rng.ident(1)}"],q${a}={k:"${rng.ident(2)}",v:${rng.int(0, 1e6)}};`;
  };
  return `${fill(parts, bytes - 6, block)}}();\n`;
}

export function dotenv(rng: Rng, hit: boolean): string {
  const lines = [
    `# ${rng.sentence()}`,
    `LOG_LEVEL=info`,
    `PORT=${rng.int(3000, 9000)}`,
    `DATABASE_URL=postgres://app:app@localhost:5432/${rng.ident(1)}`,
  ];
  if (hit) {
    lines.push(`AWS_REGION=${rng.pick(AWS_REGIONS)}`, `BEDROCK_MODEL_ID=${rng.pick(BEDROCK_MODELS)}`);
    if (rng.chance(0.3)) lines.push(`GOOGLE_CLOUD_LOCATION=${rng.pick(GCP_REGIONS)}`, `VERTEX_MODEL="${rng.pick(VERTEX_MODELS)}"`);
  }
  lines.push(`FEATURE_${rng.ident(1).toUpperCase()}=true`);
  return `${lines.join('\n')}\n`;
}

/** A file that is mostly binary (a PNG-like header then noise with NUL bytes). */
export function binary(rng: Rng, bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  for (let i = 8; i < bytes; i += 4) out.writeUInt32LE((Math.floor(rng.next() * 0x100000000) & 0xff00ffff) >>> 0, Math.min(i, bytes - 4));
  return out;
}
