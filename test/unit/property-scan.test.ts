// Property tests (fast-check) of the scanner against arbitrary input: it never throws, never runs away (a time
// bound per document), every range lies inside the document and holds the finding's text; applying any quick fix
// the editor would offer puts the new region exactly there and leaves every other byte and finding as it was;
// findings do not depend on line endings (LF / CRLF), a byte-order mark or trailing whitespace.
// Run counts are fixed (and seeded by fast-check per run); README "Robustness" quotes them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import type { InsightOptions } from '../../src/core/carbon/insight';
import { bundledDataset } from '../../src/core/data/bundled';
import { detectFamily, FORMATS } from '../../src/core/scan/registry';
import { LineIndex } from '../../src/core/scan/text';
import type { FileAnalysis } from '../../src/core/scan/types';
import { scanWorkspace } from '../../src/core/scan/workspace';
import { fixtureFormats, fixturesDir, loadFixture } from '../fixtures/scan-harness';
import { anyBytesAsText, anyText, applyFix, FILE_NAMES, offeredFixes, regionDocument, SNIPPETS, tokenSoup } from '../hostile/generators';

const index = bundledDataset();

/** Per-document CPU-time bound for small documents (they take ~1–5 ms; the bound leaves room for a slow CI machine). */
const SMALL_DOC_MS = 1000;

const stats = { documents: 0, maxMs: 0 };

/** CPU time of one scan in ms: other processes on a busy machine do not count (wall time would). */
function timed<T>(run: () => T): { result: T; ms: number } {
  const started = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(started);
  return { result, ms: (used.user + used.system) / 1000 };
}

/** Analyses one document as the editor does (scanned with pairing, roles final) and checks what must hold for any input. */
function checked(file: string, text: string, boundMs = SMALL_DOC_MS): FileAnalysis {
  const scan = () => scanWorkspace(index, [{ path: file, text }]);
  const first = timed(scan);
  const {
    analyses: [analysis],
    pairs,
  } = first.result;
  let ms = first.ms;
  // a garbage collection can land in any one run; a runaway is slow every time
  if (ms >= boundMs) ms = Math.min(ms, timed(scan).ms);
  stats.documents++;
  stats.maxMs = Math.max(stats.maxMs, ms);
  assert.ok(ms < boundMs, `${file}: ${ms.toFixed(0)} ms for ${text.length} characters (bound ${boundMs} ms)`);
  for (const f of analysis.findings) {
    assert.ok(Number.isInteger(f.range.start) && Number.isInteger(f.range.end), `${file}: integer range`);
    assert.ok(
      f.range.start >= 0 && f.range.start < f.range.end && f.range.end <= text.length,
      `${file}: range ${f.range.start}-${f.range.end} outside 0-${text.length}`,
    );
    assert.equal(text.slice(f.range.start, f.range.end), f.text, `${file}: the range holds the finding's text`);
    if (f.definedAt?.file === file)
      assert.ok(f.definedAt.range.start >= 0 && f.definedAt.range.end <= text.length, `${file}: definedAt inside`);
  }
  for (const p of analysis.problems) assert.equal(typeof p, 'string');
  for (const e of pairs.flatMap((p) => p.evidence))
    assert.ok(e.range.start >= 0 && e.range.start <= e.range.end && e.range.end <= text.length, `${file}: evidence range inside`);
  return analysis;
}

/**
 * Mocha sets Error.stackTraceLimit to Infinity, which makes every error a parser creates (the yaml package makes one
 * per problem) capture the whole stack; Node, the CLI and the extension host keep the default of 10 frames.
 */
function nodeStackTraces(): void {
  let limit = Error.stackTraceLimit;
  before(() => {
    limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 10;
  });
  after(() => {
    Error.stackTraceLimit = limit;
  });
}

