// Markdown that explains a finding: every figure with its inputs and their sources. Used by hovers, inlay hint
// tooltips and "Explain This Estimate". Text from the workspace is escaped: it is untrusted.
import type { DatasetIndex } from '../core/data/dataset';
import type { Model, Region } from '../core/data/schema';
import { kindOf, shortCarbonUnit } from '../core/carbon/units';
import { carbonUnit, estimateEnergy, type RegionEstimate } from '../core/carbon/calculator';
import { formatGrams } from '../core/carbon/format';
import type { FindingInsight } from '../core/carbon/insight';
import type { Alternative } from '../core/carbon/assess';

/** Escapes Markdown and HTML so workspace text shows literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const providerNames: Record<string, string> = { aws: 'AWS', gcp: 'Google Cloud', azure: 'Azure' };

export interface ExplainLinks {
  /** Command links rendered at the end (already encoded command URIs). */
  actions: Array<{ title: string; uri: string }>;
}

export function explainMarkdown(index: DatasetIndex, insight: FindingInsight, links?: ExplainLinks): string {
  const lines = insight.region ? regionLines(index, insight) : insight.model ? modelLines(index, insight) : unknownLines(insight);
  if (links?.actions.length) lines.push(links.actions.map((a) => `[${escapeMarkdown(a.title)}](${a.uri})`).join(' · '));
  // One paragraph per line: Markdown would run single-newline lines together.
  return lines.filter((line) => line !== '').join('\n\n');
}

function sourceTitle(index: DatasetIndex, id: string): string {
  const source = index.sources.get(id);
  return source ? `[${escapeMarkdown(source.title)}](${source.url}) (${escapeMarkdown(source.licence)})` : escapeMarkdown(id);
}

function regionHeader(region: Region): string {
  return `**${region.code}** · ${escapeMarkdown(region.name)} · ${providerNames[region.provider]} · jurisdiction ${escapeMarkdown(region.jurisdiction)}`;
}

function regionLines(index: DatasetIndex, insight: FindingInsight): string[] {
  const assessment = insight.region;
  if (!assessment) return [];
  const { region, grid } = assessment;
  const lines = [regionHeader(region), '', `Grid intensity **${grid.gPerKWh} gCO2e/kWh** (${grid.year}, zone ${escapeMarkdown(grid.zone)}) — ${sourceTitle(index, grid.source)}`];
  if (region.providerReported) lines.push(`Provider-reported: ${region.providerReported.value} gCO2e/kWh (${region.providerReported.year ?? ''}, operational basis) — ${sourceTitle(index, region.providerReported.source)}`);
  if (region.gridZoneReason) lines.push(`Zone choice: ${escapeMarkdown(region.gridZoneReason)}`);
  if (insight.finding.role === 'mention') {
    lines.push('', '_A mention (comment, example or list), not a setting: no suggestion._');
    return lines;
  }
  if (insight.profileSource) {
    const where = insight.profileSource === 'global' ? 'a global endpoint: the call may run in any commercial region' : `the ${escapeMarkdown(insight.profileSource)}. cross-region profile: the provider picks the serving region inside that geography`;
    lines.push(`_Calls made from here go through ${where}. Switching this region does not change where they run; the model's hover shows the range._`);
    return lines;
  }
  if (assessment.model && assessment.estimate) {
    lines.push('', ...estimateLines(index, assessment.model, assessment.estimate));
    if (assessment.rank) lines.push(`Rank ${assessment.rank.position} of ${assessment.rank.of} ${providerNames[region.provider]} regions serving it.`);
    else lines.push(`_${escapeMarkdown(assessment.model.name)} is not offered in this region in the bundled data._`);
  }
  if (assessment.alternatives.length > 0) {
    const unit = assessment.model && shortCarbonUnit(assessment.model)?.replace(/^g/, 'gCO2e');
    lines.push('', `Cleaner ${assessment.model ? `regions serving ${escapeMarkdown(assessment.model.name)}` : 'regions'}:`, '', alternativesTable(assessment.alternatives, unit));
  } else if (insight.actionable) {
    lines.push('', '_No cleaner region within your constraints._');
  }
  return lines;
}

/** With the paired model's carbon unit (short form), a carbon column in that unit; without, grid intensity only. */
function alternativesTable(alternatives: readonly Alternative[], unit: string | undefined): string {
  const withCarbon = unit !== undefined;
  const header = withCarbon ? `| Region | g/kWh | ${unit} | Saving | Distance | $/Mtok in/out |` : '| Region | g/kWh | Saving | Distance |';
  const rule = withCarbon ? '|---|---:|---:|---:|---:|---:|' : '|---|---:|---:|---:|';
  const rows = alternatives.map((a) => {
    const base = `| ${a.region.code} (${escapeMarkdown(a.region.name)})${a.sameJurisdiction ? '' : ' ⚠ other jurisdiction'} | ${a.grid.gPerKWh}`;
    const saving = `−${Math.round(a.savingPercent)}%`;
    const distance = `${Math.round(a.distanceKm).toLocaleString('en-US')} km`;
    if (!withCarbon) return `${base} | ${saving} | ${distance} |`;
    const price = a.price ? `${a.price.input} / ${a.price.output}` : '–';
    return `${base} | ${formatGrams(a.estimate?.carbon.central ?? NaN)} | ${saving} | ${distance} | ${price} |`;
  });
  return [header, rule, ...rows].join('\n');
}

