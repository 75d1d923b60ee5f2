// One file in, findings out: picks the detector for the file and never throws. analyzeDocument is the
// single-file entry point for the editor; scanWorkspace (workspace.ts) adds cross-file resolution.
import type { DatasetIndex } from '../data/dataset';
import { Collector, sortFindings } from './base';
import { analyzeBicep } from './bicep';
import { analyzeCode } from './code';
import { analyzeLeaves } from './config';
import { analyzeNotebook } from './notebook';
import { springAiPlatform } from './spring';
import { analyzeDocker, analyzeDotenv, analyzeMake, analyzeProperties, analyzeShell } from './env';
import type { FileFacts } from './facts';
import { detectFamily, type Family } from './formats';
import { applyIgnoreComments } from './ignore';
import { analyzeJson } from './jsonConfig';
import { mayHoldFinding } from './prefilter';
import { analyzeTerraform } from './terraform';
import { analyzeToml } from './toml';
import type { FileAnalysis } from './types';
import { analyzeYaml } from './yamlConfig';

export interface FileResult {
  analysis: FileAnalysis;
  facts: FileFacts;
  family?: Family;
  collector: Collector;
  text: string;
}

const detectors: Record<Exclude<Family, 'terraform'>, (c: Collector) => void> = {
  yaml: analyzeYaml,
  json: analyzeJson,
  toml: analyzeToml,
  dotenv: analyzeDotenv,
  shell: analyzeShell,
  make: analyzeMake,
  docker: analyzeDocker,
  properties: (c) => {
    const leaves: Array<{ path: string[]; start: number; end: number }> = [];
    analyzeProperties(c, (path, start, end) => leaves.push({ path, start, end }));
    const keys = new Set(leaves.map((l) => l.path.join('.')));
    analyzeLeaves(c, leaves, { label: '', platformOf: (path) => springAiPlatform(path, keys) });
  },
  python: (c) => analyzeCode(c, 'python'),
  notebook: analyzeNotebook,
  js: (c) => analyzeCode(c, 'js'),
  go: (c) => analyzeCode(c, 'go'),
  java: (c) => analyzeCode(c, 'java'),
  rust: (c) => analyzeCode(c, 'rust'),
  powershell: (c) => analyzeCode(c, 'powershell'),
  bicep: analyzeBicep,
};

/**
 * Runs the detector for one file without finishing it (Terraform waits for its folder). A file that cannot hold a
 * finding (prefilter.ts) is not parsed; with `prefilter` false it is, and its findings and facts are kept (they show
 * where the prefilter is wrong), but its parse problems are dropped either way, so both give the same report.
 */
export function startFile(index: DatasetIndex, file: string, text: string, prefilter = true): FileResult {
  const collector = new Collector(index, file, text);
  const family = detectFamily(file);
  const result: FileResult = { analysis: { file, findings: collector.findings, problems: collector.problems }, facts: collector.facts, family, collector, text };
  if (!family) return result;
  // the CLI and VS Code decode invalid UTF-8 as U+FFFD: the text there is not what the file holds
  if (text.includes('\uFFFD')) collector.problems.push('not valid UTF-8 (or holds U+FFFD): undecodable bytes were read as replacement characters');
  if (family === 'terraform') return result;
  const mayHold = mayHoldFinding(index, file, family, text);
  if (prefilter && !mayHold) return result;
  const readProblems = collector.problems.length;
  try {
    detectors[family](collector);
  } catch (error) {
    collector.problems.push(`detector failed: ${describeFailure(error)}`);
  }
  if (!mayHold) collector.problems.length = readProblems;
  return result;
}

/** A detector's exception as a problem: a stack overflow is a document nested too deep to analyse. */
function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof RangeError && /call stack/i.test(message) ? `nested too deep to analyse (${message})` : message;
}

/** Finishes files: folder-level detectors (Terraform), ignore comments, sorting. */
export function finishFiles(results: FileResult[]): void {
  const tf = results.filter((r) => r.family === 'terraform');
  if (tf.length) {
    try {
      analyzeTerraform(tf.map((r) => ({ collector: r.collector, text: r.text })));
    } catch (error) {
      for (const r of tf) r.collector.problems.push(`terraform analysis failed: ${describeFailure(error)}`);
    }
  }
  for (const r of results) {
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
