// The stable JSON shape of `gridlens scan` (documented in README), shared by the JSON, table and SARIF outputs.
import { EMBEDDING_CARBON_UNIT, type CarbonBasis, type NO_TOKEN_FIGURE, type TokenUnit } from '../core/carbon/units';
import type { Band } from '../core/carbon/calculator';

/** Both parts of a figure and their total, each with its band; `basis` says which one gPerMTok/low/high is. */
export interface ReportParts {
  basis?: CarbonBasis;
  usage?: Band;
  embodied?: Band;
  total?: Band;
}
import type { ModelKind } from '../core/data/schema';
import type { Finding, PairState, ScanError } from '../core/scan/types';

export interface ReportFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  kind: Finding['kind'];
  provider: string | null;
  text: string;
  /** Region code or canonical model id; null when unknown. */
  value: string | null;
  role: Finding['role'];
  /** Closest known names for an unknown value. */
  closest?: string[];
  /**
   * The unit of `carbon.gPerMTok` (per million output tokens; input tokens for embedding models; output tokens with
   * audio and image tokens counted for media models billed per token): on model findings of a known model ("no
   * per-token figure" for media models with no token basis) and on region findings with a paired model.
   */
  unit?: TokenUnit | typeof NO_TOKEN_FIGURE;
  /** Model findings of a model that does not generate text: embedding, image, video or audio. */
  modelKind?: Exclude<ModelKind, 'generation'>;
  /**
   * With `--live`: gridSource (`electricity-maps-latest` for a live reading), gridDatetime (its hour) or gridFallback
   * (why the yearly figure stands in).
   */
  carbon?: ReportParts & {
    gridGPerKWh?: number;
    gridYear?: number;
    gPerMTok?: number;
    low?: number;
    high?: number;
    model?: string;
    region?: string;
    range?: { min: number; max: number; geo: string; derivedFrom?: string[] };
    gridSource?: string;
    gridDatetime?: string;
    gridFallback?: string;
  };
  /** `distinguishable`: with a paired model, whether the saving exceeds the uncertainty that does not cancel for the same model. */
  suggestion?: {
    provider: string;
    region: string;
    regionName: string;
    jurisdiction: string;
    gridGPerKWh: number;
    gPerMTok?: number;
    savingPercent: number;
    sameJurisdiction: boolean;
    distinguishable?: boolean;
  };
}

export interface ReportPair {
  model: { file: string; line: number; value: string };
  region: { file: string; line: number; value: string } | null;
  state: PairState;
  /** The geography of a geo-profile pair (`eu`, `us`…), apart from the state as the README documents. */
  geo?: string;
  note?: string;
  evidence: string[];
  carbon?: ReportParts & { gPerMTok?: number; low?: number; high?: number; range?: { min: number; max: number; derivedFrom?: string[] } };
  /** The unit of `carbon`, when there is one. */
  unit?: TokenUnit;
}

export interface ScanReport {
  version: number;
  /** What every figure's gPerMTok/low/high counts: usage + embodied (`total`, the default) or usage only (`--usage-only`). */
  basis: CarbonBasis;
  /** How every grid figure is counted: "life-cycle, location-based, yearly average" (with `--live`, live readings where a zone had one). */
  gridMethod: string;
  findings: ReportFinding[];
  pairs: ReportPair[];
  errors: ScanError[];
}

/** The carbon figure a threshold is compared with: the central value in a region, the lowest destination for a spread. */
export function pairValue(p: ReportPair): number | undefined {
  // The threshold is per million output tokens: an embedding model's figure (per input token) is not compared with it.
  if (!p.carbon || p.unit === EMBEDDING_CARBON_UNIT) return undefined;
  return p.carbon.gPerMTok ?? p.carbon.range?.min;
}

/** Where a pair without a region runs, in words: its state, with the geography of a geo profile. */
export const pairPlace = (p: ReportPair): string => (p.geo && p.state === 'geo-profile' ? `geo-profile ${p.geo}` : p.state);
