// The scan prefilter (src/core/scan/prefilter.ts) must not change the answer: the whole JSON report of `gridlens scan`
// is byte for byte the same with and without it (--no-prefilter) on every fixture folder, the samples and workspaces
// of the property tests' generated documents; and the comparison can fail (no words to look for: some report changes).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { runScan } from '../../src/cli/scan';
import { nodeFiles } from '../../src/cli/nodeFiles';
import { listCandidates } from '../../src/core/scan/pipeline';
import { bundledDataset } from '../../src/core/data/bundled';
import { analyzeDocument } from '../../src/core/scan/analyze';
import { detectFamily } from '../../src/core/scan/registry';
import { ignoreRules } from '../../src/core/scan/ignore';
import { modelShapes, regionInText } from '../../src/core/scan/patterns';
import { mayHoldFinding, setPrefilterWordsForTest } from '../../src/core/scan/prefilter';
import { requiredWords } from '../../src/core/scan/expressionWords';
import { yamlFactWordsOf } from '../../src/core/scan/yamlConfig';
import { fixturesDir } from '../fixtures/scan-harness';
import { anyText, FILE_NAMES, regionDocument, SNIPPETS, tokenSoup } from '../hostile/generators';

const index = bundledDataset();
const repoRoot = join(__dirname, '..', '..');

async function jsonReport(root: string, extra: string[] = []): Promise<string> {
  let out = '';
  await runScan(
    [root, '--format', 'json', '--include-tests', ...extra],
    {
      stdout: (t) => {
        out += t;
      },
      stderr: () => undefined,
      stderrIsTTY: false,
      cwd: root,
    },
    index,
  );
  return out;
}

/** Every folder the comparison runs on: each fixture folder on its own (as a user opens it), and samples/. */
const roots = (): string[] => [
  ...readdirSync(fixturesDir)
    .map((d) => join(fixturesDir, d))
    .filter((d) => statSync(d).isDirectory()),
  join(repoRoot, 'samples'),
];

/** Files of `root` the prefilter keeps from being parsed. */
async function skipped(root: string): Promise<string[]> {
  const { candidates } = await listCandidates(nodeFiles(root), [{ path: '.' }], ignoreRules('', {}));
  return candidates.filter((path) => !mayHoldFinding(index, path, detectFamily(path) ?? 'json', readFileSync(join(root, path), 'utf8')));
}

function workspace(files: Array<{ path: string; text: string }>): string {
  const root = mkdtempSync(join(tmpdir(), 'gridlens-prefilter-'));
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
  return root;
}

/** A client whose region comes from TARGET, which only a YAML file of the workspace sets (to a value the .env file supplies). */
const readsTarget = [
  {
    path: 'app/main.py',
    text: 'import os, boto3\nclient = boto3.client("bedrock-runtime", region_name=os.environ.get("TARGET", os.environ["AWS_REGION"]))\nclient.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0")\n',
  },
  { path: '.env', text: 'DEPLOY_TARGET=eu-west-1\n' },
];

