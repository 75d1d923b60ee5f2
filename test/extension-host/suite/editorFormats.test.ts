// The editor features on each format GridLens reads: the same expectations, computed from core, hold for a
// CloudFormation/SAM project, a boto3 script, a TypeScript SDK client, a LiteLLM config and a .env file.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { assessRegion } from '../../../src/core/carbon/assess';
import { bundledDataset } from '../../../src/core/data/bundled';
import { regionKey } from '../../../src/core/data/dataset';
import type { Region } from '../../../src/core/data/schema';
import { activateGridLens, applyCodeAction, codeActions, hoverTexts, inlayHintLabels, openFixture, revertAll, waitFor } from '../helpers';

interface Case {
  name: string;
  file: string;
  /** The region literal as written, and the model GridLens pairs it with. */
  region: string;
  model: string;
  policy: 'same' | 'any';
  /** The other hint the file shows: the model's figure in its region. */
  modelHint: RegExp;
}

const cases: Case[] = [
  {
    name: 'SAM samconfig.toml (model in template.yaml)',
    file: 'editor/cfn/samconfig.toml',
    region: 'us-east-1',
    model: 'mistral/mistral-7b-instruct',
    policy: 'same',
    modelHint: /^≈ 418 g\/kWh · LCA\/LB$/,
  },
  {
    name: 'boto3 client in Python',
    file: 'editor/app/bedrock_client.py',
    region: 'ap-southeast-1',
    model: 'anthropic/claude-3-haiku@20240307',
    policy: 'any',
    modelHint: /g\/Mtok in ap-southeast-1 · LCA\/LB$/,
  },
  {
    name: 'BedrockRuntimeClient in TypeScript',
    file: 'editor/web/client.ts',
    region: 'us-east-1',
    model: 'mistral/mixtral-8x7b-instruct',
    policy: 'same',
    modelHint: /g\/Mtok in us-east-1 · LCA\/LB$/,
  },
  {
    name: 'LiteLLM config.yaml (Vertex)',
    file: 'editor/litellm/config.yaml',
    region: 'asia-southeast1',
    model: 'google/gemini-2.0-flash',
    policy: 'any',
    modelHint: /g\/Mtok in asia-southeast1 · LCA\/LB$/,
  },
  {
    name: '.env file',
    file: 'editor/envapp/.env',
    region: 'ap-southeast-1',
    model: 'mistral/mistral-7b-instruct',
    policy: 'any',
    modelHint: /g\/Mtok in ap-southeast-1 · LCA\/LB$/,
  },
];

const index = bundledDataset();

describe('editor: formats', () => {
  before(activateGridLens);
  afterEach(async () => {
    await vscode.workspace.getConfiguration('gridlens').update('jurisdiction.policy', undefined, vscode.ConfigurationTarget.Global);
    await revertAll();
  });

  for (const c of cases) {
    it(`${c.name}: hint, hover, diagnostic and a fix that changes only the literal`, async () => {
      await vscode.workspace.getConfiguration('gridlens').update('jurisdiction.policy', c.policy, vscode.ConfigurationTarget.Global);
      const document = await openFixture(c.file);
      const original = document.getText();
      const start = original.indexOf(c.region);
      assert.ok(start >= 0, `${c.region} not in ${c.file}`);
      const range = new vscode.Range(document.positionAt(start), document.positionAt(start + c.region.length));
      const provider = c.region.includes('southeast1') ? 'gcp' : 'aws';
      const region = index.regions.get(regionKey(provider, c.region)) as Region;
      const expected = assessRegion(index, region, index.models.get(c.model), { jurisdiction: { kind: c.policy } });
      const grid = `≈ ${expected.grid.gPerKWh} g/kWh · LCA/LB`;

      const labels = await waitFor(`hints in ${c.file}`, async () => {
        const found = await inlayHintLabels(document.uri, new vscode.Range(0, 0, document.lineCount, 0));
        return found.includes(grid) ? found : undefined;
      });
      assert.ok(
        labels.some((l) => c.modelHint.test(l)),
        `no hint like ${c.modelHint} in: ${labels.join(' | ')}`,
      );

      const hover = (await hoverTexts(document.uri, range.start.translate(0, 1))).join('\n');
      assert.ok(hover.includes(`${expected.grid.gPerKWh} gCO2e/kWh`), hover);
      assert.ok(expected.model, `core paired no model for ${c.file}`);

      const best = expected.alternatives[0];
      assert.ok(best, `core offers no alternative for ${c.region} under policy ${c.policy}`);
      await waitFor(`the diagnostic in ${c.file}`, () =>
        vscode.languages.getDiagnostics(document.uri).some((d) => d.source === 'GridLens' && d.range.isEqual(range)),
      );
      const actions = await codeActions(document.uri, range);
      const fix = actions.find((a) => a.title.startsWith(`Switch to ${best.region.code}:`));
      assert.ok(fix, `no fix to ${best.region.code} among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.strictEqual(
        fix.isPreferred === true,
        best.sameJurisdiction,
        `preferred: ${actions.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(' | ')}`,
      );
      const after = await applyCodeAction(document, fix);
      assert.strictEqual(after, original.slice(0, start) + best.region.code + original.slice(start + c.region.length));
    });
  }
});

describe('editor: Bedrock cross-region profiles', () => {
  const FILE = 'editor/profile/assistant.py';
  before(activateGridLens);
  afterEach(async () => {
    await vscode.workspace.getConfiguration('gridlens').update('jurisdiction.policy', undefined, vscode.ConfigurationTarget.Global);
    await revertAll();
  });

  it('the source region of a us. profile call gets no switch: the provider picks the serving region', async () => {
    const document = await openFixture(FILE);
    const at = document.getText().indexOf('us-east-1');
    const range = new vscode.Range(document.positionAt(at), document.positionAt(at + 'us-east-1'.length));
    const hover = (await waitFor('the hover', async () =>
      (await hoverTexts(document.uri, range.start.translate(0, 1))).find((t) => t.includes('gCO2e/kWh')),
    )) as string;
    assert.match(hover, /cross\\?-region profile/);
    const titles = (await codeActions(document.uri, range)).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Switch to')), titles.join(' | '));
    assert.ok(!vscode.languages.getDiagnostics(document.uri).some((d) => d.source === 'GridLens' && d.range.isEqual(range)));
  });

  it('offers the eu. profile only when the jurisdiction policy allows it, and the edit changes only the prefix', async () => {
    const document = await openFixture(FILE);
    const original = document.getText();
    const at = original.indexOf('us.anthropic');
    const range = new vscode.Range(document.positionAt(at), document.positionAt(at + 10));
    await waitFor('the model hint', async () =>
      (await inlayHintLabels(document.uri, new vscode.Range(0, 0, document.lineCount, 0))).some((l) => l.includes('us profile')),
    );
    const sameJurisdiction = (await codeActions(document.uri, range)).filter((a) => a.title.startsWith('Use the'));
    assert.deepStrictEqual(
      sameJurisdiction.map((a) => a.title),
      [],
      'no profile abroad under the default policy',
    );
    await vscode.workspace.getConfiguration('gridlens').update('jurisdiction.policy', 'any', vscode.ConfigurationTarget.Global);
    const fix = await waitFor('the eu. profile fix', async () =>
      (await codeActions(document.uri, range)).find((a) => a.title.startsWith('Use the eu. profile')),
    );
    const after = await applyCodeAction(document, fix);
    assert.strictEqual(after, original.replace('us.anthropic.claude-3-7-sonnet', 'eu.anthropic.claude-3-7-sonnet'));
  });
});
