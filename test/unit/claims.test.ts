// The commonly quoted claims, checked against the bundled data (README "What the data says about common claims").
import assert from 'node:assert/strict';
import { assessRegion } from '../../src/core/carbon/assess';
import { estimateByCode, gridIntensity } from '../../src/core/carbon/calculator';
import { recommend } from '../../src/core/carbon/recommend';
import { regionKey } from '../../src/core/data/dataset';
import { bundledDataset } from '../../src/core/data/bundled';
import type { Model, ProviderId } from '../../src/core/data/schema';

describe('common claims against the bundled data', () => {
  const index = bundledDataset();
  const grid = (provider: ProviderId, code: string) => gridIntensity(index, index.regions.get(regionKey(provider, code)) as NonNullable<ReturnType<typeof index.regions.get>>)?.gPerKWh as number;
  const model = (id: string) => index.models.get(id) as Model;
  const carbon = (id: string, provider: ProviderId, code: string) => estimateByCode(index, model(id), provider, code).carbon.central;

  it('Singapore\'s grid is dirtier than the Netherlands\', but about 2×, not the quoted 4× (129 vs 530)', () => {
    const ratio = grid('gcp', 'asia-southeast1') / grid('gcp', 'europe-west4');
    assert.ok(ratio > 1.5 && ratio < 2.5, `SG/NL = ${ratio}`);
    assert.ok(grid('gcp', 'europe-west4') > 200, 'no annual source puts the Netherlands near 129');
    const google = (code: string) => index.regions.get(regionKey('gcp', code))?.providerReported?.value as number;
    assert.ok(google('asia-southeast1') / google('europe-west4') < 2, 'Google\'s own figures agree');
  });

  it('Oregon is the cleanest US region of AWS and Google Cloud (with the BPA zone), not among the cleanest worldwide', () => {
    const usRegions = (provider: ProviderId) => index.data.regions.filter((r) => r.provider === provider && r.country === 'US' && !r.code.includes('gov'));
    for (const [provider, oregon] of [['aws', 'us-west-2'], ['gcp', 'us-west1']] as const) {
      const cleanest = usRegions(provider).sort((a, b) => grid(provider, a.code) - grid(provider, b.code))[0];
      assert.equal(cleanest.code, oregon);
    }
    const cleaner = index.data.regions.filter((r) => grid(r.provider, r.code) < grid('aws', 'us-west-2'));
    assert.ok(cleaner.length >= 10, `${cleaner.length} regions are cleaner than Oregon`);
    assert.ok(cleaner.some((r) => r.provider === 'azure' && r.code === 'westus2'), "Azure's Quincy region (Grant County PUD) is cleaner");
    assert.ok(grid('gcp', 'us-central1') > grid('aws', 'us-east-1'), 'Iowa (MISO) is dirtier than Virginia');
  });

  it('Mistral 7B on Bedrock: Ireland < Virginia, a spread far below the quoted 5 / 10 / 16, and no Singapore offering', () => {
    const ireland = carbon('mistral/mistral-7b-instruct', 'aws', 'eu-west-1');
    const virginia = carbon('mistral/mistral-7b-instruct', 'aws', 'us-east-1');
    const singapore = carbon('mistral/mistral-7b-instruct', 'aws', 'ap-southeast-1');
    assert.ok(ireland < virginia && virginia < singapore);
    assert.ok(singapore / ireland < 2, `quoted spread 3.2×, data ${singapore / ireland}`);
    assert.ok(ireland > 5, 'our facility-level figure is above the quoted GPU-only one');
    const offered = recommend(index, 'mistral.mistral-7b-instruct-v0:2');
    const regions = [offered.recommended, ...offered.alternatives].map((o) => o?.region);
    assert.ok(!regions.includes('ap-southeast-1'), 'Bedrock does not serve Mistral 7B in Singapore');
    assert.equal(offered.recommended?.region, 'eu-west-3', 'Paris is the cleanest Bedrock region for it');
  });

  it('Llama 3.1 70B uses about 6× the energy of 8B (quoted: 5×; measured 4.5–7.5×)', () => {
    const ratio = carbon('meta/llama-3.1-70b-instruct', 'aws', 'us-west-2') / carbon('meta/llama-3.1-8b-instruct', 'aws', 'us-west-2');
    assert.ok(ratio > 4.5 && ratio < 7.5, `ratio ${ratio}`);
  });

  it('Llama 3.1 70B in the Netherlands does NOT beat 8B in Singapore; in Sweden it does', () => {
    const seventyNl = carbon('meta/llama-3.1-70b-instruct', 'gcp', 'europe-west4');
    const eightSg = carbon('meta/llama-3.1-8b-instruct', 'aws', 'ap-southeast-1');
    assert.ok(seventyNl > eightSg, `70B NL ${seventyNl} vs 8B SG ${eightSg}: the grid factor (≈1.9×) is smaller than the model factor (≈6×)`);
    assert.ok(carbon('meta/llama-3.1-70b-instruct', 'aws', 'eu-north-1') < eightSg);
    assert.ok(carbon('meta/llama-3.1-70b-instruct', 'gcp', 'europe-north2') < eightSg);
  });
});

describe('alternatives stay in the account partition', () => {
  it('never suggests GovCloud, China or the European Sovereign Cloud for a commercial region, nor the reverse', () => {
    const index = bundledDataset();
    const region = (code: string) => index.regions.get(regionKey('aws', code)) as NonNullable<ReturnType<typeof index.regions.get>>;
    const fromVirginia = assessRegion(index, region('us-east-1'), undefined, { jurisdiction: { kind: 'any' }, limit: 200 }).alternatives.map((a) => a.region.code);
    assert.ok(fromVirginia.includes('us-west-2'));
    assert.deepEqual(fromVirginia.filter((code) => /^(us-gov|cn|eusc)-/.test(code)), []);
    const fromGov = assessRegion(index, region('us-gov-east-1'), undefined, { jurisdiction: { kind: 'any' }, limit: 200 }).alternatives.map((a) => a.region.code);
    assert.deepEqual(fromGov, ['us-gov-west-1']);
  });
});
