// Packages GridLens (production build, the same .vscodeignore allow-list as `npm run package`), its browser-only
// variant and the test-only runner extension as .vsix files under .cache/e2e-vsix/.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn } from 'child_process';
import { buildRunner, RUNNER_DIR } from '../../extension-host/build';
import { REPO_ROOT, VSIX_DIR } from './paths';

export const GRIDLENS_VSIX = path.join(VSIX_DIR, 'gridlens.vsix');
export const RUNNER_VSIX = path.join(VSIX_DIR, 'gridlens-host-test-runner.vsix');
export const GRIDLENS_WEB_VSIX = path.join(VSIX_DIR, 'gridlens-web-only.vsix');

/** Runs a command; resolves with its stdout. */
function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let output = '';
    const child = spawn(command, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`\`${command} ${args.join(' ')}\` failed (exit ${code}) in ${cwd}:\n${output.slice(-4000)}`)),
    );
  });
}

const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');

/**
 * Set by scripts/test.mjs after it has packaged once, so the host suite and the browser tests reuse the same files.
 */
const REUSE = 'GRIDLENS_E2E_PACKAGED';

export async function packageGridLens(): Promise<string> {
  if (process.env[REUSE] === '1' && fs.existsSync(GRIDLENS_VSIX)) return GRIDLENS_VSIX;
  fs.mkdirSync(VSIX_DIR, { recursive: true });
  await run('npm', ['run', '--silent', 'build:production'], REPO_ROOT);
  // --no-rewrite-relative-links: README links are irrelevant for a test install, and rewriting them needs a
  // repository URL; `npm run package` (release) still checks them.
  await run(
    vsce,
    ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', GRIDLENS_VSIX],
    REPO_ROOT,
  );
  return GRIDLENS_VSIX;
}

/**
 * The browser-only variant: the files of the .vsix (as `vsce ls` lists them) but the Node build, with a manifest
 * that has no "main", so VS Code can only run dist/web/extension.js, in its web worker extension host. Packages the
 * build that packageGridLens() made: call that first.
 */
export async function packageGridLensWebOnly(): Promise<string> {
  if (process.env[REUSE] === '1' && fs.existsSync(GRIDLENS_WEB_VSIX)) return GRIDLENS_WEB_VSIX;
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'gridlens-web-vsix-'));
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    // without the Node build: "main" and the engine it loads on first use
    const nodeBuild = new Set([path.posix.normalize(manifest.main), 'dist/engine.js']);
    const files = (await run(vsce, ['ls', '--no-dependencies'], REPO_ROOT))
      .split('\n')
      .map((line) => line.trim())
      .filter((file) => file && !nodeBuild.has(file));
    for (const file of [...files, '.vscodeignore']) {
      fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
      fs.copyFileSync(path.join(REPO_ROOT, file), path.join(stage, file));
    }
    delete manifest.main;
    fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
    await run(
      vsce,
      ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', GRIDLENS_WEB_VSIX],
      stage,
    );
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  return GRIDLENS_WEB_VSIX;
}

export async function packageRunner(): Promise<string> {
  if (process.env[REUSE] === '1' && fs.existsSync(RUNNER_VSIX)) return RUNNER_VSIX;
  fs.mkdirSync(VSIX_DIR, { recursive: true });
  await buildRunner();
  await run(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', RUNNER_VSIX], RUNNER_DIR);
  return RUNNER_VSIX;
}

export async function packageAll(): Promise<{ gridlens: string; web: string; runner: string; seconds: number }> {
  const started = Date.now();
  const [[gridlens, web], runner] = await Promise.all([
    packageGridLens().then(async (vsix) => [vsix, await packageGridLensWebOnly()] as const),
    packageRunner(),
  ]);
  return { gridlens, web, runner, seconds: (Date.now() - started) / 1000 };
}

export const REUSE_PACKAGES_ENV = REUSE;
