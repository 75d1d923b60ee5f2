// `gridlens scan [paths...]`: walks the paths, reads each relevant file once (size limit, binary check), scans
// them together so values resolve across files, and prints a table, JSON or SARIF. Exit codes: 0 nothing above
// the thresholds, 1 a finding above --fail-above or a suggestion saving at least --min-savings, 2 usage errors.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { version } from '../../package.json';
import type { DatasetIndex } from '../core/data/dataset';
import { bundledDataset } from '../core/data/bundled';
import { assessmentMemo, insightsFor, type FindingInsight } from '../core/carbon/insight';
import type { JurisdictionPolicy, ModelAssessment } from '../core/carbon/assess';
import { formatGrams } from '../core/carbon/format';
import type { Band, GridIntensity, RegionEstimate } from '../core/carbon/calculator';
import type { LiveGrid } from '../core/carbon/liveGrid';
import {
  basisSentence,
  CARBON_UNIT,
  carbonUnit,
  kindOf,
  NO_TOKEN_FIGURE,
  shortUnit,
  type CarbonBasis,
  type TokenUnit,
} from '../core/carbon/units';
import { platformOfModelText } from '../core/data/platform';
import { ignoreRules, testSkips } from '../core/scan/ignore';
import { listCandidates, type FileAccess } from '../core/scan/pipeline';
import { lineIn, positionIn } from '../core/scan/text';
import { pairFiles, type FileAnalysis, type Finding, type Pair, type ScanError } from '../core/scan/types';
import { reportedPairs } from '../core/scan/workspace';
import { basisOf, basisOption, parse, positiveNumber, UsageError } from './args';
import { answerWith, gridMethodAsked, liveNote, liveOption } from './live';
import { nodeFiles } from './nodeFiles';
import {
  analyseCandidates,
  analyseWithReader,
  compileLess,
  idleCores,
  limitHeapGrowth,
  SPLIT_MIN_FILES,
  startReader,
  threadCount,
} from './scanParallel';
import { pairPlace, pairValue, type ReportFinding, type ReportPair, type ScanReport } from './report';
import { toSarif } from './sarif';
import { renderTable } from './table';

export const scanUsage = `gridlens scan [paths...] [--format table|json|sarif] [--output FILE] [--min-savings PCT]
                [--fail-above G_PER_MTOK] [--jurisdiction same|any|J[,J…]] [--exclude GLOB]... [--include-tests]
                [--no-default-excludes] [--max-file-size KB] [--no-prefilter] [--all] [--usage-only] [--live]`;

const REPORT_VERSION = 1;

export interface ScanIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress line); defaults to process.stderr.isTTY. */
  stderrIsTTY?: boolean;
  cwd?: string;
}

export interface ReportOptions {
  jurisdiction: JurisdictionPolicy;
  minSavingsPercent: number;
  basis: CarbonBasis;
  /** Live grid readings (`--live`). */
  live?: LiveGrid;
}

/** Line and column of a file offset, and its line alone (most of the report needs only lines). */
interface Positions {
  at(file: string, offset: number): { line: number; column: number };
  line(file: string, offset: number): number;
}

