// One file in, findings out: picks the detector for the file and never throws. analyzeDocument is the
// single-file entry point for the editor; scanWorkspace (workspace.ts) adds cross-file resolution.
import type { DatasetIndex } from '../data/dataset';
import { Collector, sortFindings } from './base';
import { analyzeBicep } from './bicep';
import { analyzeCode, lexCode } from './code';
import type { Lang } from './codeParse';
import { analyzeLeaves } from './config';
import { analyzeNotebook } from './notebook';
import { springAiPlatform } from './spring';
import { analyzeDocker, analyzeDotenv, analyzeMake, analyzeProperties, analyzeShell } from './env';
import type { FileFacts } from './facts';
import { applyIgnoreComments } from './ignore';
import { analyzeJson } from './jsonConfig';
import { detectFamily, familyOf, folderFamilies, type Family, type ScopeOf } from './registry';
import { mayHoldFinding } from './prefilter';
import { analyzePrompt } from './prompt';
import { analyzeTerraform } from './terraform';
import { analyzeToml } from './toml';
import { packLex, unpackLex, type LexResult, type PackedLex } from './token';
import type { FileAnalysis } from './types';
import { analyzeYaml } from './yamlConfig';

export interface FileResult {
  analysis: FileAnalysis;
  facts: FileFacts;
  family?: Family;
  collector: Collector;
  text: string;
}

/**
 * Reads one file (scope `file`), or a folder's files of the family together (scope `folder`). A code family's entry
 * has its lexer too, for a thread that lexes ahead of the one that analyses (lexAhead), which hands `file` the result.
 */
type FileEntry = { file: (c: Collector, lexed?: LexResult) => void; lex?: (text: string) => LexResult };
type FolderEntry = { folder: (files: Array<{ collector: Collector; text: string }>) => void };

/** A code family's entry: analyzeCode, with the tokens lexed ahead when given, and its lexer. */
function codeEntry(lang: Lang): FileEntry {
  return { file: (c, lexed) => analyzeCode(c, lang, lexed), lex: (text) => lexCode(text, lang) };
}

/** Each family's analyze entry, of the kind its declared scope (registry.ts) calls for. */
const detectors: { [F in Family]: ScopeOf<F> extends 'folder' ? FolderEntry : FileEntry } = {
  terraform: { folder: analyzeTerraform },
  yaml: { file: analyzeYaml },
  json: { file: analyzeJson },
  toml: { file: analyzeToml },
  dotenv: { file: analyzeDotenv },
  shell: { file: analyzeShell },
  make: { file: analyzeMake },
  docker: { file: analyzeDocker },
  properties: {
    file: (c) => {
      const leaves: Array<{ path: string[]; start: number; end: number }> = [];
      analyzeProperties(c, (path, start, end) => leaves.push({ path, start, end }));
      const keys = new Set(leaves.map((l) => l.path.join('.')));
      analyzeLeaves(c, leaves, { label: '', platformOf: (path) => springAiPlatform(path, keys) });
    },
  },
  prompt: { file: analyzePrompt },
  python: codeEntry('python'),
  notebook: { file: analyzeNotebook },
  js: codeEntry('js'),
  go: codeEntry('go'),
  java: codeEntry('java'),
  rust: codeEntry('rust'),
  powershell: codeEntry('powershell'),
  bicep: { file: analyzeBicep },
};

/**
 * Runs the detector for one file without finishing it (a folder-scoped one, Terraform's, waits for its folder). A
 * file that cannot hold a finding (prefilter.ts) is not parsed; with `prefilter` false it is, and its findings and
 * facts are kept (they show where the prefilter is wrong), but its parse problems are dropped either way, so both
 * give the same report. `mayHold`: what prefilterFile said of this text, when it was asked already (on another thread);
 * `lexed`: what lexAhead gave for it there.
 */
