// Inlay hints after region values (≈ 418 g/kWh) and model ids (≈ 17 g/Mtok in eu-west-1). Only the requested
// range is served; the tooltip is filled in resolveInlayHint. Registered only while gridlens.inlayHints.enabled.
import * as vscode from 'vscode';
import { figureOf } from '../core/carbon/figure';
import type { FindingInsight } from '../core/carbon/insight';
import type { AnalysisService } from './analysisService';
import { documentSelector } from './documentSelector';
import type { SettingsStore } from './config';

class GridLensInlayHint extends vscode.InlayHint {
  constructor(
    position: vscode.Position,
    label: string,
    readonly insight: FindingInsight,
  ) {
    super(position, label);
  }
}

/** The hint after a finding: its figure, except in prose (comments, commented-out code, docs), which the hover explains. */
export function inlayHintLabel(insight: FindingInsight): string | undefined {
  return insight.finding.prose ? undefined : figureOf(insight);
}

const tokenCharacter = /[A-Za-z0-9:/._@-]/;

class Provider implements vscode.InlayHintsProvider<GridLensInlayHint> {
  constructor(
    private readonly analysis: AnalysisService,
    readonly onDidChangeInlayHints: vscode.Event<void>,
  ) {}

  async provideInlayHints(
    document: vscode.TextDocument,
    range: vscode.Range,
    token: vscode.CancellationToken,
  ): Promise<GridLensInlayHint[]> {
    const result = this.analysis.peek(document) ?? (await this.analysis.analyse(document, token));
    if (!result || token.isCancellationRequested) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const hints: GridLensInlayHint[] = [];
    for (const insight of result.insights) {
      const { finding } = insight;
      if (finding.range.end < start || finding.range.start > end || finding.ignored) continue;
      const label = inlayHintLabel(insight);
      if (!label || insideToken(document, finding.range)) continue;
      const position = document.positionAt(finding.range.end + closingQuoteLength(document, finding.range.end));
      const hint = new GridLensInlayHint(position, label, insight);
      hint.paddingLeft = true;
      hint.kind = vscode.InlayHintKind.Type;
      hints.push(hint);
    }
    return hints;
  }

  resolveInlayHint(hint: GridLensInlayHint): GridLensInlayHint {
    const tooltip = new vscode.MarkdownString(this.analysis.engine.explainMarkdown(this.analysis.dataset, hint.insight));
    hint.tooltip = tooltip;
    return hint;
  }
}

/** A value that is part of a longer token (a region inside an ARN or a resource path): a hint would split it. */
function insideToken(document: vscode.TextDocument, range: { start: number; end: number }): boolean {
  const before =
    range.start > 0 ? document.getText(new vscode.Range(document.positionAt(range.start - 1), document.positionAt(range.start))) : '';
  const after = document.getText(new vscode.Range(document.positionAt(range.end), document.positionAt(range.end + 1)));
  return tokenCharacter.test(before) && tokenCharacter.test(after);
}

/** The hint sits after the closing quote, not inside the string. */
function closingQuoteLength(document: vscode.TextDocument, offset: number): number {
  const next = document.getText(new vscode.Range(document.positionAt(offset), document.positionAt(offset + 1)));
  return next === '"' || next === "'" || next === '`' ? 1 : 0;
}

/** Owns the provider registration: registered while the setting is on, disposed (no work at all) while off. */
export class InlayHintsFeature implements vscode.Disposable {
  private registration: vscode.Disposable | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly analysis: AnalysisService,
    settings: SettingsStore,
  ) {
    this.update(settings.settings['inlayHints.enabled']);
    this.subscriptions = [
      settings.onDidChange((s) => this.update(s['inlayHints.enabled'])),
      analysis.onDidInvalidate(() => this.changed.fire()),
      this.changed,
    ];
  }

  private update(enabled: boolean): void {
    if (enabled && !this.registration) {
      this.registration = vscode.languages.registerInlayHintsProvider(documentSelector, new Provider(this.analysis, this.changed.event));
    } else if (!enabled && this.registration) {
      this.registration.dispose();
      this.registration = undefined;
    }
  }

  dispose(): void {
    this.registration?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