/** Findings and pairs of a scan in the stable JSON shape, with carbon and suggestions from core/carbon; `pos` turns a file offset into a line and column. */
function reportFrom(
  index: DatasetIndex,
  analyses: FileAnalysis[],
  pairs: Pair[],
  pos: Positions,
  errors: ScanError[],
  options: ReportOptions,
): ScanReport {
  const findings: ReportFinding[] = [];
  // the pairs touching each file, in pair order (a pair within one file is listed once)
  const touchingByFile = new Map<string, Pair[]>();
  const touches = (file: string, p: Pair) => {
    const list = touchingByFile.get(file);
    if (!list) touchingByFile.set(file, [p]);
    else if (list[list.length - 1] !== p) list.push(p);
  };
  for (const p of pairs) for (const file of pairFiles(p)) touches(file, p);
  const insightOptions = {
    jurisdiction: options.jurisdiction,
    minSavingsPercent: options.minSavingsPercent,
    calc: { basis: options.basis, ...(options.live ? { live: options.live } : {}) },
  };
  const memo = assessmentMemo();
  for (const analysis of [...analyses].sort((a, b) => a.file.localeCompare(b.file))) {
    for (const problem of analysis.problems) errors.push({ file: analysis.file, message: problem });
    const visible = analysis.findings.filter((f) => !f.ignored);
    if (!visible.length) continue;
    const touching = touchingByFile.get(analysis.file) ?? [];
    const insights = insightsFor(index, analysis.file, visible, touching, insightOptions, memo);
    for (const insight of insights) findings.push(reportFinding(analysis.file, insight, pos));
  }
  // the first report finding of a kind, file, line and text (what `findings.find` would return)
  const firstFinding = new Map<string, ReportFinding>();
  for (const f of findings) {
    const key = `${f.kind}\0${f.file}\0${f.line}\0${f.text}`;
    if (!firstFinding.has(key)) firstFinding.set(key, f);
  }
  const findingAt = (kind: Finding['kind'], file: string, line: number, text: string) =>
    firstFinding.get(`${kind}\0${file}\0${line}\0${text}`);
  const reportPairs: ReportPair[] = [];
  const platforms = new Map<string, ReturnType<typeof platformOfModelText>>();
  for (const p of pairs) {
    const modelLine = pos.line(p.model.file, p.model.finding.range.start);
    const f = findingAt('model', p.model.file, modelLine, p.model.finding.text);
    reportPairs.push(reportPair(p, modelLine, f, pos, findingAt));
    // a model's provider is its region's (or its platform's when it has no region); reportPair does not read it
    if (!f || f.provider) continue;
    const text = p.model.finding.text;
    if (!platforms.has(text)) platforms.set(text, platformOfModelText(index, text));
    const platform = platforms.get(text);
    f.provider =
      p.region?.finding.provider ??
      (platform === 'bedrock' ? 'aws' : platform === 'vertex' ? 'gcp' : platform === 'azure-openai' ? 'azure' : null);
  }
  errors.sort((a, b) => a.file.localeCompare(b.file));
  return {
    version: REPORT_VERSION,
    basis: options.basis,
    gridMethod: gridMethodAsked(options.live !== undefined),
    findings,
    pairs: reportPairs,
    errors,
  };
}

const r3 = (n: number) => Number(n.toPrecision(3));
const r3Band = (b: Band): Band => ({ central: r3(b.central), low: r3(b.low), high: r3(b.high) });

/** A figure's headline (on the estimate's basis) with both parts and their total. */
const roundedFigure = (e: RegionEstimate) => ({
  gPerMTok: r3(e.carbon.central),
  low: r3(e.carbon.low),
  high: r3(e.carbon.high),
  basis: e.basis,
  usage: r3Band(e.usage),
  embodied: r3Band(e.embodied),
  total: r3Band(e.total),
});

/**
 * Figures rounded already, by estimate: findings of the same model and place share one estimate (insight.ts' memo),
 * so a report of thousands of findings rounds a few dozen (rounding through toPrecision is not cheap). Read only:
 * callers spread it into their own objects.
 */
const figures = new WeakMap<RegionEstimate, ReturnType<typeof roundedFigure>>();

function figure(e: RegionEstimate): ReturnType<typeof roundedFigure> {
  let rounded = figures.get(e);
  if (!rounded) figures.set(e, (rounded = roundedFigure(e)));
  return rounded;
}

/** The short form of a finding's unit (`g/Mtok` when a region finding's figure has none). */
const perMTok = (unit: TokenUnit | undefined) => shortUnit(unit ?? CARBON_UNIT);

/** A finding's figure in the table, with its unit. */
function carbonCell(f: ReportFinding): string {
  if (f.unit === NO_TOKEN_FIGURE) return `no per-token figure (${f.modelKind})`;
  if (f.carbon?.gPerMTok !== undefined) return `${formatGrams(f.carbon.gPerMTok)} ${perMTok(f.unit)}`;
  if (f.carbon?.gridGPerKWh !== undefined) return `${formatGrams(f.carbon.gridGPerKWh)} g/kWh`;
  if (f.carbon?.range) return `${formatGrams(f.carbon.range.min)}–${formatGrams(f.carbon.range.max)} ${perMTok(f.unit)}`;
  return '';
}

