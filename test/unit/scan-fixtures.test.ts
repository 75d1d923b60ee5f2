// The scanner against the hand-checked expected.json of each fixture folder, exactly: every finding it reports
// (mentions included) with its role, region value and suggestion (and a model's catalogue id where the fixture gives
// it), every model ↔ region pair, and nothing else.
// `absent` lists traps that must not be reported at all (a deployment name that is not a model, prose in a
// description); they are kept to say why the folder holds them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  findingKey,
  fixtureFormats,
  fixturesDir,
  pairKey,
  scanFixture,
  type Expected,
  type ExpectedFinding,
} from '../fixtures/scan-harness';

const formats = fixtureFormats();

/** A finding with everything the fixture pins down about it: a model's catalogue id where `pinned` has its key. */
const described = (f: ExpectedFinding, pinned: ReadonlySet<string>) =>
  `${findingKey(f)} as ${f.role}${f.kind === 'region' || pinned.has(findingKey(f)) ? ` = ${f.value ?? 'unknown'}` : ''}${f.suggest !== undefined ? ` (suggests ${f.suggest})` : ''}`;

/** Both lists as multisets: what is expected and not reported, and what is reported and not expected. */
function difference(want: string[], got: string[]): { missing: string[]; unexpected: string[] } {
  const left = [...got];
  const missing: string[] = [];
  for (const w of want) {
    const i = left.indexOf(w);
    if (i < 0) missing.push(w);
    else left.splice(i, 1);
  }
  return { missing, unexpected: left };
}

function assertExactly(what: string, want: string[], got: string[]): void {
  const { missing, unexpected } = difference(want, got);
  assert.ok(
    missing.length === 0 && unexpected.length === 0,
    `${what} differ from expected.json:\n  missing:\n    ${missing.join('\n    ') || '-'}\n  unexpected:\n    ${unexpected.join('\n    ') || '-'}`,
  );
}

describe('scanner fixtures: exactly the expected findings and pairs per format', () => {
  it('has fixtures', () => assert.ok(formats.length > 0));

  for (const format of formats) {
    describe(format, () => {
      const expected = JSON.parse(readFileSync(join(fixturesDir, format, 'expected.json'), 'utf8')) as Expected;
      const actual = scanFixture(format);

      it('findings: each expected one with its role, value and suggestion (mentions too), and no other', () => {
        for (const e of expected.findings)
          if (e.kind === 'region')
            assert.ok(e.value !== undefined, `${findingKey(e)}: a region's value (or null) is part of what is expected`);
        const reported = new Set(actual.findings.map(findingKey));
        assert.deepEqual(
          (expected.absent ?? []).map(findingKey).filter((key) => reported.has(key)),
          [],
          'reported although listed as absent',
        );
        const pinned = new Set(expected.findings.filter((e) => e.kind === 'model' && e.value !== undefined).map(findingKey));
        assertExactly(
          'findings',
          expected.findings.map((f) => described(f, pinned)),
          actual.findings.map((f) => described(f, pinned)),
        );
      });

      it('pairs: each expected one, and no other', () => assertExactly('pairs', expected.pairs.map(pairKey), actual.pairs.map(pairKey)));
    });
  }
});
