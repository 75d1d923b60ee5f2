// What the editor says about one region or model finding: grid intensity, carbon for the paired model, its rank,
// and cleaner alternatives that respect the user's constraints. Pure, so the CLI and the editor agree.
import { regionKey, type DatasetIndex } from '../data/dataset';
import type { Model, ProviderId, Region } from '../data/schema';
import { hasTokenFigure } from './units';
import {
  distinguishable,
  estimateInRegion,
  gridIntensity,
  type Band,
  type CalculationOptions,
  type GridIntensity,
  type RegionEstimate,
} from './calculator';
import { distanceKm, type LatLon } from './geo';
import {
  derivedGlobalOption,
  notRecommended,
  optionsForModel,
  priceOf,
  recommendable,
  type ModelOption,
  type OptionSummary,
  type RegionalOption,
  type SpreadOption,
} from './options';

export type JurisdictionPolicy = { kind: 'same' } | { kind: 'any' } | { kind: 'list'; allowed: readonly string[] };

export interface Preferences {
  jurisdiction: JurisdictionPolicy;
  /** Home point and radius: alternatives farther away are left out. */
  near?: LatLon;
  maxDistanceKm?: number;
  calc?: CalculationOptions;
  /** How many alternatives to return. */
  limit?: number;
}

export interface Alternative {
  region: Region;
  grid: GridIntensity;
  /** For the paired model: its carbon there; without a model the saving is the grid ratio. */
  estimate?: RegionEstimate;
  /** The price in that region (its own list price where a source gives one), with its basis and provenance. */
  price?: NonNullable<OptionSummary['price']>;
  /** On what the headline shows (the calculation's basis). */
  savingPercent: number;
  savingGPerMTok?: number;
  /**
   * With a model: whether the saving is more than the uncertainty that does not cancel between two places for the
   * same model (grid zone choice, site PUE); the energy band is shared and does not count.
   */
  distinguishable?: boolean;
  sameJurisdiction: boolean;
  /** Distance from the current region, km. */
  distanceKm: number;
}

export interface RegionAssessment {
  region: Region;
  grid: GridIntensity;
  model?: Model;
  estimate?: RegionEstimate;
  /**
   * Position among the regions that may be recommended for the model (1 = cleanest), when it is one of them: a
   * retired model, or a region no source confirms, has no rank.
   */
  rank?: { position: number; of: number };
  servesModel?: boolean;
  /** Why the model's offering here is not ranked (a retired model, a region no source confirms). */
  notRecommended?: string;
  alternatives: Alternative[];
}

/**
 * The account partition a region belongs to. GovCloud, China and the European Sovereign Cloud need separate
 * accounts, so a region is never suggested across partitions.
 */
export function partitionOf(region: Region): string {
  if (region.provider === 'aws') {
    const special = /^(us-gov|cn|eusc)-/.exec(region.code);
    return special ? `aws-${special[1]}` : 'aws';
  }
  if (region.provider === 'azure' && region.code.startsWith('china')) return 'azure-china';
  return region.provider;
}

function jurisdictionAllows(policy: JurisdictionPolicy, current: Region, candidate: Region): boolean {
  if (policy.kind === 'any') return true;
  if (policy.kind === 'same') return candidate.jurisdiction === current.jurisdiction;
  return policy.allowed.includes(candidate.jurisdiction);
}

const percentSaved = (from: number, to: number) => (from > 0 ? ((from - to) / from) * 100 : 0);

/**
 * Assesses a region setting. With a paired model, alternatives are the regions of the same provider that serve
 * the model; without one, the provider's regions ranked by grid intensity (the saving is the same for any model
 * served in both, since PUE is per provider). `optionsOf`: as assessModel's.
 */
export function assessRegion(
  index: DatasetIndex,
  region: Region,
  model: Model | undefined,
  prefs: Preferences,
  optionsOf: (model: Model) => ModelOption[] = (m) => optionsForModel(index, m, prefs.calc),
): RegionAssessment {
  const year = prefs.calc?.year;
  const grid = gridIntensity(index, region, year, prefs.calc?.live);
  if (!grid) throw new Error(`No grid intensity for ${region.provider}:${region.code}`);
  const allowed = (candidate: Region) =>
    candidate.code !== region.code &&
    partitionOf(candidate) === partitionOf(region) &&
    jurisdictionAllows(prefs.jurisdiction, region, candidate) &&
    (!prefs.near || prefs.maxDistanceKm === undefined || distanceKm(prefs.near, candidate) <= prefs.maxDistanceKm);
  const limit = prefs.limit ?? 3;
  const assessment: RegionAssessment = { region, grid, alternatives: [] };

  const withFigure = model && hasTokenFigure(model) ? model : undefined;
  if (withFigure) {
    const estimate = estimateInRegion(index, withFigure, region, prefs.calc);
    const offered = optionsOf(withFigure).filter(
      (o): o is RegionalOption => o.kind === 'regional' && o.region.provider === region.provider,
    );
    // Only options that may be recommended are ranked or suggested (never a retired model or an unverified region).
    const serving = offered.filter(recommendable);
    const position = serving.findIndex((o) => o.region.code === region.code);
    const here = offered.find((o) => o.region.code === region.code);
    const unranked = here && position < 0 ? notRecommended(here) : undefined;
    Object.assign(assessment, {
      model: withFigure,
      estimate,
      servesModel: here !== undefined,
      ...(position >= 0 ? { rank: { position: position + 1, of: serving.length } } : {}),
      ...(unranked ? { notRecommended: unranked } : {}),
    });
    const seen = new Set<string>();
    for (const option of serving) {
      if (seen.has(option.region.code) || !allowed(option.region)) continue;
      seen.add(option.region.code);
      const carbon = option.estimate.carbon.central;
      if (carbon >= estimate.carbon.central) continue;
      const price = priceOf(option);
      assessment.alternatives.push({
        region: option.region,
        grid: option.estimate.grid,
        estimate: option.estimate,
        ...(price ? { price } : {}),
        savingPercent: percentSaved(estimate.carbon.central, carbon),
        savingGPerMTok: estimate.carbon.central - carbon,
        distinguishable: distinguishable(estimate, option.estimate, true),
        sameJurisdiction: option.region.jurisdiction === region.jurisdiction,
        distanceKm: distanceKm(region, option.region),
      });
    }
  } else {
    const candidates = index.data.regions
      .filter((r) => r.provider === region.provider && allowed(r))
      .map((r) => ({ region: r, grid: gridIntensity(index, r, year, prefs.calc?.live) }))
      .filter((c): c is { region: Region; grid: GridIntensity } => c.grid !== undefined && c.grid.gPerKWh < grid.gPerKWh)
      .sort((a, b) => a.grid.gPerKWh - b.grid.gPerKWh || a.region.code.localeCompare(b.region.code));
    for (const candidate of candidates) {
      assessment.alternatives.push({
        ...candidate,
        savingPercent: percentSaved(grid.gPerKWh, candidate.grid.gPerKWh),
        sameJurisdiction: candidate.region.jurisdiction === region.jurisdiction,
        distanceKm: distanceKm(region, candidate.region),
      });
    }
  }
  assessment.alternatives = assessment.alternatives.slice(0, limit);
  return assessment;
}

