// `gridlens scan`: report shape (1-based positions, paths relative to the root), exit codes, unreadable and
// oversize files listed as errors, .gridlensignore, progress on a TTY, and SARIF with the structure GitHub code
// scanning requires.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ScanReport } from '../../src/cli/report';
import { runScan } from '../../src/cli/scan';
import { PARALLEL_MIN_FILES, PARALLEL_MIN_IDLE_CORES, SPLIT_MIN_FILES, threadCount } from '../../src/cli/scanParallel';
import { scanDataset } from '../fixtures/scan-harness';

function workspace(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'gridlens-scan-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function scan(root: string, args: string[], tty = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runScan(
    [root, ...args],
    {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        err += t;
      },
      stderrIsTTY: tty,
      cwd: root,
    },
    scanDataset(),
  );
  return { code, out, err };
}

const app = {
  'infra/main.tf':
    'provider "aws" {\n  region = "us-east-1"\n}\n\ndata "aws_bedrock_foundation_model" "m" {\n  model_id = "anthropic.claude-3-haiku-20240307-v1:0"\n}\n',
  'app/client.py':
    'import boto3\n\nrt = boto3.client("bedrock-runtime", region_name="eu-west-9")\nrt.converse(modelId="amazon.nova-lite-v1:0", messages=[])\nrt2 = boto3.client("bedrock-runtime", region_name="us-east-1")  # gridlens-ignore\n',
  'tests/test_client.py': 'REGION = "ap-south-1"\n',
  'legacy/old.tf': 'provider "aws" {\n  region = "sa-east-1"\n}\n',
  '.gridlensignore': 'legacy/\n',
  'assets/logo.env': Buffer.from([0x41, 0x00, 0x42]),
  'big/.env': `AWS_REGION=us-east-1\n${'#'.repeat(3000)}\n`,
};

