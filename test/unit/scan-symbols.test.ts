// Symbol keys: one constructor per kind of named value, and only symbols.ts makes a key out of a string.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { anyFolder, anyFolderParameter, symbolKey, type SymbolKey } from '../../src/core/scan/symbols';

describe('symbol keys', () => {
  it('gives every kind of symbol its own keys, and the same key for the same arguments', () => {
    const keys: SymbolKey[] = [
      symbolKey.stackRegion('infra'),
      symbolKey.stackParameter('infra', 'region'),
      symbolKey.templateParameter('infra', 'region'),
      symbolKey.moduleParameter('infra', 'region'),
      symbolKey.resourceGroupLocation,
      symbolKey.cdkStackRegion('infra'),
      symbolKey.moduleConstant('region'),
      symbolKey.objectMember('infra', 'region'),
      symbolKey.bedrockClientRegion,
      symbolKey.genaiClientRegion,
      symbolKey.workflowInput('infra', 'region'),
      symbolKey.litellmAlias('region'),
    ];
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(symbolKey.templateParameter('infra', 'location'), symbolKey.templateParameter('infra', 'location'));
    assert.notEqual(symbolKey.templateParameter('infra', 'location'), symbolKey.templateParameter('app', 'location'));
  });

  it('reads a template parameter of any folder as the same parameter passed for every folder', () => {
    const passed = symbolKey.templateParameter(anyFolder, 'location');
    assert.equal(anyFolderParameter(symbolKey.templateParameter('infra/main', 'location')), passed);
    assert.equal(anyFolderParameter(symbolKey.templateParameter('', 'location')), passed);
    assert.equal(
      anyFolderParameter(symbolKey.templateParameter('infra', 'model:name')),
      symbolKey.templateParameter(anyFolder, 'model:name'),
    );
    assert.equal(anyFolderParameter(passed), undefined);
    assert.equal(anyFolderParameter(symbolKey.stackParameter('infra', 'location')), undefined);
    assert.equal(anyFolderParameter(symbolKey.moduleParameter('infra/main.bicep', 'location')), undefined);
  });

  it('are made from strings only in symbols.ts', () => {
    const root = join(__dirname, '../../src');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
    const casts = files(root)
      .filter((f) => f.endsWith('.ts') && !f.endsWith(join('scan', 'symbols.ts')))
      .filter((f) => /\bas\s+SymbolKey\b|<SymbolKey>/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(casts, []);
  });
});
