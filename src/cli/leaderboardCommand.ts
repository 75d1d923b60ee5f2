// `gridlens leaderboard`: every model × offering × region, ascending by carbon.
import type { DatasetIndex } from '../core/data/dataset';
import { leaderboardFor } from '../core/api/queries';
import { CARBON_UNIT } from '../core/carbon/calculator';
import { basisSentence } from '../core/carbon/units';
import { BASIS_USAGE, basisOf, basisOption, format, jsonText, optionalList, parse, type Io } from './args';
import { optionCells, optionColumns } from './optionTable';
import { renderCsv, renderTable } from './table';

export const leaderboardUsage = `gridlens leaderboard [--model m]... [--provider p]... [--jurisdiction J]... ${BASIS_USAGE} [--format table|json|csv]`;

export function runLeaderboard(index: DatasetIndex, argv: string[], io: Io): number {
  const { values } = parse(argv, {
    model: { type: 'string', multiple: true },
    provider: { type: 'string', multiple: true },
    jurisdiction: { type: 'string', multiple: true },
    format: { type: 'string' },
    ...basisOption,
  }, false);
  if (values.help) return io.stdout(`${leaderboardUsage}\n`), 0;
  const output = format(values.format, ['table', 'json', 'csv']);
  const basis = basisOf(values);
  const answer = leaderboardFor(index, { model: optionalList(values.model), provider: optionalList(values.provider), jurisdiction: optionalList(values.jurisdiction), basis });
  if (output === 'json') return io.stdout(jsonText(answer)), 0;
  const { rows } = answer;
  if (output === 'csv') {
    const header = ['model_id', 'model', 'provider', 'service', 'placement', 'region', 'region_name', 'jurisdiction', 'grid_g_per_kwh', 'grid_year', 'carbon_central', 'carbon_low', 'carbon_high', 'price_in', 'price_out', 'throughput_tok_per_s', 'carbon_unit', 'carbon_basis', 'usage_central', 'embodied_central', 'total_central'];
    const body = rows.map((r) => [r.model.id, r.model.name, r.provider, r.service, r.placement, r.region, r.regionName, r.jurisdiction, r.gridIntensity?.gPerKWh ?? null, r.gridIntensity?.year ?? null,
      r.carbon?.central ?? null, r.carbon?.low ?? r.carbonRange?.low ?? null, r.carbon?.high ?? r.carbonRange?.high ?? null, r.price?.input ?? null, r.price?.output ?? null, r.throughput, r.model.unit,
      basis, r.carbon?.usage?.central ?? null, r.carbon?.embodied?.central ?? null, r.carbon?.total?.central ?? null]);
    return io.stdout(`${renderCsv(header, body)}\n`), 0;
  }
  const columns = [{ header: 'Model', min: 9 }, ...optionColumns.slice(1)];
  const table = renderTable(columns, rows.map((row, i) => [row.model.name, ...optionCells(row, i + 1).slice(1)]));
  const otherUnits = [...new Set(rows.map((r) => r.model.unit).filter((unit) => unit !== CARBON_UNIT))].map((unit) => ` (${unit} for embedding models)`).join('');
  io.stdout(`${table}\n${rows.length} rows · ${CARBON_UNIT}${otherUnits}${rows.some((r) => !r.carbon) ? ' · ranges are cross-region profiles and global endpoints' : ''}\nFigures: ${basisSentence(basis)}.\n`);
  return 0;
}
