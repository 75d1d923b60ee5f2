// The page's state logic, kept free of the DOM so it can be unit-tested and benchmarked: sorting, filtering,
// the "best region per model" grouping, paging, the band scale and intensity tiers.
// Every function is pure; the only memory is a WeakMap of each row's lower-cased search text.
import { compareByCarbon, rankingCarbon } from '../../core/carbon/ranking';
import type { Focus, MapRegion, ModelInfo, Provider, Row, SavedState, SortKey, ViewState } from './protocol';

export type { Row, SortKey, ViewState } from './protocol';
export type Filter = ViewState['filter'];

export const defaultViewState = (): ViewState => ({
  sort: { key: 'carbon', dir: 'asc' },
  filter: { model: '', provider: '', jurisdiction: '', openWeights: 'any', search: '' },
  group: 'none',
  page: 0,
  pageSize: 100,
});

export const defaultSavedState = (): SavedState => ({
  version: 1,
  view: defaultViewState(),
  tab: 'table',
  chartModel: '',
  compare: { a: { model: '', key: '' }, b: { model: '', key: '' } },
  recommend: { model: '', providers: [], jurisdictions: [], near: '', maxDistanceKm: '', from: '' },
  context: null,
});

// ---------------------------------------------------------------------------------------------------------
// Sorting.

/** The carbon figure a row ranks by: its central value, or the midpoint of the range for geo and global rows. */
export const carbonValue = (row: Row): number | null => rankingCarbon(row);

/** The value a column sorts on; null sorts last in both directions. */
export function sortValue(row: Row, key: SortKey): number | string | null {
  switch (key) {
    case 'model':
      return row.model.name;
    case 'provider':
      return `${row.provider} ${row.service}`;
    case 'region':
      return row.region;
    case 'jurisdiction':
      return row.jurisdiction;
    case 'grid':
      return row.gridIntensity?.gPerKWh ?? null;
    case 'carbon':
      return carbonValue(row);
    case 'priceIn':
      return row.price?.input ?? null;
    case 'priceOut':
      return row.price?.output ?? null;
    case 'throughput':
      return row.throughput;
  }
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareValues(a: number | string | null, b: number | string | null): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  return 0;
}

/** Tie-breaks: carbon (a point value before a range, a narrower range first), then model id, region and service: every order is total. */
function tieBreak(a: Row, b: Row): number {
  return (
    compareByCarbon(a, b) ||
    compareValues(a.model.id, b.model.id) ||
    compareValues(a.region, b.region) ||
    compareValues(a.service, b.service) ||
    compareValues(a.provider, b.provider)
  );
}

/** A sorted copy. Rows without the value (no price, no throughput, no point carbon) go last either way. */
export function sortRows(rows: readonly Row[], sort: ViewState['sort']): Row[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Decorate once: the sort key is read n times instead of n log n times.
  const decorated = rows.map((row) => ({ row, value: sortValue(row, sort.key) }));
  decorated.sort((x, y) => {
    if (x.value === null || y.value === null) {
      if (x.value !== y.value) return x.value === null ? 1 : -1;
      return tieBreak(x.row, y.row);
    }
    return sign * compareValues(x.value, y.value) || tieBreak(x.row, y.row);
  });
  return decorated.map((d) => d.row);
}

/** How a row's deployment is named in a sentence: in-region, a geography's profile or data zone, global. */
const deploymentOf = (row: Row): string =>
  row.placement === 'global' ? 'global' : row.placement === 'geo' ? `${row.geo ?? row.region} geography` : 'in-region';

/**
 * Why a row shows no price (its tooltip). The licensed price sources publish one list price per model and service,
 * usually for one deployment type (Azure OpenAI: Global Standard only); a row of another type says which one is priced.
 */
export function missingPriceNote(row: Row, rows: readonly Row[]): string {
  const priced = rows.find((r) => r.price && r.model.id === row.model.id && r.provider === row.provider && r.service === row.service);
  if (!priced?.price) return `No licensed price source lists ${row.model.name} on ${row.service}.`;
  const listed = `$${priced.price.input} in / $${priced.price.output} out per Mtok, ${priced.price.source}`;
  if (deploymentOf(priced) === deploymentOf(row))
    return `No licensed price for ${row.region}: the price sources list ${row.model.name} on ${row.service} in ${priced.region} only (${listed}); prices can differ by region.`;
  return `No licensed price for the ${deploymentOf(row)} deployment: the price sources list ${row.model.name} on ${row.service} for the ${deploymentOf(priced)} deployment only (${listed}), and the price of another deployment type may differ.`;
}

