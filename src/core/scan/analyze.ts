// One file in, findings out: picks the detector for the file and never throws. analyzeDocument is the
// single-file entry point for the editor; scanWorkspace (workspace.ts) adds cross-file resolution.
import type { DatasetIndex } from '../data/dataset';
import { Collector, sortFindings } from './base';
import type { FileFacts } from './facts';
import { detectFamily, type Family } from './formats';
import { applyIgnoreComments } from './ignore';
import { analyzeTerraform } from './terraform';
import type { FileAnalysis } from './types';

export interface FileResult {
  analysis: FileAnalysis;
  facts: FileFacts;
  family?: Family;
  /** Files analysed together with others of their folder (Terraform) are finished by the workspace. */
  collector: Collector;
  text: string;
}

type Detector = (c: Collector) => void;

const detectors: Partial<Record<Family, Detector>> = {};

/** Registers a detector for a family (each detector module registers itself). */
export function registerDetector(family: Family, detector: Detector): void {
  detectors[family] = detector;
}

/** Runs the detector for one file without finishing it (Terraform waits for its folder). */
export function startFile(index: DatasetIndex, file: string, text: string): FileResult {
  const collector = new Collector(index, file, text);
  const family = detectFamily(file);
  const result: FileResult = { analysis: { file, findings: collector.findings, problems: collector.problems }, facts: collector.facts, family, collector, text };
  if (!family || family === 'terraform') return result;
  const detector = detectors[family];
  if (!detector) return result;
  try {
    detector(collector);
  } catch (error) {
    collector.problems.push(`detector failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return result;
}

/** Finishes files: folder-level detectors, ignore comments, sorting. */
export function finishFiles(results: FileResult[]): void {
  const tf = results.filter((r) => r.family === 'terraform');
  if (tf.length) {
    try {
      analyzeTerraform(tf.map((r) => ({ collector: r.collector, text: r.text })));
    } catch (error) {
      for (const r of tf) r.collector.problems.push(`terraform analysis failed: ${error instanceof Error ? error.message : String(error)}`);
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
