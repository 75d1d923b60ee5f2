// The calculator against ML.ENERGY v3 (scripts/calculator-validation.ts): the published table is current, the fit
// holds where it was fitted, and every tier-A measurement is the run the documented rule picks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  fitBatch,
  parseRuns,
  readCoefficients,
  readRuns,
  referenceTask,
  summarise,
  theMeasurements,
  validateCalculator,
  validationDoc,
  validationMarkdown,
  type Family,
} from '../../scripts/calculator-validation';
import { bundledDataset } from '../../src/core/data/bundled';

const runs = readRuns();
const validation = validateCalculator(runs, readCoefficients());
const geometricMean = (family: Family) =>
  summarise(validation.measurements.filter((r) => r.family === family).map((r) => r.ratio)).geometricMean;

describe('calculator validation against ML.ENERGY v3', () => {
  it(`${validationDoc} is the current output of npm run validate-calculator`, () => {
    const published = readFileSync(path.resolve(__dirname, '../..', validationDoc), 'utf8');
    assert.equal(published, validationMarkdown(validation), 'run `npm run validate-calculator` and commit the result');
  });

  it('predicts every run at the fit batch in BF16 or FP8, on both GPUs and every task', () => {
    const expected = runs.filter((r) => r.maxBatch === fitBatch && (r.precision === 'bfloat16' || r.precision === 'fp8'));
    assert.equal(validation.all.length, expected.length);
    assert.ok(validation.all.length >= 50);
    assert.deepEqual(new Set(validation.all.map((r) => r.run.gpu)), new Set(['H100', 'B200']));
    assert.ok(validation.all.every((r) => Number.isFinite(r.predicted) && r.predicted > 0));
  });

  it('is centred on the dense BF16 H100 runs it was fitted to (geometric mean within 10 %, each within ×1.25)', () => {
    assert.ok(Math.abs(Math.log(geometricMean('dense'))) < Math.log(1.1), `dense ×${geometricMean('dense')}`);
    for (const r of validation.measurements.filter((m) => m.family === 'dense'))
      assert.ok(r.ratio > 0.8 && r.ratio < 1.25, `${r.run.modelId} ×${r.ratio}`);
  });

  it('puts the MoE runs inside the band and the exponent that centres them inside the stated range (0.55-0.95)', () => {
    assert.ok(validation.bestMoeGamma >= 0.55 && validation.bestMoeGamma <= 0.95, `best ${validation.bestMoeGamma}`);
    for (const r of validation.measurements.filter((m) => m.run.architecture === 'moe' && m.run.gpu === 'H100')) {
      const { bandLow, bandHigh } = validation.coefficients;
      assert.ok(r.ratio > bandLow && r.ratio < bandHigh, `${r.run.modelId} ×${r.ratio} is outside the band`);
    }
  });

  it('keeps the FP8 factor within 10 % of the FP8/BF16 ratios the rule picks', () => {
    const ratios = validation.fp8Pairs.map((p) => p.byRule);
    assert.ok(ratios.length >= 3);
    const mean = summarise(ratios).geometricMean;
    assert.ok(Math.abs(Math.log(mean / validation.coefficients.fp8Factor)) < Math.log(1.1), `FP8/BF16 ×${mean}`);
  });

  it('picks the chat run at batch 128 on the fewest GPUs, in the checkpoint precision', () => {
    const csv = [
      'task,model_id,architecture,total_params_b,activated_params_b,weight_precision,gpu_model,num_gpus,max_num_seqs,energy_per_token_j',
      `${referenceTask},m,MoE,100,10,bfloat16,H100,8,128,2.0`,
      `${referenceTask},m,MoE,100,10,bfloat16,H100,4,128,1.5`,
      `${referenceTask},m,MoE,100,10,bfloat16,H100,2,256,1.0`,
      'gpqa,m,MoE,100,10,bfloat16,H100,1,128,0.9',
      `${referenceTask},m,MoE,100,10,bfloat16,B200,8,128,1.2`,
    ].join('\n');
    const chosen = theMeasurements(parseRuns(csv))
      .map((r) => `${r.gpu}:${r.gpus}:${r.jPerToken}`)
      .sort();
    assert.deepEqual(chosen, ['B200:8:1.2', 'H100:4:1.5']);
  });

  it("uses the rule's H100 run for every tier-A measured value in the dataset", () => {
    const ruleRuns = theMeasurements(runs).filter((r) => r.gpu === 'H100');
    const deviating: string[] = [];
    let checked = 0;
    for (const model of bundledDataset().data.models.filter((m) => m.measured?.source === 'mlenergy-v3')) {
      // The checkpoint is the one whose H100 run at the fit batch has exactly this value.
      const source = runs.find((r) => r.gpu === 'H100' && r.maxBatch === fitBatch && r.jPerToken === model.measured!.jPerToken);
      assert.ok(source, `${model.id}: ${model.measured!.jPerToken} J is no ML.ENERGY H100 run at batch ${fitBatch}`);
      const rule = ruleRuns.find((r) => r.modelId === source.modelId);
      checked++;
      if (rule !== source) deviating.push(model.id);
    }
    assert.ok(checked >= 13, `${checked} tier-A models checked`);
    assert.deepEqual(deviating, []);
  });
});
