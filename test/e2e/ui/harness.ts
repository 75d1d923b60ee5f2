// Root hooks for the browser tests (loaded by test/e2e/.mocharc.json): one code-server with GridLens installed for
// the whole run, a fresh workbench window per test, a screenshot of every test's final state, and the screenshot
// plus the code-server and VS Code logs kept for every failure.
import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { launchChromium, loadWorkbench, newWindow, type WorkbenchPage } from '../lib/browser';
import { removeSession, startCodeServer, type CodeServerSession } from '../lib/codeServer';
import { ensureCodeServer } from '../lib/installCodeServer';
import { packageGridLens } from '../lib/packaging';
import { OUTPUT_DIR } from '../lib/paths';
import { assertRequirements } from '../lib/prerequisites';
import { reportUnavailable } from '../lib/report';
import { Workbench } from '../lib/workbench';

export const SCREENSHOT_DIR = path.join(OUTPUT_DIR, 'screenshots');
export const FAILURE_DIR = path.join(OUTPUT_DIR, 'failures');

interface E2E {
  session: CodeServerSession;
  browser: Browser;
  /** The current test's window; opened before each test. */
  workbench: Workbench;
  window: WorkbenchPage;
}

let session: CodeServerSession | undefined;
let browser: Browser | undefined;
let current: WorkbenchPage | undefined;

/** State for the running test. */
export const e2e = {
  get session(): CodeServerSession {
    if (!session) throw new Error('code-server is not running (root hook did not run?)');
    return session;
  },
  get browser(): Browser {
    if (!browser) throw new Error('Chromium is not running');
    return browser;
  },
  get window(): WorkbenchPage {
    if (!current) throw new Error('no workbench window is open');
    return current;
  },
  get workbench(): Workbench {
    return new Workbench(e2e.window.page);
  },
} satisfies E2E;

function slug(title: string): string {
  return title
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120)
    .toLowerCase();
}

/** Screenshot of the window's final state; on failure also the screenshot, console errors and logs in FAILURE_DIR. */
async function keep(title: string, window: WorkbenchPage, failed: boolean): Promise<void> {
  const name = slug(title);
  const shot = path.join(SCREENSHOT_DIR, `${name}.png`);
  await window.page
    .screenshot({ path: shot, animations: 'disabled' })
    .catch((error: Error) => console.log(`    (screenshot failed: ${error.message})`));
  if (failed) {
    const dest = path.join(FAILURE_DIR, name);
    fs.mkdirSync(dest, { recursive: true });
    if (fs.existsSync(shot)) fs.copyFileSync(shot, path.join(dest, 'screenshot.png'));
    fs.writeFileSync(path.join(dest, 'browser-console-errors.txt'), window.consoleErrors.join('\n'));
    session?.saveLogs(dest);
    console.log(`    kept screenshot and logs: ${path.relative(process.cwd(), dest)}/`);
  }
  await window.context.close().catch(() => undefined);
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(15 * 60_000); // a first run installs code-server
    fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
    fs.rmSync(FAILURE_DIR, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    try {
      assertRequirements(['run']);
      await ensureCodeServer((line) => console.log(`    ${line}`));
      const started = Date.now();
      const vsix = await packageGridLens();
      browser = await launchChromium();
      session = await startCodeServer({ label: 'ui', vsix: [vsix] });
      console.log(
        `    browser tests: GridLens packaged and code-server up at ${session.url} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
      );
    } catch (error) {
      if (!reportUnavailable(error, 'browser', 'browser tests')) throw error;
    }
  },

  async beforeEach(this: Mocha.Context) {
    if (!browser || !session) throw new Error('e2e harness not started');
    current = await newWindow(browser, session.url);
    try {
      await loadWorkbench(current, session.workbenchUrl);
    } catch (error) {
      await keep(`${this.currentTest?.fullTitle() ?? 'window'} (workbench did not load)`, current, true);
      throw error;
    }
  },

  async afterEach(this: Mocha.Context) {
    const test = this.currentTest;
    const window = current;
    current = undefined;
    if (!test || !window) return;
    await keep(test.fullTitle(), window, test.state === 'failed');
  },

  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await browser?.close().catch(() => undefined);
    await session?.stop();
    if (session) removeSession(session); // failures already copied their logs
    browser = undefined;
    session = undefined;
  },
};
