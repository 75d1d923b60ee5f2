// Browser tests on code shaped like real projects (test/e2e/workspace/cases, issue #19): the hover, the Explain
// preview and the quick-fix menu as a user sees them in code-server, each asserted and kept as a screenshot in
// test-output/e2e/screenshots/cases-*.png (`npm run screenshots` copies the README's ones into docs/screenshots).
import * as assert from 'assert';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { bundledDataset } from '../../../src/core/data/bundled';
import { e2e, SCREENSHOT_DIR } from './harness';

const TIMEOUT = 30_000;
const index = bundledDataset();

/** A screenshot of the editor area (with its hover or menu), not the whole window, so it stays small. */
async function shot(name: string, widget?: Locator): Promise<void> {
  const page = e2e.window.page;
  const editor = await page.locator('.editor-group-container.active').first().boundingBox();
  const extra = widget ? await widget.boundingBox() : null;
  const box = editor ?? { x: 0, y: 0, width: 1600, height: 1000 };
  const right = Math.max(box.x + Math.min(box.width, 1100), extra ? extra.x + extra.width + 8 : 0);
  const bottom = Math.max(box.y + Math.min(box.height, 560), extra ? extra.y + extra.height + 8 : 0);
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `cases-${name}.png`),
    clip: { x: box.x, y: box.y, width: Math.min(right, 1600) - box.x, height: Math.min(bottom, 1000) - box.y },
    animations: 'disabled',
  });
}

const hoverWidget = () => e2e.window.page.locator('.monaco-hover:not(.hidden)').first();

/** Closes the hover and moves the pointer off the text, so the next hover opens where it points. */
async function dismiss(): Promise<void> {
  await e2e.window.page.keyboard.press('Escape');
  await e2e.window.page.mouse.move(5, 600);
  await hoverWidget()
    .waitFor({ state: 'hidden', timeout: TIMEOUT })
    .catch(() => undefined);
}

