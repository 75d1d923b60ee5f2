// Provenance of the bundled data (data/offerings*.yaml, data/models*.yaml): every offering, destination set and
// price says whether a source lists it, a rule derived it, or nothing confirms it; and over the whole catalogue,
// nothing retired or unverified is ever recommended, ranked first or offered as a cleaner alternative.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundledDataset } from '../../src/core/data/bundled';
import { regionKey } from '../../src/core/data/dataset';
import type { Model } from '../../src/core/data/schema';
import { assessModel, assessRegion } from '../../src/core/carbon/assess';
import { leaderboardRows } from '../../src/core/carbon/leaderboard';
import { notRecommended, optionsForModel, type RegionalOption } from '../../src/core/carbon/options';
import { recommend } from '../../src/core/carbon/recommend';
import { hasTokenFigure } from '../../src/core/carbon/units';
import { figureOf } from '../../src/core/carbon/figure';
import { insightsFor } from '../../src/core/carbon/insight';
import { scanWorkspace } from '../../src/core/scan/workspace';
import { explainMarkdown } from '../../src/extension/explain';
import { bestPerModel } from '../../src/webview/leaderboard/state';

const index = bundledDataset();
const { models, offerings } = index.data;
const tokenModels = models.filter(hasTokenFigure);
const where = (o: (typeof offerings)[number]) => `${o.model} ${o.provider}/${o.service} ${o.placement}${o.geo ? ` ${o.geo}` : ''}`;

/** Regions where the model's offering is one GridLens may recommend. */
function recommendableRegions(model: Model): Set<string> {
  const options = optionsForModel(index, model).filter((o): o is RegionalOption => o.kind === 'regional');
  return new Set(options.filter((o) => notRecommended(o) === undefined).map((o) => regionKey(o.region.provider, o.region.code)));
}

describe('provenance in the data', () => {
  it('every offering says where its regions come from, with the rule or the reason', () => {
    for (const o of offerings) {
      const { status, rule, reason } = o.provenance;
      if (status === 'derived') assert.ok(rule && rule.length > 20, `${where(o)}: a derived region set names its rule`);
      if (status === 'unverified') assert.ok(reason && reason.length > 20, `${where(o)}: an unverified region set says why`);
      assert.ok(index.sources.has(o.source), `${where(o)}: cites a known source`);
    }
  });

  it('no geo or global destination set is called sourced: no provider publishes them per model', () => {
    const listed = offerings.filter((o) => o.placement !== 'regional' && o.regions.length > 0);
    assert.ok(listed.length > 50);
    for (const o of listed) assert.equal(o.provenance.status, 'derived', where(o));
  });

  it('offerings no source places, and the Vertex Llama regions their own source could not confirm, are unverified', () => {
    for (const o of offerings.filter((x) => x.regionsKnown === false)) assert.equal(o.provenance.status, 'unverified', where(o));
    const llama = offerings.filter((o) => o.source === 'vertex-llama-maas');
    assert.ok(llama.length >= 4);
    for (const o of llama) assert.equal(o.provenance.status, 'unverified', where(o));
  });

  it('every price says what it is; Bedrock prices are the us-east-1 list price', () => {
    for (const o of offerings.filter((x) => x.price)) {
      assert.ok(o.price!.basis.length > 5, `${where(o)}: price basis`);
      if (o.provider === 'aws') assert.deepEqual([o.price!.basis, o.price!.region], ['us-east-1 list price', 'us-east-1'], where(o));
    }
  });

  it('the Claude 4.5 profile prices say which source is used where genai-prices and models.dev disagree', () => {
    const geo = offerings.filter((o) => /^anthropic\/claude-(sonnet|haiku|opus)-4\.5@/.test(o.model) && o.placement === 'geo' && o.price);
    assert.ok(geo.length >= 5);
    for (const o of geo) assert.match(o.price!.note ?? '', /genai-prices \(used\).*models\.dev/, where(o));
  });

  it('Gemini 1.5 Flash and Pro are retired, citing the provider', () => {
    for (const id of ['google/gemini-1.5-flash', 'google/gemini-1.5-pro']) {
      const retired = index.models.get(id)?.retired;
      assert.ok(retired, id);
      assert.equal(index.sources.get(retired.source)?.id, 'vertex-model-versions');
    }
  });
});

