// "GridLens: Scan Workspace": the CLI's scan pipeline (core/scan/pipeline.ts: the same candidates, ignore rules, test
// skips, size limit, binary sniff and links policy) over workspace.fs, so values resolve across files as in
// `gridlens scan`; publishes per-file insights to the findings view. Cancellable.
import * as vscode from 'vscode';
import type { FindingInsight } from '../core/carbon/insight';
import type { AnalysisService } from './analysisService';
import type { SettingsStore } from './config';
import { ignoreByFolder, workspaceFiles } from './workspaceFiles';

export const SCAN_WORKSPACE_COMMAND = 'gridlens.scanWorkspace';

export interface FileInsights {
  uri: vscode.Uri;
  insights: FindingInsight[];
}

export class WorkspaceFindings implements vscode.Disposable {
  private files = new Map<string, FileInsights>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];
  private scanned = false;

  constructor(
    private readonly analysis: AnalysisService,
    private readonly settings: SettingsStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      vscode.commands.registerCommand(SCAN_WORKSPACE_COMMAND, () => this.scanWithProgress()),
      vscode.workspace.onDidSaveTextDocument((document) => void this.refreshFile(document)),
      this.emitter,
    ];
  }

  get results(): readonly FileInsights[] {
    return [...this.files.values()];
  }

  get hasScanned(): boolean {
    return this.scanned;
  }

  scanWithProgress(): Thenable<number> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'GridLens: scanning workspace', cancellable: true },
      (progress, token) => this.scan(progress, token),
    );
  }

  /** Scans every relevant file; returns the number of files read, or -1 when cancelled. */
  async scan(progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken): Promise<number> {
    const settings = this.settings.settings;
    const engine = this.analysis.engine;
    const folders = vscode.workspace.workspaceFolders ?? [];
    const ignoreTexts = new Map(await Promise.all(folders.map(async (f) => [f, await this.ignoreFileText(f)] as const)));
    const access = workspaceFiles(folders);
    let reported = 0;
    const scan = await engine.scanTree(access, this.analysis.dataset, [{ path: '.' }], {
      ignore: ignoreByFolder(folders, (f) => engine.ignoreRules(ignoreTexts.get(f), { extra: [...settings.exclude, ...engine.testSkips] })),
      maxFileBytes: settings.maxFileSizeKB * 1024,
      limitName: `gridlens.maxFileSizeKB (${settings.maxFileSizeKB})`,
      prefilter: true,
      cancelled: () => token?.isCancellationRequested === true,
      onProgress: (done, total) => {
        const share = (done / Math.max(total, 1)) * 100;
        progress?.report({ message: `${done} / ${total} files`, increment: share - reported });
        reported = share;
      },
    });
    if (!scan) return -1;
    let skipped = 0;
    for (const { file, message } of scan.errors) {
      if (message.startsWith('cannot read')) this.log.warn(`Could not read ${file}: ${message}`);
      else {
        skipped++;
        this.log.info(`Skipped ${file}: ${message.replace(/^skipped: /, '')}.`);
      }
    }
    const next = new Map<string, FileInsights>();
    const pending: Array<{ uri: vscode.Uri; insights: Promise<FileInsights['insights']> }> = [];
    for (const { analysis } of scan.files) {
      for (const problem of analysis.problems) this.log.debug(`${analysis.file}: ${problem}`);
      const uri = access.uri(analysis.file);
      if (analysis.findings.length === 0 || !uri) continue;
      // at once over the yearly figures; with live data on, every file waits for its readings
      const insights = this.analysis.insightsFor(analysis.file, analysis.findings, scan.pairs);
      if (insights instanceof Promise) pending.push({ uri, insights });
      else next.set(uri.toString(), { uri, insights });
    }
    for (const { uri, insights } of pending) next.set(uri.toString(), { uri, insights: await insights });
    this.files = next;
    this.scanned = true;
    this.log.info(`Workspace scan: ${scan.read} files read, ${skipped} skipped, ${next.size} with findings.`);
    this.emitter.fire();
    return scan.read;
  }

  /** `.gridlensignore` at the root of a workspace folder (glob patterns, # comments, ! negation). */
  private async ignoreFileText(folder: vscode.WorkspaceFolder): Promise<string> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.gridlensignore')));
    } catch {
      return '';
    }
  }

  private async refreshFile(document: vscode.TextDocument): Promise<void> {
    if (!this.scanned) return;
    const result = await this.analysis.analyse(document);
    const key = document.uri.toString();
    if (result && result.insights.length > 0) this.files.set(key, { uri: document.uri, insights: result.insights });
    else this.files.delete(key);
    this.emitter.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
