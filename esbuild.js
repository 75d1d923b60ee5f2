// Builds the bundles: the Node extension (and its engine, loaded on first use), the browser (web worker) extension,
// the CLI (and its scan worker), the library entry and the leaderboard page. `--cli` (the npm package's prepack)
// builds only what the npm package ships: the CLI and the library.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const cliOnly = process.argv.includes('--cli');

/** Prints esbuild problems in the format VS Code's $esbuild-watch problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** How bundles resolve packages; the benchmark's own bundles of the same sources use it too. */
const moduleResolution = {
  // Prefer ES modules: some packages' UMD "main" (jsonc-parser) loads its parts with a dynamic require.
  mainFields: ['module', 'main'],
  // yaml's Node build reads process.env.LOG_TOKENS for every token, a call into C++ (1.2 s for the 14 MB of YAML of
  // the bench tree); its browser build is the same code without that
  alias: { yaml: path.join(__dirname, 'node_modules/yaml/browser/index.js') },
};

/**
 * src/core/data/schema.ts builds the dataset's zod schemas as it loads, for loadDataset alone; the bundles index the
 * dataset the build checked already (core/data/bundled.ts) and never call it, yet built them (and loaded zod) at
 * every start: 10 ms of each scan worker's start-up. Declared free of side effects, the module (and zod with it) is
 * left out of a bundle that uses none of its values.
 */
const schemaOnDemand = {
  name: 'schema-on-demand',
  setup(build) {
    build.onResolve({ filter: /^\.\/schema$/ }, (args) =>
      args.importer === path.join(__dirname, 'src/core/data/dataset.ts')
        ? { path: path.join(args.resolveDir, 'schema.ts'), sideEffects: false }
        : undefined,
    );
  },
};

const common = {
  ...moduleResolution,
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
  plugins: watch ? [schemaOnDemand, problemMatcher] : [schemaOnDemand],
};

