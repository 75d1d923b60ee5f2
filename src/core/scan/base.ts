// Builds findings: reads a region or model at a range, resolves it against the dataset, keeps one finding per
// range and the file's facts for the workspace resolver.
import type { DatasetIndex } from '../data/dataset';
import { bedrockGeoAlternation } from '../data/knowledge';
import { closestModels, closestRegions, resolveModel, resolveRegion } from '../data/resolve';
import type { ProviderId } from '../data/schema';
import { escape, requiredWords } from './expressionWords';
import { emptyFacts, type FileFacts } from './facts';
import {
  bedrockArn,
  directionInText,
  huggingFaceShape,
  isPlaceholder,
  modelShape,
  modelShapes,
  type ModelShape,
  ollamaFamily,
  ollamaShape,
  regionInText,
  regionShapeProvider,
} from './patterns';
import type { Finding, Role, TextRange } from './types';

/** Which role wins where two settings read the same text. */
export const rolePriority: Record<Role, number> = { inference: 3, deployment: 2, permission: 1, mention: 0 };

/**
 * "Did you mean" lists cost an edit distance against every known name (~4 ms for a model): remembered per text,
 * and worked out for at most this many distinct texts per file, of at most 100 characters, so a generated file
 * full of unknown ids stays linear with a small constant.
 */
const MAX_SUGGESTED_TEXTS = 200;

/** A model id behind a Bedrock geo profile (`us.anthropic.…`, `bedrock/eu.meta.…`): the geo in group 1. */
const geoProfiledModel = new RegExp(`^(?:[a-z_]+\\/)*(${bedrockGeoAlternation})\\.[a-z0-9]+\\.`);
export interface RegionOptions {
  provider?: ProviderId;
  /** The value sits under a region key: unknown spellings (westu, eu-west-9) are reported too. */
  keyed?: boolean;
}

export interface ModelOptions {
  /** The value sits under a model key: weaker shapes (Hugging Face ids, router prefixes, o-series) count. */
  keyed?: boolean;
  /** An Ollama context: `name:tag` counts. */
  ollama?: boolean;
  /** A Hugging Face loading context: `org/name` counts. */
  huggingFace?: boolean;
  /**
   * An argument that can only be a model id (a self-hosted runtime's model, an AI SDK provider's argument): any name
   * with a version digit counts (`llama2`, `all-MiniLM-L6-v2`, `gemini-embedding-001`).
   */
  named?: boolean;
  /** The schema says the value is a model name (an Azure deployment's model.name): any identifier counts. */
  schemaName?: boolean;
}

export class Collector {
  readonly findings: Finding[] = [];
  readonly problems: string[] = [];
  readonly facts: FileFacts = emptyFacts();
  /** Made on first use: most files a scan reads record nothing (the prefilter passes most over). */
  private byRange?: Map<string, Finding>;
  private suggested?: Map<string, string[]>;

  constructor(
    readonly index: DatasetIndex,
    readonly file: string,
    readonly text: string,
  ) {}

  slice(range: TextRange): string {
    return this.text.slice(range.start, range.end);
  }

  /** The range without surrounding white space. */
  private trimmed(start: number, end: number): TextRange {
    const raw = this.text.slice(start, end);
    const text = raw.trim();
    const from = start + raw.indexOf(text);
    return text ? { start: from, end: from + text.length } : { start, end: start };
  }

  /** A region finding for the text at [start, end), or undefined when it is not a region (or a placeholder). */
  region(start: number, end: number, role: Role, evidence: string, options: RegionOptions = {}): Finding | undefined {
    ({ start, end } = this.trimmed(start, end));
    const text = this.text.slice(start, end);
    if (!text || isPlaceholder(text)) return undefined;
    const lower = text.toLowerCase();
    if (lower === 'global' || lower === 'us' || lower === 'eu' || lower === 'asia') return undefined;
    const shapeProvider = regionShapeProvider(lower);
    const match = resolveRegion(this.index, text, options.provider ?? shapeProvider);
    let finding: Finding;
    if (match) {
      finding = { kind: 'region', range: { start, end }, text, value: match.region.code, provider: match.region.provider, role, evidence };
      if (match.via === 'zone') finding.evidence = `${evidence}; zone of ${match.region.code}`;
    } else {
      const looksLikeRegion =
        shapeProvider !== undefined ||
        (options.keyed && /^[a-z][a-z0-9]*(?:[- ][a-z0-9]+){0,3}$/i.test(text) && text.length <= 30 && /[a-z]{3}/i.test(text));
      if (!looksLikeRegion) return undefined;
      const provider = options.provider ?? shapeProvider;
      const suggestions = this.closest(`${provider}:${lower}`, () => closestRegions(this.index, lower.replace(/\s+/g, ''), provider));
      if (!shapeProvider && suggestions.length === 0) return undefined;
      finding = {
        kind: 'region',
        range: { start, end },
        text,
        provider: provider ?? this.guessProvider(suggestions[0]),
        role,
        evidence: `${evidence}; unknown region`,
        suggestions,
      };
    }
    return this.add(finding);
  }

