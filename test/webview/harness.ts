// Runs the leaderboard page outside VS Code: builds the page bundle with the project's esbuild entry options,
// serves the exact HTML the host renders (same CSP, nonce, script and stylesheet) from a local origin, stubs
// acquireVsCodeApi, and answers the page's messages with the real host service over a tiny dataset.
// Debian Chromium via playwright-core, with a fresh user-data-dir per session.
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { DatasetIndex } from '../../src/core/data/dataset';
import { makeNonce, renderHtml } from '../../src/extension/leaderboard/html';
import {
  PageMessageSchema,
  parseMessage,
  type HostMessage,
  type InitMessage,
  type PageMessage,
} from '../../src/webview/leaderboard/protocol';
import { answerCompare, answerRecommend, resolveSearchTerms } from '../../src/extension/leaderboard/service';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-output', 'leaderboard');
export const chromiumAvailable = (): boolean => fs.existsSync(CHROMIUM);

let bundle: Promise<string> | undefined;

/** The page bundle, built once per test run from src with the esbuild.js options for dist/webview/leaderboard.js. */
export function pageBundle(): Promise<string> {
  bundle ??= (async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridlens-page-'));
    const outfile = path.join(outdir, 'leaderboard.js');
    await build({
      entryPoints: [path.join(REPO_ROOT, 'src/webview/leaderboard/page/main.ts')],
      bundle: true,
      outfile,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      logLevel: 'warning',
    });
    return fs.readFileSync(outfile, 'utf8');
  })();
  return bundle;
}

export type Theme = 'dark' | 'light' | 'high-contrast';

/** A subset of the --vscode-* variables VS Code injects, enough to see the page as it looks in each theme kind. */
const themes: Record<Theme, Record<string, string>> = {
  dark: {
    foreground: '#cccccc',
    'editor-background': '#1f1f1f',
    descriptionForeground: '#9d9d9d',
    'panel-border': '#2b2b2b',
    focusBorder: '#0078d4',
    'button-background': '#0078d4',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#026ec1',
    'button-secondaryBackground': '#313131',
    'button-secondaryForeground': '#cccccc',
    'button-secondaryHoverBackground': '#3c3c3c',
    'input-background': '#313131',
    'input-foreground': '#cccccc',
    'input-border': '#3c3c3c',
    'dropdown-background': '#313131',
    'dropdown-foreground': '#cccccc',
    'dropdown-border': '#3c3c3c',
    'charts-green': '#89d185',
    'charts-yellow': '#cca700',
    'charts-red': '#f14c4c',
    'charts-blue': '#3794ff',
    'charts-purple': '#b180d7',
    'editorWidget-background': '#202020',
    'list-hoverBackground': '#2a2d2e',
    'list-inactiveSelectionBackground': '#37373d',
    'badge-background': '#616161',
    'badge-foreground': '#f8f8f8',
    'textLink-foreground': '#4daafc',
    'textBlockQuote-background': '#2b2b2b',
    errorForeground: '#f85149',
    'editorWarning-foreground': '#cca700',
    'toolbar-hoverBackground': '#5a5d5e50',
    'panelTitle-activeBorder': '#0078d4',
    'font-family': 'system-ui, sans-serif',
    'font-size': '13px',
    'editor-font-family': 'monospace',
  },
  light: {
    foreground: '#3b3b3b',
    'editor-background': '#ffffff',
    descriptionForeground: '#616161',
    'panel-border': '#e5e5e5',
    focusBorder: '#005fb8',
    'button-background': '#005fb8',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#0258a8',
    'button-secondaryBackground': '#e5e5e5',
    'button-secondaryForeground': '#3b3b3b',
    'button-secondaryHoverBackground': '#cccccc',
    'input-background': '#ffffff',
    'input-foreground': '#3b3b3b',
    'input-border': '#cecece',
    'dropdown-background': '#ffffff',
    'dropdown-foreground': '#3b3b3b',
    'dropdown-border': '#cecece',
    'charts-green': '#388a34',
    'charts-yellow': '#bf8803',
    'charts-red': '#e51400',
    'charts-blue': '#1a85ff',
    'charts-purple': '#652d90',
    'editorWidget-background': '#f8f8f8',
    'list-hoverBackground': '#f2f2f2',
    'list-inactiveSelectionBackground': '#e4e6f1',
    'badge-background': '#cccccc',
    'badge-foreground': '#3b3b3b',
    'textLink-foreground': '#005fb8',
    'textBlockQuote-background': '#f8f8f8',
    errorForeground: '#f85149',
    'editorWarning-foreground': '#bf8803',
    'toolbar-hoverBackground': '#b8b8b850',
    'panelTitle-activeBorder': '#005fb8',
    'font-family': 'system-ui, sans-serif',
    'font-size': '13px',
    'editor-font-family': 'monospace',
  },
  'high-contrast': {
    foreground: '#ffffff',
    'editor-background': '#000000',
    descriptionForeground: '#ffffff',
    'panel-border': '#6fc3df',
    focusBorder: '#f38518',
    contrastBorder: '#6fc3df',
    'button-background': '#000000',
    'button-foreground': '#ffffff',
    'button-border': '#6fc3df',
    'button-secondaryBackground': '#000000',
    'button-secondaryForeground': '#ffffff',
    'input-background': '#000000',
    'input-foreground': '#ffffff',
    'input-border': '#6fc3df',
    'dropdown-background': '#000000',
    'dropdown-foreground': '#ffffff',
    'dropdown-border': '#6fc3df',
    'charts-green': '#89d185',
    'charts-yellow': '#ffd700',
    'charts-red': '#f48771',
    'charts-blue': '#3794ff',
    'charts-purple': '#b180d7',
    'editorWidget-background': '#0c141f',
    'badge-background': '#000000',
    'badge-foreground': '#ffffff',
    'textLink-foreground': '#21a6ff',
    errorForeground: '#f48771',
    'editorWarning-foreground': '#ffd700',
    'font-family': 'system-ui, sans-serif',
    'font-size': '13px',
    'editor-font-family': 'monospace',
  },
};

