import assert from 'node:assert/strict';
import { assessModel, assessRegion } from '../../src/core/carbon/assess';
import { leaderboardRows } from '../../src/core/carbon/leaderboard';
import { recommend, UnknownModelError } from '../../src/core/carbon/recommend';
import { closestRegions, resolveModel, resolveRegion } from '../../src/core/data/resolve';
import { tinyDataset } from './helpers/tinyDataset';

describe('recommend', () => {
  const index = tinyDataset();

  it('ranks only the regions that offer the model, cleanest first, with savings against the dirtiest', () => {
    const result = recommend(index, 'meta.llama3-1-70b-instruct-v1:0');
    assert.equal(result.model.id, 'meta/llama-3.1-70b-instruct');
    assert.equal(result.model.matchedAlias, 'meta.llama3-1-70b-instruct-v1:0');
    assert.equal(result.recommended?.region, 'eu-north-1');
    assert.deepEqual(
      result.alternatives.map((a) => a.region),
      ['eu-west-1', 'ap-southeast-1'],
    );
    assert.equal(result.dirtiest?.region, 'ap-southeast-1');
    const centrals = [result.recommended, ...result.alternatives].map((o) => o?.carbon?.central as number);
    assert.deepEqual(
      [...centrals].sort((a, b) => a - b),
      centrals,
    );
    // On usage only: 20 vs 483 g/kWh, same model and PUE: saving = 1 − 20/483 = 95.9%.
    assert.equal(recommend(index, 'meta.llama3-1-70b-instruct-v1:0', {}, { basis: 'usage' }).savings.vsDirtiest?.percent, 95.9);
    // On what is shown by default (usage + embodied), the embodied part is the same in both places, so it saves less.
    const [best, worst] = [result.recommended?.carbon, result.dirtiest?.carbon];
    assert.equal(best?.basis, 'total');
    const expected = (((worst?.total?.central as number) - (best?.total?.central as number)) / (worst?.total?.central as number)) * 100;
    assert.ok(
      Math.abs((result.savings.vsDirtiest?.percent as number) - expected) < 0.2,
      `${result.savings.vsDirtiest?.percent} vs ${expected}`,
    );
    assert.ok((result.savings.vsDirtiest?.percent as number) < 95.9);
    assert.equal(result.recommended?.price?.output, 0.72);
    assert.equal(result.recommended?.gridIntensity?.gPerKWh, 20);
    assert.equal(result.recommended?.gridIntensity?.source, 'grid');
  });

  it('keeps geo profiles apart as a range over their destinations, never as a point', () => {
    const result = recommend(index, 'meta/llama-3.1-70b-instruct');
    assert.equal(result.profiles.length, 1);
    const profile = result.profiles[0];
    assert.equal(profile.carbon, null);
    assert.equal(profile.region, 'eu');
    assert.deepEqual(profile.carbonRange?.destinations, ['eu-north-1', 'eu-west-1']);
    assert.ok((profile.carbonRange?.min as number) < (profile.carbonRange?.max as number));
  });

  it('applies jurisdiction, provider and distance constraints', () => {
    assert.equal(recommend(index, 'meta/llama-3.1-70b-instruct', { jurisdictions: ['SG'] }).recommended?.region, 'ap-southeast-1');
    const far = recommend(index, 'meta/llama-3.1-70b-instruct', { near: { lat: 1.3, lon: 103.8 }, maxDistanceKm: 500 });
    assert.deepEqual([far.recommended?.region, far.alternatives.length, far.excluded], ['ap-southeast-1', 0, 2]);
    const none = recommend(index, 'meta/llama-3.1-70b-instruct', { providers: ['gcp'] });
    assert.equal(none.recommended, null);
    assert.equal(none.excluded, 3);
    assert.equal(none.profiles.length, 0);
  });

  it('reports the saving against the current region and whether that region serves the model', () => {
    const result = recommend(index, 'meta/llama-3.1-8b-instruct', { from: { provider: 'aws', code: 'ap-southeast-1' } });
    assert.equal(result.recommended?.region, 'eu-west-1');
    assert.equal(result.savings.vsFrom?.from, 'aws:ap-southeast-1');
    assert.equal(result.savings.vsFrom?.fromOffersModel, true);
    const usageOnly = recommend(
      index,
      'meta/llama-3.1-8b-instruct',
      { from: { provider: 'aws', code: 'ap-southeast-1' } },
      { basis: 'usage' },
    );
    assert.equal(usageOnly.savings.vsFrom?.percent, Math.round((1 - 301 / 483) * 1000) / 10);
    assert.ok(
      (result.savings.vsFrom?.percent as number) < (usageOnly.savings.vsFrom?.percent as number),
      'the shared embodied part shrinks the saving shown',
    );
    const elsewhere = recommend(index, 'meta/llama-3.1-8b-instruct', { from: { provider: 'aws', code: 'eu-north-1' } });
    assert.equal(elsewhere.savings.vsFrom?.fromOffersModel, false);
    assert.ok((elsewhere.savings.vsFrom?.percent as number) < 0, 'moving from a cleaner region costs carbon');
  });

  it('names the closest models for an unknown one', () => {
    assert.throws(
      () => recommend(index, 'gpt-4x', {}, {}, () => ['openai/gpt-4o']),
      (error: unknown) => error instanceof UnknownModelError && /Did you mean: openai\/gpt-4o/.test(error.message),
    );
  });
});

