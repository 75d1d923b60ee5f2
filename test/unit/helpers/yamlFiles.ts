// What the tests of GridLens's own YAML and JSON readers (yamlCst.ts, yamlFast.ts, jsonFast.ts) share: the
// repository's files to read, and a tree written out for comparison with the library's.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function filesUnder(dir: string, name: RegExp, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const file = join(dir, entry);
    if (statSync(file).isDirectory()) filesUnder(file, name, out);
    else if (name.test(entry)) out.push(file);
  }
  return out;
}

/** Every file of the fixtures and the samples whose name matches. */
export function repositoryFiles(name: RegExp): string[] {
  const root = join(__dirname, '..', '..', '..');
  return [...filesUnder(join(root, 'test', 'fixtures'), name), ...filesUnder(join(root, 'samples'), name)];
}

/** Every YAML file of the fixtures and the samples. */
export const repositoryYamlFiles = (): string[] => repositoryFiles(/\.ya?ml$/i);

/** A tree as text; non-finite numbers kept apart from null (JSON would merge them). */
export const shownTree = (tree: unknown): string =>
  JSON.stringify(tree, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? `number ${value}` : value));