const allBuilds = [
  // activation loads only this; node.ts requires dist/engine.js (scanner, parsers, calculator, dataset) when first needed
  {
    ...common,
    entryPoints: ['src/extension/node.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', './engine.js'],
  },
  { ...common, entryPoints: ['src/extension/engine.ts'], outfile: 'dist/engine.js', platform: 'node', format: 'cjs', target: 'node20' },
  {
    ...common,
    entryPoints: ['src/extension/web.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
  },
  // the CLI: dist/cli.js starts the bundle dist/cliMain.js from its code cache (src/cli/launch.ts)
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cliMain.js', platform: 'node', format: 'cjs', target: 'node20', cli: true },
  {
    ...common,
    entryPoints: ['src/cli/cliLauncher.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    cli: true,
  },
  // the library entry of the npm package (`import { recommend } from 'gridlens'`), CommonJS and ES module
  { ...common, entryPoints: ['src/lib/index.ts'], outfile: 'dist/lib.cjs', platform: 'node', format: 'cjs', target: 'node20', cli: true },
  { ...common, entryPoints: ['src/lib/index.ts'], outfile: 'dist/lib.mjs', platform: 'node', format: 'esm', target: 'node20', cli: true },
  // `gridlens scan` worker threads (dist/cliMain.js starts dist/scanWorker.js from its own folder): a launcher that starts
  // the bundle dist/scanWorkerMain.js from its code cache, as dist/cli.js does the CLI's
  {
    ...common,
    entryPoints: ['src/cli/scanWorker.ts'],
    outfile: 'dist/scanWorkerMain.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    cli: true,
  },
  {
    ...common,
    entryPoints: ['src/cli/scanWorkerLauncher.ts'],
    outfile: 'dist/scanWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    cli: true,
  },
  {
    ...common,
    entryPoints: ['src/webview/leaderboard/page/main.ts'],
    outfile: 'dist/webview/leaderboard.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

const builds = allBuilds.filter((options) => !cliOnly || options.cli).map(({ cli, ...options }) => options);

/**
 * The licence texts of the packages bundled into what was built (MIT, ISC, BSD and Apache-2.0 require their notice
 * to travel with copies), from esbuild's list of inputs; the npm package and the .vsix both ship the file.
 */
function writeThirdPartyNotices(metafiles) {
  const packages = new Map();
  for (const input of metafiles.flatMap((metafile) => Object.keys(metafile.inputs))) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match || packages.has(match[1])) continue;
    const dir = path.join(__dirname, 'node_modules', match[1]);
    const { version, license } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licenceFile = fs.readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    if (!licenceFile) throw new Error(`${match[1]} is bundled but ships no licence file`);
    packages.set(match[1], `${match[1]} ${version} (${license})\n\n${fs.readFileSync(path.join(dir, licenceFile), 'utf8').trim()}\n`);
  }
  const sections = [...packages.keys()].sort().map((name) => packages.get(name));
  fs.writeFileSync(
    path.join(__dirname, 'dist', 'THIRD-PARTY-NOTICES.txt'),
    `Packages bundled into ${builds.map((options) => options.outfile).join(', ')}, with their licences.\n\n${sections.join(`\n${'-'.repeat(78)}\n\n`)}`,
  );
}

/** The bundles started from V8's code cache (src/cli/launch.ts): the CLI's, and its scan worker's. */
const CLI_BUNDLE = 'dist/cliMain.js';
const WORKER_BUNDLE = 'dist/scanWorkerMain.js';

/**
 * What the CLI's bundle scans (on one thread) before its code cache is made: the functions a scan runs are compiled by
 * then and their bytecode goes into the cache, where every `gridlens scan` compiled them on first call (the main
 * thread's CPU on the realistic bench tree: 1.47 -> 1.43 s, medians of 7 runs). The fixtures are small and reach every
 * detector.
 */
const TRAINING_SCAN = path.join(__dirname, 'test', 'fixtures');

/**
 * V8 flags a scan sets for its whole process (src/cli/scanParallel.ts: compileLess, limitHeapGrowth). V8 finds a
 * process's flags in its code cache and rejects the cache in a process with other flags: the CLI's bundle compiles
 * before the scan sets them, so after the training scan they are set back to V8's defaults for its cache
 * (test/built/launch-cli.test.ts checks that a new process accepts the cache); a scan's reader starts once they are
 * set (startReader), so the scan worker's cache is made with them.
 */
const SCAN_FLAGS = ['interrupt-budget', 'heap-growing-percent'];

/** `--name=value` of each V8 flag as it is by default, from `node --v8-options`. */
function v8Defaults(names) {
  const help = require('node:child_process').execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
  return names.map((name) => {
    const found = new RegExp(`default: (--${name}=\\S+)`).exec(help);
    if (!found) throw new Error(`node --v8-options gives no default for --${name}`);
    return found[1];
  });
}

/**
 * Adds to a bundle the last line that names it (its SHA-256), as src/cli/launch.ts reads it; the line begins its cache
 * file too, followed by the cached data.
 */
function keyBundle(bundle) {
  const file = path.join(__dirname, bundle);
  const key = `//# codeCacheKey=${require('node:crypto').createHash('sha256').update(fs.readFileSync(file)).digest('hex')}\n`;
  fs.appendFileSync(file, key);
  return { file, key };
}

/**
 * Writes V8's code caches of the CLI's bundle and its scan worker's. Each bundle is compiled and its module code run
 * (what runs at start is then in the cache too). The CLI's then scans TRAINING_SCAN, in a worker thread of this
 * process, with its flags (V8 rejects a cache made with other flags); the CLI does not start a command there, not
 * being the main module. The scan worker's runs as a reader in a worker thread started then, with the scan's flags.
 */
function writeCodeCaches() {
  const { Worker } = require('node:worker_threads');
  const cli = keyBundle(CLI_BUNDLE);
  const worker = keyBundle(WORKER_BUNDLE);
  const training = fs.existsSync(TRAINING_SCAN) ? TRAINING_SCAN : undefined;
  if (!training)
    console.warn(`${TRAINING_SCAN} is missing: ${CLI_BUNDLE}'s code cache holds only what runs at start, ${WORKER_BUNDLE} has none`);
  const compileAndRun = `
    const { readFileSync } = require('node:fs');
    const Module = require('node:module');
    const { Script } = require('node:vm');
    const compileAndRun = (file) => {
      const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file });
      const entry = new Module(file);
      script.runInThisContext().call(entry.exports, entry.exports, Module.createRequire(file), entry, file, require('node:path').dirname(file));
      return { script, entry };
    };`;
  const produceWorker = `${compileAndRun}
    const { parentPort, workerData } = require('node:worker_threads');
    parentPort.postMessage(compileAndRun(workerData.file).script.createCachedData());`;
  const produce = `${compileAndRun}
    const { setFlagsFromString } = require('node:v8');
    const { Worker, parentPort, workerData: { cli, worker, training, defaults } } = require('node:worker_threads');
    const { script, entry } = compileAndRun(cli);
    (async () => {
      let workerData;
      if (training) {
        const quiet = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false };
        await entry.exports.main(['scan', training, '--format', 'json'], quiet);
        const reader = new Worker(${JSON.stringify(produceWorker)}, {
          eval: true,
          workerData: { file: worker, root: training, maxFileBytes: 1 << 20, prefilter: true, reader: true },
        });
        workerData = await new Promise((resolve, reject) => (reader.once('message', resolve), reader.once('error', reject)));
        await reader.terminate();
        for (const flag of defaults) setFlagsFromString(flag);
      }
      parentPort.postMessage({ cliData: script.createCachedData(), workerData });
    })();`;
  return new Promise((resolve, reject) => {
    const producer = new Worker(produce, {
      eval: true,
      workerData: { cli: cli.file, worker: worker.file, training, defaults: training ? v8Defaults(SCAN_FLAGS) : [] },
      env: { ...process.env, GRIDLENS_THREADS: '1' },
    });
    producer.once('error', reject);
    producer.once('message', ({ cliData, workerData }) => {
      const write = ({ file, key }, data) =>
        fs.writeFileSync(file.replace(/\.js$/, '.cache'), Buffer.concat([Buffer.from(key, 'latin1'), data]));
      write(cli, cliData);
      if (workerData) write(worker, workerData);
      producer.terminate().then(() => resolve(), reject);
    });
  });
}

async function main() {
  // npm pack always ships the files named by "main" and "browser": the CLI-only build starts from an empty dist/
  // so the package never carries the VS Code bundles.
  if (cliOnly) fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  writeThirdPartyNotices(results.map((result) => result.metafile));
  // the library's published types: one file, checked against the sources by test/unit/library.test.ts
  if (builds.some((options) => options.outfile === 'dist/lib.cjs')) {
    for (const types of ['dist/lib.d.ts', 'dist/lib.d.mts'])
      fs.copyFileSync(path.join(__dirname, 'src/lib/gridlens.d.ts'), path.join(__dirname, types));
  }
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (builds.some((options) => options.outfile === CLI_BUNDLE)) await writeCodeCaches();
}

module.exports = { moduleResolution };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
