// Test-only extension: runs the extension-host suite (the compiled files of test/extension-host/suite) with mocha,
// inside whatever extension host loaded it, and writes the results as JSON for the harness (test/e2e/hostSuite.ts).
// The same files run under @vscode/test-cli on machines with a desktop VS Code (.vscode-test.mjs).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface HostTestResult {
  title: string;
  fullTitle: string;
  file?: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface HostSuiteResults {
  state: 'started' | 'done' | 'crashed';
  vscodeVersion?: string;
  appName?: string;
  startedAt: string;
  finishedAt?: string;
  passes: number;
  failures: number;
  pending: number;
  tests: HostTestResult[];
  error?: string;
}

function writeAtomically(file: string, results: HostSuiteResults): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(results, null, 2));
  fs.renameSync(temp, file);
}

export function activate(context: vscode.ExtensionContext): void {
  const resultsFile = process.env.GRIDLENS_HOST_TEST_RESULTS;
  const filesJson = process.env.GRIDLENS_HOST_TEST_FILES;
  if (!resultsFile || !filesJson) return; // installed but not asked to run
  const results: HostSuiteResults = {
    state: 'started',
    vscodeVersion: vscode.version,
    appName: vscode.env.appName,
    startedAt: new Date().toISOString(),
    passes: 0,
    failures: 0,
    pending: 0,
    tests: [],
  };
  // One run per results file: a second window (another extension host) must not run the suite again.
  try {
    fs.writeFileSync(resultsFile, JSON.stringify(results), { flag: 'wx' });
  } catch {
    return;
  }
  const log = vscode.window.createOutputChannel('GridLens Host Tests');
  context.subscriptions.push(log);
  void run(JSON.parse(filesJson) as string[], results, (line) => log.appendLine(line))
    .catch((error: unknown) => {
      results.state = 'crashed';
      results.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    })
    .finally(() => {
      results.finishedAt = new Date().toISOString();
      writeAtomically(resultsFile, results);
    });
}

function run(files: string[], results: HostSuiteResults, log: (line: string) => void): Promise<void> {
  const grep = process.env.GRIDLENS_HOST_TEST_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.GRIDLENS_HOST_TEST_TIMEOUT ?? 20_000),
    ...(grep ? { grep } : {}),
  });
  for (const file of files) mocha.addFile(path.resolve(file));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve());
      const record = (test: Mocha.Test, state: HostTestResult['state'], error?: Error) => {
        results.tests.push({
          title: test.title,
          fullTitle: test.fullTitle(),
          file: test.file,
          state,
          durationMs: test.duration,
          ...(error ? { error: error.stack ?? error.message } : {}),
        });
        log(
          `${state === 'passed' ? 'ok  ' : state === 'failed' ? 'FAIL' : 'skip'} ${test.fullTitle()}${error ? `\n     ${error.message}` : ''}`,
        );
      };
      runner.on('pass', (test) => {
        results.passes++;
        record(test, 'passed');
      });
      runner.on('fail', (test, error) => {
        results.failures++;
        // A failing hook is reported as a "test" too; keep it so the harness counts it as a failure.
        record(test as Mocha.Test, 'failed', error as Error);
      });
      runner.on('pending', (test) => {
        results.pending++;
        record(test, 'pending');
      });
      runner.on('end', () => {
        results.state = 'done';
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

export function deactivate(): void {
  // nothing to dispose beyond context.subscriptions
}
