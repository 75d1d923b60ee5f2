// Precision and recall of the scanner per format against the hand-checked expected.json of each fixture folder:
// inference regions, model settings and model ↔ region pairs must each stay at or above 0.95.
import assert from 'node:assert/strict';
import { findingKey, fixtureFormats, isInferenceRegion, isModelSetting, pairKey, scanFixture, score, type Expected } from '../fixtures/scan-harness';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '../fixtures/scan-harness';

const threshold = 0.95;
const formats = fixtureFormats();
const summary: string[] = [];

describe('scanner fixtures: precision and recall per format', () => {
  it('has fixtures', () => assert.ok(formats.length > 0));

  for (const format of formats) {
    describe(format, () => {
      const expected = JSON.parse(readFileSync(join(fixturesDir, format, 'expected.json'), 'utf8')) as Expected;
      const actual = scanFixture(format);

      const check = (label: string, want: string[], got: string[]) => {
        const s = score(want, got);
        summary.push(`${format.padEnd(16)} ${label.padEnd(18)} P=${s.precision.toFixed(2)} R=${s.recall.toFixed(2)} (${want.length} expected)`);
        assert.ok(s.precision >= threshold, `${label} precision ${s.precision.toFixed(2)}; unexpected: ${s.fp.join(', ')}`);
        assert.ok(s.recall >= threshold, `${label} recall ${s.recall.toFixed(2)}; missed: ${s.fn.join(', ')}`);
      };

      it('inference regions', () => check('inference regions', expected.findings.filter(isInferenceRegion).map(findingKey), actual.findings.filter(isInferenceRegion).map(findingKey)));
      it('models', () => check('models', expected.findings.filter(isModelSetting).map(findingKey), actual.findings.filter(isModelSetting).map(findingKey)));
      it('pairs', () => check('pairs', expected.pairs.map(pairKey), actual.pairs.map(pairKey)));
      it('roles and values of every listed finding (traps included)', () => {
        const byKey = new Map<string, typeof actual.findings>();
        for (const f of actual.findings) byKey.set(findingKey(f), [...(byKey.get(findingKey(f)) ?? []), f]);
        const wrong: string[] = [];
        for (const e of expected.findings) {
          const same = byKey.get(findingKey(e)) ?? [];
          const got = same.find((f) => f.role === e.role) ?? same[0];
          if (!got) {
            if (e.role !== 'mention') wrong.push(`${findingKey(e)}: missing`);
            continue;
          }
          if (got.role !== e.role) wrong.push(`${findingKey(e)}: role ${got.role}, expected ${e.role}`);
          if (e.value !== undefined && got.value !== e.value) wrong.push(`${findingKey(e)}: value ${got.value}, expected ${e.value}`);
          if (e.suggest !== undefined && got.suggest !== e.suggest) wrong.push(`${findingKey(e)}: suggests ${got.suggest}, expected ${e.suggest}`);
        }
        const accuracy = expected.findings.length ? 1 - wrong.length / expected.findings.length : 1;
        assert.ok(accuracy >= threshold, `role/value accuracy ${accuracy.toFixed(2)}:\n  ${wrong.join('\n  ')}`);
      });
    });
  }

  after(() => {
    if (process.env.GRIDLENS_SCAN_SUMMARY) console.log(`\n${summary.join('\n')}`);
  });
});
