// Activation only registers: every contributed command up front, and nothing is scanned or computed until used.
import * as vscode from 'vscode';
import { registerRecommendCommand } from './recommendCommand';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('GridLens', { log: true });
  context.subscriptions.push(log, registerRecommendCommand(log));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