export interface ModelAssessment {
  model: Model;
  /** The region the model runs in, when the scanner paired one. */
  estimate?: RegionEstimate;
  /** With an estimate: whether the data lists the model in that region (a figure is given either way). */
  offeredInRegion?: boolean;
  /** For a geo profile or global endpoint: the spread over its destinations. */
  spread?: {
    geo: string;
    min: number;
    max: number;
    band: Pick<Band, 'low' | 'high'>;
    destinations: number;
    /** Set when no source lists this model's global destinations: the sources of the provider's global routing used instead. */
    derivedFrom?: string[];
  };
  /**
   * The cleanest and dirtiest places this call can run, for context: a profile's own destinations, or the regions
   * of the platform the id or its client implies that serve the model (every platform's when none is implied),
   * leaving out those that may not be recommended (none for a retired model).
   */
  best?: RegionEstimate;
  worst?: RegionEstimate;
  /** What best and worst range over. */
  scope: {
    provider?: ProviderId;
    geo?: string;
    count: number;
    /** Regional offerings left out: retired model or unverified region. */ unranked?: number;
  };
}

/**
 * Assesses a model finding, in its paired region when there is one, or over a geo profile's destinations.
 * `platform` is the provider the id as written implies (a Bedrock id: AWS), when the placement does not say.
 * `optionsOf` gives optionsForModel's answer with `calc` (a caller assessing many findings remembers it per model).
 */
export function assessModel(
  index: DatasetIndex,
  model: Model,
  where: { provider: ProviderId; code: string } | { geo: string; provider?: ProviderId } | undefined,
  calc?: CalculationOptions,
  platform?: ProviderId,
  optionsOf: (model: Model) => ModelOption[] = (m) => optionsForModel(index, m, calc),
): ModelAssessment {
  const provider = where?.provider ?? platform;
  const options = optionsOf(model).filter((o) => !provider || o.offering.provider === provider);
  const offered = options.filter((o): o is RegionalOption => o.kind === 'regional');
  const regional = offered.filter(recommendable).map((o) => o.estimate);
  const unranked = offered.length - regional.length;
  const assessment: ModelAssessment = {
    model,
    best: regional[0],
    worst: regional[regional.length - 1],
    scope: { ...(provider ? { provider } : {}), count: regional.length, ...(unranked ? { unranked } : {}) },
  };
  if (where && 'code' in where) {
    const region = index.regions.get(regionKey(where.provider, where.code));
    if (region && hasTokenFigure(model)) {
      assessment.estimate = estimateInRegion(index, model, region, calc);
      assessment.offeredInRegion = regional.some((e) => e.region.provider === region.provider && e.region.code === region.code);
    }
  } else if (where) {
    const listed = options.find((o): o is SpreadOption => o.kind === 'spread' && (o.offering.geo ?? 'global') === where.geo);
    const derived =
      !listed && where.geo === 'global' ? globalRoutingOf(index, model, provider, calc, where.provider !== undefined) : undefined;
    const spread = listed ?? derived?.option;
    if (spread) {
      const { destinations } = spread;
      assessment.spread = {
        geo: where.geo,
        min: spread.centralRange.min,
        max: spread.centralRange.max,
        band: spread.band,
        destinations: destinations.length,
        ...(derived ? { derivedFrom: derived.sources } : {}),
      };
      const [best, worst] = recommendable(spread) ? [destinations[0], destinations[destinations.length - 1]] : [undefined, undefined];
      Object.assign(assessment, { best, worst, scope: { provider: spread.offering.provider, geo: where.geo, count: destinations.length } });
    }
  }
  return assessment;
}

/**
 * The provider's documented global routing for a model: the one named, else the only provider offering the model.
 * `calledThere`: the workspace's own call names that provider's global routing.
 */
function globalRoutingOf(
  index: DatasetIndex,
  model: Model,
  provider: ProviderId | undefined,
  calc: CalculationOptions | undefined,
  calledThere: boolean,
) {
  const providers = new Set((index.offeringsByModel.get(model.id) ?? []).map((o) => o.provider));
  const chosen = provider ?? (providers.size === 1 ? [...providers][0] : undefined);
  return chosen ? derivedGlobalOption(index, model, chosen, calc, calledThere) : undefined;
}
