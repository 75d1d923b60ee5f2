// @vscode/test-cli configuration: runs the extension-host suite (test/extension-host/suite, compiled to
// out/extension-host/suite by test/extension-host/build.ts) in a desktop VS Code, on machines where VS Code can be
// downloaded or is installed. `npm run test:host:vscode` builds first. Offline (this project's CI), the same files run
// inside code-server instead: `npm run test:host`.
//   VSCODE_TEST_VERSION=1.100.0   pin a version (default: the engines.vscode minimum, then 'stable' as a 2nd label)
//   VSCODE_EXECUTABLE_PATH=…      use an installed VS Code instead of downloading one
import { defineConfig } from '@vscode/test-cli';
import fs from 'node:fs';
import path from 'node:path';

// The suite may edit fixtures: give VS Code a throw-away copy of the fixture workspace (.vscode-test/ is git-ignored).
const workspace = path.resolve('.vscode-test', 'workspace');
fs.rmSync(workspace, { recursive: true, force: true });
fs.cpSync('test/e2e/workspace', workspace, { recursive: true });

const common = {
  files: 'out/extension-host/suite/**/*.test.js',
  workspaceFolder: workspace,
  mocha: { ui: 'bdd', timeout: 20_000, color: true },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--disable-gpu', '--skip-welcome', '--skip-release-notes'],
  skipExtensionDependencies: true,
  ...(process.env.VSCODE_EXECUTABLE_PATH ? { useInstallation: { fromPath: process.env.VSCODE_EXECUTABLE_PATH } } : {}),
};

export default defineConfig(
  process.env.VSCODE_TEST_VERSION || process.env.VSCODE_EXECUTABLE_PATH
    ? [{ ...common, label: 'extension-host', version: process.env.VSCODE_TEST_VERSION || undefined }]
    : [
        { ...common, label: 'minimum', version: '1.100.0' },
        { ...common, label: 'stable', version: 'stable' },
      ],
);
