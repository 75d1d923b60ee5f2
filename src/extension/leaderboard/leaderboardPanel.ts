// The leaderboard webview's host side: the `gridlens.openLeaderboard` command, the panel (one at a time), its
// HTML with a nonce CSP, the typed message handling, and the serializer that restores it after a reload from
// the page's saved state (no retainContextWhenHidden). Carbon figures come from core through service.ts.
import * as vscode from 'vscode';
import type { IntensityProvider, LiveGrid } from '../../core/carbon/liveGrid';
import type { DatasetIndex } from '../../core/data/dataset';
import { providerIds } from '../../core/data/providerIds';
import type { ProviderId, Region } from '../../core/data/schema';
import type { CarbonBasis } from '../../core/carbon/units';
import type { Engine } from '../engine';
import { replacementFor, spellLike, workspaceEditFor } from '../regionEdit';
import { makeNonce, renderHtml } from './html';
import { LEADERBOARD_COMMAND, VIEW_TYPE } from '../../webview/leaderboard/ids';
import type { Focus, HostMessage, PageContext, PageMessage } from '../../webview/leaderboard/protocol';

export { LEADERBOARD_COMMAND, VIEW_TYPE } from '../../webview/leaderboard/ids';

/** The finding a panel was opened from: 'use this region' replaces exactly `range` in `uri`. */
export interface LeaderboardContext {
  uri: vscode.Uri;
  range: vscode.Range;
  provider: ProviderId;
  /** The region code the finding resolved to. */
  currentRegion: string;
  /** The model as written, when the finding is paired with one. */
  model?: string;
  /** The text the range holds, when it differs from currentRegion (a display name); the edit checks it is still there. */
  text?: string;
}

export interface UseRegionOutcome {
  applied: boolean;
  message?: string;
  /** The text written, when applied. */
  replacement?: string;
}

export interface LeaderboardOptions {
  /** The dataset to rank; the bundled one by default. */
  dataset?: () => DatasetIndex;
  /** Canonical ids of the models the workspace uses, the one at the cursor first (charts and compare start there). */
  workspaceModels?: () => Promise<string[]>;
  /** Live grid readings when gridlens.liveData.enabled (undefined: the yearly figures, no network). */
  live?: () => Promise<IntensityProvider | undefined>;
  /** What headline figures count (gridlens.carbon.basis); total by default. */
  basis?: () => CarbonBasis;
  /** Fires when settings change: an open page gets its rows again when the basis or live data is no longer what it shows. */
  onDidChangeSettings?: vscode.Event<unknown>;
  /** Fires when live figures may have changed (a new or cleared key, newer readings): an open page gets its rows again. */
  onDidChangeLive?: vscode.Event<unknown>;
}

let controller: LeaderboardController | undefined;

/**
 * Registers the command and the panel serializer. Dispose the result to unregister both and close the panel. The
 * figures come from `engine` (service.ts), loaded when a panel first asks.
 */
export function registerLeaderboard(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  engine: () => Engine,
  options: LeaderboardOptions = {},
): vscode.Disposable {
  const instance = new LeaderboardController(context.extensionUri, log, engine, options);
  controller = instance;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(LEADERBOARD_COMMAND, (arg?: unknown) => instance.open(arg)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => instance.restore(panel, state),
    }),
    instance,
    {
      dispose: () => {
        if (controller === instance) controller = undefined;
      },
    },
  );
}

/** Opens (or reveals) the leaderboard; with a finding's context, 'use this region' edits that finding. */
export async function openLeaderboard(context?: LeaderboardContext | unknown): Promise<void> {
  if (!controller) throw new Error('GridLens: the leaderboard is not registered yet.');
  await controller.open(context);
}

// -----------------------------------------------------------------------------------------------------------

/**
 * "Use this region": the quick fix's edit (spelt like the original: case, zone suffix, Azure display name, and the
 * literal's twins in the same resource when `engine` is given), made only if the range still holds the text it was
 * found with, and not at all when a twin cannot move.
 */
