// Every place a model can be called: one option per regional offering × region, and one per geo or global
// offering (whose carbon is a range over its destination regions, never a point value).
import { regionKey, type DatasetIndex } from '../data/dataset';
import type { Model, Offering, Placement, Price, Provenance, ProviderId, Region, Retirement, Service } from '../data/schema';
import { gridMethodOf, hasTokenFigure } from './units';
import {
  estimateInRegion,
  type Band,
  type CalculationOptions,
  type CarbonBasis,
  type GridIntensity,
  type RegionEstimate,
} from './calculator';

export interface RegionalOption {
  kind: 'regional';
  model: Model;
  offering: Offering;
  region: Region;
  estimate: RegionEstimate;
}

export interface SpreadOption {
  kind: 'spread';
  model: Model;
  offering: Offering;
  placement: Exclude<Placement, 'regional'>;
  /** Destination regions with their estimates, cleanest first. */
  destinations: RegionEstimate[];
  /** Lowest, highest and (unweighted) mean central value over the destinations. */
  centralRange: { min: number; max: number; mean: number };
  /** The band's outer edges over the destinations. */
  band: { low: number; high: number };
}

export type ModelOption = RegionalOption | SpreadOption;

/**
 * All options for one model, regional ones ascending by central carbon, spread ones after them. None for a model
 * without a per-token figure (image, video, audio).
 */
export function optionsForModel(index: DatasetIndex, model: Model, calc: CalculationOptions = {}): ModelOption[] {
  if (!hasTokenFigure(model)) return [];
  const regional: RegionalOption[] = [];
  const spread: SpreadOption[] = [];
  for (const offering of index.offeringsByModel.get(model.id) ?? []) {
    const regions = offering.regions
      .map((code) => index.regions.get(regionKey(offering.provider, code)))
      .filter((r): r is Region => r !== undefined);
    if (offering.placement === 'regional') {
      for (const region of regions)
        regional.push({ kind: 'regional', model, offering, region, estimate: estimateInRegion(index, model, region, calc) });
      continue;
    }
    const option = spreadOver(index, model, offering, offering.placement, regions, calc);
    if (option) spread.push(option);
  }
  regional.sort(byCarbon);
  return [...regional, ...spread];
}

/** The range of one model over a set of destination regions, cleanest first; none when no region has a figure. */
function spreadOver(
  index: DatasetIndex,
  model: Model,
  offering: Offering,
  placement: SpreadOption['placement'],
  regions: readonly Region[],
  calc: CalculationOptions,
): SpreadOption | undefined {
  const destinations = regions
    .map((region) => estimateInRegion(index, model, region, calc))
    .sort((a, b) => a.carbon.central - b.carbon.central);
  if (destinations.length === 0) return undefined;
  return {
    kind: 'spread',
    model,
    offering,
    placement,
    destinations,
    centralRange: {
      min: destinations[0].carbon.central,
      max: destinations[destinations.length - 1].carbon.central,
      mean: destinations.reduce((sum, d) => sum + d.carbon.central, 0) / destinations.length,
    },
    band: { low: Math.min(...destinations.map((d) => d.carbon.low)), high: Math.max(...destinations.map((d) => d.carbon.high)) },
  };
}

/**
 * Per provider: every region its global offerings may route to, the sources that document them, and one of those
 * offerings (the service that routes them, and as of when).
 */
interface GlobalRouting {
  regions: Region[];
  sources: string[];
  via: Offering;
}
const globalDestinationsCache = new WeakMap<DatasetIndex, Map<ProviderId, GlobalRouting>>();

function globalDestinations(index: DatasetIndex, provider: ProviderId): GlobalRouting | undefined {
  let byProvider = globalDestinationsCache.get(index);
  if (!byProvider) {
    const codes = new Map<ProviderId, { regions: Set<string>; sources: Set<string>; via: Offering }>();
    for (const offering of index.data.offerings) {
      if (offering.placement !== 'global' || offering.regions.length === 0) continue;
      const entry = codes.get(offering.provider) ?? { regions: new Set<string>(), sources: new Set<string>(), via: offering };
      for (const code of offering.regions) entry.regions.add(code);
      entry.sources.add(offering.source);
      codes.set(offering.provider, entry);
    }
    byProvider = new Map();
    for (const [id, entry] of codes) {
      const regions = [...entry.regions]
        .sort()
        .map((code) => index.regions.get(regionKey(id, code)))
        .filter((r): r is Region => r !== undefined);
      byProvider.set(id, { regions, sources: [...entry.sources].sort(), via: entry.via });
    }
    globalDestinationsCache.set(index, byProvider);
  }
  return byProvider.get(provider);
}

/**
 * A global endpoint of a model whose own global offering lists no regions (or that has none): the provider's
 * global routing is documented for its other models (Azure Global Standard, Bedrock `global.`, the Vertex global
 * endpoint), so the range is over every region those reach. Only for a provider known to offer the model, or one the
 * workspace itself calls the model through (`calledThere`: its own Global deployment or global endpoint, which the
 * provider would refuse for a model it does not serve); the answer names the sources, since the set is derived
 * rather than listed for this model.
 */
