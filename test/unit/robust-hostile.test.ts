// `gridlens scan` on a hostile workspace (test/hostile/hostileFiles.ts, generated into a temp folder): it finishes,
// prints a valid report, and accounts for every hostile file with a clear entry in `errors` (or scans it); links are
// never followed; files that vanish, turn into folders or links while the scan runs are reported, never thrown. The
// built CLI on worker threads is compared with it in test/built/hostile-cli.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanReport } from '../../src/cli/report';
import { runScan } from '../../src/cli/scan';
import { nodeFiles } from '../../src/cli/nodeFiles';
import { listCandidates, readCandidate } from '../../src/core/scan/pipeline';
import { ignoreRules } from '../../src/core/scan/ignore';
import { writeHostileWorkspace, type HostileFile } from '../hostile/hostileFiles';

async function scan(
  root: string,
  args: string[],
  io: { stderrIsTTY?: boolean; stderr?: (t: string) => void } = {},
): Promise<{ code: number; out: string; err: string; ms: number }> {
  let out = '';
  let err = '';
  const started = Date.now();
  const code = await runScan([root, ...args], {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
      io.stderr?.(t);
    },
    stderrIsTTY: io.stderrIsTTY ?? false,
    cwd: root,
  });
  return { code, out, err, ms: Date.now() - started };
}

describe('robustness: gridlens scan on a hostile workspace', function () {
  this.timeout(120_000);
  let base: string;
  let root: string;
  let files: HostileFile[];
  let report: ScanReport;
  let ms: number;

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'gridlens-hostile-'));
    root = join(base, 'ws');
    mkdirSync(root);
    files = writeHostileWorkspace(root, { huge: true, outside: join(base, 'outside') });
    const result = await scan(root, ['--format', 'json']);
    assert.ok(result.code === 0 || result.code === 1, `exit code ${result.code}: ${result.err}`);
    report = JSON.parse(result.out) as ScanReport;
    ms = result.ms;
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it(`finishes within 60 s with a valid report (the 50 MB file is never read)`, () => {
    assert.ok(ms < 60_000, `${ms} ms`);
    assert.equal(report.version, 1);
    console.log(`      (${files.length} hostile files; scanned in ${(ms / 1000).toFixed(1)} s; ${report.errors.length} entries in errors)`);
  });

  it('reports each hostile file in errors with a clear message, or scans it', () => {
    const problems: string[] = [];
    for (const f of files) {
      const entries = report.errors.filter((e) => e.file === f.path);
      if (f.expect === 'scanned') {
        const refused = entries.filter((e) => /^(skipped|cannot read)/.test(e.message));
        if (refused.length) problems.push(`${f.path} (${f.what}) was not scanned: ${refused[0].message}`);
      } else if (f.expect === 'not followed') {
        if (!entries.some((e) => /links are not followed|not a regular file/.test(e.message)))
          problems.push(
            `${f.path} (${f.what}): no entry saying it was not followed (${entries.map((e) => e.message).join('; ') || 'none'})`,
          );
      } else if (!entries.some((e) => (f.expect as RegExp).test(e.message))) {
        problems.push(
          `${f.path} (${f.what}): expected an entry matching ${f.expect}, got: ${entries.map((e) => e.message).join('; ') || 'none'}`,
        );
      }
    }
    assert.deepEqual(problems, []);
  });

  it('never follows a link: nothing is read through a loop or from outside the scanned folder', () => {
    assert.ok(!report.findings.some((f) => f.file.startsWith('links/') || f.file === 'pipe.env'), 'a finding through a link');
    assert.ok(!report.findings.some((f) => f.text === 'ap-southeast-1'), 'the region of the file outside the folder was read');
    const outside = report.errors.find((e) => e.file === 'links/outside');
    assert.match(outside?.message ?? '', /folder outside the scanned folder/);
    assert.match(report.errors.find((e) => e.file === 'links/ping.tf')?.message ?? '', /loops or leads nowhere/);
  });

  it('still finds what the hostile files hold where they can be read', () => {
    const at = (file: string) => report.findings.filter((f) => f.file === file).map((f) => f.text);
    assert.ok(at('long/line.env').includes('us-east-1'), 'the .env with a 1 MB line');
    assert.ok(at('long/literal.py').includes('eu-west-1'), 'the Python file with an 800 KB literal');
    assert.ok(at('bytes/latin1.env').includes('us-east-1'), 'the Latin-1 .env');
    assert.ok(at('bytes/bom.tf').includes('us-east-1'), 'the Terraform file with a BOM');
    assert.ok(at('bytes/late-nul.py').includes('eu-north-1'), 'the file with a NUL after 8 KB');
    assert.ok(
      report.findings.some((f) => f.file.startsWith('names/') && f.text === 'ap-south-1'),
      'the file with bidi characters in its name',
    );
  });

  it('keeps the table and SARIF outputs valid with these names and contents', async () => {
    const sarif = await scan(root, ['--format', 'sarif']);
    const parsed = JSON.parse(sarif.out);
    assert.equal(parsed.version, '2.1.0');
    for (const r of parsed.runs[0].results) assert.ok(r.locations[0].physicalLocation.region.startLine >= 1);
    const table = await scan(root, []);
    assert.match(table.out, /files scanned; \d+ findings/);
    assert.match(table.out, /Not scanned or partly scanned:/);
  });
});

