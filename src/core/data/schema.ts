// The dataset's shape. The YAML files in data/ are checked against these schemas when the dataset is
// compiled (scripts/compile-data.ts) and the compiled dataset is checked again when it is loaded.
import * as z from 'zod';
import { providerIds } from './providerIds';

export const ProviderId = z.enum(providerIds);
export type ProviderId = z.infer<typeof ProviderId>;

const sourceId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'source ids are lower-case kebab-case');
const isoDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected YYYY-MM or YYYY-MM-DD');

export const Source = z.strictObject({
  id: sourceId,
  title: z.string().min(1),
  url: z.string().url(),
  licence: z.string().min(1),
  dataYear: z.union([z.number().int(), z.string().min(1)]),
  retrieved: isoDate,
  attribution: z.string().optional(),
  notes: z.string().optional(),
});
export type Source = z.infer<typeof Source>;

/** A number with the source it comes from. */
export const SourcedNumber = z.strictObject({
  value: z.number(),
  source: sourceId,
  year: z.number().int().optional(),
});
export type SourcedNumber = z.infer<typeof SourcedNumber>;

export const Region = z.strictObject({
  provider: ProviderId,
  code: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  city: z.string().min(1),
  country: z.string().length(2),
  /** EU, EEA, UK, CH, or the ISO-3166 alpha-2 code: what data-residency rules care about. */
  jurisdiction: z.string().min(2),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** Electricity Maps zone key whose yearly intensity this region uses. */
  gridZone: z.string().min(2),
  /** Why this zone was chosen over the alternative, when the choice is contested. */
  gridZoneReason: z.string().optional(),
  altGridZone: z.string().optional(),
  /** The provider's own published grid figure (Google's per-region file), shown beside ours. */
  providerReported: SourcedNumber.optional(),
  /** Provider display names and other spellings code uses ("East US", "useast"). */
  aliases: z.array(z.string()).default([]),
  source: sourceId,
});
export type Region = z.infer<typeof Region>;

export const Provider = z.strictObject({
  id: ProviderId,
  name: z.string(),
  pue: SourcedNumber,
  /**
   * PUE at the provider's individual sites, lowest and highest: a region's own site is somewhere in between, which
   * two regions of the same provider do not share (same-model comparisons count it; see calculator.distinguishable).
   */
  pueSites: z.strictObject({ low: z.number().positive(), high: z.number().positive(), source: sourceId, note: z.string().optional() }).optional(),
});
export type Provider = z.infer<typeof Provider>;

/** A parameter count in billions: exact for open models, a [min, max] prior for closed ones. */
export const ParamRange = z.preprocess(
  (v) => (typeof v === 'number' ? { min: v, max: v } : v),
  z.strictObject({ min: z.number().positive(), max: z.number().positive() }).refine((r) => r.min <= r.max, 'min must not exceed max'),
);
export type ParamRange = z.infer<typeof ParamRange>;

export const aliasPlatforms = [
  'openai', 'anthropic', 'google-ai', 'mistral', 'cohere', 'deepseek', 'xai',
  'aws-bedrock', 'gcp-vertex', 'azure-openai', 'azure-ai',
  'huggingface', 'together', 'groq', 'fireworks', 'openrouter', 'ollama', 'other',
] as const;

export const ModelAlias = z.strictObject({
  id: z.string().min(1),
  platform: z.enum(aliasPlatforms),
  /** Precision the platform serves this alias at, when it differs from the model's default. */
  precision: z.enum(['bf16', 'fp8', 'int4']).optional(),
  status: z.enum(['current', 'legacy', 'retired', 'renamed']).optional(),
});
export type ModelAlias = z.infer<typeof ModelAlias>;

/**
 * What a model produces, which decides the unit of its figures: generation models per million output tokens,
 * embedding models per million input tokens (prefill only), media models (image, video, audio) per million output
 * tokens with their audio or image tokens counted where a size is known (params), else no per-token figure at all.
 */
export const modelKinds = ['generation', 'embedding', 'image', 'video', 'audio'] as const;
export const ModelKind = z.enum(modelKinds);
export type ModelKind = z.infer<typeof ModelKind>;

/** Output speed of a model where a licensed source gives it, with what was measured. */
export const Speed = z.strictObject({
  outputTokensPerSecond: z.number().positive(),
  /** Time to first token, seconds. */
  ttftSeconds: z.number().positive().optional(),
  /** What the figure is: where and how it was measured. */
  measured: z.string().min(1),
  source: sourceId,
});
export type Speed = z.infer<typeof Speed>;

/** The provider shut the model down: still recognised in code and shown, never recommended. */
export const Retirement = z.strictObject({
  on: isoDate,
  source: sourceId,
});
export type Retirement = z.infer<typeof Retirement>;

