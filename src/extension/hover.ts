// Hovers on region and model values: the breakdown with sources, cleaner alternatives, and command links
// (open in leaderboard, switch region). Mentions get the facts only.
import * as vscode from 'vscode';
import type { FindingInsight } from '../core/carbon/insight';
import { LEADERBOARD_COMMAND } from '../webview/leaderboard/ids';
import type { AnalysisService } from './analysisService';
import type { Engine } from './engine';
import { documentSelector } from './documentSelector';
import type { ExplainLinks } from './explain';
import { leaderboardArgument, replacementFor, SWITCH_REGION_COMMAND } from './regionEdit';

const commandUri = (command: string, argument: unknown) => `command:${command}?${encodeURIComponent(JSON.stringify([argument]))}`;

/** The insight whose finding covers an offset. */
export function insightAt(insights: readonly FindingInsight[], offset: number): FindingInsight | undefined {
  return insights.find((i) => i.finding.range.start <= offset && offset <= i.finding.range.end);
}

function links(engine: Engine, document: vscode.TextDocument, insights: readonly FindingInsight[], insight: FindingInsight): ExplainLinks {
  const actions: ExplainLinks['actions'] = [];
  const notes: string[] = [];
  actions.push({ title: 'Open in leaderboard', uri: commandUri(LEADERBOARD_COMMAND, leaderboardArgument(document, insight)) });
  if (insight.advisable && insight.region && !insight.profileSource) {
    for (const alternative of insight.region.alternatives.slice(0, 1)) {
      const replacement = replacementFor(
        engine,
        document,
        insights.map((i) => i.finding),
        insight.finding,
        insight.region.region,
        alternative.region,
      );
      if (typeof replacement === 'string') notes.push(`No switch offered: ${replacement}.`);
      else
        actions.push({
          title: `Switch to ${alternative.region.code}${replacement.edits.length > 1 ? ` (${replacement.edits.length} places)` : ''}`,
          uri: commandUri(SWITCH_REGION_COMMAND, replacement),
        });
    }
  }
  return { actions, notes };
}

/**
 * Hover Markdown per insight. An insight belongs to one analysed version of one document (a new version, or new
 * settings, make new insights), so its hover text never changes: it is built once, not on every mouse move.
 */
const hoverText = new WeakMap<FindingInsight, string>();

class Provider implements vscode.HoverProvider {
  constructor(private readonly analysis: AnalysisService) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const result = this.analysis.peek(document) ?? (await this.analysis.analyse(document, token));
    if (!result || token.isCancellationRequested) return undefined;
    const insight = insightAt(result.insights, document.offsetAt(position));
    if (!insight) return undefined;
    let text = hoverText.get(insight);
    if (text === undefined) {
      const isMention = insight.finding.role === 'mention';
      text = this.analysis.engine.explainMarkdown(
        this.analysis.dataset,
        insight,
        isMention ? undefined : links(this.analysis.engine, document, result.insights, insight),
      );
      hoverText.set(insight, text);
    }
    const markdown = new vscode.MarkdownString(text);
    markdown.isTrusted = { enabledCommands: [LEADERBOARD_COMMAND, SWITCH_REGION_COMMAND] };
    const { start, end } = insight.finding.range;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(start), document.positionAt(end)));
  }
}

export function registerHover(analysis: AnalysisService): vscode.Disposable {
  return vscode.languages.registerHoverProvider(documentSelector, new Provider(analysis));
}
