// The calculator checked against every ML.ENERGY v3 run it can predict (data/sources/mlenergy-benchmark-v3), with
// residuals per model family. `npm run validate-calculator` prints the summary and writes
// docs/calculator-validation.md; test/unit/calculator-validation.test.ts fails when that file drifts from this output.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { estimateEnergy } from '../src/core/carbon/calculator';
import { CalculatorCoefficients, type Model } from '../src/core/data/schema';

const repoRoot = path.resolve(__dirname, '..');
export const runsFile = 'data/sources/mlenergy-benchmark-v3/llm_runs_extracted.csv';
export const validationDoc = 'docs/calculator-validation.md';

/** The fit's operating point: ML.ENERGY's batch cap (`max_num_seqs`) the coefficients were fitted at. */
export const fitBatch = 128;
/** The task the calculator's per-output-token figure stands for (chat). */
export const referenceTask = 'lm-arena-chat';

export interface Run {
  task: string;
  modelId: string;
  architecture: 'dense' | 'moe' | 'hybrid';
  totalB: number;
  activeB: number;
  precision: string;
  gpu: string;
  gpus: number;
  maxBatch: number;
  jPerToken: number;
}

export type Family = 'dense' | 'MoE' | 'hybrid' | 'FP8' | 'B200';
export const families: readonly Family[] = ['dense', 'MoE', 'hybrid', 'FP8', 'B200'];

const architectures: Record<string, Run['architecture']> = {
  'Dense Transformer': 'dense',
  MoE: 'moe',
  'Mamba-Transformer Hybrid': 'hybrid',
};

export function parseRuns(csv: string): Run[] {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const columns = header.split(',');
  const at = (fields: string[], name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`${runsFile}: no column '${name}'`);
    return fields[index];
  };
  return lines.map((line, i) => {
    const fields = line.split(',');
    const architecture = architectures[at(fields, 'architecture')];
    if (!architecture) throw new Error(`${runsFile}:${i + 2}: unknown architecture '${at(fields, 'architecture')}'`);
    return {
      task: at(fields, 'task'),
      modelId: at(fields, 'model_id'),
      architecture,
      totalB: Number(at(fields, 'total_params_b')),
      activeB: Number(at(fields, 'activated_params_b')),
      precision: at(fields, 'weight_precision'),
      gpu: at(fields, 'gpu_model'),
      gpus: Number(at(fields, 'num_gpus')),
      maxBatch: Number(at(fields, 'max_num_seqs')),
      jPerToken: Number(at(fields, 'energy_per_token_j')),
    };
  });
}

export function readRuns(): Run[] {
  return parseRuns(readFileSync(path.join(repoRoot, runsFile), 'utf8'));
}

export function readCoefficients(): CalculatorCoefficients {
  return CalculatorCoefficients.parse(parse(readFileSync(path.join(repoRoot, 'data/calculator.yaml'), 'utf8')));
}

const calculatorPrecision = { bfloat16: 'bf16', fp8: 'fp8' } as const;

/** A run the calculator has a figure for: the fit's batch cap and a precision it models (not MXFP4). */
export function isPredictable(run: Run): boolean {
  return run.maxBatch === fitBatch && run.precision in calculatorPrecision;
}

/**
 * The rule for "the" measurement of a model on one GPU type: the chat task at the fit's batch cap, in the
 * checkpoint's own precision, on the fewest GPUs that ran it (the smallest deployment that holds the weights, the
 * one a cost-minded provider runs, and the reason FP8 checkpoints exist).
 */
export function theMeasurements(runs: Run[]): Run[] {
  const chosen = new Map<string, Run>();
  for (const run of runs.filter((r) => r.task === referenceTask && isPredictable(r))) {
    const key = `${run.modelId}|${run.gpu}`;
    const current = chosen.get(key);
    if (!current || run.gpus < current.gpus) chosen.set(key, run);
  }
  return [...chosen.values()];
}

/** The calculator's GPU joules per output token for the model a run measured (H100, batch 128 fit). */
export function predictGpuJPerToken(run: Run, coefficients: CalculatorCoefficients): number {
  const model: Model = {
    id: 'mlenergy/run',
    name: run.modelId,
    creator: 'mlenergy',
    family: 'mlenergy',
    openWeights: true,
    // The calculator has no hybrid (Mamba) architecture: it sizes those like dense models.
    architecture: run.architecture === 'moe' ? 'moe' : 'dense',
    params: { total: { min: run.totalB, max: run.totalB }, active: { min: run.activeB, max: run.activeB }, source: 'mlenergy-v3' },
    tier: 'B',
    precision: calculatorPrecision[run.precision as keyof typeof calculatorPrecision],
    aliases: [],
  };
  return estimateEnergy(model, coefficients).gpuJPerToken;
}

export function familyOf(run: Run): Family {
  if (run.gpu === 'B200') return 'B200';
  if (run.precision === 'fp8') return 'FP8';
  return run.architecture === 'moe' ? 'MoE' : run.architecture;
}

