// The carbon calculator of DESIGN.md: energy per output token from model size (or a measurement), times the
// provider's PUE, times the region's grid intensity (usage), plus the hardware's embodied emissions, with an
// uncertainty band. The headline is usage + embodied (the GSF SCI's E·I + M per token) unless usage only is asked for.
import { regionKey, type DatasetIndex } from '../data/dataset';
import type { CalculatorCoefficients, Model, ProviderId, Region } from '../data/schema';
import { carbonUnit, kindOf, noTokenBasisReason, type CarbonBasis } from './units';
import { LIVE_GRID_SOURCE, type LiveGrid } from './liveGrid';

export { CARBON_UNIT, carbonUnit, EMBEDDING_CARBON_UNIT, MULTIMODAL_CARBON_UNIT, NO_TOKEN_FIGURE, type CarbonBasis } from './units';

/** The model is known, but it is a media model (image, video, audio) with no token basis to compute with. */
export class NoTokenFigureError extends Error {
  constructor(readonly model: Model) {
    const kind = kindOf(model);
    super(
      `${model.name} (${model.id}) is ${kind === 'image' ? 'an' : 'a'} ${kind} model: no per-token figure (${noTokenBasisReason(kind)}).`,
    );
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

export const CARBON_BASES: readonly CarbonBasis[] = ['total', 'usage'];
export const DEFAULT_CARBON_BASIS: CarbonBasis = 'total';

export interface CalculationOptions {
  /** Grid year; defaults to the dataset's default year. */
  year?: number;
  /** Input tokens per output token, counted at the input-token weight (0 = output only). */
  inputTokensPerOutputToken?: number;
  /** What the headline figure (`carbon`) counts; total by default. */
  basis?: CarbonBasis;
  /** Latest live readings per zone (opt-in); a zone without one keeps its yearly figure, flagged with the reason. */
  live?: LiveGrid;
}

export interface GridIntensity {
  gPerKWh: number;
  /** The data year; for a live reading, the year of its datetime. */
  year: number;
  zone: string;
  /** The yearly dataset's source id, or LIVE_GRID_SOURCE for a live reading. */
  source: string;
  /** A live reading: the hour it is for (ISO 8601, UTC). */
  datetime?: string;
  /** A live reading that Electricity Maps estimated rather than measured. */
  estimated?: boolean;
  /** Live data was asked for but this is the yearly figure: why. */
  fallback?: string;
  /** The other zone recorded where the utility serving the site is ambiguous (data/SOURCES.md, zone rule 3). */
  alternative?: { zone: string; gPerKWh: number };
}

export interface RegionEstimate {
  region: Region;
  grid: GridIntensity;
  pue: number;
  /** kWh per million output tokens at the facility (after PUE). */
  energyKWhPerMTok: Band;
  /** What `carbon` counts. */
  basis: CarbonBasis;
  /** The headline figure on the chosen basis (`total` or `usage`), gCO2e per million output tokens. */
  carbon: Band;
  /** Usage emissions (energy × PUE × grid), gCO2e per million output tokens. */
  usage: Band;
  /** Embodied hardware emissions, gCO2e per million output tokens; not region-dependent. */
  embodied: Band;
  /** usage + embodied. Both follow the same energy (GPU time), so the band edges add. */
  total: Band;
  /**
   * The headline figure with the energy held at its central value and only what differs between places varied:
   * the grid (the recorded alternative zone, if any) and the site PUE. For the same model in two places the energy
   * band is shared and cancels; this is the uncertainty left (see distinguishable).
   */
  placeBand: Band;
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

/**
 * The grid intensity of a region for a year, or undefined when the zone has no value that year. With live readings,
 * the zone's latest reading instead; the yearly figure with the reason when the zone has none.
 */
export function gridIntensity(
  index: DatasetIndex,
  region: Region,
  year = index.data.grid.defaultYear,
  live?: LiveGrid,
): GridIntensity | undefined {
  const zone = index.data.grid.zones[region.gridZone];
  const value = zone?.intensity[String(year)];
  if (value === undefined) return undefined;
  const yearly: GridIntensity = { gPerKWh: value, year, zone: region.gridZone, source: index.data.grid.source };
  const alternative = alternativeZone(index, region, year, live);
  if (alternative?.yearly) yearly.alternative = alternative.yearly;
  if (!live) return yearly;
  const latest = live.reading(region.gridZone) ?? { ok: false, reason: 'no live reading for this zone' };
  if (!latest.ok) return { ...yearly, fallback: latest.reason };
  const { gPerKWh, datetime, estimated } = latest.reading;
  const reading: GridIntensity = {
    gPerKWh,
    year: new Date(datetime).getUTCFullYear(),
    zone: region.gridZone,
    source: LIVE_GRID_SOURCE,
    datetime,
    estimated,
  };
  // A live central value is compared with the other zone at the same hour when it has a reading too.
  const liveAlternative = alternative?.live ?? alternative?.yearly;
  if (liveAlternative) reading.alternative = liveAlternative;
  return reading;
}

type Alternative = NonNullable<GridIntensity['alternative']>;

/** The contested site's other zone: its yearly figure, and its live reading when there is one. */
function alternativeZone(
  index: DatasetIndex,
  region: Region,
  year: number,
  live: LiveGrid | undefined,
): { yearly?: Alternative; live?: Alternative } | undefined {
  const zone = region.altGridZone;
  if (zone === undefined) return undefined;
  const yearlyValue = index.data.grid.zones[zone]?.intensity[String(year)];
  const latest = live?.reading(zone);
  return {
    yearly: yearlyValue === undefined ? undefined : { zone, gPerKWh: yearlyValue },
    live: latest?.ok ? { zone, gPerKWh: latest.reading.gPerKWh } : undefined,
  };
}

export function providerPue(index: DatasetIndex, provider: ProviderId): number {
  const found = index.providers.get(provider);
  if (!found) throw new Error(`No PUE for provider '${provider}'`);
  return found.pue.value;
}

/** The provider's PUE at its individual sites: the published lowest and highest, or the fleet value when none are. */
function sitePue(index: DatasetIndex, provider: ProviderId): { low: number; high: number } {
  const found = index.providers.get(provider);
  const fleet = providerPue(index, provider);
  return found?.pueSites ? { low: found.pueSites.low, high: found.pueSites.high } : { low: fleet, high: fleet };
}

const scale = (band: Band, factor: number): Band => ({ central: band.central * factor, low: band.low * factor, high: band.high * factor });
const add = (a: Band, b: Band): Band => ({ central: a.central + b.central, low: a.low + b.low, high: a.high + b.high });

/** gCO2e per million output tokens for a model in one region, with its inputs. */
export function estimateInRegion(index: DatasetIndex, model: Model, region: Region, options: CalculationOptions = {}): RegionEstimate {
  const coefficients = index.data.calculator;
  const energy = estimateEnergy(model, coefficients);
  const grid = gridIntensity(index, region, options.year, options.live);
  if (!grid) throw new Error(`No ${options.year ?? index.data.grid.defaultYear} grid intensity for ${region.provider}:${region.code}`);
  const pue = providerPue(index, region.provider);
  // Embedding figures are already per input token.
  const inputShare = kindOf(model) === 'embedding' ? 1 : 1 + (options.inputTokensPerOutputToken ?? 0) * coefficients.inputTokenWeight;
  const energyKWhPerMTok = scale(energy.itKWhPerMTok, pue * inputShare);
  // The central value uses the chosen zone; where the zone is contested, the band reaches the alternative's intensity.
  const grids = grid.alternative ? [grid.gPerKWh, grid.alternative.gPerKWh] : [grid.gPerKWh];
  const usage: Band = {
    central: energyKWhPerMTok.central * grid.gPerKWh,
    low: energyKWhPerMTok.low * Math.min(...grids),
    high: energyKWhPerMTok.high * Math.max(...grids),
  };
  // Embodied emissions follow GPU time, which the GPU's energy stands for (before k_sys, PUE and grid).
  const embodied = scale(energy.itKWhPerMTok, (inputShare * coefficients.embodiedGPerMTokPerJ * 3.6) / coefficients.kSys);
  const total = add(usage, embodied);
  const basis = options.basis ?? DEFAULT_CARBON_BASIS;
  const embodiedShown = basis === 'total' ? embodied.central : 0;
  const sites = sitePue(index, region.provider);
  const atPlace = (gPerKWh: number, sitePueValue: number) =>
    energy.itKWhPerMTok.central * inputShare * sitePueValue * gPerKWh + embodiedShown;
  const placeBand = {
    central: (basis === 'total' ? total : usage).central,
    low: atPlace(Math.min(...grids), sites.low),
    high: atPlace(Math.max(...grids), sites.high),
  };
  return { region, grid, pue, energyKWhPerMTok, basis, carbon: basis === 'total' ? total : usage, usage, embodied, total, placeBand };
}

export function estimateByCode(
  index: DatasetIndex,
  model: Model,
  provider: ProviderId,
  code: string,
  options?: CalculationOptions,
): RegionEstimate {
  const region = index.regions.get(regionKey(provider, code));
  if (!region) throw new Error(`Unknown region ${provider}:${code}`);
  return estimateInRegion(index, model, region, options);
}

/** Two bands are apart unless they overlap by more than half of the narrower one (equal figures never are). */
function bandsApart(a: Band, b: Band): boolean {
  if (a.central === b.central) return false;
  const overlap = Math.min(a.high, b.high) - Math.max(a.low, b.low);
  if (overlap <= 0) return true;
  const narrower = Math.min(a.high - a.low, b.high - b.low);
  return narrower > 0 && overlap / narrower <= 0.5;
}

/**
 * Whether two estimates can be told apart. Rankings still use the central values; this tells the user when the
 * order is within the uncertainty. For the same model the energy band is shared by both places and cancels, so
 * only what differs between them counts (grid zone choice, site PUE: placeBand); different models compare their
 * whole bands.
 */
export function distinguishable(a: RegionEstimate, b: RegionEstimate, sameModel: boolean): boolean {
  return sameModel ? bandsApart(a.placeBand, b.placeBand) : bandsApart(a.carbon, b.carbon);
}
