// Browser test: on a Terraform file, the inlay hint and the hover show, the quick fix menu lists the cleaner
// region with its saving, and choosing it rewrites the region in the editor. Screenshots of each step land in
// test-output/e2e/screenshots/quickfix-*.png (README shows them).
import * as assert from 'assert';
import * as path from 'path';
import { assessRegion } from '../../../src/core/carbon/assess';
import { bundledDataset } from '../../../src/core/data/bundled';
import { regionKey } from '../../../src/core/data/dataset';
import type { Region } from '../../../src/core/data/schema';
import { e2e, SCREENSHOT_DIR } from './harness';

const shot = (step: string) =>
  e2e.window.page.screenshot({ path: path.join(SCREENSHOT_DIR, `quickfix-${step}.png`), animations: 'disabled' });

describe('browser: quick fix on a Terraform region', () => {
  it('shows the hint and hover, then switches us-east-1 to the cleaner region through the quick fix menu', async () => {
    const index = bundledDataset();
    const current = index.regions.get(regionKey('aws', 'us-east-1')) as Region;
    const best = assessRegion(index, current, index.models.get('meta/llama-3.1-70b-instruct'), { jurisdiction: { kind: 'same' } })
      .alternatives[0];
    assert.ok(best, 'core suggests no cleaner region for the fixture');

    const wb = e2e.workbench;
    await wb.openFile('infra/main.tf');
    const hints = await wb.inlayHints(/g\/kWh/);
    assert.ok(
      hints.some((h) => h.includes('418 g/kWh')),
      `hints: ${hints.join(' | ')}`,
    );
    const hover = await wb.hover('us-east-1', /Cleaner/);
    assert.match(hover, new RegExp(best.region.code));
    await shot('1-hint-and-hover');

    await wb.page.keyboard.press('Escape');
    await wb.clickText('us-east-1');
    const title = `Switch to ${best.region.code}: −${Math.round(best.savingPercent)}% CO2e${best.distinguishable === false ? ', within the uncertainty' : ''}, same jurisdiction`;
    const entries = await wb.quickFixes(title);
    assert.ok(
      entries.some((e) => e.includes(title)),
      `menu: ${entries.join(' | ')}`,
    );
    await shot('2-quick-fix-menu');

    // The menu blocks pointer events outside itself while open; choose with the keyboard, as users do.
    const focused = wb.page.locator('.action-widget .monaco-list-row.focused');
    for (let step = 0; step < entries.length && !(await focused.innerText()).includes(title); step++)
      await wb.page.keyboard.press('ArrowDown');
    assert.match(await focused.innerText(), new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.editor-instance .view-lines', { hasText: `region = "${best.region.code}"` }).waitFor({ timeout: 15_000 });
    const lines = (await wb.page.locator('.editor-instance .view-lines').innerText()).replace(/\u00a0/g, ' ');
    assert.ok(!lines.includes('region = "us-east-1"'), 'the old region is still there');
    await shot('3-after-fix');
  });
});
