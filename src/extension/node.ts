// Entry point of the desktop (Node) extension host build. The engine is the file next to this one (dist/engine.js,
// kept out of this bundle by esbuild.js), required the first time a feature needs it.
import type * as vscode from 'vscode';
import { activateWith } from './activate';
import type { Engine } from './engine';

let engine: Engine | undefined;

export function activate(context: vscode.ExtensionContext): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, so activation stays small
  activateWith(context, () => (engine ??= require('./engine.js') as Engine));
}

export { deactivate } from './activate';
