// The four answers GridLens gives (recommend, estimate, leaderboard, regions) from a typed query: the one code path
// behind `gridlens <command> --format json`, `gridlens serve` and the library entry. Queries are checked against
// the schemas of schemas.ts; a bad value throws InvalidParameterError naming the parameter, an unknown model or
// region throws UnknownModelError / UnknownRegionError with the closest known names.
import * as z from 'zod/mini';
import type { DatasetIndex } from '../data/dataset';
import { closestModels, closestRegions, resolveModel, resolveRegion } from '../data/resolve';
import type { ProviderId, Region } from '../data/schema';
import {
  CARBON_UNIT,
  carbonUnit,
  estimateEnergy,
  estimateInRegion,
  gridIntensity,
  type CalculationOptions,
  type CarbonBasis,
} from '../carbon/calculator';
import { LIVE_GRID_SOURCE, LIVE_GRID_SOURCE_REF, type LiveGrid } from '../carbon/liveGrid';
import { carbonFigure, gridSummary } from '../carbon/options';
import { kindOf } from '../carbon/units';
import type { LatLon } from '../carbon/geo';
import { leaderboardRows, type LeaderboardRow } from '../carbon/leaderboard';
import { recommend, UnknownModelError, UnknownRegionError, type Constraints, type Recommendation } from '../carbon/recommend';
import {
  EstimateQuerySchema,
  LeaderboardQuerySchema,
  RecommendQuerySchema,
  RegionsQuerySchema,
  type EstimateData,
  type EstimateQuery,
  type LeaderboardData,
  type LeaderboardQuery,
  type RecommendationData,
  type RecommendQuery,
  type RegionsData,
  type RegionsQuery,
  type Row,
} from './schemas';

/** A query value that does not fit its parameter (the HTTP server answers 400, the CLI exits 2). */
export class InvalidParameterError extends Error {
  /** reason: what is wrong, without the parameter's name (each surface names it its own way). */
  constructor(
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`${parameter}: ${reason}`);
    this.name = 'InvalidParameterError';
  }
}

/** Checks a query; providers are read case-insensitively. */
function check<T>(schema: z.ZodMiniType<T>, query: unknown): T {
  const normalised =
    typeof query === 'object' && query !== null && 'provider' in query && Array.isArray(query.provider)
      ? { ...query, provider: query.provider.map((p: unknown) => (typeof p === 'string' ? p.toLowerCase() : p)) }
      : query;
  const parsed = z.safeParse(schema, normalised);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const parameter = issue.path.length ? String(issue.path[0]) : 'query';
  if (issue.code === 'unrecognized_keys') throw new InvalidParameterError(issue.keys[0] ?? parameter, 'is not a parameter of this query');
  throw new InvalidParameterError(parameter, issue.message);
}

/** A query as callers give it: providers in any case (checked when the query runs). */
export type QueryInput<T> = Omit<T, 'provider'> & { provider?: readonly string[] };

/** How an answer is computed: with live grid readings (opt-in), or over the yearly figures when absent. */
export interface AnswerOptions {
  live?: LiveGrid;
}

const suggestModels = (index: DatasetIndex) => (query: string) => closestModels(index, query);

/** `provider:region`, or a bare region code, zone or Azure display name. */
export function regionFor(index: DatasetIndex, parameter: string, text: string): Region {
  const [maybeProvider, rest] = text.includes(':') ? text.split(/:(.*)/s) : [undefined, text];
  let provider: ProviderId | undefined;
  if (maybeProvider !== undefined) {
    const lower = maybeProvider.toLowerCase();
    if (lower !== 'aws' && lower !== 'gcp' && lower !== 'azure')
      throw new InvalidParameterError(parameter, `unknown provider '${maybeProvider}': use aws, gcp or azure`);
    provider = lower;
  }
  const match = resolveRegion(index, rest, provider);
  if (!match) throw new UnknownRegionError(text, closestRegions(index, rest, provider), parameter);
  return match.region;
}

/** `lat,lon` or a region whose coordinates are used. */
function pointFor(index: DatasetIndex, parameter: string, text: string): LatLon {
  const coordinates = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!coordinates) return regionFor(index, parameter, text);
  const lat = Number(coordinates[1]);
  const lon = Number(coordinates[2]);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new InvalidParameterError(parameter, `'${text}' is not a valid latitude,longitude`);
  return { lat, lon };
}

/** The radius around `near` when none is given, in km (the CLI, the server and the leaderboard alike). */
export const DEFAULT_MAX_DISTANCE_KM = 1000;

const upper = (values: readonly string[] | undefined) => (values ?? []).map((v) => v.toUpperCase());

const calcFor = (q: { basis?: CarbonBasis }, options: AnswerOptions): CalculationOptions => ({
  ...(q.basis ? { basis: q.basis } : {}),
  ...(options.live ? { live: options.live } : {}),
});

