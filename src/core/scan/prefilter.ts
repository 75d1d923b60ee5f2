// Which files can hold anything the scanner reports: a finding, an env scope, a variable or parameter another file
// reads, or an input to pairing. A file that cannot is counted as scanned and not parsed (ripgrep is fast because it
// rejects most files at memory speed; most files of a repository name no region and no model). The words looked for
// come from the detectors themselves (their key words, client and call tables, markers, the words every model-id
// shape begins with, the region catalogue, the region-shape expression), and a format whose detector records values
// for any name (env files, Terraform variables, Bicep parameters…) is always read. YAML is read when it holds one of
// those words or one of the words through which its detectors record a value for any name (yamlConfig.ts).
import type { DatasetIndex } from '../data/dataset';
import { knowledge } from '../data/knowledge';
import { armMarkers } from './bicep';
import { cloudFormationMarkers } from './cloudformation';
import { codeMarkers } from './code';
import type { Family } from './registry';
import { directionInText, modelKeyWords, modelShapes, regionInText, regionKeyWords, serviceWords } from './patterns';
import { basename } from './text';
import { escape, requiredWords } from './expressionWords';
import { jsonReadByName } from './jsonConfig';
import { yamlFactWords, yamlReadByName } from './yamlConfig';

/**
 * Formats read whatever they hold: their detectors record env scopes, variables, parameters or module inputs for any
 * name (a .env file, a Terraform module's variables, a Bicep or TOML parameter, a Makefile or Dockerfile ENV), which
 * another file's value may resolve through.
 */
const alwaysRead: ReadonlySet<Family> = new Set<Family>(['terraform', 'bicep', 'dotenv', 'shell', 'make', 'docker', 'properties', 'toml']);

/** Words of JSON documents that make the JSON detector pick a reader: CloudFormation (`AWS::…`, `AWSTemplateFormatVersion`) and ARM templates (isArm). */
const jsonMarkers: readonly string[] = [...cloudFormationMarkers, ...armMarkers];

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

/** What the scan over a file's text found: bits of the word lists it was built from. */
const WORD = 1;
const JSON_MARKER = 2;
const DIRECTION = 4;
const YAML_FACT = 8;

/**
 * Word lists looked for in a text as its lower-cased form reads it, without lower-casing it: each position's three
 * characters (by class) are tested against a bit set of the words' first three, and the rare hits are compared in
 * full: one pass of a few look-ups per character, about 1.5 times as fast (CPU time, the realistic bench tree's code
 * and JSON) as an alternation of the 200 words on the lower-cased text, which ran at about 80 MB/s (as a trie, or as a
 * table-driven automaton, no faster). Words shorter than three characters or with one outside ASCII are matched with
 * `rest`.
 */
interface WordSet {
  /** Class of each ASCII character (its lower-case form's, from 1), 0 for a character no word holds. */
  classOf: Uint8Array;
  /** Bit set of the first three classes of the words (6 bits each). */
  firsts: Uint32Array;
  /** The words by their first three classes, as classes. */
  starts: Map<number, Array<{ classes: Uint8Array; bit: number }>>;
  /** The other words, matched against the lower-cased text, with their bits. */
  rest: Array<{ re: RegExp; bit: number }>;
}

/** Non-ASCII characters whose lower-case form holds an ASCII letter: the Kelvin sign (k) and İ (i and a combining dot). */
const KELVIN = 0x212a;
const DOTTED_I = 0x130;
const CLASS_BITS = 6;
const KEY_MASK = (1 << (3 * CLASS_BITS)) - 1;

function wordSet(lists: ReadonlyArray<{ words: readonly string[]; bit: number }>): WordSet {
  const classOf = new Uint8Array(128);
  let classes = 1;
  const firsts = new Uint32Array((KEY_MASK + 1) / 32);
  const starts: WordSet['starts'] = new Map();
  const rest: WordSet['rest'] = [];
  for (const { words, bit } of lists) {
    const lower = minimalWords(words);
    const others = lower.filter((w) => w.length < 3 || /[^\x00-\x7f]/.test(w));
    if (others.length) rest.push({ re: new RegExp(others.map(escape).join('|')), bit });
    for (const word of lower) {
      if (others.includes(word)) continue;
      const wordClasses = new Uint8Array(word.length);
      for (let i = 0; i < word.length; i++) {
        const code = word.charCodeAt(i);
        if (!classOf[code]) {
          const upper = word[i].toUpperCase().charCodeAt(0);
          if (upper !== code && upper < 128) classOf[upper] = classes;
          classOf[code] = classes++;
        }
        wordClasses[i] = classOf[code];
      }
      const key = (((wordClasses[0] << CLASS_BITS) | wordClasses[1]) << CLASS_BITS) | wordClasses[2];
      firsts[key >>> 5] |= 1 << (key & 31);
      const list = starts.get(key);
      if (list) list.push({ classes: wordClasses, bit });
      else starts.set(key, [{ classes: wordClasses, bit }]);
    }
  }
  if (classes > 1 << CLASS_BITS) throw new Error('prefilter: too many characters in the words for the class bits');
  return { classOf, firsts, starts, rest };
}

