// The per-file summary in the language status area: "2 regions · 1 model · worst us-east-1 418 g/kWh".
import * as vscode from 'vscode';
import { isListedSetting } from '../core/carbon/figure';
import { GRID_BASIS, GRID_BASIS_SHORT } from '../core/carbon/units';
import type { AnalysisService, DocumentInsights } from './analysisService';
import { documentSelector } from './documentSelector';
import { SCAN_WORKSPACE_COMMAND } from './workspaceScan';

export function summaryText(result: DocumentInsights): { text: string; detail: string } {
  const settings = result.insights.filter(isListedSetting);
  const regions = settings.filter((i) => i.finding.kind === 'region');
  const models = settings.filter((i) => i.finding.kind === 'model');
  const unknown = models.filter((i) => i.finding.value === undefined).length;
  const worst = regions.reduce<(typeof regions)[number] | undefined>(
    (w, i) => (!w || (i.region?.grid.gPerKWh ?? 0) > (w.region?.grid.gPerKWh ?? 0) ? i : w),
    undefined,
  );
  const suggestions = settings.filter((i) => i.suggestion).length;
  const parts = [
    `${regions.length} region${regions.length === 1 ? '' : 's'}`,
    `${models.length} model${models.length === 1 ? '' : 's'}${unknown ? ` (${unknown} unknown)` : ''}`,
  ];
  if (worst?.region) parts.push(`worst ${worst.region.region.code} ${worst.region.grid.gPerKWh} g/kWh ${GRID_BASIS_SHORT}`);
  const available = suggestions
    ? `${suggestions} cleaner region${suggestions === 1 ? '' : 's'} available`
    : 'no cleaner region above your minimum saving';
  return { text: `GridLens: ${parts.join(' · ')}`, detail: `${available} (grid ${GRID_BASIS})` };
}

export class LanguageStatusFeature implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('gridlens.summary', documentSelector);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly analysis: AnalysisService) {
    this.item.name = 'GridLens';
    this.item.text = 'GridLens';
    this.item.command = { title: 'Scan workspace', command: SCAN_WORKSPACE_COMMAND };
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) void this.update();
      }),
      analysis.onDidInvalidate(() => void this.update()),
      this.item,
    ];
    void this.update();
  }

  private async update(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || vscode.languages.match(documentSelector, document) === 0) return;
    const result = await this.analysis.analyse(document);
    if (!result || document !== vscode.window.activeTextEditor?.document) return;
    const summary = summaryText(result);
    this.item.text = summary.text;
    this.item.detail = summary.detail;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
