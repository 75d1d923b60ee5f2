// `gridlens leaderboard`: every model × offering × region, ascending by carbon.
import type { DatasetIndex } from '../core/data/dataset';
import { resolveModel } from '../core/data/resolve';
import { CARBON_UNIT } from '../core/carbon/calculator';
import { leaderboardRows } from '../core/carbon/leaderboard';
import { UnknownModelError } from '../core/carbon/recommend';
import { format, list, parse, providers, suggestModels, type Io } from './args';
import { optionCells, optionColumns } from './optionTable';
import { renderCsv, renderTable } from './table';

export const leaderboardUsage = 'gridlens leaderboard [--model m]... [--provider p]... [--jurisdiction J]... [--format table|json|csv]';

export function runLeaderboard(index: DatasetIndex, argv: string[], io: Io): number {
  const { values } = parse(argv, {
    model: { type: 'string', multiple: true },
    provider: { type: 'string', multiple: true },
    jurisdiction: { type: 'string', multiple: true },
    format: { type: 'string' },
  }, false);
  if (values.help) return io.stdout(`${leaderboardUsage}\n`), 0;
  const output = format(values.format, ['table', 'json', 'csv']);
  const models = list(values.model).map((query) => {
    const match = resolveModel(index, query);
    if (!match) throw new UnknownModelError(query, suggestModels(index)(query));
    return match.model.id;
  });
  const rows = leaderboardRows(index, { models, providers: providers(values.provider), jurisdictions: list(values.jurisdiction).map((j) => j.toUpperCase()) });
  if (output === 'json') return io.stdout(`${JSON.stringify({ unit: CARBON_UNIT, rows }, null, 2)}\n`), 0;
  if (output === 'csv') {
    const header = ['model_id', 'model', 'provider', 'service', 'placement', 'region', 'region_name', 'jurisdiction', 'grid_g_per_kwh', 'grid_year', 'carbon_central', 'carbon_low', 'carbon_high', 'price_in', 'price_out', 'throughput_tok_per_s', 'carbon_unit'];
    const body = rows.map((r) => [r.model.id, r.model.name, r.provider, r.service, r.placement, r.region, r.regionName, r.jurisdiction, r.gridIntensity?.gPerKWh ?? null, r.gridIntensity?.year ?? null,
      r.carbon?.central ?? null, r.carbon?.low ?? r.carbonRange?.low ?? null, r.carbon?.high ?? r.carbonRange?.high ?? null, r.price?.input ?? null, r.price?.output ?? null, r.throughput, r.model.unit]);
    return io.stdout(`${renderCsv(header, body)}\n`), 0;
  }
  const columns = [{ header: 'Model', min: 12 }, ...optionColumns.slice(1)];
  const table = renderTable(columns, rows.map((row, i) => [row.model.name, ...optionCells(row, i + 1).slice(1)]));
  const otherUnits = [...new Set(rows.map((r) => r.model.unit).filter((unit) => unit !== CARBON_UNIT))].map((unit) => ` (${unit} for embedding models)`).join('');
  io.stdout(`${table}\n${rows.length} rows · ${CARBON_UNIT}${otherUnits}${rows.some((r) => !r.carbon) ? ' · ranges are cross-region profiles and global endpoints' : ''}\n`);
  return 0;
}
