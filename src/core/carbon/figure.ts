// One line per finding, the same wherever it is shown: the inlay hint, the Findings view and the language status
// read these, so what the status counts is what the editor shows.
import { formatGrams } from './format';
import type { ModelAssessment } from './assess';
import type { FindingInsight } from './insight';
import { BASIS_WORDS, GRID_BASIS_SHORT, kindOf, shortCarbonUnit, type CarbonBasis } from './units';

/** The short tag after a figure: the grid basis, and the headline's basis when it is not the default. */
const tag = (basis?: CarbonBasis) => ` · ${basis === 'usage' ? `${BASIS_WORDS.usage}, ` : ''}${GRID_BASIS_SHORT}`;

/** A setting the workspace lists: not a mention, not suppressed (known or not: an unknown model is listed too). */
export function isListedSetting(insight: FindingInsight): boolean {
  return insight.finding.role !== 'mention' && !insight.finding.ignored;
}

/**
 * The finding's figure or state in a few words. A setting GridLens cannot price still gets a word, so the user can
 * tell it was seen; a mention without a figure gets none.
 */
export function figureOf(insight: FindingInsight): string | undefined {
  const { finding } = insight;
  if (insight.region) return `≈ ${insight.region.grid.gPerKWh} g/kWh${insight.region.grid.datetime !== undefined ? ' live' : ''}${tag()}`;
  const setting = finding.role !== 'mention';
  if (insight.endpoint) return insight.endpoint.model ? modelFigure(insight, insight.endpoint.model, setting) : 'global endpoint';
  if (finding.value === undefined) return setting ? `unknown ${finding.kind}` : undefined;
  return insight.model && modelFigure(insight, insight.model, setting);
}

/** A model's figure where it runs: a point, a range over a profile's or an endpoint's destinations, or its state. */
function modelFigure(insight: FindingInsight, model: ModelAssessment, setting: boolean): string | undefined {
  const unit = shortCarbonUnit(model.model);
  if (!unit) return `${kindOf(model.model)} model · no per-token figure`;
  const basis = (model.estimate ?? model.best)?.basis;
  if (model.estimate) return `≈ ${formatGrams(model.estimate.carbon.central)} ${unit} in ${model.estimate.region.code}${tag(basis)}`;
  if (model.spread)
    return `≈ ${formatGrams(model.spread.min)}–${formatGrams(model.spread.max)} ${unit} (${model.spread.geo === 'global' ? 'global' : `${model.spread.geo} profile`}${model.spread.derivedFrom ? ', derived' : ''})${tag(basis)}`;
  if (model.best && model.worst)
    return `≈ ${formatGrams(model.best.carbon.central)}–${formatGrams(model.worst.carbon.central)} ${unit} by region${tag(basis)}`;
  if (!setting) return undefined;
  if (model.model.retired) return `retired ${model.model.retired.on}`;
  if (model.scope.unranked) return 'only in unverified regions';
  return insight.pairs.some((p) => p.state === 'self-hosted') ? 'self-hosted, region unknown' : 'not offered in the data';
}