/** Clicking a header: the same column flips direction, another column starts ascending (descending for throughput). */
export function toggleSort(state: ViewState, key: SortKey): ViewState {
  const dir = state.sort.key === key ? (state.sort.dir === 'asc' ? 'desc' : 'asc') : key === 'throughput' ? 'desc' : 'asc';
  return { ...state, sort: { key, dir }, page: 0 };
}

// ---------------------------------------------------------------------------------------------------------
// Filtering.

const searchCache = new WeakMap<Row, string>();

export function searchText(row: Row): string {
  let cached = searchCache.get(row);
  if (cached === undefined) {
    cached = [
      row.model.name,
      row.model.id,
      row.model.family,
      row.model.creator,
      row.provider,
      row.service,
      row.placement,
      row.region,
      row.regionName,
      row.jurisdiction,
      row.gridIntensity?.zone ?? '',
    ]
      .join('\u0000')
      .toLowerCase();
    searchCache.set(row, cached);
  }
  return cached;
}

/** Lower-cased search words: every word must appear somewhere in the row, or name its model as code writes it. */
export const searchTerms = (search: string): string[] => search.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * Search word → the canonical id of the model it names as written in code (`us.amazon.nova-pro-v1:0`), null when
 * it names none. The host fills it with core's resolver; a word not in it yet matches as plain text only.
 */
export type SearchAliases = ReadonlyMap<string, string | null>;

/** The search words of `search` the host has not resolved yet (at most `limit`). */
export function unresolvedTerms(search: string, aliases: SearchAliases, limit: number): string[] {
  return searchTerms(search)
    .filter((term) => !aliases.has(term))
    .slice(0, limit);
}

/** The words of `search` that name a model as code writes it, with that model's id, for the status line. */
export function resolvedSearchModels(search: string, aliases: SearchAliases): Array<{ term: string; modelId: string }> {
  return searchTerms(search).flatMap((term) => {
    const modelId = aliases.get(term);
    return modelId ? [{ term, modelId }] : [];
  });
}

export function matchesFilter(row: Row, filter: Filter, terms = searchTerms(filter.search), aliases: SearchAliases = new Map()): boolean {
  if (filter.model) {
    if (filter.model.startsWith('model:')) {
      if (row.model.id !== filter.model.slice(6)) return false;
    } else if (filter.model.startsWith('family:')) {
      if (row.model.family !== filter.model.slice(7)) return false;
    }
  }
  if (filter.provider && row.provider !== filter.provider) return false;
  if (filter.jurisdiction && row.jurisdiction !== filter.jurisdiction) return false;
  if (filter.openWeights === 'open' && !row.model.openWeights) return false;
  if (filter.openWeights === 'closed' && row.model.openWeights) return false;
  if (terms.length > 0) {
    const haystack = searchText(row);
    for (const term of terms) if (!haystack.includes(term) && aliases.get(term) !== row.model.id) return false;
  }
  return true;
}

export function filterRows(rows: readonly Row[], filter: Filter, aliases: SearchAliases = new Map()): Row[] {
  const terms = searchTerms(filter.search);
  return rows.filter((row) => matchesFilter(row, filter, terms, aliases));
}

/** A filter change goes back to the first page. */
export function setFilter(state: ViewState, patch: Partial<Filter>): ViewState {
  return { ...state, filter: { ...state.filter, ...patch }, page: 0 };
}

// ---------------------------------------------------------------------------------------------------------
// Grouping: the best region per model.

export interface Grouped {
  rows: Row[];
  /** Model id → how many in-region rows (after filtering) the best one was chosen from. */
  counts: Map<string, number>;
  /**
   * Models (after filtering) with no option that may be called best: offered only through cross-region or global
   * endpoints (no single region), or retired, or only in regions no source confirms.
   */
  rangeOnly: number;
}

/**
 * One row per model: its cleanest in-region option by central carbon. A cross-region or global endpoint is a range
 * over its destinations, not a place the model runs, so it is never chosen as best, and neither is an option that
 * may not be recommended (`notRecommended`: a retired model, an unverified region); models with only those are
 * counted in `rangeOnly` instead of ranked.
 */
