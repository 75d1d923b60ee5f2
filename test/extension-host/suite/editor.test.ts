// The editor experience on real documents: inlay hints, hovers, quick fixes (and the text after applying them),
// diagnostics appearing and clearing, and settings taking effect — all through VS Code's provider pipeline.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { assessRegion } from '../../../src/core/carbon/assess';
import { estimateInRegion } from '../../../src/core/carbon/calculator';
import { formatGrams } from '../../../src/core/carbon/format';
import { bundledDataset } from '../../../src/core/data/bundled';
import { regionKey } from '../../../src/core/data/dataset';
import type { Region } from '../../../src/core/data/schema';
import {
  activateGridLens,
  applyCodeAction,
  codeActions,
  hoverTexts,
  inlayHintLabels,
  openFixture,
  positionOf,
  revertAll,
  waitFor,
} from '../helpers';

const TERRAFORM = 'infra/main.tf';
const index = bundledDataset();
const region = (provider: 'aws' | 'gcp' | 'azure', code: string) => index.regions.get(regionKey(provider, code)) as Region;

function gridlensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'GridLens');
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('gridlens').update(key, value, vscode.ConfigurationTarget.Global);
}

const wholeDocument = (document: vscode.TextDocument) => new vscode.Range(0, 0, document.lineCount, 0);

