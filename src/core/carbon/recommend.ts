// Recommends where to run a model: the cleanest region that offers it within the user's constraints.
import { regionKey, type DatasetIndex } from '../data/dataset';
import { resolveModel } from '../data/resolve';
import type { Model, ProviderId, Region } from '../data/schema';
import { hasTokenFigure, type TokenUnit } from './units';
import { carbonUnit, estimateInRegion, NoTokenFigureError, type CalculationOptions, type RegionEstimate } from './calculator';
import { partitionOf } from './assess';
import { distanceKm, type LatLon } from './geo';
import { byCarbon, optionsForModel, recommendable, summarise, type OptionSummary, type RegionalOption, type SpreadOption } from './options';

export interface Constraints {
  providers?: readonly ProviderId[];
  /** Allowed jurisdictions (`EU`, `US`, `UK`…); empty or absent means any. */
  jurisdictions?: readonly string[];
  /** Only regions within maxDistanceKm of this point. */
  near?: LatLon;
  maxDistanceKm?: number;
  /** The region used now, to report the saving of moving away from it. */
  from?: { provider: ProviderId; code: string };
}

export interface Saving {
  gPerMTok: number;
  percent: number;
}

export interface Recommendation {
  model: { id: string; name: string; matchedAlias: string; tier: Model['tier']; retired?: Model['retired'] };
  unit: TokenUnit;
  recommended: OptionSummary | null;
  /** Every other allowed regional option, ascending by central carbon. */
  alternatives: OptionSummary[];
  dirtiest: OptionSummary | null;
  /** Geo-profile and global options: ranges over their destinations, never ranked as a point. */
  profiles: OptionSummary[];
  /**
   * Allowed regional options shown but never ranked, recommended or counted in the savings: the model is retired,
   * or no source confirms the region (each says why in `notRecommended`). Ascending by central carbon.
   */
  unranked: OptionSummary[];
  savings: { vsDirtiest: Saving | null; vsFrom?: Saving & { from: string; fromOffersModel: boolean } };
  /** Options removed by the constraints, so an empty answer can say why. */
  excluded: number;
}

export class UnknownModelError extends Error {
  constructor(
    readonly query: string,
    readonly suggestions: string[],
  ) {
    super(`Unknown model '${query}'.${suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''}`);
    this.name = 'UnknownModelError';
  }
}

export class UnknownRegionError extends Error {
  /** parameter: the query parameter that named the region, when it came from one. */
  constructor(
    readonly query: string,
    readonly suggestions: string[],
    readonly parameter?: string,
  ) {
    super(`Unknown region '${query}'.${suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''}`);
    this.name = 'UnknownRegionError';
  }
}

export function allowedRegion(region: Region, constraints: Constraints): boolean {
  if (constraints.providers?.length && !constraints.providers.includes(region.provider)) return false;
  if (constraints.jurisdictions?.length && !constraints.jurisdictions.includes(region.jurisdiction)) return false;
  if (constraints.near && constraints.maxDistanceKm !== undefined && distanceKm(constraints.near, region) > constraints.maxDistanceKm)
    return false;
  return true;
}

const saving = (from: number, to: number): Saving => ({
  gPerMTok: Number((from - to).toPrecision(3)),
  percent: from > 0 ? Math.round(((from - to) / from) * 1000) / 10 : 0,
});

/** Ranks the regions that offer a model (given by any alias) under constraints. Throws UnknownModelError. */
export function recommend(
  index: DatasetIndex,
  modelQuery: string,
  constraints: Constraints = {},
  calc: CalculationOptions = {},
  suggest: (q: string) => string[] = () => [],
): Recommendation {
  const match = resolveModel(index, modelQuery);
  if (!match) throw new UnknownModelError(modelQuery, suggest(modelQuery));
  const { model } = match;
  if (!hasTokenFigure(model)) throw new NoTokenFigureError(model);
  const all = optionsForModel(index, model, calc);
  const regional = all.filter((o): o is RegionalOption => o.kind === 'regional');
  const fromRegion = constraints.from && index.regions.get(regionKey(constraints.from.provider, constraints.from.code));
  // Moving from a region only makes sense inside its account partition (no jump into GovCloud or China).
  const permitted = regional.filter(
    (o) => allowedRegion(o.region, constraints) && (!fromRegion || partitionOf(o.region) === partitionOf(fromRegion)),
  );
  const profiles = all.filter(
    (o): o is SpreadOption =>
      o.kind === 'spread' && (!constraints.providers?.length || constraints.providers.includes(o.offering.provider)),
  );
  const allowed = permitted.filter(recommendable).sort(byCarbon);
  const unranked = permitted.filter((o) => !recommendable(o)).sort(byCarbon);

  const best = allowed[0];
  const worst = allowed[allowed.length - 1];
  const result: Recommendation = {
    model: {
      id: model.id,
      name: model.name,
      matchedAlias: match.matchedAlias,
      tier: model.tier,
      ...(model.retired ? { retired: model.retired } : {}),
    },
    unit: carbonUnit(model),
    recommended: best ? summarise(best) : null,
    alternatives: allowed.slice(1).map(summarise),
    dirtiest: worst ? summarise(worst) : null,
    profiles: profiles.map(summarise),
    unranked: unranked.map(summarise),
    savings: { vsDirtiest: best && worst ? saving(worst.estimate.carbon.central, best.estimate.carbon.central) : null },
    excluded: regional.length - permitted.length,
  };
  if (constraints.from && best) {
    const fromEstimate = estimateFrom(index, model, constraints.from, calc);
    const fromOffersModel = regional.some(
      (o) => o.region.provider === constraints.from?.provider && o.region.code === fromEstimate.region.code,
    );
    result.savings.vsFrom = {
      ...saving(fromEstimate.carbon.central, best.estimate.carbon.central),
      from: `${constraints.from.provider}:${fromEstimate.region.code}`,
      fromOffersModel,
    };
  }
  return result;
}

function estimateFrom(
  index: DatasetIndex,
  model: Model,
  from: { provider: ProviderId; code: string },
  calc: CalculationOptions,
): RegionEstimate {
  const region = index.regions.get(regionKey(from.provider, from.code));
  if (!region) throw new UnknownRegionError(`${from.provider}:${from.code}`, []);
  return estimateInRegion(index, model, region, calc);
}
