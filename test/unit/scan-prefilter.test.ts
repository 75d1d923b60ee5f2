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
import { regionInText } from '../../src/core/scan/patterns';
import { mayHoldFinding, setPrefilterWordsForTest } from '../../src/core/scan/prefilter';
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

  it('reads a YAML file that names no region and no model but sets a value another file reads (the report depends on it)', async () => {
    // the client's region comes from TARGET, which only the YAML file sets (to a value the .env file supplies)
    const code = {
      path: 'app/main.py',
      text: 'import os, boto3\nclient = boto3.client("bedrock-runtime", region_name=os.environ.get("TARGET", os.environ["AWS_REGION"]))\nclient.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0")\n',
    };
    const dotenv = { path: '.env', text: 'DEPLOY_TARGET=eu-west-1\n' };
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
    ];
    for (const trap of traps) {
      assert.ok(mayHoldFinding(index, trap.path, 'yaml', trap.text), `${trap.path} is skipped`);
      const root = workspace([code, dotenv, trap]);
      const without = workspace([code, dotenv]);
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
    setPrefilterWordsForTest(words);
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

  it("looks for a format's own markers in that format only (JSON's `::`, the YAML value words `=` and `hf`, short words matched apart)", () => {
    setPrefilterWordsForTest(['region']);
    try {
      const cases: Array<[string, Parameters<typeof mayHoldFinding>[2], string, boolean]> = [
        ['stack.json', 'json', '{"Type": "X::Y"}', true],
        ['app.py', 'python', 'kind = "X::Y"\n', false],
        ['app.ts', 'js', 'const kind = "X::Y";\n', false],
        ['values.yaml', 'yaml', 'kind: X::Y\n', true],
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
    setPrefilterWordsForTest([]);
    try {
      let changed = 0;
      for (const root of roots()) if ((await jsonReport(root)) !== (await jsonReport(root, ['--no-prefilter']))) changed++;
      assert.ok(changed > 0, 'no report changed although nothing was looked for any more');
    } finally {
      setPrefilterWordsForTest(undefined);
    }
  });
});
