// The public answers of GridLens (recommend, estimate, leaderboard, regions) and the queries that ask for them, as
// zod schemas: one definition shared by the CLI's JSON, the HTTP server (which validates queries with them and
// generates its OpenAPI document from them), the library's types and the leaderboard page's protocol.
// zod/mini keeps the page bundle small (same checks).
import * as z from 'zod/mini';
import { providerIds } from '../data/providerIds';

const text = (max = 500) => z.string().check(z.maxLength(max));
const num = z.number();
const nonNegative = z.number().check(z.nonnegative());
const int = z.int();
const count = z.int().check(z.nonnegative());
const list = <T extends z.ZodMiniType>(item: T, max: number) => z.array(item).check(z.maxLength(max));
const tier = z.enum(['A', 'B', 'C']);

export const ProviderSchema = z.enum(providerIds);
export type Provider = z.infer<typeof ProviderSchema>;

// ---------------------------------------------------------------------------------------------------------
// Answers (mirrors of core's OptionSummary, LeaderboardRow and Recommendation; checked at compile time in queries.ts).

export const BandSchema = z.object({ central: num, low: num, high: num });
export type Band = z.infer<typeof BandSchema>;

/**
 * Live grid fields, present only when live data was asked for: datetime and estimated for a live reading (source
 * `electricity-maps-latest`), fallback (why) when the yearly figure stands in.
 */
const liveGridFields = {
  datetime: z.optional(text(64)),
  estimated: z.optional(z.boolean()),
  fallback: z.optional(text()),
};
/** Where a datum comes from: a source lists it, a stated rule built it, or no source confirms it. */
export const ProvenanceSchema = z.object({
  status: z.enum(['sourced', 'derived', 'unverified']),
  rule: z.optional(text(1000)),
  reason: z.optional(text(1000)),
});
export type ProvenanceData = z.infer<typeof ProvenanceSchema>;
const BasisSchema = z.enum(['total', 'usage']);
/**
 * A headline figure: central/low/high on `basis` (`total` = usage + embodied, the default; or `usage`), with both
 * parts and their total. Core always fills the parts; they are optional so a row written before them still reads.
 */
export const CarbonSchema = z.extend(BandSchema, {
  basis: z.optional(BasisSchema),
  usage: z.optional(BandSchema),
  embodied: z.optional(BandSchema),
  total: z.optional(BandSchema),
});
export type Carbon = z.infer<typeof CarbonSchema>;

export const OptionSchema = z.object({
  provider: ProviderSchema,
  service: text(64),
  placement: z.enum(['regional', 'geo', 'global']),
  geo: z.optional(text(64)),
  region: text(128),
  regionName: text(),
  jurisdiction: text(64),
  /** `method`: how the figure is counted ("life-cycle, location-based, yearly average" or "… latest hourly reading"). */
  gridIntensity: z.nullable(
    z.object({ gPerKWh: nonNegative, year: int, source: text(), zone: text(128), method: z.optional(text()), ...liveGridFields }),
  ),
  carbon: z.nullable(CarbonSchema),
  carbonRange: z.optional(
    z.object({
      min: num,
      max: num,
      low: num,
      high: num,
      destinations: list(text(128), 500),
      basis: z.optional(BasisSchema),
      liveGrid: z.optional(z.object({ live: count, yearly: count, fallback: z.optional(text()) })),
    }),
  ),
  price: z.nullable(
    z.object({
      input: nonNegative,
      output: nonNegative,
      source: text(),
      asOf: text(32),
      unit: z.literal('USD per million tokens'),
      /** What the figure is: "us-east-1 list price", "Global Standard list price"… */
      basis: text(),
      /** The region the price is for, where the provider prices regions differently. */
      region: z.optional(text(128)),
      /** Where sources disagree: which one is used and why. */
      note: z.optional(text(1000)),
      provenance: ProvenanceSchema,
    }),
  ),
  throughput: z.nullable(nonNegative),
  throughputNote: z.optional(text()),
  /** Of the region, or for geo/global options of the destination set; `source`: the offering's source. */
  provenance: z.extend(ProvenanceSchema, { source: text() }),
  /** The provider shut the model down on `on`: shown, never recommended. */
  retired: z.optional(z.object({ on: text(32), source: text() })),
  /** Why this option is shown but never recommended (a retired model, regions no source confirms). */
  notRecommended: z.optional(text(1000)),
});
export type Option = z.infer<typeof OptionSchema>;

/** What a model produces; image, video and audio models have a figure only where they are counted in tokens. */
const ModelKindSchema = z.enum(['generation', 'embedding', 'image', 'video', 'audio']);

