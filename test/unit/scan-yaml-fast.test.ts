// YAML read straight from the text (src/core/scan/yamlFast.ts) must give the tree the library's document model gives,
// or step aside: same nodes, ranges (where comment and blank lines after a value end it), values and tags, on every
// fixture and sample and on generated YAML; and it must answer for most real files, or it saves nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { repositoryYamlFiles, shownTree } from './helpers/yamlFiles';
import { readYamlFast } from '../../src/core/scan/yamlFast';
import { composeYamlTree, parseYamlTree } from '../../src/core/scan/yamlTree';
import { configYaml, yamlBlock, yamlBlockMutated, yamlSoup } from './helpers/yamlArbitraries';

/** Whether the fast reader answered; when it did, its documents must be the document model's. */
function answersSame(text: string): boolean {
  const docs = readYamlFast(text);
  if (!docs) return false;
  assert.equal(shownTree({ docs, problems: [] }), shownTree(composeYamlTree(text)), `differs on ${JSON.stringify(text)}`);
  return true;
}

describe('YAML read straight from the text', () => {
  it("gives the document model's tree on every YAML fixture and sample, and reads most of them itself", () => {
    const files = repositoryYamlFiles();
    const read = files.filter((file) => answersSame(readFileSync(file, 'utf8'))).length;
    assert.ok(files.length >= 20, `${files.length} YAML fixtures`);
    assert.ok(read >= files.length * 0.7, `${read} of ${files.length} read straight from the text`);
  });

  it('ends values and collections where the library does around comments, blank lines and empty values', () => {
    for (const text of [
      // comment lines after a value: deeper than its collection (joined to the value) or not, after blank lines or not
      'a:\n  b: 1\n    # deeper\n\n      # deeper again\n  # level\n    # after a level one\nc: 2\n',
      'a:\n  b: 1\n  # kept by the inner map\n# moved to the outer one\nc: 2\n',
      'a:\n  - x\n  # c\nb:\n  - y\n    # joined\n',
      'a:\n  b:\n    c: 1\n    # x\n  d: 2\n',
      // empty values: their end is their place, or where their comments reach
      'a: # c\n\n# tail\nc: # cc\n\n---\n- k: v\n  j: "q" \n-\n',
      'a:\n    # deep\n\n  # shallow\n\nb: 1\n',
      'a:\n  b:\n  # c\nd:\n',
      '- a\n# c\n-\n\n',
      '-   # c\n- \n-\n  # d\n',
      'k:\n---\nj: # x\n---\n',
      // compact maps in sequences, sequences at their key's indent, tags, flow collections, repeated keys
      'list:\n- name: a\n  value: "1"\n-   name: b\n    env:\n    - x\n    - {k: v, "q": [1, 2.5, ~]}\nk: !Ref R\nk: !Sub "${x}"\nf: [ a , b, ]\n',
      'top: !If\n  - c\n  - !GetAtt A.B\nkey with space : 0x1F\n1.50: .inf\n"esc": "\\t\\u00e9\\"\\\\"\nsingle: \'it\'\'s\'\n',
      '--- # first\na: 1\n---\n---\n  indented: root\n  other: 2\n',
      // block scalars: their lines as the lexer finds them, the trivia after them left to the collection
      'a: |\n  line\n\n  # content\nb: >-\n  folded\n  text\n\n    more\n# after\nc: |+\n  keep\n\n\nd:\n  - !Sub |\n    x\n      # deeper\n  -\n',
      'Resources:\n  F:\n    Properties:\n      M: !FindInMap [Map, !Ref AWS::Region, Id]\n      A: [bedrock:InvokeModel, "s3:Get*"]\n',
    ]) {
      assert.ok(answersSame(text), `gives up on ${JSON.stringify(text)}`);
    }
  });

  it('leaves what it does not read to the library, which reads it the same as before', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'base: &b {r: 1}\nc:\n  <<: *b\n',
      '%YAML 1.2\n---\na: 1\n',
      '? explicit\n: v\n',
      'a: plain\n  continued\n',
      'a: "quoted\n  continued"\n',
      'a: |2\n  explicit indentation\n',
      'a: !FindInMap [M, &x k]\n',
      'a:\n\t- tab\n',
      'a: 1\r\nb: 2\r\n',
      'a: "\\x4"\n',
      'a: [1, 2\n',
      'a: b: c\n',
      'a: 1\n...\n',
      'just a scalar\n',
      '- - nested\n',
      'a: !!str 1\n',
    ]) {
      assert.equal(readYamlFast(text), undefined, text);
      assert.equal(shownTree(parseYamlTree(text)), shownTree(composeYamlTree(text)), text);
    }
  });

  it('gives the same tree as the document model on generated configuration files (3,000), and reads most of them', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        if (answersSame(configYaml(seed))) read++;
      }),
      { numRuns: 3000 },
    );
    assert.ok(read >= 1500, `${read} of 3000 read straight from the text`);
  });

  it('gives the same tree as the document model on generated YAML fragments and documents (2,000)', () => {
    fc.assert(
      fc.property(fc.oneof(yamlSoup, yamlBlock, yamlBlockMutated), (text) => {
        answersSame(text);
      }),
      { numRuns: 2000 },
    );
  });
});
