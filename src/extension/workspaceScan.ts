// "GridLens: Scan Workspace": reads the workspace's relevant files once through workspace.fs, scans them together
// (so values resolve across files), and publishes per-file insights to the findings view. Cancellable.
import * as vscode from 'vscode';
import type { FindingInsight } from '../core/carbon/insight';
import type { AnalysisService } from './analysisService';
import type { SettingsStore } from './config';
import { workspaceInclude } from './documentSelector';

export const SCAN_WORKSPACE_COMMAND = 'gridlens.scanWorkspace';
const MAX_FILES = 20000;

/**
 * Whether a folder between a workspace folder and the file is a symbolic link (asked once per folder): files the
 * search found through a linked folder are not read.
 */
function linkedFolders(): (uri: vscode.Uri) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return async (uri) => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const parts = uri.path.slice(folder.uri.path.length).split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const dir = vscode.Uri.joinPath(folder.uri, ...parts.slice(0, i));
      let linked = known.get(dir.path);
      if (!linked) {
        linked = Promise.resolve(vscode.workspace.fs.stat(dir)).then(
          (s) => (s.type & vscode.FileType.SymbolicLink) !== 0,
          () => false,
        );
        known.set(dir.path, linked);
      }
      if (await linked) return true;
    }
    return false;
  };
}

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
    const ignore = this.analysis.engine.ignoreRules(await this.ignoreFileText(), { extra: settings.exclude });
    const found = await vscode.workspace.findFiles(workspaceInclude, '{**/node_modules/**,**/.git/**}', MAX_FILES, token);
    const uris = found.filter((uri) => !ignore.test(vscode.workspace.asRelativePath(uri, false)));
    const limit = settings.maxFileSizeKB * 1024;
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const files: Array<{ path: string; text: string; uri: vscode.Uri }> = [];
    let skipped = 0;
    const skip = (uri: vscode.Uri, why: string) => {
      skipped++;
      this.log.info(`Skipped ${vscode.workspace.asRelativePath(uri, false)}: ${why}.`);
    };
    const linkedFolder = linkedFolders();
    for (const [i, uri] of uris.entries()) {
      if (token?.isCancellationRequested) return -1;
      if (i % 50 === 0) progress?.report({ message: `${i} / ${uris.length} files`, increment: (50 / Math.max(uris.length, 1)) * 100 });
      try {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (!open) {
          // the search follows links (search.followSymlinks); the scan does not: a link can loop or lead out of
          // the workspace. The size is checked before reading, so a huge file is never loaded.
          const stat = await vscode.workspace.fs.stat(uri);
          if (stat.type & vscode.FileType.SymbolicLink || (await linkedFolder(uri))) {
            skip(uri, 'reached through a symbolic link (links are not followed)');
            continue;
          }
          if (stat.size > limit) {
            skip(uri, `${Math.ceil(stat.size / 1024)} KB is over gridlens.maxFileSizeKB (${settings.maxFileSizeKB})`);
            continue;
          }
        }
        const bytes = open ? undefined : await vscode.workspace.fs.readFile(uri);
        if (bytes && (bytes.byteLength > limit || bytes.includes(0))) {
          skip(
            uri,
            bytes.byteLength > limit
              ? `${Math.ceil(bytes.byteLength / 1024)} KB is over gridlens.maxFileSizeKB (${settings.maxFileSizeKB})`
              : 'binary file (NUL bytes)',
          );
          continue;
        }
        files.push({ path: uri.path, text: open ? open.getText() : decoder.decode(bytes), uri });
      } catch (error) {
        this.log.warn(`Could not read ${uri.toString()}: ${(error as Error).message}`);
      }
    }
    if (token?.isCancellationRequested) return -1;
    const { analyses, pairs } = this.analysis.engine.scanWorkspace(this.analysis.dataset, files);
    const next = new Map<string, FileInsights>();
    const pending: Array<{ uri: vscode.Uri; insights: Promise<FileInsights['insights']> }> = [];
    for (const analysis of analyses) {
      for (const problem of analysis.problems) this.log.debug(`${analysis.file}: ${problem}`);
      if (analysis.findings.length === 0) continue;
      const file = files.find((f) => f.path === analysis.file);
      if (!file) continue;
      // at once over the yearly figures; with live data on, every file waits for its readings
      const insights = this.analysis.insightsFor(analysis.file, analysis.findings, pairs);
      if (insights instanceof Promise) pending.push({ uri: file.uri, insights });
      else next.set(file.uri.toString(), { uri: file.uri, insights });
    }
    for (const { uri, insights } of pending) next.set(uri.toString(), { uri, insights: await insights });
    this.files = next;
    this.scanned = true;
    this.log.info(
      `Workspace scan: ${files.length} files read, ${skipped} skipped (binary or over gridlens.maxFileSizeKB), ${next.size} with findings.`,
    );
    this.emitter.fire();
    return files.length;
  }

  /** `.gridlensignore` at the root of each workspace folder (glob patterns, # comments, ! negation). */
  private async ignoreFileText(): Promise<string> {
    const texts = await Promise.all(
      (vscode.workspace.workspaceFolders ?? []).map(async (folder) => {
        try {
          return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.gridlensignore')));
        } catch {
          return '';
        }
      }),
    );
    return texts.join('\n');
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
