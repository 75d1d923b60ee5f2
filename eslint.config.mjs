// Lint: the layer rules the architecture depends on, plus the checks that catch dead code and slips.
// `npm run lint` runs it; `npm test` runs it as its own layer.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'crypto',
  'worker_threads',
  'stream',
  'events',
  'zlib',
  'readline',
  'process',
  'buffer',
  'assert',
  'module',
  'perf_hooks',
  'v8',
  'vm',
  'tls',
  'dns',
];
const nodeImports = {
  group: ['node:*', ...NODE_BUILTINS, ...NODE_BUILTINS.map((name) => `${name}/*`)],
  message: 'src/core runs in a browser too: no Node built-ins (inject what you need from src/cli or src/extension).',
};
const vscodeImport = { name: 'vscode', message: 'Only src/extension may import vscode.' };

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'out/**', 'node_modules/**', '.cache/**', 'test-output/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeImport],
          patterns: [
            nodeImports,
            {
              group: ['**/extension/*', '**/cli/*', '**/webview/*', '**/lib/*'],
              message: 'src/core imports nothing from the layers above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeImport],
          patterns: [
            { group: ['**/extension/*', '**/cli/*'], message: 'The webview page talks to its host through the typed protocol only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeImport],
          patterns: [{ group: ['**/extension/*', '**/webview/*'], message: 'The CLI and library never load the editor layers.' }],
        },
      ],
    },
  },
);
