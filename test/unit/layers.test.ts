// The layers of DESIGN.md, enforced on every import in src/ (static imports and re-exports, type-only included):
// core is pure (no vscode, no Node built-ins, nothing from the other layers), the webview page and protocol need
// nothing from the extension or the CLI, only src/extension imports vscode, and no file imports itself through a cycle.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const srcRoot = path.resolve(__dirname, '../../src');
const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const importPattern = /^\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;

interface ImportEdge {
  from: string;
  specifier: string;
  /** The source file a relative import names, repository-relative. */
  target?: string;
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return undefined;
}

const files = sourceFiles(srcRoot);
const edges: ImportEdge[] = files.flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(importPattern)].map((m) => {
    const specifier = m[1] ?? m[2];
    return { from: file, specifier, ...(specifier.startsWith('.') ? { target: resolveRelative(file, specifier) } : {}) };
  });
});
/** The folder under src/ a file belongs to; files outside src/ (the compiled dataset, package.json) are data, no layer. */
const layerOf = (file: string) => path.relative(srcRoot, file).split(path.sep)[0];
const inSrc = (file: string | undefined): file is string => file !== undefined && !path.relative(srcRoot, file).startsWith('..');
const show = (e: ImportEdge) => `${path.relative(srcRoot, e.from)} imports '${e.specifier}'`;

describe('layers (src/)', () => {
  it('reads every import of every source file', () => {
    assert.ok(files.length > 50 && edges.length > 300, `${files.length} files, ${edges.length} imports`);
    assert.deepEqual(edges.filter((e) => e.specifier.startsWith('.') && !e.target).map(show), [], 'unresolved relative imports');
  });

  it('src/core imports no vscode, no Node built-in and nothing from the other layers', () => {
    const bad = edges.filter(
      (e) =>
        layerOf(e.from) === 'core' &&
        (e.specifier === 'vscode' || nodeBuiltins.has(e.specifier) || (inSrc(e.target) && layerOf(e.target) !== 'core')),
    );
    assert.deepEqual(bad.map(show), []);
  });

  it('src/webview (the page and its protocol) imports nothing from src/extension or src/cli, and no vscode', () => {
    const bad = edges.filter(
      (e) =>
        layerOf(e.from) === 'webview' &&
        (e.specifier === 'vscode' || (inSrc(e.target) && ['extension', 'cli'].includes(layerOf(e.target)))),
    );
    assert.deepEqual(bad.map(show), []);
  });

  it('only src/extension imports vscode, and the CLI imports nothing from the editor layers', () => {
    assert.deepEqual(edges.filter((e) => e.specifier === 'vscode' && layerOf(e.from) !== 'extension').map(show), []);
    assert.deepEqual(
      edges.filter((e) => layerOf(e.from) === 'cli' && inSrc(e.target) && ['extension', 'webview'].includes(layerOf(e.target))).map(show),
      [],
    );
  });

  it('has no import cycle', () => {
    const next = new Map<string, string[]>();
    for (const e of edges) if (e.target) next.set(e.from, [...(next.get(e.from) ?? []), e.target]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const target of next.get(file) ?? []) {
        if (state.get(target) === 'open')
          cycles.push([...stack.slice(stack.indexOf(target)), target].map((f) => path.relative(srcRoot, f)).join(' → '));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    assert.deepEqual(cycles, []);
  });
});