describe('gridlens scan', () => {
  let root: string;
  before(() => {
    root = workspace(app);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('prints the stable JSON report with 1-based positions and root-relative paths', async () => {
    const { code, out } = await scan(root, ['--format', 'json', '--max-file-size', '2']);
    assert.equal(code, 0);
    const report = JSON.parse(out) as ScanReport;
    assert.equal(report.version, 1);
    const region = report.findings.find((f) => f.file === 'infra/main.tf' && f.kind === 'region');
    assert.deepEqual(
      {
        line: region?.line,
        column: region?.column,
        endLine: region?.endLine,
        endColumn: region?.endColumn,
        value: region?.value,
        role: region?.role,
      },
      { line: 2, column: 13, endLine: 2, endColumn: 22, value: 'us-east-1', role: 'inference' },
    );
    assert.ok(region?.carbon?.gridGPerKWh && region.carbon.gPerMTok, 'a paired region carries carbon');
    assert.equal(region?.suggestion?.jurisdiction, 'US', 'the suggestion stays in the same jurisdiction by default');
    const pair = report.pairs.find((p) => p.model.file === 'infra/main.tf');
    assert.deepEqual(pair?.region, { file: 'infra/main.tf', line: 2, value: 'us-east-1' });
    assert.equal(pair?.state, 'region');
    assert.ok(pair?.evidence.length && pair.carbon?.gPerMTok);
    const typo = report.findings.find((f) => f.text === 'eu-west-9');
    assert.equal(typo?.value, null);
    assert.ok(typo?.closest?.includes('eu-west-1'));
    assert.ok(!report.findings.some((f) => f.file === 'app/client.py' && f.line === 5), 'gridlens-ignore suppresses');
    assert.ok(!report.findings.some((f) => f.file.startsWith('legacy/')), '.gridlensignore applies');
    assert.ok(!report.findings.some((f) => f.file.startsWith('tests/')), 'tests are skipped by default');
    assert.match(report.errors.find((e) => e.file === 'assets/logo.env')?.message ?? '', /binary/);
    assert.match(report.errors.find((e) => e.file === 'big/.env')?.message ?? '', /over the 2 KB limit/);
  });

  it('reports usage + embodied by default with both parts, usage only with --usage-only, and says so in SARIF', async () => {
    const total = JSON.parse((await scan(root, ['--format', 'json'])).out) as ScanReport;
    const usageOnly = JSON.parse((await scan(root, ['--format', 'json', '--usage-only'])).out) as ScanReport;
    assert.deepEqual([total.basis, usageOnly.basis], ['total', 'usage']);
    assert.equal(total.gridMethod, 'life-cycle, location-based, yearly average');
    const at = (report: ScanReport) => report.findings.find((f) => f.file === 'infra/main.tf' && f.kind === 'region')?.carbon;
    const [t, u] = [at(total), at(usageOnly)];
    assert.ok(t?.usage && t.embodied && t.total && u?.usage);
    assert.equal(t.gPerMTok, t.total.central);
    assert.ok(Math.abs(t.total.central - (t.usage.central + t.embodied.central)) <= 0.01 * t.total.central);
    assert.equal(u.gPerMTok, u.usage.central);
    assert.deepEqual(u.total, t.total, 'both parts whichever the basis');
    const pair = total.pairs.find((p) => p.model.file === 'infra/main.tf');
    assert.deepEqual(pair?.carbon?.embodied, t.embodied);
    const sarif = JSON.parse((await scan(root, ['--format', 'sarif'])).out) as {
      runs: Array<{ results: Array<{ ruleId: string; message: { text: string } }> }>;
    };
    const cleaner = sarif.runs[0].results.find((r) => r.ruleId === 'gridlens/cleaner-region');
    assert.match(cleaner?.message.text ?? '', /usage \+ embodied hardware emissions; grid life-cycle, location-based, yearly average/);
    assert.match((await scan(root, [])).out, /Carbon: usage \+ embodied hardware emissions; grid life-cycle, location-based/);
  });

  it('includes tests when asked', async () => {
    const report = JSON.parse((await scan(root, ['--format', 'json', '--include-tests'])).out) as ScanReport;
    assert.ok(report.findings.some((f) => f.file === 'tests/test_client.py'));
  });

  it('exits 1 above --fail-above or when a suggestion saves --min-savings, 0 otherwise', async () => {
    assert.equal((await scan(root, ['--fail-above', '100000'])).code, 0);
    assert.equal((await scan(root, ['--fail-above', '0.001'])).code, 1);
    assert.equal((await scan(root, ['--min-savings', '10'])).code, 1);
    assert.equal((await scan(root, ['--min-savings', '99.9'])).code, 0);
    assert.equal((await scan(root, ['--min-savings', '10', '--jurisdiction', 'BR'])).code, 0, 'no region in the allowed jurisdictions');
  });

  it('exits 2 on usage and input errors', async () => {
    assert.equal((await scan(root, ['--format', 'xml'])).code, 2);
    assert.equal((await scan(root, ['--jurisdiction', 'e u'])).code, 2);
    const missing = await scan(join(root, 'nope'), []);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /not found/);
  });

  it('prints a table with pairs and problems', async () => {
    const { out } = await scan(root, []);
    assert.match(out, /infra\/main\.tf:2\s+region\s+inference\s+us-east-1/);
    assert.match(out, /Model ↔ region:/);
    assert.match(out, /assets\/logo\.env: skipped: binary file/);
  });

  it('shows a progress line on stderr only when stderr is a TTY', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 210; i++) many[`svc${i}/.env`] = `AWS_REGION=us-east-${(i % 2) + 1}\n`;
    const big = workspace(many);
    try {
      assert.match((await scan(big, [], true)).err, /reading 210\/210 files/);
      assert.equal((await scan(big, [], false)).err, '');
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });

  it('writes SARIF 2.1.0 with the structure GitHub code scanning requires', async () => {
    const { out } = await scan(root, ['--format', 'sarif', '--fail-above', '0.001']);
    const sarif = JSON.parse(out);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    assert.equal(sarif.runs.length, 1);
    const run = sarif.runs[0];
    assert.equal(typeof run.tool.driver.name, 'string');
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.equal(new Set(ruleIds).size, ruleIds.length, 'rule ids are unique');
    for (const rule of run.tool.driver.rules) assert.ok(rule.shortDescription.text && rule.defaultConfiguration.level);
    assert.ok(run.results.length > 0);
    for (const result of run.results) {
      assert.ok(ruleIds.includes(result.ruleId));
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['none', 'note', 'warning', 'error'].includes(result.level));
      assert.equal(typeof result.message.text, 'string');
      const loc = result.locations[0].physicalLocation;
      assert.ok(!loc.artifactLocation.uri.includes('\\') && !loc.artifactLocation.uri.startsWith('/'));
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1 && loc.region.endColumn >= loc.region.startColumn);
      assert.equal(typeof Object.values(result.partialFingerprints)[0], 'string');
      for (const fix of result.fixes ?? []) {
        for (const change of fix.artifactChanges) {
          assert.equal(change.artifactLocation.uri, loc.artifactLocation.uri);
          for (const r of change.replacements) assert.ok(r.deletedRegion.startLine >= 1 && typeof r.insertedContent.text === 'string');
        }
      }
    }
    const cleaner = run.results.find((r: { ruleId: string }) => r.ruleId === 'gridlens/cleaner-region');
    assert.ok(cleaner?.fixes?.[0].artifactChanges[0].replacements[0].insertedContent.text, 'the suggested region is the fix');
    assert.ok(run.results.some((r: { ruleId: string }) => r.ruleId === 'gridlens/unknown-region'));
    assert.ok(run.results.some((r: { ruleId: string }) => r.ruleId === 'gridlens/carbon-above-threshold'));
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
  });

  it('--output writes the report to a file; SARIF paths of a scanned subfolder are relative to the working directory', async () => {
    let out = '';
    let err = '';
    const code = await runScan(
      ['app', '--format', 'sarif', '--output', 'report.sarif'],
      {
        stdout: (t) => {
          out += t;
        },
        stderr: (t) => {
          err += t;
        },
        stderrIsTTY: false,
        cwd: root,
      },
      scanDataset(),
    );
    assert.equal(code, 0);
    assert.equal(out, '');
    assert.match(err, /sarif report written to report\.sarif/);
    const sarif = JSON.parse(readFileSync(join(root, 'report.sarif'), 'utf8'));
    const uris = sarif.runs[0].results.map(
      (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        r.locations[0].physicalLocation.artifactLocation.uri,
    );
    assert.deepEqual([...new Set(uris)], ['app/client.py']);
    const json = await runScan(
      ['app', '--format', 'json'],
      {
        stdout: (t) => {
          out += t;
        },
        stderr: () => undefined,
        cwd: root,
      },
      scanDataset(),
    );
    assert.equal(json, 0);
    assert.ok(
      (JSON.parse(out) as ScanReport).findings.every((f) => f.file === 'client.py'),
      'the JSON report stays relative to the scanned folder',
    );
    rmSync(join(root, 'report.sarif'));
  });

  it('--output to a folder that does not exist: a clear message and exit code 2', async () => {
    let err = '';
    const code = await runScan(
      ['--output', join(root, 'missing', 'report.json'), '--format', 'json'],
      {
        stdout: () => undefined,
        stderr: (t) => {
          err += t;
        },
        stderrIsTTY: false,
        cwd: root,
      },
      scanDataset(),
    );
    assert.equal(code, 2);
    assert.match(err, /cannot write .*report\.json: ENOENT/);
  });
});

