// The editor and the CLI tell the same story: for every file of test/e2e/workspace/kinds (one small project per folder,
// each mixing kinds of files: Terraform + Python, Bicep + C#, a SAM template + its handler, a project's .env + its
// TypeScript under src/, Rust, a Jupyter notebook), the inlay hints the editor shows carry the figures and pairs that
// `gridlens scan --format json` reports for the same folder, line by line; a notebook's cells together show what the
// CLI reports for the .ipynb.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { runScan } from '../../../src/cli/scan';
import type { ReportFinding, ScanReport } from '../../../src/cli/report';
import { formatGrams } from '../../../src/core/carbon/format';
import { bundledDataset } from '../../../src/core/data/bundled';
import { ignoreRules } from '../../../src/core/scan/ignore';
import { listCandidates } from '../../../src/core/scan/pipeline';
import { workspaceFiles } from '../../../src/extension/workspaceFiles';
import { activateGridLens, fixtureUri, hoverTexts, inlayHints, note, revertAll, waitFor } from '../helpers';

const FOLDER = 'kinds';

/** The pairs the fixtures are written to produce (model file → region file and value): the CLI must report them. */
const designed = [
  { model: 'tf-python/main.tf', region: 'tf-python/main.tf', value: 'eu-west-1' },
  { model: 'bicep-csharp/main.bicep', region: 'bicep-csharp/main.bicep', value: 'swedencentral' },
  { model: 'bicep-csharp/Notes.cs', region: 'bicep-csharp/Notes.cs', value: 'ap-southeast-2' },
  { model: 'sam/template.yaml', region: 'sam/samconfig.toml', value: 'us-west-2' },
  { model: 'env-ts/src/ask.ts', region: 'env-ts/.env', value: 'eu-central-1' },
  { model: 'rust/main.rs', region: 'rust/main.rs', value: 'ca-central-1' },
  { model: 'notebook/ask.ipynb', region: 'notebook/ask.ipynb', value: 'ap-northeast-1' },
];

/** A figure as the editor's hint words it, from a finding of the JSON report. */
interface Figure {
  line: number;
  grid?: number;
  gPerMTok?: number;
  region?: string;
}

function figureOfReport(f: ReportFinding): Figure {
  if (f.carbon?.gridGPerKWh !== undefined) return { line: f.line, grid: f.carbon.gridGPerKWh };
  if (f.carbon?.gPerMTok !== undefined && f.carbon.region) return { line: f.line, gPerMTok: f.carbon.gPerMTok, region: f.carbon.region };
  throw new Error(`${f.file}:${f.line}: a ${f.kind} finding with no per-region figure; extend this comparison to it`);
}

function figureOfHint(label: string, line: number): Figure | string {
  const grid = /^≈ (\d+) g\/kWh · LCA\/LB$/.exec(label);
  if (grid) return { line, grid: Number(grid[1]) };
  const model = /^≈ ([\d.,]+) g\/Mtok(?: input)? in (\S+) · LCA\/LB$/.exec(label);
  if (model) return { line, gPerMTok: Number(model[1].replace(/,/g, '')), region: model[2] };
  return `${line}: ${label}`;
}

/** The CLI rounds to 3 significant figures, the hint as formatGrams does: equal when the hint rounds the CLI's value. */
const sameGrams = (hint: number, cli: number) =>
  hint === cli ||
  formatGrams(cli) === formatGrams(hint) ||
  Math.abs(hint - cli) <= (cli >= 10 ? 0.5 : cli >= 1 ? 0.05 : 0.01 * cli + 0.005);

/** One line per figure, in a form both sides share, so a mismatch reads as a diff. */
function describe_(figures: Array<Figure | string>, reference: Figure[]): string[] {
  return figures
    .map((f) => {
      if (typeof f === 'string') return f;
      if (f.grid !== undefined) return `${f.line}: ${f.grid} g/kWh`;
      const match = reference.find(
        (r) => r.line === f.line && r.region === f.region && r.gPerMTok !== undefined && sameGrams(f.gPerMTok as number, r.gPerMTok),
      );
      return `${f.line}: ${match?.gPerMTok ?? f.gPerMTok} g/Mtok in ${f.region}`;
    })
    .sort();
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)).map((f) => `${entry.name}/${f}`) : [entry.name]));
}

