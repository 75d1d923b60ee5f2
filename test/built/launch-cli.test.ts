// dist/cli.js starts the CLI's bundle (and dist/scanWorker.js the scan worker's) from the V8 code cache `npm run build`
// wrote (src/cli/launch.ts), and without it when the cache was made for another build of the bundle.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileBundle } from '../../src/cli/launch';

const dist = join(__dirname, '..', '..', 'dist');
const version: string = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;

describe('built CLI: start from the code cache', () => {
  before(function () {
    if (!existsSync(join(dist, 'cliMain.cache'))) {
      // `npm test` builds first; under CI a missing build is a failure, never a skip
      if (process.env.CI) throw new Error('dist/cliMain.cache is missing: run npm run build first');
      this.skip();
    }
  });

  it('V8 accepts the cache of the built bundle in a new process', () => {
    // in a process of its own: V8 rejects a cache made with other flags, and a scan in this process sets some
    const check = `console.log(require(${JSON.stringify(join(__dirname, '..', '..', 'src', 'cli', 'launch'))}).compileBundle(${JSON.stringify(join(dist, 'cliMain.js'))}).cached)`;
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', check], { encoding: 'utf8' });
    assert.equal(run.stdout, 'true\n', run.stderr);
  });

  it("V8 accepts the scan worker's cache in a process with the scan's V8 flags, as a reader starts", () => {
    // the reader compiles its bundle after the scan has set its flags (startReader); the cache was made with them
    const src = join(__dirname, '..', '..', 'src', 'cli');
    const check = [
      `const scan = require(${JSON.stringify(join(src, 'scanParallel'))});`,
      'scan.compileLess();',
      'scan.limitHeapGrowth();',
      `console.log(require(${JSON.stringify(join(src, 'launch'))}).compileBundle(${JSON.stringify(join(dist, 'scanWorkerMain.js'))}).cached);`,
    ].join('');
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', check], { encoding: 'utf8' });
    assert.equal(run.stdout, 'true\n', run.stderr);
  });

  it('a bundle rebuilt without a new cache compiles without the old one, and runs', () => {
    const copy = mkdtempSync(join(tmpdir(), 'gridlens-launch-'));
    try {
      for (const file of ['cli.js', 'cliMain.cache']) copyFileSync(join(dist, file), join(copy, file));
      // what esbuild.js --watch leaves: the bundle as esbuild wrote it (no cache key line), here the same length
      const bundle = readFileSync(join(dist, 'cliMain.js'), 'utf8');
      const rebuilt = bundle.slice(0, bundle.lastIndexOf('//# codeCacheKey='));
      writeFileSync(join(copy, 'cliMain.js'), rebuilt + ' '.repeat(bundle.length - rebuilt.length));
      assert.equal(compileBundle(join(copy, 'cliMain.js')).cached, false);
      const run = spawnSync(process.execPath, [join(copy, 'cli.js'), '--version'], { encoding: 'utf8' });
      assert.equal(run.stdout, `${version}\n`, run.stderr);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
