// Activation as VS Code itself reports it, inside code-server (VS Code 1.100.3 server + web workbench) driven by
// Chromium through the e2e harness: GridLens installed from the benchmark's .vsix, a fresh window (so a fresh
// extension host) per sample, a .tf file opened, then "Developer: Show Running Extensions", whose row for GridLens
// shows codeLoadingTime + activateCallTime ("Activation: N ms"). Then, in that warm window, a second Terraform file is
// opened and the time from the open to GridLens's first inlay hint on screen is taken (the editor appearing is timed
// too, so the hint's own share can be read).
import { launchChromium, loadWorkbench, newWindow } from '../../test/e2e/lib/browser';
import { startCodeServer } from '../../test/e2e/lib/codeServer';
import { ensureCodeServer } from '../../test/e2e/lib/installCodeServer';
import { FIXTURE_WORKSPACE } from '../../test/e2e/lib/paths';
import { missingRequirements } from '../../test/e2e/lib/prerequisites';
import { Workbench } from '../../test/e2e/lib/workbench';
import { summary, type Summary } from './stats';

export interface CodeServerFigures {
  activation: Summary;
  samples: string[];
  /** Warm window: from Quick Open accepting a file to its first GridLens inlay hint, and to its editor showing. */
  firstHint: Summary;
  editorShown: Summary;
}

export async function codeServerActivation(
  vsix: string,
  windows: number,
  log: (line: string) => void,
): Promise<CodeServerFigures | { skipped: string }> {
  const missing = missingRequirements(['run']);
  if (missing.length) return { skipped: `missing ${missing.map((m) => `${m.what} (Debian package ${m.debianPackage})`).join(', ')}` };
  try {
    await ensureCodeServer((line) => log(`  ${line}`));
  } catch (error) {
    return { skipped: `code-server could not be installed: ${(error as Error).message.split('\n')[0]}` };
  }
  const session = await startCodeServer({ label: 'bench', vsix: [vsix], workspace: FIXTURE_WORKSPACE });
  const browser = await launchChromium();
  const values: number[] = [];
  const samples: string[] = [];
  const hints: number[] = [];
  const editors: number[] = [];
  try {
    for (let i = 0; i < windows; i++) {
      const window = await newWindow(browser, session.url);
      try {
        await loadWorkbench(window, session.workbenchUrl);
        const workbench = new Workbench(window.page);
        await workbench.openFile('infra/main.tf');
        await workbench.runCommand('Show Running Extensions');
        const row = window.page
          .locator('.runtime-extensions-editor .extension')
          .filter({ has: window.page.locator('.name', { hasText: /gridlens/i }) })
          .first();
        const time = row.locator('.activation-time');
        await time.filter({ hasText: /\d+ms/ }).waitFor({ state: 'visible', timeout: 60_000 });
        const text = (await time.innerText()).trim();
        const ms = Number(/(\d+)ms/.exec(text)?.[1]);
        values.push(ms);
        samples.push(text);
        const opened = await workbench.openFileTimed('editor/vars/variables.tf');
        await workbench.inlayHints(/g\/kWh/);
        const hint = performance.now() - opened.accepted;
        hints.push(hint);
        editors.push(opened.editorShown - opened.accepted);
        log(
          `  window ${i + 1}/${windows}: ${text}; first hint ${Math.round(hint)} ms after opening a file (editor shown after ${Math.round(opened.editorShown - opened.accepted)} ms)`,
        );
      } finally {
        await window.context.close().catch(() => undefined);
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await session.stop();
  }
  return { activation: summary(values), samples, firstHint: summary(hints), editorShown: summary(editors) };
}
