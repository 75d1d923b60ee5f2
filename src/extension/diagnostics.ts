// Hint-severity diagnostics where a cleaner region saves at least gridlens.minSavingsPercent; a setting raises
// the severity above a grid-intensity threshold. They carry the quick fixes and clear when the finding goes.
import * as vscode from 'vscode';
import { formatGrams } from '../core/carbon/format';
import type { FindingInsight } from '../core/carbon/insight';
import { BASIS_WORDS, GRID_BASIS, kindOf, shortCarbonUnit } from '../core/carbon/units';
import type { AnalysisService } from './analysisService';
import type { Settings, SettingsStore } from './config';
import { documentSelector } from './documentSelector';

export const CLEANER_REGION_CODE = 'cleaner-region';
const DEBOUNCE_MS = 300;

const severities = {
  hint: vscode.DiagnosticSeverity.Hint,
  information: vscode.DiagnosticSeverity.Information,
  warning: vscode.DiagnosticSeverity.Warning,
} as const;

export function diagnosticMessage(insight: FindingInsight, settings: Settings): string | undefined {
  const { region, suggestion } = insight;
  if (!region || !suggestion) return undefined;
  const saving = Math.round(suggestion.savingPercent);
  const where = suggestion.sameJurisdiction ? '' : ` (other jurisdiction: ${suggestion.region.jurisdiction})`;
  if (!region.model || !region.estimate || !suggestion.estimate) {
    return `${region.region.code} runs on a ${region.grid.gPerKWh} g/kWh grid (${GRID_BASIS}); ${suggestion.region.code} (${suggestion.grid.gPerKWh} g/kWh) is ${saving}% cleaner${where}.`;
  }
  const unit = shortCarbonUnit(region.model)?.replace(/^g/, 'gCO2e');
  const uncertain = suggestion.distinguishable === false ? ', within the uncertainty' : '';
  let message = `${region.model.name} in ${region.region.code} ≈ ${formatGrams(region.estimate.carbon.central)} ${unit} (${BASIS_WORDS[region.estimate.basis]}, ${GRID_BASIS}); ${suggestion.region.code} ≈ ${formatGrams(suggestion.estimate.carbon.central)} (−${saving}%${uncertain})${where}.`;
  const monthly = settings.monthlyOutputTokensMillions;
  // The monthly volume setting counts output tokens; an embedding model's figures are per input token.
  if (monthly > 0 && suggestion.savingGPerMTok !== undefined && kindOf(region.model) === 'generation')
    message += ` At ${monthly} M output tokens a month that saves ≈ ${formatGrams((suggestion.savingGPerMTok * monthly * 12) / 1000)} kg CO2e a year.`;
  return message;
}

export class DiagnosticsFeature implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('gridlens');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly analysis: AnalysisService,
    private readonly settings: SettingsStore,
    private readonly docsUri: vscode.Uri,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      analysis.onDidInvalidate(() => this.refreshAll()),
      this.collection,
    ];
    this.refreshAll();
  }

  private refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (vscode.languages.match(documentSelector, document) === 0) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(document);
      }, delay),
    );
  }

  private clear(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.collection.delete(uri);
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const settings = this.settings.settings;
    if (!settings['diagnostics.enabled']) {
      this.collection.delete(document.uri);
      return;
    }
    const version = document.version;
    const result = await this.analysis.analyse(document);
    // A newer edit is already scheduled, or the document closed: its own update will set the diagnostics.
    if (document.isClosed || document.version !== version) return;
    const diagnostics: vscode.Diagnostic[] = [];
    for (const insight of result?.insights ?? []) {
      const message = diagnosticMessage(insight, settings);
      if (!message || !insight.region) continue;
      const range = new vscode.Range(document.positionAt(insight.finding.range.start), document.positionAt(insight.finding.range.end));
      const threshold = settings['diagnostics.escalateAboveGPerKWh'];
      const level =
        threshold !== null && insight.region.grid.gPerKWh > threshold
          ? settings['diagnostics.escalatedSeverity']
          : settings['diagnostics.severity'];
      const diagnostic = new vscode.Diagnostic(range, message, severities[level]);
      diagnostic.source = 'GridLens';
      diagnostic.code = { value: CLEANER_REGION_CODE, target: this.docsUri };
      diagnostics.push(diagnostic);
    }
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
