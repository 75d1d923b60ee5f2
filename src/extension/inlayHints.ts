// Inlay hints after region values (≈ 418 g/kWh) and model ids (≈ 17 g/Mtok in eu-west-1). Only the requested
// range is served; the tooltip is filled in resolveInlayHint. Registered only while gridlens.inlayHints.enabled.
import * as vscode from 'vscode';
import { formatGrams } from '../core/carbon/format';
import type { FindingInsight } from '../core/carbon/insight';
import { kindOf, shortCarbonUnit } from '../core/carbon/units';
import type { AnalysisService } from './analysisService';
import { documentSelector } from './documentSelector';
import type { SettingsStore } from './config';

class GridLensInlayHint extends vscode.InlayHint {
  constructor(position: vscode.Position, label: string, readonly insight: FindingInsight) {
    super(position, label);
  }
}

export function inlayHintLabel(insight: FindingInsight): string | undefined {
  if (insight.region) return `≈ ${insight.region.grid.gPerKWh} g/kWh`;
  const model = insight.model;
  if (!model) return undefined;
  const unit = shortCarbonUnit(model.model);
  if (!unit) return `${kindOf(model.model)} model · no per-token figure`;
  if (model.estimate) return `≈ ${formatGrams(model.estimate.carbon.central)} ${unit} in ${model.estimate.region.code}`;
  if (model.spread) return `≈ ${formatGrams(model.spread.min)}–${formatGrams(model.spread.max)} ${unit} (${model.spread.geo === 'global' ? 'global' : `${model.spread.geo} profile`})`;
  if (model.best && model.worst) return `≈ ${formatGrams(model.best.estimate.carbon.central)}–${formatGrams(model.worst.estimate.carbon.central)} ${unit} by region`;
  return undefined;
}

class Provider implements vscode.InlayHintsProvider<GridLensInlayHint> {
  constructor(private readonly analysis: AnalysisService, readonly onDidChangeInlayHints: vscode.Event<void>) {}

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): Promise<GridLensInlayHint[]> {
    const result = this.analysis.peek(document) ?? (await this.analysis.analyse(document, token));
    if (!result || token.isCancellationRequested) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const hints: GridLensInlayHint[] = [];
    for (const insight of result.insights) {
      const { finding } = insight;
      if (finding.range.end < start || finding.range.start > end || finding.ignored) continue;
      const label = inlayHintLabel(insight);
      if (!label) continue;
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

  constructor(private readonly analysis: AnalysisService, settings: SettingsStore) {
    this.update(settings.settings['inlayHints.enabled']);
    this.subscriptions = [settings.onDidChange((s) => this.update(s['inlayHints.enabled'])), analysis.onDidInvalidate(() => this.changed.fire()), this.changed];
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