describe('resolution', () => {
  const index = tinyDataset();
  it('reads ARNs, router prefixes, geo profiles and context suffixes', () => {
    const arn = resolveModel(index, 'arn:aws:bedrock:eu-west-1::foundation-model/meta.llama3-1-70b-instruct-v1:0');
    assert.deepEqual([arn?.model.id, arn?.region], ['meta/llama-3.1-70b-instruct', 'eu-west-1']);
    const profile = resolveModel(index, 'bedrock/eu.meta.llama3-1-8b-instruct-v1:0');
    assert.deepEqual([profile?.model.id, profile?.geo, profile?.routerPrefix], ['meta/llama-3.1-8b-instruct', 'eu', 'bedrock']);
    assert.equal(resolveModel(index, 'meta.llama3-1-70b-instruct-v1:0:128k')?.model.id, 'meta/llama-3.1-70b-instruct');
    assert.equal(resolveModel(index, 'azure/GPT-4o')?.model.id, 'openai/gpt-4o');
    assert.equal(resolveModel(index, 'gpt-5-turbo'), undefined);
  });
  it('maps zones to regions and finds the closest code for a typo', () => {
    assert.deepEqual([resolveRegion(index, 'eu-west-1b')?.region.code, resolveRegion(index, 'eu-west-1b')?.via], ['eu-west-1', 'zone']);
    assert.equal(resolveRegion(index, 'SWEDENCENTRAL')?.region.provider, 'azure');
    assert.equal(resolveRegion(index, 'eu-west-9'), undefined);
    assert.equal(closestRegions(index, 'eu-west-9')[0], 'eu-west-1');
  });
});

describe('leaderboard rows', () => {
  const index = tinyDataset();
  it('has one row per regional offering × region and one per profile, ascending by carbon', () => {
    const rows = leaderboardRows(index);
    assert.equal(rows.length, 3 + 1 + 2 + 1);
    const points = rows.filter((r) => r.carbon).map((r) => r.carbon?.central as number);
    assert.deepEqual(
      [...points].sort((a, b) => a - b),
      points,
    );
    assert.ok(rows.every((r) => r.model.id && r.provider && r.service));
    assert.equal(leaderboardRows(index, { models: ['openai/gpt-4o'] }).length, 1);
    assert.equal(leaderboardRows(index, { jurisdictions: ['SG'] }).length, 2);
  });
});

describe('assessRegion and assessModel', () => {
  const index = tinyDataset();
  const region = (code: string) =>
    index.data.regions.find((r) => r.code === code) as NonNullable<ReturnType<typeof index.data.regions.find>>;
  const llama70 = () => index.models.get('meta/llama-3.1-70b-instruct');

  it('ranks a paired region among those serving the model and lists cleaner ones in the same jurisdiction', () => {
    const assessment = assessRegion(index, region('eu-west-1'), llama70(), { jurisdiction: { kind: 'same' } });
    assert.deepEqual(assessment.rank, { position: 2, of: 3 });
    assert.deepEqual(
      assessment.alternatives.map((a) => a.region.code),
      ['eu-north-1'],
    );
    const usageOnly = assessRegion(index, region('eu-west-1'), llama70(), { jurisdiction: { kind: 'same' }, calc: { basis: 'usage' } });
    assert.equal(Math.round(usageOnly.alternatives[0].savingPercent), Math.round((1 - 20 / 301) * 100));
    const [here, there] = [assessment.estimate?.total.central as number, assessment.alternatives[0].estimate?.total.central as number];
    assert.ok(
      Math.abs(assessment.alternatives[0].savingPercent - ((here - there) / here) * 100) < 1e-9,
      'the saving is on what is shown: usage + embodied',
    );
    assert.equal(assessment.alternatives[0].sameJurisdiction, true);
  });

  it('respects the jurisdiction policy and the distance limit', () => {
    const singapore = region('ap-southeast-1');
    assert.equal(assessRegion(index, singapore, llama70(), { jurisdiction: { kind: 'same' } }).alternatives.length, 0);
    const any = assessRegion(index, singapore, llama70(), { jurisdiction: { kind: 'any' } });
    assert.deepEqual(
      any.alternatives.map((a) => a.region.code),
      ['eu-north-1', 'eu-west-1'],
    );
    assert.equal(any.alternatives[0].sameJurisdiction, false);
    const listed = assessRegion(index, singapore, llama70(), {
      jurisdiction: { kind: 'list', allowed: ['EU'] },
      near: singapore,
      maxDistanceKm: 1000,
    });
    assert.equal(listed.alternatives.length, 0);
  });

  it("without a model, ranks the provider's regions by grid intensity", () => {
    const assessment = assessRegion(index, region('ap-southeast-1'), undefined, { jurisdiction: { kind: 'any' } });
    assert.deepEqual(
      assessment.alternatives.map((a) => a.region.code),
      ['eu-north-1', 'eu-west-1'],
    );
    assert.equal(assessment.alternatives[0].estimate, undefined);
    assert.equal(assessment.model, undefined);
  });

  it('assesses a model in its region or over a geo profile', () => {
    const inRegion = assessModel(index, llama70() as NonNullable<ReturnType<typeof llama70>>, { provider: 'aws', code: 'eu-north-1' });
    assert.equal(inRegion.estimate?.region.code, 'eu-north-1');
    assert.equal(inRegion.best?.region.code, 'eu-north-1');
    assert.equal(inRegion.worst?.region.code, 'ap-southeast-1');
    const profile = assessModel(index, llama70() as NonNullable<ReturnType<typeof llama70>>, { geo: 'eu' });
    assert.equal(profile.spread?.destinations, 2);
    assert.ok((profile.spread?.min as number) < (profile.spread?.max as number));
  });
});
