// detectFamily (src/core/scan/registry.ts) looks a file name up by its extension, and tries only the globs that can
// match it: the same answer as trying every family's globs in table order, on names built from the globs' own pieces.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectFamily, FORMATS } from '../../src/core/scan/registry';

/** Whether a file-name glob matches a name: `*` is any run of characters, case aside (a matcher of its own, by recursion). */
function globMatches(glob: string, name: string): boolean {
  const g = glob.toLowerCase();
  const n = name.toLowerCase();
  const from = (i: number, j: number): boolean =>
    i === g.length
      ? j === n.length
      : g[i] === '*'
        ? from(i + 1, j) || (j < n.length && from(i, j + 1))
        : g[i] === n[j] && from(i + 1, j + 1);
  return from(0, 0);
}

const everyFamily = (name: string) =>
  FORMATS.find(
    (format) =>
      format.names.some((glob) => globMatches(glob, name)) &&
      !('except' in format && format.except.some((glob) => globMatches(glob, name))),
  )?.id;

describe('property: which family reads a file', () => {
  const pieces = [...new Set(FORMATS.flatMap((format) => format.names.flatMap((glob) => glob.split(/[*.]/))))].filter(Boolean);
  const piece = fc.tuple(fc.constantFrom(...pieces, 'd', 'x', 'é', ''), fc.boolean()).map(([p, upper]) => (upper ? p.toUpperCase() : p));
  const names = fc.array(fc.oneof(piece, fc.constant('.')), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

  it('is the first family in table order whose globs match the name, on names made of the globs’ pieces (5,000 runs)', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.constantFrom('', 'infra/', 'a.b/'), names, (folder, name) => {
        const expected = everyFamily(name);
        if (expected) read++;
        assert.equal(detectFamily(folder + name), expected, JSON.stringify(folder + name));
      }),
      { numRuns: 5000 },
    );
    assert.ok(read > 500, `only ${read} names were of a family`);
  });
});