/** With live data asked for: which the grid figure is (a live reading and its hour, or the yearly one and why). */
function liveGridFields(grid: GridIntensity): Pick<NonNullable<ReportFinding['carbon']>, 'gridSource' | 'gridDatetime' | 'gridFallback'> {
  if (grid.datetime === undefined && grid.fallback === undefined) return {};
  return {
    gridSource: grid.source,
    ...(grid.datetime !== undefined ? { gridDatetime: grid.datetime } : {}),
    ...(grid.fallback !== undefined ? { gridFallback: grid.fallback } : {}),
  };
}

function spreadRange(spread: NonNullable<ModelAssessment['spread']>): NonNullable<NonNullable<ReportFinding['carbon']>['range']> {
  return {
    min: r3(spread.min),
    max: r3(spread.max),
    geo: spread.geo,
    ...(spread.derivedFrom ? { derivedFrom: spread.derivedFrom } : {}),
  };
}

function reportFinding(file: string, insight: FindingInsight, pos: Positions): ReportFinding {
  const f = insight.finding;
  const start = pos.at(file, f.range.start);
  const end = pos.at(file, f.range.end);
  const out: ReportFinding = {
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    kind: f.kind,
    provider: f.provider ?? null,
    text: f.text,
    // a location naming a global endpoint has no region, and `global` is the location's own value
    value: f.value ?? (insight.endpoint ? f.text.toLowerCase() : null),
    role: f.role,
  };
  if (!f.value && f.suggestions?.length) out.closest = f.suggestions;
  if (insight.region) {
    const a = insight.region;
    out.carbon = { gridGPerKWh: a.grid.gPerKWh, gridYear: a.grid.year, ...liveGridFields(a.grid) };
    if (a.estimate && a.model) {
      Object.assign(out.carbon, { ...figure(a.estimate), model: a.model.id });
      out.unit = carbonUnit(a.model);
    }
  } else if (insight.model) {
    const m = insight.model;
    const kind = kindOf(m.model);
    out.unit = carbonUnit(m.model) ?? NO_TOKEN_FIGURE;
    if (kind !== 'generation') out.modelKind = kind;
    if (m.estimate) out.carbon = { ...figure(m.estimate), region: m.estimate.region.code, ...liveGridFields(m.estimate.grid) };
    else if (m.spread) out.carbon = { range: spreadRange(m.spread) };
  } else if (insight.endpoint?.model?.spread) {
    // the range of the model called through the endpoint, as on a region finding with a paired model
    const { model, spread } = insight.endpoint.model;
    out.carbon = { range: spreadRange(spread), model: model.id };
    out.unit = carbonUnit(model);
  }
  const s = insight.suggestion;
  if (s) {
    out.suggestion = {
      provider: s.region.provider,
      region: s.region.code,
      regionName: s.region.name,
      jurisdiction: s.region.jurisdiction,
      gridGPerKWh: s.grid.gPerKWh,
      savingPercent: Math.round(s.savingPercent * 10) / 10,
      sameJurisdiction: s.sameJurisdiction,
    };
    if (s.estimate) out.suggestion.gPerMTok = r3(s.estimate.carbon.central);
    if (s.distinguishable !== undefined) out.suggestion.distinguishable = s.distinguishable;
  }
  return out;
}

