// The npm package as a user gets it: `npm pack` in a copy of the repository (its prepack builds the CLI and empties
// dist/, so the copy keeps the working tree's build untouched), then `npm install <tarball>` into an empty project
// with an empty npm cache, --offline and every network call of npm's process refused. Built once per test run and
// shared by the package and GitHub Action tests.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');

export interface PackedCli {
  /** Scratch folder holding everything below; removed when the test process exits. */
  dir: string;
  /** The repository copy `npm pack` ran in. */
  repoCopy: string;
  tarball: string;
  /** An empty project the tarball was installed into. */
  project: string;
  /** Environment under which npm and npx cannot reach a registry. */
  offlineEnv: NodeJS.ProcessEnv;
  /** Every network call npm attempted during the install (none expected; the file exists only if one did). */
  networkLog: string;
}

/** Build output, installs and caches: what a fresh clone does not have. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'test-output', '.cache']);

export function run(
  command: string,
  args: string[],
  options: SpawnSyncOptions & { cwd: string },
): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export function runOk(command: string, args: string[], options: SpawnSyncOptions & { cwd: string }): string {
  const result = run(command, args, options);
  if (result.status !== 0)
    throw new Error(
      `\`${command} ${args.join(' ')}\` exited ${result.status} in ${options.cwd}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
    );
  return result.stdout;
}

/** The repository as a fresh clone has it (no node_modules, no build output) copied to dest. */
export function copyRepository(dest: string): void {
  cpSync(REPO_ROOT, dest, {
    recursive: true,
    filter: (source) => {
      const rel = relative(REPO_ROOT, source);
      return !NOT_COPIED.has(rel.split(/[\\/]/)[0]) && !/\.(vsix|tgz)$/.test(rel);
    },
  });
}

let packed: PackedCli | undefined;

export function packedCli(): PackedCli {
  if (packed) return packed;
  const dir = mkdtempSync(join(tmpdir(), 'gridlens-pack-'));
  const repoCopy = join(dir, 'repo');
  copyRepository(repoCopy);
  symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules')), join(repoCopy, 'node_modules'), 'dir');
  const out = join(dir, 'out');
  mkdirSync(out);
  runOk('npm', ['pack', '--pack-destination', out], { cwd: repoCopy });
  const [tarball] = readdirSync(out).filter((name) => name.endsWith('.tgz'));

  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "empty-project", "private": true }\n');
  const networkLog = join(dir, 'network.log');
  const offlineEnv = {
    ...process.env,
    npm_config_offline: 'true',
    npm_config_cache: join(dir, 'npm-cache'),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  runOk('npm', ['install', join(out, tarball)], {
    cwd: project,
    env: {
      ...offlineEnv,
      NODE_OPTIONS: `--require ${join(REPO_ROOT, 'test', 'unit', 'helpers', 'noNetworkPreload.cjs')}`,
      GRIDLENS_NETWORK_LOG: networkLog,
    },
  });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  packed = { dir, repoCopy, tarball: join(out, tarball), project, offlineEnv, networkLog };
  return packed;
}
