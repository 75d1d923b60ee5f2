// Browser test: GridLens's command, run from the command palette of the real workbench, has a visible effect.
import * as assert from 'assert';
import { recommend } from '../../../src/core/carbon/recommend';
import { bundledDataset } from '../../../src/core/data/bundled';
import { e2e } from './harness';

const MODEL_ID = 'meta/llama-3.1-8b-instruct';

describe('browser: GridLens in the code-server workbench', () => {
  it('opens a Terraform fixture from the explorer; the palette lists GridLens: Recommend Region for Model…', async () => {
    const wb = e2e.workbench;
    await wb.openFileFromExplorer('infra/main.tf');
    await wb.runCommand('GridLens: Recommend Region for Model');
    await wb.waitForQuickPick('Recommend Region for Model');
    const first = await wb.quickInputRows.first().innerText();
    assert.ok(first.length > 0, 'the model picker shows no models');
  });

  it('Recommend Region: picking a model then its top region copies the cleanest region and says so', async () => {
    const expected = recommend(bundledDataset(), MODEL_ID);
    const region = expected.recommended?.region;
    assert.ok(region, `the bundled data has no regional offering for ${MODEL_ID}`);

    const wb = e2e.workbench;
    await wb.openFile('app/chat.py');
    await wb.runCommand('GridLens: Recommend Region for Model');
    await wb.waitForQuickPick('Recommend Region for Model');
    await wb.pick(MODEL_ID);
    await wb.waitForQuickPick(`${expected.model.name}: regions by`);
    const top = await wb.quickInputRows.first().innerText();
    assert.match(top, new RegExp(region.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')), `top row is not ${region}: ${top}`);
    await wb.quickInputRows.first().click();

    const message = await wb.waitForNotification(`copied '${region}'`);
    assert.match(message, /GridLens: copied/);
    const clipboard = await wb.page.evaluate(() => navigator.clipboard.readText());
    assert.strictEqual(clipboard, region);
  });
});
