// Browser test: the leaderboard webview in the real workbench. Opened from the command palette; sorted by carbon;
// filtered to one model; compare and recommend opened (recommend gives the same answer as `gridlens recommend`).
// A screenshot of each step lands in test-output/e2e/screenshots/leaderboard-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator } from 'playwright-core';
import { recommend } from '../../../src/core/carbon/recommend';
import { leaderboardRows } from '../../../src/core/carbon/leaderboard';
import { bundledDataset } from '../../../src/core/data/bundled';
import { resolveModel } from '../../../src/core/data/resolve';
import { startElectricityMapsDouble } from '../../doubles/electricityMapsDouble';
import { e2e, SCREENSHOT_DIR } from './harness';

const TIMEOUT = 30_000;

/** The page inside the webview: VS Code nests it in an outer webview iframe and an inner #active-frame. */
function leaderboardFrame(): FrameLocator {
  return e2e.window.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

async function shot(step: string): Promise<void> {
  await e2e.window.page.screenshot({ path: path.join(SCREENSHOT_DIR, `leaderboard-${step}.png`), animations: 'disabled' });
}

async function openLeaderboard(): Promise<FrameLocator> {
  const wb = e2e.workbench;
  await wb.openFile('infra/main.tf');
  // The palette lists an extension's commands once its contributions are registered; GridLens's findings view
  // appearing in the explorer is the visible sign of that.
  await wb.page.locator('.pane-header', { hasText: 'GridLens Findings' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await wb.runCommand('GridLens: Open Leaderboard');
  await e2e.window.page
    .locator('.tabs-container .tab.active[aria-label*="GridLens Leaderboard"]')
    .waitFor({ state: 'visible', timeout: TIMEOUT });
  const frame = leaderboardFrame();
  await frame.locator('table.leaderboard tbody tr').first().waitFor({ state: 'visible', timeout: TIMEOUT });
  return frame;
}

/** The figure a carbon cell ranks by: its value, or the midpoint of a range ("39–1,200"), as core/carbon/ranking.ts. */
const carbonOf = (text: string) => {
  const [, low, high] = /^([\d,.]+)(?:–([\d,.]+))?/.exec(text.trim()) ?? [];
  const value = (s: string | undefined) => Number((s ?? 'NaN').replace(/,/g, ''));
  return high === undefined ? value(low) : (value(low) + value(high)) / 2;
};

describe('browser: leaderboard webview', () => {
  const index = bundledDataset();
  const rows = leaderboardRows(index);
  // A model served in several regions, so sorting, filtering, compare and recommend all have something to show.
  const counts = new Map<string, number>();
  for (const row of rows) if (row.carbon) counts.set(row.model.id, (counts.get(row.model.id) ?? 0) + 1);
  const modelId = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const model = index.models.get(modelId ?? '');

  it('starts charts and compare at the model of the file in view, and finds the model id as that file writes it', async () => {
    const written = 'anthropic.claude-3-5-sonnet-20240620-v1:0'; // MODEL_ID in app/chat.py
    const used = resolveModel(index, written)?.model;
    assert.ok(used && used.id !== rows.find((r) => r.carbon)?.model.id, 'the fixture model must differ from the default first model');
    const wb = e2e.workbench;
    await wb.runCommand('View: Close All Editors');
    await wb.openFile('app/chat.py');
    await wb.runCommand('GridLens: Open Leaderboard');
    const frame = leaderboardFrame();
    await frame.locator('table.leaderboard tbody tr').first().waitFor({ state: 'visible', timeout: TIMEOUT });
    await frame.getByRole('tab', { name: 'Charts' }).click();
    await frame.locator('ol.bars li').first().waitFor({ timeout: TIMEOUT });
    assert.strictEqual(await frame.getByRole('tabpanel', { name: 'Charts' }).getByLabel('Model', { exact: true }).inputValue(), used.id);
    await frame.getByRole('tab', { name: 'Compare' }).click();
    assert.strictEqual(await frame.getByRole('group', { name: 'Configuration A' }).getByLabel('Model').inputValue(), used.id);
    await frame.getByRole('tab', { name: 'Table' }).click();
    await frame.getByLabel('Search').fill(written);
    await frame.locator('p.status', { hasText: `'${written}' is ${used.name}` }).waitFor({ timeout: TIMEOUT });
    const names = await frame.locator('tbody td.model .model-name').allInnerTexts();
    assert.ok(
      names.length > 0 && names.every((name) => name === used.name),
      `rows of other models shown: ${[...new Set(names)].join(', ')}`,
    );
    await shot('0-workspace-model-and-search-as-written');
    await wb.runCommand('View: Close All Editors');
  });

  it('opens from the command palette, sorts by carbon, filters to one model, compares and recommends', async () => {
    assert.ok(model, 'the bundled dataset has no model with regional offerings');
    const frame = await openLeaderboard();
    const status = frame.locator('p.status');
    assert.match(await status.innerText(), new RegExp(`of ${rows.length.toLocaleString('en-US')} rows`));
    await shot('1-opened');

    // Sort by carbon: ascending by default, the header button flips it to descending.
    const carbonHeader = frame.locator('th:has(button[data-sort="carbon"])');
    assert.strictEqual(await carbonHeader.getAttribute('aria-sort'), 'ascending');
    await frame.locator('button[data-sort="carbon"]').click();
    await frame.locator('th[aria-sort="descending"] button[data-sort="carbon"]').waitFor({ timeout: TIMEOUT });
    const values = (await frame.locator('tbody td.carbon .value').allInnerTexts()).slice(0, 10).map(carbonOf).filter(Number.isFinite);
    assert.ok(values.length > 1, 'no carbon values shown');
    assert.deepStrictEqual(
      values,
      [...values].sort((a, b) => b - a),
      `not descending: ${values.join(', ')}`,
    );
    await shot('2-sorted-by-carbon');

    // Filter to one model.
    await frame.getByLabel('Model or family').selectOption(`model:${model.id}`);
    const expected = rows.filter((r) => r.model.id === model.id).length;
    await frame.locator('p.status', { hasText: `${expected} rows (filtered from` }).waitFor({ timeout: TIMEOUT });
    const names = await frame.locator('tbody td.model .model-name').allInnerTexts();
    assert.ok(
      names.length > 0 && names.every((name) => name === model.name),
      `rows of other models shown: ${[...new Set(names)].join(', ')}`,
    );
    await shot('3-filtered-to-one-model');

    // Compare: two configurations with the ratio split into factors.
    await frame.getByRole('tab', { name: 'Compare' }).click();
    await frame.locator('table.factors tbody tr').first().waitFor({ timeout: TIMEOUT });
    assert.strictEqual(await frame.locator('.compare-card').count(), 2);
    assert.match(await frame.locator('.ratio').innerText(), /A emits/);
    await shot('4-compare');

    // Recommend: the same answer as `gridlens recommend <model>`.
    await frame.getByRole('tab', { name: 'Recommend' }).click();
    await frame.getByRole('tabpanel', { name: 'Recommend' }).getByLabel('Model', { exact: true }).selectOption(model.id);
    await frame.getByRole('button', { name: 'Recommend', exact: true }).click();
    const best = recommend(index, model.id).recommended;
    assert.ok(best, `${model.id} has no recommended region`);
    const recommended = frame.locator('.recommended');
    await recommended.waitFor({ timeout: TIMEOUT });
    assert.strictEqual(await recommended.locator('code').first().innerText(), best.region);
    assert.strictEqual(await frame.locator('code.cli').innerText(), `gridlens recommend ${model.id}`);
    await shot('5-recommend');
  });

  it('follows the workbench theme: dark, high contrast dark and light', async () => {
    const frame = await openLeaderboard();
    const wb = e2e.workbench;
    for (const [theme, bodyClass, step] of [
      ['Dark Modern', 'vscode-dark', '7-theme-dark'],
      ['Dark High Contrast', 'vscode-high-contrast', '8-theme-high-contrast'],
      ['Light High Contrast', 'vscode-high-contrast-light', '9-theme-high-contrast-light'],
    ] as const) {
      await wb.runCommand('Preferences: Color Theme');
      await wb.pick(theme);
      await frame.locator(`body.${bodyClass}`).waitFor({ state: 'attached', timeout: TIMEOUT });
      // The page's colours come from the theme: the header text is the theme's foreground.
      const colours = await frame.locator('body').evaluate((body) => ({
        fg: getComputedStyle(body).color,
        variable: getComputedStyle(body).getPropertyValue('--vscode-foreground').trim(),
      }));
      assert.ok(colours.variable.length > 0, `${theme}: --vscode-foreground is not set`);
      await shot(step);
    }
  });

  it('is restored after a window reload by its serializer, with the saved filter, sort and tab', async () => {
    assert.ok(model);
    let frame = await openLeaderboard();
    await frame.getByLabel('Model or family').selectOption(`model:${model.id}`);
    await frame.locator('button[data-sort="region"]').click();
    await frame.getByRole('tab', { name: 'Charts' }).click();
    await frame.locator('ol.bars li').first().waitFor({ timeout: TIMEOUT });
    // Reload as a user would: the workbench saves its editors (and the webview's state) on an orderly shutdown.
    await e2e.workbench.runCommand('Developer: Reload Window');
    await e2e.window.page.waitForEvent('load', { timeout: 60_000 });
    await e2e.window.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    frame = leaderboardFrame();
    await frame.locator('[role="tab"][aria-selected="true"]', { hasText: 'Charts' }).waitFor({ timeout: 60_000 });
    await frame.getByRole('tab', { name: 'Table' }).click();
    await frame.locator('th[aria-sort="ascending"] button[data-sort="region"]').waitFor({ timeout: TIMEOUT });
    // the saved state is shown at once, the filter's choices once the host has sent the data again
    await frame.locator('table.leaderboard tbody tr').first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.strictEqual(await frame.getByLabel('Model or family').inputValue(), `model:${model.id}`);
    await shot('10-restored-after-reload');
  });

  it('sends its rows again when the carbon basis setting changes, live grid data is turned on, or the key is set', async () => {
    assert.ok(model);
    const region = rows.find((r) => r.model.id === model.id && r.carbon)?.region;
    assert.ok(region);
    const double = await startElectricityMapsDouble();
    double.fallbackBehaviour = { kind: 'ok', carbonIntensity: 7 };
    const wb = e2e.workbench;
    // user settings as a user edits them: pasted into settings.json and saved, in the other editor group (a hidden
    // webview is rebuilt when shown again, so the page must stay in view for the test to see it refreshed in place)
    const settingsFile = path.join(e2e.session.userDataDir, 'User', 'settings.json');
    const setUserSettings = async (settings: Record<string, unknown>) => {
      const text = JSON.stringify(settings, null, 2);
      await wb.runCommand('View: Focus First Editor Group');
      await wb.runCommand('Preferences: Open User Settings (JSON)');
      await wb.waitForEditor('settings.json');
      await wb.editorLines.click();
      await e2e.window.page.keyboard.press('Control+A');
      // a paste, not typing: typed text would be auto-indented and its brackets auto-closed
      await e2e.window.page.evaluate((pasted) => {
        const data = new DataTransfer();
        data.setData('text/plain', pasted);
        document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, text);
      await e2e.window.page.keyboard.press('Control+S');
      // written before the editor closes, so what follows (and the next test's window) starts from these settings
      for (const started = Date.now(); fs.readFileSync(settingsFile, 'utf8') !== text;) {
        if (Date.now() - started > TIMEOUT)
          throw new Error(`settings.json was not saved as pasted:\n${fs.readFileSync(settingsFile, 'utf8')}`);
        await e2e.window.page.waitForTimeout(100);
      }
      await e2e.window.page.keyboard.press('Control+W');
    };
    const original = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    try {
      const frame = await openLeaderboard();
      await wb.runCommand('View: Move Editor into Right Group');
      await frame.getByLabel('Model or family').selectOption(`model:${model.id}`);
      await frame
        .locator('table.leaderboard tbody tr')
        .filter({ hasNotText: model.name })
        .first()
        .waitFor({ state: 'detached', timeout: TIMEOUT });
      const row = frame
        .locator('table.leaderboard tbody tr')
        .filter({ has: frame.locator('td code', { hasText: new RegExp(`^${region}$`) }) })
        .first();
      const cell = (column: 'grid' | 'carbon') => row.locator('td').nth(column === 'grid' ? 4 : 5);
      await row.waitFor({ timeout: TIMEOUT });
      const carbon = cell('carbon').locator('span.value');
      const totalCarbon = (await carbon.innerText()).trim();
      const grid = cell('grid').locator('span').first();
      const yearlyGrid = (await grid.innerText()).trim();

      await setUserSettings({ ...original, 'gridlens.carbon.basis': 'usage' });
      await carbon.filter({ hasNotText: totalCarbon }).waitFor({ timeout: TIMEOUT });
      const usageCarbon = (await carbon.innerText()).trim();
      assert.ok(carbonOf(usageCarbon) < carbonOf(totalCarbon), `operational carbon (${usageCarbon}) is below the total (${totalCarbon})`);

      await setUserSettings({
        ...original,
        'gridlens.carbon.basis': 'usage',
        'gridlens.liveData.enabled': true,
        'gridlens.liveData.baseUrl': double.url,
      });
      await wb.runCommand('GridLens: Set Electricity Maps API Key');
      await wb.quickInput.locator('input').fill(double.token);
      await e2e.window.page.keyboard.press('Enter');
      await grid.filter({ hasText: /^7$/ }).waitFor({ timeout: TIMEOUT });
      assert.notStrictEqual(yearlyGrid, '7');
      assert.ok(double.tokensSeen.includes(double.token), 'the rows were computed with live readings from the service');
      await shot('11-live-rows');

      await wb.runCommand('GridLens: Clear Electricity Maps API Key');
      await grid.filter({ hasText: new RegExp(`^${yearlyGrid}$`) }).waitFor({ timeout: TIMEOUT });
    } finally {
      await setUserSettings(original);
      await double.close();
    }
  });

  it('is keyboard-operable: tabs with arrow keys, sort with Enter', async () => {
    const frame = await openLeaderboard();
    await frame.locator('button[data-sort="region"]').focus();
    await e2e.window.page.keyboard.press('Enter');
    await frame.locator('th[aria-sort="ascending"] button[data-sort="region"]').waitFor({ timeout: TIMEOUT });
    await frame.getByRole('tab', { name: 'Table' }).focus();
    await e2e.window.page.keyboard.press('ArrowRight');
    await frame.locator('[role="tab"][aria-selected="true"]', { hasText: 'Charts' }).waitFor({ timeout: TIMEOUT });
    await frame.locator('svg.world-map .marker').first().waitFor({ timeout: TIMEOUT });
    await shot('6-charts');
  });
});
