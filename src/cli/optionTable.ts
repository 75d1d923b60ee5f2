// The table columns every option listing shares (recommend, leaderboard).
import { formatGrams } from '../core/carbon/format';
import type { OptionSummary } from '../core/carbon/options';
import type { Column } from './table';

export const optionColumns: Column[] = [
  { header: '#', align: 'right', min: 2 },
  { header: 'Region', min: 10 },
  { header: 'Name', min: 10 },
  { header: 'Service', min: 8 },
  { header: 'Juris.', min: 5 },
  { header: 'g/kWh', align: 'right', min: 5 },
  { header: 'gCO2e/Mtok', align: 'right', min: 10 },
  { header: 'Use + emb.', align: 'right', min: 6 },
  { header: 'Band', align: 'right', min: 9 },
  { header: '$/Mtok in/out', align: 'right', min: 9 },
];

export function carbonText(option: OptionSummary): { central: string; band: string } {
  if (option.carbon)
    return { central: formatGrams(option.carbon.central), band: `${formatGrams(option.carbon.low)}–${formatGrams(option.carbon.high)}` };
  const range = option.carbonRange;
  return range
    ? { central: `${formatGrams(range.min)}–${formatGrams(range.max)}`, band: `${formatGrams(range.low)}–${formatGrams(range.high)}` }
    : { central: '?', band: '' };
}

/** What the table marks: a price shown outside the region it is for (`*`), and options never recommended. */
export function optionNotes(options: readonly OptionSummary[]): string[] {
  const notes: string[] = [];
  if (options.some((o) => o.price?.provenance.status === 'derived'))
    notes.push("* the us-east-1 list price, shown where no licensed source gives the region's own price");
  if (options.some((o) => o.notRecommended)) notes.push('(retired) / (unverified): shown for reference, never recommended');
  return notes;
}

const marker = (option: OptionSummary): string =>
  option.retired ? ' (retired)' : option.provenance.status === 'unverified' ? ' (unverified)' : '';

export function optionCells(option: OptionSummary, rank: number): string[] {
  const carbon = carbonText(option);
  return [
    String(rank),
    option.region,
    `${option.regionName}${marker(option)}`,
    `${option.provider} ${option.service}`,
    option.jurisdiction,
    option.gridIntensity ? String(option.gridIntensity.gPerKWh) : 'range',
    carbon.central,
    option.carbon?.usage && option.carbon.embodied
      ? `${formatGrams(option.carbon.usage.central)} + ${formatGrams(option.carbon.embodied.central)}`
      : '',
    carbon.band,
    option.price ? `${option.price.input}/${option.price.output}${option.price.provenance.status === 'derived' ? '*' : ''}` : '–',
  ];
}