export function derivedGlobalOption(
  index: DatasetIndex,
  model: Model,
  provider: ProviderId,
  calc: CalculationOptions = {},
  calledThere = false,
): { option: SpreadOption; sources: string[] } | undefined {
  if (!hasTokenFigure(model)) return undefined;
  const offered = (index.offeringsByModel.get(model.id) ?? []).find((o) => o.provider === provider);
  const destinations = globalDestinations(index, provider);
  if (!destinations || (!offered && !calledThere)) return undefined;
  // The range is over a set no source lists for this model: derived, whatever the offering's own regions are.
  const reach = `every region its global offerings reach (${destinations.sources.join(', ')})`;
  const rule = offered
    ? `the provider's documented global routing: ${reach}`
    : `the workspace calls the model through the provider's global routing, which no source lists it on: ${reach}`;
  // Without an offering of its own, the model borrows only the service and date of the routing, never a price.
  const { price: _price, throughput: _throughput, ...routing } = destinations.via;
  const offering: Offering = {
    ...(offered ?? { ...routing, model: model.id }),
    placement: 'global',
    regions: destinations.regions.map((r) => r.code),
    provenance: { status: 'derived', rule },
  };
  const option = spreadOver(index, model, offering, 'global', destinations.regions, calc);
  return option && { option, sources: destinations.sources };
}

/**
 * Why an option is shown but never recommended, ranked as the best or offered as a fix: its model is retired, or no
 * source confirms that the service runs it there. Undefined for an option that may be recommended.
 */
export function notRecommended({ model, offering }: Pick<ModelOption, 'model' | 'offering'>): string | undefined {
  if (model.retired) return `retired on ${model.retired.on} (${model.retired.source})`;
  if (offering.provenance.status === 'unverified') return `unverified: ${offering.provenance.reason ?? 'no source confirms these regions'}`;
  return undefined;
}

export const recommendable = (option: Pick<ModelOption, 'model' | 'offering'>): boolean => notRecommended(option) === undefined;

export const byCarbon = (a: RegionalOption, b: RegionalOption): number =>
  a.estimate.carbon.central - b.estimate.carbon.central ||
  a.region.code.localeCompare(b.region.code) ||
  a.offering.service.localeCompare(b.offering.service);

/**
 * A headline figure as JSON: central/low/high count what `basis` says (usage + embodied by default, or usage only),
 * with both parts and their total, each with its band.
 */
export interface CarbonFigure extends Band {
  basis: CarbonBasis;
  usage: Band;
  embodied: Band;
  total: Band;
}

/** The stable JSON shape of one option, shared by recommend, leaderboard and the editor. */
export interface OptionSummary {
  provider: ProviderId;
  service: Service;
  placement: Placement;
  geo?: string;
  /** Region code; for geo/global options the geography (`eu`, `global`). */
  region: string;
  regionName: string;
  jurisdiction: string;
  /**
   * `method`: how the figure is counted (life-cycle, location-based, yearly average or latest hourly reading).
   * datetime and estimated: a live reading (source electricity-maps-latest); fallback: live data was asked for, the yearly figure stands in.
   */
  gridIntensity: {
    gPerKWh: number;
    year: number;
    source: string;
    zone: string;
    method: string;
    datetime?: string;
    estimated?: boolean;
    fallback?: string;
  } | null;
  carbon: CarbonFigure | null;
  /**
   * For geo/global options: the spread of central values (on `basis`) over the destination regions. liveGrid, with
   * live data asked for: how many destinations had a live reading, how many kept the yearly figure and the first reason why.
   */
  carbonRange?: {
    min: number;
    max: number;
    low: number;
    high: number;
    destinations: string[];
    basis: CarbonBasis;
    liveGrid?: { live: number; yearly: number; fallback?: string };
  };
  /**
   * `basis`: what the figure is ("us-east-1 list price"); `provenance`: `derived` when the price is for another
   * region than this option's (no licensed per-region price), else `sourced`.
   */
  price: (Omit<Price, 'source' | 'byRegion'> & { source: string; unit: 'USD per million tokens'; provenance: Provenance }) | null;
  /** Of the region (for geo/global options: the destination set), with the offering's source. */
  provenance: Provenance & { source: string };
  /** The model's retirement, when the provider has shut it down. */
  retired?: Retirement;
  /** Why this option is shown but never recommended (a retired model, unverified regions). */
  notRecommended?: string;
  /** Output tokens per second: the offering's own figure, else the model's (see throughputNote). */
  throughput: number | null;
  /** What the throughput figure is and where it comes from; absent when there is none. */
  throughputNote?: string;
}

