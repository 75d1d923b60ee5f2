// YAML read straight from the concrete syntax tree (src/core/scan/yamlCst.ts) must give the tree the library's
// document model gives, or step aside: same nodes, ranges, values, tags and problems, on every fixture and on
// generated YAML built from the constructs the reader takes and those it leaves to the composer (errors included).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { repositoryYamlFiles, shownTree } from './helpers/yamlFiles';
import { Parser } from 'yaml';
import { composeYamlTree, parseYamlTreeWithLibrary } from '../../src/core/scan/yamlTree';
import { yamlFromCst } from '../../src/core/scan/yamlCst';
import { yamlBlock, yamlBlockMutated, yamlSoup } from './helpers/yamlArbitraries';

const readsFromCst = (text: string) => yamlFromCst(new Parser().parse(text)) !== undefined;

function assertSame(text: string): void {
  assert.equal(shownTree(parseYamlTreeWithLibrary(text)), shownTree(composeYamlTree(text)), `differs on ${JSON.stringify(text)}`);
}

describe('YAML from the concrete syntax tree', () => {
  it("gives the document model's tree on every YAML fixture and sample, and reads most of them itself", () => {
    const files = repositoryYamlFiles();
    let direct = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assertSame(text);
      if (readsFromCst(text)) direct++;
    }
    assert.ok(files.length >= 20, `${files.length} YAML fixtures`);
    assert.ok(direct >= files.length * 0.8, `${direct} of ${files.length} read from the syntax tree`);
  });

  it('reads scalars as the core schema does and keeps local tags', () => {
    const text = 'a: 0x1F\nb: 1.50\nc: .inf\nd: ~\ne: "x"\nf: !Ref Name\ng: [1, "two", {h: yes}]\n"i": |\n  block\nj:\n';
    assert.ok(readsFromCst(text));
    assertSame(text);
    const [doc] = parseYamlTreeWithLibrary(text).docs;
    assert.equal(doc.t, 'map');
    const raw = Object.fromEntries(
      (doc.t === 'map' ? doc.entries : []).map((e) => [e.key, e.value?.t === 'scalar' ? e.value.raw : e.value?.t]),
    );
    assert.deepEqual(raw, { a: 31, b: 1.5, c: Infinity, d: null, e: 'x', f: 'Name', g: 'seq', i: 'block\n', j: null });
  });

  it('leaves aliases, merge keys, directives and errors to the composer, with its messages', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'base: &b {r: 1}\nc:\n  <<: *b\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: [1, 2\n',
      'a:\n  - b\n c: d\n',
      'key: "unterminated\n',
      '? explicit\n: v\n',
    ]) {
      assert.equal(readsFromCst(text), false, text);
      assertSame(text);
    }
    assert.ok(parseYamlTreeWithLibrary('a: [1, 2\n').problems.length > 0);
  });

  it('gives the same tree as the document model on generated YAML (2,000 documents)', () => {
    fc.assert(
      fc.property(fc.oneof(yamlSoup, yamlBlock, yamlBlockMutated), (text) => assertSame(text)),
      { numRuns: 2000 },
    );
  });
});
