// The carbon calculator of DESIGN.md: energy per output token from model size (or a measurement), times the
// provider's PUE, times the region's grid intensity, with an uncertainty band.
import { regionKey, type DatasetIndex } from '../data/dataset';
import type { CalculatorCoefficients, Model, ProviderId, Region } from '../data/schema';
import { carbonUnit, kindOf } from './units';

export { CARBON_UNIT, carbonUnit, EMBEDDING_CARBON_UNIT, NO_TOKEN_FIGURE } from './units';

/** The model is known, but its kind (image, video, audio) has no per-token figure to compute with. */
export class NoTokenFigureError extends Error {
  constructor(readonly model: Model) {
    const kind = kindOf(model);
    super(`${model.name} (${model.id}) is ${kind === 'image' ? 'an' : 'a'} ${kind} model: no per-token figure (no licensed source gives its energy per ${kind === 'image' ? 'image' : 'second'}).`);
    this.name = 'NoTokenFigureError';
  }
}

function paramsOf(model: Model): NonNullable<Model['params']> {
  if (model.params === undefined || carbonUnit(model) === undefined) throw new NoTokenFigureError(model);
  return model.params;
}

export interface Band {
  central: number;
  low: number;
  high: number;
}

export interface EnergyEstimate {
  /** GPU joules per output token at the central size (measured for tier A). */
  gpuJPerToken: number;
  /** Facility kWh per million output tokens, before PUE: GPU × k_sys. */
  itKWhPerMTok: Band;
  /** Where the GPU figure came from. */
  basis: 'measured' | 'fitted';
  /** Effective size used by the fit, billions (central, low end, high end of the size prior). */
  effectiveParams: Band;
  precisionFactor: number;
}

export interface CalculationOptions {
  /** Grid year; defaults to the dataset's default year. */
  year?: number;
  /** Input tokens per output token, counted at the input-token weight (0 = output only). */
  inputTokensPerOutputToken?: number;
  includeEmbodied?: boolean;
}

export interface GridIntensity {
  gPerKWh: number;
  year: number;
  zone: string;
  source: string;
  /** The other zone recorded where the utility serving the site is ambiguous (data/SOURCES.md, zone rule 3). */
  alternative?: { zone: string; gPerKWh: number };
}

export interface RegionEstimate {
  region: Region;
  grid: GridIntensity;
  pue: number;
  /** kWh per million output tokens at the facility (after PUE). */
  energyKWhPerMTok: Band;
  /** Usage emissions, gCO2e per million output tokens. */
  carbon: Band;
  /** Embodied hardware emissions, gCO2e per million output tokens; not region-dependent. */
  embodied?: number;
}

/** Effective parameter count (billions) the energy fit uses: MoE models count between active and total. */
export function effectiveParams(model: Model, at: 'min' | 'max', gamma: number): number {
  const params = paramsOf(model);
  const total = params.total[at];
  if (model.architecture === 'dense') return total;
  const active = params.active[at];
  return active ** (1 - gamma) * total ** gamma;
}

const geometricMean = (a: number, b: number) => Math.sqrt(a * b);

/**
 * Energy per token for a model, independent of where it runs: per output token for generation models; per input
 * token for embedding models (prefill only: the input-token weight times an output token of the same size).
 */
export function estimateEnergy(model: Model, coefficients: CalculatorCoefficients): EnergyEstimate {
  const { a, b, kSys, moeGamma, fp8Factor, bandLow, bandHigh } = coefficients;
  const tokenFactor = kindOf(model) === 'embedding' ? coefficients.inputTokenWeight : 1;
  const low = effectiveParams(model, 'min', moeGamma);
  const high = effectiveParams(model, 'max', moeGamma);
  const central = geometricMean(low, high);
  const precisionFactor = model.precision === 'fp8' ? fp8Factor : 1;
  const fit = (p: number) => a * p ** b * precisionFactor * tokenFactor;
  // A measurement of the exact model replaces the fit; it already reflects the precision it was measured at.
  const gpuCentral = model.measured ? model.measured.jPerToken : fit(central);
  const gpuLow = model.measured ? gpuCentral : fit(low);
  const gpuHigh = model.measured ? gpuCentral : fit(high);
  const toKWhPerMTok = (joules: number) => (joules * kSys) / 3.6;
  return {
    gpuJPerToken: gpuCentral,
    itKWhPerMTok: { central: toKWhPerMTok(gpuCentral), low: toKWhPerMTok(gpuLow) * bandLow, high: toKWhPerMTok(gpuHigh) * bandHigh },
    basis: model.measured ? 'measured' : 'fitted',
    effectiveParams: { central, low, high },
    precisionFactor,
  };
}

