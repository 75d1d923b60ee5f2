// Packages GridLens (production build, the same .vscodeignore allow-list as `npm run package`) and the test-only
// runner extension as .vsix files under .cache/e2e-vsix/.
import * as fs from 'fs';
import * as path from 'path';
import { spawn } from 'child_process';
import { buildRunner, RUNNER_DIR } from '../../extension-host/build';
import { REPO_ROOT, VSIX_DIR } from './paths';

export const GRIDLENS_VSIX = path.join(VSIX_DIR, 'gridlens.vsix');
export const RUNNER_VSIX = path.join(VSIX_DIR, 'gridlens-host-test-runner.vsix');

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(command, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`\`${command} ${args.join(' ')}\` failed (exit ${code}) in ${cwd}:\n${output.slice(-4000)}`))));
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
  await run(vsce, ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', GRIDLENS_VSIX], REPO_ROOT);
  return GRIDLENS_VSIX;
}

export async function packageRunner(): Promise<string> {
  if (process.env[REUSE] === '1' && fs.existsSync(RUNNER_VSIX)) return RUNNER_VSIX;
  fs.mkdirSync(VSIX_DIR, { recursive: true });
  await buildRunner();
  await run(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', RUNNER_VSIX], RUNNER_DIR);
  return RUNNER_VSIX;
}

export async function packageAll(): Promise<{ gridlens: string; runner: string; seconds: number }> {
  const started = Date.now();
  const [gridlens, runner] = await Promise.all([packageGridLens(), packageRunner()]);
  return { gridlens, runner, seconds: (Date.now() - started) / 1000 };
}

export const REUSE_PACKAGES_ENV = REUSE;
