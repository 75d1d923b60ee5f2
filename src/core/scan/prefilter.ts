// Which files can hold anything the scanner reports: a finding, an env scope, a variable or parameter another file
// reads, or an input to pairing. A file that cannot is counted as scanned and not parsed (ripgrep is fast because it
// rejects most files at memory speed; most files of a repository name no region and no model). The words looked for
// come from the detectors themselves (their key words, client and call tables, markers, the words every model-id
// shape begins with, the region catalogue, the region-shape expression), and a format whose detector records values
// for any name (env files, Terraform variables, Bicep parameters, YAML env blocks…) is always read.
import type { DatasetIndex } from '../data/dataset';
import { knowledge } from '../data/knowledge';
import { codeMarkers } from './code';
import type { Family } from './registry';
import { directionInText, modelKeyWords, modelShapes, regionInText, regionKeyWords, serviceWords } from './patterns';

/**
 * Formats read whatever they hold: their detectors record env scopes, variables, parameters or module inputs for any
 * name (a .env file, a Terraform module's variables, a Bicep or TOML parameter, a Makefile or Dockerfile ENV, a
 * compose service, a CI job or a Lambda in YAML), which another file's value may resolve through.
 */
const alwaysRead: ReadonlySet<Family> = new Set<Family>([
  'terraform',
  'bicep',
  'dotenv',
  'shell',
  'make',
  'docker',
  'properties',
  'toml',
  'yaml',
]);

/** Words of JSON documents that make the JSON detector pick a reader: CloudFormation (`AWS::…`, `AWSTemplateFormatVersion`) and ARM templates (isArm). */
const jsonMarkers: readonly string[] = ['::', 'awstemplateformatversion', 'deploymenttemplate', 'contentversion'];

/** JSON files read by name (cdk.json context, azd and ARM parameters files). */
const jsonByName = /(?:^|\/)(?:cdk(?:\.context)?\.json|[^/]*parameters[^/]*\.json)$/i;

/**
 * Words the code detectors (and the JSON and YAML leaves, which share the key words) answer to: a client or a call
 * that reads a model positionally by its name, the keywords the others read the model and region from, and markers.
 */
function codeWords(): string[] {
  const words: string[] = [...codeMarkers];
  for (const spec of knowledge.clients)
    words.push(...spec.names, ...(spec.region ?? []), ...(spec.model ?? []), ...(spec.deployment ?? []));
  // a call that takes the model positionally is known by its name; the others need one of their keywords
  for (const call of knowledge.modelCalls) words.push(...(call.modelAt !== undefined ? call.names : call.model));
  return words;
}

/** The end of the group opening at `open` (the index of its `)`), or -1. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === '[') while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The literal text `source` starts with (escaped punctuation read as itself), without a last character a quantifier makes optional. */
function literalPrefix(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\' && /[.\-\/:@]/.test(source[i + 1] ?? '')) out += source[++i];
    else if (/[A-Za-z0-9_\-\/:@ ]/.test(ch)) out += ch;
    else {
      if (/[?*{]/.test(ch)) out = out.slice(0, -1);
      break;
    }
  }
  return out;
}

/** Top-level alternatives of a group's content. */
function splitAlternatives(content: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < content.length; i++) {
    if (content[i] === '\\') i++;
    else if (content[i] === '(' || content[i] === '[') i = content[i] === '(' ? groupEnd(content, i) : content.indexOf(']', i);
    else if (content[i] === '|') {
      parts.push(content.slice(start, i));
      start = i + 1;
    }
    if (i < 0) return [content];
  }
  return [...parts, content.slice(start)];
}

/**
 * Words one of which every match of an anchored expression (a model-id shape) holds: the literal text each of its
 * alternatives begins with (optional groups in front skipped), else the literal text it ends with. Undefined when
 * neither is at least two characters long for every alternative.
 */
