// GridLens loads in a real extension host and registers what its manifest promises.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateGridLens, contributedCommands, EXTENSION_ID, workspaceRoot } from '../helpers';

describe('activation', () => {
  it('GridLens is installed in this extension host and activates without throwing', async () => {
    const extension = await activateGridLens();
    assert.strictEqual(extension.id, EXTENSION_ID);
    assert.strictEqual(extension.isActive, true);
  });

  it('registers every command its package.json contributes', async () => {
    const extension = await activateGridLens();
    const contributed = contributedCommands(extension);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('runs with the fixture workspace open', async () => {
    const files = await vscode.workspace.findFiles('**/*.tf');
    assert.ok(files.length > 0, `no .tf fixture found under ${workspaceRoot().toString()}`);
  });
});