/** A pair as reported; `mf`: the report finding of its model (at `modelLine`), when there is one. */
function reportPair(
  p: Pair,
  modelLine: number,
  mf: ReportFinding | undefined,
  pos: Positions,
  findingAt: (kind: Finding['kind'], file: string, line: number, text: string) => ReportFinding | undefined,
): ReportPair {
  const regionLine = p.region ? pos.line(p.region.file, p.region.finding.range.start) : 0;
  const out: ReportPair = {
    model: { file: p.model.file, line: modelLine, value: p.model.finding.value ?? p.model.finding.text },
    region: p.region ? { file: p.region.file, line: regionLine, value: p.region.finding.value ?? p.region.finding.text } : null,
    state: p.state,
    evidence: [],
  };
  if (p.geo) out.geo = p.geo;
  if (p.note) out.note = p.note;
  for (const e of p.evidence) {
    const at = `${e.file}:${pos.line(e.file, e.range.start)}`;
    if (out.evidence[out.evidence.length - 1] !== at) out.evidence.push(at);
  }
  if ((p.state === 'region' || p.state === 'self-hosted') && p.region && p.model.finding.value) {
    const rf = findingAt('region', p.region.file, regionLine, p.region.finding.text);
    const figureOf = (c: NonNullable<ReportFinding['carbon']>) => ({
      gPerMTok: c.gPerMTok,
      low: c.low,
      high: c.high,
      basis: c.basis,
      usage: c.usage,
      embodied: c.embodied,
      total: c.total,
    });
    if (rf?.carbon?.gPerMTok !== undefined && rf.carbon.model === p.model.finding.value) out.carbon = figureOf(rf.carbon);
    else if (mf?.carbon?.gPerMTok !== undefined && mf.carbon.region === p.region.finding.value) out.carbon = figureOf(mf.carbon);
  } else if (mf?.carbon?.range) {
    const { min, max, derivedFrom } = mf.carbon.range;
    out.carbon = { range: { min, max, ...(derivedFrom ? { derivedFrom } : {}) } };
  }
  if (out.carbon && mf?.unit && mf.unit !== NO_TOKEN_FIGURE) out.unit = mf.unit;
  return out;
}

function jurisdictionPolicy(text: string | undefined): JurisdictionPolicy {
  if (!text || text === 'same') return { kind: 'same' };
  if (text === 'any') return { kind: 'any' };
  const allowed = text
    .split(',')
    .map((j) => j.trim().toUpperCase())
    .filter(Boolean);
  if (!allowed.length || allowed.some((j) => !/^[A-Z]{2,4}$/.test(j)))
    throw new UsageError(`--jurisdiction must be same, any or a list like EU,UK; got '${text}'`);
  return { kind: 'list', allowed };
}

/** Runs `gridlens scan`; returns the exit code (usage errors are reported on stderr with 2). */
export async function runScan(argv: string[], io: ScanIo, index?: DatasetIndex): Promise<number> {
  try {
    return await scanCommand(argv, io, index);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`gridlens scan: ${error.message}\nUsage: ${scanUsage}\n`);
      return 2;
    }
    throw error;
  }
}