describe('editor: Terraform', () => {
  before(activateGridLens);
  afterEach(async () => {
    await setSetting('minSavingsPercent', undefined);
    await setSetting('inlayHints.enabled', undefined);
    await setSetting('jurisdiction.policy', undefined);
    await setSetting('carbon.basis', undefined);
    await revertAll();
  });

  // What core says about the fixture: Llama 3.1 70B (paired through var.model_id) in us-east-1.
  const expected = () =>
    assessRegion(index, region('aws', 'us-east-1'), index.models.get('meta/llama-3.1-70b-instruct'), { jurisdiction: { kind: 'same' } });

  it('shows inlay hints after the region and the model, only inside the requested range', async () => {
    const document = await openFixture(TERRAFORM);
    const labels = await waitFor('GridLens inlay hints', async () => {
      const found = await inlayHintLabels(document.uri, wholeDocument(document));
      return found.length >= 2 ? found : undefined;
    });
    assert.ok(labels.includes('≈ 418 g/kWh · LCA/LB'), `labels: ${labels.join(' | ')}`);
    const modelHint = labels.find((l) => l.includes('g/Mtok in us-east-1'));
    assert.ok(modelHint, `no model hint in: ${labels.join(' | ')}`);
    const firstLines = await inlayHintLabels(document.uri, new vscode.Range(0, 0, 5, 0));
    assert.deepStrictEqual(firstLines, [], 'hints outside the requested range');
  });

  it('shows usage + embodied by default and usage only when gridlens.carbon.basis is "usage", as core computes them', async () => {
    const document = await openFixture(TERRAFORM);
    const modelHint = async () =>
      (await inlayHintLabels(document.uri, wholeDocument(document))).find((l) => l.includes('g/Mtok in us-east-1'));
    const figure = (label: string) => Number(/^≈ ([\d.,]+) /.exec(label)?.[1].replace(/,/g, ''));
    const model = index.models.get('meta/llama-3.1-70b-instruct') as NonNullable<ReturnType<typeof index.models.get>>;
    const total = (await waitFor('the model hint', modelHint)) as string;
    assert.strictEqual(
      total,
      `≈ ${formatGrams(estimateInRegion(index, model, region('aws', 'us-east-1')).total.central)} g/Mtok in us-east-1 · LCA/LB`,
    );
    await setSetting('carbon.basis', 'usage');
    const usage = (await waitFor('the usage-only hint', async () =>
      (await modelHint())?.includes('usage only') ? modelHint() : undefined,
    )) as string;
    assert.strictEqual(
      usage,
      `≈ ${formatGrams(estimateInRegion(index, model, region('aws', 'us-east-1')).usage.central)} g/Mtok in us-east-1 · usage only, LCA/LB`,
    );
    assert.ok(figure(usage) < figure(total), `${usage} vs ${total}`);
  });

  it('hovers the region with its grid intensity, source, the paired model and cleaner alternatives', async () => {
    const document = await openFixture(TERRAFORM);
    const text = (await waitFor('a GridLens hover', async () =>
      (await hoverTexts(document.uri, positionOf(document, 'us-east-1', 2))).find((t) => t.includes('g/kWh')),
    )) as string;
    assert.match(text, /418 gCO2e\/kWh/);
    assert.match(text, /life-cycle, location-based/);
    assert.match(text, /usage [\d.,]+ \+ embodied hardware [\d.,]+/, "both parts of the paired model's figure");
    assert.match(text, /Electricity Maps/);
    assert.match(text, /Llama 3\\?\.1 70B/, 'the paired model (Markdown-escaped in the raw hover)');
    const best = expected().alternatives[0];
    assert.ok(text.includes(best.region.code), `hover does not name ${best.region.code}`);
    assert.match(text, /Open in leaderboard/);
    assert.match(text, /command:gridlens\.switchRegion/);
  });

  it('offers quick fixes with the saving in the title, preferred only within the jurisdiction, and never as fixAll', async () => {
    const document = await openFixture(TERRAFORM);
    const at = new vscode.Range(positionOf(document, 'us-east-1'), positionOf(document, 'us-east-1', 9));
    const actions = await waitFor('quick fixes', async () => {
      const found = (await codeActions(document.uri, at)).filter((a) => a.title.startsWith('Switch to'));
      return found.length > 0 ? found : undefined;
    });
    const best = expected().alternatives[0];
    assert.strictEqual(
      actions[0].title,
      `Switch to ${best.region.code}: −${Math.round(best.savingPercent)}% CO2e${best.distinguishable === false ? ', within the uncertainty' : ''}, same jurisdiction`,
    );
    assert.strictEqual(actions[0].isPreferred, true);
    assert.ok(
      actions.slice(1).every((a) => !a.isPreferred),
      'only one preferred fix',
    );
    const titles = (await codeActions(document.uri, at)).map((a) => a.title);
    assert.ok(titles.includes('Ignore on this line (gridlens-ignore)'));
    assert.ok(titles.includes('Open in GridLens leaderboard'));
    const fixAll = await codeActions(document.uri, at, vscode.CodeActionKind.SourceFixAll.value);
    assert.deepStrictEqual(
      fixAll.filter((a) => a.title.startsWith('Switch to')),
      [],
    );
  });

  it('applying a fix replaces exactly the literal and leaves every other byte identical', async () => {
    const document = await openFixture(TERRAFORM);
    const before = document.getText();
    const start = before.indexOf('"us-east-1"') + 1;
    const at = new vscode.Range(document.positionAt(start), document.positionAt(start + 9));
    const [fix] = await waitFor('quick fixes', async () => {
      const found = (await codeActions(document.uri, at)).filter((a) => a.title.startsWith('Switch to'));
      return found.length > 0 ? found : undefined;
    });
    const target = expected().alternatives[0].region.code;
    const after = await applyCodeAction(document, fix);
    assert.strictEqual(after, `${before.slice(0, start)}${target}${before.slice(start + 'us-east-1'.length)}`);
  });

  it('publishes a Hint diagnostic with a documentation link, and clears it when the region is made clean', async () => {
    const document = await openFixture(TERRAFORM);
    const [diagnostic] = await waitFor('the cleaner-region diagnostic', () => {
      const found = gridlensDiagnostics(document.uri);
      return found.length > 0 ? found : undefined;
    });
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Hint);
    assert.strictEqual(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code, 'cleaner-region');
    assert.strictEqual(document.getText(diagnostic.range), 'us-east-1');
    const cleanest = expected().alternatives[0].region.code;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, diagnostic.range, cleanest);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('diagnostics to clear', () => gridlensDiagnostics(document.uri).length === 0);
  });

  it('"Ignore on this line" adds a comment above in the file\'s syntax and the finding goes quiet', async () => {
    const document = await openFixture(TERRAFORM);
    const at = new vscode.Range(positionOf(document, 'us-east-1'), positionOf(document, 'us-east-1', 9));
    await waitFor('the diagnostic', () => gridlensDiagnostics(document.uri).length > 0);
    const ignore = (await codeActions(document.uri, at)).find((a) => a.title.startsWith('Ignore on this line'));
    assert.ok(ignore);
    const after = await applyCodeAction(document, ignore);
    assert.match(after, /\n {2}# gridlens-ignore\n {2}region = "us-east-1"/);
    await waitFor('diagnostics to clear', () => gridlensDiagnostics(document.uri).length === 0);
  });

  it('takes settings changes into effect: minimum saving and the inlay hint switch', async () => {
    const document = await openFixture(TERRAFORM);
    await waitFor('the diagnostic', () => gridlensDiagnostics(document.uri).length > 0);
    await setSetting('minSavingsPercent', 100);
    await waitFor('diagnostics to clear at a 100% minimum', () => gridlensDiagnostics(document.uri).length === 0);
    await setSetting('minSavingsPercent', undefined);
    await waitFor('the diagnostic to return', () => gridlensDiagnostics(document.uri).length > 0);
    await setSetting('inlayHints.enabled', false);
    await waitFor('no inlay hints while disabled', async () => (await inlayHintLabels(document.uri, wholeDocument(document))).length === 0);
    await vscode.commands.executeCommand('gridlens.toggleInlayHints');
    await waitFor('inlay hints back after the toggle', async () =>
      (await inlayHintLabels(document.uri, wholeDocument(document))).includes('≈ 418 g/kWh · LCA/LB'),
    );
  });

  it('with the jurisdiction policy "any", offers regions abroad without marking them preferred', async () => {
    await setSetting('jurisdiction.policy', 'any');
    const document = await openFixture(TERRAFORM);
    const at = new vscode.Range(positionOf(document, 'us-east-1'), positionOf(document, 'us-east-1', 9));
    const any = assessRegion(index, region('aws', 'us-east-1'), index.models.get('meta/llama-3.1-70b-instruct'), {
      jurisdiction: { kind: 'any' },
    });
    const actions = await waitFor('quick fixes', async () => {
      const found = (await codeActions(document.uri, at)).filter((a) => a.title.startsWith('Switch to'));
      return found.length === any.alternatives.length ? found : undefined;
    });
    for (const [i, action] of actions.entries()) {
      assert.strictEqual(
        action.isPreferred === true,
        any.alternatives[i].sameJurisdiction && any.alternatives.slice(0, i).every((a) => !a.sameJurisdiction),
        action.title,
      );
    }
  });
});

