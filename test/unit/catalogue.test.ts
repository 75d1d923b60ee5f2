// The catalogue's breadth: every model id models.dev lists for the providers GridLens covers resolves (directly or
// through the generic platform rules), every model has the figures its kind allows, and new versions of known
// families fall back to the family prior instead of "unknown".
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundledDataset } from '../../src/core/data/bundled';
import { estimateEnergy, estimateInRegion, NoTokenFigureError } from '../../src/core/carbon/calculator';
import { leaderboardRows } from '../../src/core/carbon/leaderboard';
import { catalogueTable } from '../../scripts/catalogue-table';
import { main } from '../../src/cli/main';
import { insightsFor, type InsightOptions } from '../../src/core/carbon/insight';
import type { Finding, Pair } from '../../src/core/scan/types';
import { explainMarkdown } from '../../src/extension/explain';
import { DatasetError, loadDataset } from '../../src/core/data/dataset';
import { resolveModel } from '../../src/core/data/resolve';
import {
  CARBON_UNIT,
  carbonUnit,
  EMBEDDING_CARBON_UNIT,
  hasTokenFigure,
  isMediaKind,
  kindOf,
  MULTIMODAL_CARBON_UNIT,
  type TokenModel,
  type TokenUnit,
} from '../../src/core/carbon/units';
import { pairValue, type ReportPair } from '../../src/cli/report';
import { answerCompare } from '../../src/extension/leaderboard/service';

const index = bundledDataset();
const extractFile = path.resolve(__dirname, '../../data/sources/models-dev/provider-model-ids.json');
const extract = JSON.parse(readFileSync(extractFile, 'utf8')) as { providers: Record<string, { ids: string[]; legacy: string[] }> };
const coveredProviders = [
  'amazon-bedrock',
  'google-vertex',
  'google-vertex-anthropic',
  'azure',
  'openai',
  'anthropic',
  'google',
  'mistral',
  'deepseek',
  'cohere',
  'groq',
  'togetherai',
  'fireworks-ai',
  'cerebras',
];

describe('model catalogue breadth (models.dev extract)', () => {
  it('lists every covered provider', () => {
    assert.deepEqual(Object.keys(extract.providers).sort(), [...coveredProviders].sort());
  });

  for (const provider of coveredProviders) {
    it(`resolves every ${provider} id`, () => {
      const { ids } = extract.providers[provider];
      assert.ok(ids.length > 0);
      const unresolved = ids.filter((id) => resolveModel(index, id)?.matchedBy !== 'alias');
      assert.deepEqual(unresolved, [], `${unresolved.length} of ${ids.length} ${provider} ids do not resolve to a listed model`);
    });
  }

  it('holds at least 200 distinct models', () => {
    assert.ok(index.data.models.length >= 200, `only ${index.data.models.length}`);
  });
});

