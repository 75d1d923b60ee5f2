// Markdown that explains a finding: every figure with its inputs and their sources. Two depths from one place:
// `hover` (hovers and inlay hint tooltips: the answer first, the method in one line, sources in a short footer) and
// `full` ("Explain This Estimate": the whole breakdown, every state, every source with its licence and year).
// Text from the workspace is untrusted: escaped in prose, shown literally in code spans.
import type { DatasetIndex } from '../core/data/dataset';
import type { Region } from '../core/data/schema';
import { carbonUnit, estimateEnergy, type GridIntensity, type RegionEstimate } from '../core/carbon/calculator';
import { LIVE_GRID_SOURCE_REF } from '../core/carbon/liveGrid';
import {
  BASIS_WORDS,
  FAMILY_PRIOR_SOURCE,
  GRID_BASIS,
  GRID_METHOD,
  isMediaKind,
  kindOf,
  LIVE_ASKED_GRID_METHOD,
  MULTIMODAL_TOKEN_BASIS,
  noTokenBasisReason,
  shortCarbonUnit,
  type TokenModel,
} from '../core/carbon/units';
import { formatGrams, gridWhen } from '../core/carbon/format';
import type { FindingInsight } from '../core/carbon/insight';
import type { Alternative } from '../core/carbon/assess';

export type ExplainDepth = 'hover' | 'full';

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
const tierMeaning = {
  A: 'tier A: energy measured for this model',
  B: 'tier B: open weights of known size, energy from the fit',
  C: 'tier C: closed model, size estimated from a prior (wider band)',
} as const;
const architectureName = { dense: 'dense', moe: 'mixture-of-experts' } as const;

export interface ExplainLinks {
  /** Command links rendered at the end (already encoded command URIs). */
  actions: Array<{ title: string; uri: string }>;
  /** Plain sentences shown before the links (why a switch is not offered). */
  notes?: string[];
}

/** Collects the sources a text cites, for its footer. */
class Citations {
  private readonly ids: string[] = [];
  constructor(private readonly index: DatasetIndex) {}

  cite(id: string | undefined): void {
    if (id && !this.ids.includes(id)) this.ids.push(id);
  }

  footer(depth: ExplainDepth): string[] {
    if (this.ids.length === 0) return [];
    if (depth === 'hover')
      return [
        `Sources: ${this.ids.map((id) => this.link(id, shortTitle(this.index.sources.get(id)?.title ?? (id === LIVE_GRID_SOURCE_REF.id ? LIVE_GRID_SOURCE_REF.title : id)))).join(' · ')}`,
      ];
    return [
      '### Sources',
      this.ids
        .map((id) => {
          const source = this.index.sources.get(id);
          if (id === LIVE_GRID_SOURCE_REF.id)
            return `- ${this.link(id, LIVE_GRID_SOURCE_REF.title)} (${escapeMarkdown(LIVE_GRID_SOURCE_REF.licence)})`;
          if (!source) return `- ${escapeMarkdown(id)}`;
          return `- ${this.link(id, source.title)} (${escapeMarkdown(source.licence)}, data ${source.dataYear}, retrieved ${escapeMarkdown(source.retrieved)})`;
        })
        .join('\n'),
    ];
  }

  private link(id: string, title: string): string {
    const url = this.index.sources.get(id)?.url ?? (id === LIVE_GRID_SOURCE_REF.id ? LIVE_GRID_SOURCE_REF.url : undefined);
    return url ? `[${escapeMarkdown(title)}](${url})` : escapeMarkdown(title);
  }
}