/** The cleanest region serving a model under constraints, alternatives ranked, savings. */
export function recommendFor(index: DatasetIndex, query: QueryInput<RecommendQuery>, options: AnswerOptions = {}): Recommendation {
  const q = check(RecommendQuerySchema, query);
  if (q.maxDistanceKm !== undefined && q.near === undefined)
    throw new InvalidParameterError('maxDistanceKm', 'needs a place to measure from (near: a region or lat,lon)');
  const constraints: Constraints = {
    providers: q.provider ?? [],
    jurisdictions: upper(q.jurisdiction),
    ...(q.near !== undefined ? { near: pointFor(index, 'near', q.near), maxDistanceKm: q.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM } : {}),
  };
  if (q.from !== undefined) {
    const from = regionFor(index, 'from', q.from);
    constraints.from = { provider: from.provider, code: from.code };
  }
  return recommend(index, q.model, constraints, calcFor(q, options), suggestModels(index));
}

/** One model in one region: the figure, its band and every input with its source. */
export function estimateFor(index: DatasetIndex, query: EstimateQuery, options: AnswerOptions = {}): EstimateData {
  const q = check(EstimateQuerySchema, query);
  const match = resolveModel(index, q.model);
  if (!match) throw new UnknownModelError(q.model, suggestModels(index)(q.model));
  const { model } = match;
  const where = regionFor(index, 'region', q.region);
  const estimate = estimateInRegion(index, model, where, calcFor(q, options));
  // estimateInRegion throws NoTokenFigureError for a model without one, so both are defined here.
  const unit = carbonUnit(model) as string;
  const params = model.params as NonNullable<typeof model.params>;
  const energy = estimateEnergy(model, index.data.calculator);
  const offered = (index.offeringsByModel.get(model.id) ?? []).some(
    (o) => o.provider === where.provider && o.placement === 'regional' && o.regions.includes(where.code),
  );
  const source = (id: string) => {
    if (id === LIVE_GRID_SOURCE) return { ...LIVE_GRID_SOURCE_REF };
    const s = index.sources.get(id);
    return s ? { id, title: s.title, url: s.url, licence: s.licence, dataYear: s.dataYear } : { id };
  };
  const provider = index.providers.get(where.provider);
  return {
    model: {
      id: model.id,
      name: model.name,
      matchedAlias: match.matchedAlias,
      matchedBy: match.matchedBy,
      tier: model.tier,
      architecture: model.architecture,
      params,
      kind: kindOf(model),
    },
    region: { provider: where.provider, code: where.code, name: where.name, jurisdiction: where.jurisdiction, servesModel: offered },
    unit,
    carbon: carbonFigure(estimate),
    embodied: carbonFigure(estimate).embodied.central,
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
      gridIntensity: { ...gridSummary(estimate.grid), source: source(estimate.grid.source) },
      ...(where.providerReported
        ? {
            providerReportedGrid: {
              gPerKWh: where.providerReported.value,
              year: where.providerReported.year,
              source: source(where.providerReported.source),
            },
          }
        : {}),
    },
  };
}

/** Every model × offering × region, ascending by carbon. */
export function leaderboardFor(
  index: DatasetIndex,
  query: QueryInput<LeaderboardQuery> = {},
  options: AnswerOptions = {},
): { unit: typeof CARBON_UNIT; rows: LeaderboardRow[] } {
  const q = check(LeaderboardQuerySchema, query);
  const models = (q.model ?? []).map((name) => {
    const match = resolveModel(index, name);
    if (!match) throw new UnknownModelError(name, suggestModels(index)(name));
    return match.model.id;
  });
  return {
    unit: CARBON_UNIT,
    rows: leaderboardRows(index, { models, providers: q.provider ?? [], jurisdictions: upper(q.jurisdiction) }, calcFor(q, options)),
  };
}

/** Every region with its grid zone and intensity, cleanest first. */
export function regionsFor(index: DatasetIndex, query: QueryInput<RegionsQuery> = {}, options: AnswerOptions = {}): RegionsData {
  const wanted = check(RegionsQuerySchema, query).provider ?? [];
  const regions = index.data.regions
    .filter((r) => wanted.length === 0 || wanted.includes(r.provider))
    .map((r) => {
      const grid = gridIntensity(index, r, undefined, options.live);
      // the yearly answer keeps its two fields; a live one says which each figure is
      const shown =
        grid && (options.live ? (({ zone: _, ...rest }) => rest)(gridSummary(grid)) : { gPerKWh: grid.gPerKWh, year: grid.year });
      return {
        provider: r.provider,
        code: r.code,
        name: r.name,
        jurisdiction: r.jurisdiction,
        gridZone: r.gridZone,
        gridIntensity: shown ?? null,
      };
    })
    .sort((a, b) => (a.gridIntensity?.gPerKWh ?? Infinity) - (b.gridIntensity?.gPerKWh ?? Infinity) || a.code.localeCompare(b.code));
  return { regions };
}

// Compile-time checks: what core produces fits the published schemas.
type Assert<T extends true> = T;
export type RecommendationFits = Assert<Recommendation extends RecommendationData ? true : false>;
export type RowFits = Assert<LeaderboardRow extends Row ? true : false>;
export type LeaderboardFits = Assert<ReturnType<typeof leaderboardFor> extends LeaderboardData ? true : false>;
