// The build under test: a copy of the sources in .cache/bench/snapshot/ (node_modules linked), built there with the
// project's own scripts (`scripts/compile-data.ts`, `esbuild.js --production`, `vsce package`). The benchmark never
// writes the shared dist/ and is never disturbed by someone rebuilding it mid-run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SNAPSHOT = path.join(REPO_ROOT, '.cache', 'bench', 'snapshot');

const COPY = [
  'src',
  'scripts',
  'data',
  'media',
  'esbuild.js',
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  '.vscodeignore',
  'tsconfig.json',
  // what esbuild.js scans before it writes the CLI's code cache
  'test/fixtures',
];

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0)
    throw new Error(
      `\`${command} ${args.join(' ')}\` failed in ${cwd} (exit ${result.status}):\n${(result.stdout ?? '').slice(-3000)}${(result.stderr ?? '').slice(-3000)}`,
    );
  return `${result.stdout}${result.stderr}`;
}

export interface Snapshot {
  root: string;
  commit: string;
  dirty: boolean;
  cli: string;
  scanWorker?: string;
  extension: string;
  /** The Node build's second file, required on first use (scanner, parsers, calculator, dataset). */
  engine: string;
  webExtension: string;
  webview: string;
  dataset: string;
  vsix: string;
  seconds: number;
}

/** Copies the working tree's sources and builds the production bundles and the .vsix from them. */
export function buildSnapshot(log: (line: string) => void): Snapshot {
  const started = Date.now();
  fs.rmSync(SNAPSHOT, { recursive: true, force: true });
  fs.mkdirSync(SNAPSHOT, { recursive: true });
  for (const entry of COPY) {
    const from = path.join(REPO_ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(SNAPSHOT, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(SNAPSHOT, 'node_modules'), 'dir');
  const bin = (name: string) => path.join(REPO_ROOT, 'node_modules', '.bin', name);
  log('  dataset (scripts/compile-data.ts)…');
  run(bin('tsx'), ['scripts/compile-data.ts'], SNAPSHOT);
  log('  production bundles (esbuild.js --production)…');
  run(process.execPath, ['esbuild.js', '--production'], SNAPSHOT);
  log('  .vsix (vsce package)…');
  const vsix = path.join(SNAPSHOT, 'gridlens.vsix');
  run(bin('vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', vsix], SNAPSHOT);
  const git = (args: string[]) => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const dist = (rel: string) => path.join(SNAPSHOT, 'dist', rel);
  const worker = dist('scanWorker.js');
  return {
    root: SNAPSHOT,
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain', '--', ...COPY]).length > 0,
    cli: dist('cli.js'),
    scanWorker: fs.existsSync(worker) ? worker : undefined,
    extension: dist('extension.js'),
    engine: dist('engine.js'),
    webExtension: dist('web/extension.js'),
    webview: dist('webview/leaderboard.js'),
    dataset: path.join(SNAPSHOT, 'build', 'dataset.json'),
    vsix,
    seconds: (Date.now() - started) / 1000,
  };
}
