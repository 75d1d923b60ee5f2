// The host's answers to the page, computed with core: the initial rows, recommendations (the same call as
// `gridlens recommend`) and comparisons. Pure (no 'vscode'), so it is unit-tested against a small dataset.
// The page never computes carbon: it only shows what these functions return.
import {
  CARBON_UNIT,
  carbonUnit,
  DEFAULT_CARBON_BASIS,
  distinguishable,
  estimateEnergy,
  estimateInRegion,
  gridIntensity,
  NO_TOKEN_FIGURE,
  NoTokenFigureError,
  type CarbonBasis,
} from '../../core/carbon/calculator';
import { leaderboardRows } from '../../core/carbon/leaderboard';
import { recommendFor } from '../../core/api/queries';
import type { LiveGrid } from '../../core/carbon/liveGrid';
import { carbonFigure, gridSummary } from '../../core/carbon/options';
import { UnknownModelError, UnknownRegionError } from '../../core/carbon/recommend';
import { regionKey, type DatasetIndex } from '../../core/data/dataset';
import { closestModels, closestRegions, resolveModel, resolveRegion } from '../../core/data/resolve';
import type { Model, Region } from '../../core/data/schema';
import { kindOf } from '../../core/carbon/units';
import type {
  CompareRequest,
  CompareResultMessage,
  CompareSide,
  CompareTarget,
  Focus,
  InitMessage,
  MapRegion,
  ModelInfo,
  PageContext,
  RecommendRequest,
  RecommendResultMessage,
  SearchResolved,
} from '../../webview/leaderboard/protocol';

