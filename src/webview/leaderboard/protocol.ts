// The leaderboard's message protocol: every message in both directions, as zod schemas shared by the host
// (leaderboardPanel.ts) and the page (page/main.ts). Each side validates what it receives, because the webview
// is an untrusted boundary. Pure: no 'vscode', no DOM. zod/mini keeps the page bundle small (same checks).
import * as z from 'zod/mini';
import { CarbonSchema, ModelInfoSchema, ProviderSchema, RecommendationSchema, RowSchema } from '../../core/api/schemas';

export { VIEW_TYPE, LEADERBOARD_COMMAND } from './ids';

const text = (max = 500) => z.string().check(z.maxLength(max));
const nonEmpty = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const nonNegative = z.number().check(z.nonnegative());
const positive = z.number().check(z.positive());
const int = z.int();
const count = z.int().check(z.nonnegative());
const list = <T extends z.ZodMiniType>(item: T, max: number) => z.array(item).check(z.maxLength(max));
export { ProviderSchema, type Provider } from '../../core/api/schemas';
const regionCode = z.string().check(z.regex(/^[a-z0-9-]{1,64}$/));

// ---------------------------------------------------------------------------------------------------------
// Data shapes: the public answers of core/api (checked against what core produces there).

export { BandSchema, CarbonSchema, OptionSchema, ModelInfoSchema, RowSchema, RecommendationSchema } from '../../core/api/schemas';
export type { Band, Carbon, Option, ModelInfo, Row, RecommendationData } from '../../core/api/schemas';

/** One side of a comparison: a model in a region, with the calculator's inputs. */
export const CompareSideSchema = z.object({
  /** `unit`: what the side's carbon is per (output tokens; input tokens for an embedding model). */
  model: z.object({ id: text(), name: text(), tier: z.enum(['A', 'B', 'C']), unit: text() }),
  provider: ProviderSchema,
  region: regionCode,
  regionName: text(),
  jurisdiction: text(64),
  /** Whether the provider serves this model in this region in-region (a comparison may be hypothetical). */
  offered: z.boolean(),
  /** datetime/estimated: a live reading; fallback: live data was asked for, the yearly figure stands in (why). */
  grid: z.object({
    gPerKWh: nonNegative,
    year: int,
    datetime: z.optional(text(64)),
    estimated: z.optional(z.boolean()),
    fallback: z.optional(text()),
  }),
  pue: positive,
  /** kWh per million output tokens at the IT load (model-dependent only). */
  itKWhPerMTok: nonNegative,
  carbon: CarbonSchema,
});
export type CompareSide = z.infer<typeof CompareSideSchema>;

export const CompareResultSchema = z.object({
  a: CompareSideSchema,
  b: CompareSideSchema,
  /** A's central carbon (on the basis shown) divided by B's. */
  ratio: nonNegative,
  /** A's usage over B's: equals model × facility × grid (embodied emissions follow the model only). */
  usageRatio: z.optional(nonNegative),
  factors: z.object({ model: nonNegative, facility: nonNegative, grid: nonNegative }),
  /**
   * False when the order is within the uncertainty: for the same model, the uncertainty that does not cancel
   * between the places (grid zone choice, site PUE); for different models, their whole bands.
   */
  distinguishable: z.boolean(),
});
export type CompareResult = z.infer<typeof CompareResultSchema>;

export const MapRegionSchema = z.object({
  provider: ProviderSchema,
  code: regionCode,
  name: text(),
  jurisdiction: text(64),
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lon: z.number().check(z.gte(-180), z.lte(180)),
  gPerKWh: z.nullable(nonNegative),
  year: z.nullable(int),
});
export type MapRegion = z.infer<typeof MapRegionSchema>;

