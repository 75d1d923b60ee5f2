// What the tests of GridLens's own YAML readers (yamlCst.ts, yamlFast.ts) share: the repository's YAML files to read,
// and a tree written out for comparison with the library's document model.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function yamlFilesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) yamlFilesUnder(file, out);
    else if (/\.ya?ml$/i.test(name)) out.push(file);
  }
  return out;
}

/** Every YAML file of the fixtures and the samples. */
export function repositoryYamlFiles(): string[] {
  const root = join(__dirname, '..', '..', '..');
  return [...yamlFilesUnder(join(root, 'test', 'fixtures')), ...yamlFilesUnder(join(root, 'samples'))];
}

/** A tree as text; non-finite numbers kept apart from null (JSON would merge them). */
export const shownTree = (tree: unknown): string =>
  JSON.stringify(tree, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? `number ${value}` : value));