export class RequestError extends Error {
  constructor(
    message: string,
    readonly suggestions: string[] = [],
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

const rowsCache = new WeakMap<DatasetIndex, Map<CarbonBasis, InitMessage['rows']>>();

/** Every row, with headline figures on `basis` (gridlens.carbon.basis). */
export function rowsFor(index: DatasetIndex, basis: CarbonBasis = DEFAULT_CARBON_BASIS): InitMessage['rows'] {
  const byBasis = rowsCache.get(index) ?? new Map<CarbonBasis, InitMessage['rows']>();
  rowsCache.set(index, byBasis);
  let rows = byBasis.get(basis);
  if (!rows) {
    rows = leaderboardRows(index, {}, { basis });
    byBasis.set(basis, rows);
  }
  return rows;
}

/**
 * `workspaceModels`: canonical ids of the models the workspace uses, most relevant first. `live`: live grid
 * readings (opt-in), which every row's gridIntensity then says it is (or why it is not).
 */
export function initMessage(
  index: DatasetIndex,
  context: PageContext | null,
  focus?: Focus,
  workspaceModels: readonly string[] = [],
  basis: CarbonBasis = DEFAULT_CARBON_BASIS,
  live?: LiveGrid,
): InitMessage {
  const { data } = index;
  const year = data.grid.defaultYear;
  const models: ModelInfo[] = data.models.map((m) => ({
    id: m.id,
    name: m.name,
    family: m.family,
    creator: m.creator,
    openWeights: m.openWeights,
    tier: m.tier,
    kind: kindOf(m),
    unit: carbonUnit(m) ?? NO_TOKEN_FIGURE,
  }));
  const regions: MapRegion[] = data.regions.map((r) => {
    const grid = gridIntensity(index, r, year, live);
    return {
      provider: r.provider,
      code: r.code,
      name: r.name,
      jurisdiction: r.jurisdiction,
      lat: r.lat,
      lon: r.lon,
      gPerKWh: grid?.gPerKWh ?? null,
      year: grid?.year ?? null,
    };
  });
  const source = index.sources.get(data.grid.source);
  return {
    type: 'init',
    unit: CARBON_UNIT,
    rows: live ? leaderboardRows(index, {}, { basis, live }) : rowsFor(index, basis),
    basis,
    models,
    regions,
    dataset: { gridYear: year, gridSource: source?.title ?? data.grid.source, attribution: source?.attribution ?? source?.licence ?? '' },
    context,
    ...(focus ? { focus } : {}),
    ...(workspaceModels.length
      ? { workspaceModels: [...new Set(workspaceModels)].filter((id) => index.models.has(id)).slice(0, 500) }
      : {}),
  };
}

/**
 * The leaderboard search's words read as model ids written in code (`gemini-2.0-flash-001`, `us.amazon.nova-pro-v1:0`),
 * with core's resolver. Only listed spellings count: a family guess would make `claude` match one arbitrary model.
 */
export function resolveSearchTerms(index: DatasetIndex, terms: readonly string[]): SearchResolved {
  return {
    type: 'searchResolved',
    matches: terms.map((term) => {
      const match = resolveModel(index, term);
      return { term, modelId: match?.matchedBy === 'alias' ? match.model.id : null };
    }),
  };
}

export function answerRecommend(
  index: DatasetIndex,
  request: RecommendRequest,
  basis: CarbonBasis = DEFAULT_CARBON_BASIS,
  live?: LiveGrid,
): RecommendResultMessage {
  try {
    // The same query `gridlens recommend` and `gridlens serve` answer, through the same code path.
    const near = request.near?.trim();
    const from = request.from?.trim();
    const result = recommendFor(
      index,
      {
        model: request.model,
        provider: request.providers,
        jurisdiction: request.jurisdictions,
        ...(near ? { near } : {}),
        ...(request.maxDistanceKm !== undefined ? { maxDistanceKm: request.maxDistanceKm } : {}),
        ...(from ? { from } : {}),
        basis,
      },
      { live },
    );
    return { type: 'recommendResult', requestId: request.requestId, ok: true, result };
  } catch (error) {
    return { type: 'recommendResult', requestId: request.requestId, ...failure(error) };
  }
}

function failure(error: unknown): { ok: false; error: string; suggestions: string[] } {
  if (error instanceof RequestError) return { ok: false, error: error.message, suggestions: error.suggestions };
  if (error instanceof UnknownModelError || error instanceof UnknownRegionError)
    return { ok: false, error: error.message, suggestions: error.suggestions };
  if (error instanceof NoTokenFigureError) return { ok: false, error: error.message, suggestions: [] };
  return { ok: false, error: error instanceof Error ? error.message : String(error), suggestions: [] };
}

function resolveTarget(index: DatasetIndex, target: CompareTarget): { model: Model; region: Region } {
  const match = resolveModel(index, target.model);
  if (!match) throw new UnknownModelError(target.model, closestModels(index, target.model));
  const region = index.regions.get(regionKey(target.provider, target.region));
  if (!region)
    throw new RequestError(`Unknown region '${target.provider}:${target.region}'.`, closestRegions(index, target.region, target.provider));
  return { model: match.model, region };
}

function offeredIn(index: DatasetIndex, model: Model, region: Region): boolean {
  return (index.offeringsByModel.get(model.id) ?? []).some(
    (o) => o.placement === 'regional' && o.provider === region.provider && o.regions.includes(region.code),
  );
}

function side(
  index: DatasetIndex,
  model: Model,
  region: Region,
  basis: CarbonBasis,
  live?: LiveGrid,
): { side: CompareSide; estimate: ReturnType<typeof estimateInRegion> } {
  const estimate = estimateInRegion(index, model, region, { basis, live });
  const energy = estimateEnergy(model, index.data.calculator);
  const compared: CompareSide = {
    model: { id: model.id, name: model.name, tier: model.tier, unit: carbonUnit(model) ?? CARBON_UNIT },
    provider: region.provider,
    region: region.code,
    regionName: region.name,
    jurisdiction: region.jurisdiction,
    offered: offeredIn(index, model, region),
    grid: (({ source: _, zone: __, ...grid }) => grid)(gridSummary(estimate.grid)),
    pue: estimate.pue,
    itKWhPerMTok: energy.itKWhPerMTok.central,
    carbon: carbonFigure(estimate),
  };
  return { side: compared, estimate };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

/**
 * Two configurations side by side. A's usage over B's splits exactly into three factors, because usage is
 * energy (model) × PUE (provider's facilities) × grid intensity (region); the embodied part follows the model only.
 * For the same model the energy band is shared, so only what differs between the places decides whether the two
 * can be told apart.
 */
export function answerCompare(
  index: DatasetIndex,
  request: CompareRequest,
  basis: CarbonBasis = DEFAULT_CARBON_BASIS,
  live?: LiveGrid,
): CompareResultMessage {
  try {
    const a = resolveTarget(index, request.a);
    const b = resolveTarget(index, request.b);
    const { side: sa, estimate: ea } = side(index, a.model, a.region, basis, live);
    const { side: sb, estimate: eb } = side(index, b.model, b.region, basis, live);
    return {
      type: 'compareResult',
      requestId: request.requestId,
      ok: true,
      result: {
        a: sa,
        b: sb,
        ratio: ratio(sa.carbon.central, sb.carbon.central),
        factors: {
          model: ratio(sa.itKWhPerMTok, sb.itKWhPerMTok),
          facility: ratio(sa.pue, sb.pue),
          grid: ratio(sa.grid.gPerKWh, sb.grid.gPerKWh),
        },
        usageRatio: ratio(ea.usage.central, eb.usage.central),
        distinguishable: distinguishable(ea, eb, a.model.id === b.model.id),
      },
    };
  } catch (error) {
    return { type: 'compareResult', requestId: request.requestId, ...failure(error) };
  }
}

/** The canonical id of the model a finding names, when the dataset knows it. */
export function canonicalModelId(index: DatasetIndex, model: string | undefined): string | undefined {
  if (!model) return undefined;
  return resolveModel(index, model)?.model.id;
}

/**
 * Reads a link argument `{ model?, region?, provider? }` (what hovers and code actions pass) into a focus: the
 * model's canonical id and the region with its provider. Undefined when neither part is known to the dataset.
 */
export function toFocus(index: DatasetIndex, arg: unknown): Focus | undefined {
  const candidate = Array.isArray(arg) && arg.length === 1 ? arg[0] : arg;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const { model, region, provider } = candidate as Record<string, unknown>;
  const focus: Focus = {};
  if (typeof model === 'string' && model.length <= 256) {
    const id = canonicalModelId(index, model);
    if (id) focus.modelId = id;
  }
  if (typeof region === 'string' && region.length <= 128) {
    const wanted = provider === 'aws' || provider === 'gcp' || provider === 'azure' ? provider : undefined;
    const match = resolveRegion(index, region, wanted);
    if (match) {
      focus.provider = match.region.provider;
      focus.region = match.region.code;
    }
  }
  return focus.modelId || focus.region ? focus : undefined;
}
