// `gridlens recommend <model>`: the cleanest region that serves a model, alternatives, and the savings.
import type { DatasetIndex } from '../core/data/dataset';
import { recommendFor } from '../core/api/queries';
import { formatGrams } from '../core/carbon/format';
import type { OptionSummary } from '../core/carbon/options';
import { basisSentence } from '../core/carbon/units';
import { BASIS_USAGE, basisOf, basisOption, decimalNumber, format, jsonText, optionalList, parse, UsageError, type Io } from './args';
import { answerWith, gridMethodAsked, liveNote, liveOption } from './live';
import { optionColumns, optionCells, optionNotes } from './optionTable';
import { renderTable } from './table';

export const recommendUsage = `gridlens recommend <model> [--provider p]... [--jurisdiction J]... [--near <region|lat,lon>]
                   [--max-distance-km N] [--from <provider:region>] ${BASIS_USAGE} [--live] [--format table|json]`;

export async function runRecommend(index: DatasetIndex, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    provider: { type: 'string', multiple: true },
    jurisdiction: { type: 'string', multiple: true },
    near: { type: 'string' },
    'max-distance-km': { type: 'string' },
    from: { type: 'string' },
    format: { type: 'string' },
    ...basisOption,
    ...liveOption,
  });
  if (values.help) return (io.stdout(`${recommendUsage}\n`), 0);
  if (positionals.length !== 1) throw new UsageError(`recommend takes one model; usage: ${recommendUsage}`);
  const output = format(values.format, ['table', 'json']);
  const maxDistanceKm = values['max-distance-km'];
  const query = {
    model: positionals[0],
    provider: optionalList(values.provider),
    jurisdiction: optionalList(values.jurisdiction),
    near: values.near,
    maxDistanceKm: maxDistanceKm === undefined ? undefined : decimalNumber(maxDistanceKm),
    from: values.from,
    basis: basisOf(values),
  };
  const result = await answerWith(values.live, (options) => recommendFor(index, query, options));
  if (output === 'json') return (io.stdout(jsonText(result)), 0);

  const lines = [
    `${result.model.name} (${result.model.id}, tier ${result.model.tier}) — ${result.unit}`,
    `Figures: ${basisSentence(basisOf(values), gridMethodAsked(values.live))}.`,
  ];
  if (result.model.retired)
    lines.push(`Retired on ${result.model.retired.on} (${result.model.retired.source}): shown for reference, never recommended.`);
  const ranked = [result.recommended, ...result.alternatives].filter((o): o is OptionSummary => o !== null);
  if (ranked.length === 0) {
    lines.push(
      result.excluded > 0
        ? `No region that serves this model meets the constraints (${result.excluded} excluded).`
        : 'No cloud region in the bundled data serves this model.',
    );
  } else {
    lines.push(
      '',
      renderTable(
        optionColumns,
        ranked.map((option, i) => optionCells(option, i + 1)),
      ),
      ...optionNotes(ranked),
    );
    const best = ranked[0];
    lines.push(
      '',
      `Recommended: ${best.provider} ${best.region} (${best.regionName}) ≈ ${formatGrams(best.carbon?.central ?? NaN)} g/Mtok`,
    );
    const vsDirtiest = result.savings.vsDirtiest;
    if (vsDirtiest && result.dirtiest && vsDirtiest.gPerMTok > 0) {
      lines.push(
        `Saves ${formatGrams(vsDirtiest.gPerMTok)} g/Mtok (${vsDirtiest.percent}%) against the dirtiest option, ${result.dirtiest.region}.`,
      );
    }
    const vsFrom = result.savings.vsFrom;
    if (vsFrom) {
      lines.push(
        `Against ${vsFrom.from}: ${vsFrom.gPerMTok >= 0 ? 'saves' : 'costs'} ${formatGrams(Math.abs(vsFrom.gPerMTok))} g/Mtok (${Math.abs(vsFrom.percent)}%)${vsFrom.fromOffersModel ? '' : ` — note: ${vsFrom.from} does not serve this model`}.`,
      );
    }
  }
  if (result.profiles.length > 0) {
    lines.push('', 'Cross-region profiles and global endpoints (the serving region is not fixed, so a range):');
    for (const p of result.profiles) {
      const range = p.carbonRange;
      lines.push(
        `  ${p.provider} ${p.service} ${p.regionName}: ${range ? `${formatGrams(range.min)}–${formatGrams(range.max)} g/Mtok` : ''} (destinations ${p.provenance.status})`,
      );
    }
  }
  if (result.unranked.length > 0) {
    lines.push('', 'Not ranked (shown for reference, never recommended):');
    // Short reasons keep the table width; the JSON answer carries the full one.
    for (const o of result.unranked) {
      const why = o.retired ? `retired ${o.retired.on}` : `unverified (${o.provenance.source})`;
      lines.push(`  ${o.provider} ${o.region} (${o.regionName}) ≈ ${formatGrams(o.carbon?.central ?? NaN)} g/Mtok: ${why}`);
    }
  }
  io.stdout(`${lines.join('\n')}\n${liveNote([result.recommended, ...result.alternatives].map((o) => o?.gridIntensity))}`);
  return 0;
}