export const Model = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9.-]+(@[a-z0-9.-]+)?$/, 'canonical ids are creator/model-slug[@version], lower case'),
  name: z.string().min(1),
  creator: z.string().min(1),
  family: z.string().min(1),
  /** Absent means generation. */
  kind: ModelKind.optional(),
  openWeights: z.boolean(),
  architecture: z.enum(['dense', 'moe']),
  /**
   * Required for generation and embedding models. A media model has one only when it is billed per token and EcoLogits
   * (or a family prior over its entries) gives its size; without it, no per-token figure.
   */
  params: z.strictObject({ total: ParamRange, active: ParamRange, source: sourceId }).optional(),
  /** A measured, B known size, C size prior (closed model). */
  tier: z.enum(['A', 'B', 'C']),
  /** Precision of typical deployments; fp8 lowers energy by the calculator's q factor. */
  precision: z.enum(['bf16', 'fp8']).default('bf16'),
  /** Tier A: measured GPU joules per output token (H100, batch 128) replacing the fitted curve. */
  measured: z.strictObject({ jPerToken: z.number().positive(), gpu: z.string(), batch: z.number().int(), source: sourceId }).optional(),
  speed: Speed.optional(),
  /**
   * A family prior: the model stands for every version of a family the catalogue does not list yet. Names matching
   * this pattern (case-insensitive, tried after every alias) resolve to it, flagged `matchedBy: 'family'`.
   */
  familyPattern: z.string().optional(),
  aliases: z.array(ModelAlias),
  retired: Retirement.optional(),
  notes: z.string().optional(),
});
export type Model = z.infer<typeof Model>;


export const services = ['bedrock', 'vertex', 'azure-openai', 'azure-ai'] as const;
export const Service = z.enum(services);
export type Service = z.infer<typeof Service>;

/**
 * How a service places requests: `regional` runs in the region called; `geo` (a Bedrock cross-region profile,
 * an Azure Data Zone, a Vertex multi-region) runs somewhere inside a geography; `global` anywhere.
 */
export const Placement = z.enum(['regional', 'geo', 'global']);
export type Placement = z.infer<typeof Placement>;

/**
 * Where a datum comes from. `sourced`: its source lists it as it is. `derived`: built from its source's facts by
 * `rule` (a destination set no provider publishes, say). `unverified`: no source confirms it (`reason`); shown, but
 * never recommended.
 */
export const provenanceStatuses = ['sourced', 'derived', 'unverified'] as const;
export const ProvenanceStatus = z.enum(provenanceStatuses);
export type ProvenanceStatus = z.infer<typeof ProvenanceStatus>;
export const Provenance = z.strictObject({
  status: ProvenanceStatus,
  rule: z.string().min(1).optional(),
  reason: z.string().min(1).optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const Price = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  source: sourceId,
  asOf: isoDate,
  /** What the figure is, shown beside it: "us-east-1 list price", "Global Standard list price"… */
  basis: z.string().min(1),
  /** The region the price is for, where the provider prices regions differently; elsewhere it is only an approximation. */
  region: z.string().optional(),
  /** Where sources disagree: which one is used and why. */
  note: z.string().min(1).optional(),
  /** Per-region list prices where a licensed source gives them (they replace `input`/`output` in that region). */
  byRegion: z.record(z.string(), z.strictObject({ input: z.number().nonnegative(), output: z.number().nonnegative(), source: sourceId, asOf: isoDate })).optional(),
});
export type Price = z.infer<typeof Price>;

export const Offering = z.strictObject({
  model: z.string(),
  provider: ProviderId,
  service: Service,
  placement: Placement,
  /** For geo placements: the geography key (Bedrock profile prefix `us`/`eu`/`apac`…, Azure `us`/`eu` data zone). */
  geo: z.string().optional(),
  /**
   * regional: the regions that serve the model in-region; geo/global: the destination regions. Empty only when
   * `regionsKnown` is false: the service is known to offer the model, but no source we have lists where.
   */
  regions: z.array(z.string()),
  /** Absent means true. */
  regionsKnown: z.boolean().optional(),
  /** Of `regions` (for geo and global placements: the destination set). */
  provenance: Provenance,
  price: Price.optional(),
  /** Output tokens per second per stream, where a licensed source gives it. */
  throughput: SourcedNumber.optional(),
  source: sourceId,
  asOf: isoDate,
});
export type Offering = z.infer<typeof Offering>;

export const CalculatorCoefficients = z.strictObject({
  /** GPU joules per output token = a · P_eff^b (P in billions; H100, BF16, max batch 128). */
  a: z.number().positive(),
  b: z.number().positive(),
  /** Host CPU/DRAM, networking and idle reserve on top of GPU energy. */
  kSys: z.number().min(1),
  /** MoE effective size exponent: P_eff = P_active^(1-γ) · P_total^γ. */
  moeGamma: z.number().min(0).max(1),
  /** Energy factor for FP8 deployments. */
  fp8Factor: z.number().positive().max(1),
  bandLow: z.number().positive().max(1),
  bandHigh: z.number().min(1),
  /** Energy of an input token relative to an output token. */
  inputTokenWeight: z.number().nonnegative(),
  /** Embodied gCO2e per million output tokens per (GPU J/token). */
  embodiedGPerMTokPerJ: z.number().nonnegative(),
  source: sourceId,
});
export type CalculatorCoefficients = z.infer<typeof CalculatorCoefficients>;

/** Yearly average grid intensity of one Electricity Maps zone, gCO2e/kWh by year. */
export const GridZone = z.strictObject({
  name: z.string(),
  intensity: z.record(z.string().regex(/^\d{4}$/), z.number().nonnegative()),
});
export type GridZone = z.infer<typeof GridZone>;

export const Dataset = z.strictObject({
  sources: z.array(Source),
  grid: z.strictObject({
    source: sourceId,
    defaultYear: z.number().int(),
    years: z.array(z.number().int()),
    zones: z.record(z.string(), GridZone),
  }),
  providers: z.array(Provider),
  regions: z.array(Region),
  models: z.array(Model),
  offerings: z.array(Offering),
  calculator: CalculatorCoefficients,
});
export type Dataset = z.infer<typeof Dataset>;
export type DatasetInput = z.input<typeof Dataset>;
