// The published types of the library entry (dist/lib.d.ts and dist/lib.d.mts). Self-contained on purpose: a
// consumer needs no zod. test/unit/library.test.ts proves at compile time that every type here equals what
// src/lib/index.ts and the schemas of src/core/api/schemas.ts say; the npm package test type-checks a consumer.

export type Provider = 'aws' | 'gcp' | 'azure';

/** gCO2e per million output tokens: central value and uncertainty band. */
export interface Band {
  central: number;
  low: number;
  high: number;
}

/**
 * Where a datum comes from: `sourced` (its source lists it), `derived` (built by `rule` from a source's facts) or
 * `unverified` (no source confirms it: `reason`; shown, never recommended).
 */
export interface Provenance {
  status: 'sourced' | 'derived' | 'unverified';
  rule?: string;
  reason?: string;
}

/** A provider shut the model down on `on` (per `source`). */
export interface Retirement {
  on: string;
  source: string;
}

/** What a headline figure counts: usage + embodied hardware emissions (the default), or usage only. */
export type CarbonBasis = 'total' | 'usage';

/**
 * A headline figure (life-cycle, location-based grid intensity, yearly average): central/low/high count what
 * `basis` says, with usage (energy × PUE × grid), embodied (hardware) and their total, each with its band.
 */
export interface Carbon extends Band {
  basis?: CarbonBasis;
  usage?: Band;
  embodied?: Band;
  total?: Band;
}

/** One place a model can be called: a region, or (geo/global) a geography whose carbon is a range. */
export interface Option {
  provider: Provider;
  service: string;
  placement: 'regional' | 'geo' | 'global';
  geo?: string;
  /** Region code; for geo/global options the geography (`eu`, `global`). */
  region: string;
  regionName: string;
  jurisdiction: string;
  /** `method`: how the figure is counted ("life-cycle, location-based, yearly average"). */
  gridIntensity: { gPerKWh: number; year: number; source: string; zone: string; method?: string } | null;
  carbon: Carbon | null;
  carbonRange?: { min: number; max: number; low: number; high: number; destinations: string[]; basis?: CarbonBasis };
  /**
   * `basis`: what the figure is ("us-east-1 list price"); `region`: the region it is for, where prices differ by
   * region; `note`: where sources disagree, which one is used; `provenance`: derived when shown for another region.
   */
  price: {
    input: number;
    output: number;
    source: string;
    asOf: string;
    unit: 'USD per million tokens';
    basis: string;
    region?: string;
    note?: string;
    provenance: Provenance;
  } | null;
  /** Output tokens per second where a licensed source gives it, else null. */
  throughput: number | null;
  /** What the throughput is: source, hardware, how it was measured. */
  throughputNote?: string;
  /** Of the region (geo/global: of the destination set), with the offering's source. */
  provenance: Provenance & { source: string };
  retired?: Retirement;
  /** Why the option is shown but never recommended (a retired model, regions no source confirms). */
  notRecommended?: string;
}

export interface Saving {
  gPerMTok: number;
  percent: number;
}

export interface Recommendation {
  model: { id: string; name: string; matchedAlias: string; tier: 'A' | 'B' | 'C'; retired?: Retirement };
  unit: string;
  recommended: Option | null;
  /** Every other allowed regional option, ascending by central carbon. */
  alternatives: Option[];
  dirtiest: Option | null;
  /** Cross-region profiles and global endpoints: ranges, never ranked as a point. */
  profiles: Option[];
  /** Allowed regional options shown but never ranked (a retired model, regions no source confirms). */
  unranked: Option[];
  savings: { vsDirtiest: Saving | null; vsFrom?: Saving & { from: string; fromOffersModel: boolean } };
  /** Options removed by the constraints. */
  excluded: number;
}

export interface SourceRef {
  id: string;
  title?: string;
  url?: string;
  licence?: string;
  dataYear?: number | string;
}

