// Joins scanner output with the calculator: for each finding, what to show and whether a cleaner region exists.
// The editor (hints, hovers, quick fixes, diagnostics) and the CLI scan both read these, so they agree.
import { regionKey, type DatasetIndex } from '../data/dataset';
import { providerOfModelText } from '../data/platform';
import type { Model, ProviderId } from '../data/schema';
import type { Finding, Pair } from '../scan/types';
import { assessModel, assessRegion, type Alternative, type ModelAssessment, type Preferences, type RegionAssessment } from './assess';
import { optionsForModel, type ModelOption } from './options';

export interface FindingInsight {
  finding: Finding;
  /** Pairs this finding takes part in (as the model or as the region). */
  pairs: Pair[];
  region?: RegionAssessment;
  model?: ModelAssessment;
  /** An inference or deployment setting with a known value, not suppressed. */
  actionable: boolean;
  /**
   * An actionable setting that decides where a model runs (role `inference`): the only kind GridLens advises moving.
   * A deployment region (a database, a bucket, a cluster without a model) keeps its grid figure as a fact.
   */
  advisable: boolean;
  /** The cleanest alternative when it saves at least the minimum; what diagnostics and quick fixes offer. */
  suggestion?: Alternative;
  /**
   * The region only sources calls to a cross-region profile or global endpoint (`us.`, `global.`): the serving
   * region is chosen by the provider, so switching this one would not change the carbon, and nothing is suggested.
   */
  profileSource?: string;
  /**
   * A location that names a global endpoint (Vertex AI's `global`; the finding's geo): the assessment of the model
   * called through it, over the endpoint's destinations, when a known model is.
   */
  endpoint?: { model?: ModelAssessment };
}

export interface InsightOptions extends Preferences {
  minSavingsPercent: number;
}

/**
 * Assessments already made for one index and one set of options, by region and model: a scan report asks for the
 * same few model × region pairs for thousands of findings, and an assessment depends only on them.
 */
export interface AssessmentMemo {
  regions: Map<string, RegionAssessment>;
  models: Map<string, ModelAssessment>;
  /** Each model's options (optionsForModel), which the assessments of a model in every place start from. */
  options: Map<string, ModelOption[]>;
  /** The provider a model id as written implies (providerOfModelText), by the text. */
  providers: Map<string, ProviderId | undefined>;
}

export const assessmentMemo = (): AssessmentMemo => ({ regions: new Map(), models: new Map(), options: new Map(), providers: new Map() });

function remembered<T>(memo: Map<string, T> | undefined, key: string, assess: () => T): T {
  if (!memo) return assess();
  let value = memo.get(key);
  if (value === undefined) memo.set(key, (value = assess()));
  return value;
}

const sameFinding = (a: Finding, b: Finding) => a.range.start === b.range.start && a.range.end === b.range.end && a.kind === b.kind;

/**
 * Insights for the findings of one file; `pairs` may span the workspace (only those touching this file matter).
 * Findings with the same model and place share their assessment objects when `memo` is given (made for this index and options).
 */
