// The whole workspace at once: every file analysed, Terraform modules by folder, env scopes, symbols and Azure
// deployments gathered, then every anchor paired through the resolver; and what a tree scan (pipeline.ts) keeps of an
// analysed file for pairing and the report. Pure: the caller reads the files.
import type { DatasetIndex } from '../data/dataset';
import { finishFiles, startFile, type FileResult } from './analyze';
import type { AzureDeployment, EnvScope, FileFacts, Ref } from './facts';
import { pairAnchors, scopeAnchors, type AnchorSite } from './pairing';
import { projectRoots } from './projects';
import { lineStarts } from './text';
import { Resolver } from './resolve';
import type { SymbolKey } from './symbols';
import type { FileAnalysis, Finding, Pair } from './types';

export interface WorkspaceFile {
  /** Path relative to the workspace root, '/'-separated. */
  path: string;
  text: string;
}

export interface WorkspaceScan {
  analyses: FileAnalysis[];
  pairs: Pair[];
}

/** `prefilter: false` parses every file, also those that cannot hold a finding (the report is the same: prefilter.ts). */
export function scanWorkspace(
  index: DatasetIndex,
  files: ReadonlyArray<WorkspaceFile>,
  options: { prefilter?: boolean } = {},
): WorkspaceScan {
  const results: FileResult[] = files.map((f) => startFile(index, f.path, f.text, options.prefilter ?? true));
  finishFiles(results);
  const pairs = reportedPairs(index, results);
  return { analyses: results.map((r) => r.analysis), pairs };
}

/** What pairing and the report keep of an analysed file: its findings, problems and facts, never its text. */
export interface KeptFile {
  analysis: FileAnalysis;
  facts: FileFacts;
  /** Offsets where lines start, for line and column numbers (files with findings or facts only). */
  lineStarts?: Uint32Array;
}

const hasFacts = (f: FileFacts) => f.anchors.length > 0 || f.scopes.length > 0 || f.symbols.length > 0 || f.azureDeployments.length > 0;

const isRelevant = (r: Pick<FileResult, 'analysis' | 'facts'>) => r.analysis.findings.length > 0 || hasFacts(r.facts);

/**
 * Whether pairing and the report keep an analysed file: not when it has no finding, fact or problem (it is counted as
 * read and goes no further: a bare package.json does not make its folder a project of its own).
 */
const isKept = (r: Pick<FileResult, 'analysis' | 'facts'>) => isRelevant(r) || r.analysis.problems.length > 0;

/**
 * An analysed file as pairing and the report keep it (see isKept); undefined when it is not kept. `starts`: its
 * text's line starts, when another thread worked them out already.
 */
export function keptFile(result: FileResult, starts?: Uint32Array): KeptFile | undefined {
  if (!isKept(result)) return undefined;
  return {
    analysis: result.analysis,
    facts: result.facts,
    lineStarts: isRelevant(result) ? (starts ?? lineStarts(result.text)) : undefined,
  };
}

/**
 * The pairs a scan reports: every pair of the files but those of an ignored model. `paths`: every file of the scan,
 * kept or not (a tree scan keeps only files with findings, facts or problems), since a manifest among them roots a
 * project whether or not it holds anything to report.
 */
export function reportedPairs(
  index: DatasetIndex,
  files: ReadonlyArray<Pick<FileResult, 'analysis' | 'facts'>>,
  paths: Iterable<string> = files.map((f) => f.analysis.file),
): Pair[] {
  return pairResults(index, files, paths).filter((p) => !p.model.finding.ignored);
}

