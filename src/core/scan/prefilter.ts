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
  for (const spec of knowledge.clients) {
    // a client read only where its module is imported is known by the module (its name may be as common as `Claude`)
    words.push(...(spec.module ? [spec.module] : spec.names));
    // a keyword as short as Agno's `id` would let nearly every file through; the client reads it only in its own call,
    // whose name is a word already
    for (const key of [...(spec.region ?? []), ...(spec.model ?? []), ...(spec.deployment ?? [])]) if (key.length > 2) words.push(key);
  }
  // a call that takes the model positionally is known by its name; the others need one of their keywords
  for (const call of knowledge.modelCalls) words.push(...(call.modelAt !== undefined ? call.names : call.model));
  // a routed call read only where its module is imported is known by the module (its name may be as short as `LM`)
  // (the module only where it is a word of its own: `ai`, the AI SDK's, is in every `main`)
  for (const call of knowledge.routedModelCalls) words.push(...(call.module && call.module.length > 3 ? [call.module] : call.names));
  // an SDK's model constants are read where their package is imported
  for (const constants of knowledge.modelConstants) words.push(constants.module);
  return words;
}

/** What the scan over a file's text found: bits of the word lists it was built from. */
const WORD = 1;
const JSON_MARKER = 2;
const DIRECTION = 4;
const YAML_FACT = 8;

/**
 * Word lists looked for in a text as its lower-cased form reads it, without lower-casing it: a Wu-Manber search over the
 * text's UTF-8 bytes. The search looks at the block of BLOCK bytes ending a window of WINDOW bytes; a table says how far
 * the end of the next window that can hold a word's beginning is from there (most blocks are in no word: a skip of
 * WINDOW - BLOCK + 1 bytes), and only at a 0 are the words ending such a window compared in full. About 2.5 times as
 * fast (mayHoldFinding's CPU time over the bench trees' code, JSON and YAML: 185 to 515 MB/s realistic, 205 to 465
 * dense) as a pass over every character with a rolling key of its three last ones, itself about 1.5 times as fast as an
 * alternation of the words on the lower-cased text. The same search on the string's characters (charCodeAt) ran at
 * about 80% of that speed.
 * A block is its bytes' low 5 bits (ASCII letters fold their case; other bytes share a value with some letter, which
 * can only shorten a skip). A word a byte shorter than MIN_TABLE_WORD is in the table followed by any byte (a window
 * that begins after any byte would cap every skip; one that ends with any byte makes a 0 of only the blocks of its last
 * two letters), and compared apart where it ends the text: that saved a case-insensitive expression's pass over the
 * text (`llm`). Shorter words are looked for with such an expression, words outside ASCII with one on the lower-cased
 * text. The text is searched from its start and its middle in one loop: the table's look-ups of the two halves do not
 * wait for each other. Both together: mayHoldFinding 134 to 117 ms over the realistic tree's code, JSON and YAML
 * (median of 9 passes), about 5% of it from the two halves.
 */
interface WordSet {
  /** By block: how many bytes the search may move on (0: a window ending with the block may hold a word). */
  shifts: Uint8Array;
  /** Bit set, by block, of the blocks a window holding a word can begin with: a cheap test before the words' own. */
  windowStarts: Uint32Array;
  /** By block: the words (lower-cased bytes) whose window ends with it, and where they begin before its last byte. */
  ends: Array<Array<{ word: Uint8Array; back: number; bit: number }> | undefined>;
  /** The table's words a byte shorter than MIN_TABLE_WORD (their window ends a byte after them): those ending the text. */
  tails: Array<{ word: Uint8Array; bit: number }>;
  /** The ASCII words shorter than that, as case-insensitive expressions, with their bits. */
  short: Array<{ re: RegExp; bit: number }>;
  /** The words holding a character outside ASCII, matched against the lower-cased text, with their bits. */
  rest: Array<{ re: RegExp; bit: number }>;
}

/** Non-ASCII characters whose lower-case form holds an ASCII letter: the Kelvin sign (k) and İ (i and a combining dot). */
const KELVIN = '\u212a';
const DOTTED_I = '\u0130';
const BLOCK = 3;
const BLOCK_BITS = 5;
const WINDOW = 6;
const LONGEST_SKIP = WINDOW - BLOCK + 1;
/**
 * A word shorter than the window ends its window, after any bytes: one of k characters caps the skip of every block
 * at k, so the table holds only words of at least LONGEST_SKIP characters.
 */
