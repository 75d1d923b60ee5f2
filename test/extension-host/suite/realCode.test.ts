// The editor on code shaped like real projects: advice only where a model runs, quiet in comments and inside other
// tokens, nothing silent about models it cannot price, and model hovers whose numbers agree with each other.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { recommend } from '../../../src/core/carbon/recommend';
import { bundledDataset } from '../../../src/core/data/bundled';
import {
  activateGridLens,
  codeActions,
  driveQuickPick,
  hoverTexts,
  inlayHints,
  openFixture,
  positionOf,
  revertAll,
  waitFor,
} from '../helpers';

const ASSISTANT = 'editor/realcode/assistant.py';
const index = bundledDataset();
const tokenCharacter = /[A-Za-z0-9:/._@-]/;

const lineOf = (document: vscode.TextDocument, text: string) => positionOf(document, text).line;
const switchesAt = async (document: vscode.TextDocument, position: vscode.Position) =>
  (await codeActions(document.uri, new vscode.Range(position, position.translate(0, 3)))).filter((a) => a.title.startsWith('Switch to'));

describe('editor on real-shaped code', () => {
  before(activateGridLens);
  afterEach(revertAll);

  it('offers a region switch for the model client only, never for the database client in the same region', async () => {
    const document = await openFixture(ASSISTANT);
    const bedrock = positionOf(document, 'us-east-1")\n\n#', 0);
    const fixes = await waitFor('a switch on the Bedrock client region', async () => {
      const found = await switchesAt(document, bedrock);
      return found.length ? found : undefined;
    });
    assert.match(fixes[0].title, /^Switch to [a-z0-9-]+: −\d+% CO2e/);
    const dynamo = positionOf(document, 'us-east-1")\nruntime', 0);
    assert.deepStrictEqual(
      (await switchesAt(document, dynamo)).map((a) => a.title),
      [],
    );
    const hover = (await waitFor('the database region hover', async () =>
      (await hoverTexts(document.uri, dynamo.translate(0, 2))).find((t) => t.includes('gCO2e/kWh')),
    )) as string;
    assert.match(hover, /dynamodb client/);
    assert.match(hover, /no switch is suggested/);
    assert.doesNotMatch(hover, /Switch to/);
  });

  it('puts no hint in comments or inside another token, and a quiet word on models it cannot price', async () => {
    const document = await openFixture(ASSISTANT);
    const hints = await waitFor('inlay hints', async () => {
      const found = await inlayHints(document.uri, new vscode.Range(0, 0, document.lineCount, 0));
      return found.some((h) => h.label === 'unknown model') ? found : undefined;
    });
    const commentLines = new Set([0, lineOf(document, '# Previously')]);
    assert.deepStrictEqual(
      hints.filter((h) => commentLines.has(h.position.line)).map((h) => h.label),
      [],
      'hints on comment lines',
    );
    for (const hint of hints) {
      const offset = document.offsetAt(hint.position);
      const around = document.getText().slice(offset - 1, offset + 1);
      assert.ok(
        !(tokenCharacter.test(around[0] ?? '') && tokenCharacter.test(around[1] ?? '')),
        `'${hint.label}' splits a token at line ${hint.position.line + 1}: …${around}…`,
      );
    }
    const unknownLine = lineOf(document, 'cohere.imaginary-lm-v1:0');
    assert.ok(
      hints.some((h) => h.position.line === unknownLine && h.label === 'unknown model'),
      'the unknown model is marked',
    );
    const hover = (await waitFor('the unknown model hover', async () =>
      (await hoverTexts(document.uri, positionOf(document, 'cohere.imaginary', 3))).find((t) => t.includes('Unknown')),
    )) as string;
    assert.ok(hover.includes('cohere.imaginary-lm-v1:0'), `the id reads as written, without escapes: ${hover}`);
  });

  it('ranges a Bedrock model over AWS regions only, and the hover names that range', async () => {
    const document = await openFixture(ASSISTANT);
    const model = index.models.get('mistral/mistral-7b-instruct');
    assert.ok(model);
    const hover = (await waitFor('the model hover', async () =>
      (await hoverTexts(document.uri, positionOf(document, 'modelId="mistral', 10))).find((t) => t.includes('Mistral')),
    )) as string;
    assert.match(hover, /Across the \d+ AWS region offerings/);
    const awsCodes = new Set(index.data.regions.filter((r) => r.provider === 'aws').map((r) => r.code));
    const named = [...hover.matchAll(/cleanest \*\*([a-z0-9-]+)\*\*.*dirtiest ([a-z0-9-]+)/g)].flatMap((m) => [m[1], m[2]]);
    assert.equal(named.length, 2, hover);
    for (const code of named) assert.ok(awsCodes.has(code), `${code} is not an AWS region`);
  });

  it('Recommend Region starts at the model under the cursor', async () => {
    const document = await openFixture(ASSISTANT);
    const editor = vscode.window.activeTextEditor as vscode.TextEditor;
    const at = positionOf(document, 'modelId="mistral', 12);
    editor.selection = new vscode.Selection(at, at);
    await waitFor('the model is analysed', async () => (await hoverTexts(document.uri, at)).some((t) => t.includes('Mistral')));
    // Accepting twice takes the preselected model, then its top region: the cleanest region for that model.
    const copied = await driveQuickPick(
      vscode.commands.executeCommand<string | undefined>('gridlens.recommendRegion'),
      'workbench.action.acceptSelectedQuickOpenItem',
    );
    assert.strictEqual(copied, recommend(index, 'mistral/mistral-7b-instruct').recommended?.region);
  });
});