/** Pairs the anchors of analysed files (only their analysis and facts are read: results may come from workers). */
export function pairResults(
  index: DatasetIndex,
  results: ReadonlyArray<Pick<FileResult, 'analysis' | 'facts'>>,
  paths: Iterable<string> = results.map((r) => r.analysis.file),
): Pair[] {
  const scopes: Array<{ scope: EnvScope; file: string }> = [];
  const symbols = new Map<SymbolKey, Array<{ value: Ref; priority: number; file: string }>>();
  const sites: AnchorSite[] = [];
  const deployments: Array<{ d: AzureDeployment; file: string }> = [];
  const files = new Set(results.map((r) => r.analysis.file));
  for (const r of results) {
    const file = r.analysis.file;
    for (const scope of r.facts.scopes) scopes.push({ scope, file });
    for (const s of r.facts.symbols) {
      if (s.unless !== undefined && files.has(s.unless)) continue;
      const list = symbols.get(s.key) ?? [];
      list.push({ value: s.value, priority: s.priority, file });
      symbols.set(s.key, list);
    }
    for (const anchor of r.facts.anchors) sites.push({ anchor, file });
    for (const d of r.facts.azureDeployments) deployments.push({ d, file });
  }
  const resolver = new Resolver(scopes, symbols, projectRoots(paths));
  const pairs = pairAnchors(
    index,
    resolver,
    sites.filter((s) => !s.anchor.unlessCalled),
    deployments,
  );
  const claimed = new Set(pairs.map((p) => p.model.finding));
  const unclaimed = pairAnchors(
    index,
    resolver,
    sites.filter((s) => s.anchor.unlessCalled),
    deployments,
  ).filter((p) => !claimed.has(p.model.finding));
  for (const p of unclaimed) claimed.add(p.model.finding);
  const all = [...pairs, ...unclaimed, ...pairAnchors(index, resolver, scopeAnchors(index, resolver, scopes, claimed), deployments)];
  // a model setting no call, client or deployment was traced from still runs somewhere: say it is not known where
  const paired = new Set(all.map((p) => p.model.finding));
  let defaults: Map<Finding, string> | undefined;
  for (const r of results) {
    for (const finding of r.analysis.findings) {
      if (
        finding.kind !== 'model' ||
        (finding.role !== 'inference' && finding.role !== 'deployment') ||
        !finding.value ||
        paired.has(finding)
      )
        continue;
      const at = { file: r.analysis.file, range: finding.range };
      const shadowing = (defaults ??= modelCallDefaults(sites, symbols)).get(finding);
      all.push({
        model: { file: r.analysis.file, finding },
        state: 'unresolved',
        evidence: [at],
        note:
          shadowing === undefined
            ? 'no model call or deployment using this setting was found in the workspace'
            : `default of ${shadowing}, which the workspace sets where the model call runs: it runs only where ${shadowing} is not set`,
      });
    }
  }
  return all;
}

/**
 * The literal defaults of the env reads the anchors' models come from (`os.environ.get("MODEL_ID", "…")`), through
 * the symbols they follow, and of the symbols the workspace defines (a Spring property's `@Value` default), each with
 * what it is the default of. Such a default left unpaired is one the workspace's own setting shadows wherever the call
 * runs.
 */
function modelCallDefaults(
  sites: readonly AnchorSite[],
  symbols: ReadonlyMap<SymbolKey, ReadonlyArray<{ value: Ref }>>,
): Map<Finding, string> {
  const defaults = new Map<Finding, string>();
  const seen = new Set<Ref>();
  const visit = (ref: Ref | undefined, env: string | undefined): void => {
    if (!ref || seen.has(ref)) return;
    seen.add(ref);
    switch (ref.kind) {
      case 'finding':
        if (env !== undefined) defaults.set(ref.finding, env);
        return;
      case 'env':
        return visit(ref.fallback, ref.names[0]);
      case 'chain':
        return visit(ref.next, env);
      case 'all':
        for (const r of ref.refs) visit(r, env);
        return;
      case 'symbol': {
        const defined = symbols.get(ref.key) ?? [];
        for (const d of defined) visit(d.value, env);
        // (a default of a value the workspace defines: a Spring property's `@Value` default, a parameter's)
        return visit(ref.fallback, defined.length ? (ref.label ?? env) : env);
      }
      default:
        return;
    }
  };
  for (const { anchor } of sites) for (const m of anchor.models) visit(m, undefined);
  return defaults;
}