/** "The ML.ENERGY Benchmark v3.0 (GPU energy …)" → "The ML.ENERGY Benchmark v3.0": the name, not the description. */
function shortTitle(title: string): string {
  const cut = /\s\(|,\s|:\s/.exec(title.slice(8));
  return cut ? title.slice(0, 8 + cut.index) : title;
}

export function explainMarkdown(index: DatasetIndex, insight: FindingInsight, links?: ExplainLinks, depth: ExplainDepth = 'hover'): string {
  const citations = new Citations(index);
  const lines = insight.region
    ? regionLines(index, insight, citations, depth)
    : insight.endpoint
      ? endpointLines(index, insight, citations, depth)
      : insight.model
        ? modelLines(index, insight, citations, depth)
        : unknownLines(insight);
  if (links?.notes?.length) lines.push(...links.notes.map(escapeMarkdown));
  if (links?.actions.length) lines.push(links.actions.map((a) => `[${escapeMarkdown(a.title)}](${a.uri})`).join(' · '));
  lines.push(...citations.footer(depth));
  // One paragraph per line: Markdown would run single-newline lines together.
  return lines.filter((line) => line !== '').join('\n\n');
}

/** Says which a grid figure is when live data was asked for: a live reading, or the yearly average and why. */
function liveGridLines(grid: GridIntensity): string[] {
  if (grid.datetime !== undefined)
    return [
      `_Live grid intensity: the latest Electricity Maps reading for zone ${codeSpan(grid.zone)}${grid.estimated ? ' (estimated by Electricity Maps)' : ''}, not the yearly average._`,
    ];
  if (grid.fallback !== undefined)
    return [
      `_Live grid data unavailable for zone ${codeSpan(grid.zone)} (${escapeMarkdown(grid.fallback)}): the ${grid.year} yearly average is shown._`,
    ];
  return [];
}

function regionLines(index: DatasetIndex, insight: FindingInsight, citations: Citations, depth: ExplainDepth): string[] {
  const assessment = insight.region;
  if (!assessment) return [];
  const { region, grid } = assessment;
  citations.cite(grid.source);
  const lines = [
    `**${region.code}** · ${escapeMarkdown(region.name)} · ${providerNames[region.provider]}: grid **${grid.gPerKWh} gCO2e/kWh** (${gridWhen(grid)}, ${GRID_BASIS})`,
    ...liveGridLines(grid),
  ];
  if (depth === 'full') lines.push(...gridDetails(region, grid, citations));

  if (insight.finding.role === 'mention') {
    lines.push('_Mentioned in a comment, example or list: not a setting, so nothing is suggested._');
    return lines;
  }
  if (insight.profileSource) {
    const where =
      insight.profileSource === 'global'
        ? 'a global endpoint: the call may run in any commercial region'
        : `the ${escapeMarkdown(insight.profileSource)}. cross-region profile: the provider picks the serving region inside that geography`;
    lines.push(
      `_Calls made from here go through ${where}. Switching this region does not change where they run; the model's hover shows the range._`,
    );
    return lines;
  }
  if (!insight.advisable && insight.actionable) {
    const what = insight.finding.evidence ? ` (${escapeMarkdown(insight.finding.evidence)})` : '';
    lines.push(
      `_A ${insight.finding.role} setting${what}: it places infrastructure that runs no model GridLens can see, so the grid figure is shown as a fact and no switch is suggested. Moving data or services has costs this estimate does not know._`,
    );
    return lines;
  }
  if (assessment.model && assessment.estimate) {
    const { model, estimate, rank } = assessment;
    const figure = `${formatGrams(estimate.carbon.central)} ${carbonUnit(model) ?? ''}** (likely ${formatGrams(estimate.carbon.low)}–${formatGrams(estimate.carbon.high)})`;
    if (rank)
      lines.push(
        `**${escapeMarkdown(model.name)} here ≈ ${figure} · rank ${rank.position} of ${rank.of} ${providerNames[region.provider]} regions serving it`,
      );
    else if (assessment.notRecommended)
      lines.push(
        `**${escapeMarkdown(model.name)} here ≈ ${figure} · not ranked or suggested: ${escapeMarkdown(assessment.notRecommended)}`,
      );
    else
      lines.push(
        `**${escapeMarkdown(model.name)} would be ≈ ${figure} here, but the bundled data has no in-region offering of it in ${region.code}.`,
      );
    lines.push(partsLine(estimate));
  }
  const [best] = assessment.alternatives;
  const unit = assessment.model && shortCarbonUnit(assessment.model)?.replace(/^g/, 'gCO2e');
  if (best) {
    const figure = best.estimate && unit ? `≈ ${formatGrams(best.estimate.carbon.central)} ${unit}` : `${best.grid.gPerKWh} gCO2e/kWh`;
    lines.push(
      `Cleaner: **${best.region.code}** (${escapeMarkdown(best.region.name)}) ${figure}, ${savingText(best)}${best.sameJurisdiction ? '' : `, other jurisdiction (${escapeMarkdown(best.region.jurisdiction)})`}`,
    );
  } else if (insight.actionable) {
    lines.push('_No cleaner region within your constraints._');
  }
  if (assessment.model && assessment.estimate)
    lines.push(...methodLines(index, assessment.model as TokenModel, { kind: 'region', estimate: assessment.estimate }, citations, depth));
  if (assessment.alternatives.length > (depth === 'hover' ? 1 : 0)) {
    lines.push(
      `Cleaner ${assessment.model ? `regions serving ${escapeMarkdown(assessment.model.name)}` : 'regions'} within your constraints:`,
      alternativesTable(assessment.alternatives, unit),
    );
  }
  return lines;
}

/** How a grid figure is counted: a yearly average, or the live reading's hour. */
function gridMethodWords(grid: GridIntensity): string {
  return `${GRID_BASIS}, ${grid.datetime === undefined ? 'yearly average' : gridWhen(grid)}`;
}

/** How the grid figures of a range are counted: yearly averages, or live readings where a zone had one. */
function rangeGridMethod(cleanest: RegionEstimate, dirtiest: RegionEstimate): string {
  return cleanest.grid.datetime !== undefined || dirtiest.grid.datetime !== undefined ? LIVE_ASKED_GRID_METHOD : GRID_METHOD;
}

/** Both parts of a figure and what the headline counts (gridlens.carbon.basis). */
function partsLine(estimate: RegionEstimate): string {
  const usage = formatGrams(estimate.usage.central);
  const embodied = formatGrams(estimate.embodied.central);
  const grid = `grid ${gridMethodWords(estimate.grid)}`;
  if (estimate.basis === 'total') return `= usage ${usage} + embodied hardware ${embodied} (${grid})`;
  return `Usage only (setting \`gridlens.carbon.basis\`): embodied hardware would add ${embodied}, ${formatGrams(estimate.total.central)} in all (${grid})`;
}

/** A saving in percent, flagged when it is within the uncertainty that does not cancel for the same model. */
function savingText(alternative: Alternative): string {
  return `−${Math.round(alternative.savingPercent)}%${alternative.distinguishable === false ? ' (within the uncertainty)' : ''}`;
}

/** The grid figure's provenance: zone, why that zone, and the provider's own figure beside it. */
function gridDetails(region: Region, grid: GridIntensity, citations: Citations): string[] {
  const lines = [
    `Grid zone ${codeSpan(grid.zone)} (Electricity Maps): ${grid.datetime === undefined ? 'yearly average' : 'latest hourly reading'}, life-cycle emissions, location-based.`,
  ];
  if (region.gridZoneReason) lines.push(`Why this zone: ${escapeMarkdown(region.gridZoneReason)}`);
  if (region.providerReported) {
    citations.cite(region.providerReported.source);
    lines.push(
      `The provider's own figure: ${region.providerReported.value} gCO2e/kWh (${region.providerReported.year ?? 'year not stated'}), operational emissions only (no upstream fuel and construction), so usually lower.`,
    );
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
    const saving = savingText(a);
    const distance = `${Math.round(a.distanceKm).toLocaleString('en-US')} km`;
    if (!withCarbon) return `${base} | ${saving} | ${distance} |`;
    const price = a.price ? `${a.price.input} / ${a.price.output}` : '–';
    return `${base} | ${formatGrams(a.estimate?.carbon.central ?? NaN)} | ${saving} | ${distance} | ${price} |`;
  });
  return [header, rule, ...rows].join('\n');
}