describe('model kinds and figures', () => {
  it('gives every generation and embedding model a size, and a media model one only from EcoLogits or a family prior', () => {
    for (const model of index.data.models) {
      if (!isMediaKind(kindOf(model))) assert.ok(model.params, model.id);
      else if (model.params) {
        assert.match(model.params.source, /^(?:ecologits|gridlens-family-priors$)/, model.id);
        assert.match(model.notes ?? '', /Billed per token/, `${model.id}: its notes say what its tokens are`);
      }
    }
  });

  it('counts token-priced image and audio models in tokens where EcoLogits sizes them or their predecessor', () => {
    const unitOf = (name: string) => {
      const model = resolveModel(index, name)?.model;
      assert.ok(model, name);
      return [kindOf(model), carbonUnit(model)];
    };
    for (const name of ['gpt-4o-realtime-preview-2024-12-17', 'gpt-4o-mini-tts', 'gpt-4o-audio-preview'])
      assert.deepEqual(unitOf(name), ['audio', MULTIMODAL_CARBON_UNIT], name);
    for (const name of ['gemini-3-pro-image-preview', 'gemini/gemini-2.5-flash-image', 'gemini-3.1-flash-image-preview'])
      assert.deepEqual(unitOf(name), ['image', MULTIMODAL_CARBON_UNIT], name);
    // successors without an EcoLogits entry: their predecessor's size widened (the family prior rule)
    for (const [name, predecessor] of [
      ['gpt-realtime-mini', 'openai/gpt-4o-mini-realtime-preview'],
      ['gpt-realtime', 'openai/gpt-4o-realtime-preview'],
      ['gpt-audio', 'openai/gpt-4o-audio-preview'],
    ] as const) {
      const model = resolveModel(index, name)?.model as TokenModel;
      assert.equal(carbonUnit(model), MULTIMODAL_CARBON_UNIT, name);
      assert.equal(model.params.source, 'gridlens-family-priors', name);
      const [outer, inner] = [model, index.models.get(predecessor) as TokenModel].map(
        (m) => estimateEnergy(m, index.data.calculator).itKWhPerMTok,
      );
      assert.ok(outer.low < inner.low && outer.high > inner.high, `${name} widens ${predecessor}`);
    }
  });

  it('gives no per-token figure to models priced per image, second or character, or of no known size', () => {
    for (const name of [
      'gpt-image-1',
      'gpt-image-1-mini',
      'dall-e-3',
      'amazon.titan-image-generator-v1',
      'amazon.nova-canvas-v1:0',
      'imagen-4.0-generate-001',
      'whisper-1',
      'tts-1',
      'sora-2',
      'gemini-2.5-flash-preview-tts',
      'gemini-live-2.5-flash-preview',
    ]) {
      const model = resolveModel(index, name)?.model;
      assert.ok(model && isMediaKind(kindOf(model)), name);
      assert.equal(carbonUnit(model), undefined, name);
    }
  });

  it('resolves a new Gemini image or speech version to its own family prior, not the text one', () => {
    const match = (name: string) => resolveModel(index, name);
    assert.equal(match('gemini-3.5-flash-image-preview')?.model.id, 'google/gemini-image@family-prior');
    assert.equal(carbonUnit(match('gemini-4-pro-image')!.model), MULTIMODAL_CARBON_UNIT);
    const speech = match('gemini-3.5-flash-preview-tts')?.model;
    assert.equal(speech?.id, 'google/gemini-speech@family-prior');
    assert.equal(carbonUnit(speech!), undefined);
    assert.equal(match('gemini-9-flash')?.model.id, 'google/gemini-flash@family-prior');
  });

  it('gives each family prior a band that holds the band of every listed member it stands for', () => {
    const coefficients = index.data.calculator;
    const band = (model: TokenModel) => estimateEnergy(model, coefficients).itKWhPerMTok;
    let checked = 0;
    for (const { pattern, model: prior } of index.families) {
      // a media family of no known size (Gemini Live and speech) has no per-token figure, so no band to hold
      if (!hasTokenFigure(prior)) {
        assert.ok(isMediaKind(kindOf(prior)), prior.id);
        continue;
      }
      const members = index.data.models.filter(
        (m) => m !== prior && !m.familyPattern && m.params?.source.startsWith('ecologits') && m.aliases.some((a) => pattern.test(a.id)),
      );
      for (const member of members) {
        assert.ok(hasTokenFigure(member));
        const [outer, inner] = [band(prior), band(member)];
        assert.ok(outer.low <= inner.low && outer.high >= inner.high, `${prior.id} does not hold ${member.id}`);
        checked++;
      }
    }
    assert.ok(checked >= 10, `only ${checked} members checked`);
  });

  it('recognises embedding and media models by name and kind', () => {
    const kindByName = (id: string) => {
      const model = resolveModel(index, id)?.model;
      return model && kindOf(model);
    };
    assert.equal(kindByName('text-embedding-ada-002'), 'embedding');
    assert.equal(kindByName('amazon.titan-embed-text-v2:0'), 'embedding');
    assert.equal(kindByName('cohere.embed-multilingual-v3'), 'embedding');
    assert.equal(kindByName('amazon.nova-canvas-v1:0'), 'image');
    assert.equal(kindByName('amazon.nova-reel-v1:1'), 'video');
    assert.equal(kindByName('amazon.nova-sonic-v1:0'), 'audio');
    assert.equal(kindByName('imagen-3.0-generate-002'), 'image');
    assert.equal(kindByName('gpt-4o'), 'generation');
  });
});