describe('gridlens scan on the bundled samples with the bundled dataset', () => {
  it('finds the Terraform Bedrock agent in us-east-1 and the script reading .env', async () => {
    let out = '';
    const code = await runScan(['samples', '--format', 'json'], {
      stdout: (t) => {
        out += t;
      },
      stderr: () => undefined,
      stderrIsTTY: false,
      cwd: join(__dirname, '..', '..'),
    });
    assert.equal(code, 0);
    const report = JSON.parse(out) as ScanReport;
    const agent = report.pairs.find((p) => p.model.file === 'infra/variables.tf');
    assert.equal(agent?.region?.value, 'us-east-1');
    assert.ok(
      report.pairs.some((p) => p.model.file === '.env' && p.region?.file === '.env'),
      'the script pairs the .env model with the .env region',
    );
    assert.ok(report.pairs.some((p) => p.model.file === 'sam/template.yaml' && p.region?.file === 'sam/samconfig.toml'));
    assert.ok(
      report.pairs.some((p) => p.state === 'geo-profile' && p.geo === 'eu'),
      'a geo profile is the state geo-profile with its geography in geo, as the README says',
    );
    assert.ok(
      report.pairs.every((p) => !p.state.includes(':')),
      'no state carries its geography',
    );
    assert.deepEqual(report.errors, []);
  });

  it('shows the carbon of a self-hosted model on a cluster whose region is known, and none without one', async () => {
    const root = workspace({
      'k8s/vllm.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: vllm\nspec:\n  template:\n    spec:\n      nodeSelector:\n        topology.kubernetes.io/region: eu-west-1\n      containers:\n        - name: vllm\n          image: vllm/vllm-openai:latest\n          command: ["sh", "-c", "vllm serve meta-llama/Llama-3.1-8B-Instruct"]\n',
      'laptop/local.py': 'import ollama\nreply = ollama.chat(model="llama3.1:8b", messages=[])\n',
    });
    try {
      const { out } = await scan(root, ['--format', 'json']);
      const report = JSON.parse(out) as ScanReport;
      const hosted = report.pairs.filter((p) => p.state === 'self-hosted');
      const placed = hosted.filter((p) => p.region);
      assert.equal(placed[0]?.region?.value, 'eu-west-1', "the vLLM deployment runs on its nodes' region");
      for (const p of placed) assert.ok(p.carbon?.gPerMTok !== undefined, `${p.model.value} on ${p.region?.value} shows its carbon`);
      for (const p of hosted.filter((q) => !q.region)) assert.equal(p.carbon, undefined, 'unknown hardware shows no figure');
      assert.ok(
        hosted.some((p) => !p.region),
        'the laptop model stays on unknown hardware',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('gridlens scan threads', () => {
  const saved = process.env.GRIDLENS_THREADS;
  afterEach(() => {
    if (saved === undefined) delete process.env.GRIDLENS_THREADS;
    else process.env.GRIDLENS_THREADS = saved;
  });

  it('uses one thread for a small tree or one core, analysing workers with 3 idle cores, else the reader split', () => {
    delete process.env.GRIDLENS_THREADS;
    const large = SPLIT_MIN_FILES * 10;
    assert.equal(threadCount(PARALLEL_MIN_FILES - 1, 16, 16), 1, 'a small tree: one thread');
    assert.equal(threadCount(PARALLEL_MIN_FILES - 1, 1, 2), 1, 'a small tree on two cores: one thread');
    assert.equal(threadCount(SPLIT_MIN_FILES - 1, 1, 2), 1, 'too few files for the reader split: one thread');
    assert.equal(threadCount(SPLIT_MIN_FILES, 1, 2), 2);
    assert.equal(threadCount(large, PARALLEL_MIN_IDLE_CORES, 4), PARALLEL_MIN_IDLE_CORES, 'one analysing worker per idle core');
    assert.equal(threadCount(large, 32, 32), 8, 'at most 8 workers');
    assert.equal(threadCount(large, PARALLEL_MIN_IDLE_CORES - 1, 2), 2, 'two idle cores: the reader split');
    assert.equal(threadCount(large, 1, 2), 2, 'one idle core: the reader split');
    assert.equal(threadCount(large, 0, 2), 2, 'a load as high as the cores: still the split');
    assert.equal(threadCount(large, -1, 2), 2, 'a machine loaded beyond its cores: the split too');
    assert.equal(threadCount(large, -3, 2), 2);
    assert.equal(threadCount(SPLIT_MIN_FILES - 1, -3, 2), 1, 'a small tree on a busy machine: one thread');
    assert.equal(threadCount(large, 1, 1), 1, 'one core: one thread');
  });

  it('GRIDLENS_THREADS forces the count whatever the tree and the machine', () => {
    process.env.GRIDLENS_THREADS = '3';
    assert.equal(threadCount(1, 0, 1), 3);
    process.env.GRIDLENS_THREADS = '2';
    assert.equal(threadCount(1, 32, 32), 2);
    process.env.GRIDLENS_THREADS = '1';
    assert.equal(threadCount(PARALLEL_MIN_FILES * 10, 32, 32), 1);
    process.env.GRIDLENS_THREADS = 'many';
    assert.equal(threadCount(SPLIT_MIN_FILES * 10, 1, 2), 2, 'not a count: the default rule');
  });
});