/** The grid intensity of a region for a year, or undefined when the zone has no value that year. */
export function gridIntensity(index: DatasetIndex, region: Region, year = index.data.grid.defaultYear): GridIntensity | undefined {
  const zone = index.data.grid.zones[region.gridZone];
  const value = zone?.intensity[String(year)];
  if (value === undefined) return undefined;
  const grid: GridIntensity = { gPerKWh: value, year, zone: region.gridZone, source: index.data.grid.source };
  const altValue = region.altGridZone === undefined ? undefined : index.data.grid.zones[region.altGridZone]?.intensity[String(year)];
  if (region.altGridZone !== undefined && altValue !== undefined) grid.alternative = { zone: region.altGridZone, gPerKWh: altValue };
  return grid;
}

export function providerPue(index: DatasetIndex, provider: ProviderId): number {
  const found = index.providers.get(provider);
  if (!found) throw new Error(`No PUE for provider '${provider}'`);
  return found.pue.value;
}

/** gCO2e per million output tokens for a model in one region, with its inputs. */
export function estimateInRegion(index: DatasetIndex, model: Model, region: Region, options: CalculationOptions = {}): RegionEstimate {
  const coefficients = index.data.calculator;
  const energy = estimateEnergy(model, coefficients);
  const grid = gridIntensity(index, region, options.year);
  if (!grid) throw new Error(`No ${options.year ?? index.data.grid.defaultYear} grid intensity for ${region.provider}:${region.code}`);
  const pue = providerPue(index, region.provider);
  // Embedding figures are already per input token.
  const inputShare = kindOf(model) === 'embedding' ? 1 : 1 + (options.inputTokensPerOutputToken ?? 0) * coefficients.inputTokenWeight;
  const scale = (band: Band, factor: number): Band => ({ central: band.central * factor, low: band.low * factor, high: band.high * factor });
  const energyKWhPerMTok = scale(energy.itKWhPerMTok, pue * inputShare);
  // The central value uses the chosen zone; where the zone is contested, the band reaches the alternative's intensity.
  const other = grid.alternative?.gPerKWh ?? grid.gPerKWh;
  const carbon: Band = {
    central: energyKWhPerMTok.central * grid.gPerKWh,
    low: energyKWhPerMTok.low * Math.min(grid.gPerKWh, other),
    high: energyKWhPerMTok.high * Math.max(grid.gPerKWh, other),
  };
  const estimate: RegionEstimate = { region, grid, pue, energyKWhPerMTok, carbon };
  if (options.includeEmbodied) estimate.embodied = coefficients.embodiedGPerMTokPerJ * energy.gpuJPerToken;
  return estimate;
}

export function estimateByCode(index: DatasetIndex, model: Model, provider: ProviderId, code: string, options?: CalculationOptions): RegionEstimate {
  const region = index.regions.get(regionKey(provider, code));
  if (!region) throw new Error(`Unknown region ${provider}:${code}`);
  return estimateInRegion(index, model, region, options);
}

/**
 * Whether two estimates can be told apart: their bands overlap by more than half of the narrower band.
 * Rankings still use the central values; this tells the user when the order is within the uncertainty.
 */
export function distinguishable(a: Band, b: Band): boolean {
  const overlap = Math.min(a.high, b.high) - Math.max(a.low, b.low);
  if (overlap <= 0) return true;
  const narrower = Math.min(a.high - a.low, b.high - b.low);
  return narrower > 0 && overlap / narrower <= 0.5;
}