describe('generic alias rules', () => {
  const resolved = (text: string) => resolveModel(index, text)?.model.id;

  it('reads Bedrock vendor ids, versions and every geo profile', () => {
    const claude = resolved('anthropic.claude-3-opus-20240229-v1:0');
    assert.equal(claude, 'anthropic/claude-3-opus@20240229');
    for (const geo of ['us', 'eu', 'apac', 'jp', 'au', 'global', 'us-gov'])
      assert.equal(resolved(`${geo}.anthropic.claude-3-opus-20240229-v1:0`), claude, geo);
    assert.equal(resolved('arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-opus-20240229-v1:0'), claude);
  });

  it('reads Vertex @version, @YYYYMMDD and -maas names', () => {
    assert.equal(resolved('claude-3-opus@20240229'), 'anthropic/claude-3-opus@20240229');
    assert.equal(resolved('claude-sonnet-4-6@default'), 'anthropic/claude-sonnet-4.6');
    assert.equal(resolved('textembedding-gecko@003'), 'google/text-embedding-004');
    assert.equal(resolved('publishers/google/models/imagegeneration@006'), 'google/imagegeneration');
    assert.equal(resolved('zai-org/glm-4.7-maas'), 'zai/glm-4.7');
  });

  it('reads Gemini API resource names, LiteLLM prefixes and dated snapshots', () => {
    assert.equal(resolved('models/gemini-3-pro-preview'), 'google/gemini-3-pro');
    assert.equal(resolved('gemini/gemini-3-flash-preview'), 'google/gemini-3-flash');
    assert.equal(resolved('azure/gpt-35-turbo-instruct'), 'openai/gpt-3.5-turbo-instruct');
    assert.equal(resolved('openai/gpt-5-mini-2025-08-07'), 'openai/gpt-5-mini');
    assert.equal(resolved('gpt-4.1-2025-04-14'), 'openai/gpt-4.1');
  });

  it('falls back to the family prior for a version of a known family it does not list, and says so', () => {
    const cases: Array<[string, string]> = [
      ['claude-opus-9-20300101', 'anthropic/claude-opus@family-prior'],
      ['anthropic.claude-sonnet-7-20300101-v1:0', 'anthropic/claude-sonnet@family-prior'],
      ['claude-4-haiku-20300101', 'anthropic/claude-haiku@family-prior'],
      ['gemini-9.5-flash', 'google/gemini-flash@family-prior'],
      ['gemini-9-flash-lite-preview', 'google/gemini-flash-lite@family-prior'],
      ['vertex_ai/gemini-9-pro', 'google/gemini-pro@family-prior'],
      ['gpt-5.9', 'openai/gpt-5@family-prior'],
      ['gpt-5.9-mini', 'openai/gpt-5-mini@family-prior'],
    ];
    for (const [text, family] of cases) {
      const match = resolveModel(index, text);
      assert.equal(match?.model.id, family, text);
      assert.equal(match?.matchedBy, 'family', text);
      assert.equal(match?.model.tier, 'C', text);
    }
  });

  it('keeps unknown what has no family', () => {
    for (const text of ['my-model', 'gpt', 'claude', 'gemini', 'llama-99-weird']) assert.equal(resolveModel(index, text), undefined, text);
  });
});

describe('offerings of the wider catalogue', () => {
  it('says where region availability is unknown instead of listing regions', () => {
    const unknown = index.data.offerings.filter((o) => o.regionsKnown === false);
    assert.ok(unknown.length > 100, `${unknown.length}`);
    for (const offering of unknown) assert.deepEqual(offering.regions, [], offering.model);
  });

  it('turns a model served only where regions are unknown into no leaderboard row, and a Bedrock global profile into a range', () => {
    const rowsOf = (model: string) => leaderboardRows(index, { models: [model] });
    assert.ok((index.offeringsByModel.get('anthropic/claude-sonnet-4.6') ?? []).some((o) => o.regionsKnown === false));
    const sonnet = rowsOf('anthropic/claude-sonnet-4.6');
    assert.ok(
      sonnet.length > 0 && sonnet.every((row) => row.placement === 'global' && row.carbon === null && row.carbonRange !== undefined),
    );
    assert.deepEqual(rowsOf('zai/glm-4.7'), []);
  });

  it('rejects an offering that lists regions while saying they are unknown, or lists none without saying so', () => {
    const raw = JSON.parse(readFileSync(path.resolve(__dirname, '../../build/dataset.json'), 'utf8'));
    const offering = {
      model: 'openai/gpt-4o',
      provider: 'azure',
      service: 'azure-openai',
      placement: 'regional',
      source: 'models-dev',
      provenance: { status: 'unverified', reason: 'no source lists the regions' },
      asOf: '2026-07-02',
    };
    raw.offerings.push({ ...offering, regions: ['eastus'], regionsKnown: false }, { ...offering, regions: [] });
    assert.throws(
      () => loadDataset(raw),
      (error: DatasetError) =>
        error.problems.length === 2 && /regionsKnown is false/.test(error.problems[0]) && /no regions/.test(error.problems[1]),
    );
  });
});