describe('property: the scanner on arbitrary input', () => {
  nodeStackTraces();
  after(() => console.log(`      (${stats.documents} documents analysed, slowest ${stats.maxMs.toFixed(0)} ms)`));

  it('draws file names of every format the registry declares', () => {
    assert.deepEqual(
      FORMATS.map((format) => format.id).filter((id) => !FILE_NAMES.some((name) => detectFamily(name) === id)),
      [],
    );
  });

  it('never throws, stays within 1 s per document and keeps every range inside: arbitrary strings, every format (1,500 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILE_NAMES), anyText(2000), (file, text) => void checked(file, text)),
      { numRuns: 1500 },
    );
  });

  it('the same for arbitrary bytes read as UTF-8 (invalid sequences, NUL) or Latin-1 (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILE_NAMES), anyBytesAsText(2000), (file, text) => void checked(file, text)),
      { numRuns: 1000 },
    );
  });

  it('the same for a soup of syntax fragments of every format, which reaches deeper into the detectors (1,500 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILE_NAMES), tokenSoup(120), (file, text) => void checked(file, text)),
      { numRuns: 1500 },
    );
  });

  it('the same for random prefixes of the fixture files and splices into them (300 runs)', () => {
    const files = fixtureFormats().flatMap((format) =>
      loadFixture(join(fixturesDir, format)).filter((f) => !f.path.endsWith('expected.json')),
    );
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (file, a, b, insert) => {
        checked(file.path, file.text.slice(0, a % (file.text.length + 1)));
        const at = b % (file.text.length + 1);
        checked(file.path, file.text.slice(0, at) + insert + file.text.slice(at));
      }),
      { numRuns: 300 },
    );
  });

  it('a workspace of such files: every analysis, pair and evidence range stays inside its file (200 runs)', () => {
    const files = fc.uniqueArray(
      fc.record({
        path: fc.constantFrom<string>(...FILE_NAMES, 'infra/main.tf', 'infra/variables.tf', 'svc/.env'),
        text: fc.oneof(tokenSoup(60), anyText(300)),
      }),
      { maxLength: 6, selector: (f) => f.path },
    );
    fc.assert(
      fc.property(files, (ws) => {
        const { analyses, pairs } = scanWorkspace(index, ws);
        assert.equal(analyses.length, ws.length);
        const length = new Map(ws.map((f) => [f.path, f.text.length]));
        for (const p of pairs) {
          for (const at of [p.model, ...(p.region ? [p.region] : [])])
            assert.ok(at.finding.range.end <= (length.get(at.file) ?? -1), 'pair finding inside its file');
          for (const e of p.evidence)
            assert.ok(
              e.range.start >= 0 && e.range.end <= (length.get(e.file) ?? -1),
              `evidence ${e.file}:${e.range.start}-${e.range.end} inside its file`,
            );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never runs away: 128 KB of any repeated fragment pattern analyses within 2 s, every format (40 runs)', function () {
    this.timeout(120_000);
    // Quadratic paths found this way (now fixed): JSONC comments inside strings, unclosed HCL `${`, YAML keys and aliases.
    const pattern = fc.array(fc.constantFrom(...SNIPPETS), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...FILE_NAMES), pattern, (file, unit) => {
        const text = unit.repeat(Math.ceil(128_000 / unit.length));
        checked(file, text, 2000);
      }),
      { numRuns: 40 },
    );
  });
});

