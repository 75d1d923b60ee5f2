// Markdown that explains a finding: every figure with its inputs and their sources. Used by hovers, inlay hint
// tooltips and "Explain This Estimate". Text from the workspace is escaped: it is untrusted.
import type { DatasetIndex } from '../core/data/dataset';
import type { Model, Region } from '../core/data/schema';
import { estimateEnergy, type RegionEstimate } from '../core/carbon/calculator';
import { formatGrams } from '../core/carbon/format';
import type { FindingInsight } from '../core/carbon/insight';
import type { Alternative } from '../core/carbon/assess';

/** Escapes Markdown and HTML so workspace text shows literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/**
 * Workspace text as a code span: shown literally, so it is not escaped (a backslash would show), only fenced with
 * more backticks than it holds and kept on one line.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
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
  if (!insight.advisable && insight.actionable) {
    const what = insight.finding.evidence ? ` (${escapeMarkdown(insight.finding.evidence)})` : '';
    lines.push('', `_A ${insight.finding.role} setting${what}: it places infrastructure that runs no model GridLens can see, so the grid figure is shown as a fact and no switch is suggested. Moving data or services has costs this estimate does not know._`);
    return lines;
  }
  if (assessment.model && assessment.estimate) {
    lines.push('', ...estimateLines(index, assessment.model, assessment.estimate));
    if (assessment.rank) lines.push(`Rank ${assessment.rank.position} of ${assessment.rank.of} ${providerNames[region.provider]} regions serving it.`);
    else lines.push(`_${escapeMarkdown(assessment.model.name)} is not offered in this region in the bundled data._`);
  }
  if (assessment.alternatives.length > 0) {
    lines.push('', `Cleaner ${assessment.model ? `regions serving ${escapeMarkdown(assessment.model.name)}` : 'regions'}:`, '', alternativesTable(assessment.alternatives, !!assessment.model));
  } else if (insight.actionable) {
    lines.push('', '_No cleaner region within your constraints._');
  }
  return lines;
}

function alternativesTable(alternatives: readonly Alternative[], withCarbon: boolean): string {
  const header = withCarbon ? '| Region | g/kWh | gCO2e/Mtok | Saving | Distance | $/Mtok in/out |' : '| Region | g/kWh | Saving | Distance |';
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
    `**${escapeMarkdown(model.name)}** in ${estimate.region.code}: **≈ ${formatGrams(estimate.carbon.central)} gCO2e per million output tokens** (band ${formatGrams(estimate.carbon.low)}–${formatGrams(estimate.carbon.high)})`,
    `= ${energy.gpuJPerToken.toPrecision(3)} J/token GPU, ${basis}, × ${index.data.calculator.kSys} server share × PUE ${estimate.pue} = ${formatGrams(estimate.energyKWhPerMTok.central * 1000)} Wh/Mtok, × ${estimate.grid.gPerKWh} g/kWh`,
  ];
  if (estimate.embodied !== undefined) lines.push(`Plus ≈ ${formatGrams(estimate.embodied)} g embodied hardware emissions (not region-dependent).`);
  return lines;
}

function modelLines(index: DatasetIndex, insight: FindingInsight): string[] {
  const assessment = insight.model;
  if (!assessment) return [];
  const { model } = assessment;
  const size = model.params.total.min === model.params.total.max ? `${model.params.total.min} B` : `${model.params.total.min}–${model.params.total.max} B (prior)`;
  const active = model.architecture === 'moe' ? `, ${model.params.active.min === model.params.active.max ? model.params.active.min : `${model.params.active.min}–${model.params.active.max}`} B active` : '';
  const tiers = { A: 'A, measured', B: 'B, known size', C: 'C, size prior' } as const;
  const lines = [`**${escapeMarkdown(model.name)}** · \`${model.id}\` · ${model.architecture} ${size}${active} · tier ${tiers[model.tier]}`, ''];
  if (assessment.estimate) lines.push(...estimateLines(index, model, assessment.estimate));
  else if (assessment.spread) lines.push(`Runs somewhere in ${assessment.spread.geo === 'global' ? 'any region (global endpoint)' : `the ${escapeMarkdown(assessment.spread.geo)} geography`}: **≈ ${formatGrams(assessment.spread.min)}–${formatGrams(assessment.spread.max)} gCO2e/Mtok** over ${assessment.spread.destinations} regions — the serving region is not fixed, so no single figure.`);
  else lines.push('_No region paired with this model in the workspace._');
  if (assessment.best && assessment.worst) {
    const { scope } = assessment;
    const over = scope.geo
      ? `the ${scope.count} destination regions of the ${scope.geo === 'global' ? 'global endpoint' : `${escapeMarkdown(scope.geo)} profile`}`
      : `the ${scope.count} ${scope.provider ? `${providerNames[scope.provider]} ` : ''}region offerings`;
    lines.push('', `Across ${over}: cleanest **${assessment.best.region.code}** ≈ ${formatGrams(assessment.best.carbon.central)}, dirtiest ${assessment.worst.region.code} ≈ ${formatGrams(assessment.worst.carbon.central)} g/Mtok.`);
  }
  if (insight.finding.role === 'mention') lines.push('', '_A mention (comment, example or list), not a setting._');
  return lines;
}

function unknownLines(insight: FindingInsight): string[] {
  const { finding } = insight;
  const what = finding.kind === 'region' ? 'region' : 'model';
  const lines = [`Unknown ${what} ${codeSpan(finding.text)}: not in GridLens's catalogue, so it has no figure.`];
  if (finding.suggestions?.length) lines.push('', `Closest known: ${finding.suggestions.map(codeSpan).join(', ')} (different ${what}s: check before using their figures)`);
  return lines;
}