/** The region(s) an option runs in, by code. */
const placesOf = (option: ModelOption): string[] =>
  option.kind === 'regional' ? [option.region.code] : option.destinations.map((d) => d.region.code);

/** The option's price in its own region where a source gives one, else the offering's list price, with its provenance. */
export function priceOf(option: ModelOption): OptionSummary['price'] {
  if (!option.offering.price) return null;
  const { byRegion, ...price } = option.offering.price;
  const unit = 'USD per million tokens' as const;
  const code = option.kind === 'regional' ? option.region.code : undefined;
  const own = code === undefined ? undefined : byRegion?.[code];
  if (code !== undefined && own) return { ...own, basis: `${code} list price`, region: code, unit, provenance: { status: 'sourced' } };
  const places = placesOf(option);
  const elsewhere = price.region !== undefined && !places.includes(price.region);
  const provenance: Provenance = elsewhere
    ? {
        status: 'derived',
        rule: `the ${price.basis} shown for ${places.length === 1 ? places[0] : 'these regions'}: no licensed source we have gives its own price`,
      }
    : { status: 'sourced' };
  return { ...price, unit, provenance };
}

const round = (value: number, digits = 3) => Number(value.toPrecision(digits));
const roundBand = (band: Band): Band => ({ central: round(band.central), low: round(band.low), high: round(band.high) });

export function carbonFigure(estimate: RegionEstimate): CarbonFigure {
  return {
    ...roundBand(estimate.carbon),
    basis: estimate.basis,
    usage: roundBand(estimate.usage),
    embodied: roundBand(estimate.embodied),
    total: roundBand(estimate.total),
  };
}

/** The offering's own measured speed wins; otherwise the model's speed from its source, labelled with what it is. */
function throughputOf({ offering, model }: ModelOption): Pick<OptionSummary, 'throughput' | 'throughputNote'> {
  if (offering.throughput)
    return { throughput: offering.throughput.value, throughputNote: `this offering (${offering.throughput.source})` };
  if (model.speed)
    return { throughput: model.speed.outputTokensPerSecond, throughputNote: `${model.speed.measured} (${model.speed.source})` };
  return { throughput: null };
}

/** A grid figure as answers show it: the live fields only when live data was asked for. */
export function gridSummary(grid: GridIntensity): NonNullable<OptionSummary['gridIntensity']> {
  return {
    gPerKWh: grid.gPerKWh,
    year: grid.year,
    source: grid.source,
    zone: grid.zone,
    method: gridMethodOf(grid),
    ...(grid.datetime !== undefined ? { datetime: grid.datetime, estimated: grid.estimated ?? false } : {}),
    ...(grid.fallback !== undefined ? { fallback: grid.fallback } : {}),
  };
}

/** Over a range's destinations, how many figures are live; none when live data was not asked for. */
function liveGridOf(destinations: readonly RegionEstimate[]): { live: number; yearly: number; fallback?: string } | undefined {
  const live = destinations.filter((d) => d.grid.datetime !== undefined).length;
  const fallback = destinations.find((d) => d.grid.fallback !== undefined)?.grid.fallback;
  if (live === 0 && fallback === undefined) return undefined;
  return { live, yearly: destinations.length - live, ...(fallback !== undefined ? { fallback } : {}) };
}

export function summarise(option: ModelOption): OptionSummary {
  const { offering } = option;
  const reason = notRecommended(option);
  const common = {
    provider: offering.provider,
    service: offering.service,
    placement: offering.placement,
    price: priceOf(option),
    ...throughputOf(option),
    provenance: { ...offering.provenance, source: offering.source },
    ...(option.model.retired ? { retired: option.model.retired } : {}),
    ...(reason ? { notRecommended: reason } : {}),
  };
  if (option.kind === 'regional') {
    const { region, estimate } = option;
    return {
      ...common,
      region: region.code,
      regionName: region.name,
      jurisdiction: region.jurisdiction,
      gridIntensity: gridSummary(estimate.grid),
      carbon: carbonFigure(estimate),
      ...(offering.geo ? { geo: offering.geo } : {}),
    };
  }
  const jurisdictions = new Set(option.destinations.map((d) => d.region.jurisdiction));
  const geo = offering.geo ?? 'global';
  const liveGrid = liveGridOf(option.destinations);
  return {
    ...common,
    geo,
    region: geo,
    regionName:
      option.placement === 'global' ? 'Global (any region)' : `${geo.toUpperCase()} geography (${option.destinations.length} regions)`,
    jurisdiction: jurisdictions.size === 1 ? [...jurisdictions][0] : 'mixed',
    gridIntensity: null,
    carbon: null,
    carbonRange: {
      min: round(option.centralRange.min),
      max: round(option.centralRange.max),
      low: round(option.band.low),
      high: round(option.band.high),
      destinations: option.destinations.map((d) => d.region.code),
      basis: option.destinations[0].basis,
      ...(liveGrid ? { liveGrid } : {}),
    },
  };
}
