// Which documents GridLens reads: every family the scanner reads (core/scan/formats.ts). The table is keyed by that
// Family type, so a family added to the scanner fails the typecheck until the editor covers it; a unit test checks
// each pattern against detectFamily and package.json's activation events against `activationEvents`. Languages such
// as terraform, bicep or dotenv exist only when another extension contributes them (a plain VS Code opens .tf as
// Plain Text), so file patterns are matched too.
import type * as vscode from 'vscode';
import type { Family } from '../core/scan/formats';

interface EditorFormat {
  /** Language ids VS Code (or a common extension) gives these files. */
  languages: string[];
  /** Flat globs (no nested braces: the search backend rejects them) for every name detectFamily gives this family. */
  patterns: string[];
  /**
   * Files that make a workspace worth activating for at startup (`workspaceContains`): infrastructure whose language
   * id needs another extension (a plain VS Code opens .tf as Plain Text). Every other file activates GridLens when
   * it is opened (`onLanguage`); globbing the workspace for *.json or *.ts would search and activate in almost any
   * project for nothing.
   */
  markers?: string[];
}

export const editorFormats: Record<Family, EditorFormat> = {
  terraform: { languages: ['terraform', 'hcl', 'terraform-vars'], patterns: ['**/*.tf', '**/*.tfvars', '**/*.tfvars.example', '**/*.tfvars.sample', '**/*.tfvars.template', '**/*.tfvars.dist'], markers: ['**/*.tf', '**/*.tfvars'] },
  yaml: { languages: ['yaml'], patterns: ['**/*.yaml', '**/*.yml', '**/*.yaml.example', '**/*.yml.example', '**/*.yaml.sample', '**/*.yml.sample', '**/*.yaml.template', '**/*.yml.template'], markers: ['**/serverless.yml', '**/template.yaml', '**/litellm*.yaml', '**/Pulumi.yaml'] },
  json: { languages: ['json', 'jsonc', 'json5'], patterns: ['**/*.json', '**/*.jsonc', '**/*.json5', '**/*.template', '**/.gridlensrc'], markers: ['**/cdk.json'] },
  toml: { languages: ['toml'], patterns: ['**/*.toml'], markers: ['**/samconfig.toml'] },
  dotenv: { languages: ['dotenv'], patterns: ['**/.env', '**/.env.*', '**/*.env', '**/env.example', '**/env.sample', '**/.envrc', '**/.flaskenv'], markers: ['**/.env'] },
  shell: { languages: ['shellscript'], patterns: ['**/*.sh', '**/*.bash', '**/*.zsh', '**/*.ksh'] },
  make: { languages: ['makefile'], patterns: ['**/Makefile', '**/GNUmakefile', '**/*.mk'] },
  docker: { languages: ['dockerfile'], patterns: ['**/Dockerfile', '**/Containerfile', '**/*.dockerfile', '**/Dockerfile.*'] },
  properties: { languages: ['properties'], patterns: ['**/*.properties'] },
  python: { languages: ['python'], patterns: ['**/*.py', '**/*.pyi'] },
  notebook: { languages: [], patterns: ['**/*.ipynb'] },
  js: { languages: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'], patterns: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', '**/*.mts', '**/*.cts'] },
  go: { languages: ['go'], patterns: ['**/*.go'] },
  java: { languages: ['java', 'kotlin', 'scala', 'csharp'], patterns: ['**/*.java', '**/*.kt', '**/*.kts', '**/*.scala', '**/*.cs'] },
  rust: { languages: ['rust'], patterns: ['**/*.rs'] },
  powershell: { languages: ['powershell'], patterns: ['**/*.ps1', '**/*.psm1'] },
  bicep: { languages: ['bicep', 'bicep-params'], patterns: ['**/*.bicep', '**/*.bicepparam'], markers: ['**/*.bicep', '**/*.bicepparam'] },
};

const formats = Object.values(editorFormats);
const languages = [...new Set(formats.flatMap((f) => f.languages))];
const patterns = formats.flatMap((f) => f.patterns);

/**
 * Text documents on disk or in a virtual workspace, and notebook cells (a Jupyter cell is Python; its notebook is
 * analysed as a whole, see AnalysisService). Untitled documents are read by language.
 */
export const documentSelector: vscode.DocumentFilter[] = [...languages.map((language) => ({ language })), ...patterns.map((pattern) => ({ pattern }))];

/** The glob the workspace scan looks for (flat: the search backend rejects nested brace groups). */
export const workspaceInclude = `{${patterns.join(',')}}`;

/**
 * package.json's activationEvents: a document of any language GridLens reads, a workspace holding infrastructure
 * files (the markers), a Jupyter notebook, or the leaderboard restored on reload.
 */
export const activationEvents = [
  ...languages.map((language) => `onLanguage:${language}`),
  ...formats.flatMap((f) => f.markers ?? []).map((pattern) => `workspaceContains:${pattern}`),
  'onNotebook:jupyter-notebook',
  'onWebviewPanel:gridlens.leaderboard',
];
