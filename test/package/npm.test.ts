// The two artefacts one package.json makes: the npm package (the gridlens CLI, installed offline into an empty
// project, answers like the repository's sources do) and the VS Code extension (.vsix, vsce's allow-list).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { packedCli, REPO_ROOT, run, runOk, type PackedCli } from './packedCli';

const version: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;

/** The repository's CLI, run in-process from the sources. */
async function fromSources(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: () => undefined });
  return { code, stdout };
}

describe('npm package (npm pack → npm install offline → npx gridlens)', function () {
  this.timeout(240_000);
  let cli: PackedCli;
  let samples: string;
  const npx = (args: string[]) => run('npx', ['gridlens', ...args], { cwd: cli.project, env: cli.offlineEnv });

  before(() => {
    cli = packedCli();
    samples = mkdtempSync(join(tmpdir(), 'gridlens-samples-'));
    cpSync(join(REPO_ROOT, 'samples'), samples, { recursive: true });
  });
  after(() => rmSync(samples, { recursive: true, force: true }));

  it(`is gridlens-<version>.tgz with the CLI bundle, licences and sources, and nothing else`, () => {
    assert.equal(cli.tarball.split('/').pop(), `gridlens-${version}.tgz`);
    const files = runOk('tar', ['tzf', cli.tarball], { cwd: cli.dir })
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''))
      .sort();
    for (const required of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/cli.js',
      'dist/cliMain.js',
      'dist/cliMain.cache',
      'dist/scanWorker.js',
      'dist/scanWorkerMain.js',
      'dist/scanWorkerMain.cache',
      'dist/lib.cjs',
      'dist/lib.mjs',
      'dist/lib.d.ts',
      'dist/lib.d.mts',
      'dist/THIRD-PARTY-NOTICES.txt',
      'data/LICENSE-ODbL.md',
      'data/SOURCES.md',
    ]) {
      assert.ok(files.includes(required), `${required} is in the package`);
    }
    assert.ok(
      files.some((f) => f.startsWith('data/licenses/')),
      'the licences of the data sources',
    );
    const unexpected = files.filter(
      (f) =>
        !/^(package\.json|README\.md|LICENSE|dist\/(cli|cliMain|scanWorker|scanWorkerMain)\.js|dist\/(cliMain|scanWorkerMain)\.cache|dist\/lib\.(cjs|mjs|d\.ts|d\.mts)|dist\/THIRD-PARTY-NOTICES\.txt|data\/(SOURCES|LICENSE-ODbL)\.md|data\/licenses\/[^/]+)$/.test(
          f,
        ),
    );
    assert.deepEqual(unexpected, [], 'no tests, sources, source maps or VS Code bundles');
    const notices = runOk('tar', ['xzf', cli.tarball, '-O', 'package/dist/THIRD-PARTY-NOTICES.txt'], { cwd: cli.dir });
    for (const bundled of ['yaml', 'zod', 'jsonc-parser', 'smol-toml'])
      assert.match(notices, new RegExp(`^${bundled} \\d+\\.\\d+\\.\\d+ \\(`, 'm'), `${bundled}'s licence`);
  });

  it('installs into an empty project without the network and without runtime dependencies', () => {
    assert.equal(existsSync(cli.networkLog), false, existsSync(cli.networkLog) ? readFileSync(cli.networkLog, 'utf8') : '');
    const installed = JSON.parse(readFileSync(join(cli.project, 'node_modules', 'gridlens', 'package.json'), 'utf8'));
    assert.equal(installed.version, version);
    assert.equal(installed.dependencies, undefined, 'everything the CLI needs is bundled into dist/cli.js');
    assert.ok(statSync(join(cli.project, 'node_modules', '.bin', 'gridlens')).isFile());
  });

  it('npx gridlens scan --format json gives the same report as the repository sources', async () => {
    const packaged = npx(['scan', samples, '--format', 'json']);
    const repository = await fromSources(['scan', samples, '--format', 'json']);
    assert.equal(packaged.status, repository.code, packaged.stderr);
    const report = JSON.parse(packaged.stdout);
    assert.ok(report.findings.length > 0 && report.pairs.length > 0, 'the samples have findings and pairs');
    assert.ok(!packaged.stdout.includes(samples), 'paths are relative to the scanned folder');
    assert.deepEqual(report, JSON.parse(repository.stdout));
  });

  it('npx gridlens scan . in the project scans the project (and skips node_modules)', async () => {
    const app = join(cli.project, 'app');
    cpSync(samples, app, { recursive: true });
    try {
      const packaged = npx(['scan', '.', '--format', 'json']);
      const repository = await fromSources(['scan', cli.project, '--format', 'json']);
      assert.equal(packaged.status, 0, packaged.stderr);
      const report = JSON.parse(packaged.stdout);
      assert.ok(
        report.findings.length > 0 && report.findings.every((f: { file: string }) => f.file.startsWith('app/')),
        'the project files, not the installed package',
      );
      assert.deepEqual(report, JSON.parse(repository.stdout));
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  for (const argv of [
    ['recommend', 'anthropic.claude-3-haiku-20240307-v1:0', '--format', 'json'],
    ['estimate', 'amazon.nova-lite-v1:0', '--region', 'aws:eu-west-1', '--format', 'json'],
    ['leaderboard', '--provider', 'gcp', '--format', 'json'],
    ['regions', '--provider', 'azure', '--format', 'json'],
  ]) {
    it(`npx gridlens ${argv[0]} answers as the repository sources do`, async () => {
      const packaged = npx(argv);
      const repository = await fromSources(argv);
      assert.equal(packaged.status, 0, packaged.stderr);
      assert.equal(repository.code, 0);
      assert.deepEqual(JSON.parse(packaged.stdout), JSON.parse(repository.stdout));
    });
  }

  describe("the library entry (import { recommend, estimate, leaderboard } from 'gridlens')", () => {
    const consumer = `const query = { model: 'mistral-7b', jurisdiction: ['EU'] };
const answers = {
  recommend: gridlens.recommend(query),
  estimate: gridlens.estimate({ model: 'amazon.nova-lite-v1:0', region: 'aws:eu-west-1' }),
  leaderboard: gridlens.leaderboard({ provider: ['gcp'] }),
  regions: gridlens.regions({ provider: ['azure'] }),
};
let unknown = '';
try { gridlens.recommend({ model: 'lama-3.1-70b-instruct' }); } catch (error) { if (error instanceof gridlens.UnknownModelError) unknown = error.suggestions[0]; }
process.stdout.write(JSON.stringify({ ...answers, unknown }));
`;
    async function expected() {
      const json = async (argv: string[]) => JSON.parse((await fromSources([...argv, '--format', 'json'])).stdout);
      return {
        recommend: await json(['recommend', 'mistral-7b', '--jurisdiction', 'EU']),
        estimate: await json(['estimate', 'amazon.nova-lite-v1:0', '--region', 'aws:eu-west-1']),
        leaderboard: await json(['leaderboard', '--provider', 'gcp']),
        regions: await json(['regions', '--provider', 'azure']),
        unknown: 'meta/llama-3.1-70b-instruct',
      };
    }

    for (const [kind, file, header] of [
      ['an ES module', 'consumer.mjs', "import * as gridlens from 'gridlens';\n"],
      ['CommonJS', 'consumer.cjs', "const gridlens = require('gridlens');\n"],
    ] as const) {
      it(`answers as the CLI does when loaded from ${kind}`, async () => {
        writeFileSync(join(cli.project, file), header + consumer);
        const result = run('node', [file], { cwd: cli.project, env: cli.offlineEnv });
        assert.equal(result.status, 0, result.stderr);
        assert.deepEqual(JSON.parse(result.stdout), await expected());
      });
    }

    it('type-checks a consumer (ESM and CommonJS, strict, nodenext) against the published types, and rejects a wrong call', () => {
      const typed = `export function cleanest(model: string): string | undefined {
  const answer: Recommendation = recommend({ model, provider: ['aws'], near: 'eu-west-1', maxDistanceKm: 800 });
  const row: LeaderboardRow | undefined = leaderboard({ model: [model] }).rows[0];
  const grams: number = estimate({ model, region: 'aws:eu-west-1' }).carbon.central;
  return grams > 0 && row ? answer.recommended?.region : regions().regions[0]?.code;
}
// @ts-expect-error the model is required
recommend({ provider: ['aws'] });
// @ts-expect-error maxDistanceKm is a number
recommend({ model: 'x', near: 'eu-west-1', maxDistanceKm: '800' });
`;
      writeFileSync(
        join(cli.project, 'typed.mts'),
        `import { estimate, leaderboard, recommend, regions, type LeaderboardRow, type Recommendation } from 'gridlens';\n${typed}`,
      );
      writeFileSync(
        join(cli.project, 'typed.cts'),
        `import { estimate, leaderboard, recommend, regions, type LeaderboardRow, type Recommendation } from 'gridlens';\n${typed}`,
      );
      const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      const compilerOptions = { noEmit: true, strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [] };
      writeFileSync(join(cli.project, 'tsconfig.typed.json'), JSON.stringify({ compilerOptions, files: ['typed.mts', 'typed.cts'] }));
      const check = run('node', [tsc, '-p', 'tsconfig.typed.json'], { cwd: cli.project });
      assert.equal(check.status, 0, check.stdout + check.stderr);
    });
  });

  it('the installed CLI starts from the code cache its package holds (V8 accepts it in a new process)', () => {
    const bundle = join(cli.project, 'node_modules', 'gridlens', 'dist', 'cliMain.js');
    const check = `console.log(require(${JSON.stringify(join(REPO_ROOT, 'src', 'cli', 'launch'))}).compileBundle(${JSON.stringify(bundle)}).cached)`;
    const run = runOk(process.execPath, ['--require', 'tsx/cjs', '-e', check], { cwd: REPO_ROOT });
    assert.equal(run, 'true\n');
  });

  it('gridlens --version prints the package version; --help the usage of every command', () => {
    const versionRun = npx(['--version']);
    assert.equal(versionRun.status, 0);
    assert.equal(versionRun.stdout.trim(), version);
    const help = npx(['--help']);
    assert.equal(help.status, 0);
    for (const command of ['recommend', 'estimate', 'leaderboard', 'regions', 'scan', '--version'])
      assert.match(help.stdout, new RegExp(`gridlens ${command}`));
    assert.match(help.stdout, /--output FILE/);
  });

  it('the same package.json still packages the extension with vsce (its own allow-list)', () => {
    runOk('npm', ['run', '--silent', 'package'], { cwd: cli.repoCopy });
    assert.ok(statSync(join(cli.repoCopy, 'gridlens.vsix')).size > 0);
    const listed = runOk(join(cli.repoCopy, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: cli.repoCopy })
      .split('\n')
      .filter(Boolean);
    for (const entry of [
      'package.json',
      'dist/extension.js',
      'dist/engine.js',
      'dist/web/extension.js',
      'dist/webview/leaderboard.js',
      'dist/THIRD-PARTY-NOTICES.txt',
      'data/LICENSE-ODbL.md',
    ])
      assert.ok(listed.includes(entry), `${entry} is in the .vsix`);
    assert.deepEqual(
      listed.filter((f) =>
        /^(src|test|samples)\/|^dist\/(cli|cliMain|scanWorker|scanWorkerMain)\.js$|^dist\/(cliMain|scanWorkerMain)\.cache$|^dist\/lib\.|\.map$/.test(
          f,
        ),
      ),
      [],
    );
  });
});