/**
 * The bits of the words `text` holds (read lower-cased), stopping at the first of `stop`'s; of the words matched
 * apart (`rest`), only those of the `wanted` bits are looked for.
 */
function wordsIn(set: WordSet, text: string, stop: number, wanted: number): number {
  let found = scan(set, text, stop);
  // lower-casing the Kelvin sign or İ gives ASCII letters (and İ one more character): read the lower-cased text
  if (found < 0) found = scan(set, text.toLowerCase(), stop);
  if (found & stop) return found;
  const missing = set.rest.filter((r) => r.bit & wanted && !(found & r.bit));
  if (missing.length) {
    const lower = text.toLowerCase();
    for (const { re, bit } of missing) if (re.test(lower)) found |= bit;
  }
  return found;
}

/** wordsIn's pass over the text (the rare paths kept out of its loop, which V8 then compiles tight); -1 at a Kelvin sign or İ. */
function scan(set: WordSet, text: string, stop: number): number {
  const { classOf, firsts } = set;
  let found = 0;
  let key = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let c = 0;
    if (code < 128) c = classOf[code];
    else if (code === KELVIN || code === DOTTED_I) return -1;
    key = ((key << CLASS_BITS) | c) & KEY_MASK;
    if (firsts[key >>> 5] & (1 << (key & 31))) {
      found |= wordsAt(set, text, i - 2, key, found);
      if (found & stop) return found;
    }
  }
  return found;
}

/** The bits of the words starting at `at` whose first three classes are `key` (and not yet in `found`). */
function wordsAt(set: WordSet, text: string, at: number, key: number, found: number): number {
  const { classOf } = set;
  for (const { classes, bit } of set.starts.get(key) ?? []) {
    if (found & bit || at + classes.length > text.length) continue;
    let j = 3;
    while (j < classes.length) {
      const code = text.charCodeAt(at + j);
      if (code >= 128 || classOf[code] !== classes[j]) break;
      j++;
    }
    if (j === classes.length) found |= bit;
  }
  return found;
}

interface Filter {
  /**
   * The detectors' words (WORD), JSON's markers (JSON_MARKER), the directions region shapes hold (DIRECTION) and the
   * words through which YAML records values for any name (YAML_FACT).
   */
  words: WordSet;
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
/** Word lists a test looks for instead of the detectors' words (and then no region-shaped word) or YAML's fact words. */
interface Replaced {
  words?: readonly string[];
  yamlFacts?: readonly string[];
}
/** Set by tests (an emptied list must change the report on some fixture), with the filter built from it. */
let forTest: { replaced: Replaced; filter?: Filter } | undefined;

function build(index: DatasetIndex, replaced: Replaced = {}): Filter {
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
  return { words: wordLists(replaced.words ?? words, replaced.yamlFacts ?? yamlFactWords), known };
}

/** Replaces the detectors' words (and region-shaped words) or YAML's fact words looked for (tests); undefined restores them. */
export function setPrefilterWordsForTest(replaced: Replaced | undefined): void {
  forTest = replaced && { replaced };
}

/** The detectors' words, JSON's markers, the directions and YAML's fact words. */
const wordLists = (words: readonly string[], yamlFacts: readonly string[]): WordSet =>
  wordSet([
    { words, bit: WORD },
    { words: jsonMarkers, bit: JSON_MARKER },
    { words: directions, bit: DIRECTION },
    { words: yamlFacts, bit: YAML_FACT },
  ]);

/**
 * regionInText without its global flag: the detectors use the shared expression with matchAll, which starts where the
 * expression's lastIndex was left, so it must never be left anywhere but 0.
 */
const regionWord = new RegExp(regionInText.source);

/** The words one of which every region-shaped word holds (directionInText's alternatives). */
const directions = directionInText.source.split('|');

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
 * the detectors answer to, no word a model-id shape begins with, no catalogued region and no region-shaped word (and,
 * for YAML, no word through which it sets a value for any name).
 */
export function mayHoldFinding(index: DatasetIndex, path: string, family: Family, text: string): boolean {
  if (alwaysRead.has(family)) return true;
  let filter = forTest ? (forTest.filter ??= build(index, forTest.replaced)) : filters.get(index);
  if (!filter) filters.set(index, (filter = build(index)));
  if (!filter.known) return true;
  if (family === 'json' && jsonReadByName(basename(path))) return true;
  if (family === 'yaml' && yamlReadByName(basename(path))) return true;
  const markers = family === 'json' ? JSON_MARKER : family === 'yaml' ? YAML_FACT : 0;
  const found = wordsIn(filter.words, text, WORD | markers, WORD | markers | DIRECTION);
  if (found & (WORD | markers)) return true;
  return !forTest?.replaced.words && (found & DIRECTION) !== 0 && holdsRegionShape(text.toLowerCase());
}
