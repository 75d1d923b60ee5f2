// `gridlens leaderboard`: every model × offering × region, ascending by carbon.
import type { DatasetIndex } from '../core/data/dataset';
import { leaderboardCsv } from '../core/api/leaderboardCsv';
import { leaderboardFor } from '../core/api/queries';
import { CARBON_UNIT, EMBEDDING_CARBON_UNIT } from '../core/carbon/calculator';
import { basisSentence } from '../core/carbon/units';
import { BASIS_USAGE, basisOf, basisOption, format, jsonText, optionalList, parse, type Io } from './args';
import { answerWith, gridMethodAsked, liveNote, liveOption } from './live';
import { optionCells, optionColumns, optionNotes } from './optionTable';
import { renderTable } from './table';

export const leaderboardUsage = `gridlens leaderboard [--model m]... [--provider p]... [--jurisdiction J]... ${BASIS_USAGE} [--live] [--format table|json|csv]`;

export async function runLeaderboard(index: DatasetIndex, argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    argv,
    {
      model: { type: 'string', multiple: true },
      provider: { type: 'string', multiple: true },
      jurisdiction: { type: 'string', multiple: true },
      format: { type: 'string' },
      ...basisOption,
      ...liveOption,
    },
    false,
  );
  if (values.help) return (io.stdout(`${leaderboardUsage}\n`), 0);
  const output = format(values.format, ['table', 'json', 'csv']);
  const basis = basisOf(values);
  const query = {
    model: optionalList(values.model),
    provider: optionalList(values.provider),
    jurisdiction: optionalList(values.jurisdiction),
    basis,
  };
  const answer = await answerWith(values.live, (options) => leaderboardFor(index, query, options));
  if (output === 'json') return (io.stdout(jsonText(answer)), 0);
  const { rows } = answer;
  if (output === 'csv') return (io.stdout(leaderboardCsv(rows)), 0);
  const columns = [{ header: 'Model', min: 9 }, ...optionColumns.slice(1)];
  const table = renderTable(
    columns,
    rows.map((row, i) => [row.model.name, ...optionCells(row, i + 1).slice(1)]),
  );
  const otherUnits = [...new Set(rows.map((r) => r.model.unit).filter((unit) => unit !== CARBON_UNIT))]
    .map((unit) => ` (${unit} for ${unit === EMBEDDING_CARBON_UNIT ? 'embedding' : 'image and audio'} models)`)
    .join('');
  const notes = optionNotes(rows)
    .map((note) => `${note}\n`)
    .join('');
  io.stdout(
    `${table}\n${rows.length} rows · ${CARBON_UNIT}${otherUnits}${rows.some((r) => !r.carbon) ? ' · ranges are cross-region profiles and global endpoints' : ''}\nFigures: ${basisSentence(basis, gridMethodAsked(values.live))}.\n${liveNote(rows.map((r) => r.gridIntensity))}${notes}`,
  );
  return 0;
}
