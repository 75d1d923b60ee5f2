// The built CLI (dist/cli.js and dist/scanWorker.js) gives the same report byte for byte on one thread, with the
// reader split (GRIDLENS_THREADS=2: a worker reads and prefilters, the main thread analyses) and on analysing
// workers (GRIDLENS_THREADS=3), on the repository's fixture folders scanned together.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanReport } from '../../src/cli/report';

const repoRoot = join(__dirname, '..', '..');
const cli = join(repoRoot, 'dist', 'cli.js');
const fixtures = join(repoRoot, 'test', 'fixtures');

function scan(threads: string): string {
  const run = spawnSync(process.execPath, [cli, 'scan', fixtures, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, GRIDLENS_THREADS: threads },
    timeout: 100_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(run.status === 0 || run.status === 1, `GRIDLENS_THREADS=${threads}: exit ${run.status}: ${run.stderr}`);
  return run.stdout;
}

describe('built CLI: gridlens scan on one thread, the reader split and workers', () => {
  before(function () {
    if (!existsSync(cli) || !existsSync(join(repoRoot, 'dist', 'scanWorker.js'))) {
      // `npm test` builds first; under CI a missing build is a failure, never a skip
      if (process.env.CI) throw new Error('dist/cli.js or dist/scanWorker.js is missing: run npm run build first');
      this.skip();
    }
  });

  it('gives the same report byte for byte', () => {
    const one = scan('1');
    const report = JSON.parse(one) as ScanReport;
    assert.ok(report.findings.length > 100 && report.pairs.length > 10, 'the fixtures give a report worth comparing');
    assert.equal(scan('2'), one, 'the reader split');
    assert.equal(scan('3'), one, 'three analysing workers');
  });
});
