// Turns strings as code writes them into dataset entries: model ids in all their platform spellings, and
// region codes, availability zones and Azure display names.
import { regionKey, type DatasetIndex } from './dataset';
import { bedrockGeoAlternation, bedrockVendorAlternation, routerPrefixOf } from './knowledge';
import type { Model, ProviderId, Region } from './schema';

export interface ModelMatch {
  model: Model;
  /** The alias (or canonical id) that matched, after containers and prefixes were taken off. */
  matchedAlias: string;
  /** Bedrock cross-region profile geography (`us`, `eu`, `apac`, …, or `global`). */
  geo?: string;
  /** A region revealed by the container: an ARN's region or a Vertex resource path's location. */
  region?: string;
  /** Platform revealed by a router prefix (`bedrock/`, `vertex_ai/`, `azure/` …). */
  routerPrefix?: string;
  /** Precision implied by the name (`-FP8`, `-AWQ` …). */
  precision?: 'fp8' | 'int4';
  /**
   * `alias`: a listed spelling (after the generic platform rules); `family`: no listed model, the name has the shape
   * of a known family (a new dated `claude-*-opus-*`), so the family's size prior (tier C) stands in for it.
   */
  matchedBy: 'alias' | 'family';
}

const bedrockGeoPrefix = new RegExp(`^(${bedrockGeoAlternation})\\.(?=[a-z]+\\.)`);
const arnPattern = /^arn:aws(?:-[a-z]+)*:bedrock:([a-z0-9-]*):[0-9]*:(?:foundation-model|inference-profile|model)\/(.+)$/;
const vertexPath = /^(?:(?:https?:\/\/[^/]+\/v1(?:beta1)?\/)?projects\/[^/]+\/)?locations\/([a-z0-9-]+)\/publishers\/([a-z0-9-]+)\/models\/([^/:]+)/;
const vertexShortPath = /^publishers\/([a-z0-9-]+)\/models\/([^/:]+)/;
const precisionSuffix = /-(fp8|awq|gptq|gguf|4bit|int4|bnb-4bit)$/i;
// Bedrock model ids: `vendor.model-vN:M` (also `-N:M`, `:M`); the model part is what the vendor's own API calls it.
const bedrockVendor = new RegExp(`^(?:${bedrockVendorAlternation})\\.`, 'i');
const bedrockVersion = /(?:-v\d+(?::\d+)?|-\d+:\d+|:\d+)$/;
// Vertex publisher models: `claude-sonnet-4@20250514` is Anthropic's `claude-sonnet-4-20250514`; `@default`,
// `@latest`, `@001` and other version tags name the model itself. Partner models end in `-maas`.
const vertexDate = /@(\d{8})$/;
const vertexVersion = /@[a-z0-9.-]+$/i;
const vertexPartner = /^(?:[a-z0-9-]+\/)?(.+)-maas$/i;
// Dated snapshots of one model: OpenAI `-2024-08-06` (and `gpt-…-0613`), Anthropic `-20250514`.
const snapshotDate = /-(?:\d{4}-\d{2}-\d{2}|\d{8})$|(?<=^gpt-.+)-(?:0[1-9]|1[0-2])\d{2}$/i;
// A preview or experimental build of a model, dated or not (`gemini-1.5-pro-preview-0409`, `gemini-1.0-pro-preview`),
// read as the model where the build itself is not listed.
const previewBuild = /-(?:preview|exp|experimental)(?:-\d{2}-?\d{2})?$/i;
// Fireworks model resources: `accounts/<account>/models/<name>`, serving tiers under `routers/` and, once,
// `accounts/fireworks/<name>`. Names write a version's dot as `p` (`deepseek-v3p2`, `kimi-k2p5`, `qwen3p6-plus`).
const fireworksResource = /^accounts\/(?:[a-z0-9-]+\/(models|routers)|fireworks)\/([^/]+)$/i;
const fireworksVersionDot = /(\d)p(?=\d)/g;
// A router's `-fast` / `-turbo` names a serving tier of the same model (`glm-5p1-fast`, `kimi-k2p6-turbo`).
const fireworksServingTier = /-(?:fast|turbo)$/i;
// OpenRouter writes `<vendor>/<the vendor's own id>` with a variant after a colon (`:free`, `:thinking`, `:nitro` …),
// and a Hugging Face re-upload (`unsloth/Llama-3.2-3B-Instruct`) carries its base model's name: the name alone is tried
// after every other spelling.
const routerVariant = /:(?:free|beta|extended|thinking|exacto|nitro|floor|online)$/i;
const ownerAndName = /^~?[a-z0-9][a-z0-9._-]*\/([^/]+)$/i;