export function startFile(
  index: DatasetIndex,
  file: string,
  text: string,
  prefilter = true,
  mayHold?: boolean,
  lexed?: PackedLex,
): FileResult {
  const collector = new Collector(index, file, text);
  const family = familyOf(file, text);
  const result: FileResult = {
    analysis: { file, findings: collector.findings, problems: collector.problems },
    facts: collector.facts,
    family,
    collector,
    text,
  };
  if (!family) return result;
  // the CLI and VS Code decode invalid UTF-8 as U+FFFD: the text there is not what the file holds
  if (text.includes('\uFFFD'))
    collector.problems.push('not valid UTF-8 (or holds U+FFFD): undecodable bytes were read as replacement characters');
  const entry: FileEntry | FolderEntry = detectors[family];
  if (!('file' in entry)) return result;
  mayHold ??= mayHoldFinding(index, file, family, text);
  if (prefilter && !mayHold) return result;
  const readProblems = collector.problems.length;
  try {
    entry.file(collector, lexed && unpackLex(text, lexed));
  } catch (error) {
    collector.problems.push(`detector failed: ${describeFailure(error)}`);
  }
  if (!mayHold) collector.problems.length = readProblems;
  return result;
}

/**
 * Whether a file's own detector may find anything in `text` (mayHoldFinding); undefined where no detector reads the
 * file on its own (a folder-scoped family's files). Apart from startFile so that a scan can prefilter files on one
 * thread and analyse those that pass on another.
 */
export function prefilterFile(index: DatasetIndex, file: string, text: string): boolean | undefined {
  const family = familyOf(file, text);
  return family && 'file' in detectors[family] ? mayHoldFinding(index, file, family, text) : undefined;
}

/**
 * The longest text lexed ahead (lexAhead). A larger file's tokens cost more to pack and hand over (a fresh buffer of
 * 21 bytes a token) than to lex where they are analysed, in arrays reused from file to file (TokenList.release): with
 * no limit, the dense bench tree's 41 code files over 64 KB (14 MB) took the reader's CPU from 0.6 to 0.93 s for 0.07 s
 * less on the main thread. The realistic tree's code files are all under 16 KB.
 */
export const LEX_AHEAD_MAX_CHARS = 64 << 10;

/**
 * What a code file's lexer gives for `text` (lexCode), packed for the thread that analyses the file (startFile's
 * `lexed`); undefined for a file of another family or a text over LEX_AHEAD_MAX_CHARS, or should the lexer fail (the
 * detector then lexes it and reports that).
 */
export function lexAhead(file: string, text: string): PackedLex | undefined {
  if (text.length > LEX_AHEAD_MAX_CHARS) return undefined;
  const family = detectFamily(file);
  const entry: FileEntry | FolderEntry | undefined = family && detectors[family];
  if (!entry || !('lex' in entry) || !entry.lex) return undefined;
  try {
    return packLex(entry.lex(text));
  } catch {
    return undefined;
  }
}

/** A detector's exception as a problem: a stack overflow is a document nested too deep to analyse. */
function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof RangeError && /call stack/i.test(message) ? `nested too deep to analyse (${message})` : message;
}

/** Finishes files: folder-scoped detectors (Terraform), ignore comments, sorting. */
export function finishFiles(results: FileResult[]): void {
  for (const family of folderFamilies) {
    const members = results.filter((r) => r.family === family);
    if (!members.length) continue;
    try {
      detectors[family].folder(members.map((r) => ({ collector: r.collector, text: r.text })));
    } catch (error) {
      for (const r of members) r.collector.problems.push(`${family} analysis failed: ${describeFailure(error)}`);
    }
  }
  for (const r of results) {
    // (a file without findings has nothing to mark: its text is not searched for the comment)
    if (!r.analysis.findings.length) continue;
    applyIgnoreComments(r.text, r.analysis.findings);
    sortFindings(r.analysis.findings);
  }
}

/**
 * Analyses one document on its own: findings with the roles this file alone can tell. Pure and fast; never
 * throws (a malformed file yields problems and whatever findings are safe).
 */
export function analyzeDocument(index: DatasetIndex, fileName: string, text: string): FileAnalysis {
  const result = startFile(index, fileName, text);
  finishFiles([result]);
  return result.analysis;
}
