// `gridlens regions`: every region with its grid zone and intensity.
import type { DatasetIndex } from '../core/data/dataset';
import { regionsFor } from '../core/api/queries';
import { format, jsonText, optionalList, parse, type Io } from './args';
import { answerWith, liveNote, liveOption } from './live';
import { renderTable } from './table';

export const regionsUsage = 'gridlens regions [--provider p]... [--live] [--format table|json]';

export async function runRegions(index: DatasetIndex, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { provider: { type: 'string', multiple: true }, format: { type: 'string' }, ...liveOption }, false);
  if (values.help) return (io.stdout(`${regionsUsage}\n`), 0);
  const output = format(values.format, ['table', 'json']);
  const query = { provider: optionalList(values.provider) };
  const answer = await answerWith(values.live, (options) => regionsFor(index, query, options));
  if (output === 'json') return (io.stdout(jsonText(answer)), 0);
  const { regions } = answer;
  const table = renderTable(
    [
      { header: 'Provider' },
      { header: 'Region', min: 12 },
      { header: 'Name', min: 12 },
      { header: 'Juris.' },
      { header: 'Grid zone' },
      { header: 'g/kWh', align: 'right' },
    ],
    regions.map((r) => [r.provider, r.code, r.name, r.jurisdiction, r.gridZone, r.gridIntensity ? String(r.gridIntensity.gPerKWh) : '?']),
  );
  io.stdout(
    `${table}\n${regions.length} regions · Grid carbon intensity: Electricity Maps yearly data (ODbL)\n${liveNote(regions.map((r) => r.gridIntensity))}`,
  );
  return 0;
}