export const ModelInfoSchema = z.object({
  id: text(),
  name: text(),
  family: text(),
  creator: text(),
  openWeights: z.boolean(),
  tier,
  kind: z.optional(ModelKindSchema),
  /** Unit of the model's carbon figures, or "no per-token figure". */
  unit: z.optional(text()),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const RowSchema = z.extend(OptionSchema, { model: ModelInfoSchema });
export type Row = z.infer<typeof RowSchema>;

const SavingSchema = z.object({ gPerMTok: num, percent: num });

export const RecommendationSchema = z.object({
  model: z.object({
    id: text(),
    name: text(),
    matchedAlias: text(),
    tier,
    retired: z.optional(z.object({ on: text(32), source: text() })),
  }),
  unit: text(),
  recommended: z.nullable(OptionSchema),
  alternatives: list(OptionSchema, 5000),
  dirtiest: z.nullable(OptionSchema),
  profiles: list(OptionSchema, 5000),
  /** Regional options shown but never ranked: the model is retired, or no source confirms the region (`notRecommended`). */
  unranked: list(OptionSchema, 5000),
  savings: z.object({
    vsDirtiest: z.nullable(SavingSchema),
    vsFrom: z.optional(z.extend(SavingSchema, { from: text(), fromOffersModel: z.boolean() })),
  }),
  excluded: count,
});
export type RecommendationData = z.infer<typeof RecommendationSchema>;

export const LeaderboardSchema = z.object({ unit: text(), rows: list(RowSchema, 200_000) });
export type LeaderboardData = z.infer<typeof LeaderboardSchema>;

/** A source as an answer cites it; only the id when the dataset does not describe it. */
const SourceRefSchema = z.object({
  id: text(),
  title: z.optional(text(1000)),
  url: z.optional(text(2000)),
  licence: z.optional(text()),
  dataYear: z.optional(z.union([int, text()])),
});
const ParamRangeSchema = z.object({ min: num, max: num });

export const EstimateSchema = z.object({
  model: z.object({
    id: text(),
    name: text(),
    matchedAlias: text(),
    /** `family`: a version the catalogue does not list, estimated with its family's prior. */
    matchedBy: z.enum(['alias', 'family']),
    tier,
    architecture: z.enum(['dense', 'moe']),
    params: z.object({ total: ParamRangeSchema, active: ParamRangeSchema, source: text() }),
    kind: ModelKindSchema,
  }),
  region: z.object({ provider: ProviderSchema, code: text(128), name: text(), jurisdiction: text(64), servesModel: z.boolean() }),
  unit: text(),
  carbon: CarbonSchema,
  /** The embodied part's central value (also carbon.embodied.central). */
  embodied: z.optional(nonNegative),
  inputs: z.object({
    energy: z.object({
      basis: z.enum(['measured', 'fitted']),
      gpuJPerToken: nonNegative,
      effectiveParamsB: BandSchema,
      precisionFactor: nonNegative,
      kSys: nonNegative,
      kWhPerMTokAtFacility: BandSchema,
      source: SourceRefSchema,
      paramsSource: SourceRefSchema,
    }),
    pue: z.object({ value: nonNegative, year: z.optional(int), source: SourceRefSchema }),
    gridIntensity: z.object({
      gPerKWh: nonNegative,
      year: int,
      zone: text(128),
      source: SourceRefSchema,
      method: z.optional(text()),
      ...liveGridFields,
    }),
    providerReportedGrid: z.optional(z.object({ gPerKWh: nonNegative, year: z.optional(int), source: SourceRefSchema })),
  }),
});
export type EstimateData = z.infer<typeof EstimateSchema>;

export const RegionsSchema = z.object({
  regions: list(
    z.object({
      provider: ProviderSchema,
      code: text(128),
      name: text(),
      jurisdiction: text(64),
      gridZone: text(128),
      gridIntensity: z.nullable(z.object({ gPerKWh: nonNegative, year: int, source: z.optional(text()), ...liveGridFields })),
    }),
    10_000,
  ),
});
export type RegionsData = z.infer<typeof RegionsSchema>;

// ---------------------------------------------------------------------------------------------------------
// Queries: what the library takes, and what the server reads from a query string (list parameters may repeat or
// be comma-separated). Names, formats and limits are checked here; meaning (does the model exist, is `near` a
// region) is checked by queries.ts, which names the parameter in an InvalidParameterError.

const described = <T extends z.ZodMiniType>(schema: T, description: string) => schema.check(z.describe(description)) as T;
const modelQuery = described(
  z.string().check(z.minLength(1), z.maxLength(300)),
  'A model id as code writes it (any platform alias: Bedrock, Vertex, Azure, OpenAI, Hugging Face, LiteLLM prefixes).',
);
const regionQuery = z.string().check(z.minLength(1), z.maxLength(200));
const providers = described(list(ProviderSchema, 3), 'Cloud providers to consider (repeat or comma-separate); all when absent.');
const basis = described(BasisSchema, 'What figures count: `total` (usage + embodied hardware emissions, the default) or `usage` only.');
const jurisdictions = described(
  list(z.string().check(z.regex(/^[A-Za-z]{2,8}$/)), 50),
  'Allowed jurisdictions (EU, EEA, UK, CH or ISO country codes; repeat or comma-separate); any when absent.',
);

export const RecommendQuerySchema = z.strictObject({
  model: modelQuery,
  provider: z.optional(providers),
  jurisdiction: z.optional(jurisdictions),
  near: z.optional(
    described(
      regionQuery,
      'A region (`provider:code`, a code, a zone or an Azure display name) or `lat,lon`: only regions within maxDistanceKm of it.',
    ),
  ),
  maxDistanceKm: z.optional(
    described(z.number().check(z.positive(), z.lte(40_075)), 'Distance limit around `near` in km (default 1000 when `near` is given).'),
  ),
  from: z.optional(described(regionQuery, 'The region used now (`provider:code`), for the saving of moving away from it.')),
  basis: z.optional(basis),
});
export type RecommendQuery = z.infer<typeof RecommendQuerySchema>;

export const EstimateQuerySchema = z.strictObject({
  model: modelQuery,
  region: described(regionQuery, 'The region, `provider:code` (or a bare code, zone or Azure display name).'),
  basis: z.optional(basis),
});
export type EstimateQuery = z.infer<typeof EstimateQuerySchema>;

export const LeaderboardQuerySchema = z.strictObject({
  model: z.optional(described(list(modelQuery, 50), 'Models to keep (repeat or comma-separate); all when absent.')),
  provider: z.optional(providers),
  jurisdiction: z.optional(jurisdictions),
  basis: z.optional(basis),
});
export type LeaderboardQuery = z.infer<typeof LeaderboardQuerySchema>;

export const RegionsQuerySchema = z.strictObject({ provider: z.optional(providers) });
export type RegionsQuery = z.infer<typeof RegionsQuerySchema>;
