// The unit of a model's figures, by kind. Type-only imports: editor code (inlay hints) uses this without pulling
// the dataset schemas (zod) into the activation bundle.
import type { Model, ModelKind } from '../data/schema';

export const CARBON_UNIT = 'gCO2e per million output tokens';
export const EMBEDDING_CARBON_UNIT = 'gCO2e per million input tokens';
/** What image, video and audio models show instead of a unit. */
export const NO_TOKEN_FIGURE = 'no per-token figure';

/** A model with a per-token energy figure (generation or embedding). */
export type TokenModel = Model & { params: NonNullable<Model['params']> };

export const kindOf = (model: Pick<Model, 'kind'>): ModelKind => model.kind ?? 'generation';

export const hasTokenFigure = (model: Model): model is TokenModel => carbonUnit(model) !== undefined;

/**
 * Generation: per million output tokens. Embedding: per million input tokens (an embedding model only reads:
 * prefill, no decoding). Image, video and audio models: none, since no licensed source gives energy per image or
 * per second.
 */
export function carbonUnit(model: Pick<Model, 'kind' | 'params'>): typeof CARBON_UNIT | typeof EMBEDDING_CARBON_UNIT | undefined {
  if (model.params === undefined) return undefined;
  const kind = kindOf(model);
  if (kind === 'generation') return CARBON_UNIT;
  if (kind === 'embedding') return EMBEDDING_CARBON_UNIT;
  return undefined;
}

/** The short form editor hints use: `g/Mtok`, `g/Mtok input`, or undefined without a per-token figure. */
export function shortCarbonUnit(model: Pick<Model, 'kind' | 'params'>): string | undefined {
  const unit = carbonUnit(model);
  return unit === undefined ? undefined : unit === EMBEDDING_CARBON_UNIT ? 'g/Mtok input' : 'g/Mtok';
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
