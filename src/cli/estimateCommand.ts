// `gridlens estimate <model> --region <provider:region>`: one figure with every input and its source.
import type { DatasetIndex } from '../core/data/dataset';
import { estimateFor } from '../core/api/queries';
import { formatGrams, gridWhen } from '../core/carbon/format';
import { basisSentence } from '../core/carbon/units';
import { BASIS_USAGE, basisOf, basisOption, format, jsonText, parse, UsageError, type Io } from './args';
import { answerWith, liveOption } from './live';

export const estimateUsage = `gridlens estimate <model> --region <provider:region> ${BASIS_USAGE} [--live] [--format table|json]`;

export async function runEstimate(index: DatasetIndex, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { region: { type: 'string' }, format: { type: 'string' }, ...basisOption, ...liveOption });
  if (values.help) return (io.stdout(`${estimateUsage}\n`), 0);
  if (positionals.length !== 1 || !values.region) throw new UsageError(`usage: ${estimateUsage}`);
  const output = format(values.format, ['table', 'json']);
  const basis = basisOf(values);
  const query = { model: positionals[0], region: values.region, basis };
  const result = await answerWith(values.live, (options) => estimateFor(index, query, options));
  if (output === 'json') return (io.stdout(jsonText(result)), 0);
  const { model, region, carbon, inputs, unit } = result;
  const e = inputs.energy;
  const grid = inputs.gridIntensity;
  const lines = [
    `${model.name} in ${region.provider} ${region.code} (${region.name})${region.servesModel ? '' : ' — note: this region does not serve the model in the bundled data'}`,
    `  ≈ ${formatGrams(carbon.central)} ${unit} (band ${formatGrams(carbon.low)}–${formatGrams(carbon.high)})`,
    `    ${basisSentence(basis, grid.method)}`,
    '',
    `  GPU energy    ${e.gpuJPerToken.toPrecision(3)} J per ${unit.replace('gCO2e per million ', '').replace('tokens', 'token')} (${e.basis === 'measured' ? 'measured' : `fitted at ${e.effectiveParamsB.central.toPrecision(3)} B effective parameters`}) — ${e.source.id}`,
    `  Server share  × ${e.kSys} (host CPU, memory, network, idle reserve)`,
    `  PUE           × ${inputs.pue.value} (${region.provider}, ${inputs.pue.year ?? ''}) — ${inputs.pue.source.id}`,
    `  Energy        ${formatGrams(e.kWhPerMTokAtFacility.central * 1000)} Wh${unit.replace('gCO2e', '')}`,
    `  Grid          ${grid.gPerKWh} gCO2e/kWh (${grid.zone}, ${gridWhen(grid)}, life-cycle, location-based) — ${grid.source.id}`,
    `  Usage         ${formatGrams(carbon.usage?.central ?? NaN)} ${unit.replace('gCO2e', 'g')} (band ${formatGrams(carbon.usage?.low ?? NaN)}–${formatGrams(carbon.usage?.high ?? NaN)})`,
    `  Embodied      ${formatGrams(carbon.embodied?.central ?? NaN)} ${unit.replace('gCO2e', 'g')} (hardware, the same in every region)`,
    `  Total         ${formatGrams(carbon.total?.central ?? NaN)} ${unit.replace('gCO2e', 'g')}${basis === 'usage' ? ' (not the headline: --usage-only)' : ''}`,
  ];
  if (grid.fallback) lines.push(`  Live grid data unavailable (${grid.fallback}): the yearly average stands in.`);
  const reported = inputs.providerReportedGrid;
  if (reported) lines.push(`  Provider-reported grid: ${reported.gPerKWh} gCO2e/kWh (${reported.year}) — ${reported.source.id}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