export function bestPerModel(rows: readonly Row[]): Grouped {
  const best = new Map<string, Row>();
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const row of rows) {
    const id = row.model.id;
    seen.add(id);
    if (row.carbon === null || row.notRecommended) continue;
    counts.set(id, (counts.get(id) ?? 0) + 1);
    const current = best.get(id);
    if (!current || tieBreak(row, current) < 0) best.set(id, row);
  }
  return { rows: [...best.values()], counts, rangeOnly: seen.size - best.size };
}

// ---------------------------------------------------------------------------------------------------------
// The view: filter → group → sort → page.

export interface View {
  total: number;
  /** Rows after filtering (and grouping), before paging. */
  matched: Row[];
  pageRows: Row[];
  page: number;
  pageCount: number;
  /** First and last row numbers shown (1-based; 0, 0 when nothing matches). */
  first: number;
  last: number;
  counts?: Map<string, number>;
  /** When grouped: models left out because they have no in-region row. */
  rangeOnly?: number;
}

export function computeView(rows: readonly Row[], state: ViewState, aliases: SearchAliases = new Map()): View {
  const filtered = filterRows(rows, state.filter, aliases);
  let grouped: Row[] = filtered;
  let counts: Map<string, number> | undefined;
  let rangeOnly: number | undefined;
  if (state.group === 'best') ({ rows: grouped, counts, rangeOnly } = bestPerModel(filtered));
  const matched = sortRows(grouped, state.sort);
  const size = state.pageSize === 'all' ? Math.max(1, matched.length) : state.pageSize;
  const pageCount = Math.max(1, Math.ceil(matched.length / size));
  const page = Math.min(Math.max(0, state.page), pageCount - 1);
  const start = page * size;
  const pageRows = matched.slice(start, start + size);
  return {
    total: rows.length,
    matched,
    pageRows,
    page,
    pageCount,
    first: pageRows.length ? start + 1 : 0,
    last: start + pageRows.length,
    ...(counts ? { counts } : {}),
    ...(rangeOnly !== undefined ? { rangeOnly } : {}),
  };
}

export function describeView(view: View): string {
  if (view.matched.length === 0) return `No rows match (of ${view.total.toLocaleString('en-US')}).`;
  const range =
    view.matched.length > view.pageRows.length ? `${view.first.toLocaleString('en-US')}–${view.last.toLocaleString('en-US')} of ` : '';
  const filtered = view.matched.length !== view.total ? ` (filtered from ${view.total.toLocaleString('en-US')})` : '';
  return `Showing ${range}${view.matched.length.toLocaleString('en-US')} rows${filtered}`;
}

// ---------------------------------------------------------------------------------------------------------
// Choices offered by the filters and pickers.

export interface ModelChoices {
  families: Array<{ family: string; count: number }>;
  models: ModelInfo[];
}

export function modelChoices(models: readonly ModelInfo[]): ModelChoices {
  const families = new Map<string, number>();
  for (const m of models) families.set(m.family, (families.get(m.family) ?? 0) + 1);
  return {
    families: [...families].map(([family, count]) => ({ family, count })).sort((a, b) => collator.compare(a.family, b.family)),
    models: [...models].sort((a, b) => collator.compare(a.name, b.name)),
  };
}

export const distinctValues = (rows: readonly Row[], pick: (row: Row) => string): string[] =>
  [...new Set(rows.map(pick))].sort(collator.compare);

export const rowKey = (row: Pick<Row, 'provider' | 'service' | 'region'>): string => `${row.provider}:${row.service}:${row.region}`;

/** The in-region options of one model, cleanest first: what the bar chart and the compare pickers list. */
export function regionalRowsForModel(rows: readonly Row[], modelId: string): Row[] {
  return sortRows(
    rows.filter((r) => r.model.id === modelId && r.carbon !== null),
    { key: 'carbon', dir: 'asc' },
  );
}

/** The model ids that have at least one in-region option, in row order. */
export function modelsWithRegions(rows: readonly Row[]): string[] {
  const ids = new Set<string>();
  for (const r of rows) if (r.carbon !== null) ids.add(r.model.id);
  return [...ids];
}

/**
 * The model the charts and compare start from: the one chosen there, else the table's model filter, else the first
 * model the workspace uses that has an in-region option, else the first such model.
 */