const MIN_TABLE_WORD = LONGEST_SKIP;

/**
 * The block ending at `i` (its BLOCK = 3 bytes' low 5 bits), from one 4-byte read of the text's bytes (the byte after
 * `i` is masked off): one bounds check instead of three, the search's loop about 10% faster.
 */
function blockAt(view: DataView, i: number): number {
  const w = view.getUint32(i - 2, true);
  return ((w & 31) << (2 * BLOCK_BITS)) | ((w >>> (8 - BLOCK_BITS)) & (31 << BLOCK_BITS)) | ((w >>> 16) & 31);
}

/**
 * Calls `each` with every block whose bytes are `chars` (codes; -1 stands for any byte). A small function of its own:
 * it is what runs hot while the table is built, and V8 optimises it in about 1.5 ms, where with this loop in wordSet
 * V8 optimised all of wordSet (33 ms of a core).
 */
function eachBlock(chars: readonly number[], each: (block: number) => void): void {
  let anyBytes = 0;
  for (let k = 0; k < chars.length; k++) if (chars[k] < 0) anyBytes++;
  // n gives the bytes that stand for any byte their values, BLOCK_BITS bits each
  for (let n = 0; n < 1 << (anyBytes * BLOCK_BITS); n++) {
    let block = 0;
    let values = n;
    for (let k = 0; k < chars.length; k++) {
      const c = chars[k];
      block = (block << BLOCK_BITS) | (c < 0 ? values & 31 : c & 31);
      if (c < 0) values >>>= BLOCK_BITS;
    }
    each(block);
  }
}

function wordSet(lists: ReadonlyArray<{ words: readonly string[]; bit: number }>): WordSet {
  const shifts = new Uint8Array(1 << (BLOCK * BLOCK_BITS)).fill(LONGEST_SKIP);
  const windowStarts = new Uint32Array(shifts.length / 32);
  const ends: WordSet['ends'] = new Array<undefined>(shifts.length).fill(undefined);
  const short: WordSet['short'] = [];
  const rest: WordSet['rest'] = [];
  const tails: WordSet['tails'] = [];
  for (const { words, bit } of lists) {
    const lower = minimalWords(words);
    const nonAscii = lower.filter((w) => /[^\x00-\x7f]/.test(w));
    if (nonAscii.length) rest.push({ re: new RegExp(nonAscii.map(escape).join('|')), bit });
    const shorter = lower.filter((w) => w.length < MIN_TABLE_WORD - 1 && !nonAscii.includes(w));
    if (shorter.length) short.push({ re: new RegExp(shorter.map(escape).join('|'), 'i'), bit });
    for (const word of lower) {
      if (nonAscii.includes(word) || shorter.includes(word)) continue;
      const codes = Array.from(word, (c) => c.charCodeAt(0));
      // the window the word begins (a shorter word ends its window, after any bytes; one a byte shorter than
      // MIN_TABLE_WORD is followed by any byte in it, and looked for apart at the text's end)
      const after = word.length === MIN_TABLE_WORD - 1 ? 1 : 0;
      if (after) tails.push({ word: Uint8Array.from(codes), bit });
      const before = Math.max(0, WINDOW - word.length - after);
      const window = [...new Array<number>(before).fill(-1), ...codes, ...new Array<number>(after).fill(-1)].slice(0, WINDOW);
      const entry = { word: Uint8Array.from(codes), back: WINDOW - 1 - before, bit };
      for (let end = BLOCK - 1; end < WINDOW; end++) {
        const shift = WINDOW - 1 - end;
        eachBlock(window.slice(end - BLOCK + 1, end + 1), (block) => {
          if (shift < shifts[block]) shifts[block] = shift;
          if (shift === 0) (ends[block] ??= []).push(entry);
        });
      }
      eachBlock(window.slice(0, BLOCK), (block) => (windowStarts[block >>> 5] |= 1 << (block & 31)));
    }
  }
  return { shifts, windowStarts, ends, tails, short, rest };
}

/**
 * The bits of the words `text` holds (read lower-cased), stopping at the first of `stop`'s; of the words matched
 * apart (`short` and `rest`), only those of the `wanted` bits are looked for.
 */
