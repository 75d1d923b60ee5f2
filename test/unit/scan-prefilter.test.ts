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