export interface Residual {
  run: Run;
  family: Family;
  predicted: number;
  /** measured / predicted */
  ratio: number;
}

export interface Summary {
  n: number;
  geometricMean: number;
  min: number;
  max: number;
}

export function summarise(ratios: number[]): Summary {
  const logs = ratios.map(Math.log);
  return {
    n: ratios.length,
    geometricMean: Math.exp(logs.reduce((s, x) => s + x, 0) / Math.max(1, logs.length)),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
  };
}

export interface Validation {
  coefficients: CalculatorCoefficients;
  runsInFile: number;
  /** Every predictable run, with its residual. */
  all: Residual[];
  /** The rule's measurement per model and GPU type. */
  measurements: Residual[];
  /** MoE exponent that would centre the rule's H100 MoE runs (least squares in log space, 0.01 steps). */
  bestMoeGamma: number;
  /** FP8 / BF16 energy of the same model on the same GPU type: by the rule, and at equal GPU counts. */
  fp8Pairs: Array<{ model: string; gpu: string; byRule: number; ruleGpus: string; sameCount?: { gpus: number; ratio: number } }>;
  /** B200 / H100 energy of the same checkpoint, both by the rule. */
  b200Pairs: Array<{ model: string; ratio: number }>;
}

export function validateCalculator(runs: Run[], coefficients: CalculatorCoefficients): Validation {
  const residual = (run: Run): Residual => {
    const predicted = predictGpuJPerToken(run, coefficients);
    return { run, family: familyOf(run), predicted, ratio: run.jPerToken / predicted };
  };
  const measurements = theMeasurements(runs);
  const moeH100 = measurements.filter((r) => r.architecture === 'moe' && r.gpu === 'H100');
  let bestMoeGamma = coefficients.moeGamma;
  let bestError = Infinity;
  for (let step = 0; step <= 100; step++) {
    const moeGamma = step / 100;
    const error = moeH100.reduce((s, run) => s + Math.log(run.jPerToken / predictGpuJPerToken(run, { ...coefficients, moeGamma })) ** 2, 0);
    if (error < bestError - 1e-12) [bestError, bestMoeGamma] = [error, moeGamma];
  }

  const baseName = (id: string) => id.replace(/-FP8$/, '');
  const fp8Pairs: Validation['fp8Pairs'] = [];
  for (const fp8 of measurements.filter((r) => r.precision === 'fp8')) {
    const bf16 = measurements.find((r) => r.modelId === baseName(fp8.modelId) && r.precision === 'bfloat16' && r.gpu === fp8.gpu);
    if (!bf16) continue;
    const chatRuns = (modelId: string) =>
      runs.filter((r) => r.modelId === modelId && r.task === referenceTask && r.maxBatch === fitBatch && r.gpu === fp8.gpu);
    const fp8Runs = chatRuns(fp8.modelId);
    const shared = chatRuns(bf16.modelId)
      .flatMap((b) => fp8Runs.filter((f) => f.gpus === b.gpus).map((f) => ({ gpus: b.gpus, ratio: f.jPerToken / b.jPerToken })))
      .sort((a, b) => a.gpus - b.gpus)[0];
    fp8Pairs.push({
      model: bf16.modelId,
      gpu: fp8.gpu,
      byRule: fp8.jPerToken / bf16.jPerToken,
      ruleGpus: `${fp8.gpus} vs ${bf16.gpus}`,
      sameCount: shared,
    });
  }
  const b200Pairs = measurements
    .filter((r) => r.gpu === 'B200')
    .flatMap((b200) => {
      const h100 = measurements.find((r) => r.modelId === b200.modelId && r.gpu === 'H100');
      return h100 ? [{ model: b200.modelId, ratio: b200.jPerToken / h100.jPerToken }] : [];
    });

  return {
    coefficients,
    runsInFile: runs.length,
    all: runs.filter(isPredictable).map(residual),
    measurements: measurements.map(residual),
    bestMoeGamma,
    fp8Pairs,
    b200Pairs,
  };
}

const x = (ratio: number) => `×${ratio.toFixed(2)}`;
const sortRuns = (a: Residual, b: Residual) =>
  families.indexOf(a.family) - families.indexOf(b.family) ||
  a.run.modelId.localeCompare(b.run.modelId) ||
  a.run.task.localeCompare(b.run.task) ||
  a.run.gpus - b.run.gpus;

function summaryRows(residuals: Residual[]): string[] {
  return families.flatMap((family) => {
    const ratios = residuals.filter((r) => r.family === family).map((r) => r.ratio);
    if (ratios.length === 0) return [];
    const s = summarise(ratios);
    return [`| ${family} | ${s.n} | ${x(s.geometricMean)} | ${x(s.min)} – ${x(s.max)} |`];
  });
}