/** Energy × PUE × grid, in one line for a hover and step by step for the full view. */
/**
 * Where the grid step of a breakdown lands: one region's estimate, the destinations of a profile or global endpoint
 * (the same energy on grids from the cleanest to the dirtiest), or no region yet (what is missing).
 */
type Placement =
  | { kind: 'region'; estimate: RegionEstimate }
  | { kind: 'range'; cleanest: RegionEstimate; dirtiest: RegionEstimate; count: number; band: { low: number; high: number } }
  | { kind: 'missing'; why: string };

function methodLines(index: DatasetIndex, model: TokenModel, placement: Placement, citations: Citations, depth: ExplainDepth): string[] {
  const unit = carbonUnit(model);
  const { calculator } = index.data;
  const energy = estimateEnergy(model, calculator);
  const basis =
    energy.basis === 'measured' ? 'measured' : `fitted at ${energy.effectiveParams.central.toPrecision(3)} B effective parameters`;
  citations.cite(energy.basis === 'measured' ? model.measured?.source : calculator.source);
  const at = placement.kind === 'region' ? placement.estimate : placement.kind === 'range' ? placement.cleanest : undefined;
  if (at) citations.cite(index.providers.get(at.region.provider)?.pue.source);
  const gpu = `${energy.gpuJPerToken.toPrecision(3)} J/token GPU (${basis})`;
  const facility = at
    ? `${formatGrams(at.energyKWhPerMTok.central * 1000)} Wh/Mtok${kindOf(model) === 'embedding' ? ' input' : ''}`
    : undefined;
  const embodiedNote = `${calculator.embodiedGPerMTokPerJ} g/Mtok per GPU J/token: the hardware's manufacture spread over its life`;
  if (depth === 'hover') {
    if (placement.kind !== 'region') return [];
    const { estimate } = placement;
    return [
      `Method: ${gpu} × ${calculator.kSys} server share × PUE ${estimate.pue} (data-centre overhead) = ${facility} × ${estimate.grid.gPerKWh} g/kWh grid${estimate.grid.datetime ? ` (${gridWhen(estimate.grid)})` : ''}${estimate.basis === 'total' ? ` + ${formatGrams(estimate.embodied.central)} embodied (${embodiedNote})` : ''}`,
    ];
  }
  const steps = [
    `1. GPU energy: **${gpu}**${model.precision === 'fp8' && !model.measured ? `, × ${calculator.fp8Factor} for FP8 serving` : ''}.`,
    `2. Server share: × ${calculator.kSys} for host CPU, memory, networking and idle reserve.`,
  ];
  let uncertainty: string | undefined;
  const bandText = (band: { low: number; high: number }) =>
    `Uncertainty: likely ${formatGrams(band.low)}–${formatGrams(band.high)} (×${calculator.bandLow} to ×${calculator.bandHigh} of the central value${model.tier === 'C' ? ', evaluated at both ends of the size prior' : ''}): energy per token depends on batch size, hardware and serving software.`;
  if (placement.kind === 'missing') {
    steps.push(
      `3. Data-centre overhead (PUE, power usage effectiveness) and 4. the grid depend on where the model runs, which is not known: ${escapeMarkdown(placement.why)}.`,
    );
  } else {
    steps.push(
      `3. Data-centre overhead (PUE, power usage effectiveness): × ${at!.pue} for ${providerNames[at!.region.provider]}.`,
      `4. Energy at the facility: ${facility}.`,
    );
    if (placement.kind === 'region') {
      const { estimate } = placement;
      steps.push(
        `5. Grid (${gridMethodWords(estimate.grid)}): × ${estimate.grid.gPerKWh} gCO2e/kWh = usage ${formatGrams(estimate.usage.central)} ${unit}.`,
        `6. Embodied hardware: ${formatGrams(estimate.embodied.central)} ${unit} (${embodiedNote}), the same in every region.`,
        estimate.basis === 'total'
          ? `7. Usage + embodied = **${formatGrams(estimate.total.central)} ${unit}** (the headline, as the GSF Software Carbon Intensity counts it).`
          : `7. The headline counts usage only (\`gridlens.carbon.basis\`): **${formatGrams(estimate.usage.central)} ${unit}**; with embodied it is ${formatGrams(estimate.total.central)}.`,
      );
      uncertainty = `${bandText(estimate.carbon)} The same model in another region shares this energy band, so region comparisons count only what differs between places: ${formatGrams(estimate.placeBand.low)}–${formatGrams(estimate.placeBand.high)} here (site PUE${estimate.region.altGridZone ? `, grid zone ${codeSpan(estimate.region.gridZone)} or ${codeSpan(estimate.region.altGridZone)}` : ''}).`;
    } else {
      const { cleanest, dirtiest, count } = placement;
      steps.push(
        `5. Grid (${rangeGridMethod(cleanest, dirtiest)}): × ${cleanest.grid.gPerKWh} (${cleanest.region.code}) to ${dirtiest.grid.gPerKWh} (${dirtiest.region.code}) gCO2e/kWh over the ${count} destinations = **${formatGrams(cleanest.carbon.central)}–${formatGrams(dirtiest.carbon.central)} ${unit}**, depending on where each request is served.`,
        `6. Embodied hardware: ${formatGrams(cleanest.embodied.central)} ${unit} (${embodiedNote}), the same at every destination; ${cleanest.basis === 'total' ? 'included in the range above' : 'not in the range above (usage only, `gridlens.carbon.basis`)'}.`,
      );
      uncertainty = bandText(placement.band);
    }
  }
  const lines = ['### How the figure is made', steps.join('\n')];
  if (uncertainty) lines.push(uncertainty);
  lines.push(modelDescription(model));
  return lines;
}