export function requiredWords(re: RegExp): string[] | undefined {
  let source = re.source.replace(/^\^/, '');
  for (;;) {
    if (!source.startsWith('(')) break;
    const end = groupEnd(source, 0);
    if (end < 0 || !/[?*]/.test(source[end + 1] ?? '')) break;
    source = source.slice(end + 2);
  }
  let words: string[];
  if (source.startsWith('(')) {
    const end = groupEnd(source, 0);
    if (end < 0 || /[?*{]/.test(source[end + 1] ?? '')) return undefined;
    const content = source.slice(source.startsWith('(?:') ? 3 : 1, end);
    words = splitAlternatives(content).map(literalPrefix);
  } else words = [literalPrefix(source)];
  if (words.every((w) => w.length >= 2)) return words;
  const suffix = /(?:[A-Za-z0-9_:@-]|\\[.\/-])+(?=\$$)/.exec(re.source)?.[0].replace(/\\/g, '');
  // a literal end is in every match unless the expression has alternatives at its top level
  return suffix && suffix.length >= 3 && splitAlternatives(re.source).length === 1 ? [suffix] : undefined;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One expression for a list of words (irregexp matches a plain alternation of literals faster than a loop in JS). */
const anyOf = (words: readonly string[]): RegExp => new RegExp(minimalWords(words).map(escape).join('|'));

interface Filter {
  /** Matched against the lower-cased text. */
  words: RegExp;
  json: RegExp;
  /** False when the code tables or the model shapes could not be read: code and JSON are then always read. */
  known: boolean;
}

/** Lower-cased, without the words that hold a shorter one (a text holding `region_name` holds `region`). */
export function minimalWords(list: readonly string[]): string[] {
  const sorted = [...new Set(list.map((w) => w.toLowerCase()))].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const w of sorted) if (!kept.some((k) => w.includes(k))) kept.push(w);
  return kept;
}

const filters = new WeakMap<DatasetIndex, Filter>();
/** Set by tests: the words and literals looked for (an emptied list must change the report on some fixture). */
let wordsForTest: RegExp | undefined;

function build(index: DatasetIndex): Filter {
  const code = codeWords();
  const shapes = modelShapes.map(requiredWords);
  const known = shapes.every((w) => w !== undefined);
  // the region catalogue's codes and aliases (Azure codes and display names…) but those regionInText finds by shape
  const regions = index.data.regions.flatMap((r) => [r.code, ...r.aliases]).filter((name) => !isRegionShaped(name.toLowerCase()));
  const words = [
    ...regionKeyWords,
    ...modelKeyWords,
    ...serviceWords,
    'deployment',
    'ollama',
    'publishers/',
    ...code,
    ...shapes.flatMap((w) => w ?? []),
    ...regions,
  ];
  return { words: anyOf(words), json: anyOf(jsonMarkers), known };
}

/** Replaces the words and literals looked for (tests); undefined restores them. */
export function setPrefilterWordsForTest(words: readonly string[] | undefined): void {
  wordsForTest = words && (words.length ? anyOf(words) : /(?!)/);
}

/**
 * regionInText without its global flag: the detectors use the shared expression with matchAll, which starts where the
 * expression's lastIndex was left, so it must never be left anywhere but 0.
 */
const regionWord = new RegExp(regionInText.source);

function isRegionShaped(word: string): boolean {
  return regionWord.exec(word)?.[0] === word;
}

/** A region-shaped word (also when a string escape glues a letter to it: `"\\nus-east-1"`). */
function holdsRegionShape(lower: string): boolean {
  if (!directionInText.test(lower)) return false;
  if (regionWord.test(lower)) return true;
  return lower.includes('\\') && regionWord.test(lower.replace(/\\(?:u[0-9a-f]{4}|.)/g, ' '));
}

/**
 * Whether a file of `family` may yield anything for the report. False only when its raw text holds none of the words
 * the detectors answer to, no word a model-id shape begins with, no catalogued region and no region-shaped word.
 */
export function mayHoldFinding(index: DatasetIndex, path: string, family: Family, text: string): boolean {
  if (alwaysRead.has(family)) return true;
  let filter = filters.get(index);
  if (!filter) filters.set(index, (filter = build(index)));
  if (!filter.known) return true;
  if (family === 'json' && jsonByName.test(path)) return true;
  const lower = text.toLowerCase();
  if ((wordsForTest ?? filter.words).test(lower)) return true;
  if (family === 'json' && filter.json.test(lower)) return true;
  return !wordsForTest && holdsRegionShape(lower);
}
