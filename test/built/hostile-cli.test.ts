// The built CLI (dist/cli.js and dist/scanWorker.js, as `npm run build` leaves them) on the hostile workspace of
// test/hostile/hostileFiles.ts: on worker threads it reports the errors the in-process scan reports
// (test/unit/robust-hostile.test.ts checks those), and neither its main thread nor a worker touches the network.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ScanReport } from '../../src/cli/report';
import { runScan } from '../../src/cli/scan';
import { writeHostileWorkspace } from '../hostile/hostileFiles';

const repoRoot = join(__dirname, '..', '..');
const cli = join(repoRoot, 'dist', 'cli.js');

/** Environment that preloads the network blocker into a spawned process (and its worker threads), and what it logged. */
function networkGuard(): { env: NodeJS.ProcessEnv; attempts: () => string } {
  const log = join(mkdtempSync(join(tmpdir(), 'gridlens-net-')), 'attempts.log');
  const preload = join(repoRoot, 'test', 'unit', 'helpers', 'noNetworkPreload.cjs');
  return {
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(preload)}`.trim(), GRIDLENS_NETWORK_LOG: log },
    attempts: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
  };
}

describe('built CLI: no network', () => {
  it('the preload used on spawned CLIs records a connection tried from a worker thread', () => {
    const network = networkGuard();
    const script =
      "const w = require('node:worker_threads'); if (w.isMainThread) new w.Worker(__filename); else require('node:net').connect(9, '192.0.2.1');";
    const scriptFile = join(dirname(network.env.GRIDLENS_NETWORK_LOG!), 'tries.cjs');
    writeFileSync(scriptFile, script);
    spawnSync(process.execPath, [scriptFile], { encoding: 'utf8', env: { ...process.env, ...network.env }, timeout: 30_000 });
    assert.match(network.attempts(), /^net\.connect \S+ \(thread [1-9]/);
  });
});

describe('built CLI: gridlens scan on a hostile workspace, on worker threads', () => {
  let base: string;
  let root: string;

  before(function () {
    if (!existsSync(cli) || !existsSync(join(repoRoot, 'dist', 'scanWorker.js'))) {
      // `npm test` builds first; under CI a missing build is a failure, never a skip
      if (process.env.CI) throw new Error('dist/cli.js or dist/scanWorker.js is missing: run npm run build first');
      this.skip();
    }
    base = mkdtempSync(join(tmpdir(), 'gridlens-hostile-'));
    root = join(base, 'ws');
    mkdirSync(root);
    writeHostileWorkspace(root, { huge: true, outside: join(base, 'outside') });
  });
  after(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('reports the same errors as the scan in process, stack depth aside, without touching the network', async () => {
    let out = '';
    const code = await runScan([root, '--format', 'json'], {
      stdout: (t) => {
        out += t;
      },
      stderr: () => undefined,
      stderrIsTTY: false,
      cwd: root,
    });
    assert.ok(code === 0 || code === 1, `in process: exit ${code}`);
    const inProcess = JSON.parse(out) as ScanReport;
    // worker threads have a 4 MB stack, the main thread about 1 MB: what is 'nested too deep' differs, nothing else
    const key = (e: { file: string; message: string }) => `${e.file}: ${e.message}`;
    const stable = (errors: ScanReport['errors']) =>
      errors
        .filter((e) => !/nested too deep|call stack/i.test(e.message))
        .map(key)
        .sort();
    assert.ok(stable(inProcess.errors).length > 0, 'the hostile workspace gives errors to compare');
    // 2: a reader thread and the analysing main thread; 3: analysing workers
    for (const threads of ['2', '3']) {
      const network = networkGuard();
      const run = spawnSync(process.execPath, [cli, 'scan', root, '--format', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, ...network.env, GRIDLENS_THREADS: threads },
        timeout: 100_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.ok(run.status === 0 || run.status === 1, `GRIDLENS_THREADS=${threads}: exit ${run.status}: ${run.stderr}`);
      assert.equal(network.attempts(), '', `the built CLI tried to use the network (GRIDLENS_THREADS=${threads})`);
      const threaded = JSON.parse(run.stdout) as ScanReport;
      assert.deepEqual(stable(threaded.errors), stable(inProcess.errors), `GRIDLENS_THREADS=${threads}`);
    }
  });
});