/** A finding the panel was opened from, as the page sees it (and saves, so the serializer can restore it). */
export const PageContextSchema = z.object({
  uri: text(4096),
  /** startLine, startCharacter, endLine, endCharacter (zero-based). */
  range: z.tuple([count, count, count, count]),
  provider: ProviderSchema,
  currentRegion: text(128),
  /** The text the range held when the finding was made (defaults to currentRegion). */
  text: z.optional(text(256)),
  /** The model as written in code, and its canonical id when the dataset knows it. */
  model: z.optional(text(256)),
  modelId: z.optional(text(256)),
  /** Shown to the user: `main.tf:12`. */
  label: text(4096),
});
export type PageContext = z.infer<typeof PageContextSchema>;

/** A lighter entry point (a hover or code action link): show this model and mark this region, no file to edit. */
export const FocusSchema = z.object({
  modelId: z.optional(text(256)),
  provider: z.optional(ProviderSchema),
  region: z.optional(regionCode),
});
export type Focus = z.infer<typeof FocusSchema>;

// ---------------------------------------------------------------------------------------------------------
// Saved page state (vscode.setState), read back by the page and by the host's WebviewPanelSerializer.

export const sortKeys = ['model', 'provider', 'region', 'jurisdiction', 'grid', 'carbon', 'priceIn', 'priceOut', 'throughput'] as const;
export const SortKeySchema = z.enum(sortKeys);
export type SortKey = z.infer<typeof SortKeySchema>;

export const ViewStateSchema = z.object({
  sort: z.object({ key: SortKeySchema, dir: z.enum(['asc', 'desc']) }),
  filter: z.object({
    /** '' for all, `model:<id>` or `family:<family>`. */
    model: text(300),
    provider: z.union([z.literal(''), ProviderSchema]),
    jurisdiction: text(64),
    openWeights: z.enum(['any', 'open', 'closed']),
    search: text(200),
  }),
  group: z.enum(['none', 'best']),
  page: count,
  /** Rows per page; 'all' shows every matching row on one page. */
  pageSize: z.union([z.literal(25), z.literal(50), z.literal(100), z.literal(250), z.literal('all')]),
});
export type PageSize = ViewState['pageSize'];
export type ViewState = z.infer<typeof ViewStateSchema>;

export const tabs = ['table', 'charts', 'compare', 'recommend'] as const;
export const TabSchema = z.enum(tabs);
export type Tab = z.infer<typeof TabSchema>;

const PickSchema = z.object({ model: text(300), key: text(200) });

export const RecommendFormSchema = z.object({
  model: text(300),
  providers: list(ProviderSchema, 3),
  jurisdictions: list(text(64), 50),
  near: text(200),
  maxDistanceKm: text(20),
  from: text(200),
});
export type RecommendForm = z.infer<typeof RecommendFormSchema>;

export const SavedStateSchema = z.object({
  version: z.literal(1),
  view: ViewStateSchema,
  tab: TabSchema,
  chartModel: text(300),
  compare: z.object({ a: PickSchema, b: PickSchema }),
  recommend: RecommendFormSchema,
  context: z.nullable(PageContextSchema),
  focus: z.optional(z.nullable(FocusSchema)),
});
export type SavedState = z.infer<typeof SavedStateSchema>;

// ---------------------------------------------------------------------------------------------------------
// Host → page.

const requestId = count;
/** At most this many search words are resolved per request (the rest still match as plain text). */
export const MAX_SEARCH_TERMS = 20;

export const InitMessageSchema = z.object({
  type: z.literal('init'),
  unit: text(),
  rows: list(RowSchema, 200_000),
  models: list(ModelInfoSchema, 10_000),
  regions: list(MapRegionSchema, 10_000),
  dataset: z.object({ gridYear: int, gridSource: text(), attribution: text(1000) }),
  context: z.nullable(PageContextSchema),
  focus: z.optional(FocusSchema),
  /** Canonical ids of the models the workspace uses, the one at the cursor first: what charts and compare start from. */
  workspaceModels: z.optional(list(text(256), 500)),
  /** What the rows' headline figures count (gridlens.carbon.basis); total when absent. */
  basis: z.optional(z.enum(['total', 'usage'])),
});
export type InitMessage = z.infer<typeof InitMessageSchema>;

