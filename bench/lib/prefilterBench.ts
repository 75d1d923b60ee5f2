// The scan prefilter (src/core/scan/prefilter.ts) on the benchmark trees and on real repositories: the JSON report with
// and without it (`--no-prefilter`) must be byte for byte the same; the whole-tree scan times of both, against
// ripgrep on the same files; and the share of the files read that hold a region or model literal (a finding).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGridlens, runRg, rgSameFilesArgs, type ScanFigures } from './scanBench';
import { summary, type Summary } from './stats';

export interface PrefilterFigures {
  /** Wall time of the scan with `--no-prefilter` (the same rounds, interleaved with ripgrep). */
  without: Summary;
  rgSame: Summary;
  /** Whether the two JSON reports are byte for byte the same; else the first differing line of each. */
  identical: boolean;
  mismatch?: { line: number; withPrefilter: string; without: string };
  /** Files with at least one finding in the report, of the files read. */
  filesWithLiteral: number;
}

/** The first line where two texts differ (1-based), with both lines. */
export function firstDifference(a: string, b: string): { line: number; withPrefilter: string; without: string } | undefined {
  if (a === b) return undefined;
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++)
    if (la[i] !== lb[i]) return { line: i + 1, withPrefilter: la[i] ?? '(end)', without: lb[i] ?? '(end)' };
  return undefined;
}

/** `--no-prefilter` scans (and ripgrep, interleaved) after scanBenchmark has run the default ones into `outDir`. */
export async function prefilterBenchmark(
  cli: string,
  tree: string,
  outDir: string,
  rounds: number,
  log: (line: string) => void,
): Promise<PrefilterFigures> {
  const out = (name: string) => path.join(outDir, name);
  const times = { without: [] as number[], rg: [] as number[] };
  await runGridlens(cli, tree, out('gridlens-no-prefilter.json'), {}, ['--no-prefilter']);
  for (let i = 0; i < rounds; i++) {
    const rs = await runRg(tree, rgSameFilesArgs(), out('rg-same.txt'));
    const g = await runGridlens(cli, tree, out('gridlens-no-prefilter.json'), {}, ['--no-prefilter']);
    times.rg.push(rs.ms);
    times.without.push(g.ms);
    log(`  --no-prefilter round ${i + 1}/${rounds}: gridlens ${(g.ms / 1000).toFixed(2)} s · rg same files ${(rs.ms / 1000).toFixed(2)} s`);
  }
  const withPrefilter = fs.readFileSync(out('gridlens.json'), 'utf8');
  const without = fs.readFileSync(out('gridlens-no-prefilter.json'), 'utf8');
  const mismatch = firstDifference(withPrefilter, without);
  const report = JSON.parse(withPrefilter) as { findings: Array<{ file: string }> };
  return {
    without: summary(times.without),
    rgSame: summary(times.rg),
    identical: !mismatch,
    mismatch,
    filesWithLiteral: new Set(report.findings.map((f) => f.file)).size,
  };
}

export interface CorpusComparison {
  corpus: string;
  repositories: number;
  mismatches: Array<{ repository: string; line: number; withPrefilter: string; without: string }>;
}

/**
 * The real-repository development set: an input from outside the repository, only when named with `--corpus DIR`
 * (the project never reaches beside its own checkout). Never read by npm test.
 */
export function findCorpus(given: string | undefined): string | undefined {
  const dir = given ? path.resolve(given) : undefined;
  return dir && fs.existsSync(dir) && fs.statSync(dir).isDirectory() ? dir : undefined;
}

/** Each corpus repository (`<corpus>/<owner+name>/files`) scanned on its own, with and without the prefilter. */
export function corpusComparison(cli: string, corpus: string, log: (line: string) => void): CorpusComparison {
  const repos = fs
    .readdirSync(corpus)
    .filter((d) => fs.existsSync(path.join(corpus, d, 'files')))
    .sort();
  const mismatches: CorpusComparison['mismatches'] = [];
  for (const repo of repos) {
    const root = path.join(corpus, repo, 'files');
    const scan = (extra: string[]) => {
      const r = spawnSync(process.execPath, [cli, 'scan', root, '--format', 'json', ...extra], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      if (r.status !== 0 && r.status !== 1) throw new Error(`gridlens scan ${repo} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
      return r.stdout;
    };
    const difference = firstDifference(scan([]), scan(['--no-prefilter']));
    if (difference) {
      mismatches.push({ repository: repo, ...difference });
      log(
        `  MISMATCH ${repo}, line ${difference.line}:\n    with the prefilter: ${difference.withPrefilter}\n    without:            ${difference.without}`,
      );
    }
  }
  log(`  corpus: ${repos.length} repositories, ${mismatches.length} with a different report`);
  return { corpus, repositories: repos.length, mismatches };
}

/** The scan figures of one tree with its prefilter comparison. */
export interface TreeScan {
  scan: ScanFigures;
  prefilter: PrefilterFigures;
}
