// Child process, one per sample: time to load dist/extension.js and run activate() in Node with the vscode
// stand-in, and whether that loaded the engine (dist/engine.js, meant for first use only).
// Prints JSON { loadMs, activateMs, totalMs, commands, providers, engineLoaded }.
//   node activation.cjs <dist/extension.js> <extension root>
'use strict';
const vscode = require('./vscode-hook.cjs');
const path = require('node:path');

const [extensionFile, extensionRoot] = process.argv.slice(2);
const context = {
  subscriptions: [],
  extensionUri: vscode.Uri.file(path.resolve(extensionRoot)),
  extensionPath: path.resolve(extensionRoot),
  extensionMode: 1,
  globalState: { get: () => undefined, update: async () => undefined, keys: () => [], setKeysForSync() {} },
  workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
  asAbsolutePath: (rel) => path.join(path.resolve(extensionRoot), rel),
  logUri: vscode.Uri.file('/tmp/gridlens-bench-log'),
  storageUri: undefined,
  globalStorageUri: vscode.Uri.file('/tmp/gridlens-bench-storage'),
};

const t0 = performance.now();
const extension = require(path.resolve(extensionFile));
const t1 = performance.now();
extension.activate(context);
const t2 = performance.now();
const bench = vscode.__bench;
const engineLoaded = require.cache[path.join(path.dirname(path.resolve(extensionFile)), 'engine.js')] !== undefined;
process.stdout.write(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, commands: bench.commands.size, providers: bench.hovers.length + bench.inlayHints.length + bench.codeActions.length, engineLoaded }));