/** Resolves a model identifier as found in code. Returns undefined for unknown names. */
export function resolveModel(index: DatasetIndex, text: string): ModelMatch | undefined {
  let id = text.trim().replace(/^['"`]|['"`]$/g, '');
  const found: Partial<ModelMatch> = {};

  const arn = arnPattern.exec(id);
  if (arn) {
    if (arn[1]) found.region = arn[1];
    id = arn[2];
  }
  const path = vertexPath.exec(id);
  if (path) {
    found.region = path[1];
    id = path[2] === 'google' ? path[3] : `${path[2]}/${path[3]}`;
  } else {
    const short = vertexShortPath.exec(id);
    if (short) id = short[1] === 'google' ? short[2] : `${short[1]}/${short[2]}`;
  }
  // The Gemini API names models as resources: `models/gemini-2.5-flash`.
  id = id.replace(/^models\//, '');
  // An exact alias wins before any prefix is taken off: `meta/llama…-maas` and `openai/gpt-oss-120b` are real ids.
  const exact = lookup(index, id);
  if (exact) return { ...found, model: exact, matchedAlias: id, matchedBy: 'alias' };

  const routed = routerPrefixOf(id);
  if (routed) {
    found.routerPrefix = routed.router.prefix;
    id = id.slice(routed.written.length);
  }
  const geo = bedrockGeoPrefix.exec(id);
  if (geo) {
    found.geo = geo[1];
    id = id.slice(geo[0].length);
  }
  const candidates = [id, ...fireworksForms(id)];
  const withoutContext = id.replace(/:\d+k$/i, '');
  candidates.push(withoutContext);
  const precision = precisionSuffix.exec(withoutContext);
  if (precision) {
    found.precision = /fp8/i.test(precision[1]) ? 'fp8' : 'int4';
    candidates.push(withoutContext.slice(0, precision.index));
  }
  for (const candidate of [...candidates]) candidates.push(...platformForms(candidate));
  // Azure deployment names drop the dot of a version: gpt-35-turbo, gpt-41-mini, gpt-45-preview.
  candidates.push(...candidates.map((c) => c.replace(/^gpt-(\d)(\d)(?=-|$)/i, 'gpt-$1.$2')));
  candidates.push(...ownerForms(id));
  for (const candidate of candidates) {
    const model = lookup(index, candidate);
    if (model) return { ...found, model, matchedAlias: candidate, matchedBy: 'alias' };
  }
  // a name written without the owner its aliases give it (`claude-sonnet-4`: OpenRouter's `anthropic/claude-sonnet-4`)
  for (const candidate of candidates) {
    const model = index.ownerless.get(candidate.toLowerCase());
    if (model) return { ...found, model, matchedAlias: candidate, matchedBy: 'alias' };
  }
  for (const candidate of candidates) {
    const family = index.families.find((f) => f.pattern.test(candidate));
    if (family) return { ...found, model: family.model, matchedAlias: candidate, matchedBy: 'family' };
  }
  return undefined;
}

/**
 * The model name inside a Fireworks resource id, as written first, then with `<digit>p<digit>` read as a version's dot
 * (tried only when the name as written does not resolve: candidates are looked up in order), then, for a router,
 * without its serving-tier suffix. Outside `accounts/…` nothing is rewritten.
 */
function fireworksForms(id: string): string[] {
  const resource = fireworksResource.exec(id);
  if (!resource) return [];
  const names = [resource[2]];
  if (resource[1]?.toLowerCase() === 'routers' && fireworksServingTier.test(resource[2])) names.push(resource[2].replace(fireworksServingTier, ''));
  return names.flatMap((name) => [name, name.replace(fireworksVersionDot, '$1.')]);
}

/** An id without OpenRouter's variant suffix, then the name without its owner (`x-ai/grok-3` → `grok-3`), when it has one. */
function ownerForms(id: string): string[] {
  const base = id.replace(routerVariant, '');
  const named = ownerAndName.exec(base);
  return [...(base !== id ? [base] : []), ...(named ? [named[1], ...platformForms(named[1])] : [])];
}

/** The vendor's own name behind a platform spelling (Bedrock, Vertex), and the model behind a dated snapshot. */
function platformForms(id: string): string[] {
  const forms: string[] = [];
  let base = id;
  if (bedrockVendor.test(base)) {
    base = base.replace(bedrockVendor, '').replace(bedrockVersion, '');
    forms.push(base);
  }
  if (vertexDate.test(base)) forms.push(base.replace(vertexDate, '-$1'));
  if (vertexVersion.test(base)) {
    base = base.replace(vertexVersion, '');
    forms.push(base);
  }
  const partner = vertexPartner.exec(base);
  if (partner) {
    forms.push(base.replace(/-maas$/i, ''));
    base = partner[1];
    forms.push(base);
  }
  if (snapshotDate.test(base)) forms.push(base.replace(snapshotDate, ''));
  if (previewBuild.test(base)) forms.push(base.replace(previewBuild, ''));
  return forms;
}

function lookup(index: DatasetIndex, id: string): Model | undefined {
  return index.aliases.get(id.toLowerCase());
}

export interface RegionMatch {
  region: Region;
  /** How the text was read: the code itself, an availability zone or zone of it, or a display name. */
  via: 'code' | 'zone' | 'display-name';
}

const awsZone = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)[a-z]$/;
const awsLocalZone = /^([a-z]{2}-[a-z]+-\d)-[a-z]+-\d[a-z]$/;
const gcpZone = /^([a-z]+-[a-z]+\d+)-[a-z]$/;

/** Resolves a region code, availability zone or Azure display name. Provider narrows the search when known. */
export function resolveRegion(index: DatasetIndex, text: string, provider?: ProviderId): RegionMatch | undefined {
  const raw = text.trim().replace(/^['"`]|['"`]$/g, '');
  const code = raw.toLowerCase();
  const providers: readonly ProviderId[] = provider ? [provider] : ['aws', 'gcp', 'azure'];
  for (const p of providers) {
    const region = index.regions.get(regionKey(p, code));
    if (region) return { region, via: 'code' };
  }
  for (const pattern of [awsZone, awsLocalZone, gcpZone]) {
    const zone = pattern.exec(code);
    if (!zone) continue;
    for (const p of providers) {
      const region = index.regions.get(regionKey(p, zone[1]));
      if (region) return { region, via: 'zone' };
    }
  }
  if (providers.includes('azure')) {
    const squashed = code.replace(/[\s_-]+/g, '');
    const region = index.regions.get(regionKey('azure', squashed)) ?? azureByDisplayName(index, squashed);
    if (region) return { region, via: 'display-name' };
  }
  return undefined;
}

function azureByDisplayName(index: DatasetIndex, squashed: string): Region | undefined {
  for (const region of index.data.regions) {
    if (region.provider !== 'azure') continue;
    if (region.name.toLowerCase().replace(/[\s_-]+/g, '') === squashed) return region;
    if (region.aliases.some((a) => a.toLowerCase().replace(/[\s_-]+/g, '') === squashed)) return region;
  }
  return undefined;
}

/** The known names closest to an unknown one, for "did you mean" messages. */
export function closestNames(text: string, names: Iterable<string>, limit = 3): string[] {
  const needle = text.toLowerCase();
  const scored: Array<{ name: string; distance: number }> = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    const distance = lower.includes(needle) || needle.includes(lower) ? Math.abs(lower.length - needle.length) / 4 : editDistance(needle, lower);
    scored.push({ name, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  const cutoff = Math.max(2, Math.ceil(needle.length * 0.4));
  return scored.filter((s) => s.distance <= cutoff).slice(0, limit).map((s) => s.name);
}

export function closestRegions(index: DatasetIndex, text: string, provider?: ProviderId, limit = 3): string[] {
  const codes = index.data.regions.filter((r) => !provider || r.provider === provider).map((r) => r.code);
  return closestNames(text, new Set(codes), limit);
}

export function closestModels(index: DatasetIndex, text: string, limit = 3): string[] {
  const byName = new Map<string, string>();
  for (const model of index.data.models) {
    byName.set(model.id, model.id);
    byName.set(model.name, model.id);
    for (const alias of model.aliases) byName.set(alias.id, model.id);
  }
  const best = closestNames(text, byName.keys(), limit * 4).map((name) => byName.get(name) as string);
  return [...new Set(best)].slice(0, limit);
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** A model id's letters and digits, lower-cased: what is left of it in an SDK's constant name (gemini15Flash, GPT_4_O). */
const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** What a constant may add after a listed model's name: a preview or experimental build, a date or version number. */
const constantQualifiers = /^(?:preview|exp|experimental|latest|\d{3,8})+$/;

/** Squashed ids and aliases, by index: each to its model and spelling, or null where two models squash alike. */
const squashedIndexes = new WeakMap<DatasetIndex, Map<string, { model: Model; alias: string } | null>>();

function squashedIndex(index: DatasetIndex): Map<string, { model: Model; alias: string } | null> {
  let squashed = squashedIndexes.get(index);
  if (squashed) return squashed;
  squashed = new Map();
  for (const model of index.data.models) {
    // spellings of no one platform first: a constant of Anthropic's SDK is `claude-3-7-sonnet-20250219`, not Vertex
    // AI's `claude-3-7-sonnet@20250219`, though both squash alike
    const spellings = [...model.aliases.map((a) => a.id), model.id.slice(model.id.indexOf('/') + 1)];
    for (const alias of [...spellings.filter((a) => !a.includes('@')), ...spellings.filter((a) => a.includes('@'))]) {
      // an owner-qualified alias (`meta-llama/Llama-3.1-8B`) squashes with its owner's letters: its name alone is what a constant spells
      const name = alias.slice(alias.lastIndexOf('/') + 1);
      const key = squash(name);
      const seen = squashed.get(key);
      if (seen === undefined) squashed.set(key, { model, alias: name });
      else if (seen && seen.model !== model) squashed.set(key, null);
    }
  }
  squashedIndexes.set(index, squashed);
  return squashed;
}

/**
 * The model an SDK's constant names (Genkit's `gemini15Flash`, `textEmbedding004`; an enum's `GPT_4_O`): the listed
 * model whose id has the same letters and digits, or whose id they begin with, followed only by a preview, date or
 * version qualifier (`gemini25FlashPreview0417` is a preview of gemini-2.5-flash). `name` is the constant without
 * its SDK's prefix.
 */
export function resolveModelConstant(index: DatasetIndex, name: string): { model: Model; alias: string } | undefined {
  const squashed = squashedIndex(index);
  // go-openai writes a version's dot as `Dot` (GPT3Dot5Turbo)
  const key = squash(name.replace(/(\d)Dot(?=\d)/g, '$1'));
  const exact = squashed.get(key);
  if (exact !== undefined) return exact ?? undefined;
  for (let end = key.length - 1; end >= 3; end--) {
    if (!constantQualifiers.test(key.slice(end))) continue;
    const listed = squashed.get(key.slice(0, end));
    if (listed !== undefined) return listed ?? undefined;
  }
  return undefined;
}
