// "GridLens: Recommend Region for Model…" (gridlens.recommendRegion).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { recommend } from '../../../src/core/carbon/recommend';
import { bundledDataset } from '../../../src/core/data/bundled';
import { activateGridLens, driveQuickPick } from '../helpers';

const RECOMMEND = 'gridlens.recommendRegion';
const MODEL = 'meta/llama-3.1-8b-instruct';

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
    const result = await driveQuickPick(vscode.commands.executeCommand<string | undefined>(RECOMMEND), 'workbench.action.closeQuickOpen');
    assert.strictEqual(result, undefined);
  });

  it(`with a model id ranks its regions; accepting the first copies the cleanest region (${MODEL})`, async () => {
    const expected = recommend(bundledDataset(), MODEL).recommended?.region;
    assert.ok(expected, `the bundled data has no regional offering for ${MODEL}`);
    const picked = await driveQuickPick(
      vscode.commands.executeCommand<string | undefined>(RECOMMEND, MODEL),
      'workbench.action.acceptSelectedQuickOpenItem',
    );
    assert.strictEqual(picked, expected);
    assert.strictEqual(await vscode.env.clipboard.readText(), expected);
  });
});