function modelDescription(model: TokenModel): string {
  const { params } = model;
  const size =
    params.total.min === params.total.max
      ? `${params.total.min} B parameters`
      : `${params.total.min}–${params.total.max} B parameters (estimated)`;
  const active =
    model.architecture === 'moe'
      ? `, ${params.active.min === params.active.max ? params.active.min : `${params.active.min}–${params.active.max}`} B active per token`
      : '';
  const kind = kindOf(model);
  const unitNote =
    kind === 'embedding'
      ? ' Embedding model: figures per million **input** tokens (it only reads its input: prefill, no decoding).'
      : isMediaKind(kind)
        ? ` ${kind === 'image' ? 'Image' : kind === 'video' ? 'Video' : 'Audio'} model billed per token. ${MULTIMODAL_TOKEN_BASIS}`
        : '';
  const family = model.familyPattern
    ? " This version is not in the catalogue: it is estimated with its family's size prior."
    : params.source === FAMILY_PRIOR_SOURCE
      ? " No source gives this model's own size: it is estimated with its family's size prior."
      : '';
  return `${escapeMarkdown(model.name)}: ${architectureName[model.architecture]}, ${size}${active}; ${tierMeaning[model.tier]}.${unitNote}${family}`;
}

function modelLines(index: DatasetIndex, insight: FindingInsight, citations: Citations, depth: ExplainDepth): string[] {
  const assessment = insight.model;
  if (!assessment) return [];
  const { model } = assessment;
  const lines = [`**${escapeMarkdown(model.name)}** ${codeSpan(insight.finding.text)}`];
  const unit = carbonUnit(model);
  if (!unit) {
    const kind = kindOf(model);
    lines.push(`${kind} model: **no per-token figure** (${noTokenBasisReason(kind)}), so GridLens shows no carbon figure for it.`);
    if (insight.finding.role === 'mention') lines.push('_A mention (comment, example or list), not a setting._');
    return lines;
  }
  const tokenModel = model as TokenModel;
  const pair = insight.pairs.find((p) => p.model.finding === insight.finding);
  if (model.retired) {
    citations.cite(model.retired.source);
    lines.push(`_Retired on ${model.retired.on}: shown for reference, never recommended._`);
  }
  if (assessment.estimate) {
    const { estimate } = assessment;
    citations.cite(estimate.grid.source);
    lines.push(
      `**≈ ${formatGrams(estimate.carbon.central)} ${unit} in ${estimate.region.code}** (likely ${formatGrams(estimate.carbon.low)}–${formatGrams(estimate.carbon.high)})`,
      partsLine(estimate),
    );
    lines.push(...liveGridLines(estimate.grid));
    if (assessment.offeredInRegion === false)
      lines.push(
        `_Not offered in ${estimate.region.code} in the bundled data${assessment.scope.count === 0 && assessment.scope.provider ? `, nor anywhere on ${providerNames[assessment.scope.provider]}` : ''}: the figure is what the model would emit there._`,
      );
    lines.push(...methodLines(index, tokenModel, { kind: 'region', estimate }, citations, depth));
  } else if (assessment.spread) {
    const { spread } = assessment;
    const where = spread.geo === 'global' ? 'a global endpoint: any of' : `the ${escapeMarkdown(spread.geo)} cross-region profile: one of`;
    const basis = assessment.best ? `${BASIS_WORDS[assessment.best.basis]}, ` : '';
    lines.push(
      `**≈ ${formatGrams(spread.min)}–${formatGrams(spread.max)} ${unit}** (${basis}grid ${GRID_BASIS}), runs through ${where} ${spread.destinations} regions, chosen by the provider per request: no single figure.`,
    );
    if (spread.derivedFrom) {
      for (const id of spread.derivedFrom) citations.cite(id);
      lines.push(
        "_Derived: no source lists where this model's global calls go, so the range covers every region the provider's global routing uses for its other models._",
      );
    }
  } else if (pair?.state === 'self-hosted') {
    lines.push(
      `_Runs on your own infrastructure; the workspace does not say in which region${pair.note ? ` (${escapeMarkdown(pair.note)})` : ''}._`,
    );
  } else if (pair?.state === 'provider-managed') {
    lines.push(
      `_Called through the model maker's own API, which does not say where it runs${pair.note ? ` (${escapeMarkdown(pair.note)})` : ''}._`,
    );
  } else if (insight.finding.role !== 'mention') {
    lines.push(`_No region paired with this model in the workspace${pair?.note ? `: ${escapeMarkdown(pair.note)}` : ''}._`);
  }
  if (assessment.best && assessment.worst) {
    const { scope } = assessment;
    const over = scope.geo
      ? `the ${scope.count} destination regions of the ${scope.geo === 'global' ? 'global endpoint' : `${escapeMarkdown(scope.geo)} profile`}`
      : `the ${scope.count} ${scope.provider ? `${providerNames[scope.provider]} ` : ''}region offerings`;
    const basis =
      assessment.estimate || assessment.spread
        ? ''
        : ` (${BASIS_WORDS[assessment.best.basis]}; grid ${rangeGridMethod(assessment.best, assessment.worst)})`;
    lines.push(
      `Across ${over}: cleanest **${assessment.best.region.code}** ≈ ${formatGrams(assessment.best.carbon.central)}, dirtiest ${assessment.worst.region.code} ≈ ${formatGrams(assessment.worst.carbon.central)} ${unit}${basis}.`,
    );
    citations.cite(assessment.best.grid.source);
  } else if (insight.finding.role !== 'mention' && !assessment.estimate && assessment.scope.unranked && !model.retired) {
    lines.push(
      `_Offered${assessment.scope.provider ? ` on ${providerNames[assessment.scope.provider]}` : ''} only in ${assessment.scope.unranked} region${assessment.scope.unranked === 1 ? '' : 's'} no source confirms: shown in the leaderboard, never ranked or recommended._`,
    );
  } else if (insight.finding.role !== 'mention' && !assessment.estimate && !model.retired) {
    lines.push(
      `_Not offered${assessment.scope.provider ? ` on ${providerNames[assessment.scope.provider]}` : ''} in the bundled data, so there is no regional figure._`,
    );
  }
  if (depth === 'full' && !assessment.estimate && insight.finding.role !== 'mention') {
    const { spread, best, worst } = assessment;
    const placement: Placement =
      spread && best && worst
        ? { kind: 'range', cleanest: best, dirtiest: worst, count: spread.destinations, band: spread.band }
        : {
            kind: 'missing',
            why:
              pair?.note ??
              (pair?.state === 'self-hosted'
                ? 'the cluster or VM has no region in the workspace'
                : 'no region is paired with this model in the workspace'),
          };
    lines.push(...methodLines(index, tokenModel, placement, citations, depth));
  }
  if (depth === 'hover' && !assessment.estimate) lines.push(modelDescription(tokenModel));
  if (insight.finding.role === 'mention') lines.push('_A mention (comment, example or list), not a setting._');
  return lines;
}