function wordsIn(set: WordSet, text: string, stop: number, wanted: number): number {
  // lower-casing the Kelvin sign or İ gives ASCII letters (and İ one more character): read the lower-cased text
  const read = text.includes(KELVIN) || text.includes(DOTTED_I) ? text.toLowerCase() : text;
  let found = scan(set, read, stop);
  if (found & stop) return found;
  for (const { re, bit } of set.short) if (bit & wanted && !(found & bit) && re.test(read)) found |= bit;
  const missing = set.rest.filter((r) => r.bit & wanted && !(found & r.bit));
  if (missing.length) {
    const lower = text.toLowerCase();
    for (const { re, bit } of missing) if (re.test(lower)) found |= bit;
  }
  return found;
}

const encoder = new TextEncoder();
/** The text's UTF-8 bytes (a character outside ASCII is bytes of 128 and more, in no word); grows to the longest text. */
let scratch = new Uint8Array(1 << 16);
/** The same bytes, for blockAt's reads (one more byte than the longest encoding of the text they are sized for). */
let scratchView = new DataView(scratch.buffer);

/**
 * wordsIn's search of the table's words, from the text's start and its middle together (the rare paths kept out of
 * the loop, which V8 then compiles tight), then what is left of either half on its own, then the tails.
 */
function scan(set: WordSet, text: string, stop: number): number {
  if (scratch.length <= text.length * 3) {
    scratch = new Uint8Array(text.length * 3 + 1);
    scratchView = new DataView(scratch.buffer);
  }
  const bytes = scratch;
  const view = scratchView;
  const length = encoder.encodeInto(text, bytes).written;
  const { shifts } = set;
  let found = 0;
  // the first byte a window can end at (a short word's window begins before the text), and the second half's first
  const mid = Math.max(MIN_TABLE_WORD - 1, length >>> 1);
  let a = MIN_TABLE_WORD - 1;
  let b = mid;
  while (a < mid && b < length) {
    const sa = shifts[blockAt(view, a)];
    const sb = shifts[blockAt(view, b)];
    if (sa !== 0 && sb !== 0) {
      a += sa;
      b += sb;
      continue;
    }
    if (sa === 0) {
      found = wordsEnding(set, bytes, view, length, a, found);
      a++;
    } else a += sa;
    if (sb === 0) {
      found = wordsEnding(set, bytes, view, length, b, found);
      b++;
    } else b += sb;
    if (found & stop) return found;
  }
  found = lane(set, bytes, view, length, a, mid, found, stop);
  if (found & stop) return found;
  found = lane(set, bytes, view, length, b, length, found, stop);
  return found & stop ? found : tailWords(set, bytes, length, found);
}

/** `found` with the bits of the tails (words whose window ends a byte after them) that end the text. */
function tailWords(set: WordSet, bytes: Uint8Array, length: number, found: number): number {
  for (const { word, bit } of set.tails)
    if (!(found & bit) && length >= word.length && holdsAt(bytes, length - word.length, word)) found |= bit;
  return found;
}

/** Whether the lower-cased bytes at `at` are `word`'s. */
function holdsAt(bytes: Uint8Array, at: number, word: Uint8Array): boolean {
  let j = 0;
  while (j < word.length && lowerCase(bytes[at + j]) === word[j]) j++;
  return j === word.length;
}

/** `found` with the bits of the words whose window ends in [i, to), stopping at the first of `stop`'s. */
function lane(set: WordSet, bytes: Uint8Array, view: DataView, length: number, i: number, to: number, found: number, stop: number): number {
  const { shifts } = set;
  while (i < to) {
    const shift = shifts[blockAt(view, i)];
    if (shift !== 0) {
      i += shift;
      continue;
    }
    found = wordsEnding(set, bytes, view, length, i, found);
    if (found & stop) return found;
    i++;
  }
  return found;
}

/** `found` with the bits of the words (not yet in it) whose window ends at `end`. */
function wordsEnding(set: WordSet, bytes: Uint8Array, view: DataView, length: number, end: number, found: number): number {
  if (end >= WINDOW - 1) {
    const start = blockAt(view, end - WINDOW + BLOCK);
    if (!(set.windowStarts[start >>> 5] & (1 << (start & 31)))) return found;
  }
  for (const { word, back, bit } of set.ends[blockAt(view, end)] ?? []) {
    const at = end - back;
    if (!(found & bit || at < 0 || at + word.length > length) && holdsAt(bytes, at, word)) found |= bit;
  }
  return found;
}

const lowerCase = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code);

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
