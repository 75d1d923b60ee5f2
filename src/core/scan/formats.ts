// Which detector reads a file: by name and extension first (a `.tf` file opens as plain text in a bare VS Code,
// so the language id is not enough), and by content for YAML and JSON.
import { basename } from './text';

export type Family =
  | 'terraform' | 'yaml' | 'json' | 'toml' | 'dotenv' | 'shell' | 'make' | 'docker' | 'properties'
  | 'python' | 'notebook' | 'js' | 'go' | 'java' | 'rust' | 'powershell' | 'bicep';

export function detectFamily(path: string): Family | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (/\.(tf|tfvars)$/.test(lower) || /\.tfvars\.(example|sample|template|dist)$/.test(lower)) return 'terraform';
  if (/\.ya?ml$/.test(lower) || /\.ya?ml\.(example|sample|template)$/.test(lower)) return 'yaml';
  if (/\.(json|jsonc|json5)$/.test(lower) || /\.template$/.test(lower) || lower === '.gridlensrc') return 'json';
  if (lower.endsWith('.toml')) return 'toml';
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env') || /^env\.(example|sample|template)$/.test(lower) || lower === '.envrc' || lower === '.flaskenv') return 'dotenv';
  if (/\.(sh|bash|zsh|ksh)$/.test(lower)) return 'shell';
  if (lower === 'makefile' || lower === 'gnumakefile' || lower.endsWith('.mk')) return 'make';
  if (lower === 'dockerfile' || lower === 'containerfile' || lower.endsWith('.dockerfile') || lower.startsWith('dockerfile.')) return 'docker';
  if (lower.endsWith('.properties')) return 'properties';
  if (/\.(py|pyi)$/.test(lower)) return 'python';
  if (lower.endsWith('.ipynb')) return 'notebook';
  if (/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(lower) && !lower.endsWith('.d.ts')) return 'js';
  if (lower.endsWith('.go')) return 'go';
  if (lower.endsWith('.rs')) return 'rust';
  if (/\.(ps1|psm1)$/.test(lower)) return 'powershell';
  if (/\.(java|kt|kts|scala|cs)$/.test(lower)) return 'java';
  if (lower.endsWith('.bicep') || lower.endsWith('.bicepparam')) return 'bicep';
  return undefined;
}

/** Whether GridLens reads this file at all. */
export const isScannable = (path: string): boolean => detectFamily(path) !== undefined;