/** The inlay hints rendered on the line containing `line`. */
async function hintsOnLine(line: string): Promise<string[]> {
  const row = e2e.workbench.editorLines.locator('.view-line').filter({ hasText: line }).first();
  await row.waitFor({ state: 'visible', timeout: TIMEOUT });
  return (await row.locator('span[class*="dyn-rule-"]').allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
}

const awsRegions = new Set(index.data.regions.filter((r) => r.provider === 'aws').map((r) => r.code));

describe('browser: the editor on real-shaped code', () => {
  it('a DynamoDB and an S3 region beside a Bedrock client are facts; model hovers stay on AWS and in the US profile; quiet in comments and ARNs', async () => {
    const wb = e2e.workbench;
    await wb.openFile('cases/agent/app.py');
    await wb.inlayHints(/unknown\smodel/); // hint labels render spaces as U+00A0
    assert.deepStrictEqual(await hintsOnLine('runtime.converse(modelId="anthropic'), [], 'a hint in commented-out code');
    assert.deepStrictEqual(await hintsOnLine('KNOWLEDGE_BASE'), [], 'a hint inside an ARN');

    const database = await wb.hover('us-east-1', /no switch is suggested/, '"dynamodb"');
    assert.match(database, /dynamodb client/);
    assert.doesNotMatch(database, /Switch to/);
    await shot('database-region-hover', hoverWidget());
    await dismiss();
    const bucket = await wb.hover('us-east-1', /no switch is suggested/, '"s3"');
    assert.match(bucket, /s3 client/);
    await dismiss();

    const llama = await wb.hover('llama3-3-70b', /Across the/);
    const named = [...llama.matchAll(/(cleanest|dirtiest) ([a-z0-9-]+)/g)].map((m) => m[2]);
    assert.equal(named.length, 2, llama);
    for (const code of named) assert.ok(awsRegions.has(code), `${code} is not an AWS region: the id is a Bedrock id`);
    assert.match(llama, /Not offered in us-east-1/, 'Llama 3.3 runs in us-east-1 only through the us. profile in the data');
    await shot('bedrock-model-hover', hoverWidget());
    await dismiss();

    const profile = await wb.hover('claude-3-7-sonnet', /cross-region profile/);
    const range = /≈ ([\d.,]+)–([\d.,]+)/.exec(profile);
    assert.ok(range, profile);
    const ends = [...profile.matchAll(/cleanest ([a-z0-9-]+) ≈ ([\d.,]+), dirtiest ([a-z0-9-]+) ≈ ([\d.,]+)/g)][0];
    assert.ok(ends, profile);
    assert.match(ends[1], /^us-(east|west)-\d$/);
    assert.match(ends[3], /^us-(east|west)-\d$/);
    assert.equal(ends[2], range[1], 'the cleanest destination is the low end of the range');
    assert.equal(ends[4], range[2], 'the dirtiest destination is the high end of the range');
    await shot('us-profile-hover', hoverWidget());
    await dismiss();

    const unknown = await wb.hover('unheard-of', /Unknown/);
    assert.ok(unknown.includes('cohere.unheard-of-lm-v1:0'), `the id reads as written: ${unknown}`);
    assert.ok(!unknown.includes('\\'), `no escape characters: ${unknown}`);
    await shot('unknown-model-hover', hoverWidget());
  });

  it('a Cosmos DB account is a fact; the Azure OpenAI account quick fix moves its three literals together', async () => {
    const wb = e2e.workbench;
    await wb.openFile('cases/infra/main.bicep');
    await wb.inlayHints(/g\/kWh/);
    const cosmos = await wb.hover('northeurope', /no switch is suggested/, 'location:');
    assert.doesNotMatch(cosmos, /Switch to/);
    await shot('cosmos-region-hover', hoverWidget());
    await dismiss();

    await wb.clickText('westeurope', 'location:');
    const entries = await wb.quickFixes(/Switch to/);
    const title = entries.find((e) => /Switch to [a-z0-9]+: −\d+% CO2e, same jurisdiction \(3 places in this resource\)/.test(e));
    assert.ok(title, `menu: ${entries.join(' | ')}`);
    await shot('quick-fix-menu', wb.page.locator('.action-widget').first());
    const target = index.data.regions.find((r) => r.provider === 'azure' && r.code === /^Switch to ([a-z0-9]+):/.exec(title)?.[1]);
    assert.ok(target, title);

    // The menu blocks pointer events outside itself while open; choose with the keyboard, as users do.
    const focused = wb.page.locator('.action-widget .monaco-list-row.focused');
    for (let step = 0; step < entries.length && !(await focused.innerText()).includes(title); step++)
      await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press('Enter');
    await wb.editorLines
      .filter({ hasText: `endpoint: 'https://${target.code}.api.cognitive.microsoft.com/'` })
      .waitFor({ timeout: 15_000 });
    // the model's hint follows the new region once the edit is analysed
    await hintsOnLineEventually("name: 'gpt-4o'", new RegExp(`g/Mtok\\sin\\s${target.code}`));
    const lines = (await wb.editorLines.innerText()).replace(/\u00a0/g, ' ');
    assert.ok(lines.includes(`location: '${target.code}'`), lines);
    assert.ok(lines.includes(`regionName: '${target.name}'`), lines);
    assert.ok(!/westeurope|West Europe/.test(lines), `a twin was left behind: ${lines}`);
    assert.ok(lines.includes("locationName: 'northeurope'"), 'the Cosmos account is another resource');
    await shot('after-quick-fix');
  });

  it('a model constant in a config module is a setting with its region; Explain renders the breakdown as Markdown', async () => {
    const wb = e2e.workbench;
    await wb.openFile('cases/agent/config.py');
    const hints = await hintsOnLineEventually('"gemini-2.0-flash-001"', /g\/Mtok\sin\sus-central1/);
    assert.ok(
      hints.some((h) => /g\/Mtok in us-central1/.test(h)),
      hints.join(' | '),
    );
    const hover = await wb.hover('gemini-2.0-flash-001', /gCO2e per million output tokens/);
    assert.doesNotMatch(hover, /A mention/);
    assert.doesNotMatch(hover, /No region paired/);
    await shot('config-constant-hover', hoverWidget());
    await dismiss();

    await wb.clickText('gemini-2.0-flash-001');
    await wb.runCommand('GridLens: Explain This Estimate');
    const preview = wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const heading = preview.locator('h1').filter({ hasText: 'GridLens' }).first();
    await heading.waitFor({ state: 'visible', timeout: TIMEOUT });
    const body = await preview.locator('body').innerText();
    assert.match(body, /us-central1/);
    assert.match(body, /PUE/);
    assert.ok(!/\\[.()\-_]/.test(body), `escape characters in the rendered preview: ${body.slice(0, 400)}`);
    assert.ok(!/^\s*\|.*\|\s*$/m.test(body), 'a Markdown table left unrendered');
    await e2e.window.page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'cases-explain-preview.png'),
      clip: { x: 0, y: 0, width: 1600, height: 700 },
      animations: 'disabled',
    });
  });

  it('a known model the data does not offer in its region keeps a figure and the hover says so', async () => {
    const wb = e2e.workbench;
    await wb.openFile('cases/agent/agent.py');
    await hintsOnLineEventually('"gemini-1.5-flash-8b"', /g\/Mtok/);
    const hover = await wb.hover('gemini-1.5-flash-8b', /Not offered/);
    assert.match(hover, /Not offered in us-central1 in the bundled data/);
    await shot('not-offered-hover', hoverWidget());
  });
});

/** Waits until the line containing `line` renders a hint matching `expect`; returns that line's hints. */
async function hintsOnLineEventually(line: string, expect: RegExp): Promise<string[]> {
  const row = e2e.workbench.editorLines.locator('.view-line').filter({ hasText: line }).first();
  await row.locator('span[class*="dyn-rule-"]').filter({ hasText: expect }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  return hintsOnLine(line);
}