describe('sizes of media models in the data', () => {
  it('rejects a media model sized from anything but EcoLogits or a family prior, or with a measurement', () => {
    const raw = JSON.parse(readFileSync(path.resolve(__dirname, '../../build/dataset.json'), 'utf8'));
    const image = raw.models.find((m: { id: string }) => m.id === 'openai/gpt-image-1');
    image.params = { total: { min: 10, max: 10 }, active: { min: 10, max: 10 }, source: 'model-cards' };
    image.measured = { jPerToken: 1, gpu: 'H100', batch: 128, source: 'mlenergy-v3' };
    assert.throws(
      () => loadDataset(raw),
      (error: DatasetError) =>
        error.problems.some((p) => /openai\/gpt-image-1: an image model has no measurement per token/.test(p)) &&
        error.problems.some((p) =>
          /openai\/gpt-image-1: an image model's size comes from EcoLogits or a family prior, not 'model-cards'/.test(p),
        ),
    );
  });
});

describe('README catalogue table', () => {
  it('matches the bundled dataset (regenerate with `npx tsx scripts/catalogue-table.ts`)', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const section = /<!-- catalogue-table:start -->\n([\s\S]*?)\n<!-- catalogue-table:end -->/.exec(readme);
    assert.ok(section, 'README has the catalogue table markers');
    assert.equal(section[1], catalogueTable(index.data));
    assert.match(readme, new RegExp(`^${index.data.models.length} models:`, 'm'));
  });
});

describe('speed and units in leaderboard rows', () => {
  const rows = leaderboardRows(index);

  it('gives every row of a model with a sourced speed that speed, labelled with what was measured, and null elsewhere', () => {
    let withSpeed = 0;
    for (const row of rows) {
      const model = index.models.get(row.model.id)!;
      if (model.speed) {
        withSpeed++;
        assert.equal(row.throughput, model.speed.outputTokensPerSecond, row.model.id);
        assert.ok(row.throughputNote?.includes(model.speed.source), row.model.id);
      } else if (!(index.offeringsByModel.get(model.id) ?? []).some((o) => o.throughput)) {
        assert.equal(row.throughput, null, row.model.id);
        assert.equal(row.throughputNote, undefined);
      }
    }
    assert.ok(withSpeed > rows.length / 2, `${withSpeed} of ${rows.length} rows have a speed`);
  });

  it('takes the measured speed of tier A models from ML.ENERGY and of served closed models from EcoLogits', () => {
    assert.equal(index.models.get('meta/llama-3.1-8b-instruct')?.speed?.source, 'mlenergy-v3');
    assert.equal(index.models.get('openai/gpt-4o')?.speed?.source, 'ecologits');
  });

  it('states the unit of each row by model kind', () => {
    for (const row of rows)
      assert.equal(
        row.model.unit,
        row.model.kind === 'embedding' ? EMBEDDING_CARBON_UNIT : isMediaKind(row.model.kind) ? MULTIMODAL_CARBON_UNIT : CARBON_UNIT,
        row.model.id,
      );
  });

  it('prices an embedding model per input token only (prefill), below a generation model of the same size', () => {
    const embedding = index.models.get('openai/text-embedding-3-large')!;
    const generation = { ...embedding, kind: 'generation' as const };
    const region = index.regions.get('aws:us-east-1')!;
    const perInput = estimateInRegion(index, embedding, region, { inputTokensPerOutputToken: 10 }).carbon.central;
    const perOutput = estimateInRegion(index, generation, region).carbon.central;
    assert.ok(Math.abs(perInput / perOutput - index.data.calculator.inputTokenWeight) < 1e-9, `${perInput} / ${perOutput}`);
  });

  it('refuses a per-token figure for media models with a message naming the kind', () => {
    const canvas = index.models.get('amazon/nova-canvas')!;
    assert.throws(
      () => estimateInRegion(index, canvas, index.regions.get('aws:us-east-1')!),
      (error: Error) => error instanceof NoTokenFigureError && /image model: no per-token figure/.test(error.message),
    );
    assert.deepEqual(leaderboardRows(index, { models: ['amazon/nova-canvas'] }), []);
  });
});