export interface Estimate {
  model: {
    id: string;
    name: string;
    matchedAlias: string;
    /** `family`: a version the catalogue does not list, estimated with its family's prior. */
    matchedBy: 'alias' | 'family';
    tier: 'A' | 'B' | 'C';
    architecture: 'dense' | 'moe';
    params: { total: { min: number; max: number }; active: { min: number; max: number }; source: string };
    /**
     * Embedding models are figured per million input tokens; image and audio models billed per token per million
     * output tokens with their audio or image tokens counted as tokens (see `unit`).
     */
    kind: 'generation' | 'embedding' | 'image' | 'video' | 'audio';
  };
  region: { provider: Provider; code: string; name: string; jurisdiction: string; servesModel: boolean };
  unit: string;
  carbon: Carbon;
  /** The embodied part's central value (also carbon.embodied.central). */
  embodied?: number;
  inputs: {
    energy: {
      basis: 'measured' | 'fitted';
      gpuJPerToken: number;
      effectiveParamsB: Band;
      precisionFactor: number;
      kSys: number;
      kWhPerMTokAtFacility: Band;
      source: SourceRef;
      paramsSource: SourceRef;
    };
    pue: { value: number; year?: number; source: SourceRef };
    gridIntensity: { gPerKWh: number; year: number; zone: string; source: SourceRef; method?: string };
    providerReportedGrid?: { gPerKWh: number; year?: number; source: SourceRef };
  };
}

export interface LeaderboardRow extends Option {
  model: {
    id: string;
    name: string;
    family: string;
    creator: string;
    openWeights: boolean;
    tier: 'A' | 'B' | 'C';
    kind?: 'generation' | 'embedding' | 'image' | 'video' | 'audio';
    /** Unit of the model's carbon figures, or "no per-token figure". */
    unit?: string;
  };
}

export interface Leaderboard {
  unit: string;
  rows: LeaderboardRow[];
}

export interface RegionInfo {
  provider: Provider;
  code: string;
  name: string;
  jurisdiction: string;
  gridZone: string;
  gridIntensity: { gPerKWh: number; year: number } | null;
}

export interface RecommendQuery {
  /** A model id as code writes it (any platform alias). */
  model: string;
  /** Providers to consider (any case); all when absent. */
  provider?: readonly string[];
  /** Allowed jurisdictions (EU, EEA, UK, CH or ISO country codes); any when absent. */
  jurisdiction?: string[];
  /** A region (`provider:code`, a code, a zone, an Azure display name) or `lat,lon`. */
  near?: string;
  /** Distance limit around `near` in km (default 1000 when `near` is given). */
  maxDistanceKm?: number;
  /** The region used now (`provider:code`), for the saving of moving away from it. */
  from?: string;
  /** What figures count: `total` (usage + embodied, the default) or `usage` only. */
  basis?: CarbonBasis;
}

export interface EstimateQuery {
  model: string;
  /** `provider:code` (or a bare code, zone or Azure display name). */
  region: string;
  /** What figures count: `total` (usage + embodied, the default) or `usage` only. */
  basis?: CarbonBasis;
}

export interface LeaderboardQuery {
  model?: string[];
  provider?: readonly string[];
  jurisdiction?: string[];
  /** What figures count: `total` (usage + embodied, the default) or `usage` only. */
  basis?: CarbonBasis;
}

export interface RegionsQuery {
  provider?: readonly string[];
}

/** The cleanest region serving a model under constraints, alternatives ranked, savings (`gridlens recommend`). */
export declare function recommend(query: RecommendQuery): Recommendation;
/** One model in one region with every input and its source (`gridlens estimate`). */
export declare function estimate(query: EstimateQuery): Estimate;
/** Every model × offering × region, ascending by carbon (`gridlens leaderboard`). */
export declare function leaderboard(query?: LeaderboardQuery): Leaderboard;
/** Every region with its grid zone and intensity, cleanest first (`gridlens regions`). */
export declare function regions(query?: RegionsQuery): { regions: RegionInfo[] };

/** A query value that does not fit its parameter. */
export declare class InvalidParameterError extends Error {
  readonly parameter: string;
  readonly reason: string;
  constructor(parameter: string, reason: string);
}

/** No model of the dataset goes by this name; suggestions are the closest known names. */
export declare class UnknownModelError extends Error {
  readonly query: string;
  readonly suggestions: string[];
  constructor(query: string, suggestions: string[]);
}

/** No region of the dataset goes by this name; parameter is the query parameter that named it. */
export declare class UnknownRegionError extends Error {
  readonly query: string;
  readonly suggestions: string[];
  readonly parameter?: string;
  constructor(query: string, suggestions: string[], parameter?: string);
}