export async function applyRegionEdit(
  context: LeaderboardContext,
  target: Region,
  engine?: { engine: Engine; index: DatasetIndex },
): Promise<UseRegionOutcome> {
  const document = await vscode.workspace.openTextDocument(context.uri);
  const expected = context.text ?? context.currentRegion;
  const where = `${vscode.workspace.asRelativePath(context.uri)}:${context.range.start.line + 1}`;
  const range = document.validateRange(context.range);
  if (!range.isEqual(context.range))
    return {
      applied: false,
      message: `${where} no longer reads '${expected}', so it was not changed. Reopen the leaderboard from the finding.`,
    };
  const replacement = spellLike(expected, context.currentRegion, target);
  const literal = { start: document.offsetAt(range.start), end: document.offsetAt(range.end), expected, replacement };
  let edits = [literal];
  const twins =
    engine && document.getText(range) === expected ? twinsOf(engine.engine, engine.index, document, context, literal, target) : undefined;
  if (typeof twins === 'string') return { applied: false, message: `${where} was not changed: ${twins}.` };
  if (twins) edits = twins;
  const edit = await workspaceEditFor({ uri: context.uri.toString(), edits });
  if (typeof edit === 'string')
    return { applied: false, message: `${where}: ${edit}, so it was not changed. Reopen the leaderboard from the finding.` };
  const applied = await vscode.workspace.applyEdit(edit);
  const more = edits.length > 1 ? ` (and ${edits.length - 1} more in the same resource)` : '';
  return applied
    ? { applied, replacement, message: `${where}: ${expected} → ${replacement}${more}` }
    : { applied, message: `The edit to ${where} was not applied.` };
}

/** The finding's literal with its twins (the quick fix's plan), or why a twin cannot move; undefined when the scanner no longer finds it. */
function twinsOf(
  engine: Engine,
  index: DatasetIndex,
  document: vscode.TextDocument,
  context: LeaderboardContext,
  literal: { start: number; end: number },
  target: Region,
) {
  const current = index.regions.get(engine.regionKey(context.provider, context.currentRegion));
  const [analysis] = engine.scanWorkspace(index, [{ path: document.uri.path, text: document.getText() }]).analyses;
  const finding = analysis?.findings.find((f) => f.kind === 'region' && f.range.start === literal.start && f.range.end === literal.end);
  if (!current || !finding) return undefined;
  const replacement = replacementFor(engine, document, analysis.findings, finding, current, target);
  return typeof replacement === 'string' ? replacement : replacement.edits;
}

type Numbers = [number, number, number, number];

// A command argument is checked field by field here rather than with zod: this module loads at activation, where
// building zod schemas would cost more than the rest of activation.
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;
const isOptionalText = (value: unknown, max: number): value is string | undefined => value === undefined || isText(value, 0, max);

interface ContextArgument {
  uri: unknown;
  range: unknown;
  provider: ProviderId;
  currentRegion: string;
  model?: string;
  text?: string;
}

function isContextArgument(value: unknown): value is ContextArgument {
  return (
    isRecord(value) &&
    providerIds.includes(value.provider as ProviderId) &&
    isText(value.currentRegion, 1, 128) &&
    isOptionalText(value.model, 256) &&
    isOptionalText(value.text, 256)
  );
}

function isUriComponents(value: unknown): value is { scheme: string; authority?: string; path: string; query?: string; fragment?: string } {
  return (
    isRecord(value) &&
    isText(value.scheme, 1, Infinity) &&
    typeof value.path === 'string' &&
    [value.authority, value.query, value.fragment].every((part) => isOptionalText(part, Infinity))
  );
}

function positionNumbers(value: unknown): [number, number] | undefined {
  return isRecord(value) && isIndex(value.line) && isIndex(value.character) ? [value.line, value.character] : undefined;
}

/** `[l, c, l, c]`, `[start, end]` or `{ start, end }` with `{ line, character }` positions. */
function rangeNumbers(value: unknown): Numbers | undefined {
  if (Array.isArray(value) && value.length === 4) return value.every(isIndex) ? (value as Numbers) : undefined;
  const [start, end] = Array.isArray(value) ? (value.length === 2 ? value : []) : isRecord(value) ? [value.start, value.end] : [];
  const s = positionNumbers(start);
  const e = positionNumbers(end);
  return s && e ? [...s, ...e] : undefined;
}

/**
 * Reads a finding context from a command argument: real Uri and Range objects, or their JSON forms as they arrive
 * through a command link (`uri` as a string or Uri JSON, `range` as `[start, end]`, `{start, end}` or four numbers).
 */
export function toLeaderboardContext(arg: unknown): LeaderboardContext | undefined {
  const candidate = Array.isArray(arg) && arg.length === 1 ? arg[0] : arg;
  if (!isContextArgument(candidate)) return undefined;
  const uri = toUri(candidate.uri);
  const range = toRange(candidate.range);
  if (!uri || !range) return undefined;
  const { provider, currentRegion, model, text } = candidate;
  return { uri, range, provider, currentRegion, ...(model ? { model } : {}), ...(text ? { text } : {}) };
}

function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  try {
    if (isText(value, 1, Infinity)) return vscode.Uri.parse(value, true);
    if (!isUriComponents(value)) return undefined;
    const { scheme, authority, path, query, fragment } = value;
    return vscode.Uri.from({ scheme, authority, path, query, fragment });
  } catch {
    return undefined;
  }
}

