// Analyses documents on demand and caches the result by document version. Providers ask here and never parse or
// compute themselves. A document is analysed together with the readable files beside and above it, which can define
// its values or pair its models (variables.tf, terraform.tfvars, .env, samconfig.toml, template.yaml), read through
// workspace.fs so virtual workspaces work.
import * as vscode from 'vscode';
import type { DatasetIndex } from '../core/data/dataset';
import type { FindingInsight, InsightOptions } from '../core/carbon/insight';
import type { LiveGrid } from '../core/carbon/liveGrid';
import { pairTouches, type Finding, type Pair } from '../core/scan/types';
import type { SettingsStore, Settings } from './config';
import type { Engine } from './engine';
import type { LiveData } from './liveData';
import { isScannable } from '../core/scan/registry';
import { filesUnder } from './workspaceFiles';

export interface DocumentInsights {
  uri: vscode.Uri;
  version: number;
  insights: FindingInsight[];
  pairs: Pair[];
  problems: string[];
}

interface ContextFile {
  path: string;
  text: string;
}

const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';
const MAX_CONTEXT_FILES = 40;
/** Folders read for a document: its own and this many minus one above it, at most. */
const MAX_CONTEXT_DEPTH = 6;

export class AnalysisService implements vscode.Disposable {
  private readonly cache = new Map<string, DocumentInsights>();
  private readonly folderContext = new Map<string, Promise<ContextFile[]>>();
  private readonly oversizeLogged = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private options: InsightOptions | undefined;
  /** Fires when cached results became stale (settings changed, a context file changed). */
  readonly onDidInvalidate = this.emitter.event;

  /** The engine, and with it the dataset (validated then), is loaded on first use, not at activation. */
  constructor(
    private readonly settings: SettingsStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly loadEngine: () => Engine,
    private readonly live?: LiveData,
  ) {
    this.disposables.push(
      // a new key, the setting, or newer readings: the figures change, the files do not
      ...(live ? [live.onDidChange(() => this.refreshFigures())] : []),
      settings.onDidChange(() => {
        this.options = undefined;
        this.invalidate();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (isScannable(document.uri.path)) this.invalidate(folderOf(document.uri));
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString())),
      // an edit in one cell can pair or unpair a value in another
      vscode.workspace.onDidChangeNotebookDocument(({ notebook }) => {
        for (const cell of notebook.getCells()) this.cache.delete(cell.document.uri.toString());
        this.emitter.fire();
      }),
      this.emitter,
    );
  }

  get engine(): Engine {
    return this.loadEngine();
  }

  get dataset(): DatasetIndex {
    return this.engine.bundledDataset();
  }

  get currentOptions(): InsightOptions {
    this.options ??= this.insightOptions(this.settings.settings);
    return this.options;
  }

