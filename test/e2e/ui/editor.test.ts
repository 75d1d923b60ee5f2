// Browser tests: GridLens's editor surfaces render in the real workbench (Chromium → code-server → extension host).
import * as assert from 'assert';
import { e2e } from './harness';

describe('browser: editor surfaces on a Terraform file', () => {
  it('shows an inlay hint after the region value and a hover with the grid intensity', async () => {
    const wb = e2e.workbench;
    await wb.openFile('infra/main.tf');
    const hints = await wb.inlayHints(/g\/kWh/);
    assert.ok(
      hints.some((hint) => /≈\s*\d[\d,.]*\s*g\/kWh/.test(hint)),
      `no grid-intensity inlay hint among: ${hints.join(' | ')}`,
    );
    const hover = await wb.hover('us-east-1', /gCO2e/);
    assert.match(hover, /us-east-1/);
    assert.match(hover, /\d+\s*gCO2e\/kWh/);
  });
});
