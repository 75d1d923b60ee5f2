// Token-priced image and audio models get a per-token figure (their audio or image tokens counted as output tokens,
// as EcoLogits counts them); models priced per image, second or character get none. And a model the workspace itself
// calls through a cloud's global routing gets that routing's range even where no source lists it on that cloud.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { bundledDataset } from '../../src/core/data/bundled';
import { insightsFor, type InsightOptions } from '../../src/core/carbon/insight';
import { derivedGlobalOption } from '../../src/core/carbon/options';
import { MULTIMODAL_CARBON_UNIT, NO_TOKEN_FIGURE } from '../../src/core/carbon/units';
import type { Finding } from '../../src/core/scan/types';
import { explainMarkdown } from '../../src/extension/explain';

const index = bundledDataset();

interface Report {
  findings: Array<{ file: string; line: number; kind: string; value: string | null; unit?: string; modelKind?: string; carbon?: unknown }>;
  pairs: Array<{
    model: { file: string; line: number; value: string };
    state: string;
    unit?: string;
    carbon?: { range?: { min: number; max: number; derivedFrom?: string[] } };
  }>;
}

describe('media models billed per token', () => {
  let root: string;
  let report: Report;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'gridlens-media-'));
    mkdirSync(path.join(root, 'infra'));
    writeFileSync(
      path.join(root, 'infra', 'voice.bicep'),
      [
        "param location string = 'swedencentral'",
        '',
        "resource hub 'Microsoft.CognitiveServices/accounts@2024-10-01' = {",
        "  name: 'voice-hub'",
        '  location: location',
        "  kind: 'AIServices'",
        "  sku: { name: 'S0' }",
        '}',
        '',
        "resource speech 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {",
        '  parent: hub',
        "  name: 'narrator'",
        "  sku: { name: 'GlobalStandard', capacity: 2 }",
        "  properties: { model: { format: 'OpenAI', name: 'gpt-realtime-mini', version: '2025-12-15' } }",
        '}',
        '',
        "resource pictures 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {",
        '  parent: hub',
        "  name: 'illustrator'",
        "  sku: { name: 'GlobalStandard', capacity: 1 }",
        "  properties: { model: { format: 'OpenAI', name: 'gpt-image-1-mini', version: '2025-10-06' } }",
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(root, 'gateway.yaml'),
      [
        'model_list:',
        '  - model_name: poster',
        '    litellm_params:',
        '      model: gemini/gemini-3-pro-image-preview',
        '      api_base: https://aiplatform.googleapis.com/v1/publishers/google',
        '  - model_name: poster-studio',
        '    litellm_params:',
        '      model: gemini/gemini-3-pro-image-preview',
        '      api_key: os.environ/GEMINI_API_KEY',
        '',
      ].join('\n'),
    );
    let stdout = '';
    const code = await main(['scan', root, '--format', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined });
    assert.equal(code, 0);
    report = JSON.parse(stdout) as Report;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const pairOf = (file: string, line: number) => report.pairs.find((p) => p.model.file === file && p.model.line === line);

  it('shows a realtime model deployed as Global Standard per token over Azure global routing', () => {
    const pair = pairOf('infra/voice.bicep', 14);
    assert.equal(pair?.model.value, 'openai/gpt-realtime-mini');
    assert.equal(pair?.state, 'global');
    assert.equal(pair?.unit, MULTIMODAL_CARBON_UNIT);
    assert.ok(pair?.carbon?.range && pair.carbon.range.min > 0 && pair.carbon.range.max > pair.carbon.range.min);
    assert.deepEqual(pair.carbon.range.derivedFrom, ['azure-openai-deployment-types']);
  });

  it('keeps an image model priced per image without a figure beside it', () => {
    const pair = pairOf('infra/voice.bicep', 21);
    assert.equal(pair?.model.value, 'openai/gpt-image-1-mini');
    assert.equal(pair?.state, 'global');
    assert.equal(pair?.carbon, undefined);
    const finding = report.findings.find((f) => f.file === 'infra/voice.bicep' && f.line === 21 && f.kind === 'model');
    assert.deepEqual([finding?.unit, finding?.modelKind, finding?.carbon], [NO_TOKEN_FIGURE, 'image', undefined]);
  });

  it('shows a Gemini image model on the Vertex global endpoint, and none through the Gemini API', () => {
    const vertex = pairOf('gateway.yaml', 4);
    assert.equal(vertex?.state, 'global');
    assert.equal(vertex?.unit, MULTIMODAL_CARBON_UNIT);
    assert.deepEqual(vertex?.carbon?.range?.derivedFrom, ['vertex-global-endpoint']);
    const studio = pairOf('gateway.yaml', 8);
    assert.equal(studio?.state, 'provider-managed');
    assert.equal(studio?.carbon, undefined);
  });
});

describe('global routing the workspace names', () => {
  const realtime = index.models.get('openai/gpt-realtime-mini')!;

  it('derives a range for a model no source lists on the cloud only when the workspace calls it there', () => {
    assert.equal((index.offeringsByModel.get(realtime.id) ?? []).length, 0, 'the data lists no offering of it');
    assert.equal(derivedGlobalOption(index, realtime, 'azure'), undefined);
    const derived = derivedGlobalOption(index, realtime, 'azure', {}, true);
    assert.ok(derived);
    assert.equal(derived.option.offering.provenance.status, 'derived');
    assert.match(derived.option.offering.provenance.rule ?? '', /the workspace calls the model through the provider's global routing/);
    assert.equal(derived.option.offering.price, undefined, 'never another model price');
  });

  it('never derives one for a model without a per-token figure', () => {
    assert.equal(derivedGlobalOption(index, index.models.get('openai/gpt-image-1-mini')!, 'azure', {}, true), undefined);
  });
});

describe('the basis of a media figure, where it is shown', () => {
  const hover = (text: string, value: string) => {
    const finding: Finding = { kind: 'model', range: { start: 0, end: text.length }, text, value, role: 'inference' };
    const options: InsightOptions = { minSavingsPercent: 10, jurisdiction: { kind: 'any' } };
    const [insight] = insightsFor(index, 'a.py', [finding], [], options);
    return explainMarkdown(index, insight);
  };

  it("says that audio tokens count as output tokens, and that a successor's size is its family's prior", () => {
    const text = hover('gpt-realtime-mini', 'openai/gpt-realtime-mini');
    assert.match(text, /Audio model billed per token. Its audio or image tokens count as output tokens/);
    assert.match(text, /No source gives this model's own size: it is estimated with its family's size prior/);
  });

  it('says why an image model priced per image has no figure', () => {
    assert.match(hover('dall-e-3', 'openai/dall-e-3'), /image model: \*\*no per-token figure\*\* \(no licensed source gives its size/);
  });
});
