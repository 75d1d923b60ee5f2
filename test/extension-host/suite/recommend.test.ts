// "GridLens: Recommend Region for Model…" (gridlens.recommendRegion).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateGridLens } from '../helpers';

const RECOMMEND = 'gridlens.recommendRegion';

describe('command: recommend region', () => {
  before(activateGridLens);

  it('is registered under its contributed id with the palette title from package.json', async () => {
    const extension = await activateGridLens();
    const manifest = extension.packageJSON as { contributes: { commands: Array<{ command: string; title: string; category?: string }> } };
    const entry = manifest.contributes.commands.find((c) => c.command === RECOMMEND);
    assert.ok(entry, `${RECOMMEND} is not contributed`);
    assert.strictEqual(entry.category, 'GridLens');
    assert.match(entry.title, /Recommend Region/);
    assert.ok((await vscode.commands.getCommands(true)).includes(RECOMMEND));
  });

  it('without arguments opens the model picker and resolves to undefined when it is dismissed', async () => {
    const running = Promise.resolve(vscode.commands.executeCommand<string | undefined>(RECOMMEND));
    // The picker lives in the workbench; closing whatever quick input is open until the command settles is the
    // condition, not a timer.
    let settled = false;
    const result = running.finally(() => {
      settled = true;
    });
    const deadline = Date.now() + 10_000;
    while (!settled && Date.now() < deadline) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await Promise.race([result.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 100))]);
    }
    assert.ok(settled, 'the command did not settle after its picker was closed');
    assert.strictEqual(await result, undefined);
  });
});
