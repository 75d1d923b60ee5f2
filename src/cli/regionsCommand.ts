// `gridlens regions`: every region with its grid zone and intensity.
import type { DatasetIndex } from '../core/data/dataset';
import { gridIntensity } from '../core/carbon/calculator';
import { format, parse, providers, type Io } from './args';
import { renderTable } from './table';

export const regionsUsage = 'gridlens regions [--provider p]... [--format table|json]';

export function runRegions(index: DatasetIndex, argv: string[], io: Io): number {
  const { values } = parse(argv, { provider: { type: 'string', multiple: true }, format: { type: 'string' } }, false);
  if (values.help) return io.stdout(`${regionsUsage}\n`), 0;
  const output = format(values.format, ['table', 'json']);
  const wanted = providers(values.provider);
  const regions = index.data.regions
    .filter((r) => wanted.length === 0 || wanted.includes(r.provider))
    .map((r) => {
      const grid = gridIntensity(index, r);
      return { provider: r.provider, code: r.code, name: r.name, jurisdiction: r.jurisdiction, gridZone: r.gridZone, gridIntensity: grid ? { gPerKWh: grid.gPerKWh, year: grid.year } : null };
    })
    .sort((a, b) => (a.gridIntensity?.gPerKWh ?? Infinity) - (b.gridIntensity?.gPerKWh ?? Infinity) || a.code.localeCompare(b.code));
  if (output === 'json') return io.stdout(`${JSON.stringify({ regions }, null, 2)}\n`), 0;
  const table = renderTable(
    [{ header: 'Provider' }, { header: 'Region', min: 12 }, { header: 'Name', min: 12 }, { header: 'Juris.' }, { header: 'Grid zone' }, { header: 'g/kWh', align: 'right' }],
    regions.map((r) => [r.provider, r.code, r.name, r.jurisdiction, r.gridZone, r.gridIntensity ? String(r.gridIntensity.gPerKWh) : '?']),
  );
  io.stdout(`${table}\n${regions.length} regions · Grid carbon intensity: Electricity Maps yearly data (ODbL)\n`);
  return 0;
}
