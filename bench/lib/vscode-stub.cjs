// A minimal, hand-written stand-in for the 'vscode' module, used ONLY by the benchmark (never by tests) to load
// dist/extension.js in plain Node: enough API for activate() to register everything, and for the hover, inlay hint
// and code action providers to be called directly. Registered providers and commands are recorded on `__bench`.
// Anything the extension touches that is not here throws, so a missing piece shows instead of being timed as zero.
'use strict';

const bench = { hovers: [], inlayHints: [], codeActions: [], commands: new Map(), documents: new Map(), log: [] };

class Disposable {
  constructor(fn) {
    this._fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d && d.dispose && d.dispose()));
  }
  dispose() {
    if (this._fn) this._fn();
    this._fn = undefined;
  }
}

class EventEmitter {
  constructor() {
    this._listeners = new Set();
    this.event = (listener, thisArg) => {
      const entry = thisArg ? listener.bind(thisArg) : listener;
      this._listeners.add(entry);
      return new Disposable(() => this._listeners.delete(entry));
    };
  }
  fire(value) {
    for (const l of [...this._listeners]) l(value);
  }
  dispose() {
    this._listeners.clear();
  }
}

const noEvent = () => new Disposable(() => undefined);

class Uri {
  constructor(scheme, authority, path, query, fragment) {
    this.scheme = scheme;
    this.authority = authority || '';
    this.path = path || '/';
    this.query = query || '';
    this.fragment = fragment || '';
  }
  static file(path) {
    return new Uri('file', '', path.startsWith('/') ? path : `/${path}`);
  }
  static parse(text) {
    const m = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(text);
    if (!m) throw new Error(`vscode stub: cannot parse URI ${text}`);
    return new Uri(m[1], m[2], decodeURIComponent(m[3]), m[4], m[5]);
  }
  static from(parts) {
    return new Uri(parts.scheme, parts.authority, parts.path, parts.query, parts.fragment);
  }
  static joinPath(base, ...segments) {
    const joined = [base.path.replace(/\/$/, ''), ...segments].join('/').replace(/\/+/g, '/');
    return base.with({ path: joined });
  }
  get fsPath() {
    return this.path;
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString() {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
  toJSON() {
    return { scheme: this.scheme, authority: this.authority, path: this.path, query: this.query, fragment: this.fragment };
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
  translate(lineDelta = 0, characterDelta = 0) {
    if (typeof lineDelta === 'object') return new Position(this.line + (lineDelta.lineDelta || 0), this.character + (lineDelta.characterDelta || 0));
    return new Position(this.line + lineDelta, this.character + characterDelta);
  }
  isBefore(other) {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }
  isBeforeOrEqual(other) {
    return this.isBefore(other) || this.isEqual(other);
  }
  isAfter(other) {
    return !this.isBeforeOrEqual(other);
  }
  isEqual(other) {
    return this.line === other.line && this.character === other.character;
  }
}

class Range {
  constructor(a, b, c, d) {
    if (typeof a === 'number') {
      this.start = new Position(a, b);
      this.end = new Position(c, d);
    } else {
      this.start = a;
      this.end = b;
    }
  }
  contains(p) {
    if (p instanceof Range) return this.contains(p.start) && this.contains(p.end);
    return !p.isBefore(this.start) && !this.end.isBefore(p);
  }
  get isEmpty() {
    return this.start.isEqual(this.end);
  }
}

class Selection extends Range {}

class MarkdownString {
  constructor(value = '', supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
    this.isTrusted = false;
  }
  appendMarkdown(text) {
    this.value += text;
    return this;
  }
  appendText(text) {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
  appendCodeblock(code, language = '') {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

class Hover {
  constructor(contents, range) {
    this.contents = Array.isArray(contents) ? contents : [contents];
    this.range = range;
  }
}

class InlayHint {
  constructor(position, label, kind) {
    this.position = position;
    this.label = label;
    this.kind = kind;
  }
}

class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other) {
    return this.value === other.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other) {
    return this.contains(other) || other.contains(this);
  }
}
CodeActionKind.Empty = new CodeActionKind('');
CodeActionKind.QuickFix = new CodeActionKind('quickfix');
CodeActionKind.Refactor = new CodeActionKind('refactor');
CodeActionKind.Source = new CodeActionKind('source');
CodeActionKind.SourceFixAll = new CodeActionKind('source.fixAll');

class CodeAction {
  constructor(title, kind) {
    this.title = title;
    this.kind = kind;
  }
}

class WorkspaceEdit {
  constructor() {
    this.edits = [];
  }
  replace(uri, range, newText) {
    this.edits.push({ uri, range, newText });
  }
  insert(uri, position, newText) {
    this.edits.push({ uri, range: new Range(position, position), newText });
  }
  delete(uri, range) {
    this.edits.push({ uri, range, newText: '' });
  }
  get size() {
    return this.edits.length;
  }
}

class Diagnostic {
  constructor(range, message, severity = 0) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}

class TreeItem {
  constructor(label, collapsibleState) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}

class ThemeIcon {
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}
ThemeIcon.File = new ThemeIcon('file');
ThemeIcon.Folder = new ThemeIcon('folder');

class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}

class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    this._emitter = emitter;
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this._emitter.fire();
  }
  dispose() {
    this._emitter.dispose();
  }
}

/** A text document over a string, with the offset ↔ position maths VS Code's document model does. */
class TextDocument {
  constructor(uri, text, languageId, version = 1) {
    this.uri = uri;
    this.fileName = uri.fsPath;
    this.languageId = languageId;
    this.version = version;
    this.isClosed = false;
    this.isDirty = false;
    this.isUntitled = false;
    this.eol = /\r\n/.test(text.slice(0, 10000)) ? 2 : 1;
    this._text = text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    this._starts = starts;
    this.lineCount = starts.length;
  }
  getText(range) {
    if (!range) return this._text;
    return this._text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
  offsetAt(position) {
    const line = Math.max(0, Math.min(position.line, this._starts.length - 1));
    const start = this._starts[line];
    const end = line + 1 < this._starts.length ? this._starts[line + 1] - 1 : this._text.length;
    return Math.min(start + Math.max(0, position.character), end);
  }
  positionAt(offset) {
    const o = Math.max(0, Math.min(offset, this._text.length));
    let lo = 0;
    let hi = this._starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this._starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return new Position(lo, o - this._starts[lo]);
  }
  lineAt(lineOrPosition) {
    const line = typeof lineOrPosition === 'number' ? lineOrPosition : lineOrPosition.line;
    const start = this._starts[line];
    let end = line + 1 < this._starts.length ? this._starts[line + 1] - 1 : this._text.length;
    if (end > start && this._text.charCodeAt(end - 1) === 13) end--;
    const text = this._text.slice(start, end);
    const firstNonWhitespaceCharacterIndex = text.length - text.trimStart().length;
    return { lineNumber: line, text, range: new Range(line, 0, line, text.length), rangeIncludingLineBreak: new Range(line, 0, line + 1, 0), firstNonWhitespaceCharacterIndex, isEmptyOrWhitespace: text.trim() === '' };
  }
  getWordRangeAtPosition() {
    return undefined;
  }
  validateRange(range) {
    return range;
  }
  validatePosition(position) {
    return position;
  }
  save() {
    return Promise.resolve(true);
  }
}

function logChannel(name) {
  const record = (level) => (message) => bench.log.push(`[${name}] ${level}: ${message}`);
  return { name, logLevel: 2, onDidChangeLogLevel: noEvent, trace: record('trace'), debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error'), append() {}, appendLine() {}, replace() {}, clear() {}, show() {}, hide() {}, dispose() {} };
}

const configuration = new Map();

const fileSystem = {
  async readDirectory(uri) {
    const fs = require('node:fs');
    return fs.readdirSync(uri.fsPath, { withFileTypes: true }).map((d) => [d.name, d.isDirectory() ? 2 : d.isFile() ? 1 : 0]);
  },
  async stat(uri) {
    const st = require('node:fs').statSync(uri.fsPath);
    return { type: st.isDirectory() ? 2 : 1, ctime: st.ctimeMs, mtime: st.mtimeMs, size: st.size };
  },
  async readFile(uri) {
    return new Uint8Array(require('node:fs').readFileSync(uri.fsPath));
  },
  async writeFile(uri, content) {
    require('node:fs').writeFileSync(uri.fsPath, content);
  },
};

const workspace = {
  workspaceFolders: undefined,
  // no folder is open in the bench: a document's context is its own folder, as for a file outside a workspace
  getWorkspaceFolder: () => undefined,
  get textDocuments() {
    return [...bench.documents.values()];
  },
  fs: fileSystem,
  getConfiguration(section) {
    return {
      get: (key, fallback) => (configuration.has(`${section}.${key}`) ? configuration.get(`${section}.${key}`) : fallback),
      has: (key) => configuration.has(`${section}.${key}`),
      inspect: () => undefined,
      update: async (key, value) => void configuration.set(`${section}.${key}`, value),
    };
  },
  onDidChangeConfiguration: noEvent,
  onDidSaveTextDocument: noEvent,
  onDidCloseTextDocument: noEvent,
  onDidOpenTextDocument: noEvent,
  onDidChangeTextDocument: noEvent,
  onDidChangeNotebookDocument: noEvent,
  notebookDocuments: [],
  onDidChangeWorkspaceFolders: noEvent,
  asRelativePath: (uri) => (typeof uri === 'string' ? uri : uri.path),
  async openTextDocument(uri) {
    const doc = bench.documents.get(uri.toString());
    if (!doc) throw new Error(`vscode stub: no document ${uri.toString()}`);
    return doc;
  },
  findFiles: async () => [],
  registerTextDocumentContentProvider: () => new Disposable(() => undefined),
  applyEdit: async () => true,
};

const window = {
  activeTextEditor: undefined,
  visibleTextEditors: [],
  onDidChangeActiveTextEditor: noEvent,
  onDidChangeVisibleTextEditors: noEvent,
  createOutputChannel: (name) => logChannel(name),
  showInformationMessage: async () => undefined,
  showWarningMessage: async () => undefined,
  showErrorMessage: async () => undefined,
  showQuickPick: async () => undefined,
  showSaveDialog: async () => undefined,
  showTextDocument: async () => undefined,
  withProgress: async (_options, task) => task({ report() {} }, new CancellationTokenSource().token),
  createTreeView: () => ({ visible: false, onDidChangeVisibility: noEvent, onDidChangeSelection: noEvent, reveal: async () => undefined, dispose() {} }),
  registerTreeDataProvider: () => new Disposable(() => undefined),
  registerWebviewPanelSerializer: () => new Disposable(() => undefined),
  createWebviewPanel: () => {
    throw new Error('vscode stub: createWebviewPanel is not part of the benchmark');
  },
};

const languages = {
  registerHoverProvider: (selector, provider) => (bench.hovers.push(provider), new Disposable(() => bench.hovers.splice(bench.hovers.indexOf(provider), 1))),
  registerInlayHintsProvider: (selector, provider) => (bench.inlayHints.push(provider), new Disposable(() => bench.inlayHints.splice(bench.inlayHints.indexOf(provider), 1))),
  registerCodeActionsProvider: (selector, provider) => (bench.codeActions.push(provider), new Disposable(() => bench.codeActions.splice(bench.codeActions.indexOf(provider), 1))),
  createDiagnosticCollection: (name) => {
    const map = new Map();
    return { name, set: (uri, d) => void map.set(uri.toString(), d), delete: (uri) => void map.delete(uri.toString()), clear: () => map.clear(), get: (uri) => map.get(uri.toString()), forEach: (f) => map.forEach(f), dispose: () => map.clear() };
  },
  createLanguageStatusItem: (id) => ({ id, name: '', text: '', detail: '', severity: 0, command: undefined, busy: false, dispose() {} }),
  match: (selector, document) => {
    for (const filter of selector) {
      if (filter.language && filter.language === document.languageId) return 10;
      if (filter.pattern && /\.(tf|tfvars|env|bicep|bicepparam|properties|sh|mk)$|\/(Makefile|Dockerfile|\.env[^/]*|samconfig\.toml)$/.test(document.uri.path)) return 5;
    }
    return 0;
  },
  setTextDocumentLanguage: async (document) => document,
  getDiagnostics: () => [],
};

const commands = {
  registerCommand: (id, handler) => (bench.commands.set(id, handler), new Disposable(() => bench.commands.delete(id))),
  executeCommand: async (id, ...args) => bench.commands.get(id)?.(...args),
};

const api = {
  version: '1.100.0',
  Disposable,
  EventEmitter,
  Uri,
  Position,
  Range,
  Selection,
  MarkdownString,
  Hover,
  InlayHint,
  InlayHintKind: { Type: 1, Parameter: 2 },
  CodeAction,
  CodeActionKind,
  WorkspaceEdit,
  Diagnostic,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  TreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ThemeIcon,
  ThemeColor,
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
  EndOfLine: { LF: 1, CRLF: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  CancellationTokenSource,
  window,
  workspace,
  languages,
  commands,
  env: { clipboard: { readText: async () => '', writeText: async () => undefined }, language: 'en', appName: 'benchmark', uiKind: 1 },
  extensions: { getExtension: () => undefined, all: [] },
  // benchmark helpers (not VS Code API)
  __bench: bench,
  __TextDocument: TextDocument,
};

module.exports = new Proxy(api, {
  get(target, key) {
    if (key in target || typeof key === 'symbol' || key === 'then' || key === '__esModule' || key === 'default') return target[key];
    throw new Error(`vscode stub: vscode.${String(key)} is not implemented (add it to bench/lib/vscode-stub.cjs)`);
  },
});
