// Quick fixes on actionable region findings: switch to a cleaner region (saving in the title; preferred only
// inside the same jurisdiction), switch a Bedrock geo profile where the constraints allow, ignore on this line,
// open in leaderboard. Only QuickFix kinds: never offered through source.fixAll.
import * as vscode from 'vscode';
import { formatGrams } from '../core/carbon/format';
import type { FindingInsight } from '../core/carbon/insight';
import type { JurisdictionPolicy } from '../core/carbon/assess';
import type { SpreadOption } from '../core/carbon/options';
import { LEADERBOARD_COMMAND } from '../webview/leaderboard/ids';
import type { AnalysisService } from './analysisService';
import { CLEANER_REGION_CODE } from './diagnostics';
import { documentSelector } from './documentSelector';
import { leaderboardArgument, replacementFor, workspaceEditFor } from './regionEdit';

/** Line comment syntax by language id or file name; JSON has none, so no "ignore" action there. */
export function lineComment(document: vscode.TextDocument): string | undefined {
  const slashes = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'go', 'java', 'jsonc', 'bicep', 'c', 'cpp', 'csharp'];
  if (slashes.includes(document.languageId) || /\.(bicep|bicepparam|[cm]?[jt]sx?|go|java)$/.test(document.uri.path)) return '//';
  if (document.languageId === 'json' || /\.json$/.test(document.uri.path)) return undefined;
  return '#';
}

class Provider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analysis: AnalysisService) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix))
      return [];
    const result = this.analysis.peek(document) ?? (await this.analysis.analyse(document, token));
    if (!result || token.isCancellationRequested) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const actions: vscode.CodeAction[] = [];
    for (const insight of result.insights) {
      if (!insight.actionable || insight.finding.range.end < start || insight.finding.range.start > end) continue;
      const diagnostic = context.diagnostics.find(
        (d) =>
          d.code !== undefined &&
          typeof d.code === 'object' &&
          d.code.value === CLEANER_REGION_CODE &&
          d.range.contains(document.positionAt(insight.finding.range.start)),
      );
      actions.push(
        ...(await this.regionSwitches(document, result.insights, insight, diagnostic)),
        ...this.profileSwitches(document, insight),
      );
      if (insight.suggestion || (insight.advisable && insight.region?.alternatives.length)) {
        const ignore = this.ignoreAction(document, insight);
        if (ignore) actions.push(ignore);
        const open = new vscode.CodeAction('Open in GridLens leaderboard', vscode.CodeActionKind.QuickFix);
        open.command = { title: 'Open in leaderboard', command: LEADERBOARD_COMMAND, arguments: [leaderboardArgument(document, insight)] };
        actions.push(open);
      }
    }
    return actions;
  }

  /** One switch per cleaner region; each moves the literal with its twins, and none is offered when a twin cannot move. */
  private async regionSwitches(
    document: vscode.TextDocument,
    insights: readonly FindingInsight[],
    insight: FindingInsight,
    diagnostic: vscode.Diagnostic | undefined,
  ): Promise<vscode.CodeAction[]> {
    const assessment = insight.region;
    if (!assessment || !insight.advisable || insight.profileSource) return [];
    const minimum = this.analysis.currentOptions.minSavingsPercent;
    const actions: vscode.CodeAction[] = [];
    let preferredGiven = false;
    for (const alternative of assessment.alternatives.filter((a) => a.savingPercent >= minimum)) {
      const where = alternative.sameJurisdiction ? 'same jurisdiction' : `other jurisdiction (${alternative.region.jurisdiction})`;
      const replacement = replacementFor(
        this.analysis.engine,
        document,
        insights.map((i) => i.finding),
        insight.finding,
        assessment.region,
        alternative.region,
      );
      if (typeof replacement === 'string') return [];
      const places = replacement.edits.length > 1 ? ` (${replacement.edits.length} places in this resource)` : '';
      const uncertain = alternative.distinguishable === false ? ', within the uncertainty' : '';
      const action = new vscode.CodeAction(
        `Switch to ${alternative.region.code}: −${Math.round(alternative.savingPercent)}% CO2e${uncertain}, ${where}${places}`,
        vscode.CodeActionKind.QuickFix,
      );
      const edit = await workspaceEditFor(replacement);
      if (typeof edit === 'string') continue;
      action.edit = edit;
      if (diagnostic) action.diagnostics = [diagnostic];
      if (alternative.sameJurisdiction && !preferredGiven) {
        action.isPreferred = true;
        preferredGiven = true;
      }
      actions.push(action);
    }
    return actions;
  }

  /**
   * `us.` → `eu.` on a Bedrock profile id, where every destination of the other profile is allowed by the
   * jurisdiction policy and its mean over destinations saves at least the minimum.
   */
  private profileSwitches(document: vscode.TextDocument, insight: FindingInsight): vscode.CodeAction[] {
    const geo = insight.finding.geo;
    const model = insight.model?.model;
    if (!geo || geo === 'global' || !model || insight.finding.kind !== 'model') return [];
    const { jurisdiction, calc, minSavingsPercent } = this.analysis.currentOptions;
    const { optionsForModel, partitionOf, recommendable } = this.analysis.engine;
    const spreads = optionsForModel(this.analysis.dataset, model, calc).filter(
      (o): o is SpreadOption => o.kind === 'spread' && o.offering.service === 'bedrock' && o.placement === 'geo',
    );
    const current = spreads.find((s) => s.offering.geo === geo);
    const prefixAt = insight.finding.text.toLowerCase().indexOf(`${geo}.`);
    if (!current || prefixAt < 0) return [];
    const saving = (s: SpreadOption) => (1 - s.centralRange.mean / current.centralRange.mean) * 100;
    return spreads
      .filter(
        (s) =>
          s.offering.geo !== geo &&
          recommendable(s) &&
          saving(s) >= minSavingsPercent &&
          partitionOf(s.destinations[0].region) === partitionOf(current.destinations[0].region),
      )
      .filter((s) => s.destinations.every((d) => allows(jurisdiction, current, d.region.jurisdiction)))
      .map((s) => {
        const title = `Use the ${s.offering.geo}. profile: −${Math.round(saving(s))}% CO2e on average (≈ ${formatGrams(s.centralRange.min)}–${formatGrams(s.centralRange.max)} g/Mtok, now ${formatGrams(current.centralRange.min)}–${formatGrams(current.centralRange.max)})`;
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        const start = document.positionAt(insight.finding.range.start + prefixAt);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, new vscode.Range(start, start.translate(0, geo.length)), s.offering.geo as string);
        return action;
      });
  }

  private ignoreAction(document: vscode.TextDocument, insight: FindingInsight): vscode.CodeAction | undefined {
    const comment = lineComment(document);
    if (!comment) return undefined;
    const line = document.lineAt(document.positionAt(insight.finding.range.start).line);
    const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
    const action = new vscode.CodeAction('Ignore on this line (gridlens-ignore)', vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.insert(
      document.uri,
      line.range.start,
      `${indent}${comment} gridlens-ignore${document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}`,
    );
    return action;
  }
}

function allows(policy: JurisdictionPolicy, current: SpreadOption, jurisdiction: string): boolean {
  if (policy.kind === 'any') return true;
  if (policy.kind === 'list') return policy.allowed.includes(jurisdiction);
  return current.destinations.some((d) => d.region.jurisdiction === jurisdiction);
}

export function registerCodeActions(analysis: AnalysisService): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(documentSelector, new Provider(analysis), {
    providedCodeActionKinds: Provider.kinds,
  });
}
