// Robustness in a real extension host.
//
// 1. A second, instrumented instance of the installed GridLens (its packaged dist/extension.js, loaded afresh with a
//    counting `vscode` module): every disposable it gets from the API is tracked, warnings and log lines are
//    recorded, and the leaderboard webview's HTML and message listener are observed. With it: invalid settings give
//    one warning naming the setting and fall back to the default; the webview has a nonce CSP on every render and
//    rejects (and logs) messages of unexpected shapes; the hostile workspace is scanned and opened with a clear log
//    entry for what is skipped; files that vanish mid-scan are logged; and after deactivate every disposable it
//    created has been disposed (no leaked listeners).
// 2. The installed instance under concurrency: fast edits while a workspace scan runs, documents closed
//    mid-analysis, settings changed mid-scan: the final diagnostics match the final text and settings.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import fc from 'fast-check';
import { bundledDataset } from '../../../src/core/data/bundled';
import { regionDocument, tokenSoup } from '../../hostile/documents';
import { writeHostileWorkspace, type HostileFile } from '../../hostile/hostileFiles';
import { activateGridLens, codeActions, EXTENSION_ID, hoverTexts, note, revertAll, waitFor, workspaceRoot } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('module') as {
  _load: (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
  _cache: Record<string, unknown>;
};

const SUFFIX = '.robustness';

interface Tracked {
  api: string;
  disposed: boolean;
}

/** The part of the findings view's data provider the test reads (grouped by file). */
interface FindingsTree {
  getChildren(): Array<{ label: string; members: Array<{ uri: vscode.Uri; insight: { finding: { text: string } } }> }>;
}

interface LogLine {
  level: string;
  message: string;
}

/** What the instrumented instance did, as seen through its `vscode` module. */
interface Instrumented {
  exports: { activate(context: vscode.ExtensionContext): void; deactivate?(): unknown };
  context: vscode.ExtensionContext;
  tracked: Tracked[];
  /** Objects returned by the API whose dispose could not be wrapped (counted, should stay empty). */
  untracked: string[];
  log: LogLine[];
  warnings: string[];
  /** Renamed command ids: the instance's `gridlens.x` is registered as `gridlens.x.robustness`. */
  command(id: string): string;
  /** Every HTML the instance set on a webview, in order. */
  html: string[];
  /** The instance's listeners for messages from its webview pages. */
  messageListeners: Array<(message: unknown) => unknown>;
  /** Its diagnostic collection (the real one, renamed). */
  diagnostics(): vscode.DiagnosticCollection | undefined;
  /** What its findings view lists after a workspace scan: file (relative) and text of each finding. */
  findings(): Array<{ file: string; text: string }>;
  /** Called before the instance reads a file through workspace.fs (to make it vanish mid-scan). */
  beforeRead?: (uri: vscode.Uri) => void;
}

/** Replaces obj[key] by an own property that observes it (getters and setters on prototypes included). */
function interpose(obj: object, key: string, wrap: { get?: (value: unknown) => unknown; set?: (value: unknown) => void }): void {
  let proto: object | null = obj;
  let descriptor: PropertyDescriptor | undefined;
  while (proto && !(descriptor = Object.getOwnPropertyDescriptor(proto, key))) proto = Object.getPrototypeOf(proto);
  if (!descriptor) return;
  const d = descriptor;
  Object.defineProperty(obj, key, {
    configurable: true,
    enumerable: d.enumerable,
    get() {
      const value = d.get ? d.get.call(obj) : d.value;
      return wrap.get ? wrap.get(value) : value;
    },
    set(value: unknown) {
      wrap.set?.(value);
      if (d.set) d.set.call(obj, value);
      else if (d.writable) d.value = value;
    },
  });
}

/** Loads the installed GridLens bundle a second time, with a `vscode` module that counts and records. */
function loadInstrumented(): Instrumented {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, 'GridLens is not installed');
  const main = require.resolve(path.join(extension.extensionPath, (extension.packageJSON as { main: string }).main));
  const tracked: Tracked[] = [];
  const untracked: string[] = [];
  const log: LogLine[] = [];
  const warnings: string[] = [];
  const html: string[] = [];
  const messageListeners: Array<(message: unknown) => unknown> = [];
  const renamed = new Map<string, string>();
  let collection: vscode.DiagnosticCollection | undefined;
  let tree: FindingsTree | undefined;
  const instance = { tracked, untracked, log, warnings, html, messageListeners } as unknown as Instrumented;

  const track = <T>(api: string, value: T): T => {
    if (!value || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const disposable = value as unknown as { dispose?: () => unknown };
    if (typeof disposable.dispose !== 'function') return value;
    const entry: Tracked = { api, disposed: false };
    const original = disposable.dispose;
    try {
      Object.defineProperty(disposable, 'dispose', {
        configurable: true,
        writable: true,
        value(this: unknown) {
          entry.disposed = true;
          return original.call(this);
        },
      });
      tracked.push(entry);
    } catch {
      untracked.push(api);
    }
    return value;
  };

  const recordingChannel = (name: string): vscode.LogOutputChannel => {
    const emitter = new vscode.EventEmitter<vscode.LogLevel>();
    const line =
      (level: string) =>
      (message: string | Error, ...args: unknown[]) =>
        log.push({
          level,
          message: `${message instanceof Error ? message.message : message}${args.length ? ` ${args.map(String).join(' ')}` : ''}`,
        });
    return {
      name,
      logLevel: vscode.LogLevel.Trace,
      onDidChangeLogLevel: emitter.event,
      trace: line('trace'),
      debug: line('debug'),
      info: line('info'),
      warn: line('warn'),
      error: line('error'),
      append: (value: string) => log.push({ level: 'append', message: value }),
      appendLine: (value: string) => log.push({ level: 'append', message: value }),
      replace: () => undefined,
      clear: () => undefined,
      show: () => undefined,
      hide: () => undefined,
      dispose: () => emitter.dispose(),
    };
  };

  const fakeTreeView = (): vscode.TreeView<unknown> => {
    const event = new vscode.EventEmitter<never>();
    return {
      onDidExpandElement: event.event,
      onDidCollapseElement: event.event,
      onDidChangeSelection: event.event,
      onDidChangeVisibility: event.event,
      onDidChangeCheckboxState: event.event,
      selection: [],
      visible: false,
      message: undefined,
      title: 'GridLens Findings',
      description: undefined,
      badge: undefined,
      reveal: async () => undefined,
      dispose: () => event.dispose(),
    } as unknown as vscode.TreeView<unknown>;
  };

  const wrapNamespace = (name: string, real: Record<string, unknown>): object => {
    const special: Record<string, (original: (...a: unknown[]) => unknown) => (...a: unknown[]) => unknown> = {
      'commands.registerCommand':
        (original) =>
        (id, ...rest) => {
          renamed.set(id as string, `${id}${SUFFIX}`);
          return original(`${id}${SUFFIX}`, ...rest);
        },
      'window.registerWebviewPanelSerializer':
        (original) =>
        (viewType, ...rest) =>
          original(`${viewType}${SUFFIX}`, ...rest),
      'window.createTreeView': () => (_id, options) => {
        tree = (options as { treeDataProvider: FindingsTree }).treeDataProvider;
        return fakeTreeView();
      },
      'window.createOutputChannel': () => (channelName) => recordingChannel(channelName as string),
      'window.showWarningMessage': () => async (message) => {
        warnings.push(String(message));
        return undefined;
      },
      'window.showInformationMessage': () => async (message) => {
        log.push({ level: 'popup', message: String(message) });
        return undefined;
      },
      'window.showErrorMessage': () => async (message) => {
        warnings.push(`error: ${String(message)}`);
        return undefined;
      },
      'languages.createLanguageStatusItem':
        (original) =>
        (id, ...rest) =>
          original(`${id}${SUFFIX}`, ...rest),
      'languages.createDiagnosticCollection': (original) => (collectionName) =>
        (collection = original(`${collectionName}${SUFFIX}`) as vscode.DiagnosticCollection),
      'window.createWebviewPanel':
        (original) =>
        (...args) => {
          const panel = original(...args) as vscode.WebviewPanel;
          const webview = panel.webview;
          interpose(webview, 'html', { set: (value) => html.push(String(value)) });
          const listen = webview.onDidReceiveMessage;
          Object.defineProperty(webview, 'onDidReceiveMessage', {
            configurable: true,
            value: (listener: (m: unknown) => unknown, thisArg?: unknown, disposables?: vscode.Disposable[]) => {
              messageListeners.push(thisArg ? listener.bind(thisArg) : listener);
              return track('webview.onDidReceiveMessage', listen.call(webview, listener, thisArg, disposables));
            },
          });
          return panel;
        },
    };
    return new Proxy(
      {},
      {
        get(_target, prop: string) {
          const value = real[prop];
          if (name === 'workspace' && prop === 'fs') return wrapFs(value as vscode.FileSystem);
          if (typeof value !== 'function') return value;
          const original = (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(real, args);
          const make = special[`${name}.${prop}`];
          const fn = make ? make(original) : original;
          return (...args: unknown[]) => track(`${name}.${prop}`, fn(...args));
        },
        has: (_target, prop) => prop in real,
        ownKeys: () => Reflect.ownKeys(real),
        getOwnPropertyDescriptor: (_target, prop) =>
          prop in real ? { configurable: true, enumerable: true, writable: false, value: undefined } : undefined,
      },
    );
  };

  const wrapFs = (real: vscode.FileSystem): vscode.FileSystem =>
    new Proxy({} as vscode.FileSystem, {
      get(_target, prop: string) {
        const value = (real as unknown as Record<string, unknown>)[prop];
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (prop === 'readFile') instance.beforeRead?.(args[0] as vscode.Uri);
          return (value as (...a: unknown[]) => unknown).apply(real, args);
        };
      },
    });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const trackedClass = <T extends new (...args: any[]) => object>(name: string, Base: T): T =>
    class extends Base {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      constructor(...args: any[]) {
        super(...args);
        track(`new ${name}`, this);
      }
    };

  const wrapApi = (real: typeof vscode): typeof vscode => {
    const cache = new Map<string, unknown>();
    const get = (prop: string): unknown => {
      if (cache.has(prop)) return cache.get(prop);
      const value = (real as unknown as Record<string, unknown>)[prop];
      let wrapped: unknown = value;
      if (['commands', 'languages', 'workspace', 'window'].includes(prop)) wrapped = wrapNamespace(prop, value as Record<string, unknown>);
      else if (prop === 'EventEmitter' || prop === 'CancellationTokenSource') wrapped = trackedClass(prop, value as new () => object);
      cache.set(prop, wrapped);
      return wrapped;
    };
    return new Proxy({} as typeof vscode, {
      get: (_target, prop) => (typeof prop === 'string' ? get(prop) : undefined),
      has: (_target, prop) => prop in real,
      ownKeys: () => Reflect.ownKeys(real),
      getOwnPropertyDescriptor: (_target, prop) =>
        typeof prop === 'string' && prop in real ? { configurable: true, enumerable: true, get: () => get(prop) } : undefined,
    });
  };

  // Load the bundle afresh: its own module state, its `require('vscode')` answered with the wrapper.
  const cached = Module._cache[main];
  delete Module._cache[main];
  const load = Module._load;
  Module._load = function (this: unknown, request, parent, isMain) {
    const result = load.call(this, request, parent, isMain);
    return request === 'vscode' && parent?.filename === main ? wrapApi(result as typeof vscode) : result;
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the instrumented load of the built bundle
    instance.exports = require(main) as Instrumented['exports'];
  } finally {
    Module._load = load;
    if (cached) Module._cache[main] = cached;
    else delete Module._cache[main];
  }
  const subscriptions: vscode.Disposable[] = [];
  instance.context = {
    subscriptions,
    extensionUri: extension.extensionUri,
    extensionPath: extension.extensionPath,
    extension,
    secrets: memorySecrets(subscriptions),
  } as unknown as vscode.ExtensionContext;
  instance.command = (id) => renamed.get(id) ?? assert.fail(`the instance registered no command ${id}`);
  instance.diagnostics = () => collection;
  instance.findings = () => {
    assert.ok(tree, 'the instance created no findings view');
    return tree
      .getChildren()
      .flatMap((group) =>
        group.members.map((m) => ({ file: vscode.workspace.asRelativePath(m.uri, false), text: m.insight.finding.text })),
      );
  };
  return instance;
}

/** The second instance's SecretStorage: VS Code gives one per installed extension, so this one lives in memory. */
function memorySecrets(subscriptions: vscode.Disposable[]): vscode.SecretStorage {
  const values = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  subscriptions.push(changed);
  return {
    get: async (key) => values.get(key),
    store: async (key, value) => {
      values.set(key, value);
      changed.fire({ key });
    },
    delete: async (key) => {
      values.delete(key);
      changed.fire({ key });
    },
    onDidChange: changed.event,
  } as vscode.SecretStorage;
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('gridlens').update(key, value, vscode.ConfigurationTarget.Global);
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A document of the fixture workspace's copy, written by the test (never a committed fixture). */
async function scratchFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'robustness-scratch', ...relative.split('/'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

// ---------------------------------------------------------------------------------------------------------------

describe('robustness: an instrumented second instance of GridLens', function () {
  this.timeout(120_000);
  let gl: Instrumented;
  let hostileRoot: string;
  let hostile: HostileFile[];

  before(async function () {
    await activateGridLens();
    gl = loadInstrumented();
    gl.exports.activate(gl.context);
    assert.ok(gl.tracked.length > 10, `the instance registered only ${gl.tracked.length} disposables`);
  });

  after(async () => {
    await setSetting('minSavingsPercent', undefined);
    await setSetting('maxFileSizeKB', undefined);
    await setSetting('jurisdiction.policy', undefined);
    await setSetting('home.coordinates', undefined);
    await revertAll();
    if (hostileRoot) fs.rmSync(hostileRoot, { recursive: true, force: true });
  });

  it('an invalid setting gives one warning naming it, and its default is used', async () => {
    const uri = await scratchFile('settings/.env', 'AWS_REGION=us-east-1\nBEDROCK_MODEL_ID=anthropic.claude-3-haiku-20240307-v1:0\n');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await setSetting('minSavingsPercent', 100);
    await waitFor('no diagnostic at a 100% minimum saving', () => (gl.diagnostics()?.get(uri) ?? []).length === 0);
    gl.warnings.length = 0;
    await setSetting('minSavingsPercent', 'lots');
    await setSetting('home.coordinates', 'not a place');
    await waitFor('the warnings', () => gl.warnings.length >= 2);
    // one more change of another setting reads every setting again: still no repeated warning
    await setSetting('jurisdiction.policy', 'any');
    await settle(500);
    const about = (key: string) => gl.warnings.filter((w) => w.includes(`"gridlens.${key}"`));
    assert.strictEqual(about('minSavingsPercent').length, 1, `warnings: ${gl.warnings.join(' | ')}`);
    assert.strictEqual(about('home.coordinates').length, 1, `warnings: ${gl.warnings.join(' | ')}`);
    assert.match(about('minSavingsPercent')[0], /invalid .*using the default/);
    assert.ok(
      gl.log.some((l) => l.level === 'warn' && l.message.includes('"gridlens.minSavingsPercent"')),
      'the warning is in the log too',
    );
    // the default minimum saving (30%) applies again: us-east-1 has a cleaner region, so the diagnostic returns
    await waitFor('the diagnostic at the default minimum saving', () => (gl.diagnostics()?.get(uri) ?? []).length === 1);
  });

  it('the leaderboard webview has a nonce CSP on every render and rejects, and logs, messages of unexpected shapes', async () => {
    for (let round = 0; round < 2; round++) {
      await vscode.commands.executeCommand(gl.command('gridlens.openLeaderboard'));
      await waitFor('the leaderboard HTML', () => gl.html.length === round + 1);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    await vscode.commands.executeCommand(gl.command('gridlens.openLeaderboard'));
    await waitFor('the third render', () => gl.html.length === 3);
    const nonces = gl.html.map((page) => {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const nonce = /script-src 'nonce-([A-Za-z0-9]+)'/.exec(csp)?.[1];
      assert.ok(nonce && nonce.length >= 32, 'a script nonce');
      const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      assert.ok(scripts.length > 0 && scripts.every((s) => s.includes(`nonce="${nonce}"`)), 'every script carries the nonce');
      return nonce;
    });
    assert.strictEqual(new Set(nonces).size, 3, 'a fresh nonce per render');

    const listener = gl.messageListeners[gl.messageListeners.length - 1];
    assert.ok(listener, 'the instance listens to its page');
    const hostile: unknown[] = [
      null,
      42,
      'ready',
      [],
      {},
      { type: 'nope' },
      { type: 'useRegion', provider: 'aws', region: '"><img src=x onerror=alert(1)>' },
      { type: 'useRegion', provider: 'oracle', region: 'us-east-1' },
      { type: 'copy', text: '' },
      { type: 'copy', text: 'x'.repeat(10_000) },
      { type: 'recommend', requestId: -1, model: 'gpt-4o', providers: [], jurisdictions: [] },
      { type: 'compare', requestId: 1, a: {}, b: null },
      { type: 'exportCsv', csv: 42, rows: 1 },
      JSON.parse('{"type":"copy","text":"a","__proto__":{"polluted":true}}'),
    ];
    const warnedBefore = gl.log.filter((l) => l.level === 'warn').length;
    for (const message of hostile) await listener(message);
    const rejected = gl.log.filter((l) => l.level === 'warn').slice(warnedBefore);
    // the last one is a valid 'copy' message with an extra key (dropped by the schema): the 13 others are rejected and logged
    assert.strictEqual(rejected.length, hostile.length - 1, `logged: ${rejected.map((l) => l.message).join(' | ')}`);
    assert.ok(rejected.every((l) => /ignored a message that does not fit the protocol/.test(l.message)));
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('scans and opens the hostile workspace without failing, with a log entry for each file it skips', async () => {
    hostileRoot = path.join(workspaceRoot().fsPath, 'robustness-hostile');
    hostile = writeHostileWorkspace(hostileRoot, {
      huge: true,
      outside: path.join(path.dirname(workspaceRoot().fsPath), `robustness-outside-${process.pid}`),
    });
    gl.log.length = 0;
    const started = Date.now();
    const read = await vscode.commands.executeCommand<number>(gl.command('gridlens.scanWorkspace'));
    const seconds = (Date.now() - started) / 1000;
    assert.ok(typeof read === 'number' && read > 0, `the scan returned ${read}`);
    const logged = (file: string) => gl.log.filter((l) => l.message.includes(file));
    assert.ok(
      logged('robustness-hostile/huge/bundle.min.json').some((l) => /over gridlens\.maxFileSizeKB/.test(l.message)),
      'the 50 MB file is logged as skipped',
    );
    assert.ok(
      logged('robustness-hostile/bytes/nul.yaml').some((l) => /binary/.test(l.message)),
      'the NUL file is logged as skipped',
    );
    const findings = gl.findings();
    assert.ok(
      findings.some((f) => f.file === 'robustness-hostile/long/line.env'),
      'the hostile files that can be read are scanned',
    );
    assert.deepStrictEqual(
      findings.filter((f) => f.file.startsWith('robustness-hostile/links/')),
      [],
      'read through a link',
    );
    const throughLinks = gl.log.filter((l) => /robustness-hostile\/links\/.*symbolic link/.test(l.message));
    note(
      `editor workspace scan with ${hostile.length} hostile files: ${read} files read in ${seconds.toFixed(1)} s; ${throughLinks.length} found through links and not read; ${gl.log.filter((l) => l.message.startsWith('Skipped')).length} skipped in all:\n${gl.log
        .filter((l) => l.message.startsWith('Skipped'))
        .map((l) => `  ${l.message}`)
        .join('\n')}`,
    );

    // every readable hostile file opens and goes through the providers: hover, inlay hints, code actions
    const timings: string[] = [];
    for (const file of hostile.filter((f) => f.expect !== 'not followed' && !f.path.startsWith('huge/'))) {
      const uri = vscode.Uri.file(path.join(hostileRoot, file.path));
      let document: vscode.TextDocument;
      try {
        document = await vscode.workspace.openTextDocument(uri);
      } catch (error) {
        // VS Code itself refuses to open a file with NUL bytes as text
        assert.match(String(error), /binary/, `${file.path}: ${String(error)}`);
        continue;
      }
      const whole = new vscode.Range(0, 0, Math.min(document.lineCount, 50), 0);
      const started = Date.now();
      await vscode.commands.executeCommand('vscode.executeInlayHintProvider', uri, whole);
      await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(0, 1));
      await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, whole);
      timings.push(`${file.path} ${Date.now() - started} ms`);
    }
    note(`providers on each hostile document (all extensions' providers): ${timings.join(', ')}`);
    assert.ok(
      !gl.log.some((l) => l.level === 'error'),
      `errors in the log: ${gl.log
        .filter((l) => l.level === 'error')
        .map((l) => l.message)
        .join(' | ')}`,
    );
  });

  it('files that vanish while the workspace scan reads them are logged, and the scan finishes', async () => {
    const victims = await Promise.all(['a', 'b', 'c'].map((n) => scratchFile(`vanish/${n}.env`, 'AWS_REGION=eu-west-1\n')));
    gl.beforeRead = (uri) => {
      if (victims.some((v) => v.toString() === uri.toString())) fs.rmSync(uri.fsPath, { force: true });
    };
    gl.log.length = 0;
    try {
      const read = await vscode.commands.executeCommand<number>(gl.command('gridlens.scanWorkspace'));
      assert.ok(typeof read === 'number' && read > 0);
    } finally {
      gl.beforeRead = undefined;
    }
    for (const v of victims)
      assert.ok(
        gl.log.some((l) => l.level === 'warn' && l.message.includes(path.basename(v.path)) && /Could not read/.test(l.message)),
        `${v.path} not logged`,
      );
  });

  it('reads a file open in an editor from its buffer, unsaved edits included, and leaves the file on disk as it was', async () => {
    // VS Code in the browser saves after a delay by default: the buffer must stay unsaved for this test
    const files = vscode.workspace.getConfiguration('files');
    const autoSave = files.inspect('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    const uri = await scratchFile('unsaved/app.env', 'AWS_REGION=eu-west-1\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    try {
      assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(0, 11, 0, 20), 'ap-southeast-1')));
      assert.ok(editor.document.isDirty);
      await vscode.commands.executeCommand<number>(gl.command('gridlens.scanWorkspace'));
      const regions = gl
        .findings()
        .filter((f) => f.file === 'robustness-scratch/unsaved/app.env')
        .map((f) => f.text);
      assert.deepStrictEqual(regions, ['ap-southeast-1'], 'the unsaved text is what is scanned');
      assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), 'AWS_REGION=eu-west-1\n', 'the file on disk is untouched');
    } finally {
      await revertAll();
      await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
    }
  });

  it('after deactivate, every disposable the instance created has been disposed', async () => {
    await gl.exports.deactivate?.();
    for (const subscription of [...gl.context.subscriptions].reverse()) subscription.dispose();
    const leaks = gl.tracked.filter((t) => !t.disposed).map((t) => t.api);
    note(
      `instrumented instance: ${gl.tracked.length} disposables created through the API, ${gl.tracked.length - leaks.length} disposed after deactivate`,
    );
    assert.deepStrictEqual(gl.untracked, [], 'disposables that could not be counted');
    assert.deepStrictEqual(leaks, [], `not disposed after deactivate: ${leaks.join(', ')}`);
    // and its commands are gone: the installed instance's remain
    const commands = await vscode.commands.getCommands(true);
    assert.ok(!commands.some((c) => c.endsWith(SUFFIX)), 'a command of the instance is still registered');
    assert.ok(commands.includes('gridlens.scanWorkspace'));
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('robustness: concurrency in the installed instance', function () {
  this.timeout(120_000);
  const gridlensDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'GridLens');

  before(activateGridLens);
  afterEach(async () => {
    await setSetting('minSavingsPercent', undefined);
    await setSetting('diagnostics.enabled', undefined);
    await revertAll();
  });

  /** Diagnostics match the document: each range holds a region the text still has there. */
  const consistent = (document: vscode.TextDocument) =>
    gridlensDiagnostics(document.uri).every(
      (d) => /^[a-z]{2}-[a-z]+-\d$/.test(document.getText(d.range)) && d.message.includes(document.getText(d.range)),
    );

  it('fast edits while a workspace scan runs: the final diagnostics are those of the final text', async () => {
    const uri = await scratchFile('edits/.env', 'AWS_REGION=us-east-1\nBEDROCK_MODEL_ID=anthropic.claude-3-haiku-20240307-v1:0\n');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await waitFor('the first diagnostic', () => gridlensDiagnostics(uri).length === 1);
    const scan = vscode.commands.executeCommand<number>('gridlens.scanWorkspace');
    const regions = ['eu-north-1', 'ap-southeast-1', 'us-west-2', 'eu-central-1', 'us-east-1'];
    for (let i = 0; i < 40; i++) {
      const line = document.lineAt(0);
      await editor.edit((e) => e.replace(line.range, `AWS_REGION=${regions[i % regions.length]}`));
      if (i % 7 === 0) await settle(0);
    }
    // the last edit: a clean region with no cleaner one left in the jurisdiction → no diagnostic
    await editor.edit((e) => e.replace(document.lineAt(0).range, 'AWS_REGION=eu-north-1'));
    assert.ok((await scan) > 0);
    await settle(1000); // the debounce (300 ms) and the analysis
    await waitFor('no diagnostic for eu-north-1', () => gridlensDiagnostics(uri).length === 0);
    await editor.edit((e) => e.replace(document.lineAt(0).range, 'AWS_REGION=eu-central-1'));
    const [d] = await waitFor('the diagnostic for eu-central-1', () =>
      gridlensDiagnostics(uri).length === 1 ? gridlensDiagnostics(uri) : undefined,
    );
    assert.strictEqual(document.getText(d.range), 'eu-central-1');
    assert.ok(consistent(document));
  });

  it('documents closed mid-analysis leave no diagnostics behind', async () => {
    const uris: vscode.Uri[] = [];
    for (let i = 0; i < 8; i++) {
      const uri = await scratchFile(`closing/${i}/.env`, `AWS_REGION=us-east-1\nBEDROCK_MODEL_ID=anthropic.claude-3-haiku-20240307-v1:0\n`);
      uris.push(uri);
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit((e) => e.insert(new vscode.Position(2, 0), `# edit ${i}\n`));
      // close before the debounced analysis runs (and, for half of them, while it runs)
      if (i % 2) await settle(320);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await settle(1500);
    for (const uri of uris) {
      const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
      if (!open) assert.deepStrictEqual(gridlensDiagnostics(uri), [], `${uri.path} keeps diagnostics after closing`);
    }
  });

  it('settings changed mid-scan: the diagnostics follow the last setting', async () => {
    const uri = await scratchFile(
      'settings-mid-scan/.env',
      'AWS_REGION=us-east-1\nBEDROCK_MODEL_ID=anthropic.claude-3-haiku-20240307-v1:0\n',
    );
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await waitFor('the diagnostic', () => gridlensDiagnostics(uri).length === 1);
    const scan = vscode.commands.executeCommand<number>('gridlens.scanWorkspace');
    const changes = [
      setSetting('diagnostics.enabled', false),
      setSetting('minSavingsPercent', 100),
      setSetting('diagnostics.enabled', true),
      setSetting('minSavingsPercent', 95),
      setSetting('minSavingsPercent', 100),
    ];
    await Promise.all(changes);
    assert.ok((await scan) > 0);
    await settle(800);
    await waitFor('no diagnostic at a 100% minimum saving', () => gridlensDiagnostics(uri).length === 0);
    await setSetting('minSavingsPercent', undefined);
    await waitFor('the diagnostic back at the default', () => gridlensDiagnostics(uri).length === 1);
    assert.ok(consistent(document));
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('robustness: quick fixes applied on generated documents', function () {
  this.timeout(180_000);
  before(async () => {
    await activateGridLens();
    // any cleaner region counts, so that nearly every generated inference region is offered a switch (templates
    // whose region places no model get none)
    await setSetting('jurisdiction.policy', 'any');
    await setSetting('minSavingsPercent', 0);
  });
  after(async () => {
    await setSetting('jurisdiction.policy', undefined);
    await setSetting('minSavingsPercent', undefined);
    await revertAll();
  });

  it('every offered region switch replaces exactly the region literal, and the new text reads as the target region', async () => {
    const index = bundledDataset();
    const documents = fc.sample(regionDocument(index, fc.oneof(fc.constant(''), tokenSoup(6))), { numRuns: 24, seed: 8 });
    let applied = 0;
    for (const [i, d] of documents.entries()) {
      const uri = await scratchFile(`quickfix/${i}/${d.file}`, d.text);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const at = new vscode.Range(document.positionAt(d.at), document.positionAt(d.at + d.region.length));
      const switches = async () => (await codeActions(uri, at)).filter((a) => a.title.startsWith('Switch to ') && a.edit);
      let actions: vscode.CodeAction[] = [];
      try {
        actions = await waitFor('quick fixes', async () => ((await switches()).length ? switches() : undefined), 2000);
      } catch {
        continue; // no cleaner region for this one (the unit property test covers every spelling offline)
      }
      const original = document.getText();
      for (const action of actions.slice(0, 2)) {
        const target = /^Switch to ([a-z0-9-]+):/.exec(action.title)?.[1];
        assert.ok(target, action.title);
        assert.ok(await vscode.workspace.applyEdit(action.edit as vscode.WorkspaceEdit), `applying '${action.title}'`);
        const after = document.getText();
        let start = 0;
        while (start < original.length && original[start] === after[start]) start++;
        let tail = 0;
        while (tail < original.length - start && original[original.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
        assert.ok(
          start >= d.at && original.length - tail <= d.at + d.region.length,
          `${d.file}: '${action.title}' changed bytes outside '${d.region}' at ${d.at}`,
        );
        const written = after.slice(d.at, after.length - (original.length - d.at - d.region.length));
        assert.ok(written.length > 0 && written !== d.region, `${d.file}: '${action.title}' wrote '${written}'`);
        // the editor's own rescan: a hover on the new literal is about the target region
        const hover = await waitFor(`a hover on '${written}'`, async () =>
          (await hoverTexts(uri, document.positionAt(d.at + 1))).find((t) => t.startsWith('**')),
        );
        assert.ok(hover.startsWith(`**${target}**`), `${d.file}: '${written}' reads as ${hover.slice(0, 40)}, the fix said ${target}`);
        applied++;
        const whole = new vscode.WorkspaceEdit();
        whole.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), original);
        await vscode.workspace.applyEdit(whole);
      }
    }
    note(`quick fixes applied through the editor on ${documents.length} generated documents: ${applied}`);
    assert.ok(applied >= 20, `only ${applied} quick fixes were offered on ${documents.length} generated documents`);
  });
});
