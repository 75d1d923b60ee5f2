// Code analysis parses only the calls its passes may read (codeParse.ts readCalls with code.ts callInterest): the
// analysis of every code file must be the same as when every call is parsed, on the fixtures, the samples and
// generated code; and the reader does skip calls (the comparison is not of two identical runs).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { bundledDataset } from '../../src/core/data/bundled';
import { finishFiles, startFile } from '../../src/core/scan/analyze';
import { readEveryCallForTest } from '../../src/core/scan/code';
import { CodeReader, keyWordTable, nameTable, type CallInterest } from '../../src/core/scan/codeParse';
import { lexCFamily } from '../../src/core/scan/lexer-c-family';
import { lexPython } from '../../src/core/scan/lexer-python';
import { detectFamily } from '../../src/core/scan/registry';
import { fixturesDir } from '../fixtures/scan-harness';
import { SNIPPETS } from '../hostile/generators';

const index = bundledDataset();
const repoRoot = join(__dirname, '..', '..');
const codeFamilies = new Set(['python', 'js', 'go', 'java', 'rust', 'powershell', 'notebook']);

/** A file's findings, problems and facts as JSON, with every call parsed or only those of interest. */
function analysed(file: string, text: string, everyCall: boolean): string {
  readEveryCallForTest(everyCall);
  try {
    const result = startFile(index, file, text, false);
    finishFiles([result]);
    return JSON.stringify({ analysis: result.analysis, facts: result.facts });
  } finally {
    readEveryCallForTest(false);
  }
}

function codeFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...codeFiles(path));
    else if (codeFamilies.has(detectFamily(path) ?? '')) files.push(path);
  }
  return files;
}

/** Calls as SDK code writes them, and the shapes the skipping must get right (chains, settings objects, keys). */
const CODE_SNIPPETS = [
  'client = boto3.client("bedrock-runtime", region_name=REGION)\n',
  'session = boto3.Session(region_name="eu-west-1")\ns3 = session.client("s3")\n',
  'cfg = {"region": "us-west-2", "modelId": "amazon.nova-lite-v1:0"}\n',
  'other(cfg)\n',
  'helper(x, y=1)\n',
  'log.info("done %s", x)\n',
  'out = client.converse(modelId=MODEL_ID, messages=[])\n',
  'sorted((x for x in range(3))).client("bedrock-runtime")\n',
  'OpenAI(base_url="http://localhost:8000").chat.completions.create(model="m")\n',
  'const c = new BedrockRuntimeClient({ region: "eu-central-1" });\n',
  'await c.send(new ConverseCommand({ modelId: "anthropic.claude-3-haiku-20240307-v1:0" }));\n',
  'fetch(url).then((r) => r.json()).then(use)\n',
  'wrap(a(b).c(d), { location: "us-central1" })\n',
  'BedrockRuntimeClient.builder().region(Region.US_EAST_1).build()\n',
  'cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-2"))\n',
  'new ConverseRequest(x) { ModelId = "amazon.nova-pro-v1:0" }.Send()\n',
  'vertexai.init(project="p", location="europe-west4")\n',
  'model = GenerativeModel("gemini-1.5-pro-002")\n',
  'def f(a, model="gpt-4o"):\n    return g(a)\n',
  '")".join(parts).client("s3")\n',
];

