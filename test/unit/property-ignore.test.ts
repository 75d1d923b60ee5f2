// .gridlensignore comes with the workspace: untrusted input. Its globs are matched by an automaton (globMatcher),
// not by a backtracking regular expression: the same answers as globToRegExp on ordinary patterns (checked on
// random globs and paths), bounded time on patterns that make the regular expression run for minutes, and a
// broken character class never throws.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { globMatcher, globToRegExp, ignoreRules } from '../../src/core/scan/ignore';

const globs = fc
  .array(fc.constantFrom('a', 'b', '/', '*', '?', '**', '**/', '[ab]', '[!a]', '[a-', '.', '-', ']', '['), { maxLength: 8 })
  .map((p) => p.join(''));
const paths = fc.array(fc.constantFrom('a', 'b', '/', '.', '-', 'ab', '[', ']'), { maxLength: 12 }).map((p) => p.join(''));

describe('property: .gridlensignore globs', () => {
  it('match exactly what the regular expression matches, on random globs and paths (20,000 runs)', () => {
    let compared = 0;
    fc.assert(
      fc.property(globs, paths, (glob, path) => {
        let re: RegExp;
        try {
          re = globToRegExp(glob);
        } catch {
          return; // a class the regular expression cannot even compile: see the next test
        }
        compared++;
        assert.equal(globMatcher(glob).test(path), re.test(path), `${JSON.stringify(glob)} on ${JSON.stringify(path)}`);
      }),
      { numRuns: 20_000 },
    );
    assert.ok(compared > 15_000);
  });

  it('take at most milliseconds on patterns that make the regular expression backtrack for minutes', () => {
    const hostile = [
      `${Array(24).fill('**').join('/')}/x`, // 8 of these took the regular expression 8 s on a 30-folder path
      `${Array(24).fill('*a').join('')}b`,
      `${Array(12).fill('**/*a*').join('/')}/b`,
      `/${'?'.repeat(500)}`,
    ];
    const longPath = `${'a/'.repeat(300)}${'a'.repeat(255)}`;
    for (const glob of hostile) {
      const started = process.cpuUsage();
      globMatcher(glob).test(longPath);
      const used = process.cpuUsage(started);
      const ms = (used.user + used.system) / 1000;
      assert.ok(ms < 500, `${glob.slice(0, 40)}…: ${ms.toFixed(0)} ms`);
    }
  });

  it('never throw on any line of an ignore file, and a broken class matches nothing (2,000 runs)', () => {
    assert.equal(globMatcher('a[z-a]b').test('azb'), false);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 10 }), paths, (lines, path) => {
        ignoreRules(lines.join('\n')).test(path);
      }),
      { numRuns: 2000 },
    );
  });
});