function estimateLines(index: DatasetIndex, model: Model, estimate: RegionEstimate): string[] {
  const energy = estimateEnergy(model, index.data.calculator);
  const basis = energy.basis === 'measured' ? `measured (${sourceTitle(index, model.measured?.source ?? '')})` : `fitted at ${energy.effectiveParams.central.toPrecision(3)} B effective parameters (${sourceTitle(index, index.data.calculator.source)})`;
  const lines = [
    `**${escapeMarkdown(model.name)}** in ${estimate.region.code}: **≈ ${formatGrams(estimate.carbon.central)} ${carbonUnit(model)}** (band ${formatGrams(estimate.carbon.low)}–${formatGrams(estimate.carbon.high)})`,
    `= ${energy.gpuJPerToken.toPrecision(3)} J/token GPU, ${basis}, × ${index.data.calculator.kSys} server share × PUE ${estimate.pue} = ${formatGrams(estimate.energyKWhPerMTok.central * 1000)} Wh/Mtok, × ${estimate.grid.gPerKWh} g/kWh`,
  ];
  if (estimate.embodied !== undefined) lines.push(`Plus ≈ ${formatGrams(estimate.embodied)} g embodied hardware emissions (not region-dependent).`);
  return lines;
}

function modelLines(index: DatasetIndex, insight: FindingInsight): string[] {
  const assessment = insight.model;
  if (!assessment) return [];
  const { model } = assessment;
  const { params } = model;
  const unit = carbonUnit(model);
  const kind = kindOf(model);
  if (!params || !unit) {
    const per = kind === 'image' ? 'image' : 'second';
    const lines = [`**${escapeMarkdown(model.name)}** · \`${model.id}\` · ${kind} model · **no per-token figure**`, '', `_No licensed source gives this model's energy per ${per}, so GridLens shows no carbon figure for it (and never one per token)._`];
    if (insight.finding.role === 'mention') lines.push('', '_A mention (comment, example or list), not a setting._');
    return lines;
  }
  const size = params.total.min === params.total.max ? `${params.total.min} B` : `${params.total.min}–${params.total.max} B (prior)`;
  const active = model.architecture === 'moe' ? `, ${params.active.min === params.active.max ? params.active.min : `${params.active.min}–${params.active.max}`} B active` : '';
  const tiers = { A: 'A, measured', B: 'B, known size', C: 'C, size prior' } as const;
  const kindNote = kind === 'embedding' ? ' · embedding model: figures per million **input** tokens (prefill only)' : '';
  const lines = [`**${escapeMarkdown(model.name)}** · \`${model.id}\` · ${model.architecture} ${size}${active} · tier ${tiers[model.tier]}${kindNote}`, ''];
  if (model.familyPattern) lines.push('_This version is not in the catalogue: estimated with its family\'s size prior (tier C)._', '');
  if (assessment.estimate) lines.push(...estimateLines(index, model, assessment.estimate));
  else if (assessment.spread) lines.push(`Runs somewhere in ${assessment.spread.geo === 'global' ? 'any region (global endpoint)' : `the ${escapeMarkdown(assessment.spread.geo)} geography`}: **≈ ${formatGrams(assessment.spread.min)}–${formatGrams(assessment.spread.max)} ${unit}** over ${assessment.spread.destinations} regions — the serving region is not fixed, so no single figure.`);
  else lines.push('_No region paired with this model in the workspace._');
  if (assessment.best && assessment.worst) {
    lines.push('', `Across the ${assessment.regionalCount} region offerings: cleanest **${assessment.best.region.code}** ≈ ${formatGrams(assessment.best.estimate.carbon.central)}, dirtiest ${assessment.worst.region.code} ≈ ${formatGrams(assessment.worst.estimate.carbon.central)} ${unit}.`);
  }
  if (insight.finding.role === 'mention') lines.push('', '_A mention (comment, example or list), not a setting._');
  return lines;
}

function unknownLines(insight: FindingInsight): string[] {
  const { finding } = insight;
  const what = finding.kind === 'region' ? 'region' : 'model';
  const lines = [`Unknown ${what} \`${escapeMarkdown(finding.text).replace(/`/g, '')}\``];
  if (finding.suggestions?.length) lines.push('', `Closest known: ${finding.suggestions.map((s) => `\`${s}\``).join(', ')}`);
  return lines;
}
