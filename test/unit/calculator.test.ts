import assert from 'node:assert/strict';
import { distinguishable, estimateByCode, estimateEnergy, type RegionEstimate } from '../../src/core/carbon/calculator';
import { bundledDataset } from '../../src/core/data/bundled';
import type { Model } from '../../src/core/data/schema';
import { tinyDataset } from './helpers/tinyDataset';

const close = (actual: number, expected: number, relative: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= Math.abs(expected) * relative,
    `${what}: ${actual} is not within ${relative * 100}% of ${expected}`,
  );

const openModel = (id: string, total: number, active = total, precision: 'bf16' | 'fp8' = 'bf16'): Model => ({
  id,
  name: id,
  creator: 'x',
  family: 'x',
  openWeights: true,
  architecture: active === total ? 'dense' : 'moe',
  precision,
  params: { total: { min: total, max: total }, active: { min: active, max: active }, source: 'sizes' },
  tier: 'B',
  aliases: [{ id, platform: 'other' }],
});

describe('calculator', () => {
  const index = tinyDataset();
  const coefficients = index.data.calculator;

  describe('the fitted energy curve against ML.ENERGY v3 (H100, batch 128, GPU joules per output token)', () => {
    // research/models.md §2.2; the fit's stated residual is ×1.14, so 20% is the tolerance.
    const measured: Array<[string, number, number, number, 'bf16' | 'fp8']> = [
      ['Llama 3.1 8B', 8.03, 8.03, 0.095, 'bf16'],
      ['Llama 3.1 70B', 70.55, 70.55, 0.563, 'bf16'],
      ['Qwen3 30B-A3B (MoE)', 30.5, 3.3, 0.198, 'bf16'],
      ['Llama 4 Scout (MoE)', 109, 17, 0.654, 'bf16'],
    ];
    for (const [name, total, active, joules, precision] of measured) {
      it(`predicts ${name} within 20% of ${joules} J`, () => {
        close(estimateEnergy(openModel(name, total, active, precision), coefficients).gpuJPerToken, joules, 0.2, name);
      });
    }
    it('predicts Llama 3.1 405B (BF16) between the FP8 H100 and BF16 B200 measurements (2.43–2.70 J)', () => {
      const joules = estimateEnergy(openModel('405b', 405.85), coefficients).gpuJPerToken;
      assert.ok(joules > 2.43 * 0.95 && joules < 2.7 * 1.05, `got ${joules}`);
    });
    it('makes 70B cost about 6× the energy of 8B, as the measurements do (5.5× at batch 768 to 8.3× at batch 8)', () => {
      const ratio =
        estimateEnergy(openModel('70b', 70.55), coefficients).gpuJPerToken /
        estimateEnergy(openModel('8b', 8.03), coefficients).gpuJPerToken;
      assert.ok(ratio > 4.5 && ratio < 7.5, `ratio ${ratio}`);
    });
  });

  describe('hand-computed values', () => {
    const llama70 = index.models.get('meta/llama-3.1-70b-instruct') as Model;
    it('Llama 3.1 70B (fitted) on AWS eu-north-1 at 20 g/kWh: 0.5879 J × 1.5 / 3.6 × PUE 1.15 × 20 = 5.63 g/Mtok', () => {
      const estimate = estimateByCode(index, llama70, 'aws', 'eu-north-1');
      close(estimate.usage.central, 5.634, 0.002, 'central');
      close(estimate.usage.low, 5.634 * 0.45, 0.002, 'low');
      close(estimate.usage.high, 5.634 * 2.4, 0.002, 'high');
      close(estimate.energyKWhPerMTok.central, 0.2817, 0.002, 'kWh per Mtok');
    });
    it('the same model at 483 g/kWh: 136.1 g/Mtok, ×24 the clean region', () => {
      close(estimateByCode(index, llama70, 'aws', 'ap-southeast-1').usage.central, 136.06, 0.002, 'central');
    });
    it('a tier-A measurement replaces the fit: 0.095 J × 1.5 / 3.6 × 1.15 × 301 = 13.70 g/Mtok', () => {
      const estimate = estimateByCode(index, index.models.get('meta/llama-3.1-8b-instruct') as Model, 'aws', 'eu-west-1');
      close(estimate.usage.central, ((0.095 * 1.5) / 3.6) * 1.15 * 301, 0.0001, 'central');
      close(estimate.usage.central, 13.7, 0.002, 'literal');
    });
    it('a closed MoE model with a size prior: central at the geometric middle, band from the ends of the prior', () => {
      // P_eff = 44^0.25·440^0.75 = 247.4 and 132^0.25·440^0.75 = 325.6; PUE 1.16; grid 20 g/kWh.
      const estimate = estimateByCode(index, index.models.get('openai/gpt-4o') as Model, 'azure', 'swedencentral');
      close(estimate.usage.central, (89.354 / 100) * 20, 0.002, 'central');
      close(estimate.usage.low, (35.912 / 100) * 20, 0.002, 'low');
      close(estimate.usage.high, (240.11 / 100) * 20, 0.002, 'high');
    });
    it('MoE effective size: Mixtral 8x7B (46.7 total, 12.9 active) counts as 33.9 B', () => {
      close(estimateEnergy(openModel('mixtral', 46.7, 12.9), coefficients).effectiveParams.central, 33.856, 0.001, 'P_eff');
    });
    it('FP8 deployments use 0.7 of the BF16 energy', () => {
      const bf16 = estimateEnergy(openModel('m', 100), coefficients).gpuJPerToken;
      close(estimateEnergy(openModel('m', 100, 100, 'fp8'), coefficients).gpuJPerToken, bf16 * 0.7, 1e-9, 'fp8');
    });
    it('input tokens count at 0.2 of an output token, in usage and embodied alike (the GPU is busy for both)', () => {
      const outputOnly = estimateByCode(index, llama70, 'aws', 'eu-west-1');
      const mixed = estimateByCode(index, llama70, 'aws', 'eu-west-1', { inputTokensPerOutputToken: 3 });
      close(mixed.usage.central, outputOnly.usage.central * 1.6, 1e-9, 'input weight');
      close(mixed.embodied.central, outputOnly.embodied.central * 1.6, 1e-9, 'embodied input weight');
    });
    it('embodied: 30.8 g per (GPU J/token), the same in every region, with the energy band', () => {
      const here = estimateByCode(index, llama70, 'aws', 'eu-west-1');
      close(here.embodied.central, 30.8 * 0.58788, 0.001, 'embodied');
      close(here.embodied.low, here.embodied.central * 0.45, 1e-9, 'embodied low');
      close(here.embodied.high, here.embodied.central * 2.4, 1e-9, 'embodied high');
      assert.deepEqual(estimateByCode(index, llama70, 'aws', 'ap-southeast-1').embodied, here.embodied);
    });
    it('the headline is usage + embodied by default (GSF SCI: E·I + M), usage only on request', () => {
      const total = estimateByCode(index, llama70, 'aws', 'eu-north-1');
      assert.equal(total.basis, 'total');
      close(total.total.central, total.usage.central + total.embodied.central, 1e-12, 'total');
      close(total.total.low, total.usage.low + total.embodied.low, 1e-12, 'total low');
      close(total.total.high, total.usage.high + total.embodied.high, 1e-12, 'total high');
      assert.deepEqual(total.carbon, total.total);
      // 5.63 usage + 18.1 embodied: on a clean grid the hardware outweighs the electricity.
      close(total.carbon.central, 5.634 + 30.8 * 0.58788, 0.002, 'headline');
      const usage = estimateByCode(index, llama70, 'aws', 'eu-north-1', { basis: 'usage' });
      assert.equal(usage.basis, 'usage');
      assert.deepEqual(usage.carbon, usage.usage);
      assert.deepEqual(usage.total, total.total, 'both parts are computed on either basis');
    });
    it('uses the requested grid year', () => {
      close(estimateByCode(index, llama70, 'aws', 'eu-north-1', { year: 2024 }).usage.central, (5.634 / 20) * 25, 0.002, '2024');
      assert.throws(() => estimateByCode(index, llama70, 'aws', 'eu-north-1', { year: 1999 }), /No 1999 grid intensity/);
    });
  });

  describe('distinguishable', () => {
    const withBand = (carbon: { central: number; low: number; high: number }) => ({ carbon, placeBand: carbon }) as RegionEstimate;
    it('different models: separates bands that do not overlap and flags heavy overlap', () => {
      assert.equal(distinguishable(withBand({ central: 2, low: 1, high: 3 }), withBand({ central: 20, low: 10, high: 30 }), false), true);
      assert.equal(
        distinguishable(withBand({ central: 10, low: 5, high: 24 }), withBand({ central: 11, low: 5.5, high: 26 }), false),
        false,
      );
      assert.equal(
        distinguishable(withBand({ central: 5, low: 5, high: 5 }), withBand({ central: 5, low: 5, high: 5 }), false),
        false,
        'equal figures never are',
      );
    });

    describe('the same model in two places: the shared energy band cancels', () => {
      const bundled = bundledDataset();
      const model = bundled.models.get('meta/llama-3.1-70b-instruct') as Model;
      const at = (provider: 'aws' | 'gcp' | 'azure', code: string, basis: 'total' | 'usage' = 'total') =>
        estimateByCode(bundled, model, provider, code, { basis });

      it('us-east-1 vs eu-west-1 (grid × PUE ratio below 3.2) can be told apart, on either basis', () => {
        for (const basis of ['total', 'usage'] as const) {
          const virginia = at('aws', 'us-east-1', basis);
          const ireland = at('aws', 'eu-west-1', basis);
          assert.equal(distinguishable(virginia, ireland, true), true, basis);
          // the old rule (whole energy bands, as if independent) called the pair "within the uncertainty"
          assert.equal(distinguishable(virginia, ireland, false), false, `${basis}: whole bands overlap heavily`);
        }
      });
      it('what is left is the site PUE and, where recorded, the alternative grid zone', () => {
        const oregon = at('aws', 'us-west-2', 'usage');
        const energy = oregon.energyKWhPerMTok.central / oregon.pue;
        close(oregon.placeBand.low, energy * 1.04 * 129, 0.01, 'BPA zone at the best site PUE');
        close(oregon.placeBand.high, energy * 1.3 * 204, 0.01, 'PacifiCorp West at the highest site PUE');
        assert.ok(oregon.placeBand.low <= oregon.carbon.central && oregon.carbon.central <= oregon.placeBand.high);
      });
      it('two regions on the same grid zone are within the uncertainty', () => {
        const sameZone = bundled.data.regions.filter(
          (r) =>
            r.provider === 'aws' &&
            r.gridZone === bundled.regions.get('aws:us-east-1')?.gridZone &&
            r.code !== 'us-east-1' &&
            !r.code.startsWith('us-gov'),
        );
        assert.ok(sameZone.length > 0, 'us-east-2 (Ohio) shares PJM with us-east-1');
        for (const other of sameZone) assert.equal(distinguishable(at('aws', 'us-east-1'), at('aws', other.code), true), false, other.code);
      });
    });
  });
});