const themeCss = (theme: Theme) =>
  `:root {\n${Object.entries(themes[theme])
    .map(([k, v]) => `  --vscode-${k}: ${v};`)
    .join('\n')}\n}\n`;
const bodyClass: Record<Theme, string> = { dark: 'vscode-dark', light: 'vscode-light', 'high-contrast': 'vscode-high-contrast' };

export interface PageSessionOptions {
  /** What the host sends on 'ready' (before the page's own validation). */
  init: InitMessage | Record<string, unknown>;
  /** Answers recommend, compare and search resolution with the real service over this dataset. */
  index?: DatasetIndex;
  theme?: Theme;
  /** Saved state returned by getState(), as after a reload. */
  state?: unknown;
  /** 2 emulates 200% zoom: half the CSS pixels at twice the density. */
  zoom?: 1 | 2;
  width?: number;
  height?: number;
}

export interface PageSession {
  page: Page;
  html: string;
  /** Messages the page posted, in order (validated by the same schema the host uses; invalid ones are kept too). */
  posted: PageMessage[];
  invalid: unknown[];
  send(message: HostMessage | Record<string, unknown>): Promise<void>;
  waitForMessage(type: PageMessage['type'], after?: number): Promise<PageMessage>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openPageSession(options: PageSessionOptions): Promise<PageSession> {
  const script = await pageBundle();
  const css = fs.readFileSync(path.join(REPO_ROOT, 'media', 'leaderboard.css'), 'utf8');
  const theme = options.theme ?? 'dark';
  let html = '';
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const send = (type: string, body: string) => {
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url === '/') send('text/html', html);
    else if (url === '/dist/webview/leaderboard.js') send('text/javascript', script);
    else if (url === '/media/leaderboard.css') send('text/css', css);
    else if (url === '/theme.css') send('text/css', themeCss(theme));
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Exactly what the host renders, plus the theme variables VS Code would inject (as a same-origin stylesheet).
  html = renderHtml({
    cspSource: origin,
    nonce: makeNonce(),
    scriptUri: `${origin}/dist/webview/leaderboard.js`,
    styleUri: `${origin}/media/leaderboard.css`,
  })
    .replace('</head>', `  <link rel="stylesheet" href="${origin}/theme.css">\n</head>`)
    .replace('<body>', `<body class="${bodyClass[theme]}">`);

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridlens-chromium-'));
  const zoom = options.zoom ?? 1;
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: Math.round((options.width ?? 1280) / zoom), height: Math.round((options.height ?? 860) / zoom) },
    deviceScaleFactor: zoom,
    colorScheme: theme === 'light' ? 'light' : 'dark',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const posted: PageMessage[] = [];
  const invalid: unknown[] = [];
  const waiters: Array<() => void> = [];

  const sendToPage = async (message: unknown) => {
    await page.evaluate((m) => window.postMessage(m, '*'), JSON.parse(JSON.stringify(message)));
  };

  await page.exposeBinding('__gridlensHost', async (_source, data: unknown) => {
    const parsed = parseMessage(PageMessageSchema, data);
    if (!parsed.ok) {
      invalid.push(data);
      return;
    }
    const message = parsed.message;
    posted.push(message);
    for (const wake of waiters.splice(0)) wake();
    if (message.type === 'ready') await sendToPage(options.init);
    else if (message.type === 'recommend' && options.index) await sendToPage(answerRecommend(options.index, message));
    else if (message.type === 'compare' && options.index) await sendToPage(answerCompare(options.index, message));
    else if (message.type === 'resolveSearch' && options.index) await sendToPage(resolveSearchTerms(options.index, message.terms));
  });
  // A string, not a function: the test runner's transpiler would add helpers the page does not have.
  await page.addInitScript(`(() => {
    let saved = ${JSON.stringify(options.state ?? null)} ?? undefined;
    const api = Object.freeze({
      postMessage: (m) => void window.__gridlensHost(JSON.parse(JSON.stringify(m))),
      getState: () => saved,
      setState: (s) => { saved = JSON.parse(JSON.stringify(s)); window.__savedState = saved; },
    });
    window.acquireVsCodeApi = () => api;
  })();`);

  await page.goto(`${origin}/`);

  return {
    page,
    html,
    posted,
    invalid,
    send: sendToPage,
    async waitForMessage(type, after = 0) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const found = posted.slice(after).find((m) => m.type === type);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`The page did not post '${type}' (posted: ${posted.map((m) => m.type).join(', ') || 'nothing'})`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    async screenshot(name) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
