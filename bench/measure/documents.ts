// Child process: analysis of single documents with analyzeDocument (what the editor runs per document version),
// bundled and minified like the production build. Prints JSON: per document, the cold first call and the warm runs.
//   node documents.js '<json: { name: path }>' <runs>
import * as fs from 'node:fs';
import { bundledDataset } from '../../src/core/data/bundled';
import { analyzeDocument } from '../../src/core/scan/analyze';

const docs = JSON.parse(process.argv[2]) as Record<string, string>;
const runs = Number(process.argv[3] ?? 15);
const index = bundledDataset();
const out: Record<string, { lines: number; bytes: number; findings: number; problems: number; firstMs: number; runsMs: number[] }> = {};
for (const [name, file] of Object.entries(docs)) {
  const text = fs.readFileSync(file, 'utf8');
  const runsMs: number[] = [];
  let t = performance.now();
  const first = analyzeDocument(index, file, text);
  const firstMs = performance.now() - t;
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    analyzeDocument(index, file, text);
    runsMs.push(performance.now() - t);
  }
  out[name] = {
    lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
    bytes: Buffer.byteLength(text),
    findings: first.findings.length,
    problems: first.problems.length,
    firstMs,
    runsMs,
  };
}
process.stdout.write(JSON.stringify(out));