  /**
   * A location of `global` at [start, end) where it names a cloud's global endpoint (Vertex AI's): no region, but the
   * setting that decides where the model runs all the same, so a finding of its own (`geo: 'global'`, no value).
   */
  globalEndpoint(start: number, end: number, role: Role, evidence: string, provider: ProviderId): Finding {
    ({ start, end } = this.trimmed(start, end));
    const text = this.text.slice(start, end);
    return this.add({
      kind: 'region',
      range: { start, end },
      text,
      provider,
      geo: 'global',
      role,
      evidence: `${evidence}; global endpoint`,
    });
  }

  /** A model finding for the text at [start, end), or undefined when the text is not shaped like a model id. */
  model(start: number, end: number, role: Role, evidence: string, options: ModelOptions = {}): Finding | undefined {
    ({ start, end } = this.trimmed(start, end));
    const text = this.text.slice(start, end);
    if (!text || isPlaceholder(text)) return undefined;
    const shape = modelShape(text);
    const match = resolveModel(this.index, text);
    const acceptable =
      shape === 'strict' ||
      (options.keyed && (shape === 'keyed' || match !== undefined)) ||
      (options.huggingFace && huggingFaceShape.test(text)) ||
      (options.ollama && ollamaShape.test(text) && (match !== undefined || text.includes(':') || ollamaFamily.test(text))) ||
      (options.named && /^[A-Za-z][A-Za-z0-9._:\/-]{1,120}$/.test(text) && /\d/.test(text)) ||
      (options.schemaName && /^[A-Za-z][A-Za-z0-9._:-]{1,99}$/.test(text));
    if (!acceptable) return undefined;
    const finding: Finding = { kind: 'model', range: { start, end }, text, role, evidence };
    if (match) {
      finding.value = match.model.id;
      if (match.geo) finding.geo = match.geo;
    } else {
      const geo = geoProfiledModel.exec(text);
      if (geo) finding.geo = geo[1];
      const arn = bedrockArn.exec(text);
      const name = arn ? arn[4] : text;
      finding.suggestions = this.closest(`model:${name}`, () => (name.length <= 100 ? closestModels(this.index, name) : []));
    }
    return this.add(finding);
  }

  private closest(key: string, compute: () => string[]): string[] {
    const suggested = (this.suggested ??= new Map<string, string[]>());
    const known = suggested.get(key);
    if (known) return known;
    if (suggested.size >= MAX_SUGGESTED_TEXTS) return [];
    const found = compute();
    suggested.set(key, found);
    return found;
  }

  /**
   * Region-shaped words in free text (comments, prose, descriptions): mentions. `label` is the evidence, or what makes
   * it, called only for text that can hold a mention (most values hold none). `wholeShape` is modelShape() of the
   * whole text when the caller already asked it (a config value), so a one-word text is not shaped twice.
   */
  mentionsIn(start: number, end: number, label: string | (() => string), wholeShape?: ModelShape): void {
    const chunk = this.text.slice(start, end);
    // mayHoldMention's tests, each made once: most prose names no place at all (every region-shaped word and every
    // Azure code has a compass word in it) and no model
    const compass = directionInText.test(chunk);
    let strict: boolean | undefined;
    const azure = azureCodes(this.index);
    if (!compass && !(strict = mayBeStrictModel(chunk)) && azure.allHaveDirection) return;
    this.mentionsOf(chunk, start, typeof label === 'string' ? label : label(), compass, strict, azure, wholeShape);
  }

