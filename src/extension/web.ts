// Entry point of the browser (web worker) extension host build: same features, no Node built-ins, one file (the
// engine is bundled in).
import type * as vscode from 'vscode';
import { activateWith } from './activate';
import * as engine from './engine';

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, () => engine);
}

export { deactivate } from './activate';