describe('units where figures are shown: hover and CLI', () => {
  const modelFinding = (text: string, value: string): Finding => ({
    kind: 'model',
    range: { start: 0, end: text.length },
    text,
    value,
    role: 'inference',
  });
  const hover = (text: string, value: string, pairs: Pair[] = []) => {
    const options: InsightOptions = { minSavingsPercent: 10, jurisdiction: { kind: 'any' } };
    const [insight] = insightsFor(index, 'a.py', [modelFinding(text, value)], pairs, options);
    return explainMarkdown(index, insight);
  };

  it('shows a media model with its kind and no per-token figure', () => {
    const text = hover('amazon.nova-reel-v1:1', 'amazon/nova-reel');
    assert.match(text, /video model: \*\*no per-token figure\*\*/);
    assert.doesNotMatch(text, /Mtok|million/);
  });

  it('shows an embedding model per million input tokens, and a family prior as such', () => {
    assert.match(hover('text-embedding-3-large', 'openai/text-embedding-3-large'), /per million \*\*input\*\* tokens/);
    assert.match(
      hover('gemini-9-flash', 'google/gemini-flash@family-prior'),
      /not in the catalogue: it is estimated with its family's size prior/,
    );
  });

  async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  }

  it('estimates an embedding model per million input tokens in JSON', async () => {
    const { code, stdout } = await run('estimate', 'amazon.titan-embed-text-v2:0', '--region', 'aws:us-east-1', '--format', 'json');
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    assert.equal(result.unit, 'gCO2e per million input tokens');
    assert.equal(result.model.kind, 'embedding');
    assert.equal(result.model.matchedBy, 'alias');
    const family = JSON.parse((await run('estimate', 'claude-opus-9-20300101', '--region', 'aws:us-east-1', '--format', 'json')).stdout);
    assert.equal(family.model.matchedBy, 'family');
  });

  it('refuses to estimate a media model, with a clear message and exit code 2', async () => {
    const { code, stderr } = await run('estimate', 'amazon.nova-canvas-v1:0', '--region', 'aws:us-east-1');
    assert.equal(code, 2);
    assert.match(stderr, /Nova Canvas .* is an image model: no per-token figure/);
  });
});

describe('units in the scan report', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gridlens-units-'));
    writeFileSync(
      path.join(root, 'app.py'),
      [
        'import boto3',
        'client = boto3.client("bedrock-runtime", region_name="eu-west-1")',
        'client.invoke_model(modelId="amazon.titan-embed-text-v2:0", body="{}")',
        'client.invoke_model(modelId="amazon.nova-canvas-v1:0", body="{}")',
        'client.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=[])',
        '',
      ].join('\n'),
    );
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('gives each model finding and pair the unit of its figure, and media models none', async () => {
    let stdout = '';
    const code = await main(['scan', root, '--format', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined });
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as {
      findings: Array<{ kind: string; value: string | null; unit?: string; modelKind?: string; carbon?: { gPerMTok?: number } }>;
      pairs: Array<{ model: { value: string }; unit?: string; carbon?: unknown }>;
    };
    const model = (id: string) => report.findings.find((f) => f.kind === 'model' && f.value === id);
    assert.deepEqual(
      [model('amazon/titan-embed-text-v2')?.unit, model('amazon/titan-embed-text-v2')?.modelKind],
      ['gCO2e per million input tokens', 'embedding'],
    );
    assert.deepEqual(
      [model('amazon/nova-canvas')?.unit, model('amazon/nova-canvas')?.modelKind, model('amazon/nova-canvas')?.carbon],
      ['no per-token figure', 'image', undefined],
    );
    assert.deepEqual(
      [model('anthropic/claude-3-haiku@20240307')?.unit, model('anthropic/claude-3-haiku@20240307')?.modelKind],
      ['gCO2e per million output tokens', undefined],
    );
    const pair = report.pairs.find((p) => p.model.value === 'amazon/titan-embed-text-v2');
    assert.ok(pair?.carbon, 'the embedding model is paired with its region');
    assert.equal(pair?.unit, 'gCO2e per million input tokens');
  });
});

describe('units where figures are compared', () => {
  const pair = (unit: TokenUnit): ReportPair => ({
    model: { file: 'a.py', line: 1, value: 'm' },
    region: null,
    state: 'region',
    evidence: [],
    carbon: { gPerMTok: 500 },
    unit,
  });

  it('compares only per-output-token figures with --fail-above', () => {
    assert.equal(pairValue(pair(CARBON_UNIT)), 500);
    assert.equal(pairValue(pair(MULTIMODAL_CARBON_UNIT)), 500);
    assert.equal(pairValue(pair(EMBEDDING_CARBON_UNIT)), undefined);
  });

  it('gives each side of a leaderboard comparison its unit, and says when they differ', () => {
    const request = (a: string, b: string) => ({
      type: 'compare' as const,
      requestId: 1,
      a: { model: a, provider: 'aws' as const, region: 'us-east-1' },
      b: { model: b, provider: 'aws' as const, region: 'eu-north-1' },
    });
    const answer = answerCompare(index, request('amazon.titan-embed-text-v2:0', 'meta.llama3-1-70b-instruct-v1:0'));
    assert.ok(answer.ok, JSON.stringify(answer));
    assert.equal(answer.result.a.model.unit, EMBEDDING_CARBON_UNIT);
    assert.equal(answer.result.b.model.unit, CARBON_UNIT);
  });
});