/** A CDK app's calls (a file importing a CDK module): stack envs, function environments, Bedrock constructs by name. */
const CDK_SNIPPETS = [
  "import * as cdk from 'aws-cdk-lib';\n",
  'from aws_cdk import Stack, Environment\n',
  'new ChatStack(app, "Chat", { env: { region } });\n',
  'new ChatStack(app, "Chat", { env: { account, region: "eu-west-1" } });\n',
  'ChatStack(app, "Chat", env=cdk.Environment(region=REGION))\n',
  'const env = { region };\nnew ChatStack(app, "Chat", { env });\n',
  'new lambda.Function(this, "Fn", { runtime, environment: { TABLE: table.tableName } });\n',
  'fn = _lambda.Function(self, "Fn", environment={"TABLE": table.table_name, "MODEL_ID": MODEL})\n',
  'const m = bedrock.FoundationModel.fromFoundationModelId(this, "M", modelId);\n',
  'new bedrock.BedrockFoundationModel(MODEL_NAME, { supportsAgents: true });\n',
  'agent = bedrock.CfnAgent(self, "A", foundation_model=FOUNDATION)\n',
  'StackProps.builder().env(Environment.builder().region("us-west-2").build()).build();\n',
];

describe('code analysis: parsing only the calls of interest gives the same analysis', function () {
  this.timeout(300_000);

  it('on every code file of the fixtures and the samples', () => {
    const files = [...codeFiles(fixturesDir), ...codeFiles(join(repoRoot, 'samples'))];
    assert.ok(files.length > 50, `${files.length} code files`);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assert.equal(analysed(file, text, false), analysed(file, text, true), file);
    }
  });

  it('on generated code of every language (SDK calls, chains, settings objects, syntax fragments)', () => {
    const names = ['app.py', 'index.ts', 'main.go', 'App.java', 'Program.cs', 'main.rs', 'deploy.ps1'];
    const documents = fc.sample(
      fc.tuple(
        fc.constantFrom(...names),
        fc.array(fc.oneof(fc.constantFrom(...CODE_SNIPPETS), fc.constantFrom(...SNIPPETS)), { maxLength: 30 }),
      ),
      { numRuns: 1500, seed: 1116 },
    );
    for (const [name, parts] of documents) {
      const text = parts.join('');
      assert.equal(analysed(name, text, false), analysed(name, text, true), `${name}: ${JSON.stringify(text)}`);
    }
  });

  it('on generated CDK apps (the CDK pass reads env and environment in any call, and its constructs by name)', () => {
    const names = ['app.py', 'stack.ts', 'Stack.java', 'main.go'];
    const documents = fc.sample(
      fc.tuple(
        fc.constantFrom(...names),
        fc.array(fc.oneof(fc.constantFrom(...CDK_SNIPPETS), fc.constantFrom(...CODE_SNIPPETS), fc.constantFrom(...SNIPPETS)), {
          maxLength: 20,
        }),
      ),
      { numRuns: 600, seed: 1118 },
    );
    for (const [name, parts] of documents) {
      const text = CDK_SNIPPETS[name.endsWith('.py') ? 1 : 0] + parts.join('');
      assert.equal(analysed(name, text, false), analysed(name, text, true), `${name}: ${JSON.stringify(text)}`);
    }
  });
});

describe('code analysis: the calls no pass reads are skipped', () => {
  it('so a file of deeply nested unrelated calls keeps its client, where reading every call runs out of stack', () => {
    const nested = 'f('.repeat(20_000) + '1' + ')'.repeat(20_000);
    for (const [file, client] of [
      ['app.py', 'client = boto3.client("bedrock-runtime", region_name="eu-west-1")'],
      ['app.ts', 'const client = new BedrockRuntimeClient({ region: "eu-west-1" });'],
    ]) {
      const text = `${client}\n${nested}\n`;
      const skipped = JSON.parse(analysed(file, text, false));
      assert.deepEqual(
        [skipped.analysis.problems, skipped.analysis.findings.map((f: { value: string }) => f.value)],
        [[], ['eu-west-1']],
        file,
      );
      const everyCall = JSON.parse(analysed(file, text, true));
      assert.match(JSON.stringify(everyCall.analysis.problems), /nested too deep/, file);
    }
  });
});