describe('nothing retired or unverified is recommended (whole catalogue)', () => {
  it('recommend never returns such an option as recommended, alternative or dirtiest; they are listed as unranked', () => {
    let unranked = 0;
    for (const model of tokenModels) {
      const result = recommend(index, model.id);
      for (const option of [result.recommended, result.dirtiest, ...result.alternatives]) {
        if (!option) continue;
        assert.equal(option.notRecommended, undefined, `${model.id} in ${option.region}`);
        assert.equal(option.provenance.status === 'unverified' || option.retired !== undefined, false, `${model.id} in ${option.region}`);
      }
      for (const option of result.unranked) assert.ok(option.notRecommended, `${model.id} in ${option.region} says why it is not ranked`);
      if (model.retired) assert.equal(result.recommended, null, `${model.id} is retired`);
      unranked += result.unranked.length;
    }
    assert.ok(unranked >= 10, `only ${unranked} unranked options: the property was not exercised`);
  });

  it('a region finding is never given a retired or unverified alternative, nor ranked there', () => {
    let checked = 0;
    for (const model of tokenModels) {
      const allowed = recommendableRegions(model);
      const regional = optionsForModel(index, model).filter((o): o is RegionalOption => o.kind === 'regional');
      for (const option of regional) {
        const assessment = assessRegion(index, option.region, model, { jurisdiction: { kind: 'any' }, limit: 1000 });
        for (const alternative of assessment.alternatives) {
          assert.ok(
            allowed.has(regionKey(alternative.region.provider, alternative.region.code)),
            `${model.id}: ${option.region.code} → ${alternative.region.code}`,
          );
        }
        const here = regionKey(option.region.provider, option.region.code);
        if (!allowed.has(here))
          assert.ok(assessment.rank === undefined && assessment.notRecommended, `${model.id} in ${option.region.code} is not ranked`);
        checked++;
      }
    }
    assert.ok(checked > 200, `only ${checked} region findings checked`);
  });

  it("a model finding's cleanest and dirtiest regions are ones GridLens may recommend", () => {
    for (const model of tokenModels) {
      const allowed = recommendableRegions(model);
      const { best, worst } = assessModel(index, model, undefined);
      for (const estimate of [best, worst]) {
        if (estimate)
          assert.ok(allowed.has(regionKey(estimate.region.provider, estimate.region.code)), `${model.id}: ${estimate.region.code}`);
      }
      if (model.retired) assert.equal(best, undefined, model.id);
    }
  });

  it('the leaderboard shows every option with its provenance, and "best region per model" never picks one that may not be recommended', () => {
    const rows = leaderboardRows(index);
    assert.ok(rows.every((row) => ['sourced', 'derived', 'unverified'].includes(row.provenance.status) && row.provenance.source));
    const retired = rows.filter((row) => row.retired);
    assert.ok(retired.length > 0 && retired.every((row) => row.notRecommended?.startsWith('retired')), 'retired rows are shown, marked');
    assert.ok(
      rows.some((row) => row.provenance.status === 'unverified' && row.notRecommended?.startsWith('unverified')),
      'unverified rows are shown, marked',
    );
    for (const row of bestPerModel(rows).rows) assert.equal(row.notRecommended, undefined, `${row.model.id} in ${row.region}`);
  });
});

