// The quick-fix model for the property tests: exactly the edit the editor makes (codeActions.ts regionSwitches and
// regionEdit.ts replacementFor), applied in Node. The input generators live in documents.ts and are re-exported.
import { insightsFor, type InsightOptions } from '../../src/core/carbon/insight';
import { spellLike } from '../../src/core/carbon/spelling';
import type { DatasetIndex } from '../../src/core/data/dataset';
import type { Region } from '../../src/core/data/schema';
import type { Finding } from '../../src/core/scan/types';
import { scanWorkspace } from '../../src/core/scan/workspace';

export * from './documents';

export interface OfferedFix {
  finding: Finding;
  target: Region;
  start: number;
  end: number;
  replacement: string;
}

/** Every "Switch to …" quick fix the editor would offer on a document analysed on its own. */
export function offeredFixes(index: DatasetIndex, file: string, text: string, options: InsightOptions): OfferedFix[] {
  const { analyses, pairs } = scanWorkspace(index, [{ path: file, text }]);
  const fixes: OfferedFix[] = [];
  for (const insight of insightsFor(index, file, analyses[0].findings, pairs, options)) {
    if (!insight.advisable || insight.profileSource || !insight.region) continue;
    const { finding } = insight;
    const current = finding.value ?? finding.text.toLowerCase();
    for (const alternative of insight.region.alternatives.filter((a) => a.savingPercent >= options.minSavingsPercent)) {
      fixes.push({ finding, target: alternative.region, start: finding.range.start, end: finding.range.end, replacement: spellLike(finding.text, current, alternative.region) });
    }
  }
  return fixes;
}

/** The edit: refused unless the range still holds the finding's text (workspaceEditFor), else one replacement. */
export function applyFix(text: string, fix: OfferedFix): string {
  if (text.slice(fix.start, fix.end) !== fix.finding.text) throw new Error(`range ${fix.start}-${fix.end} no longer holds '${fix.finding.text}'`);
  return text.slice(0, fix.start) + fix.replacement + text.slice(fix.end);
}
