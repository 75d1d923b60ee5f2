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

const common = {
  ...moduleResolution,
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
  plugins: watch ? [problemMatcher] : [],
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
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
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
  // `gridlens scan` worker threads (loaded by dist/cli.js from its own folder)
  {
    ...common,
    entryPoints: ['src/cli/scanWorker.ts'],
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
}

module.exports = { moduleResolution };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
