// Installs code-server (a real VS Code 1.100.3 server + web workbench) from npm into .cache/code-server/<version>/,
// offline apart from the npm registry. Idempotent: a marker file records a finished install; a partial one is wiped
// and redone. Safe against concurrent runs (a lock directory).
//
// Why the steps:
//  - npm 11 blocks dependency install scripts unless allowed. The top-level allow-list lives in the cache folder's own
//    package.json (allowScripts). code-server's postinstall runs a nested `npm install` in lib/vscode, whose native
//    modules need their scripts too: we install with --ignore-scripts first, write lib/vscode/.npmrc with an
//    allow-scripts list taken from its shrinkwrap, then `npm rebuild` runs every script in order.
//  - code-server's postinstall refuses to run as root without npm_config_unsafe_perm=true; a nested `npx node-gyp`
//    cancels without npm_config_yes=true.
//  - @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds
//    $TMPDIR/vscode-ripgrep-cache-<version>/ripgrep-v13.0.0-10-<target>.tar.gz: we build that archive from Debian's rg.
//  - node-gyp downloads Node headers from nodejs.org unless nodedir points at local ones.
import * as fs from 'fs';
import * as path from 'path';
import { spawn, spawnSync } from 'child_process';
import { CODE_SERVER_DIR, CODE_SERVER_VERSION } from './paths';
import { assertRequirements, nodeHeadersDir } from './prerequisites';

const RIPGREP_RELEASE = 'v13.0.0-10';
/** Bump when the install steps change, so cached installs made the old way are redone. */
const RECIPE = 2;
const MARKER = path.join(CODE_SERVER_DIR, 'installed.json');
const LOCK = `${CODE_SERVER_DIR}.lock`;
const LOG = `${CODE_SERVER_DIR}.install.log`;

export function codeServerBin(): string {
  return path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function vscodeDir(): string {
  return path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'lib', 'vscode');
}

interface Marker {
  recipe: number;
  version: string;
  nodeMajor: string;
  arch: string;
  installedAt: string;
  seconds: number;
}

function nodeMajor(): string {
  return process.versions.node.split('.')[0];
}

export function isInstalled(): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(MARKER, 'utf8')) as Marker;
    return (
      marker.recipe === RECIPE &&
      marker.version === CODE_SERVER_VERSION &&
      marker.nodeMajor === nodeMajor() &&
      marker.arch === process.arch &&
      fs.existsSync(codeServerBin())
    );
  } catch {
    return false;
  }
}

export class CodeServerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodeServerUnavailableError';
  }
}

/** Ensures code-server is installed; returns the seconds spent installing (0 when cached). */
export async function ensureCodeServer(log: (line: string) => void = console.log): Promise<number> {
  if (isInstalled()) return 0;
  if (nodeMajor() !== '20') {
    throw new CodeServerUnavailableError(
      `GridLens e2e: code-server ${CODE_SERVER_VERSION} needs Node 20 (its engines.node); this is Node ${process.versions.node}. Use Node 20 (e.g. nvm use 20).`,
    );
  }
  assertRequirements(['install']);
  await withLock(log, async () => {
    if (isInstalled()) return; // another run finished it while we waited
    await install(log);
  });
  return (JSON.parse(fs.readFileSync(MARKER, 'utf8')) as Marker).seconds;
}

async function withLock(log: (line: string) => void, body: () => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readOr(path.join(LOCK, 'pid'), '0'));
      if (holder && !alive(holder)) {
        fs.rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`GridLens e2e: gave up waiting for the code-server install lock ${LOCK} (held by pid ${holder})`);
      if (!announced) log(`code-server: another run (pid ${holder}) is installing; waiting for it`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    await body();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function install(log: (line: string) => void): Promise<void> {
  const started = Date.now();
  log(
    `code-server: installing ${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), CODE_SERVER_DIR)} (first run only, ~2 min; log: ${LOG})`,
  );
  fs.rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  fs.mkdirSync(CODE_SERVER_DIR, { recursive: true });
  fs.writeFileSync(LOG, '');
  const tmp = path.join(CODE_SERVER_DIR, 'tmp');
  fs.mkdirSync(tmp);

  fs.writeFileSync(
    path.join(CODE_SERVER_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'gridlens-e2e-code-server',
        private: true,
        description: 'Test-only install of code-server for the GridLens e2e harness (test/e2e). Not part of the project.',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        // npm >= 11 install-script policy (older npm ignores it and runs scripts anyway). Name-only entries: the
        // versions are pinned above and by code-server's shrinkwrap, and pinned entries cannot be verified when the
        // user's npm config has omit-lockfile-registry-resolved=true.
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ),
  );

  const headers = nodeHeadersDir();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    TMPDIR: tmp,
    ...(headers ? { npm_config_nodedir: headers } : {}),
  };
  // A project-level allowScripts from the caller's environment must not leak in (npm rejects env allow-scripts in projects).
  delete env.npm_config_allow_scripts;

  log('code-server: step 1/3 npm install --ignore-scripts (download)');
  await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], CODE_SERVER_DIR, env);

  log('code-server: step 2/3 allow-list nested install scripts, seed the ripgrep cache from Debian rg');
  for (const dir of [vscodeDir(), path.join(vscodeDir(), 'extensions')]) {
    const allowed = packagesWithInstallScripts(path.join(dir, 'npm-shrinkwrap.json'));
    if (allowed.length > 0) fs.writeFileSync(path.join(dir, '.npmrc'), `allow-scripts=${allowed.join(',')}\n`);
  }
  seedRipgrep(tmp);

  log('code-server: step 3/3 npm rebuild (code-server postinstall: nested installs, native modules via node-gyp)');
  await run('npm', ['rebuild', '--foreground-scripts'], CODE_SERVER_DIR, env);

  verify();
  const seconds = Math.round((Date.now() - started) / 1000);
  const marker: Marker = {
    recipe: RECIPE,
    version: CODE_SERVER_VERSION,
    nodeMajor: nodeMajor(),
    arch: process.arch,
    installedAt: new Date().toISOString(),
    seconds,
  };
  fs.writeFileSync(MARKER, JSON.stringify(marker, null, 2));
  fs.rmSync(tmp, { recursive: true, force: true });
  log(`code-server: installed in ${seconds}s`);
}

