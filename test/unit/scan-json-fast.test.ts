// JSON read straight from the text (src/core/scan/jsonFast.ts) must give the tree jsonc-parser gives, or step aside:
// same nodes, ranges and values on every fixture and sample and on generated JSON; and it must answer for
// well-formed JSON, or it saves nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { repositoryFiles, shownTree } from './helpers/yamlFiles';
import { parseJson, readJsonFast } from '../../src/core/scan/jsonFast';
import { parseJsonTree } from '../../src/core/scan/tree';

/** Whether the fast reader answered; when it did, the library must read the text without a problem, to the same tree. */
function answersSame(text: string): boolean {
  const docs = readJsonFast(text);
  if (!docs) return false;
  const library = parseJsonTree(text);
  assert.deepEqual(library.problems, [], `read ${JSON.stringify(text)}, which the library finds wrong`);
  assert.equal(shownTree(docs), shownTree(library.docs), `differs on ${JSON.stringify(text)}`);
  return true;
}

describe('JSON read straight from the text', () => {
  it("gives jsonc-parser's tree on every JSON fixture and sample, and reads most of them itself", () => {
    const files = repositoryFiles(/\.json$/i);
    const read = files.filter((file) => answersSame(readFileSync(file, 'utf8'))).length;
    assert.ok(files.length >= 10, `${files.length} JSON fixtures`);
    assert.ok(read >= files.length * 0.8, `${read} of ${files.length} read straight from the text`);
  });

  it('reads strings with escapes, numbers in every form, keywords, nesting and repeated keys as the library does', () => {
    for (const text of [
      '{"a": "x\\"y\\\\z\\/\\b\\f\\n\\r\\t", "\\u00e9\\uD83D\\uDE00k": "\\u0041"}',
      '[0, -0, 12, -3.25, 1e3, 2E-2, 5.5e+10, 123456789012345678901234567890]',
      '{"t": true, "f": false, "n": null, "e": {}, "l": [], "d": [[], {}, [{"x": [1]}]]}',
      '{"k": 1, "k": 2}',
      '\r\n\t {\r\n\t"a"\t:\r\n 1 \t}\r\n ',
      '"just a string"',
      '42',
    ]) {
      assert.ok(answersSame(text), `gives up on ${JSON.stringify(text)}`);
    }
  });

  it('leaves what is not well-formed JSON to the library, which reads it the same as before', () => {
    for (const text of [
      '',
      '   ',
      '{"a": 1, // comment\n"b": 2}',
      '/* c */ {}',
      '{"a": 1,}',
      '[1, 2,]',
      '{"a": 01}',
      '[1.]',
      '[1e]',
      '[-]',
      '[tru]',
      '[nullx]',
      '{"a": "tab\there"}',
      '{"a": "line\nbreak"}',
      '{"a": "\\x41"}',
      '{"a": "\\u12"}',
      '\ufeff{}',
      '{} {}',
      '{"a" 1}',
      '{a: 1}',
      '["unterminated]',
      '[1 2]',
      '\u000b[1]',
      '{"a": [1, 2}',
    ]) {
      assert.equal(readJsonFast(text), undefined, JSON.stringify(text));
      assert.equal(shownTree(parseJson(text)), shownTree(parseJsonTree(text)), JSON.stringify(text));
    }
  });

  it('reads generated JSON (1,000 values, in three layouts) as the library does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        assert.ok(answersSame(JSON.stringify(value, null, indent) ?? 'null'));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same tree as the library on mangled JSON (2,000), or steps aside', () => {
    const piece = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      ' ',
      '\n',
      '"k"',
      '"\\u00e9"',
      '"\\q"',
      '1',
      '-0.5e2',
      'true',
      'nul',
      '//',
      '0',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        if (!answersSame(text)) assert.equal(shownTree(parseJson(text)), shownTree(parseJsonTree(text)));
      }),
      { numRuns: 2000 },
    );
  });
});
