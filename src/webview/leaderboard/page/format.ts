// Text for numbers on the page. Carbon figures come from the host; these only format them.
import { formatGrams, gridWhen } from '../../../core/carbon/format';
import { BASIS_WORDS, GRID_BASIS, type CarbonBasis } from '../../../core/carbon/units';
import type { Band, Carbon, Option } from '../protocol';
import { intensityTier, type Tier } from '../state';

export { formatGrams, gridWhen };

export const formatInt = (value: number): string => Math.round(value).toLocaleString('en-US');

export function formatPrice(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `$${value < 1 ? value.toFixed(value < 0.1 ? 3 : 2) : value.toFixed(2)}`;
}

export function formatBand(band: Band): string {
  return `${formatGrams(band.low)}–${formatGrams(band.high)}`;
}

/** A factor as "0.41×" / "6.2×" with two significant digits. */
export function formatFactor(value: number): string {
  if (!Number.isFinite(value) || value <= 0) return '?×';
  const digits = value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(2);
  return `${digits}×`;
}

export const tierGlyph: Record<Tier, string> = { low: '●', medium: '■', high: '▲', unknown: '◆' };
export const tierLabel: Record<Tier, string> = { low: 'low', medium: 'medium', high: 'high', unknown: 'unknown' };

/** The tooltip of a live reading or of a yearly figure standing in for one. */
export function gridTitle(grid: Parameters<typeof gridWhen>[0]): string | undefined {
  if (grid.datetime !== undefined)
    return `Latest Electricity Maps reading for ${grid.datetime}${grid.estimated ? ' (estimated by Electricity Maps)' : ''}`;
  return grid.fallback !== undefined ? `Live grid data unavailable (${grid.fallback}): the yearly average is shown` : undefined;
}

export function gridText(option: Pick<Option, 'gridIntensity'>): string {
  const grid = option.gridIntensity;
  return grid ? `${formatInt(grid.gPerKWh)} g/kWh (${gridWhen(grid)})` : '—';
}

export function carbonText(option: Pick<Option, 'carbon' | 'carbonRange'>): string {
  if (option.carbon) return formatGrams(option.carbon.central);
  if (option.carbonRange) return `${formatGrams(option.carbonRange.min)}–${formatGrams(option.carbonRange.max)}`;
  return '—';
}

/** The two parts of a headline figure: "usage 5.4 + embodied 17". */
export function partsText(carbon: Carbon): string {
  return carbon.usage && carbon.embodied
    ? `usage ${formatGrams(carbon.usage.central)} + embodied ${formatGrams(carbon.embodied.central)}`
    : '';
}

/** What the headline figures count, for captions: "usage + embodied; grid life-cycle, location-based". */
export function basisCaption(basis: CarbonBasis = 'total'): string {
  return `${BASIS_WORDS[basis]}; grid ${GRID_BASIS}, yearly average`;
}

export const gridTier = (option: Pick<Option, 'gridIntensity'>): Tier => intensityTier(option.gridIntensity?.gPerKWh);

/**
 * The marker an option carries when its regions are not plainly sourced (a retired model, an unverified or derived
 * region set), with the tooltip that says why; sourced options get only the tooltip.
 */
export function provenanceMarker(option: Pick<Option, 'provenance' | 'retired'>): { label?: string; title: string } {
  const { status, rule, reason, source } = option.provenance;
  if (option.retired)
    return {
      label: 'retired',
      title: `Retired on ${option.retired.on} (${option.retired.source}): shown for reference, never recommended.`,
    };
  if (status === 'unverified')
    return {
      label: 'unverified',
      title: `Unverified: ${reason ?? 'no source confirms these regions'} (${source}). Shown, never recommended.`,
    };
  if (status === 'derived') return { label: 'derived', title: `Derived by GridLens: ${rule ?? 'rule not stated'} (${source}).` };
  return { title: `Sourced: ${source} lists this offering.` };
}

/** What a price is and where it comes from, for its tooltip. */
export function priceTitle(price: NonNullable<Option['price']>): string {
  const how = price.provenance.status === 'derived' ? `, derived: ${price.provenance.rule ?? 'rule not stated'}` : '';
  return `${price.basis}${how} (${price.source}, ${price.asOf})${price.note ? `. ${price.note}` : ''}`;
}
