// Debian Chromium driven by playwright-core (Playwright's own browser builds cannot be downloaded here).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findChromium, MissingPrerequisiteError, REQUIREMENTS } from './prerequisites';

const CHROMIUM_ARGS = [
  '--no-sandbox', // we run as root in CI containers
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new MissingPrerequisiteError(REQUIREMENTS.filter((r) => r.debianPackage === 'chromium'));
  // Playwright launches with a fresh temporary --user-data-dir and --headless.
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

export interface WorkbenchPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (kept for failure reports). */
  consoleErrors: string[];
}

/** A fresh browser context (its own window, so its own extension host in code-server) with one page. */
export async function newWindow(browser: Browser, origin: string): Promise<WorkbenchPage> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  return { context, page, consoleErrors };
}

/** Loads the workbench and waits until it has rendered the explorer of the fixture folder. */
export async function loadWorkbench(window: WorkbenchPage, workbenchUrl: string): Promise<void> {
  await window.page.goto(workbenchUrl, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await window.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await window.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
}

export async function openWorkbench(browser: Browser, workbenchUrl: string, origin: string): Promise<WorkbenchPage> {
  const window = await newWindow(browser, origin);
  await loadWorkbench(window, workbenchUrl);
  return window;
}