/** The per-family summary the script prints. */
export function summaryText(validation: Validation): string {
  const lines = ["family   n  geo-mean  range   (measured / predicted, the rule's measurements)"];
  for (const family of families) {
    const ratios = validation.measurements.filter((r) => r.family === family).map((r) => r.ratio);
    if (ratios.length === 0) continue;
    const s = summarise(ratios);
    lines.push(`${family.padEnd(8)} ${String(s.n).padStart(2)}  ${x(s.geometricMean).padEnd(8)}  ${x(s.min)}–${x(s.max)}`);
  }
  lines.push(
    `MoE exponent that centres the H100 MoE runs: ${validation.bestMoeGamma.toFixed(2)} (calculator: ${validation.coefficients.moeGamma})`,
  );
  return lines.join('\n');
}

export function validationMarkdown(validation: Validation): string {
  const { coefficients: c } = validation;
  const table = (residuals: Residual[]) => [
    '| family | model | task | GPU | precision | measured J/token | predicted | measured / predicted |',
    '|---|---|---|---|---|--:|--:|--:|',
    ...[...residuals]
      .sort(sortRuns)
      .map(
        ({ run, family, predicted, ratio }) =>
          `| ${family} | ${run.modelId} | ${run.task} | ${run.gpus}× ${run.gpu} | ${run.precision} | ${run.jPerToken.toFixed(3)} | ${predicted.toFixed(3)} | ${x(ratio)} |`,
      ),
  ];
  const summaryHeader = ['| family | runs | geometric mean | range |', '|---|--:|--:|--:|'];
  const excluded = validation.runsInFile - validation.all.length;
  return [
    '# Calculator validation against ML.ENERGY v3',
    '',
    '<!-- Generated by `npm run validate-calculator` (scripts/calculator-validation.ts); do not edit by hand.',
    "     test/unit/calculator-validation.test.ts fails when this file differs from the script's output. -->",
    '',
    `Calculator (data/calculator.yaml): GPU J per output token = ${c.a} · P_eff^${c.b}, P_eff = P_active^${(1 - c.moeGamma).toFixed(2)} · P_total^${c.moeGamma} for`,
    `mixture-of-experts, × ${c.fp8Factor} for FP8; fitted on H100, BF16, max batch ${fitBatch}, chat (\`${referenceTask}\`). Measured: ML.ENERGY`,
    `v3 GPU energy per output token (\`${runsFile}\`, Apache-2.0). Residual = measured / predicted (×1.00 = exact;`,
    'above 1 = the calculator is low). Families: **dense** (BF16, H100), **MoE** (BF16, H100), **hybrid** (Mamba-Transformer,',
    'BF16, H100; sized like dense), **FP8** (H100), **B200** (any architecture or precision, predicted with the H100 fit:',
    'the calculator has no hardware factor).',
    '',
    `Predictable runs: ${validation.all.length} of ${validation.runsInFile}, every run at the fit's batch cap (${fitBatch}) in BF16 or FP8; the other ${excluded}`,
    'are other batch caps (the band covers batch, not the point estimate) or MXFP4 (gpt-oss, no precision factor).',
    '',
    '## Which run is "the" measurement',
    '',
    `For each model and GPU type: the chat task (\`${referenceTask}\`), max batch ${fitBatch}, the checkpoint's own precision, on the`,
    'fewest GPUs that ran it: the smallest deployment that holds the weights, which a cost-minded provider runs, and the',
    'reason FP8 checkpoints exist. A tier-A `measured` value in `data/models.yaml` is the H100 run this rule picks',
    '(checked by the test).',
    '',
    "## Summary: the rule's measurements",
    '',
    ...summaryHeader,
    ...summaryRows(validation.measurements),
    '',
    `MoE exponent that centres the H100 MoE runs (least squares in log space): **${validation.bestMoeGamma.toFixed(2)}** (calculator: ${c.moeGamma}).`,
    '',
    '## Summary: every predictable run (all tasks, all GPU counts)',
    '',
    ...summaryHeader,
    ...summaryRows(validation.all),
    '',
    '## FP8 / BF16 of the same model',
    '',
    '| model | GPU | by the rule (GPUs FP8 vs BF16) | same GPU count |',
    '|---|---|--:|--:|',
    ...validation.fp8Pairs.map(
      (p) =>
        `| ${p.model} | ${p.gpu} | ${x(p.byRule)} (${p.ruleGpus}) | ${p.sameCount ? `${x(p.sameCount.ratio)} (${p.sameCount.gpus} GPUs)` : '–'} |`,
    ),
    '',
    `Calculator FP8 factor: ${c.fp8Factor}.`,
    '',
    '## B200 / H100 of the same checkpoint (both by the rule)',
    '',
    '| model | B200 / H100 |',
    '|---|--:|',
    ...validation.b200Pairs.map((p) => `| ${p.model} | ${x(p.ratio)} |`),
    '',
    "## The rule's measurements",
    '',
    ...table(validation.measurements),
    '',
    '## Every predictable run',
    '',
    ...table(validation.all),
    '',
  ].join('\n');
}