describe('code reader: the calls of interest', () => {
  const interest: CallInterest = {
    named: (name) => name === 'client',
    names: nameTable(['client']),
    key: (key) => key === 'region',
    keyWords: keyWordTable(['region']),
    holders: ['cfg'],
  };
  const callsRead = (text: string, lang: 'python' | 'js', wanted?: CallInterest): string[] => {
    const { tokens } = lang === 'python' ? lexPython(text) : lexCFamily(text, lang);
    const reader = new CodeReader(tokens, lang);
    reader.sourceLineStart = (offset) => text.lastIndexOf('\n', offset - 1) + 1;
    return reader
      .readAssignments()
      .readCalls(wanted)
      .calls.map((c) => c.callee);
  };

  it('reads calls by name, with a key or a settings object inside, and those a kept call is chained on', () => {
    const text = [
      'log.info("x")',
      'boto3.client("s3")',
      'helper(a, region="eu-west-1")',
      'other(cfg)',
      'wrap(inner(1), 2)',
      'build(a).part(b).client("bedrock-runtime")',
      'x = unrelated(1)',
    ].join('\n');
    assert.deepEqual(callsRead(text, 'python', interest), ['boto3.client', 'helper', 'other', 'build', 'part', 'client', 'unrelated']);
    assert.deepEqual(callsRead(text, 'python'), [
      'log.info',
      'boto3.client',
      'helper',
      'other',
      'wrap',
      'inner',
      'build',
      'part',
      'client',
      'unrelated',
    ]);
  });

  it('gives the assignments in the order of their starts (a settings class finds its fields by a search)', () => {
    const texts: string[][] = fc.sample(
      fc.array(fc.oneof(fc.constantFrom(...CODE_SNIPPETS), fc.constantFrom(...SNIPPETS)), { maxLength: 30 }),
      {
        numRuns: 500,
        seed: 1117,
      },
    );
    texts.push(['x: str = "a"\nclass A:\n    y: int = 1\n    z = w = 2\n'], ['let name: &\'static str = "m"; let b = 1;']);
    for (const parts of texts) {
      const text = parts.join('');
      for (const lang of ['python', 'js', 'go', 'rust'] as const) {
        const { tokens } = lang === 'python' ? lexPython(text) : lexCFamily(text, lang);
        const reader = new CodeReader(tokens, lang);
        reader.sourceLineStart = (offset) => text.lastIndexOf('\n', offset - 1) + 1;
        const starts = reader.read().assignments.map((a) => a.start);
        assert.ok(
          starts.every((start, k) => k === 0 || start > starts[k - 1]),
          `${lang}: ${JSON.stringify(text)}`,
        );
      }
    }
  });

  it('finds a key it reads in any case, and keeps every call before a chain on a string that reads as a bracket', () => {
    const anyCase: CallInterest = { ...interest, key: (key) => /region/i.test(key) };
    assert.deepEqual(callsRead('log(1)\nhelper(a, REGION_NAME="eu-west-1")\nother(b, zone=1)\n', 'python', anyCase), ['helper']);
    // callAt reads the string `")"` as the bracket the client is chained on: the call ending there may be any before it
    assert.deepEqual(callsRead('f(1)\ng(2)\n")".client("bedrock-runtime")\nh(3)\n', 'python', interest), ['f', 'g', 'client']);
  });

  it('refuses key words its search would miss: more than 32, or other than lower-case ASCII letters', () => {
    assert.throws(() => keyWordTable(Array.from({ length: 33 }, (_, n) => `w${'a'.repeat(n)}`)), /33 words, at most 32/);
    assert.throws(() => keyWordTable(['Region']), /"Region" is not lower-case ASCII letters/);
    assert.throws(() => keyWordTable(['model_id']), /"model_id"/);
    assert.doesNotThrow(() => keyWordTable(Array.from({ length: 32 }, (_, n) => `w${'a'.repeat(n)}`)));
  });

  it('reads every call where the brackets do not pair up', () => {
    const text = 'log.info("x"\nhelper(a)\nboto3.client("s3")';
    assert.deepEqual(callsRead(text, 'python', interest), callsRead(text, 'python'));
  });
});
