// The unit of a model's figures, by kind. Type-only imports: editor code (inlay hints) uses this without pulling
// the dataset schemas (zod) into the activation bundle.
import type { Model, ModelKind } from '../data/schema';

export const CARBON_UNIT = 'gCO2e per million output tokens';
export const EMBEDDING_CARBON_UNIT = 'gCO2e per million input tokens';
/**
 * Image and audio models billed per token whose size a licensed source gives (EcoLogits): their audio or image output
 * tokens count as output tokens, each costing what a token of a model that size costs, the way EcoLogits counts them.
 */
export const MULTIMODAL_CARBON_UNIT = 'gCO2e per million output tokens (audio and image tokens counted as tokens)';
/** What image, video and audio models with no token basis (priced per image, second or character) show instead. */
export const NO_TOKEN_FIGURE = 'no per-token figure';

export type TokenUnit = typeof CARBON_UNIT | typeof EMBEDDING_CARBON_UNIT | typeof MULTIMODAL_CARBON_UNIT;

/** A model with a per-token energy figure (generation, embedding, or a media model counted in tokens). */
export type TokenModel = Model & { params: NonNullable<Model['params']> };

/** The source of the documented size priors per model family and size class (data/sources-models.yaml). */
export const FAMILY_PRIOR_SOURCE = 'gridlens-family-priors';

export const kindOf = (model: Pick<Model, 'kind'>): ModelKind => model.kind ?? 'generation';

/** Image, video and audio models: a per-token figure only where a source gives their size (multimodal tokens). */
export const isMediaKind = (kind: ModelKind): boolean => kind !== 'generation' && kind !== 'embedding';

export const hasTokenFigure = (model: Model): model is TokenModel => carbonUnit(model) !== undefined;

/**
 * Generation: per million output tokens. Embedding: per million input tokens (an embedding model only reads:
 * prefill, no decoding). Image, video and audio models with a size (params): per million output tokens with their
 * audio or image tokens counted as tokens; without one, none (no licensed source gives energy per image or second).
 */
export function carbonUnit(model: Pick<TokenModel, 'kind' | 'params'>): TokenUnit;
export function carbonUnit(model: Pick<Model, 'kind' | 'params'>): TokenUnit | undefined;
export function carbonUnit(model: Pick<Model, 'kind' | 'params'>): TokenUnit | undefined {
  if (model.params === undefined) return undefined;
  const kind = kindOf(model);
  if (kind === 'generation') return CARBON_UNIT;
  if (kind === 'embedding') return EMBEDDING_CARBON_UNIT;
  return MULTIMODAL_CARBON_UNIT;
}

/** How a media model's per-token figure counts, for hovers, explanations and the leaderboard. */
export const MULTIMODAL_TOKEN_BASIS =
  'Its audio or image tokens count as output tokens, each costing what a token of a model this size costs (the way EcoLogits counts them); the energy of decoding audio or images beyond that is not in the figure.';

/** Why a media model without a size has no figure, in the words errors, hovers and explanations use. */
export const noTokenBasisReason = (kind: ModelKind): string =>
  `no licensed source gives its size to count its tokens with, nor its energy per ${kind === 'image' ? 'image' : 'second'}`;

const SHORT_UNITS: Readonly<Record<TokenUnit, string>> = {
  [CARBON_UNIT]: 'g/Mtok',
  [EMBEDDING_CARBON_UNIT]: 'g/Mtok input',
  [MULTIMODAL_CARBON_UNIT]: 'g/Mtok incl. audio/image',
};

/**
 * The short form of a unit for tables, hints and pages: `g/Mtok`, `g/Mtok input`, `g/Mtok incl. audio/image`. Takes
 * the unit as JSON answers spell it; one it does not know reads as per output token.
 */
export const shortUnit = (unit: string): string => (SHORT_UNITS as Readonly<Record<string, string>>)[unit] ?? SHORT_UNITS[CARBON_UNIT];

/** The short form editor hints use, or undefined without a per-token figure. */
export function shortCarbonUnit(model: Pick<Model, 'kind' | 'params'>): string | undefined {
  const unit = carbonUnit(model);
  return unit === undefined ? undefined : shortUnit(unit);
}

/**
 * What a headline figure counts: `total` is usage (energy × PUE × grid) plus embodied hardware emissions, as the
 * GSF Software Carbon Intensity specification does; `usage` leaves the embodied part out.
 */
export type CarbonBasis = 'total' | 'usage';

/** How every grid figure is counted, in the words each surface that shows a figure uses. */
export const GRID_BASIS = 'life-cycle, location-based';
/** How the bundled grid figures are counted, as JSON answers state it beside each intensity. */
export const GRID_METHOD = `${GRID_BASIS}, yearly average`;
/** How a live grid reading (opt-in, Electricity Maps) is counted. */
export const LIVE_GRID_METHOD = `${GRID_BASIS}, latest hourly reading`;
/** The method of a table's figures when live data was asked for: each is live unless its zone had no reading. */
export const LIVE_ASKED_GRID_METHOD = `${GRID_BASIS}, latest hourly reading where one was available, else yearly average`;
/** The method of one grid figure: a live reading when it has the hour it is for, else the yearly average. */
export const gridMethodOf = (grid: { datetime?: string }): string => (grid.datetime !== undefined ? LIVE_GRID_METHOD : GRID_METHOD);
/** The short form inlay hints use; the hint's tooltip, hovers and the README glossary spell it out. */
export const GRID_BASIS_SHORT = 'LCA/LB';
/** What the headline counts, in a few words. */
export const BASIS_WORDS: Readonly<Record<CarbonBasis, string>> = { total: 'usage + embodied', usage: 'usage only' };

/** One sentence on what a carbon figure counts, for hovers, explanations, the CLI and SARIF messages. */
export function basisSentence(basis: CarbonBasis, gridMethod: string = GRID_METHOD): string {
  const parts = basis === 'total' ? 'usage + embodied hardware emissions' : 'usage only (no embodied hardware emissions)';
  return `${parts}; grid ${gridMethod}`;
}