describe('prices in the answers', () => {
  const rowsOf = (model: string) => leaderboardRows(index, { models: [model] }).filter((row) => row.placement === 'regional');

  it("a Bedrock region's own list price is used where LiteLLM gives it; elsewhere the us-east-1 list price is marked derived", () => {
    const rows = rowsOf('mistral/mistral-7b-instruct').filter((row) => row.provider === 'aws');
    const paris = rows.find((row) => row.region === 'eu-west-3');
    const dublin = rows.find((row) => row.region === 'eu-west-1');
    const virginia = rows.find((row) => row.region === 'us-east-1');
    assert.ok(paris?.price && dublin?.price && virginia?.price);
    assert.deepEqual(
      [paris.price.input, paris.price.output, paris.price.basis, paris.price.provenance.status],
      [0.2, 0.26, 'eu-west-3 list price', 'sourced'],
    );
    assert.deepEqual([dublin.price.input, dublin.price.basis, dublin.price.provenance.status], [0.15, 'us-east-1 list price', 'derived']);
    assert.match(dublin.price.provenance.rule ?? '', /us-east-1 list price shown for eu-west-1/);
    assert.deepEqual([virginia.price.basis, virginia.price.provenance.status], ['us-east-1 list price', 'sourced']);
    const canada = rowsOf('meta/llama-3-70b-instruct').find((row) => row.region === 'ca-central-1');
    assert.deepEqual([canada?.price?.input, canada?.price?.output], [3.05, 4.03]);
  });

  it("a GovCloud row shows GovCloud's own price or says the commercial one is derived", () => {
    const gov = leaderboardRows(index, { providers: ['aws'] }).filter(
      (row) => row.price && row.placement === 'regional' && row.region.startsWith('us-gov-'),
    );
    assert.ok(
      gov.some((row) => row.price!.provenance.status === 'sourced'),
      'some GovCloud prices come from the source',
    );
    for (const row of gov) {
      const { basis, provenance } = row.price!;
      assert.ok(
        provenance.status === 'derived' || basis === `${row.region} list price`,
        `${row.model.id} in ${row.region}: ${basis}, ${provenance.status}`,
      );
    }
  });

  it("every per-region price is the LiteLLM extract's figure, and the us-east-1 list prices agree with it", () => {
    const csv = readFileSync(path.resolve(__dirname, '../../data/sources/litellm-bedrock-prices/bedrock-region-prices.csv'), 'utf8');
    const extract = new Map(
      csv
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => {
          const [key, input, output] = line.split(',');
          const [, region, id] = /^bedrock\/([a-z0-9-]+)\/(.+)$/.exec(key)!;
          return [`${region}|${id}`, [Number(input), Number(output)]] as const;
        }),
    );
    let checked = 0;
    for (const o of offerings.filter((x) => x.price?.byRegion)) {
      const ids = index.models
        .get(o.model)!
        .aliases.filter((a) => a.platform === 'aws-bedrock')
        .map((a) => a.id);
      for (const [region, price] of Object.entries(o.price!.byRegion!)) {
        const listed = ids.map((id) => extract.get(`${region}|${id}`)).find((v) => v !== undefined);
        assert.deepEqual([price.input, price.output], listed, `${o.model} in ${region}`);
        assert.equal(price.source, 'litellm-model-prices');
        checked++;
      }
      const virginia = ids.map((id) => extract.get(`us-east-1|${id}`)).find((v) => v !== undefined);
      if (virginia)
        assert.deepEqual([o.price!.input, o.price!.output], virginia, `${o.model}: genai-prices and LiteLLM agree on us-east-1`);
    }
    assert.ok(checked >= 12, `only ${checked} per-region prices checked`);
  });
});

describe('what the editor says about retired and unverified offerings', () => {
  const options = { minSavingsPercent: 30, jurisdiction: { kind: 'any' as const } };
  const insightsOf = (path: string, text: string) => {
    const { analyses, pairs } = scanWorkspace(index, [{ path, text }]);
    return insightsFor(index, path, analyses[0].findings, pairs, options);
  };

  it('a retired model says so in its hint and hover, with no cleanest region', () => {
    const [model] = insightsOf(
      'app.py',
      'from vertexai.generative_models import GenerativeModel\nm = GenerativeModel("gemini-1.5-pro-002")\n',
    ).filter((i) => i.finding.kind === 'model');
    assert.equal(model.model?.model.id, 'google/gemini-1.5-pro');
    assert.equal(model.model?.best, undefined);
    assert.equal(figureOf(model), 'retired 2025-09-24');
    assert.match(explainMarkdown(index, model), /Retired on 2025-09-24: shown for reference, never recommended/);
  });

  it('a region no source confirms for the model is not ranked there and gets no suggestion', () => {
    const python = [
      'import vertexai',
      'vertexai.init(location="us-east5")',
      'from vertexai.generative_models import GenerativeModel',
      'm = GenerativeModel("meta/llama-3.1-70b-instruct-maas")',
    ].join('\n');
    const region = insightsOf('app.py', python).find((i) => i.finding.kind === 'region' && i.finding.value === 'us-east5');
    assert.equal(region?.region?.model?.id, 'meta/llama-3.1-70b-instruct', 'the region is paired with the model');
    assert.equal(region.region.servesModel, true);
    assert.equal(region.region.rank, undefined);
    assert.match(region.region.notRecommended ?? '', /^unverified/);
    assert.match(explainMarkdown(index, region), /not ranked or suggested: unverified/);
    assert.equal(region.suggestion, undefined);
  });
});
