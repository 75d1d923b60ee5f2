// .gridlensignore comes with the workspace: untrusted input. Its globs are matched by an automaton (globMatcher),
// not by a backtracking regular expression: the same answers as globToRegExp on ordinary patterns (checked on
// random globs and paths), bounded time on patterns that make the regular expression run for minutes, and a
// broken character class never throws. A set of rules answers as its rules tried in turn, though it tries only the
// ones that can match in the path's folder.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { defaultSkips, globMatcher, globToRegExp, ignoreRules, testSkips } from '../../src/core/scan/ignore';

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

  /** What a set of rules says of a path when every rule is tried in order: the last one to match decides. */
  const everyRule = (patterns: readonly string[]) => {
    const rules = patterns.map((p) => ({ negate: p.startsWith('!'), glob: globMatcher(p.replace(/^!/, '')) }));
    return (path: string) => rules.reduce((ignored, r) => (r.glob.test(path) ? !r.negate : ignored), false);
  };

  it('answer as every rule tried in order, on random rules and runs of paths from few folders (5,000 runs)', () => {
    const patterns = fc
      .array(fc.tuple(fc.boolean(), globs), { minLength: 1, maxLength: 6 })
      .map((rules) => rules.filter(([, glob]) => glob.trim()).map(([negate, glob]) => `${negate ? '!' : ''}${glob}`));
    fc.assert(
      fc.property(patterns, fc.array(paths, { maxLength: 30 }), (lines, run) => {
        const rules = ignoreRules(lines.join('\n'), { defaults: false });
        const expected = everyRule(lines);
        for (const path of run) assert.equal(rules.test(path), expected(path), `${JSON.stringify(lines)} on ${JSON.stringify(path)}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('answer as every rule tried in order with the default and test skips, on paths as a listing tests them', () => {
    const names = ['node_modules', 'test', 'tests', 'src', 'a.test.ts', 'x_test.go', 'test_x.py', 'conftest.py', 'dist', 'spec', 'keep.tf'];
    const treePaths = fc.array(fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 5 }), { maxLength: 30 }).map((all) =>
      all.flatMap((parts) => {
        const path = parts.join('/');
        return [`${path}/`, path];
      }),
    );
    const lines = [...defaultSkips, ...testSkips, '!**/keep.tf', 'src/*.ts'];
    fc.assert(
      fc.property(treePaths, (run) => {
        const rules = ignoreRules('!**/keep.tf\nsrc/*.ts', { extra: testSkips });
        const expected = everyRule(lines);
        for (const path of run) assert.equal(rules.test(path), expected(path), path);
      }),
      { numRuns: 300 },
    );
  });
});
