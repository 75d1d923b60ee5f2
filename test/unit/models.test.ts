// The model catalogue and where each model is served (data/models.yaml, data/offerings.yaml, compiled into
// build/dataset.json by `npm run data`): coverage, how real-world spellings resolve, measured values against the
// ML.ENERGY extract, and the region lists of the offerings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundledDataset } from '../../src/core/data/bundled';
import { platformOfModelText } from '../../src/core/data/platform';
import { resolveModel } from '../../src/core/data/resolve';
import type { Model, Offering } from '../../src/core/data/schema';

const index = bundledDataset();
/** Each text resolves to its model by a listed spelling (after the generic rules), not by a family prior. */
const resolvesByAlias = (cases: ReadonlyArray<[text: string, id: string]>): void => {
  for (const [text, id] of cases) {
    const match = resolveModel(index, text);
    assert.equal(match?.model.id, id, text);
    assert.equal(match?.matchedBy, 'alias', text);
  }
};
const { models, offerings } = index.data;
// ML.ENERGY's extract, kept in the repository with its licence (data/sources/mlenergy-benchmark-v3/SOURCE.md).
const mlEnergyCsv = path.resolve(__dirname, '../../data/sources/mlenergy-benchmark-v3/llm_runs_extracted.csv');

const resolvedId = (text: string) => resolveModel(index, text)?.model.id;

function offeringsOf(modelId: string, filter: Partial<Pick<Offering, 'provider' | 'service' | 'placement' | 'geo'>> = {}): Offering[] {
  return (index.offeringsByModel.get(modelId) ?? []).filter((o) =>
    Object.entries(filter).every(([key, value]) => o[key as keyof Offering] === value),
  );
}

function regionalRegions(modelId: string, provider: Offering['provider'], service: Offering['service']): string[] {
  return offeringsOf(modelId, { provider, service, placement: 'regional' }).flatMap((o) => o.regions);
}

