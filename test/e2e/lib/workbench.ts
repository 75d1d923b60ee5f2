// Page object for the VS Code web workbench (code-server 4.100.3 = VS Code 1.100.3). Every step waits for a visible
// condition; nothing sleeps. Selectors are VS Code's own DOM classes, kept here in one place.
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 30_000;

export class Workbench {
  constructor(readonly page: Page) {}

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** The rows of the open quick input (command palette or an extension's quick pick). */
  get quickInputRows(): Locator {
    return this.quickInput.locator('.monaco-list-row');
  }

  get notifications(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  /** Expands folders as needed and opens `relativePath` by clicking it in the explorer. */
  async openFile(relativePath: string): Promise<void> {
    const parts = relativePath.split('/');
    for (const [index, part] of parts.entries()) {
      const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${part}"]`).first();
      await row.waitFor({ state: 'visible', timeout: TIMEOUT });
      const isFile = index === parts.length - 1;
      if (isFile) {
        await row.click();
      } else if ((await row.getAttribute('aria-expanded')) !== 'true') {
        await row.click();
        await this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${part}"][aria-expanded="true"]`).first().waitFor({ timeout: TIMEOUT });
      }
    }
    const name = parts[parts.length - 1];
    await this.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ state: 'visible', timeout: TIMEOUT });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: TIMEOUT });
  }

  /** Opens the command palette, types `title`, and runs the command whose row label contains it. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInput.waitFor({ state: 'visible', timeout: TIMEOUT });
    await this.quickInput.locator('input').fill(`>${title}`);
    const row = this.quickInputRows.filter({ hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: TIMEOUT });
    await row.click();
  }

  /** Waits for a quick pick whose title contains `title` to show at least one row. */
  async waitForQuickPick(title: string | RegExp): Promise<void> {
    await this.quickInput.locator('.quick-input-title').filter({ hasText: title }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await this.quickInputRows.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  }

  /** Types into the open quick input and picks the first row containing `text`. */
  async pick(text: string): Promise<void> {
    await this.quickInput.locator('input').fill(text);
    const row = this.quickInputRows.filter({ hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout: TIMEOUT });
    await row.click();
  }

  /** Waits for a notification toast whose message matches. Returns its text. */
  async waitForNotification(message: string | RegExp): Promise<string> {
    const toast = this.notifications.filter({ hasText: message }).first();
    await toast.waitFor({ state: 'visible', timeout: TIMEOUT });
    return (await toast.innerText()).trim();
  }

  /** Hovers over the first occurrence of `text` in the active editor and returns the hover widget's text. */
  async hoverText(text: string): Promise<string> {
    const token = this.page.locator('.editor-instance .monaco-editor .view-lines span', { hasText: text }).first();
    await token.waitFor({ state: 'visible', timeout: TIMEOUT });
    await token.hover();
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    await hover.waitFor({ state: 'visible', timeout: TIMEOUT });
    return (await hover.innerText()).trim();
  }

  /** Texts of the inlay hints rendered in the active editor. */
  async inlayHints(): Promise<string[]> {
    const hints = this.page.locator('.editor-instance .monaco-editor .view-lines [class*="dyn-rule"], .editor-instance .monaco-editor .view-lines .inlay-hint');
    return hints.allInnerTexts();
  }
}
