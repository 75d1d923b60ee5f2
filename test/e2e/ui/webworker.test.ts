// Browser test: the browser build (dist/web/extension.js) running, not only built. A browser-only variant of the
// .vsix (no "main") goes into its own code-server; VS Code can then only run it in the web worker extension host.
import * as assert from 'assert';
import * as path from 'path';
import { loadWorkbench } from '../lib/browser';
import { removeSession, startCodeServer, type CodeServerSession } from '../lib/codeServer';
import { packageGridLensWebOnly } from '../lib/packaging';
import { e2e, FAILURE_DIR, SCREENSHOT_DIR } from './harness';

describe('browser: the browser-only build in the web worker extension host', function () {
  let web: CodeServerSession | undefined;

  before(async function () {
    this.timeout(5 * 60_000);
    web = await startCodeServer({ label: 'web-only', vsix: [await packageGridLensWebOnly()] });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') web?.saveLogs(path.join(FAILURE_DIR, 'web-only-code-server'));
  });

  after(async () => {
    await web?.stop();
    if (web) removeSession(web);
  });

  it('shows an inlay hint and a hover on a .tf file, from GridLens running in the web worker extension host', async () => {
    if (!web) throw new Error('the web-only code-server did not start');
    // this test's window leaves the shared session for the web-only one (its final state is the test's screenshot)
    await loadWorkbench(e2e.window, web.workbenchUrl);
    const wb = e2e.workbench;
    await wb.openFile('infra/main.tf');
    const hints = await wb.inlayHints(/g\/kWh/);
    assert.ok(
      hints.some((hint) => /≈\s*\d[\d,.]*\s*g\/kWh/.test(hint)),
      `no grid-intensity inlay hint among: ${hints.join(' | ')}`,
    );
    const hover = await wb.hover('us-east-1', /gCO2e/);
    assert.match(hover, /\d+\s*gCO2e\/kWh/);
    await e2e.window.page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'web-worker-host-hover-and-inlay-hint.png'),
      animations: 'disabled',
    });

    // VS Code's Running Extensions view labels an extension in the web worker host "web worker" (a Node extension
    // host of code-server is labelled with the remote's name instead)
    await wb.runCommand('Developer: Show Running Extensions');
    const row = e2e.window.page.locator('.runtime-extensions-editor .monaco-list-row').filter({ hasText: 'GridLens' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.filter({ hasText: /web worker/ }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await row.innerText(), /GridLens[\s\S]*web worker/);
  });
});
