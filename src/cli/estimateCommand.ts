// `gridlens estimate <model> --region <provider:region>`: one figure with every input and its source.
import type { DatasetIndex } from '../core/data/dataset';
import { resolveModel } from '../core/data/resolve';
import { carbonUnit, estimateEnergy, estimateInRegion } from '../core/carbon/calculator';
import { formatGrams } from '../core/carbon/format';
import { UnknownModelError } from '../core/carbon/recommend';
import { format, parse, region, suggestModels, UsageError, type Io } from './args';

export const estimateUsage = 'gridlens estimate <model> --region <provider:region> [--format table|json]';

export function runEstimate(index: DatasetIndex, argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, { region: { type: 'string' }, format: { type: 'string' } });
  if (values.help) return io.stdout(`${estimateUsage}\n`), 0;
  if (positionals.length !== 1 || !values.region) throw new UsageError(`usage: ${estimateUsage}`);
  const output = format(values.format, ['table', 'json']);
  const match = resolveModel(index, positionals[0]);
  if (!match) throw new UnknownModelError(positionals[0], suggestModels(index)(positionals[0]));
  const { model } = match;
  const where = region(index, values.region);
  const estimate = estimateInRegion(index, model, where, { includeEmbodied: true });
  // estimateInRegion throws NoTokenFigureError for a model without one, so both are defined here.
  const unit = carbonUnit(model) as string;
  const params = model.params as NonNullable<typeof model.params>;
  const energy = estimateEnergy(model, index.data.calculator);
  const offered = (index.offeringsByModel.get(model.id) ?? []).some((o) => o.provider === where.provider && o.placement === 'regional' && o.regions.includes(where.code));
  const source = (id: string) => {
    const s = index.sources.get(id);
    return s ? { id, title: s.title, url: s.url, licence: s.licence, dataYear: s.dataYear } : { id };
  };
  const provider = index.providers.get(where.provider);
  const result = {
    model: { id: model.id, name: model.name, matchedAlias: match.matchedAlias, matchedBy: match.matchedBy, tier: model.tier, architecture: model.architecture, params, kind: model.kind ?? 'generation' },
    region: { provider: where.provider, code: where.code, name: where.name, jurisdiction: where.jurisdiction, servesModel: offered },
    unit,
    carbon: estimate.carbon,
    embodied: estimate.embodied,
    inputs: {
      energy: {
        basis: energy.basis,
        gpuJPerToken: energy.gpuJPerToken,
        effectiveParamsB: energy.effectiveParams,
        precisionFactor: energy.precisionFactor,
        kSys: index.data.calculator.kSys,
        kWhPerMTokAtFacility: estimate.energyKWhPerMTok,
        source: source(model.measured?.source ?? index.data.calculator.source),
        paramsSource: source(params.source),
      },
      pue: { value: estimate.pue, year: provider?.pue.year, source: source(provider?.pue.source ?? '') },
      gridIntensity: { gPerKWh: estimate.grid.gPerKWh, year: estimate.grid.year, zone: estimate.grid.zone, source: source(estimate.grid.source) },
      ...(where.providerReported ? { providerReportedGrid: { gPerKWh: where.providerReported.value, year: where.providerReported.year, source: source(where.providerReported.source) } } : {}),
    },
  };
  if (output === 'json') return io.stdout(`${JSON.stringify(result, null, 2)}\n`), 0;
  const e = result.inputs.energy;
  const lines = [
    `${model.name} in ${where.provider} ${where.code} (${where.name})${offered ? '' : ' — note: this region does not serve the model in the bundled data'}`,
    `  ≈ ${formatGrams(estimate.carbon.central)} ${unit} (band ${formatGrams(estimate.carbon.low)}–${formatGrams(estimate.carbon.high)}), plus ≈ ${formatGrams(estimate.embodied ?? 0)} g embodied`,
    '',
    `  GPU energy    ${e.gpuJPerToken.toPrecision(3)} J per ${unit.replace('gCO2e per million ', '').replace(/s$/, '')} (${e.basis === 'measured' ? 'measured' : `fitted at ${e.effectiveParamsB.central.toPrecision(3)} B effective parameters`}) — ${e.source.id}`,
    `  Server share  × ${e.kSys} (host CPU, memory, network, idle reserve)`,
    `  PUE           × ${estimate.pue} (${where.provider}, ${result.inputs.pue.year ?? ''}) — ${result.inputs.pue.source.id}`,
    `  Energy        ${formatGrams(estimate.energyKWhPerMTok.central * 1000)} Wh${unit.replace('gCO2e', '')}`,
    `  Grid          ${estimate.grid.gPerKWh} gCO2e/kWh (${estimate.grid.zone}, ${estimate.grid.year}) — ${estimate.grid.source}`,
  ];
  if (where.providerReported) lines.push(`  Provider-reported grid: ${where.providerReported.value} gCO2e/kWh (${where.providerReported.year}) — ${where.providerReported.source}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
