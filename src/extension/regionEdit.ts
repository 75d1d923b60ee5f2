// The one edit GridLens makes: replace a region literal with another region, exactly at the literal (quotes,
// case and surrounding text untouched). The scanner places a finding where the value is written (a variable's
// default, a tfvars or .env entry), so that is where the edit lands.
import * as vscode from 'vscode';
import type { Region } from '../core/data/schema';
import type { FindingInsight } from '../core/carbon/insight';
import type { Finding } from '../core/scan/types';
import { spellLike } from '../core/carbon/spelling';

export { spellLike };

export const SWITCH_REGION_COMMAND = 'gridlens.switchRegion';

/** What to replace, where, and with what; plain data so it can travel through command links and the webview. */
export interface RegionReplacement {
  /** Document URI (string) holding the literal to replace. */
  uri: string;
  start: number;
  end: number;
  /** The text that must still be there, or the edit is refused. */
  expected: string;
  replacement: string;
}

/** The replacement for switching a region finding of `document` to `target`. */
export function replacementFor(document: vscode.TextDocument, finding: Finding, target: Region): RegionReplacement {
  const current = finding.value ?? finding.text.toLowerCase();
  return { uri: document.uri.toString(), start: finding.range.start, end: finding.range.end, expected: finding.text, replacement: spellLike(finding.text, current, target) };
}

/** What "Open in leaderboard" passes: a finding context ("use this region" edits it) or just a model and region. */
export function leaderboardArgument(document: vscode.TextDocument, insight: FindingInsight): unknown {
  const { finding } = insight;
  const model = insight.region?.model?.id ?? insight.model?.model.id;
  if (!insight.actionable || !insight.region || !finding.provider || !finding.value) return { model, region: insight.region?.region.code };
  const start = document.positionAt(finding.range.start);
  const end = document.positionAt(finding.range.end);
  return { uri: document.uri.toString(), range: [start.line, start.character, end.line, end.character], provider: finding.provider, currentRegion: finding.value, text: finding.text, ...(model ? { model } : {}) };
}

/** Builds the WorkspaceEdit, or explains why the text no longer matches. */
export async function workspaceEditFor(replacement: RegionReplacement): Promise<vscode.WorkspaceEdit | string> {
  const uri = vscode.Uri.parse(replacement.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const range = new vscode.Range(document.positionAt(replacement.start), document.positionAt(replacement.end));
  const found = document.getText(range);
  if (found !== replacement.expected) return `the text changed since it was analysed (expected '${replacement.expected}', found '${found}')`;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, range, replacement.replacement);
  return edit;
}

/** Applies a replacement; the command behind hover links and the leaderboard's "use this region". */
export function registerSwitchRegionCommand(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(SWITCH_REGION_COMMAND, async (replacement: RegionReplacement) => {
    if (!isReplacement(replacement)) {
      log.warn('gridlens.switchRegion called with unexpected arguments; ignored.');
      return false;
    }
    const edit = await workspaceEditFor(replacement);
    if (typeof edit === 'string') {
      void vscode.window.showWarningMessage(`GridLens: region not switched: ${edit}.`);
      return false;
    }
    return vscode.workspace.applyEdit(edit);
  });
}

function isReplacement(value: unknown): value is RegionReplacement {
  const v = value as RegionReplacement;
  return typeof v === 'object' && v !== null && typeof v.uri === 'string' && Number.isInteger(v.start) && Number.isInteger(v.end) && v.end >= v.start &&
    typeof v.expected === 'string' && typeof v.replacement === 'string' && /^[A-Za-z0-9 -]{2,40}$/.test(v.replacement);
}