describe('model catalogue', () => {
  it('carries at least 40 models', () => {
    assert.ok(models.length >= 40, `only ${models.length} models`);
  });

  // One spelling per model the catalogue must cover, each as code commonly writes it.
  const requiredModels: Array<[string, string]> = [
    ['meta-llama/Llama-3.1-8B-Instruct', 'meta/llama-3.1-8b-instruct'],
    ['meta.llama3-1-70b-instruct-v1:0', 'meta/llama-3.1-70b-instruct'],
    ['meta/llama-3.1-405b-instruct-maas', 'meta/llama-3.1-405b-instruct'],
    ['llama-3.3-70b-versatile', 'meta/llama-3.3-70b-instruct'],
    ['meta.llama4-scout-17b-instruct-v1:0', 'meta/llama-4-scout-17b-16e-instruct'],
    ['meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8', 'meta/llama-4-maverick-17b-128e-instruct'],
    ['meta.llama3-8b-instruct-v1:0', 'meta/llama-3-8b-instruct'],
    ['meta.llama3-70b-instruct-v1:0', 'meta/llama-3-70b-instruct'],
    ['mistral.mistral-7b-instruct-v0:2', 'mistral/mistral-7b-instruct'],
    ['open-mixtral-8x7b', 'mistral/mixtral-8x7b-instruct'],
    ['open-mixtral-8x22b', 'mistral/mixtral-8x22b-instruct'],
    ['mistral-large-2411', 'mistral/mistral-large-2'],
    ['mistral.mistral-large-2402-v1:0', 'mistral/mistral-large@2402'],
    ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic/claude-3-haiku@20240307'],
    ['claude-3-5-sonnet-20240620', 'anthropic/claude-3.5-sonnet@20240620'],
    ['claude-3-5-sonnet-20241022', 'anthropic/claude-3.5-sonnet@20241022'],
    ['claude-3-5-haiku-latest', 'anthropic/claude-3.5-haiku@20241022'],
    ['claude-3-7-sonnet@20250219', 'anthropic/claude-3.7-sonnet@20250219'],
    ['claude-sonnet-4-20250514', 'anthropic/claude-sonnet-4@20250514'],
    ['claude-sonnet-4-5', 'anthropic/claude-sonnet-4.5@20250929'],
    ['claude-haiku-4-5-20251001', 'anthropic/claude-haiku-4.5@20251001'],
    ['claude-opus-4-20250514', 'anthropic/claude-opus-4@20250514'],
    ['claude-opus-4-1', 'anthropic/claude-opus-4.1@20250805'],
    ['claude-opus-4-5@20251101', 'anthropic/claude-opus-4.5@20251101'],
    ['gpt-4o', 'openai/gpt-4o'],
    ['gpt-4o-mini-2024-07-18', 'openai/gpt-4o-mini'],
    ['gpt-4.1', 'openai/gpt-4.1'],
    ['gpt-4.1-mini', 'openai/gpt-4.1-mini'],
    ['gpt-4.1-nano-2025-04-14', 'openai/gpt-4.1-nano'],
    ['o1', 'openai/o1'],
    ['o3', 'openai/o3'],
    ['o3-mini', 'openai/o3-mini'],
    ['o4-mini-2025-04-16', 'openai/o4-mini'],
    ['openai.gpt-oss-20b-1:0', 'openai/gpt-oss-20b'],
    ['openai/gpt-oss-120b', 'openai/gpt-oss-120b'],
    ['gemini-1.5-flash-002', 'google/gemini-1.5-flash'],
    ['gemini-1.5-pro', 'google/gemini-1.5-pro'],
    ['gemini-2.0-flash-001', 'google/gemini-2.0-flash'],
    ['gemini-2.0-flash-lite', 'google/gemini-2.0-flash-lite'],
    ['gemini-2.5-flash', 'google/gemini-2.5-flash'],
    ['gemini-2.5-flash-lite', 'google/gemini-2.5-flash-lite'],
    ['gemini-2.5-pro', 'google/gemini-2.5-pro'],
    ['google/gemma-2-27b-it', 'google/gemma-2-27b-it'],
    ['gemma2:9b', 'google/gemma-2-9b-it'],
    ['gemma-3-27b-it', 'google/gemma-3-27b-it'],
    ['gemma3:12b', 'google/gemma-3-12b-it'],
    ['amazon.nova-micro-v1:0', 'amazon/nova-micro'],
    ['amazon.nova-lite-v1:0', 'amazon/nova-lite'],
    ['amazon.nova-pro-v1:0', 'amazon/nova-pro'],
    ['amazon.nova-premier-v1:0', 'amazon/nova-premier'],
    ['deepseek-ai/DeepSeek-V3', 'deepseek/deepseek-v3'],
    ['deepseek.r1-v1:0', 'deepseek/deepseek-r1'],
    ['Qwen/Qwen3-8B', 'qwen/qwen3-8b'],
    ['qwen.qwen3-32b-v1:0', 'qwen/qwen3-32b'],
    ['Qwen/Qwen3-30B-A3B', 'qwen/qwen3-30b-a3b'],
    ['qwen.qwen3-235b-a22b-2507-v1:0', 'qwen/qwen3-235b-a22b'],
    ['command-r-08-2024', 'cohere/command-r'],
    ['command-r-plus', 'cohere/command-r-plus'],
  ];
  for (const [text, expected] of requiredModels) {
    it(`resolves ${text} → ${expected}`, () => assert.equal(resolvedId(text), expected));
  }

  it('resolves real-world spellings and keeps what their container reveals', () => {
    const cases: Array<{ text: string; model: string; region?: string; geo?: string; routerPrefix?: string; precision?: string }> = [
      { text: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0', model: 'anthropic/claude-3.5-sonnet@20241022', geo: 'us' },
      { text: 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0', model: 'anthropic/claude-3.7-sonnet@20250219', geo: 'eu' },
      { text: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', model: 'anthropic/claude-sonnet-4.5@20250929', geo: 'global' },
      { text: 'apac.amazon.nova-pro-v1:0', model: 'amazon/nova-pro', geo: 'apac' },
      { text: 'us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0', model: 'anthropic/claude-3.5-sonnet@20240620', geo: 'us-gov' },
      {
        text: 'arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-1-70b-instruct-v1:0',
        model: 'meta/llama-3.1-70b-instruct',
        region: 'us-west-2',
      },
      {
        text: 'arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-20250514-v1:0',
        model: 'anthropic/claude-sonnet-4@20250514',
        region: 'eu-central-1',
        geo: 'eu',
      },
      {
        text: 'projects/p/locations/europe-west4/publishers/google/models/gemini-1.5-pro-002',
        model: 'google/gemini-1.5-pro',
        region: 'europe-west4',
      },
      {
        text: 'projects/p/locations/us-east5/publishers/anthropic/models/claude-3-5-sonnet-v2@20241022',
        model: 'anthropic/claude-3.5-sonnet@20241022',
        region: 'us-east5',
      },
      {
        text: 'projects/p/locations/us-central1/publishers/meta/models/llama-3.1-405b-instruct-maas',
        model: 'meta/llama-3.1-405b-instruct',
        region: 'us-central1',
      },
      { text: 'publishers/google/models/gemini-2.0-flash-001', model: 'google/gemini-2.0-flash' },
      { text: 'claude-3-5-sonnet@20240620', model: 'anthropic/claude-3.5-sonnet@20240620' },
      { text: 'meta/llama-3.1-70b-instruct-maas', model: 'meta/llama-3.1-70b-instruct' },
      { text: 'meta/llama3-70b-instruct-maas', model: 'meta/llama-3.1-70b-instruct' },
      { text: 'bedrock/meta.llama3-1-8b-instruct-v1:0', model: 'meta/llama-3.1-8b-instruct', routerPrefix: 'bedrock' },
      { text: 'bedrock/converse/apac.amazon.nova-pro-v1:0', model: 'amazon/nova-pro', routerPrefix: 'bedrock/converse', geo: 'apac' },
      { text: 'vertex_ai/gemini-2.0-flash', model: 'google/gemini-2.0-flash', routerPrefix: 'vertex_ai' },
      { text: 'azure/gpt-4o', model: 'openai/gpt-4o', routerPrefix: 'azure' },
      { text: 'gpt-35-turbo', model: 'openai/gpt-3.5-turbo' },
      { text: 'gpt-35-turbo-0125', model: 'openai/gpt-3.5-turbo' },
      { text: 'Meta-Llama-3.1-70B-Instruct', model: 'meta/llama-3.1-70b-instruct' },
      { text: 'meta-llama/Meta-Llama-3.1-8B-Instruct', model: 'meta/llama-3.1-8b-instruct' },
      { text: 'meta-llama/Meta-Llama-3.1-405B-Instruct-FP8', model: 'meta/llama-3.1-405b-instruct' },
      { text: 'meta-llama/Llama-3.3-70B-Instruct-AWQ', model: 'meta/llama-3.3-70b-instruct', precision: 'int4' },
      {
        text: 'together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo',
        model: 'meta/llama-3.1-70b-instruct',
        routerPrefix: 'together_ai',
      },
      { text: 'accounts/fireworks/models/llama-v3p1-405b-instruct', model: 'meta/llama-3.1-405b-instruct' },
      { text: 'openrouter/anthropic/claude-3.5-sonnet', model: 'anthropic/claude-3.5-sonnet@20241022', routerPrefix: 'openrouter' },
      { text: 'llama3.1:70b', model: 'meta/llama-3.1-70b-instruct' },
      { text: 'ollama/mistral:7b', model: 'mistral/mistral-7b-instruct', routerPrefix: 'ollama' },
      { text: 'mistralai/Mistral-7B-Instruct-v0.3', model: 'mistral/mistral-7b-instruct' },
      { text: 'meta.llama3-1-70b-instruct-v1:0:128k', model: 'meta/llama-3.1-70b-instruct' },
      { text: 'anthropic/claude-opus-4.5', model: 'anthropic/claude-opus-4.5@20251101' },
      { text: 'GPT-4O-2024-08-06', model: 'openai/gpt-4o' },
      { text: '"gemini-2.5-pro"', model: 'google/gemini-2.5-pro' },
    ];
    for (const c of cases) {
      const match = resolveModel(index, c.text);
      assert.ok(match, `${c.text} did not resolve`);
      assert.equal(match.model.id, c.model, c.text);
      assert.equal(match.region, c.region, `${c.text}: region`);
      assert.equal(match.geo, c.geo, `${c.text}: geo`);
      if (c.routerPrefix !== undefined) assert.equal(match.routerPrefix, c.routerPrefix, `${c.text}: router prefix`);
      if (c.precision !== undefined) assert.equal(match.precision, c.precision, `${c.text}: precision`);
    }
  });

  it('returns undefined for unknown names', () => {
    for (const text of [
      'gpt-9-ultra',
      'llama-99b-instruct',
      'anthropic.claude-unknown-v1:0',
      'meta.llama3-1-8b-instruct-v9:0',
      'westus',
      'bedrock/',
    ]) {
      assert.equal(resolveModel(index, text), undefined, text);
    }
  });

  it('reads Fireworks resource ids: the account prefix off, `p` as a version dot where the name does not resolve, a router tier off', () => {
    resolvesByAlias([
      ['accounts/fireworks/models/deepseek-v4-pro', 'deepseek/deepseek-v4-pro'],
      ['accounts/my-team/models/glm-4.7', 'zai/glm-4.7'],
      ['accounts/fireworks/gpt-oss-20b', 'openai/gpt-oss-20b'],
      // resolves only once `<digit>p<digit>` is read as `<digit>.<digit>`
      ['accounts/fireworks/models/kimi-k2p5', 'moonshotai/kimi-k2.5'],
      ['accounts/fireworks/models/deepseek-v3p2', 'deepseek/deepseek-v3.2'],
      ['fireworks_ai/accounts/fireworks/models/qwen3p6-plus', 'qwen/qwen3.6-plus'],
      // a router's `-fast` / `-turbo` is a serving tier of the same model
      ['accounts/fireworks/routers/kimi-k2p6-turbo', 'moonshotai/kimi-k2.6'],
      ['accounts/fireworks/routers/glm-5p1-fast', 'zai/glm-5.1'],
    ]);
    for (const text of [
      'accounts/fireworks/models/no-such-model-v9p9',
      'accounts/fireworks/routers/no-such-model-fast',
      'accounts/fireworks/models/',
      // the tier suffix is a router's; the `p` reading applies only inside a Fireworks resource id
      'accounts/fireworks/models/kimi-k2p6-fast',
      'kimi-k2p5',
      'glm-5p1',
    ]) {
      assert.equal(resolveModel(index, text), undefined, text);
    }
  });

  it("reads OpenRouter's vendor/id with its variant off, and a re-upload's name without its owner, after every other spelling", () => {
    resolvesByAlias([
      ['x-ai/grok-3', 'xai/grok-3'],
      ['mistralai/mistral-large-2512', 'mistral/mistral-large-3'],
      ['z-ai/glm-4.5', 'zai/glm-4.5'],
      ['meta-llama/llama-3.3-70b-instruct:free', 'meta/llama-3.3-70b-instruct'],
      ['openai/gpt-oss-120b:free', 'openai/gpt-oss-120b'],
      ['unsloth/Llama-3.2-3B-Instruct', 'meta/llama-3.2-3b-instruct'],
    ]);
    // a listed spelling wins over the owner-less name (OpenRouter's own alias, the exact Hugging Face id)
    assert.equal(resolveModel(index, 'openai/whisper-large-v3')?.matchedAlias, 'openai/whisper-large-v3');
    // an image or a repository that names no model stays unknown; a variant is only OpenRouter's
    for (const text of ['vllm/vllm-openai', 'acme/widget', 'gpt-4o:turbo-max']) assert.equal(resolveModel(index, text), undefined, text);
  });

  it('reads a name written without the owner its owner/name aliases give it, before any family prior', () => {
    resolvesByAlias([
      ['claude-sonnet-4', 'anthropic/claude-sonnet-4@20250514'],
      ['claude-3.7-sonnet', 'anthropic/claude-3.7-sonnet@20250219'],
      ['Claude-3.7-Sonnet', 'anthropic/claude-3.7-sonnet@20250219'],
      ['Llama-3.1-8B-Instruct', 'meta/llama-3.1-8b-instruct'],
    ]);
    // every name the index holds is one no alias spells already, with a digit, and one model's under every owner
    for (const [name, model] of index.ownerless) {
      assert.equal(index.aliases.get(name), undefined, name);
      assert.match(name, /\d/);
      const owners = models.flatMap((m) => m.aliases.filter((a) => a.id.toLowerCase().endsWith(`/${name}`)).map(() => m.id));
      assert.deepEqual([...new Set(owners)], [model.id], name);
    }
    // a name that is not a model's under any owner stays unknown, and a word without a digit is no model's name
    for (const text of ['widget-9', 'auto']) assert.equal(resolveModel(index, text), undefined, text);
  });

  it('takes a name under a Fireworks prefix as written when it resolves: a `p` between digits is rewritten only when it does not', () => {
    // a listed Fireworks spelling keeps its `p` (`llama-v3p1` is not read as `llama-v3.1`), behind a router prefix too
    assert.equal(resolvedId('fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct'), 'meta/llama-3.1-8b-instruct');
    let checked = 0;
    for (const model of models) {
      for (const { id } of model.aliases) {
        if (id.includes('/')) continue;
        for (const path of ['models', 'routers']) assert.equal(resolvedId(`accounts/fireworks/${path}/${id}`), model.id, `${path}/${id}`);
        checked++;
      }
    }
    assert.ok(checked > 500, `only ${checked} aliases checked`);
  });

  it('never reads a model of closed weights as self-hosted, whatever the shape of its id; open weights in that shape are', () => {
    // OpenRouter's and Instructor's `google/gemini-…`: shaped like a Hugging Face repository, served by an API
    assert.equal(resolveModel(index, 'google/gemini-2.0-flash-001')?.model.openWeights, false);
    assert.equal(platformOfModelText(index, 'google/gemini-2.0-flash-001'), 'provider-managed');
    assert.equal(resolveModel(index, 'google/gemma-2-9b-it')?.model.openWeights, true);
    assert.equal(platformOfModelText(index, 'google/gemma-2-9b-it'), 'self-hosted');
  });

  it('reads a moving alias as the model it serves now (its notes say so), and leaves a bare family name unresolved', () => {
    for (const [text, id] of [
      ['mistral-large-latest', 'mistral/mistral-large-3'],
      ['mistral-small-latest', 'mistral/mistral-small-4'],
      ['mistral-medium-latest', 'mistral/mistral-medium-3.5'],
      ['deepseek-chat', 'deepseek/deepseek-v4-flash'],
      ['deepseek-reasoner', 'deepseek/deepseek-v4-flash'],
    ]) {
      const model = resolveModel(index, text)?.model;
      assert.equal(model?.id, id, text);
      assert.match(model?.notes ?? '', new RegExp(text), `${id}: its notes name ${text}`);
    }
    // no vendor serves a model under the bare family name: guessing one would guess its size
    assert.equal(resolveModel(index, 'mistral-small'), undefined);
  });

  it('resolves every alias back to its own model', () => {
    for (const model of models) {
      for (const alias of model.aliases) assert.equal(resolvedId(alias.id), model.id, `${alias.id} (${alias.platform})`);
      assert.equal(resolvedId(model.id), model.id);
    }
  });

  it('keeps canonical ids in the creator/model-slug[@version] scheme and one model per id', () => {
    const ids = models.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9-]+\/[a-z0-9.-]+(@[a-z0-9.-]+)?$/);
  });

  it('gives closed models a size prior (tier C) and open models a known size (tier A or B)', () => {
    for (const model of models) {
      if (!model.params) continue; // media models: no per-token figure
      const { total, active } = model.params;
      if (model.openWeights && model.tier !== 'C') {
        assert.equal(total.min, total.max, `${model.id}: an open model has a known size`);
      } else {
        assert.equal(model.tier, 'C', model.id);
        assert.ok(active.min < active.max, `${model.id}: a closed model's prior is a range`);
        assert.equal(model.measured, undefined, model.id);
      }
      if (model.architecture === 'moe')
        assert.ok(active.max <= total.min, `${model.id}: a mixture of experts activates only part of its parameters`);
    }
  });

  it('keeps the GPT-4o prior at 440 B total, 44-132 B active (EcoLogits)', () => {
    const gpt4o = index.models.get('openai/gpt-4o') as Model;
    assert.deepEqual(gpt4o.params?.total, { min: 440, max: 440 });
    assert.deepEqual(gpt4o.params?.active, { min: 44, max: 132 });
    assert.equal(gpt4o.params?.source, 'ecologits');
  });

  it('takes every tier A value from the ML.ENERGY v3 row for that model (lm-arena-chat, H100, max batch 128)', function () {
    const [header, ...lines] = readFileSync(mlEnergyCsv, 'utf8').trim().split('\n');
    const column = Object.fromEntries(header.split(',').map((name, i) => [name, i]));
    const rows = lines
      .map((line) => line.split(','))
      .filter(
        (cells) => cells[column.task] === 'lm-arena-chat' && cells[column.gpu_model] === 'H100' && cells[column.max_num_seqs] === '128',
      );
    const tierA = models.filter((m) => m.tier === 'A');
    assert.ok(tierA.length >= 10, `only ${tierA.length} measured models`);
    for (const model of tierA) {
      assert.ok(model.measured, model.id);
      assert.equal(model.measured.source, 'mlenergy-v3');
      assert.deepEqual([model.measured.gpu, model.measured.batch], ['H100', 128]);
      const spellings = new Set([model.id, ...model.aliases.map((a) => a.id)].map((s) => s.toLowerCase()));
      const candidates = rows.filter((cells) => spellings.has(cells[column.model_id].toLowerCase()));
      const row = candidates.find((cells) => Number(cells[column.energy_per_token_j]) === model.measured?.jPerToken);
      assert.ok(row, `${model.id}: ${model.measured.jPerToken} J is not an ML.ENERGY row for ${[...spellings].join(', ')}`);
      const measuredPrecision = row[column.weight_precision] === 'fp8' ? 'fp8' : 'bf16';
      assert.equal(model.precision, measuredPrecision, `${model.id}: precision follows the measured checkpoint`);
    }
    assert.equal(index.models.get('meta/llama-3.1-8b-instruct')?.measured?.jPerToken, 0.09511);
    assert.equal(index.models.get('meta/llama-3.1-70b-instruct')?.measured?.jPerToken, 0.56337);
  });

  it('resolves the common retrieval models to embedding models in size order, rerankers included, closed ones on the embedding priors', () => {
    const embedding = (text: string) => {
      const model = resolveModel(index, text)?.model;
      assert.ok(model?.params, text);
      assert.equal(model.kind, 'embedding', `${text}: counted per input token`);
      return model as Model & Required<Pick<Model, 'params'>>;
    };
    // open weights: one model per size, each of its card's size (tier B), smallest first
    for (const family of [
      ['BAAI/bge-small-en-v1.5', 'BAAI/bge-base-en-v1.5', 'BAAI/bge-large-en-v1.5', 'bge-m3'],
      ['intfloat/e5-small-v2', 'intfloat/multilingual-e5-base', 'intfloat/multilingual-e5-large'],
      ['thenlper/gte-small', 'thenlper/gte-base', 'Alibaba-NLP/gte-multilingual-base', 'thenlper/gte-large'],
      ['Qwen/Qwen3-Embedding-0.6B', 'qwen3-embedding:4b', 'Qwen/Qwen3-Embedding-8B'],
      ['cross-encoder/ms-marco-MiniLM-L-6-v2', 'BAAI/bge-reranker-base', 'BAAI/bge-reranker-v2-m3', 'Qwen/Qwen3-Reranker-0.6B'],
      ['all-MiniLM-L12-v2', 'sentence-transformers/all-mpnet-base-v2', 'jina-embeddings-v2-base-en', 'jina-embeddings-v3'],
    ]) {
      const sizes = family.map((text) => {
        const model = embedding(text);
        assert.deepEqual([model.openWeights, model.tier, model.params.source], [true, 'B', 'model-cards'], text);
        return model.params.total.max;
      });
      for (let i = 1; i < sizes.length; i++)
        assert.ok(sizes[i - 1] < sizes[i], `${family[i - 1]} (${sizes[i - 1]} B) < ${family[i]} (${sizes[i]} B)`);
    }
    assert.equal(resolvedId('bge-large'), 'baai/bge-large-en-v1.5');
    assert.equal(resolvedId('snowflake-arctic-embed'), 'snowflake/snowflake-arctic-embed-l');
    // closed rerankers: the embedding prior of the vendor's own embedding models (tier C)
    for (const [text, sibling] of [
      ['rerank-v3.5', 'cohere/embed-v3-english'],
      ['cohere.rerank-v3-5:0', 'cohere/embed-v3-english'],
      ['rerank-multilingual-v3.0', 'cohere/embed-v3-multilingual'],
      ['amazon.rerank-v1:0', 'amazon/titan-embed-text-v2'],
    ]) {
      const model = embedding(text);
      assert.deepEqual([model.openWeights, model.tier], [false, 'C'], text);
      assert.deepEqual(model.params, index.models.get(sibling)?.params, `${text}: the prior of ${sibling}`);
    }
  });
});

describe('offerings', () => {
  it('name existing models and existing regions of their own provider, each region once', () => {
    assert.ok(offerings.length > 0);
    for (const offering of offerings) {
      const where = `${offering.model} ${offering.provider}/${offering.service} ${offering.placement}${offering.geo ? ` ${offering.geo}` : ''}`;
      assert.ok(index.models.has(offering.model), `${where}: unknown model`);
      assert.equal(new Set(offering.regions).size, offering.regions.length, `${where}: a region is listed twice`);
      for (const code of offering.regions) assert.ok(index.regions.has(`${offering.provider}:${code}`), `${where}: unknown region ${code}`);
      const expectedProvider = { bedrock: 'aws', vertex: 'gcp', 'azure-openai': 'azure', 'azure-ai': 'azure' }[offering.service];
      assert.equal(offering.provider, expectedProvider, where);
      assert.equal(offering.placement === 'geo', offering.geo !== undefined, `${where}: geo is named exactly for geo placements`);
      if (offering.price) assert.ok(offering.price.output >= offering.price.input * 0.5, `${where}: implausible price`);
    }
  });

  it('never lists a region twice for the same model, service and placement', () => {
    const seen = new Map<string, string>();
    for (const o of offerings) {
      for (const code of o.regions) {
        const key = `${o.model}|${o.provider}|${o.service}|${o.placement}|${o.geo ?? ''}|${code}`;
        assert.ok(!seen.has(key), `duplicate ${key}`);
        seen.set(key, code);
      }
    }
  });

  it('serves Mistral 7B on Bedrock only in the Regions the Bedrock table lists: not in Singapore', () => {
    const regions = regionalRegions('mistral/mistral-7b-instruct', 'aws', 'bedrock');
    assert.deepEqual([...regions].sort(), [
      'ap-south-1',
      'ap-southeast-2',
      'ca-central-1',
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'sa-east-1',
      'us-east-1',
      'us-west-2',
    ]);
    assert.ok(!regions.includes('ap-southeast-1'));
    assert.deepEqual(offeringsOf('mistral/mistral-7b-instruct', { placement: 'geo' }), [], 'Mistral 7B has no cross-Region profile');
  });

  it('follows the Bedrock Region table for Llama 3.1 (us-west-2 in-Region, us profile) and Llama 3.3 (us-east-2)', () => {
    for (const id of ['meta/llama-3.1-8b-instruct', 'meta/llama-3.1-70b-instruct', 'meta/llama-3.1-405b-instruct']) {
      assert.deepEqual(regionalRegions(id, 'aws', 'bedrock'), ['us-west-2'], id);
      assert.equal(offeringsOf(id, { provider: 'aws', placement: 'geo', geo: 'us' }).length, 1, id);
    }
    assert.deepEqual(regionalRegions('meta/llama-3.3-70b-instruct', 'aws', 'bedrock'), ['us-east-2']);
  });

  it('offers Claude 4.5 models on Bedrock only through profiles, including a global profile over the commercial Regions', () => {
    const commercial = index.data.regions
      .filter((r) => r.provider === 'aws' && !/^(us-gov-|cn-|eusc-)/.test(r.code))
      .map((r) => r.code)
      .sort();
    for (const id of [
      'anthropic/claude-sonnet-4.5@20250929',
      'anthropic/claude-haiku-4.5@20251001',
      'anthropic/claude-opus-4.5@20251101',
    ]) {
      assert.deepEqual(regionalRegions(id, 'aws', 'bedrock'), [], id);
      const global = offeringsOf(id, { provider: 'aws', service: 'bedrock', placement: 'global' });
      assert.equal(global.length, 1, id);
      assert.deepEqual([...global[0].regions].sort(), commercial, id);
      const perGeography = offeringsOf(id, { provider: 'aws', placement: 'geo' });
      assert.ok(perGeography.some((o) => o.geo === 'us') && perGeography.some((o) => o.geo === 'eu'), id);
      // The global profile is the cheaper one for Claude 4.5 (research regions.md §6).
      assert.ok((global[0].price?.output ?? Infinity) < (perGeography[0].price?.output ?? 0), id);
    }
  });

  it('keeps each Bedrock geo profile inside its geography', () => {
    const inGeography: Record<string, (code: string) => boolean> = {
      us: (c) => /^us-(east|west)-/.test(c),
      'us-gov': (c) => c.startsWith('us-gov-'),
      eu: (c) => c.startsWith('eu-'),
      apac: (c) => c.startsWith('ap-'),
      jp: (c) => ['ap-northeast-1', 'ap-northeast-3'].includes(c),
      au: (c) => ['ap-southeast-2', 'ap-southeast-4'].includes(c),
    };
    for (const o of offerings.filter((x) => x.service === 'bedrock' && x.placement === 'geo')) {
      const belongs = inGeography[o.geo as string];
      assert.ok(belongs, `unknown geography ${o.geo}`);
      for (const code of o.regions) assert.ok(belongs(code), `${o.model} ${o.geo}: ${code}`);
    }
  });

  it('lists the 16 Azure OpenAI Standard regions for gpt-4o, not westeurope or southeastasia', () => {
    const regions = regionalRegions('openai/gpt-4o', 'azure', 'azure-openai');
    assert.equal(regions.length, 16);
    for (const code of ['swedencentral', 'norwayeast', 'francecentral', 'canadaeast', 'switzerlandnorth', 'eastus'])
      assert.ok(regions.includes(code), code);
    for (const code of ['westeurope', 'southeastasia']) assert.ok(!regions.includes(code), code);
    const zones = offeringsOf('openai/gpt-4o', { provider: 'azure', placement: 'geo' })
      .map((o) => o.geo)
      .sort();
    assert.deepEqual(zones, ['eu', 'us']);
    assert.equal(offeringsOf('openai/gpt-4o', { provider: 'azure', placement: 'global' }).length, 1);
  });

  it('keeps Azure Data Zones inside the US or the EU', () => {
    const jurisdiction = new Map(index.data.regions.filter((r) => r.provider === 'azure').map((r) => [r.code, r.jurisdiction]));
    for (const o of offerings.filter((x) => x.service === 'azure-openai' && x.placement === 'geo')) {
      for (const code of o.regions) assert.equal(jurisdiction.get(code), o.geo === 'us' ? 'US' : 'EU', `${o.model} ${o.geo}: ${code}`);
    }
  });

  it('offers Gemini 2.x on Vertex regionally, per multi-region and through the global endpoint', () => {
    for (const id of [
      'google/gemini-2.0-flash',
      'google/gemini-2.0-flash-lite',
      'google/gemini-2.5-flash',
      'google/gemini-2.5-flash-lite',
      'google/gemini-2.5-pro',
    ]) {
      assert.ok(regionalRegions(id, 'gcp', 'vertex').length > 0, id);
      assert.deepEqual(
        offeringsOf(id, { provider: 'gcp', placement: 'geo' })
          .map((o) => o.geo)
          .sort(),
        ['eu', 'us'],
        id,
      );
      assert.equal(offeringsOf(id, { provider: 'gcp', placement: 'global' }).length, 1, id);
    }
    assert.ok(regionalRegions('google/gemini-2.0-flash', 'gcp', 'vertex').includes('europe-west4'));
    assert.deepEqual(regionalRegions('meta/llama-3.1-405b-instruct', 'gcp', 'vertex'), ['us-central1', 'us-east5']);
  });

  it('gives every offering a source and every price a source and date', () => {
    for (const o of offerings) {
      assert.ok(index.sources.has(o.source), `${o.model}: source ${o.source}`);
      if (o.price) assert.ok(index.sources.has(o.price.source) && /^\d{4}-\d{2}/.test(o.price.asOf), `${o.model}: price source`);
    }
  });
});