export function preferredModel(
  state: Pick<SavedState, 'chartModel' | 'view'>,
  rows: readonly Row[],
  workspaceModels: readonly string[] = [],
): string {
  const ids = modelsWithRegions(rows);
  if (state.chartModel && ids.includes(state.chartModel)) return state.chartModel;
  const filtered = state.view.filter.model.startsWith('model:') ? state.view.filter.model.slice(6) : '';
  if (filtered && ids.includes(filtered)) return filtered;
  return workspaceModels.find((id) => ids.includes(id)) ?? ids[0] ?? '';
}

// ---------------------------------------------------------------------------------------------------------
// Drawing helpers (numbers only; the page turns them into elements).

export interface Scale {
  min: number;
  max: number;
}

/** A log scale covering every band edge, for the band drawn beside each carbon value. */
export function bandScale(rows: readonly Row[]): Scale | null {
  let min = Infinity;
  let max = -Infinity;
  for (const row of rows) {
    const low = row.carbon?.low ?? row.carbonRange?.low;
    const high = row.carbon?.high ?? row.carbonRange?.high;
    if (low !== undefined && low > 0) min = Math.min(min, low);
    if (high !== undefined && high > 0) max = Math.max(max, high);
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return null;
  if (max <= min) return { min: min / 2, max: max * 2 };
  return { min, max };
}

/** Where a value sits on a log scale, 0..1 (clamped). */
export function logPosition(value: number, scale: Scale): number {
  if (!(value > 0)) return 0;
  const span = Math.log(scale.max) - Math.log(scale.min);
  if (span <= 0) return 0.5;
  return Math.min(1, Math.max(0, (Math.log(value) - Math.log(scale.min)) / span));
}

export type Tier = 'low' | 'medium' | 'high' | 'unknown';

/** Grid-intensity tiers for colour and shape: below 100 g/kWh low, 100–349 medium, 350 and above high. */
export const TIER_LIMITS = { medium: 100, high: 350 } as const;

export function intensityTier(gPerKWh: number | null | undefined): Tier {
  if (gPerKWh === null || gPerKWh === undefined) return 'unknown';
  if (gPerKWh < TIER_LIMITS.medium) return 'low';
  if (gPerKWh < TIER_LIMITS.high) return 'medium';
  return 'high';
}

/** The regions to put on the map: those of the given rows (all regions when rows name none). */
export function mapRegions(regions: readonly MapRegion[], rows: readonly Row[]): MapRegion[] {
  const wanted = new Set<string>();
  for (const r of rows) {
    if (r.carbon === null) continue;
    wanted.add(`${r.provider}:${r.region}`);
  }
  if (wanted.size === 0) return [...regions];
  return regions.filter((r) => wanted.has(`${r.provider}:${r.code}`));
}

// ---------------------------------------------------------------------------------------------------------
// Applying a finding's context to the page state.

/** When opened from a finding: recommend for its model from its region, within its provider. */
export function stateForContext(state: SavedState, context: SavedState['context']): SavedState {
  if (!context) return { ...state, context: null };
  const model = context.modelId ?? context.model ?? state.recommend.model;
  return {
    ...state,
    context,
    focus: null,
    tab: 'recommend',
    recommend: {
      ...state.recommend,
      model,
      providers: [context.provider as Provider],
      from: `${context.provider}:${context.currentRegion}`,
    },
  };
}

/** When opened from a hover or code-action link: the table for that model, its region marked, recommend primed. */
export function stateForFocus(state: SavedState, focus: Focus): SavedState {
  const from = focus.provider && focus.region ? `${focus.provider}:${focus.region}` : state.recommend.from;
  const model = focus.modelId ?? '';
  return {
    ...state,
    focus,
    tab: 'table',
    view: { ...state.view, filter: { ...defaultViewState().filter, model: model ? `model:${model}` : '' }, group: 'none', page: 0 },
    chartModel: model || state.chartModel,
    recommend: model ? { ...state.recommend, model, from } : { ...state.recommend, from },
  };
}

/** The region to mark as the one in use: the finding's, else the focused one. */
export function currentRegion(state: SavedState): { provider: Provider; region: string } | undefined {
  if (state.context) return { provider: state.context.provider, region: state.context.currentRegion };
  if (state.focus?.provider && state.focus.region) return { provider: state.focus.provider, region: state.focus.region };
  return undefined;
}