function toRange(value: unknown): vscode.Range | undefined {
  if (value instanceof vscode.Range) return value;
  const numbers = rangeNumbers(value);
  return numbers && new vscode.Range(...numbers);
}

function fromPageContext(page: PageContext | null | undefined): LeaderboardContext | undefined {
  if (!page) return undefined;
  return toLeaderboardContext({
    uri: page.uri,
    range: page.range,
    provider: page.provider,
    currentRegion: page.currentRegion,
    model: page.model,
    text: page.text,
  });
}

// -----------------------------------------------------------------------------------------------------------

class LeaderboardController implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private finding: LeaderboardContext | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  /** A link's model and region, sent with the first init of a new panel. */
  private pendingFocus: Focus | undefined;
  /** Read when the command runs, while the editor that invoked it is still the active one. */
  private pendingWorkspaceModels: Promise<string[]> | undefined;

  /** What the rows the page was last sent were computed with: the basis, and the live provider (undefined: yearly figures). */
  private shown: { basis: CarbonBasis; live: IntensityProvider | undefined } | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly engine: () => Engine,
    private readonly options: LeaderboardOptions,
  ) {
    this.subscriptions = [
      ...(options.onDidChangeSettings ? [options.onDidChangeSettings(() => void this.resend(false))] : []),
      ...(options.onDidChangeLive ? [options.onDidChangeLive(() => void this.resend(true))] : []),
    ];
  }

  /** Sends an open page its rows again: always when live readings changed, else when the basis or live data did. */
  private async resend(liveChanged: boolean): Promise<void> {
    try {
      if (!this.panel || !this.shown) return;
      const live = await this.options.live?.();
      if (!liveChanged && this.shown.basis === this.basis() && this.shown.live === live) return;
      await this.handle({ type: 'ready' });
    } catch (error) {
      this.log.error(`Leaderboard: could not refresh the rows: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private dataset(): DatasetIndex {
    return this.options.dataset?.() ?? this.engine().bundledDataset();
  }

  private basis(): CarbonBasis {
    return this.options.basis?.() ?? 'total';
  }

  async open(arg?: unknown): Promise<void> {
    const finding = arg === undefined ? undefined : toLeaderboardContext(arg);
    const focus = arg === undefined || finding ? undefined : this.focusFrom(arg);
    if (arg !== undefined && !finding && !focus)
      this.log.warn('Leaderboard opened with an argument that is neither a finding context nor a known model or region; ignoring it.');
    if (this.panel) {
      if (finding) {
        this.finding = finding;
        this.post({ type: 'context', context: this.pageContext() });
      } else if (focus) {
        this.post({ type: 'focus', focus });
      }
      this.panel.reveal();
      return;
    }
    this.finding = finding;
    this.pendingFocus = focus;
    this.pendingWorkspaceModels = this.workspaceModels();
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'GridLens Leaderboard',
      finding ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
      this.webviewOptions(),
    );
    this.attach(panel);
  }

  private workspaceModels(): Promise<string[]> {
    return (this.options.workspaceModels?.() ?? Promise.resolve([])).catch((error: unknown) => {
      this.log.warn(`Leaderboard: could not list the workspace's models: ${String(error)}`);
      return [];
    });
  }

  private focusFrom(arg: unknown): Focus | undefined {
    try {
      return this.engine().toFocus(this.dataset(), arg);
    } catch {
      return undefined;
    }
  }

  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.panel) {
      panel.dispose();
      return;
    }
    const saved = this.engine().SavedStateSchema.safeParse(state);
    this.finding = saved.success ? fromPageContext(saved.data.context) : undefined;
    panel.webview.options = this.webviewOptions();
    this.attach(panel);
    this.log.info(`Leaderboard restored${saved.success ? '' : ' (its saved state was not readable, so it starts fresh)'}.`);
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const { webview } = panel;
    webview.html = renderHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'leaderboard.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'leaderboard.css')).toString(),
    });
    this.panelDisposables.push(
      webview.onDidReceiveMessage((data: unknown) => void this.receive(data)),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.finding = undefined;
        vscode.Disposable.from(...this.panelDisposables).dispose();
        this.panelDisposables = [];
      }),
    );
  }

  private pageContext(): PageContext | null {
    const f = this.finding;
    if (!f) return null;
    let modelId: string | undefined;
    try {
      modelId = this.engine().canonicalModelId(this.dataset(), f.model);
    } catch {
      modelId = undefined;
    }
    return {
      uri: f.uri.toString(),
      range: [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character],
      provider: f.provider,
      currentRegion: f.currentRegion,
      ...(f.text !== undefined ? { text: f.text } : {}),
      ...(f.model !== undefined ? { model: f.model } : {}),
      ...(modelId !== undefined ? { modelId } : {}),
      label: `${vscode.workspace.asRelativePath(f.uri)}:${f.range.start.line + 1}`,
    };
  }

  private post(message: HostMessage): void {
    if (!this.panel) return;
    void this.panel.webview
      .postMessage(message)
      .then(undefined, (error: unknown) => this.log.warn(`Leaderboard: a message to the page failed: ${String(error)}`));
  }

  private notice(level: 'info' | 'error', text: string): void {
    this.post({ type: 'notice', level, text });
  }

  /** An answer over the yearly figures, or with live readings when live data is on (from `provider` when given). */
  private async withLive<T>(answer: (live?: LiveGrid) => T, provider?: IntensityProvider): Promise<T> {
    const live = provider ?? (await this.options.live?.());
    return live ? this.engine().withLiveGrid(live, answer) : answer();
  }

  private async receive(data: unknown): Promise<void> {
    const { parseMessage, PageMessageSchema } = this.engine();
    const parsed = parseMessage(PageMessageSchema, data);
    if (!parsed.ok) {
      this.log.warn(`Leaderboard: ignored a message that does not fit the protocol (${parsed.reason}).`);
      return;
    }
    try {
      await this.handle(parsed.message);
    } catch (error) {
      this.log.error(
        `Leaderboard: ${parsed.message.type} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      this.notice(
        'error',
        `GridLens could not complete '${parsed.message.type}': ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        const started = Date.now();
        const workspaceModels = await (this.pendingWorkspaceModels ?? this.workspaceModels());
        const focus = this.pendingFocus;
        const shown = { basis: this.basis(), live: await this.options.live?.() };
        this.shown = shown;
        const init = await this.withLive(
          (live) => this.engine().initMessage(this.dataset(), this.pageContext(), focus, workspaceModels, shown.basis, live),
          shown.live,
        );
        this.pendingFocus = undefined;
        this.pendingWorkspaceModels = undefined;
        this.post(init);
        this.log.info(`Leaderboard: sent ${init.rows.length} rows in ${Date.now() - started} ms.`);
        return;
      }
      case 'recommend':
        this.post(await this.withLive((live) => this.engine().answerRecommend(this.dataset(), message, this.basis(), live)));
        return;
      case 'compare':
        this.post(await this.withLive((live) => this.engine().answerCompare(this.dataset(), message, this.basis(), live)));
        return;
      case 'resolveSearch':
        this.post(this.engine().resolveSearchTerms(this.dataset(), message.terms));
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        this.notice('info', `Copied '${message.text}' to the clipboard.`);
        return;
      case 'useRegion':
        await this.useRegion(message.provider, message.region);
        return;
      case 'exportCsv':
        await this.exportCsv(message.csv, message.rows);
        return;
    }
  }

  private async useRegion(provider: ProviderId, code: string): Promise<void> {
    const finding = this.finding;
    if (!finding) {
      this.notice('error', 'Open the leaderboard from a finding to use a region there.');
      return;
    }
    if (provider !== finding.provider) {
      this.notice('error', `The finding is a ${finding.provider} region; ${provider}:${code} cannot replace it.`);
      return;
    }
    const target = this.dataset().regions.get(this.engine().regionKey(provider, code));
    if (!target) {
      this.notice('error', `Unknown region ${provider}:${code}.`);
      return;
    }
    const {
      applied,
      message,
      replacement = code,
    } = await applyRegionEdit(finding, target, { engine: this.engine(), index: this.dataset() });
    if (!applied) {
      this.notice('error', message ?? 'The region was not changed.');
      return;
    }
    this.log.info(`Leaderboard: used region ${provider}:${code} in ${finding.uri.toString()} (was ${finding.currentRegion}).`);
    // The range now holds the new code: keep the context pointing at it, so another choice can replace it again.
    const { start } = finding.range;
    const range = finding.range.isSingleLine ? new vscode.Range(start, start.translate(0, replacement.length)) : finding.range;
    this.finding = { ...finding, range, currentRegion: code, text: replacement };
    this.post({ type: 'context', context: this.pageContext() });
    this.notice('info', message ?? `Now using ${code}.`);
  }

  private async exportCsv(csv: string, rows: number): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Export the leaderboard view as CSV',
      saveLabel: 'Export',
      filters: { CSV: ['csv'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'gridlens-leaderboard.csv') } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
    this.notice('info', `Exported ${rows} rows to ${vscode.workspace.asRelativePath(target)}.`);
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.panel?.dispose();
  }
}