async function scanCommand(argv: string[], io: ScanIo, index?: DatasetIndex): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'min-savings': { type: 'string' },
    'fail-above': { type: 'string' },
    jurisdiction: { type: 'string' },
    exclude: { type: 'string', multiple: true },
    'include-tests': { type: 'boolean' },
    'no-default-excludes': { type: 'boolean' },
    'max-file-size': { type: 'string' },
    'no-prefilter': { type: 'boolean' },
    all: { type: 'boolean' },
    ...basisOption,
    ...liveOption,
  });
  if (values.help) return (io.stdout(`${scanUsage}\n`), 0);
  const format = values.format ?? 'table';
  if (!['table', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be one of table, json, sarif; got '${format}'`);
  const minSavingsGiven = values['min-savings'] !== undefined;
  const minSavings = positiveNumber('--min-savings', values['min-savings']) ?? 10;
  if (minSavings > 100) throw new UsageError('--min-savings is a percentage between 0 and 100');
  const failAbove = positiveNumber('--fail-above', values['fail-above']);
  const maxKb = positiveNumber('--max-file-size', values['max-file-size']) ?? 2048;
  const jurisdiction = jurisdictionPolicy(values.jurisdiction);

  const cwd = io.cwd ?? process.cwd();
  const paths = positionals.length ? positionals : ['.'];
  let root = cwd;
  if (paths.length === 1) {
    const abs = resolve(cwd, paths[0]);
    try {
      if (statSync(abs).isDirectory()) root = abs;
    } catch {
      // reported as 'not found' by listCandidates
    }
  }
  const relPaths = paths.map((p) => (resolve(cwd, p) === root ? '.' : isAbsolute(p) ? p : relative(root, resolve(cwd, p))));
  let ignoreText = '';
  try {
    ignoreText = readFileSync(join(root, '.gridlensignore'), 'utf8');
  } catch {
    // no ignore file
  }
  const defaults = !values['no-default-excludes'];
  const ignore = ignoreRules(ignoreText, {
    defaults,
    extra: [...(values.exclude ?? []), ...(defaults && !values['include-tests'] ? testSkips : [])],
  });
  const tty = io.stderrIsTTY ?? process.stderr.isTTY === true;
  let lastProgress = 0;
  const onProgress = tty
    ? (read: number, total: number) => {
        const now = Date.now();
        if (total < 200 || (now - lastProgress < 100 && read < total)) return;
        lastProgress = now;
        io.stderr(`\rgridlens: reading ${read}/${total} files…${read === total ? '\n' : ''}`);
      }
    : undefined;

  const maxFileBytes = maxKb * 1024;
  const prefilter = !values['no-prefilter'];
  const toRoot = (p: string) => relative(root, resolve(root, p)).split(sep).join('/') || '.';
  const workerOptions = { root, maxFileBytes, prefilter };
  const workerScript = join(__dirname, 'scanWorker.js');
  const canUseWorkers = !index && existsSync(workerScript);
  const idle = idleCores();
  // a V8 flag is the whole process's: not set for a caller that runs the scan in its own process with its own dataset
  if (!index) compileLess();
  // The reader of a two-thread scan starts during the listing, once it has listed enough entries for a tree that may
  // need one: its start-up then overlaps the rest of the listing. It is stopped if the tree turns out too small.
  const files = nodeFiles(root);
  let reader: Worker | undefined;
  let listed = 0;
  const listing: FileAccess =
    canUseWorkers && threadCount(Infinity, idle) === 2
      ? {
          ...files,
          list: async (folder) => {
            const entries = await files.list(folder);
            listed += entries.length;
            if (!reader && listed >= SPLIT_MIN_FILES) reader = startReader(workerScript, workerOptions);
            return entries;
          },
        }
      : files;
  const found = await listCandidates(
    listing,
    relPaths.map((p) => ({ path: toRoot(p), asGiven: p })),
    ignore,
  );
  const missing = found.errors.filter((e) => e.message.startsWith('not found'));
  const threads = canUseWorkers && missing.length < paths.length ? threadCount(found.candidates.length, idle) : 1;
  if (reader && threads !== 2) void reader.terminate();
  if (missing.length === paths.length) {
    for (const e of missing) io.stderr(`gridlens: ${e.file}: ${e.message}\n`);
    return 2;
  }
  const dataset = index ?? bundledDataset();
  if (threads <= 2) limitHeapGrowth();
  // Files are read and analysed batch by batch (here, with a reader, or on workers), merged in file order and paired once.
  const scanOptions = { ...workerOptions, index: dataset, onProgress };
  const { results, errors: readErrors } =
    threads === 2
      ? await analyseWithReader(found.candidates, { ...scanOptions, reader: reader ?? startReader(workerScript, workerOptions) })
      : await analyseCandidates(found.candidates, { ...scanOptions, workers: threads > 2 ? threads : 0, workerScript });
  const pairs = reportedPairs(dataset, results, found.candidates);
  const starts = new Map(results.map((r) => [r.analysis.file, r.lineStarts]));
  const pos: Positions = {
    at: (file, offset) => {
      const s = starts.get(file);
      return s ? positionIn(s, offset) : { line: 1, column: 1 };
    },
    line: (file, offset) => {
      const s = starts.get(file);
      return s ? lineIn(s, offset) : 1;
    },
  };
  const fileCount = found.candidates.length - readErrors.length;
  const basis = basisOf(values);
  const report = await answerWith(values.live, ({ live }) =>
    reportFrom(
      dataset,
      results.map((r) => r.analysis),
      pairs,
      pos,
      [...found.errors, ...readErrors],
      { jurisdiction, minSavingsPercent: minSavings, basis, live },
    ),
  );

  const aboveThreshold = failAbove !== undefined && report.pairs.some((p) => (pairValue(p) ?? -Infinity) > failAbove);
  const savingsFound =
    minSavingsGiven && report.findings.some((f) => f.suggestion && f.role === 'inference' && f.suggestion.savingPercent >= minSavings);

  // SARIF locations are relative to the working directory when the scanned folder is inside it: code scanning
  // resolves them against the repository root, where CI runs the scan.
  const sarifRoot = root === cwd || root.startsWith(cwd + sep) ? cwd : root;
  const text =
    format === 'json'
      ? JSON.stringify(report, null, 2)
      : format === 'sarif'
        ? JSON.stringify(
            toSarif(report, {
              toolVersion: version,
              rootUri: `${pathToFileURL(sarifRoot).href}/`,
              pathPrefix: relative(sarifRoot, root).split(sep).join('/'),
              failAbove,
            }),
            null,
            2,
          )
        : table(report, fileCount, values.all === true, failAbove);
  if (values.output === undefined) io.stdout(`${text}\n`);
  else {
    const output = resolve(cwd, values.output);
    try {
      writeFileSync(output, `${text}\n`);
    } catch (error) {
      io.stderr(`gridlens: cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
    const inference = report.findings.filter((f) => f.role === 'inference').length;
    io.stderr(
      `gridlens: ${fileCount} files scanned; ${report.findings.length} findings (${inference} inference), ${report.pairs.length} model ↔ region pairs; ${format} report written to ${values.output}\n`,
    );
  }
  return aboveThreshold || savingsFound ? 1 : 0;
}

