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

  /** Opens `relativePath` (relative to the workspace root) through Quick Open (Ctrl+P) and waits for its editor. */
  async openFile(relativePath: string): Promise<void> {
    await this.openFileTimed(relativePath);
  }

  /** Opens a file through Quick Open; returns when the row was accepted and when the editor showed (performance.now()). */
  async openFileTimed(relativePath: string): Promise<{ accepted: number; editorShown: number }> {
    const parts = relativePath.split('/');
    const name = parts[parts.length - 1];
    const dir = parts.slice(0, -1).join('/');
    await this.page.keyboard.press('Control+P');
    await this.quickInput.waitFor({ state: 'visible', timeout: TIMEOUT });
    await this.quickInput.locator('input').fill(relativePath);
    // Quick Open rows are labelled "<name> <folder>, file results" ("<name>, file results" at the root).
    const label = dir ? `${name} ${dir},` : `${name},`;
    const row = this.quickInputRows.and(this.page.locator(`[aria-label^="${label}"]`)).first();
    await row.waitFor({ state: 'visible', timeout: TIMEOUT });
    const accepted = performance.now();
    await row.click();
    await this.waitForEditor(name);
    return { accepted, editorShown: performance.now() };
  }

  /**
   * Opens `relativePath` by clicking through the explorer tree, expanding folders as needed. Rows are found by
   * aria-level and label, so two expanded folders with the same name at the same depth are ambiguous: prefer
   * `openFile` unless the explorer itself is under test.
   */
  async openFileFromExplorer(relativePath: string): Promise<void> {
    const parts = relativePath.split('/');
    for (const [index, part] of parts.entries()) {
      const selector = `.explorer-folders-view .monaco-list-row[aria-level="${index + 1}"][aria-label="${part}"]`;
      const row = this.page.locator(selector).first();
      await row.waitFor({ state: 'visible', timeout: TIMEOUT });
      if (index === parts.length - 1) {
        await row.click();
      } else if ((await row.getAttribute('aria-expanded')) !== 'true') {
        await row.click();
        await this.page.locator(`${selector}[aria-expanded="true"]`).first().waitFor({ timeout: TIMEOUT });
      }
    }
    await this.waitForEditor(parts[parts.length - 1]);
  }

  /** Waits until the active editor tab is `fileName` and its text is rendered. */
  async waitForEditor(fileName: string): Promise<void> {
    await this.page.locator(`.tabs-container .tab.active[aria-label^="${fileName}"]`).waitFor({ state: 'visible', timeout: TIMEOUT });
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

  /** The active editor's rendered lines. */
  get editorLines(): Locator {
    return this.page.locator('.editor-instance .monaco-editor .view-lines').first();
  }

  /**
   * Screen point of the middle of the first occurrence of `text` in the active editor's rendered lines; with `line`,
   * only in a rendered line whose text contains `line` (to pick one of several equal values).
   */
  async pointOf(text: string, line?: string): Promise<{ x: number; y: number }> {
    const found = await this.page.waitForFunction(
      ([needle, within]) => {
        // View lines render spaces as U+00A0: find the text node holding the needle and measure that substring.
        const root = document.querySelector('.editor-instance .monaco-editor .view-lines');
        if (!root) return undefined;
        // (no named helper functions in here: the test's compiler would wrap them in a helper the page does not have)
        const lines = within
          ? Array.from(root.querySelectorAll('.view-line')).filter((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(within))
          : [root];
        for (const scope of lines) {
          const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = (node.textContent ?? '').replace(/\u00a0/g, ' ').indexOf(needle);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + needle.length);
            const box = range.getBoundingClientRect();
            return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
          }
        }
        return undefined;
      },
      [text, line ?? ''] as const,
      { timeout: TIMEOUT },
    );
    return (await found.jsonValue()) as { x: number; y: number };
  }

  /**
   * Moves the mouse onto the middle of the first occurrence of `text` (in a line containing `line`, when given) in
   * the active editor and waits for the hover widget (.monaco-hover) to show content matching `expect`. Returns the
   * hover's text.
   */
  async hover(text: string, expect: string | RegExp, line?: string): Promise<string> {
    const point = await this.pointOf(text, line);
    await this.page.mouse.move(point.x, point.y);
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: expect }).first();
    await hover.waitFor({ state: 'visible', timeout: TIMEOUT });
    return (await hover.innerText()).trim();
  }

  /** Puts the cursor inside the first occurrence of `text` in the active editor. */
  async clickText(text: string, line?: string): Promise<void> {
    const point = await this.pointOf(text, line);
    await this.page.mouse.click(point.x, point.y);
  }

  /** Opens the quick fix menu at the cursor and returns its entries. */
  async quickFixes(expect: string | RegExp): Promise<string[]> {
    await this.page.keyboard.press('Control+Period');
    const menu = this.page.locator('.action-widget').filter({ hasText: expect }).first();
    await menu.waitFor({ state: 'visible', timeout: TIMEOUT });
    return (await menu.innerText())
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  }

  /**
   * Waits until the active editor renders at least one inlay hint matching `expect` and returns all inlay hint texts.
   * Inlay hints are injected text styled by dynamic CSS rules (span.dyn-rule-*); padding spans are dropped.
   */
  async inlayHints(expect: string | RegExp): Promise<string[]> {
    const hints = this.editorLines.locator('span[class*="dyn-rule-"]');
    await hints.filter({ hasText: expect }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    return (await hints.allInnerTexts()).map((text) => text.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
  }
}
