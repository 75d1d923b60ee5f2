// Runs the extension-host suite (test/extension-host/suite) inside code-server's extension host:
// installs GridLens's .vsix and the test-only runner extension into a throw-away extensions dir, starts code-server
// with the results path in its environment, opens the workbench in Chromium (the extension host starts only when a
// window connects), waits for the runner's results file, prints them and exits non-zero on any failure.
//   npm run test:host            (or: npx tsx test/e2e/hostSuite.ts [--grep <pattern>])
import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { buildSuite } from '../extension-host/build';
import type { HostSuiteResults } from '../extension-host/runner/src/runner';
import { launchChromium, loadWorkbench, newWindow, type WorkbenchPage } from './lib/browser';
import { removeSession, startCodeServer, type CodeServerSession } from './lib/codeServer';
import { ensureCodeServer } from './lib/installCodeServer';
import { packageAll } from './lib/packaging';
import { OUTPUT_DIR } from './lib/paths';
import { assertRequirements } from './lib/prerequisites';
import { reportUnavailable, writeStats } from './lib/report';

const OUT = path.join(OUTPUT_DIR, 'host-suite');
const STARTUP_TIMEOUT_MS = 90_000; // code-server start + first window + extension host start + runner activation
const SUITE_TIMEOUT_MS = Number(process.env.GRIDLENS_HOST_SUITE_TIMEOUT_MS ?? 300_000);

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

async function waitForResults(file: string, session: CodeServerSession): Promise<HostSuiteResults> {
  const started = Date.now();
  let sawStart = false;
  for (;;) {
    if (fs.existsSync(file)) {
      try {
        const results = JSON.parse(fs.readFileSync(file, 'utf8')) as HostSuiteResults;
        if (!sawStart) {
          sawStart = true;
          console.log(
            `host suite: runner started in ${results.appName} ${results.vscodeVersion} (${seconds(started)}s after the window opened)`,
          );
        }
        if (results.state !== 'started') return results;
      } catch {
        // a partial write; the runner writes atomically, so only the first 'started' marker can be caught mid-write
      }
    }
    const elapsed = Date.now() - started;
    if (!sawStart && elapsed > STARTUP_TIMEOUT_MS) {
      throw new Error(
        `the test runner extension did not start within ${STARTUP_TIMEOUT_MS / 1000}s (extension host not started, or the runner failed to activate); see ${session.logFile}`,
      );
    }
    if (elapsed > SUITE_TIMEOUT_MS) throw new Error(`the extension-host suite did not finish within ${SUITE_TIMEOUT_MS / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function printResults(results: HostSuiteResults): void {
  let lastSuite = '';
  for (const test of results.tests) {
    const suite = test.fullTitle.slice(0, test.fullTitle.length - test.title.length).trim();
    if (suite !== lastSuite) console.log(`  ${suite}`);
    lastSuite = suite;
    const mark = test.state === 'passed' ? '✔' : test.state === 'failed' ? '✘' : '-';
    console.log(`    ${mark} ${test.title}${test.durationMs !== undefined ? ` (${test.durationMs} ms)` : ''}`);
    if (test.error)
      console.log(
        test.error
          .split('\n')
          .map((line) => `        ${line}`)
          .join('\n'),
      );
  }
  if (results.error) console.log(`  runner crashed: ${results.error}`);
}

export async function runHostSuite(): Promise<{ passes: number; failures: number; pending: number }> {
  const t0 = Date.now();
  assertRequirements(['run']);
  const installSeconds = await ensureCodeServer((line) => console.log(line));
  const [files, packages] = await Promise.all([buildSuite(), packageAll()]);
  console.log(
    `host suite: ${files.length} test files; packaged GridLens + runner in ${packages.seconds.toFixed(1)}s${installSeconds ? `; installed code-server in ${installSeconds}s` : ''}`,
  );

  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const resultsFile = path.join(OUT, 'results.json');
  const grepIndex = process.argv.indexOf('--grep');
  let session: CodeServerSession | undefined;
  let browser: Browser | undefined;
  let workbench: WorkbenchPage | undefined;
  let failed = true;
  try {
    const t1 = Date.now();
    session = await startCodeServer({
      label: 'host',
      vsix: [packages.gridlens, packages.runner],
      env: {
        GRIDLENS_HOST_TEST_RESULTS: resultsFile,
        GRIDLENS_HOST_TEST_FILES: JSON.stringify(files),
        ...(grepIndex > 0 ? { GRIDLENS_HOST_TEST_GREP: process.argv[grepIndex + 1] } : {}),
      },
    });
    console.log(`host suite: code-server listening at ${session.url} (${seconds(t1)}s incl. installing 2 extensions)`);
    browser = await launchChromium();
    const t2 = Date.now();
    workbench = await newWindow(browser, session.url);
    await loadWorkbench(workbench, session.workbenchUrl);
    console.log(`host suite: workbench rendered in ${seconds(t2)}s`);
    const t3 = Date.now();
    const results = await waitForResults(resultsFile, session);
    printResults(results);
    const crashed = results.state === 'crashed' ? 1 : 0;
    const ran = results.passes + results.failures + results.pending;
    if (ran === 0 && !crashed) throw new Error('the extension-host suite ran no tests');
    console.log(
      `host suite (inside code-server ${results.vscodeVersion}): ${results.passes} passing, ${results.failures + crashed} failing, ${results.pending} pending, in ${seconds(t3)}s; total ${seconds(t0)}s`,
    );
    failed = results.failures + crashed > 0;
    return { passes: results.passes, failures: results.failures + crashed, pending: results.pending };
  } finally {
    if (workbench) await workbench.page.screenshot({ path: path.join(OUT, 'final.png'), animations: 'disabled' }).catch(() => undefined);
    if (failed && session) {
      session.saveLogs(path.join(OUT, 'logs'));
      if (workbench?.consoleErrors.length)
        fs.writeFileSync(path.join(OUT, 'logs', 'browser-console-errors.txt'), workbench.consoleErrors.join('\n'));
      console.log(`host suite: FAILED; screenshot, code-server and VS Code logs kept in ${path.relative(process.cwd(), OUT)}/`);
    }
    await browser?.close().catch(() => undefined);
    await session?.stop();
    if (session) removeSession(session);
  }
}

if (require.main === module) {
  runHostSuite().then(
    (counts) => {
      writeStats('host', counts);
      process.exit(counts.failures > 0 ? 1 : 0);
    },
    (error: Error) => {
      if (reportUnavailable(error, 'host', 'extension-host suite')) return;
      console.error(`host suite: ERROR ${error.stack ?? error.message}`);
      writeStats('host', { passes: 0, failures: 1, pending: 0, error: error.message });
      process.exit(1);
    },
  );
}