function table(report: ScanReport, fileCount: number, all: boolean, failAbove: number | undefined): string {
  const shown = report.findings.filter(
    (f) => all || f.role === 'inference' || (f.value === null && f.kind === 'region' && f.role === 'deployment'),
  );
  const out: string[] = [];
  if (shown.length) {
    out.push(
      renderTable(
        [
          { header: 'Location', min: 12 },
          { header: 'Kind' },
          { header: 'Role' },
          { header: 'As written', min: 10 },
          { header: 'Value', min: 10 },
          { header: 'Carbon', align: 'right' },
          { header: 'Cleaner option', min: 12 },
        ],
        shown.map((f) => [
          `${f.file}:${f.line}`,
          f.kind,
          f.role,
          f.text,
          f.value ?? `unknown${f.closest?.length ? ` (${f.closest[0]}?)` : ''}`,
          carbonCell(f),
          f.suggestion
            ? `${f.suggestion.region} −${Math.round(f.suggestion.savingPercent)}%${f.suggestion.distinguishable === false ? ' (within uncertainty)' : ''}`
            : '',
        ]),
        120,
      ),
    );
  }
  if (report.pairs.length) {
    out.push('', 'Model ↔ region:');
    for (const p of report.pairs) {
      const where = p.region ? `${p.region.value} (${p.region.file}:${p.region.line})` : pairPlace(p);
      const carbon =
        p.carbon?.gPerMTok !== undefined
          ? ` ≈ ${formatGrams(p.carbon.gPerMTok)} ${perMTok(p.unit)}`
          : p.carbon?.range
            ? ` ≈ ${formatGrams(p.carbon.range.min)}–${formatGrams(p.carbon.range.max)} ${perMTok(p.unit)}${p.carbon.range.derivedFrom ? " (derived from the provider's global routing)" : ''}`
            : '';
      const flag = failAbove !== undefined && (pairValue(p) ?? -Infinity) > failAbove ? '  ▲ above threshold' : '';
      out.push(
        `  ${p.model.value} (${p.model.file}:${p.model.line}) → ${where}${carbon}${p.note && !p.region ? ` — ${p.note}` : ''}${flag}`,
      );
    }
  }
  if (report.errors.length) {
    out.push('', 'Not scanned or partly scanned:');
    for (const e of report.errors) out.push(`  ${e.file}: ${e.message}`);
  }
  const inference = report.findings.filter((f) => f.role === 'inference').length;
  out.push(
    '',
    `${fileCount} files scanned; ${report.findings.length} findings (${inference} inference), ${report.pairs.length} model ↔ region pairs${report.errors.length ? `, ${report.errors.length} problems` : ''}.`,
  );
  out.push(`Carbon: ${basisSentence(report.basis, report.gridMethod)}.`);
  const live = liveNote(report.findings.map((f) => f.carbon && { datetime: f.carbon.gridDatetime, fallback: f.carbon.gridFallback }));
  if (live) out.push(live.trimEnd());
  return out.join('\n');
}
