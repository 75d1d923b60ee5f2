// Shared helpers for the extension-host suite. The suite runs in a real VS Code extension host: under
// @vscode/test-cli (desktop VS Code) and inside code-server (test/e2e/hostSuite.ts). Import 'vscode' only from here or
// from suite files; never from src/core.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'gridlens.gridlens';

/**
 * Figures for the README, kept beside the harness's results: test-output/e2e/host-suite/robustness-notes.txt (the
 * path is from out/extension-host/suite/, where every suite file is bundled with these helpers).
 */
export function note(text: string): void {
  try {
    const dir = path.resolve(__dirname, '..', '..', '..', 'test-output', 'e2e', 'host-suite');
    fs.mkdirSync(dir, { recursive: true });
    fs.appendFileSync(path.join(dir, 'robustness-notes.txt'), `${text}\n`);
  } catch {
    // figures only
  }
}

/** Activates GridLens (idempotent) and returns it. Every suite calls this in `before`. */
export async function activateGridLens(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this extension host`);
  await extension.activate();
  assert.ok(extension.isActive, `${EXTENSION_ID} did not activate`);
  return extension;
}

/** The fixture workspace's root (test/e2e/workspace, copied to a temp dir by both runners). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open; the runners open a copy of test/e2e/workspace');
  return folder.uri;
}

export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Opens a fixture file in an editor and returns its document. Never save fixtures: revert with `revertAll()`. */
export async function openFixture(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Position of the first occurrence of `text` in the document (offset `delta` characters into it). */
export function positionOf(document: vscode.TextDocument, text: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `'${text}' not found in ${document.uri.path}`);
  return document.positionAt(offset + delta);
}

/**
 * Polls `probe` until it returns a value that is not undefined/false, or fails after `timeoutMs`. Use it for
 * anything the editor computes asynchronously (diagnostics, provider results after activation); never sleep.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Hover texts (markdown strings flattened) at a position, through the real provider pipeline. */
export async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)));
}

/** Inlay hints in a range with their labels flattened, through the real provider pipeline. */
export async function inlayHints(uri: vscode.Uri, range: vscode.Range): Promise<Array<{ label: string; position: vscode.Position }>> {
  const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, range)) ?? [];
  return hints.map((hint) => ({
    label: typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''),
    position: hint.position,
  }));
}

/** Inlay hint labels in a range, through the real provider pipeline. */
export async function inlayHintLabels(uri: vscode.Uri, range: vscode.Range): Promise<string[]> {
  return (await inlayHints(uri, range)).map((hint) => hint.label);
}

/** Code actions (quick fixes included) for a range, through the real provider pipeline. */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

/** Applies a code action's edit and returns the document text afterwards (unsaved). */
export async function applyCodeAction(document: vscode.TextDocument, action: vscode.CodeAction): Promise<string> {
  assert.ok(action.edit, `code action '${action.title}' carries no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `applying '${action.title}' failed`);
  return document.getText();
}

/** Reverts and closes every editor, so suites do not see each other's edits. */
export async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The commands GridLens's package.json contributes. */
export function contributedCommands(extension: vscode.Extension<unknown>): string[] {
  const manifest = extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } };
  return (manifest.contributes?.commands ?? []).map((entry) => entry.command);
}

/**
 * Runs a command that opens a quick pick and keeps issuing `action` (accept, close) until the command settles.
 * Accepting is a no-op while no picker is shown or its items are still loading, so this waits on the condition
 * (the command's promise), never on a timer.
 */
export async function driveQuickPick<T>(command: Thenable<T>, action: string, timeoutMs = 10_000): Promise<T> {
  let settled = false;
  const result = Promise.resolve(command).finally(() => {
    settled = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (!settled && Date.now() < deadline) {
    await vscode.commands.executeCommand(action);
    await Promise.race([result.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  assert.ok(settled, `the command did not settle within ${timeoutMs} ms of '${action}'`);
  return result;
}
