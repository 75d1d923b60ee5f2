// Loads the compiled dataset: validates it (shape and cross-references) and indexes it for lookups.
import { FAMILY_PRIOR_SOURCE, isMediaKind, kindOf } from '../carbon/units';
import { Dataset, type Model, type Offering, type Provider, type ProviderId, type Region, type Source } from './schema';

export class DatasetError extends Error {
  constructor(readonly problems: string[]) {
    super(`The GridLens dataset is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'DatasetError';
  }
}

export interface DatasetIndex {
  readonly data: Dataset;
  readonly sources: ReadonlyMap<string, Source>;
  readonly providers: ReadonlyMap<ProviderId, Provider>;
  /** Keyed by `provider:code`. */
  readonly regions: ReadonlyMap<string, Region>;
  readonly models: ReadonlyMap<string, Model>;
  /** Lower-cased alias (and canonical id) → model. */
  readonly aliases: ReadonlyMap<string, Model>;
  readonly offeringsByModel: ReadonlyMap<string, readonly Offering[]>;
  /**
   * A name written without the owner that one `owner/name` alias gives it (`claude-3.5-sonnet` for OpenRouter's
   * `anthropic/claude-3.5-sonnet`), lower-cased → model: only names with a digit that no alias holds already, and that
   * every owner gives the same model.
   */
  readonly ownerless: ReadonlyMap<string, Model>;
  /** Family priors with their compiled name patterns, tried after every alias. */
  readonly families: ReadonlyArray<{ pattern: RegExp; model: Model }>;
}

export const regionKey = (provider: ProviderId, code: string): string => `${provider}:${code}`;

/** Validates raw dataset JSON and returns it indexed. Throws DatasetError listing every problem. */
export function loadDataset(raw: unknown): DatasetIndex {
  const parsed = Dataset.safeParse(raw);
  if (!parsed.success) {
    throw new DatasetError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const index = buildIndex(parsed.data);
  const problems = checkReferences(index);
  if (problems.length > 0) throw new DatasetError(problems);
  return index;
}

/**
 * Indexes a dataset loadDataset accepted already, as it returned it (`index.data`): the build's output, which it
 * checks before writing, so that each run does not parse and check 400 KB again.
 */
export const indexCheckedDataset = (data: Dataset): DatasetIndex => buildIndex(data);

function buildIndex(data: Dataset): DatasetIndex {
  const aliases = new Map<string, Model>();
  for (const model of data.models) {
    aliases.set(model.id, model);
    for (const alias of model.aliases) aliases.set(alias.id.toLowerCase(), model);
  }
  const ownerless = new Map<string, Model | null>();
  for (const model of data.models)
    for (const alias of model.aliases) {
      const name = /^[a-z0-9][a-z0-9._-]*\/([^/]*\d[^/]*)$/i.exec(alias.id)?.[1].toLowerCase();
      if (name === undefined || aliases.has(name)) continue;
      const seen = ownerless.get(name);
      // a name two owners give different models is no one's (null)
      ownerless.set(name, seen === undefined || seen === model ? model : null);
    }
  const offeringsByModel = new Map<string, Offering[]>();
  for (const offering of data.offerings) {
    const list = offeringsByModel.get(offering.model) ?? [];
    list.push(offering);
    offeringsByModel.set(offering.model, list);
  }
  const families: Array<{ pattern: RegExp; model: Model }> = [];
  for (const model of data.models) {
    if (model.familyPattern === undefined) continue;
    const pattern = compilePattern(model.familyPattern);
    if (pattern) families.push({ pattern, model });
  }
  return {
    data,
    families,
    sources: new Map(data.sources.map((s) => [s.id, s])),
    providers: new Map(data.providers.map((p) => [p.id, p])),
    regions: new Map(data.regions.map((r) => [regionKey(r.provider, r.code), r])),
    models: new Map(data.models.map((m) => [m.id, m])),
    aliases,
    ownerless: new Map([...ownerless].filter((entry): entry is [string, Model] => entry[1] !== null)),
    offeringsByModel,
  };
}

function compilePattern(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'i');
  } catch {
    return undefined;
  }
}

/** Every number points to a known source; every reference resolves; no alias belongs to two models. */
function checkReferences(index: DatasetIndex): string[] {
  const { data, sources } = index;
  const problems: string[] = [];
  const needSource = (where: string, id: string | undefined) => {
    if (id === undefined) problems.push(`${where}: no source`);
    else if (!sources.has(id)) problems.push(`${where}: unknown source '${id}'`);
  };
  const seenSources = new Set<string>();
  for (const s of data.sources) {
    if (seenSources.has(s.id)) problems.push(`sources: '${s.id}' is defined twice`);
    seenSources.add(s.id);
  }
  needSource('grid', data.grid.source);
  needSource('calculator', data.calculator.source);
  if (!data.grid.years.includes(data.grid.defaultYear)) problems.push(`grid: default year ${data.grid.defaultYear} has no data`);
  for (const p of data.providers) {
    needSource(`providers.${p.id}.pue`, p.pue.source);
    if (p.pueSites) needSource(`providers.${p.id}.pueSites`, p.pueSites.source);
    if (p.pueSites && !(p.pueSites.low <= p.pue.value && p.pue.value <= p.pueSites.high)) problems.push(`providers.${p.id}: the fleet PUE must lie within its sites' range`);
  }
  for (const id of ['aws', 'gcp', 'azure'] as const) if (!index.providers.has(id)) problems.push(`providers: '${id}' is missing`);

  const seenRegions = new Set<string>();
  for (const r of data.regions) {
    const key = regionKey(r.provider, r.code);
    if (seenRegions.has(key)) problems.push(`regions: '${key}' is defined twice`);
    seenRegions.add(key);
    needSource(`regions.${key}`, r.source);
    if (r.providerReported) needSource(`regions.${key}.providerReported`, r.providerReported.source);
    for (const zone of [r.gridZone, r.altGridZone]) {
      if (zone === undefined) continue;
      const z = data.grid.zones[zone];
      if (!z) problems.push(`regions.${key}: grid zone '${zone}' has no intensity data`);
      else if (z.intensity[String(data.grid.defaultYear)] === undefined) problems.push(`regions.${key}: zone '${zone}' has no ${data.grid.defaultYear} value`);
    }
    if (r.altGridZone && !r.gridZoneReason) problems.push(`regions.${key}: an alternative zone needs the reason for the choice`);
  }

  const aliasOwner = new Map<string, string>();
  const seenModels = new Set<string>();
  for (const m of data.models) {
    if (seenModels.has(m.id)) problems.push(`models: '${m.id}' is defined twice`);
    seenModels.add(m.id);
    const kind = kindOf(m);
    const aKind = `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
    if (!isMediaKind(kind) && !m.params) problems.push(`models.${m.id}: ${aKind} model needs params (its energy comes from its size)`);
    if (isMediaKind(kind) && m.measured) problems.push(`models.${m.id}: ${aKind} model has no measurement per token`);
    // A media model is counted in tokens only on a size EcoLogits gives it (or its family's prior over such sizes).
    if (isMediaKind(kind) && m.params && !m.params.source.startsWith('ecologits') && m.params.source !== FAMILY_PRIOR_SOURCE)
      problems.push(`models.${m.id}: ${aKind} model's size comes from EcoLogits or a family prior, not '${m.params.source}'`);
    if (m.params) needSource(`models.${m.id}.params`, m.params.source);
    if (m.measured) needSource(`models.${m.id}.measured`, m.measured.source);
    if (m.speed) needSource(`models.${m.id}.speed`, m.speed.source);
    if (m.tier === 'A' && !m.measured) problems.push(`models.${m.id}: tier A needs a measured value`);
    if (m.familyPattern !== undefined && !compilePattern(m.familyPattern)) problems.push(`models.${m.id}: familyPattern is not a valid regular expression`);
    if (m.familyPattern !== undefined && m.tier !== 'C') problems.push(`models.${m.id}: a family prior is tier C`);
    if (m.retired) needSource(`models.${m.id}.retired`, m.retired.source);
    if (m.aliases.length === 0 && m.familyPattern === undefined) problems.push(`models.${m.id}: needs at least one alias`);
    if (m.params && m.architecture === 'dense' && (m.params.active.min !== m.params.total.min || m.params.active.max !== m.params.total.max)) {
      problems.push(`models.${m.id}: a dense model has active = total parameters`);
    }
    const keys = new Set([m.id, ...m.aliases.map((a) => a.id.toLowerCase())]);
    for (const key of keys) {
      const owner = aliasOwner.get(key);
      if (owner !== undefined && owner !== m.id) problems.push(`alias '${key}' is claimed by both '${owner}' and '${m.id}'`);
      aliasOwner.set(key, m.id);
    }
  }

  data.offerings.forEach((o, i) => {
    const where = `offerings[${i}] (${o.model} ${o.provider}/${o.service})`;
    if (!index.models.has(o.model)) problems.push(`${where}: unknown model`);
    needSource(where, o.source);
    if (o.price) needSource(`${where}.price`, o.price.source);
    if (o.price?.region !== undefined && !index.regions.has(regionKey(o.provider, o.price.region))) problems.push(`${where}.price: unknown region '${o.price.region}'`);
    for (const [code, price] of Object.entries(o.price?.byRegion ?? {})) {
      needSource(`${where}.price.byRegion.${code}`, price.source);
      if (!o.regions.includes(code)) problems.push(`${where}.price.byRegion: '${code}' is not one of the offering's regions`);
    }
    const { status, rule, reason } = o.provenance;
    if (status === 'derived' && !rule) problems.push(`${where}: a derived region set names its rule`);
    if (status === 'unverified' && !reason) problems.push(`${where}: an unverified region set says why`);
    if (status !== 'derived' && rule) problems.push(`${where}: only a derived region set has a rule`);
    if (o.throughput) needSource(`${where}.throughput`, o.throughput.source);
    if (o.placement === 'geo' && !o.geo) problems.push(`${where}: a geo placement names its geography`);
    const regionsKnown = o.regionsKnown ?? true;
    if (regionsKnown && o.regions.length === 0) problems.push(`${where}: no regions (set regionsKnown: false when no source lists them)`);
    if (!regionsKnown && o.regions.length > 0) problems.push(`${where}: regions listed although regionsKnown is false`);
    if (!regionsKnown && status !== 'unverified') problems.push(`${where}: regions no source lists are unverified`);
    for (const code of o.regions) {
      if (!index.regions.has(regionKey(o.provider, code))) problems.push(`${where}: unknown region '${code}'`);
    }
  });
  return problems;
}