describe('editor: same pairs as the CLI', () => {
  let report: ScanReport;
  let files: string[];

  before(async function () {
    this.timeout(60_000);
    await activateGridLens();
    const root = fixtureUri(FOLDER).fsPath;
    let out = '';
    const started = Date.now();
    const code = await runScan(
      [root, '--format', 'json'],
      { stdout: (text) => (out += text), stderr: () => undefined, stderrIsTTY: false, cwd: root },
      bundledDataset(),
    );
    note(`cli parity: gridlens scan --format json over ${FOLDER}/ took ${Date.now() - started} ms`);
    assert.strictEqual(code, 0, out);
    report = JSON.parse(out) as ScanReport;
    assert.deepStrictEqual(report.errors, []);
    files = filesUnder(root)
      .filter((f) => f !== 'README.md')
      .sort();
  });
  after(revertAll);

  it('the CLI reports the pairs the fixtures are written for', () => {
    for (const d of designed) {
      const pair = report.pairs.find((p) => p.model.file === d.model && p.region?.file === d.region && p.region.value === d.value);
      assert.ok(
        pair,
        `no pair ${d.model} → ${d.region} ${d.value} in:\n${report.pairs.map((p) => `${p.model.file} ${p.model.value} → ${p.region?.file} ${p.region?.value} (${p.state})`).join('\n')}`,
      );
      assert.strictEqual(pair.state, 'region');
      assert.ok(pair.carbon && 'gPerMTok' in pair.carbon, `${d.model}: the pair shows no figure`);
    }
  });

  it("Scan Workspace's listing through workspace.fs finds every file of the fixture", async () => {
    const folder = vscode.workspace.getWorkspaceFolder(fixtureUri(FOLDER)) as vscode.WorkspaceFolder;
    const access = workspaceFiles([folder]);
    const start = vscode.workspace.asRelativePath(fixtureUri(FOLDER), false);
    const { candidates, errors } = await listCandidates(access, [{ path: start }], ignoreRules(''));
    assert.deepStrictEqual(errors, []);
    assert.deepStrictEqual(candidates.map((path) => path.slice(start.length + 1)).sort(), files);
  });

  it('every text file: the hints show the figures and pairs of the JSON report, line by line, and the hover names the region', async function () {
    this.timeout(60_000);
    const timings: string[] = [];
    for (const file of files.filter((f) => !f.endsWith('.ipynb'))) {
      const started = Date.now();
      const expected = report.findings.filter((f) => f.file === file).map(figureOfReport);
      const document = await vscode.workspace.openTextDocument(fixtureUri(`${FOLDER}/${file}`));
      await vscode.window.showTextDocument(document);
      const whole = new vscode.Range(0, 0, document.lineCount, 0);
      const hints = await waitFor(`${expected.length} hints in ${file}`, async () => {
        const found = await inlayHints(document.uri, whole);
        return found.length >= expected.length ? found : undefined;
      });
      const shown = hints.map((h) => figureOfHint(h.label, h.position.line + 1));
      assert.deepStrictEqual(describe_(shown, expected), describe_(expected, expected), `${file}: editor (actual) vs CLI (expected)`);

      for (const pair of report.pairs.filter((p) => p.model.file === file && p.region)) {
        const model = report.findings.find((f) => f.file === file && f.kind === 'model' && f.line === pair.model.line) as ReportFinding;
        const hover = (await hoverTexts(document.uri, new vscode.Position(model.line - 1, model.column))).join('\n');
        assert.ok(
          hover.includes(pair.region?.value ?? '\0'),
          `${file}:${model.line}: the hover does not name ${pair.region?.value}:\n${hover}`,
        );
      }
      timings.push(`${file} ${Date.now() - started} ms`);
    }
    note(`cli parity: per file ${timings.join(', ')}`);
  });

  it('a Jupyter notebook: its code cells show what the CLI reports for the .ipynb, each hint on its own value', async function () {
    this.timeout(30_000);
    const file = files.find((f) => f.endsWith('.ipynb')) as string;
    const expected = report.findings.filter((f) => f.file === file).map(figureOfReport);
    assert.ok(expected.length >= 2, `the CLI found ${expected.length} findings in ${file}`);
    const notebook = await vscode.workspace.openNotebookDocument(fixtureUri(`${FOLDER}/${file}`));
    await vscode.window.showNotebookDocument(notebook);
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    const shown = await waitFor(`${expected.length} hints in the cells of ${file}`, async () => {
      const all: Array<{ label: string; cell: vscode.TextDocument; position: vscode.Position }> = [];
      for (const cell of cells) {
        const hints = await inlayHints(cell.document.uri, new vscode.Range(0, 0, cell.document.lineCount, 0));
        all.push(...hints.map((h) => ({ ...h, cell: cell.document })));
      }
      return all.length >= expected.length ? all : undefined;
    });
    // lines differ (a cell counts from 0, the CLI counts the .ipynb's lines): compare figures, and place each hint
    const unlined = (figures: Figure[]) => figures.map((f) => ({ ...f, line: 0 }));
    const hintFigures = shown.map((h) => figureOfHint(h.label, 0));
    assert.deepStrictEqual(describe_(hintFigures, unlined(expected)), describe_(unlined(expected), unlined(expected)));
    for (const markdown of notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Markup)) {
      assert.deepStrictEqual(
        await inlayHints(markdown.document.uri, new vscode.Range(0, 0, markdown.document.lineCount, 0)),
        [],
        'a markdown cell is not code',
      );
    }
    for (const hint of shown) {
      const figure = figureOfHint(hint.label, 0) as Figure;
      const finding = report.findings.find(
        (f) => f.file === file && f.kind === (figure.grid !== undefined ? 'region' : 'model'),
      ) as ReportFinding;
      const before = hint.cell.lineAt(hint.position.line).text.slice(0, hint.position.character);
      assert.ok(before.endsWith(`${finding.text}"`), `hint '${hint.label}' sits after '${before}', not after ${finding.text}`);
    }
  });
});