describe('property: quick fixes', () => {
  nodeStackTraces();
  const policies: InsightOptions[] = [
    { jurisdiction: { kind: 'same' }, minSavingsPercent: 30 },
    { jurisdiction: { kind: 'any' }, minSavingsPercent: 0 },
  ];
  let applied = 0;
  after(() => console.log(`      (${applied} quick fixes applied and rescanned)`));

  it('applying any offered fix puts the new region at that place, and every other byte and finding stays (400 documents)', () => {
    const noise = fc.oneof(fc.constant(''), tokenSoup(10), anyText(40));
    const documents = fc
      .tuple(regionDocument(index, noise), fc.boolean(), fc.constantFrom(...policies))
      .map(([d, crlf, options]) => ({ ...d, text: crlf ? d.text.replace(/\r?\n/g, '\r\n') : d.text, options }));
    let offeredOn = 0;
    fc.assert(
      fc.property(documents, (d) => {
        const before = checked(d.file, d.text).findings;
        const fixes = offeredFixes(index, d.file, d.text, d.options);
        if (fixes.length) offeredOn++;
        for (const fix of fixes.slice(0, 3)) {
          const next = applyFix(d.text, fix);
          applied++;
          const end = fix.start + fix.replacement.length;
          assert.equal(next.slice(0, fix.start), d.text.slice(0, fix.start), 'bytes before the region are unchanged');
          assert.equal(next.slice(end), d.text.slice(fix.end), 'bytes after the region are unchanged');
          const after = checked(d.file, next).findings;
          const found = after.find((f) => f.kind === 'region' && f.range.start === fix.start && f.range.end === end);
          assert.ok(
            found,
            `${d.file}: no region finding at ${fix.start}-${end} after switching '${fix.finding.text}' to '${fix.replacement}'`,
          );
          assert.deepEqual(
            [found.value, found.provider, found.role],
            [fix.target.code, fix.target.provider, fix.finding.role],
            `${d.file}: '${fix.replacement}' reads as ${fix.target.provider}:${fix.target.code} in the same role`,
          );
          const delta = end - fix.end;
          const key = (f: (typeof before)[number], shift: number) => `${f.kind}|${f.range.start + shift}|${f.text}|${f.value}|${f.role}`;
          const now = new Set(after.map((f) => key(f, 0)));
          for (const f of before) {
            if (f.range.end <= fix.start || f.range.start >= fix.end)
              assert.ok(
                now.has(key(f, f.range.start >= fix.end ? delta : 0)),
                `${d.file}: '${f.text}' (${f.role}) elsewhere in the file is unchanged by the fix`,
              );
          }
        }
      }),
      { numRuns: 400 },
    );
    // about 37% of the documents get a fix (140-160 of 400 in 18 runs; many regions are already the cleanest the policy
    // allows); 20% leaves room for chance: 30% failed once in CI (116), where the documents are drawn afresh each run
    assert.ok(offeredOn >= 80, `quick fixes were offered on only ${offeredOn} of 400 documents: the generator no longer exercises them`);
  });
});

describe('property: line endings, byte-order mark, trailing whitespace', () => {
  nodeStackTraces();
  /** Findings keyed by line and column (column on line 1 without the BOM), so the variants compare directly. */
  const keyed = (file: string, text: string) => {
    const lines = new LineIndex(text);
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return checked(file, text)
      .findings.map((f) => {
        const p = lines.position(f.range.start);
        return `${p.line}:${p.line === 1 ? p.column - bom : p.column} ${f.kind} ${f.text} ${f.value} ${f.role}${f.ignored ? ' ignored' : ''}`;
      })
      .sort();
  };
  const variants: Record<string, (text: string) => string> = {
    CRLF: (t) => t.replace(/\r?\n/g, '\r\n'),
    BOM: (t) => `\uFEFF${t}`,
    // after content only, never after a line-continuation backslash (that would change what the line means)
    'trailing whitespace': (t) => t.replace(/([^\s\\])(\r?\n)/g, '$1 \t$2'),
    'all three': (t) => `\uFEFF${t.replace(/([^\s\\])(\r?\n)/g, '$1 \t$2').replace(/\r?\n/g, '\r\n')}`,
  };

  it('every fixture file gives the same findings at the same line and column under each variant', () => {
    const files = fixtureFormats().flatMap((format) =>
      loadFixture(join(fixturesDir, format))
        .filter((f) => !f.path.endsWith('expected.json'))
        .map((f) => ({ ...f, label: `${format}/${f.path}` })),
    );
    assert.ok(files.length > 60);
    for (const f of files) {
      const base = keyed(f.path, f.text);
      for (const [name, variant] of Object.entries(variants))
        assert.deepEqual(keyed(f.path, variant(f.text)), base, `${f.label} under ${name}`);
    }
  });

  it('generated documents with a region give the same findings under each variant (300 runs)', () => {
    fc.assert(
      fc.property(regionDocument(index, fc.oneof(fc.constant(''), tokenSoup(8))), fc.constantFrom(...Object.keys(variants)), (d, name) => {
        assert.deepEqual(keyed(d.file, variants[name](d.text)), keyed(d.file, d.text), `${d.file} under ${name}`);
      }),
      { numRuns: 300 },
    );
  });
});