/** Names of the non-dev packages with install scripts in a shrinkwrap (its versions are pinned there). */
function packagesWithInstallScripts(shrinkwrap: string): string[] {
  if (!fs.existsSync(shrinkwrap)) return [];
  const lock = JSON.parse(fs.readFileSync(shrinkwrap, 'utf8')) as {
    packages: Record<string, { version?: string; hasInstallScript?: boolean; optional?: boolean; dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([key, meta]) => key !== '' && meta.hasInstallScript && !meta.dev)
    .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

function ripgrepTarget(): string {
  switch (process.arch) {
    case 'x64':
      return 'x86_64-unknown-linux-musl';
    case 'arm64':
      return 'aarch64-unknown-linux-musl';
    default:
      throw new CodeServerUnavailableError(`GridLens e2e: no ripgrep seeding for arch ${process.arch}`);
  }
}

function seedRipgrep(tmp: string): void {
  const lock = JSON.parse(fs.readFileSync(path.join(vscodeDir(), 'npm-shrinkwrap.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const version = lock.packages['node_modules/@vscode/ripgrep']?.version;
  if (!version) throw new Error('GridLens e2e: @vscode/ripgrep not found in code-server lib/vscode/npm-shrinkwrap.json');
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  const cache = path.join(tmp, `vscode-ripgrep-cache-${version}`);
  fs.mkdirSync(cache, { recursive: true });
  const staging = path.join(tmp, 'rg-staging');
  fs.mkdirSync(staging, { recursive: true });
  fs.copyFileSync(fs.realpathSync(rg), path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  // The extractor runs `tar xvf <archive> -C bin/` and expects bin/rg.
  const tar = spawnSync('tar', ['czf', path.join(cache, `ripgrep-${RIPGREP_RELEASE}-${ripgrepTarget()}.tar.gz`), '-C', staging, 'rg'], {
    stdio: 'inherit',
  });
  if (tar.status !== 0) throw new Error('GridLens e2e: could not build the ripgrep cache archive');
}

function verify(): void {
  const expected = [
    codeServerBin(),
    path.join(vscodeDir(), 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
    path.join(vscodeDir(), 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
    path.join(vscodeDir(), 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    path.join(vscodeDir(), 'node_modules.asar'),
  ];
  const missing = expected.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `GridLens e2e: code-server install is incomplete (an install script did not run?); missing:\n  ${missing.join('\n  ')}\nSee ${LOG}`,
    );
  }
  const version = spawnSync(process.execPath, [codeServerBin(), '--version'], { encoding: 'utf8' });
  if (version.status !== 0 || !version.stdout.includes(CODE_SERVER_VERSION)) {
    throw new Error(`GridLens e2e: installed code-server does not start: ${version.stdout}${version.stderr}\nSee ${LOG}`);
  }
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(LOG, 'a');
    fs.writeSync(out, `\n$ (cd ${cwd} && ${command} ${args.join(' ')})\n`);
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', out, out] });
    child.on('error', reject);
    child.on('close', (code) => {
      fs.closeSync(out);
      if (code === 0) return resolve();
      const tail = readOr(LOG, '').split('\n').slice(-60).join('\n');
      reject(new Error(`GridLens e2e: \`${command} ${args.join(' ')}\` failed (exit ${code}) in ${cwd}. Last lines of ${LOG}:\n${tail}`));
    });
  });
}

if (require.main === module) {
  ensureCodeServer().then(
    (seconds) =>
      console.log(
        seconds
          ? `code-server ready (installed in ${seconds}s)`
          : `code-server ${CODE_SERVER_VERSION} already installed: ${CODE_SERVER_DIR}`,
      ),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
