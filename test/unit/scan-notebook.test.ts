// Jupyter notebooks: findings in code cells point at the notebook's own text (through JSON escapes), markdown and
// outputs are not code, and a broken notebook is a problem, not a crash.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../src/core/scan/analyze';
import { fixturesDir, scanDataset } from '../fixtures/scan-harness';

describe('scanner: Jupyter notebooks', () => {
  const file = 'labs/lab.ipynb';
  const text = readFileSync(join(fixturesDir, 'notebook', file), 'utf8');

  it('maps every finding back to the characters it was read from', () => {
    const { findings } = analyzeDocument(scanDataset(), file, text);
    assert.ok(findings.length >= 5);
    for (const f of findings) assert.equal(text.slice(f.range.start, f.range.end), f.text, `${f.kind} ${f.text}`);
    const s3 = findings.find((f) => f.text === 'eu-west-3');
    assert.equal(s3?.role, 'deployment', 'the S3 region after escaped quotes on the same line');
  });

  it('reads neither markdown nor outputs as code', () => {
    const { findings } = analyzeDocument(scanDataset(), file, text);
    assert.deepEqual(
      findings.filter((f) => f.text === 'us-east-1' || f.text === 'westeurope'),
      [],
    );
  });

  it('reports a notebook that is not JSON as a problem', () => {
    const result = analyzeDocument(scanDataset(), 'broken.ipynb', '{"cells": [ {"cell_type": "code", "source": ["x = \\"eu-west-1\\""');
    assert.deepEqual(result.findings, []);
    assert.match(result.problems.join('\n'), /not a valid notebook/);
  });
});
