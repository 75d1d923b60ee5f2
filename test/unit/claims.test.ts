// The commonly quoted claims, checked against the bundled data (README "What the data says about common claims").
import assert from 'node:assert/strict';
import { assessRegion } from '../../src/core/carbon/assess';
import { distinguishable, estimateByCode, gridIntensity, type CarbonBasis } from '../../src/core/carbon/calculator';
import { estimateFor } from '../../src/core/api/queries';
import { readRuns, referenceTask } from '../../scripts/calculator-validation';
import { recommend } from '../../src/core/carbon/recommend';
import { regionKey } from '../../src/core/data/dataset';
import { bundledDataset } from '../../src/core/data/bundled';
import type { Model, ProviderId } from '../../src/core/data/schema';

describe('common claims against the bundled data', () => {
  const index = bundledDataset();
  const grid = (provider: ProviderId, code: string) =>
    gridIntensity(index, index.regions.get(regionKey(provider, code)) as NonNullable<ReturnType<typeof index.regions.get>>)
      ?.gPerKWh as number;
  const model = (id: string) => index.models.get(id) as Model;
  const carbon = (id: string, provider: ProviderId, code: string, basis: CarbonBasis = 'total') =>
    estimateByCode(index, model(id), provider, code, { basis }).carbon.central;

  it("Singapore's grid is dirtier than the Netherlands', but about 2×, not the quoted 4× (129 vs 530)", () => {
    const ratio = grid('gcp', 'asia-southeast1') / grid('gcp', 'europe-west4');
    assert.ok(ratio > 1.5 && ratio < 2.5, `SG/NL = ${ratio}`);
    assert.ok(grid('gcp', 'europe-west4') > 200, 'no annual source puts the Netherlands near 129');
    const google = (code: string) => index.regions.get(regionKey('gcp', code))?.providerReported?.value as number;
    assert.ok(google('asia-southeast1') / google('europe-west4') < 2, "Google's own figures agree");
  });

  it('Oregon is the cleanest US region of AWS and Google Cloud (with the BPA zone), not among the cleanest worldwide', () => {
    const usRegions = (provider: ProviderId) =>
      index.data.regions.filter((r) => r.provider === provider && r.country === 'US' && !r.code.includes('gov'));
    for (const [provider, oregon] of [
      ['aws', 'us-west-2'],
      ['gcp', 'us-west1'],
    ] as const) {
      const cleanest = usRegions(provider).sort((a, b) => grid(provider, a.code) - grid(provider, b.code))[0];
      assert.equal(cleanest.code, oregon);
    }
    const cleaner = index.data.regions.filter((r) => grid(r.provider, r.code) < grid('aws', 'us-west-2'));
    assert.ok(cleaner.length >= 10, `${cleaner.length} regions are cleaner than Oregon`);
    assert.ok(
      cleaner.some((r) => r.provider === 'azure' && r.code === 'westus2'),
      "Azure's Quincy region (Grant County PUD) is cleaner",
    );
    assert.ok(grid('gcp', 'us-central1') > grid('aws', 'us-east-1'), 'Iowa (MISO) is dirtier than Virginia');
  });

  it('Mistral 7B on Bedrock: Ireland < Virginia < Singapore, but a 1.5× spread, quoted values that contradict each other, and no Singapore offering', () => {
    const mistral = 'mistral/mistral-7b-instruct';
    const [ireland, virginia, singapore] = ['eu-west-1', 'us-east-1', 'ap-southeast-1'].map((code) =>
      estimateByCode(index, model(mistral), 'aws', code),
    );
    assert.ok(ireland.carbon.central < virginia.carbon.central && virginia.carbon.central < singapore.carbon.central);
    assert.deepEqual(
      [ireland, virginia, singapore].map((e) => Math.round(e.total.central)),
      [16, 21, 24],
      'usage + embodied',
    );
    assert.deepEqual(
      [ireland, virginia, singapore].map((e) => Math.round(e.usage.central)),
      [13, 18, 21],
      'usage only',
    );
    assert.ok(
      singapore.carbon.central / ireland.carbon.central < 1.6,
      `quoted spread 3.2×, data ${singapore.carbon.central / ireland.carbon.central}`,
    );
    // 5 / 10 / 16 g over the same grids imply energies per token that differ by 2× for one model: no single basis
    // (GPU-only or facility) produces all three, so "GPU-only" does not explain them.
    const implied = [5 / grid('aws', 'eu-west-1'), 10 / grid('aws', 'us-east-1'), 16 / grid('aws', 'ap-southeast-1')];
    assert.ok(Math.max(...implied) / Math.min(...implied) > 1.8, `implied kWh/Mtok ${implied.join(', ')}`);
    const offered = recommend(index, 'mistral.mistral-7b-instruct-v0:2');
    const regions = [offered.recommended, ...offered.alternatives].map((o) => o?.region);
    assert.ok(!regions.includes('ap-southeast-1'), 'Bedrock does not serve Mistral 7B in Singapore');
    assert.equal(offered.recommended?.region, 'eu-west-3', 'Paris is the cleanest Bedrock region for it');
    assert.equal(Math.round((offered.recommended?.carbon?.central as number) * 10) / 10, 4.1);
  });

  it('moving region saves ~95% of usage, but less of usage + embodied (Mistral 7B on Bedrock, Mumbai → Paris: −95% vs −87%)', () => {
    const shown = recommend(index, 'mistral/mistral-7b-instruct');
    const usageOnly = recommend(index, 'mistral/mistral-7b-instruct', {}, { basis: 'usage' });
    assert.deepEqual([shown.dirtiest?.region, shown.recommended?.region], ['ap-south-1', 'eu-west-3']);
    assert.equal(Math.round(usageOnly.savings.vsDirtiest?.percent as number), 95);
    assert.equal(Math.round(shown.savings.vsDirtiest?.percent as number), 87);
  });

  it('Llama 3.1 70B uses about 6× the energy of 8B (quoted: 5×); ML.ENERGY spans 5.5× (batch 768) to 8.3× (batch 8) on H100', () => {
    const ratio =
      carbon('meta/llama-3.1-70b-instruct', 'aws', 'us-west-2', 'usage') /
      carbon('meta/llama-3.1-8b-instruct', 'aws', 'us-west-2', 'usage');
    assert.ok(Math.abs(ratio - 0.563 / 0.095) < 0.05, `ratio ${ratio}`);
    const chat = readRuns().filter((r) => r.task === referenceTask && r.gpu === 'H100' && r.precision === 'bfloat16');
    const byBatch = (id: string) => new Map(chat.filter((r) => r.modelId === id).map((r) => [r.maxBatch, r.jPerToken]));
    const [seventy, eight] = [byBatch('meta-llama/Llama-3.1-70B-Instruct'), byBatch('meta-llama/Llama-3.1-8B-Instruct')];
    const ratios = [...seventy]
      .filter(([batch]) => eight.has(batch))
      .map(([batch, j]) => ({ batch, ratio: j / (eight.get(batch) as number) }));
    assert.ok(ratios.length >= 10, `${ratios.length} batch sizes measured for both`);
    const low = ratios.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    const high = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    assert.deepEqual([low.batch, Math.round(low.ratio * 10) / 10], [768, 5.5]);
    assert.deepEqual([high.batch, Math.round(high.ratio * 10) / 10], [8, 8.3]);
  });

  it('Llama 3.1 70B in the Netherlands does NOT beat 8B in Singapore; the clean-grid case that does is not offered, and no real offering of 70B beats any of 8B', () => {
    const seventyNl = carbon('meta/llama-3.1-70b-instruct', 'gcp', 'europe-west4');
    const eightSg = carbon('meta/llama-3.1-8b-instruct', 'aws', 'ap-southeast-1');
    assert.ok(
      seventyNl > eightSg,
      `70B NL ${seventyNl} vs 8B SG ${eightSg}: the grid factor (≈1.9×) is smaller than the model factor (≈6×)`,
    );
    assert.ok(carbon('meta/llama-3.1-70b-instruct', 'aws', 'eu-north-1') < eightSg);
    const [seventySe, eightSgEstimate] = [
      estimateByCode(index, model('meta/llama-3.1-70b-instruct'), 'aws', 'eu-north-1'),
      estimateByCode(index, model('meta/llama-3.1-8b-instruct'), 'aws', 'ap-southeast-1'),
    ];
    assert.equal(distinguishable(seventySe, eightSgEstimate, false), false, 'with embodied the two are 23 vs 25: within the uncertainty');
    assert.ok(carbon('meta/llama-3.1-70b-instruct', 'gcp', 'europe-north2') < eightSg);
    // None of these four configurations is offered by its provider (servesModel false).
    for (const [id, provider, code] of [
      ['meta/llama-3.1-70b-instruct', 'gcp', 'europe-west4'],
      ['meta/llama-3.1-8b-instruct', 'aws', 'ap-southeast-1'],
      ['meta/llama-3.1-70b-instruct', 'aws', 'eu-north-1'],
      ['meta/llama-3.1-70b-instruct', 'gcp', 'europe-north2'],
    ] as const) {
      assert.equal(estimateFor(index, { model: id, region: `${provider}:${code}` }).region.servesModel, false, `${id} in ${code}`);
    }
    // The cleanest real offerings: 70B in us-west-2 (Oregon) 52, 8B there 8.8; 70B's cleanest is above 8B's dirtiest.
    const seventy = recommend(index, 'meta/llama-3.1-70b-instruct');
    const eight = recommend(index, 'meta/llama-3.1-8b-instruct');
    assert.deepEqual([seventy.recommended?.region, Math.round(seventy.recommended?.carbon?.central as number)], ['us-west-2', 52]);
    assert.deepEqual([eight.recommended?.region, Math.round((eight.recommended?.carbon?.central as number) * 10) / 10], ['us-west-2', 8.8]);
    assert.ok((seventy.recommended?.carbon?.central as number) > (eight.dirtiest?.carbon?.central as number));
  });

  it('on a clean grid the hardware outweighs the electricity: Llama 3.1 70B in Stockholm, embodied ≈ 17 vs usage ≈ 5.4', () => {
    const stockholm = estimateByCode(index, model('meta/llama-3.1-70b-instruct'), 'aws', 'eu-north-1');
    assert.equal(Math.round(stockholm.embodied.central), 17);
    assert.equal(Math.round(stockholm.usage.central * 10) / 10, 5.4);
    assert.equal(stockholm.basis, 'total');
    assert.equal(stockholm.carbon.central, stockholm.usage.central + stockholm.embodied.central);
  });
});

describe('alternatives stay in the account partition', () => {
  it('never suggests GovCloud, China or the European Sovereign Cloud for a commercial region, nor the reverse', () => {
    const index = bundledDataset();
    const region = (code: string) => index.regions.get(regionKey('aws', code)) as NonNullable<ReturnType<typeof index.regions.get>>;
    const fromVirginia = assessRegion(index, region('us-east-1'), undefined, {
      jurisdiction: { kind: 'any' },
      limit: 200,
    }).alternatives.map((a) => a.region.code);
    assert.ok(fromVirginia.includes('us-west-2'));
    assert.deepEqual(
      fromVirginia.filter((code) => /^(us-gov|cn|eusc)-/.test(code)),
      [],
    );
    const fromGov = assessRegion(index, region('us-gov-east-1'), undefined, { jurisdiction: { kind: 'any' }, limit: 200 }).alternatives.map(
      (a) => a.region.code,
    );
    assert.deepEqual(fromGov, ['us-gov-west-1']);
  });
});
