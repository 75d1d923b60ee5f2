// `npm run demo`: what GridLens finds in the bundled samples/ (the CLI scan), then the same workspace opened in
// VS Code with GridLens loaded — desktop `code` when it is installed, otherwise code-server from the test harness,
// with its URL printed. `--no-editor` (or no terminal) stops after the scan.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer, removeSession } from '../test/e2e/lib/codeServer';
import { ensureCodeServer } from '../test/e2e/lib/installCodeServer';
import { packageGridLens } from '../test/e2e/lib/packaging';
import { REPO_ROOT } from '../test/e2e/lib/paths';

const SAMPLES = path.join(REPO_ROOT, 'samples');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

function heading(text: string): void {
  process.stdout.write(`\n\u001b[1m${text}\u001b[0m\n`);
}

function scan(): void {
  heading('GridLens scan of samples/ (gridlens scan samples)');
  // Exit 1 only means findings above a threshold; the demo shows them either way.
  const result = spawnSync(process.execPath, [CLI, 'scan', SAMPLES], { stdio: 'inherit' });
  if (result.status === 2) throw new Error('gridlens scan failed');
  heading(
    'Where Claude 3 Haiku (used in samples/infra) is cleanest (gridlens recommend anthropic.claude-3-haiku-20240307-v1:0 --from aws:us-east-1)',
  );
  spawnSync(process.execPath, [CLI, 'recommend', 'anthropic.claude-3-haiku-20240307-v1:0', '--from', 'aws:us-east-1'], {
    stdio: 'inherit',
  });
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

async function openInEditor(): Promise<void> {
  const vsix = await packageGridLens();
  if (onPath('code')) {
    heading('Opening samples/ in VS Code with GridLens installed');
    spawnSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
    spawn('code', [SAMPLES], { stdio: 'ignore', detached: true }).unref();
    return;
  }
  heading('No desktop `code` here: starting VS Code (code-server) on a copy of samples/ with GridLens installed');
  await ensureCodeServer((line) => process.stdout.write(`  ${line}\n`));
  const session = await startCodeServer({ label: 'demo', vsix: [vsix], workspace: SAMPLES });
  process.stdout.write(
    `\n  Open ${session.workbenchUrl}\n  (a copy of samples/ in ${session.workspace}; quick fixes edit the copy). Ctrl-C stops the server.\n`,
  );
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await session.stop();
  removeSession(session);
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm run demo does).');
  scan();
  if (process.argv.includes('--no-editor') || !process.stdout.isTTY) {
    process.stdout.write(
      '\nEditor step skipped (--no-editor or not a terminal). `npm run demo` in a terminal opens samples/ in VS Code.\n',
    );
    return;
  }
  await openInEditor();
}

main().catch((error: unknown) => {
  process.stderr.write(`\ndemo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