  /** Insights for a document, from the cache when its version is unchanged; undefined for skipped documents. */
  async analyse(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<DocumentInsights | undefined> {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached;
    const limit = this.settings.settings.maxFileSizeKB * 1024;
    const text = document.getText();
    if (text.length > limit) {
      if (!this.oversizeLogged.has(key)) {
        this.oversizeLogged.add(key);
        this.log.info(
          `Skipped ${document.uri.fsPath || key}: ${Math.round(text.length / 1024)} KB is over gridlens.maxFileSizeKB (${this.settings.settings.maxFileSizeKB}).`,
        );
      }
      return undefined;
    }
    const version = document.version;
    // A notebook cell is read as its notebook: the file the CLI scans, rebuilt from the open cells.
    // A markdown cell is not code (the scanner skips it too), and a cell outside any open notebook has no file.
    const notebook = document.uri.scheme === NOTEBOOK_CELL_SCHEME ? notebookOf(document) : undefined;
    const source = notebook ? notebookSource(notebook) : { uri: document.uri, text, cells: undefined };
    const cell = source.cells?.find((c) => c.document === document);
    if (document.uri.scheme === NOTEBOOK_CELL_SCHEME && !cell) return undefined;
    const siblings = await this.contextFiles(source.uri);
    if (token?.isCancellationRequested || document.version !== version) return undefined;
    const path = source.uri.path;
    const files = [{ path, text: source.text }, ...siblings.filter((f) => f.path !== path)];
    const { analyses, pairs } = this.engine.scanWorkspace(this.dataset, files);
    const analysis = analyses.find((a) => a.file === path);
    if (!analysis) return undefined;
    const touching = pairs.filter((p) => pairTouches(p, path));
    const computed = this.insightsFor(path, analysis.findings, touching);
    // live readings arrive later: the document may have changed meanwhile
    const insights = computed instanceof Promise ? await computed : computed;
    if (token?.isCancellationRequested || document.version !== version) return undefined;
    const result: DocumentInsights = {
      uri: document.uri,
      version,
      insights: cell ? insightsInCell(source.text, cell, insights) : insights,
      pairs: touching,
      problems: analysis.problems,
    };
    for (const problem of analysis.problems) this.log.debug(`${path}: ${problem}`);
    this.cache.set(key, result);
    return result;
  }

  /**
   * Insights of one file's findings with the current settings: at once over the yearly figures, later with live
   * grid readings when live data is on.
   */
  insightsFor(path: string, findings: readonly Finding[], pairs: readonly Pair[]): FindingInsight[] | Promise<FindingInsight[]> {
    const options = this.currentOptions;
    if (!this.live?.enabled) return this.engine.insightsFor(this.dataset, path, findings, pairs, options);
    return this.withLive((calc) =>
      this.engine.insightsFor(this.dataset, path, findings, pairs, { ...options, calc: { ...options.calc, ...calc } }),
    );
  }

  /** An answer over the yearly figures, or with live grid readings when live data is on. */
  async withLive<T>(answer: (calc: { live?: LiveGrid }) => T): Promise<T> {
    const live = await this.live?.provider();
    return live ? this.engine.withLiveGrid(live, (grid) => answer({ live: grid })) : answer({});
  }

  /** The cached result when it matches the document's version; providers on hot paths use this first. */
  peek(document: vscode.TextDocument): DocumentInsights | undefined {
    const cached = this.cache.get(document.uri.toString());
    return cached?.version === document.version ? cached : undefined;
  }

  private insightOptions(settings: Settings): InsightOptions {
    const years = this.dataset.data.grid.years;
    if (settings.gridYear !== null && !years.includes(settings.gridYear)) {
      const message = `Setting "gridlens.gridYear" is ${settings.gridYear}, but grid data exists for ${years.join(', ')}; using ${this.dataset.data.grid.defaultYear}.`;
      this.log.warn(message);
      void vscode.window.showWarningMessage(`GridLens: ${message}`);
    }
    return { ...this.engine.preferencesFrom(settings, this.dataset), minSavingsPercent: settings.minSavingsPercent };
  }

  /** Drops the computed figures but keeps the files read (the context files did not change). */
  private refreshFigures(): void {
    this.cache.clear();
    this.emitter.fire();
  }

  private invalidate(folder?: string): void {
    if (folder === undefined) {
      this.cache.clear();
      this.folderContext.clear();
    } else {
      this.folderContext.delete(folder);
      // documents below the folder read it too (see contextFiles)
      for (const [key, value] of this.cache) if (isWithin(folderOf(value.uri), folder)) this.cache.delete(key);
    }
    this.emitter.fire();
  }

  /**
   * Files beside the document and in the folders above it, up to its workspace folder, that can define its values:
   * a project keeps its .env, samconfig.toml or Terraform root above the code (`src/`), as the CLI sees them. Each
   * folder is read once until one of its files is saved.
   */
  private async contextFiles(uri: vscode.Uri): Promise<ContextFile[]> {
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.path;
    const folders = [folderOf(uri)];
    while (
      root !== undefined &&
      folders.length < MAX_CONTEXT_DEPTH &&
      folders[folders.length - 1] !== root &&
      isWithin(folders[folders.length - 1], root)
    ) {
      folders.push(folderOf(uri.with({ path: folders[folders.length - 1] })));
    }
    const perFolder = await Promise.all(
      folders.map((folder) => {
        let pending = this.folderContext.get(folder);
        if (!pending) {
          pending = this.readContextFiles(uri.with({ path: folder }));
          this.folderContext.set(folder, pending);
        }
        return pending;
      }),
    );
    return perFolder.flat();
  }

  private async readContextFiles(folder: vscode.Uri): Promise<ContextFile[]> {
    const maxFileBytes = this.settings.settings.maxFileSizeKB * 1024;
    const access = filesUnder(folder);
    try {
      const entries = await access.list('.');
      const wanted = entries.filter((e) => e.kind === 'file' && isScannable(e.name)).slice(0, MAX_CONTEXT_FILES);
      // read as the workspace scan reads them (size limit, binary sniff, decoding, open buffers first)
      const files = await Promise.all(
        wanted.map(async ({ name }) => {
          const read = await this.engine.readCandidate(access, name, { maxFileBytes });
          return 'text' in read ? { path: vscode.Uri.joinPath(folder, name).path, text: read.text } : undefined;
        }),
      );
      return files.filter((f): f is ContextFile => f !== undefined);
    } catch (error) {
      // Untitled documents and folders we cannot list have no context files; the document alone is analysed.
      this.log.debug(`No context files for ${folder.toString()}: ${(error as Error).message}`);
      return [];
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function folderOf(uri: vscode.Uri): string {
  const path = uri.path;
  const slash = path.lastIndexOf('/');
  return slash > 0 ? path.slice(0, slash) : '/';
}

/** A code cell's source inside the rebuilt notebook text: the JSON string literal between `start` and `end`. */
interface CellSource {
  document: vscode.TextDocument;
  start: number;
  end: number;
}

function notebookOf(cell: vscode.TextDocument): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.getCells().some((c) => c.document === cell));
}

/**
 * The notebook as the scanner reads an .ipynb file: its code cells, in order, in Jupyter's JSON (markdown is not code,
 * so it is left out). Built from the open cells, so unsaved edits count.
 */
function notebookSource(notebook: vscode.NotebookDocument): { uri: vscode.Uri; text: string; cells: CellSource[] } {
  let text = '{"cells": [';
  const cells: CellSource[] = [];
  for (const cell of notebook.getCells()) {
    if (cell.kind !== vscode.NotebookCellKind.Code) continue;
    if (cells.length) text += ', ';
    text += '{"cell_type": "code", "source": ';
    const literal = JSON.stringify(cell.document.getText());
    cells.push({ document: cell.document, start: text.length + 1, end: text.length + literal.length - 1 });
    text += `${literal}}`;
  }
  return { uri: notebook.uri, text: `${text}]}`, cells };
}

/** The insights of one cell, their ranges moved from the notebook's JSON text to the cell's own text. */
function insightsInCell(text: string, cell: CellSource, insights: FindingInsight[]): FindingInsight[] {
  // the length of the decoded literal up to a JSON offset is the cell offset (escapes such as \" count as one character)
  const cellOffset = (offset: number) => (JSON.parse(`"${text.slice(cell.start, offset)}"`) as string).length;
  return insights
    .filter((i) => i.finding.range.start >= cell.start && i.finding.range.end <= cell.end)
    .map((i) => ({
      ...i,
      finding: { ...i.finding, range: { start: cellOffset(i.finding.range.start), end: cellOffset(i.finding.range.end) } },
    }));
}

/** Whether `path` is `folder` or inside it. */
function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}