/** Search words the host resolved as model ids written in code: `modelId` null when a word names no model. */
export const SearchResolvedSchema = z.object({
  type: z.literal('searchResolved'),
  matches: list(z.object({ term: text(200), modelId: z.nullable(text(256)) }), MAX_SEARCH_TERMS),
});
export type SearchResolved = z.infer<typeof SearchResolvedSchema>;

const failure = { ok: z.literal(false), error: text(2000), suggestions: list(text(), 20) };

export const HostMessageSchema = z.union([
  InitMessageSchema,
  z.object({ type: z.literal('context'), context: z.nullable(PageContextSchema) }),
  z.object({ type: z.literal('focus'), focus: FocusSchema }),
  z.union([
    z.object({ type: z.literal('recommendResult'), requestId, ok: z.literal(true), result: RecommendationSchema }),
    z.object({ type: z.literal('recommendResult'), requestId, ...failure }),
  ]),
  z.union([
    z.object({ type: z.literal('compareResult'), requestId, ok: z.literal(true), result: CompareResultSchema }),
    z.object({ type: z.literal('compareResult'), requestId, ...failure }),
  ]),
  z.object({ type: z.literal('notice'), level: z.enum(['info', 'error']), text: text(2000) }),
  SearchResolvedSchema,
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;
export type RecommendResultMessage = Extract<HostMessage, { type: 'recommendResult' }>;
export type CompareResultMessage = Extract<HostMessage, { type: 'compareResult' }>;

// ---------------------------------------------------------------------------------------------------------
// Page → host.

export const RecommendRequestSchema = z.object({
  type: z.literal('recommend'),
  requestId,
  model: nonEmpty(300),
  providers: list(ProviderSchema, 3),
  jurisdictions: list(z.string().check(z.regex(/^[A-Za-z]{2,8}$/)), 50),
  /** A region (`provider:code` or a code) or `lat,lon`; empty for no distance constraint. */
  near: z.optional(text(200)),
  maxDistanceKm: z.optional(z.number().check(z.positive(), z.lte(40_075))),
  /** The region used now, `provider:code`, for the saving against it. */
  from: z.optional(text(200)),
});
export type RecommendRequest = z.infer<typeof RecommendRequestSchema>;

const CompareTargetSchema = z.object({ model: nonEmpty(300), provider: ProviderSchema, region: regionCode });
export type CompareTarget = z.infer<typeof CompareTargetSchema>;

export const CompareRequestSchema = z.object({ type: z.literal('compare'), requestId, a: CompareTargetSchema, b: CompareTargetSchema });
export type CompareRequest = z.infer<typeof CompareRequestSchema>;

export const PageMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  RecommendRequestSchema,
  CompareRequestSchema,
  z.object({ type: z.literal('copy'), text: nonEmpty(200) }),
  z.object({ type: z.literal('useRegion'), provider: ProviderSchema, region: regionCode }),
  z.object({ type: z.literal('exportCsv'), csv: text(64 * 1024 * 1024), rows: count }),
  /** Ask the host to resolve search words as model ids written in code (core's resolver; the page has no aliases). */
  z.object({ type: z.literal('resolveSearch'), terms: z.array(nonEmpty(200)).check(z.minLength(1), z.maxLength(MAX_SEARCH_TERMS)) }),
]);
export type PageMessage = z.infer<typeof PageMessageSchema>;

/** Parses a message from the other side; undefined (with the reason) when it does not fit the protocol. */
export function parseMessage<T>(schema: z.ZodMiniType<T>, data: unknown): { ok: true; message: T } | { ok: false; reason: string } {
  const parsed = z.safeParse(schema, data);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid message' };
}
