// The one edit GridLens makes: replace a region with another region, at the literal the scanner found and at every
// twin of it in the same resource (core/carbon/regionEdits.ts), quotes, case and surrounding text untouched. The
// scanner places a finding where the value is written (a variable's default, a tfvars or .env entry), so that is
// where the edit lands.
import * as vscode from 'vscode';
import type { RegionTextEdit } from '../core/carbon/regionEdits';
import type { Region } from '../core/data/schema';
import type { FindingInsight } from '../core/carbon/insight';
import type { Finding } from '../core/scan/types';
import { spellLike } from '../core/carbon/spelling';
import type { Engine } from './engine';

export { spellLike };

export const SWITCH_REGION_COMMAND = 'gridlens.switchRegion';

/** What to replace, where, and with what; plain data so it can travel through command links and the webview. */
export interface RegionReplacement {
  /** Document URI (string) holding the literals to replace. */
  uri: string;
  /** The finding's literal and its twins; each `expected` must still be there, or the whole edit is refused. */
  edits: RegionTextEdit[];
}

/**
 * The replacement switching a region finding of `document` to `target` with its twins, or why no switch is safe
 * (a string). `findings` are the document's, so twins the scanner found keep their ranges.
 */
export function replacementFor(
  engine: Engine,
  document: vscode.TextDocument,
  findings: readonly Finding[],
  finding: Finding,
  current: Region,
  target: Region,
): RegionReplacement | string {
  // a notebook cell's text is its code, not the notebook's JSON
  const text = document.getText();
  const family = document.uri.scheme === 'vscode-notebook-cell' ? 'python' : engine.familyOf(document.uri.path, text);
  const plan = engine.planRegionSwitch(text, family, findings, finding, current, target);
  return plan.ok ? { uri: document.uri.toString(), edits: plan.edits } : plan.reason;
}

/** What "Open in leaderboard" passes: a finding context ("use this region" edits it) or just a model and region. */
export function leaderboardArgument(document: vscode.TextDocument, insight: FindingInsight): unknown {
  const { finding } = insight;
  const model = insight.region?.model?.id ?? insight.model?.model.id;
  if (!insight.actionable || !insight.region || !finding.provider || !finding.value) return { model, region: insight.region?.region.code };
  const start = document.positionAt(finding.range.start);
  const end = document.positionAt(finding.range.end);
  return {
    uri: document.uri.toString(),
    range: [start.line, start.character, end.line, end.character],
    provider: finding.provider,
    currentRegion: finding.value,
    text: finding.text,
    ...(model ? { model } : {}),
  };
}

/** Builds the WorkspaceEdit, or explains why the text no longer matches. */
export async function workspaceEditFor(replacement: RegionReplacement): Promise<vscode.WorkspaceEdit | string> {
  const uri = vscode.Uri.parse(replacement.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  for (const { start, end, expected, replacement: text } of replacement.edits) {
    const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
    const found = document.getText(range);
    if (found !== expected) return `the text changed since it was analysed (expected '${expected}', found '${found}')`;
    edit.replace(uri, range, text);
  }
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
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.uri === 'string' &&
    Array.isArray(v.edits) &&
    v.edits.length > 0 &&
    v.edits.length <= 100 &&
    v.edits.every(isTextEdit)
  );
}

function isTextEdit(value: unknown): value is RegionTextEdit {
  const v = value as RegionTextEdit;
  return (
    typeof v === 'object' &&
    v !== null &&
    Number.isInteger(v.start) &&
    Number.isInteger(v.end) &&
    v.end >= v.start &&
    typeof v.expected === 'string' &&
    typeof v.replacement === 'string' &&
    /^[A-Za-z0-9 ().-]{2,40}$/.test(v.replacement)
  );
}
