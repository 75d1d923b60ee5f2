// Which documents GridLens reads. Languages such as terraform, bicep or dotenv exist only when another extension
// contributes them (a plain VS Code opens .tf as Plain Text), so file patterns are matched too.
import type * as vscode from 'vscode';

const languages = [
  'terraform', 'hcl', 'yaml', 'json', 'jsonc', 'python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact',
  'go', 'java', 'dotenv', 'properties', 'shellscript', 'makefile', 'bicep', 'toml', 'dockerfile',
];

const patterns = [
  '**/*.tf', '**/*.tfvars', '**/*.tf.json', '**/.env', '**/.env.*', '**/*.env', '**/*.bicep', '**/*.bicepparam',
  '**/samconfig.toml', '**/*.properties', '**/Makefile', '**/*.mk', '**/*.sh', '**/Dockerfile',
];

export const documentSelector: vscode.DocumentFilter[] = [...languages.map((language) => ({ language })), ...patterns.map((pattern) => ({ pattern }))];

const scannedExtensions = ['tf', 'tfvars', 'yaml', 'yml', 'json', 'jsonc', 'py', 'ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'go', 'java', 'env', 'properties', 'sh', 'bicep', 'bicepparam', 'toml', 'mk'];

/** The glob the workspace scan looks for (flat: the search backend rejects nested brace groups). */
export const workspaceInclude = `{${[...scannedExtensions.map((e) => `**/*.${e}`), '**/.env*', '**/Makefile', '**/Dockerfile'].join(',')}}`;

