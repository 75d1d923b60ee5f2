// Which documents GridLens reads: every format the scanner reads, from the registry (core/scan/registry.ts), so the
// editor reads exactly the files the CLI reads (the workspace scan lists them with the CLI's pipeline, pipeline.ts).
// Languages such as terraform, bicep or dotenv exist only when another extension contributes them (a plain VS Code opens .tf as Plain Text), so file patterns are matched too. A unit test
// checks package.json's activation events against `activationEvents` (`npm run sync-manifest` rewrites them).
import type * as vscode from 'vscode';
import { FORMATS } from '../core/scan/registry';
import { VIEW_TYPE } from '../webview/leaderboard/ids';

const languages = [...new Set(FORMATS.flatMap((format) => format.languages))];
/** A glob for every name the scanner reads. */
const patterns = FORMATS.flatMap((format) => format.names.map((name) => `**/${name}`));

/**
 * Text documents on disk or in a virtual workspace, and notebook cells (a Jupyter cell is Python; its notebook is
 * analysed as a whole, see AnalysisService). Untitled documents are read by language.
 */
export const documentSelector: vscode.DocumentFilter[] = [
  ...languages.map((language) => ({ language })),
  ...patterns.map((pattern) => ({ pattern })),
];

/**
 * package.json's activationEvents: a document of any language GridLens reads, a workspace holding infrastructure
 * files (the markers), a notebook of a type GridLens reads, or the leaderboard restored on reload.
 */
export const activationEvents = [
  ...languages.map((language) => `onLanguage:${language}`),
  ...FORMATS.flatMap((format) => ('markers' in format ? format.markers : [])).map((marker) => `workspaceContains:**/${marker}`),
  ...FORMATS.flatMap((format) => ('notebookTypes' in format ? format.notebookTypes : [])).map((type) => `onNotebook:${type}`),
  `onWebviewPanel:${VIEW_TYPE}`,
];