export function insightsFor(
  index: DatasetIndex,
  file: string,
  findings: readonly Finding[],
  pairs: readonly Pair[],
  options: InsightOptions,
  memo?: AssessmentMemo,
): FindingInsight[] {
  const optionsOf = (model: Model) => remembered(memo?.options, model.id, () => optionsForModel(index, model, options.calc));
  // pairs by the findings of this file they touch: one pass, not one per finding (a file can hold thousands of each)
  const key = (f: Finding) => `${f.range.start}:${f.range.end}:${f.kind}`;
  const byFinding = new Map<string, Pair[]>();
  const add = (k: string | undefined, p: Pair) => {
    if (k === undefined) return;
    const list = byFinding.get(k);
    if (list) list.push(p);
    else byFinding.set(k, [p]);
  };
  const keyHere = (end?: { file: string; finding: Finding }) => (end?.file === file ? key(end.finding) : undefined);
  for (const p of pairs) {
    // each finding of this file the pair touches, once (a model and its region can be one finding)
    const model = keyHere(p.model);
    const region = keyHere(p.region);
    const source = keyHere(p.source);
    add(model, p);
    if (region !== model) add(region, p);
    if (source !== model && source !== region) add(source, p);
  }
  return findings.map((finding) => {
    const touches = (end?: { file: string; finding: Finding }) => end?.file === file && sameFinding(end.finding, finding);
    const related = byFinding.get(key(finding)) ?? [];
    const actionable = !finding.ignored && finding.value !== undefined && (finding.role === 'inference' || finding.role === 'deployment');
    const insight: FindingInsight = { finding, pairs: related, actionable, advisable: actionable && finding.role === 'inference' };
    if (finding.kind === 'region' && finding.value && finding.provider) {
      const region = index.regions.get(regionKey(finding.provider, finding.value));
      if (!region) return insight;
      const model = pairedModel(index, related, finding);
      insight.region = remembered(memo?.regions, `${region.provider}\0${region.code}\0${model?.id ?? ''}`, () =>
        assessRegion(index, region, model, options, optionsOf),
      );
      const profile = related.find((p) => touches(p.source));
      if (profile && !related.some((p) => p.state === 'region' && touches(p.region))) insight.profileSource = profile.geo ?? 'global';
      const best = insight.region.alternatives[0];
      if (insight.advisable && !insight.profileSource && best && best.savingPercent >= options.minSavingsPercent) insight.suggestion = best;
    } else if (finding.kind === 'region' && finding.geo === 'global') {
      // the model called through this endpoint, as its own finding's insight assesses it
      const pair = related.find((p) => p.state === 'global' && touches(p.source) && p.model.finding.value);
      const model = pair && index.models.get(pair.model.finding.value as string);
      insight.endpoint = model ? { model: assessAt(model, pair.model.finding, placement([pair], pair.model.finding)) } : {};
    } else if (finding.kind === 'model' && finding.value) {
      const model = index.models.get(finding.value);
      if (!model) return insight;
      insight.model = assessAt(model, finding, placement(related, finding));
    }
    return insight;
  });

  function assessAt(model: Model, finding: Finding, where: Parameters<typeof assessModel>[2]): ModelAssessment {
    const platform = providerOf(index, finding.text, memo?.providers);
    const key = [model.id, platform, where?.provider, where && 'code' in where ? where.code : where?.geo].join('\0');
    return remembered(memo?.models, key, () => assessModel(index, model, where, options.calc, platform, optionsOf));
  }
}

/** providerOfModelText, remembered by the text when a memo is given. */
function providerOf(index: DatasetIndex, text: string, memo: Map<string, ProviderId | undefined> | undefined): ProviderId | undefined {
  if (memo?.has(text)) return memo.get(text);
  const provider = providerOfModelText(index, text);
  memo?.set(text, provider);
  return provider;
}

/** A pair that runs in one region: a managed model there, or a self-hosted one on a cluster or VM there. */
const placedInRegion = (pair: Pair): boolean => pair.state === 'region' || (pair.state === 'self-hosted' && pair.region !== undefined);

function pairedModel(index: DatasetIndex, pairs: readonly Pair[], region: Finding): Model | undefined {
  for (const pair of pairs) {
    if (!placedInRegion(pair) || !pair.region || !sameFinding(pair.region.finding, region)) continue;
    const model = pair.model.finding.value ? index.models.get(pair.model.finding.value) : undefined;
    if (model) return model;
  }
  return undefined;
}

function placement(pairs: readonly Pair[], model: Finding): Parameters<typeof assessModel>[2] {
  const pair = pairs.find((p) => sameFinding(p.model.finding, model));
  if (!pair) return model.geo ? { geo: model.geo } : undefined;
  if (placedInRegion(pair) && pair.region?.finding.value && pair.region.finding.provider) {
    return { provider: pair.region.finding.provider, code: pair.region.finding.value };
  }
  if (pair.state === 'geo-profile' && pair.geo) return { geo: pair.geo };
  // the workspace's own call says whose global routing it is (an Azure GlobalStandard SKU, a Vertex global endpoint)
  if (pair.state === 'global') return { geo: 'global', ...(pair.provider ? { provider: pair.provider } : {}) };
  return undefined;
}