describe('editor: a region defined in variables.tf', () => {
  before(activateGridLens);
  afterEach(revertAll);

  it('the quick fix edits the variable default where the value is defined', async () => {
    const variables = await openFixture('editor/vars/variables.tf');
    const original = variables.getText();
    const at = new vscode.Range(positionOf(variables, 'ap-southeast-1'), positionOf(variables, 'ap-southeast-1', 14));
    await vscode.workspace.getConfiguration('gridlens').update('jurisdiction.policy', 'any', vscode.ConfigurationTarget.Global);
    try {
      const [fix] = await waitFor('a quick fix on the variable default', async () => {
        const found = (await codeActions(variables.uri, at)).filter((a) => a.title.startsWith('Switch to'));
        return found.length > 0 ? found : undefined;
      });
      const code = /Switch to ([a-z0-9-]+):/.exec(fix.title)?.[1] as string;
      const after = await applyCodeAction(variables, fix);
      assert.strictEqual(after, original.replace('"ap-southeast-1"', `"${code}"`));
    } finally {
      await vscode.workspace.getConfiguration('gridlens').update('jurisdiction.policy', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

describe('editor: commands', () => {
  before(activateGridLens);
  afterEach(revertAll);

  it('"Explain This Estimate" explains the finding under the cursor with its inputs and sources', async () => {
    const document = await openFixture(TERRAFORM);
    const editor = vscode.window.activeTextEditor as vscode.TextEditor;
    editor.selection = new vscode.Selection(positionOf(document, 'us-east-1', 3), positionOf(document, 'us-east-1', 3));
    const markdown = await vscode.commands.executeCommand<string>('gridlens.explainEstimate');
    assert.ok(markdown, 'no explanation');
    assert.match(markdown, /418 gCO2e\/kWh/);
    assert.match(markdown, /J\/token GPU/);
    assert.match(markdown, /PUE, power usage effectiveness\): × 1\.15/);
    assert.match(markdown, /Uncertainty: likely/);
    assert.match(markdown, /### Sources[\s\S]*Electricity Maps[\s\S]*ODbL/);
    await waitFor('the rendered explanation', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('markdown.preview')),
    );
  });

  it('"Explain This Estimate" explains a cross-region profile as a range over its destinations', async () => {
    const document = await openFixture('editor/profile/assistant.py');
    const editor = vscode.window.activeTextEditor as vscode.TextEditor;
    const at = positionOf(document, 'us.anthropic', 5);
    editor.selection = new vscode.Selection(at, at);
    const markdown = await waitFor('an explanation', async () => vscode.commands.executeCommand<string>('gridlens.explainEstimate'));
    assert.match(markdown, /cross-region profile: one of \d+ regions/);
    assert.match(markdown, /Across the \d+ destination regions of the us profile/);
  });

  it('"Scan Workspace" reads the workspace and the quick fix\'s leaderboard link carries the finding', async () => {
    const files = await vscode.commands.executeCommand<number>('gridlens.scanWorkspace');
    assert.ok(files >= 8, `only ${files} files read`);
    const document = await openFixture(TERRAFORM);
    const at = new vscode.Range(positionOf(document, 'us-east-1'), positionOf(document, 'us-east-1', 9));
    const open = await waitFor('the leaderboard action', async () =>
      (await codeActions(document.uri, at)).find((a) => a.title === 'Open in GridLens leaderboard'),
    );
    const [argument] = open.command?.arguments ?? [];
    assert.deepStrictEqual(
      { ...argument, uri: undefined },
      {
        uri: undefined,
        range: [at.start.line, at.start.character, at.end.line, at.end.character],
        provider: 'aws',
        currentRegion: 'us-east-1',
        text: 'us-east-1',
        model: 'meta/llama-3.1-70b-instruct',
      },
    );
  });
});
