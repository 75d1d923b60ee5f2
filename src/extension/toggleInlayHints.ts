// "GridLens: Toggle Inlay Hints": flips gridlens.inlayHints.enabled where it is set (workspace if set there).
import * as vscode from 'vscode';
import { SECTION } from './config';

export const TOGGLE_INLAY_HINTS_COMMAND = 'gridlens.toggleInlayHints';

export function registerToggleInlayHints(): vscode.Disposable {
  return vscode.commands.registerCommand(TOGGLE_INLAY_HINTS_COMMAND, async () => {
    const configuration = vscode.workspace.getConfiguration(SECTION);
    const inspected = configuration.inspect<boolean>('inlayHints.enabled');
    const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    const next = !configuration.get<boolean>('inlayHints.enabled', true);
    await configuration.update('inlayHints.enabled', next, target);
    return next;
  });
}
