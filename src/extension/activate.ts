// Activation only registers: every contributed command and provider up front; nothing is scanned until a
// relevant document is open or a command runs, and the engine (scanner, parsers, calculator, dataset) is loaded then.
import * as vscode from 'vscode';
import { AnalysisService } from './analysisService';
import { registerCodeActions } from './codeActions';
import { SettingsStore } from './config';
import { DiagnosticsFeature } from './diagnostics';
import type { Engine } from './engine';
import { registerExplainCommand } from './explainCommand';
import { registerFindingsView } from './findingsView';
import { registerHover } from './hover';
import { registerLeaderboard } from './leaderboard/leaderboardPanel';
import { InlayHintsFeature } from './inlayHints';
import { LanguageStatusFeature } from './languageStatus';
import { LiveData } from './liveData';
import { registerRecommendCommand, workspaceModelIds } from './recommendCommand';
import { registerSwitchRegionCommand } from './regionEdit';
import { registerToggleInlayHints } from './toggleInlayHints';
import { WorkspaceFindings } from './workspaceScan';

/** Activates with `engine` as the way to the engine: node.ts requires its file, web.ts has it bundled. */
export function activateWith(context: vscode.ExtensionContext, engine: () => Engine): void {
  const log = vscode.window.createOutputChannel('GridLens', { log: true });
  const settings = new SettingsStore(log);
  const live = new LiveData(context.secrets, settings, engine, log);
  const analysis = new AnalysisService(settings, log, engine, live);
  const findings = new WorkspaceFindings(analysis, settings, log);
  const docsUri = vscode.Uri.joinPath(context.extensionUri, 'README.md');
  context.subscriptions.push(
    log,
    settings,
    live,
    analysis,
    findings,
    registerRecommendCommand(analysis, findings, log),
    registerLeaderboard(context, log, engine, {
      workspaceModels: () => workspaceModelIds(analysis, findings),
      basis: () => settings.settings['carbon.basis'],
      onDidChangeSettings: settings.onDidChange,
      onDidChangeLive: live.onDidChange,
      live: () => live.provider(),
    }),
    registerSwitchRegionCommand(log),
    registerToggleInlayHints(),
    registerExplainCommand(analysis),
    registerFindingsView(findings),
    registerHover(analysis),
    registerCodeActions(analysis),
    new InlayHintsFeature(analysis, settings),
    new DiagnosticsFeature(analysis, settings, docsUri),
    new LanguageStatusFeature(analysis),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
