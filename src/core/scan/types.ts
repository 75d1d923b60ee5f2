// What the scanner reports: findings (a model id or a region as written) and model ↔ region pairs.
import type { ProviderId } from '../data/schema';

/** 0-based offsets into the document text; the editor and the CLI convert them to lines and columns. */
export interface TextRange {
  start: number;
  end: number;
}

export type FindingKind = 'region' | 'model';

/**
 * inference: decides where a model call runs; deployment: a real setting for other infrastructure;
 * permission: a region inside an IAM ARN; mention: comments, prose, examples, allowed-value lists.
 */
export type Role = 'inference' | 'deployment' | 'permission' | 'mention';

export interface Finding {
  kind: FindingKind;
  /** Range of the value itself, without quotes. */
  range: TextRange;
  /** The text as written. */
  text: string;
  /** Canonical value: region code or canonical model id; undefined when unknown. */
  value?: string;
  provider?: ProviderId;
  role: Role;
  /** For unknown or misspelt values: the closest known names. */
  suggestions?: string[];
  /** Where the value is defined when the setting at `range` only refers to it (var.region → its default). */
  definedAt?: SourceLocation;
  /**
   * Bedrock geo profile (`us`, `eu`, …, `global`) for model ids that carry one; `global` for a region finding that is
   * a location naming a global endpoint (Vertex AI's `global`), which has no value.
   */
  geo?: string;
  /** Short reason for the role, for hovers and debugging (`provider "aws" block`, `comment`). */
  evidence?: string;
  /** Suppressed by a gridlens-ignore comment. */
  ignored?: boolean;
  /** A mention in free text (comment, commented-out code, docstring, description): explained on hover, no inlay hint. */
  prose?: boolean;
  /**
   * A mention until a model call reads it: one of a table's model ids (`MODELS = { CHAT: { MAIN: … } }`), or the id
   * given to a function another module may make as an AI SDK provider (`azureEmb('gpt-4.1')`).
   */
  untilRead?: boolean;
}

export interface SourceLocation {
  file: string;
  range: TextRange;
}

export type PairState = 'region' | 'geo-profile' | 'global' | 'provider-managed' | 'self-hosted' | 'unresolved';

export interface Pair {
  model: { file: string; finding: Finding };
  /** The region finding the model runs in, when state is 'region'. */
  region?: { file: string; finding: Finding };
  state: PairState;
  /** For geo-profile: the geography (`eu`, `us`…). */
  geo?: string;
  /**
   * For geo-profile and global: the region the call is made from, which does not decide where it runs; for a global
   * endpoint named by its location (`global`, Vertex AI), that setting.
   */
  source?: { file: string; finding: Finding };
  /** Chain of places that led from the model to the region, in order. */
  evidence: SourceLocation[];
  /** Why the state is what it is, for unresolved and special states ("AWS_REGION is not set in the workspace"). */
  note?: string;
  /** Azure deployment SKU when it changes where tokens are processed (GlobalStandard, DataZoneStandard). */
  sku?: string;
  /**
   * For global: the cloud whose global routing the workspace itself calls the model through (an Azure Global
   * deployment SKU, a Vertex AI global endpoint, a Bedrock `global.` profile), which says that cloud serves it.
   */
  provider?: ProviderId;
}

/** The files whose findings a pair takes part in: its model's, its region's and the setting's it is called from. */
export const pairFiles = (pair: Pair): string[] => [
  pair.model.file,
  ...(pair.region ? [pair.region.file] : []),
  ...(pair.source ? [pair.source.file] : []),
];

/** Whether a pair takes part in `file`'s findings (pairFiles). */
export const pairTouches = (pair: Pair, file: string): boolean => pairFiles(pair).includes(file);

export interface FileAnalysis {
  file: string;
  findings: Finding[];
  /** Parse problems that did not stop the analysis (malformed YAML, unterminated string…). */
  problems: string[];
}

export interface ScanError {
  file: string;
  message: string;
}