describe('scan prefilter: the report is the same without it', function () {
  this.timeout(300_000);

  it('on every fixture folder and the samples, byte for byte; and it does skip files there', async () => {
    let skips = 0;
    for (const root of roots()) {
      assert.equal(await jsonReport(root), await jsonReport(root, ['--no-prefilter']), `report of ${root} changed by the prefilter`);
      skips += (await skipped(root)).length;
    }
    // the comparison would prove nothing if every file were read anyway
    assert.ok(skips > 0, 'the prefilter skipped no fixture file');
  });

  it("on workspaces of the property tests' generated documents (60 workspaces of up to 8 files)", async () => {
    const names = [...FILE_NAMES, 'src/settings.py', 'web/config.ts', 'svc/.env', 'infra/variables.tf', 'package.json'];
    const file = fc.oneof(
      fc.record({
        path: fc.constantFrom(...names),
        text: fc.oneof(
          tokenSoup(60),
          anyText(300),
          fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 12 }).map((p) => p.join(' ')),
        ),
      }),
      regionDocument(index, fc.oneof(fc.constant(''), tokenSoup(8))).map((d) => ({ path: d.file, text: d.text })),
    );
    const workspaces = fc.sample(fc.uniqueArray(file, { minLength: 1, maxLength: 8, selector: (f) => f.path }), {
      numRuns: 60,
      seed: 1616,
    });
    for (const files of workspaces) {
      const root = workspace(files);
      try {
        assert.equal(
          await jsonReport(root),
          await jsonReport(root, ['--no-prefilter']),
          `report changed by the prefilter for ${JSON.stringify(files).slice(0, 2000)}`,
        );
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  });

  it('reads a YAML or JSON file that names no region and no model but sets a value another file reads (the report depends on it)', async () => {
    const traps = [
      { path: 'docker-compose.yml', text: 'services:\n  app:\n    build: ./app\n    environment:\n      TARGET: ${DEPLOY_TARGET}\n' },
      {
        path: 'deploy/app.yaml',
        text: 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: TARGET\n              value: $(DEPLOY_TARGET)\n',
      },
      {
        path: '.github/workflows/ci.yml',
        text: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: TARGET=$DEPLOY_TARGET python app/main.py\n',
      },
      // the function's scope sets AWS_REGION, which the client reads when TARGET is not set
      { path: 'app/serverless.yml', text: 'service: api\nfunctions:\n  main:\n    handler: main.handler\n' },
      {
        path: 'app/template.yaml',
        text: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Main:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: main.handler\n',
      },
      // a served model named by its id only
      {
        path: 'k8s/serve.yaml',
        text: 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: s\n      args: [vllm serve acme/chat-7b]\n',
      },
      {
        path: 'k8s/isvc.yaml',
        text: 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nspec:\n  predictor:\n    storageUri: hf://acme/chat-7b\n',
      },
      // a JSON template is read by the same markers
      { path: 'template.json', text: '{"Resources": {"Main": {"Type": "AWS::Lambda::Function", "Properties": {"CodeUri": "app/"}}}}\n' },
    ];
    for (const trap of traps) {
      assert.ok(mayHoldFinding(index, trap.path, detectFamily(trap.path) ?? 'yaml', trap.text), `${trap.path} is skipped`);
      const root = workspace([...readsTarget, trap]);
      const without = workspace(readsTarget);
      try {
        const report = await jsonReport(root);
        assert.equal(report, await jsonReport(root, ['--no-prefilter']), `report changed by the prefilter with ${trap.path}`);
        // the trap is one: without the YAML file the report differs
        assert.notEqual(report.replaceAll(root, ''), (await jsonReport(without)).replaceAll(without, ''), `${trap.path} changes nothing`);
      } finally {
        rmSync(root, { recursive: true, force: true });
        rmSync(without, { recursive: true, force: true });
      }
    }
  });

  it("reads a YAML file by each YAML detector's own fact words (the keys and markers it reads with), and the file needs them", async () => {
    // files that name no region and no model: what each detector records from them changes the report
    const pod = (container: string) => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: s\n${container}`;
    const traps: Record<string, Array<{ path: string; text: string }>> = {
      ci: [
        {
          path: '.github/workflows/ci.yml',
          text: 'on: push\njobs:\n  test:\n    steps:\n      - run: TARGET=$DEPLOY_TARGET python app/main.py\n',
        },
        { path: '.github/workflows/env.yml', text: 'on: push\njobs:\n  test:\n    env:\n      TARGET: $DEPLOY_TARGET\n' },
        { path: '.gitlab-ci.yml', text: 'variables:\n  TARGET: $DEPLOY_TARGET\ntest:\n  script:\n    - python app/main.py\n' },
      ],
      compose: [
        { path: 'docker-compose.yml', text: 'services:\n  app:\n    build: ./app\n    environment:\n      - TARGET=${DEPLOY_TARGET}\n' },
      ],
      kubernetes: [
        { path: 'k8s/app.yaml', text: pod('      env:\n        - name: TARGET\n          value: ${DEPLOY_TARGET}\n') },
        { path: 'chart/values.yaml', text: 'extraEnv:\n  - name: TARGET\n    value: ${DEPLOY_TARGET}\n' },
        {
          path: 'k8s/isvc.yaml',
          text: 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nspec:\n  predictor:\n    storageUri: hf://acme/chat-7b\n',
        },
      ],
      commands: [
        { path: 'k8s/serve.yaml', text: pod('      args: [hf download acme/chat-7b]\n') },
        { path: 'k8s/pull.yaml', text: pod('      command: [huggingface-cli, download, acme/chat-7b]\n') },
        { path: 'deploy.yaml', text: pod('      args: ["gcloud run deploy api --source app --set-env-vars TARGET=$DEPLOY_TARGET"]\n') },
        // a misspelt location: an unknown region, with the closest one suggested
        {
          path: '.github/workflows/infra.yml',
          text: 'on: push\njobs:\n  infra:\n    steps:\n      - run: az group create -n rg -l westeuropa\n',
        },
      ],
      serverless: [{ path: 'app/sls.yml', text: 'service: api\nprovider:\n  name: aws\nfunctions:\n  main:\n    handler: main.handler\n' }],
      cloudformation: [
        {
          path: 'app/template.yaml',
          text: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Main:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: main.handler\n',
        },
        {
          path: 'template.yaml',
          text: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Main:\n    Type: AWS::Lambda::Function\n    Properties:\n      CodeUri: app/\n',
        },
      ],
      // a model the SQL names, whatever its spelling
      toolbox: [
        {
          path: 'tools.yaml',
          text: "sources:\n  db:\n    kind: alloydb-postgres\ntools:\n  find:\n    source: db\n    statement: SELECT id FROM t ORDER BY v <-> embedding('textembed', $1)\n",
        },
      ],
    };
    assert.deepEqual(Object.keys(traps).sort(), Object.keys(yamlFactWordsOf).sort(), 'a detector whose words no file here needs');
    try {
      for (const [detector, files] of Object.entries(traps)) {
        for (const trap of files) {
          const root = workspace([...readsTarget, trap]);
          try {
            const unfiltered = await jsonReport(root, ['--no-prefilter']);
            // the detector's own words let the file through: the report is the one without the prefilter
            setPrefilterWordsForTest({ yamlFacts: yamlFactWordsOf[detector] });
            assert.equal(await jsonReport(root), unfiltered, `${trap.path} is skipped with the ${detector} words`);
            // without any, it is skipped, and the report is not that one
            setPrefilterWordsForTest({ yamlFacts: [] });
            assert.notEqual(await jsonReport(root), unfiltered, `${trap.path} is needed by no fact word`);
          } finally {
            setPrefilterWordsForTest(undefined);
            rmSync(root, { recursive: true, force: true });
          }
        }
      }
    } finally {
      setPrefilterWordsForTest(undefined);
    }
  });

  it("finds one of a model shape's words in every text the shape accepts, and a longer word than the shape's first literal where one is certain", () => {
    for (const shape of modelShapes) {
      const words = requiredWords(shape);
      assert.ok(words, `no words for ${shape.source}`);
      fc.assert(
        // (fast-check generates no lookahead: texts of the shape without it, those the shape accepts kept)
        fc.property(fc.stringMatching(new RegExp(shape.source.replace(/\(\?[=!][^()]*\)/g, ''))), (text) => {
          if (!shape.test(text.toLowerCase())) return; // the shapes are asked of lower-cased text
          assert.ok(
            words.some((w) => text.toLowerCase().includes(w.toLowerCase())),
            `${JSON.stringify(text)} holds none of ${words.join(' ')}`,
          );
        }),
        { numRuns: 2000, seed: 1616 },
      );
    }
    // the literal after a group of names is in every match: `meta.`, not the `meta` of every `metadata:`
    assert.deepEqual(requiredWords(/^(?:x\.)?(?:meta|amazon)\.[a-z]+$/), ['meta.', 'amazon.']);
    assert.deepEqual(requiredWords(/^(?:gpt-\d|o1)-x$/), ['gpt-', 'o1-x']);
    assert.deepEqual(requiredWords(/^(?:ab|cd)+-x$/), ['ab', 'cd']);
  });

  it('leaves the detectors as they were: a file looked at first is analysed as without the prefilter (shared expressions untouched)', () => {
    const comment = '# client = boto3.client("bedrock-runtime", region_name="eu-west-1")\n';
    const before = JSON.stringify(analyzeDocument(index, 'app.py', comment));
    // region-shaped words found by the prefilter itself, in a file it reads for them alone
    assert.ok(mayHoldFinding(index, 'notes.py', 'python', 'x = 1  # moved to us-east-1 last year\n'));
    assert.equal(regionInText.lastIndex, 0);
    assert.equal(JSON.stringify(analyzeDocument(index, 'app.py', comment)), before);
    assert.equal(analyzeDocument(index, 'app.py', comment).findings[0]?.role, 'mention');
  });

  it('finds a word wherever the lower-cased text holds it, and nowhere else (case, the Kelvin sign and İ, short and non-ASCII words)', () => {
    // short and non-ASCII words are looked for another way than the others: both kinds are in the list
    const words = ['gpt-4o', 'region', 'eu-west', 'kid', 'uni', 'ik', 'ai', '::', 'çx', 'model_id'];
    const piece = fc.oneof(
      fc.constantFrom(
        ...words,
        'GPT-4O',
        'Region',
        'EU-WEST',
        '\u212Aid',
        'K',
        '\u0130',
        'i\u0307k',
        'Ç',
        'ÇX',
        'MODEL',
        '_ID',
        'a',
        'A',
        'UN',
      ),
      fc.string({ maxLength: 6 }),
      fc.string({ maxLength: 3, unit: 'grapheme' }),
    );
    setPrefilterWordsForTest({ words });
    try {
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
          const text = parts.join('');
          const lower = text.toLowerCase();
          assert.equal(
            mayHoldFinding(index, 'notes.py', 'python', text),
            words.some((w) => lower.includes(w)),
            JSON.stringify(text),
          );
        }),
        { numRuns: 5000, seed: 1616 },
      );
    } finally {
      setPrefilterWordsForTest(undefined);
    }
  });

  it('finds words planted anywhere in long texts the search skips through, as the lower-cased text holds them', () => {
    // short and long words, words sharing blocks, and punctuation that shares a block value with a letter (- m, . n, : z, / o)
    const words = [
      'llm',
      'east',
      'gpt-',
      'xai.',
      'north',
      'tts-1',
      'region',
      'eu-west',
      'model_id',
      'aws::',
      'publishers/',
      'text-embedding-',
      'australiaeast',
    ];
    const alphabet = [...'aeilmnorstwxz-.:/_@0123456789 \n"AEILMNORSTWXZ', 'é', '\u212A', '\u0130', '中', '😀'];
    type Plant = { word: string; upper: number; cut: string; splitter: string; where: 'start' | 'end' | number };
    const plant: fc.Arbitrary<Plant> = fc.record({
      word: fc.constantFrom(...words),
      // which letters are upper-cased
      upper: fc.nat(),
      // a near miss: the word without its first or last character, or split by a character outside ASCII
      cut: fc.constantFrom('none', 'none', 'head', 'tail', 'split'),
      splitter: fc.constantFrom('é', '\u212A', '\u0130', '中', '😀'),
      where: fc.oneof(fc.constantFrom('start' as const, 'end' as const), fc.nat()),
    });
    const planted = (text: string, p: Plant): string => {
      let word = Array.from(p.word, (c, i) => ((p.upper >> i) & 1 ? c.toUpperCase() : c)).join('');
      if (p.cut === 'head') word = word.slice(1);
      if (p.cut === 'tail') word = word.slice(0, -1);
      const split = 1 + (p.upper % (word.length - 1));
      if (p.cut === 'split') word = word.slice(0, split) + p.splitter + word.slice(split);
      const at = p.where === 'start' ? 0 : p.where === 'end' ? text.length : p.where % (text.length + 1);
      // (planted inside an earlier word, it splits that one)
      return text.slice(0, at) + word + text.slice(at);
    };
    const text = fc
      .tuple(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 400 }), fc.array(plant, { maxLength: 4 }))
      .map(([background, plants]) => plants.reduce(planted, background));
    setPrefilterWordsForTest({ words });
    try {
      fc.assert(
        fc.property(text, (t) => {
          const lower = t.toLowerCase();
          assert.equal(
            mayHoldFinding(index, 'notes.py', 'python', t),
            words.some((w) => lower.includes(w)),
            JSON.stringify(t),
          );
        }),
        { numRuns: 4000, seed: 1616 },
      );
    } finally {
      setPrefilterWordsForTest(undefined);
    }
  });

  it("looks for a format's own markers in that format only (CloudFormation's `AWS::` in JSON, the YAML value words `=` and `hf`, short words matched apart)", () => {
    setPrefilterWordsForTest({ words: ['region'] });
    try {
      const cases: Array<[string, Parameters<typeof mayHoldFinding>[2], string, boolean]> = [
        ['stack.json', 'json', '{"Type": "AWS::S3::Bucket"}', true],
        ['app.py', 'python', 'kind = "AWS::S3::Bucket"\n', false],
        ['app.ts', 'js', 'const kind = "AWS::S3::Bucket";\n', false],
        ['values.yaml', 'yaml', 'kind: AWS::S3::Bucket\n', true],
        ['values.yaml', 'yaml', 'args: [a=b]\n', true],
        ['stack.json', 'json', '{"args": "a=b", "hf": 1}', false],
        ['app.py', 'python', 'x = 1  # hf\n', false],
        ['app.py', 'python', 'x = 1  # REGION at the end: region', true],
      ];
      for (const [file, family, text, expected] of cases)
        assert.equal(mayHoldFinding(index, file, family, text), expected, `${file}: ${text}`);
    } finally {
      setPrefilterWordsForTest(undefined);
    }
  });

  it('can fail: with nothing to look for (no words, no literals), some fixture report changes', async () => {
    setPrefilterWordsForTest({ words: [] });
    try {
      let changed = 0;
      for (const root of roots()) if ((await jsonReport(root)) !== (await jsonReport(root, ['--no-prefilter']))) changed++;
      assert.ok(changed > 0, 'no report changed although nothing was looked for any more');
    } finally {
      setPrefilterWordsForTest(undefined);
    }
  });
});
