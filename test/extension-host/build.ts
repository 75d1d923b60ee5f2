// Compiles the extension-host suite to plain JS (one file per *.test.ts, 'vscode' and 'mocha' external) into
// out/extension-host/suite/, and bundles the test-only runner extension (with mocha inside) into runner/dist/.
// The compiled suite is what both runners load: @vscode/test-cli (.vscode-test.mjs) and the runner extension in
// code-server (test/e2e/hostSuite.ts).
//   npx tsx test/extension-host/build.ts
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

const HERE = __dirname;
const REPO_ROOT = path.resolve(HERE, '..', '..');
export const SUITE_OUT_DIR = path.join(REPO_ROOT, 'out', 'extension-host', 'suite');
export const RUNNER_DIR = path.join(HERE, 'runner');

function suiteSources(): string[] {
  const dir = path.join(HERE, 'suite');
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .sort()
    .map((file) => path.join(dir, file));
}

/** Builds the suite; returns the absolute paths of the compiled test files, in a stable order. */
export async function buildSuite(): Promise<string[]> {
  const sources = suiteSources();
  fs.rmSync(SUITE_OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: sources,
    outdir: SUITE_OUT_DIR,
    outbase: path.join(HERE, 'suite'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    // as esbuild.js: jsonc-parser's UMD "main" loads its parts with a dynamic require (suites that run the CLI need it)
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return sources.map((source) => path.join(SUITE_OUT_DIR, path.relative(path.join(HERE, 'suite'), source).replace(/\.ts$/, '.js')));
}

export async function buildRunner(): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(RUNNER_DIR, 'src', 'runner.ts')],
    outfile: path.join(RUNNER_DIR, 'dist', 'runner.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'error',
  });
}

if (require.main === module) {
  Promise.all([buildSuite(), buildRunner()]).then(
    ([files]) =>
      console.log(
        `extension-host suite: ${files.length} files → ${path.relative(REPO_ROOT, SUITE_OUT_DIR)}; runner → ${path.relative(REPO_ROOT, path.join(RUNNER_DIR, 'dist'))}`,
      ),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