describe('robustness: files that change while the scan runs', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'gridlens-vanish-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('a file deleted, replaced by a folder, a dangling link or a named pipe after listing is reported, never thrown', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) writeFileSync(join(root, `${name}.env`), `AWS_REGION=us-east-${name === 'e' ? 2 : 1}\n`);
    const access = nodeFiles(root);
    const { candidates, errors } = await listCandidates(access, [{ path: '.' }], ignoreRules(''));
    // after the listing, before the first read
    unlinkSync(join(root, 'a.env'));
    unlinkSync(join(root, 'b.env'));
    mkdirSync(join(root, 'b.env'));
    unlinkSync(join(root, 'c.env'));
    symlinkSync(join(root, 'gone'), join(root, 'c.env'));
    unlinkSync(join(root, 'd.env'));
    if (spawnSync('mkfifo', [join(root, 'd.env')]).status !== 0) writeFileSync(join(root, 'd.env'), 'AWS_REGION=us-east-1\n');
    const files: string[] = [];
    for (const path of candidates) {
      const read = await readCandidate(access, path, { maxFileBytes: 1 << 20 });
      if ('error' in read) errors.push(read.error);
      else files.push(path);
    }
    const message = (file: string) => errors.find((e) => e.file === file)?.message ?? '';
    assert.match(message('a.env'), /cannot read: ENOENT/);
    assert.match(message('b.env'), /not a regular file|EISDIR/);
    assert.match(message('c.env'), /cannot read: ENOENT/);
    assert.match(message('d.env'), /not a regular file|^$/);
    assert.deepEqual(files, message('d.env') ? ['e.env'] : ['d.env', 'e.env']);
  });

  it('gridlens scan with files deleted mid-scan still exits normally and lists them', async () => {
    for (let i = 0; i < 210; i++) writeFileSync(join(root, `svc${String(i).padStart(3, '0')}.env`), `AWS_REGION=eu-west-${(i % 3) + 1}\n`);
    let deleted = 0;
    // the progress line (a TTY, 200+ files) is written before the first file is read: delete half the files then
    const result = await scan(root, ['--format', 'json'], {
      stderrIsTTY: true,
      stderr: () => {
        if (deleted) return;
        for (let i = 1; i < 210; i += 2) unlinkSync(join(root, `svc${String(i).padStart(3, '0')}.env`));
        deleted = 105;
      },
    });
    assert.ok(deleted > 0, 'the scan printed no progress before reading');
    assert.equal(result.code, 0);
    const report = JSON.parse(result.out) as ScanReport;
    assert.equal(report.errors.filter((e) => /ENOENT/.test(e.message)).length, 105);
    assert.equal(new Set(report.findings.map((f) => f.file)).size, 105);
  });

  it('a named pipe given on the command line is refused, not read (reading it would block forever)', async function () {
    if (spawnSync('mkfifo', [join(root, 'pipe.env')]).status !== 0) this.skip();
    let out = '';
    const code = await runScan([join(root, 'pipe.env'), '--format', 'json'], {
      stdout: (t) => {
        out += t;
      },
      stderr: () => undefined,
      stderrIsTTY: false,
      cwd: root,
    });
    assert.equal(code, 0);
    assert.match((JSON.parse(out) as ScanReport).errors[0]?.message ?? '', /not a regular file/);
  });
});

describe('robustness: a hostile .gridlensignore', () => {
  it('patterns that backtrack for minutes, and a broken character class, neither hang nor crash the scan', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gridlens-ignore-'));
    try {
      mkdirSync(join(root, `${'deep/'.repeat(40)}x`), { recursive: true });
      writeFileSync(join(root, `${'deep/'.repeat(40)}x`, '.env'), 'AWS_REGION=us-east-1\n');
      writeFileSync(join(root, '.env'), 'AWS_REGION=eu-west-1\n');
      writeFileSync(
        join(root, '.gridlensignore'),
        `${Array(16).fill('**').join('/')}/nothing\n${Array(16).fill('*e').join('')}z\na[z-a]b\n`,
      );
      const result = await scan(root, ['--format', 'json']);
      assert.equal(result.code, 0, result.err);
      assert.ok(result.ms < 10_000, `${result.ms} ms`);
      assert.equal((JSON.parse(result.out) as ScanReport).findings.length, 2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