/** A location naming a global endpoint: what that means, then the model called through it as its own hover shows it. */
function endpointLines(index: DatasetIndex, insight: FindingInsight, citations: Citations, depth: ExplainDepth): string[] {
  const { finding } = insight;
  const lines = [
    `${codeSpan(finding.text)} · ${finding.provider ? providerNames[finding.provider] : 'the provider'}'s **global endpoint**: the provider picks the region that serves each request, so there is a range, not one figure. A regional location fixes the region, and its grid.`,
  ];
  const model = insight.endpoint?.model;
  const pair = model && insight.pairs.find((p) => p.state === 'global' && p.model.finding.value === model.model.id);
  if (model && pair) lines.push(...modelLines(index, { ...insight, finding: pair.model.finding, model }, citations, depth));
  else if (finding.role !== 'mention') lines.push('_No model GridLens knows is called through it in the workspace._');
  return lines;
}

function unknownLines(insight: FindingInsight): string[] {
  const { finding } = insight;
  const what = finding.kind === 'region' ? 'region' : 'model';
  const lines = [`Unknown ${what} ${codeSpan(finding.text)}: not in GridLens's catalogue, so it has no figure.`];
  if (finding.suggestions?.length)
    lines.push(`Closest known: ${finding.suggestions.map(codeSpan).join(', ')} (different ${what}s: check before using their figures)`);
  return lines;
}