  /**
   * mentionsIn's findings in a text that may hold some (out of line: most texts stop at mentionsIn's tests, and the
   * optimising compiler then compiles those alone with the callers they are inlined into). `strict`: whether
   * mayBeStrictModel(chunk), when already asked.
   */
  private mentionsOf(
    chunk: string,
    start: number,
    evidence: string,
    compass: boolean,
    strict: boolean | undefined,
    azure: AzureCodes,
    wholeShape: ModelShape | undefined,
  ): void {
    if (compass) {
      // exec() on the shared global expression from the start, as proseWord is read
      regionInText.lastIndex = 0;
      for (let m = regionInText.exec(chunk); m; m = regionInText.exec(chunk)) {
        const at = start + m.index;
        markProse(this.region(at, at + m[0].length, 'mention', evidence));
      }
    }
    // Azure programmatic names (eastus2, swedencentral) as whole lower-case words
    if (compass || !azure.allHaveDirection) {
      lowerCaseWord.lastIndex = 0;
      for (let m = lowerCaseWord.exec(chunk); m; m = lowerCaseWord.exec(chunk)) {
        if (!azure.codes.has(m[0])) continue;
        const at = start + m.index;
        markProse(this.region(at, at + m[0].length, 'mention', evidence, { provider: 'azure' }));
      }
    }
    if (!(strict ?? mayBeStrictModel(chunk))) return;
    proseWord.lastIndex = 0;
    for (let m = proseWord.exec(chunk); m; m = proseWord.exec(chunk)) {
      let word = m[0];
      // a sentence's full stop or colon is not the word's (most words end otherwise: no expression for them)
      const last = word.charCodeAt(word.length - 1);
      if (last === 46 || last === 58) word = word.replace(/[.:]+$/, '');
      let at = start + (m.index ?? 0);
      const arn = word.startsWith('arn:') ? bedrockArn.exec(word) : null;
      if (arn) {
        at += word.length - arn[4].length;
        word = arn[4];
      }
      const path = word.includes('publishers/') ? /models\/([A-Za-z0-9.@_-]+)/.exec(word) : null;
      if (path) {
        at += (path.index ?? 0) + path[0].length - path[1].length;
        word = path[1];
      }
      // most words stop here
      if (!mayBeStrictModel(word)) continue;
      if ((word === chunk && wholeShape !== undefined ? wholeShape : modelShape(word)) !== 'strict') continue;
      markProse(this.model(at, at + word.length, 'mention', evidence));
    }
  }

  add(finding: Finding): Finding {
    const key = `${finding.range.start}:${finding.range.end}:${finding.kind}`;
    const byRange = (this.byRange ??= new Map<string, Finding>());
    const existing = byRange.get(key);
    if (existing) {
      if (rolePriority[finding.role] > rolePriority[existing.role]) {
        existing.role = finding.role;
        existing.evidence = finding.evidence;
      }
      return existing;
    }
    byRange.set(key, finding);
    this.findings.push(finding);
    return finding;
  }

  /** The finding already recorded at a range, if any. */
  at(start: number, end: number, kind: Finding['kind']): Finding | undefined {
    return this.byRange?.get(`${start}:${end}:${kind}`);
  }

  private guessProvider(code: string | undefined): ProviderId | undefined {
    if (!code) return undefined;
    return this.index.data.regions.find((r) => r.code === code)?.provider;
  }
}

/**
 * Words of prose that may be model ids, found with exec on one shared expression: matchAll copied the expression and
 * made an iterator for every string of a file.
 */
const proseWord = /[A-Za-z0-9_.:@/-]{6,}/g;

/** A whole lower-case word of four letters or more, as Azure's programmatic region names are (eastus2). */
const lowerCaseWord = /(?<![A-Za-z0-9_.-])[a-z]{4,}[0-9]?(?![A-Za-z0-9_-])/g;

interface AzureCodes {
  codes: Set<string>;
  allHaveDirection: boolean;
}

const azureCodeCache = new WeakMap<DatasetIndex, AzureCodes>();

/** The Azure region codes of the dataset, and whether each has a compass word (then prose without one names none). */
function azureCodes(index: DatasetIndex): AzureCodes {
  let azure = azureCodeCache.get(index);
  if (!azure) {
    const codes = new Set(index.data.regions.filter((r) => r.provider === 'azure' && r.code.length >= 6).map((r) => r.code));
    azure = { codes, allHaveDirection: [...codes].every((code) => directionInText.test(code)) };
    azureCodeCache.set(index, azure);
  }
  return azure;
}

/**
 * Words one of which every strict model id holds: its shape's (modelShape() tests them on the lower-cased text, so
 * they are looked for ignoring case, Unicode's way as toLowerCase() reads `K`), or a Bedrock ARN's. Without words for
 * every shape, any text may hold one.
 */
const strictModelWords = [...modelShapes, bedrockArn].map(requiredWords);
const strictModelWord = strictModelWords.every((w) => w !== undefined)
  ? new RegExp(
      strictModelWords
        .flatMap((w) => w ?? [])
        .map(escape)
        .join('|'),
      'iu',
    )
  : /(?:)/;

/**
 * Every strict model shape has a '-' and one of its words, or is a Vertex publishers/…/models/… path: a cheap test
 * before modelShape().
 */
export const mayBeStrictModel = (text: string): boolean =>
  (text.includes('-') && strictModelWord.test(text)) || text.includes('publishers/');

/**
 * Whether mentionsIn() can record anything in a text: a compass word (every region-shaped word and, when all have
 * one, every Azure code) or a possible strict model id. Most strings fail it, so callers test it before building
 * a label.
 */
export function mayHoldMention(index: DatasetIndex, text: string): boolean {
  return directionInText.test(text) || mayBeStrictModel(text) || !azureCodes(index).allHaveDirection;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.kind.localeCompare(b.kind));
}

/** A mention found in free text (a comment, docstring or description), as opposed to a value in a list or an ARN. */
function markProse(finding: Finding | undefined): void {
  if (finding?.role === 'mention') finding.prose = true;
}