describe('calculator: a contested grid zone widens the band', () => {
  const index = bundledDataset();
  const llama70 = index.models.get('meta/llama-3.1-70b-instruct') as Model;

  it('Oregon (BPA 129, PacifiCorp West recorded as the alternative): central on BPA, the band reaches PacifiCorp', () => {
    const estimate = estimateByCode(index, llama70, 'aws', 'us-west-2');
    const { energyKWhPerMTok: energy, grid } = estimate;
    assert.deepEqual([grid.zone, grid.alternative?.zone], ['US-NW-BPAT', 'US-NW-PACW']);
    assert.ok(grid.alternative!.gPerKWh > grid.gPerKWh);
    close(estimate.usage.central, energy.central * grid.gPerKWh, 1e-9, 'central');
    close(estimate.usage.low, energy.low * grid.gPerKWh, 1e-9, 'low');
    close(estimate.usage.high, energy.high * grid.alternative!.gPerKWh, 1e-9, 'high');
  });

  it('Quincy (Grant County PUD, BPA the alternative above it) and a region with one zone keep the energy band', () => {
    const quincy = estimateByCode(index, llama70, 'azure', 'westus2');
    close(quincy.usage.high, quincy.energyKWhPerMTok.high * quincy.grid.alternative!.gPerKWh, 1e-9, 'high');
    const dublin = estimateByCode(index, llama70, 'aws', 'eu-west-1');
    assert.equal(dublin.grid.alternative, undefined);
    close(dublin.usage.high, dublin.energyKWhPerMTok.high * dublin.grid.gPerKWh, 1e-9, 'high');
    close(dublin.usage.low, dublin.energyKWhPerMTok.low * dublin.grid.gPerKWh, 1e-9, 'low');
  });
});
