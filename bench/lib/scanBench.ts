// Whole-tree scan: `gridlens scan --format json` against ripgrep searching the same tree for the same region and
// model patterns. Both write their output to a file; both run warm (page cache), interleaved round by round.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectFamily } from '../../src/core/scan/registry';
import { defaultSkips, ignoreRules, testSkips } from '../../src/core/scan/ignore';
import { summary, type Summary } from './stats';

const MAX_FILE_BYTES = 2048 * 1024;

/** Region codes and model ids as ripgrep patterns (Rust regex: no look-behind), close to the scanner's shapes. */
export const RG_PATTERNS = [
  String.raw`\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:gov-)?(?:north|south|east|west|central|northeast|southeast|southwest|northwest)-\d[a-z]?\b`,
  String.raw`\b(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-(?:north|south|east|west|central|northeast|southeast|southwest|northwest)\d{1,2}(?:-[a-z])?\b`,
  String.raw`\b(?:eastus2?|westus[23]?|westeurope|northeurope|swedencentral|uksouth|francecentral|germanywestcentral|japaneast|australiaeast|canadaeast|southcentralus|northcentralus)\b`,
  String.raw`\b(?:(?:us|eu|apac|jp|au|ca|global)\.)?(?:anthropic|amazon|meta|cohere|mistral|ai21|deepseek|writer|qwen|openai)\.[a-z0-9][a-z0-9.-]*-[a-z0-9.:-]+`,
  String.raw`\b(?:gemini|gemma)-[0-9a-z][0-9a-z.-]*|\bclaude-[a-z0-9.@-]*\d[a-z0-9.@-]*|\bgpt-(?:3\.5|35|4|4o|4\.1|4\.5|5|oss)[a-z0-9.-]*`,
  String.raw`\b(?:mistral|mixtral|codestral|ministral|pixtral)-[a-z0-9.-]+|\bcommand-(?:r|a|light)[a-z0-9.-]*|\btext-embedding-[a-z0-9-]+`,
  String.raw`\b[A-Za-z0-9][\w.-]*/[\w.-]*(?:Llama|Qwen|Mistral|Mixtral|gemma|phi)[\w.-]*`,
];

/** ripgrep restricted to what GridLens reads: its file families, its default and test skips, its size limit. */
export function rgSameFilesArgs(): string[] {
  const families = [
    '*.tf',
    '*.tfvars',
    '*.tfvars.example',
    '*.tfvars.sample',
    '*.tfvars.template',
    '*.tfvars.dist',
    '*.yml',
    '*.yaml',
    '*.yml.example',
    '*.yaml.example',
    '*.yml.sample',
    '*.yaml.sample',
    '*.yml.template',
    '*.yaml.template',
    '*.json',
    '*.jsonc',
    '*.json5',
    '*.template',
    '.gridlensrc',
    '*.toml',
    '.env',
    '.env.*',
    '*.env',
    'env.example',
    'env.sample',
    'env.template',
    '.envrc',
    '.flaskenv',
    '*.sh',
    '*.bash',
    '*.zsh',
    '*.ksh',
    'Makefile',
    'GNUmakefile',
    '*.mk',
    'Dockerfile',
    'Containerfile',
    '*.dockerfile',
    'Dockerfile.*',
    '*.properties',
    '*.py',
    '*.pyi',
    '*.ipynb',
    '*.ts',
    '*.tsx',
    '*.js',
    '*.jsx',
    '*.mjs',
    '*.cjs',
    '*.mts',
    '*.cts',
    '*.go',
    '*.java',
    '*.kt',
    '*.kts',
    '*.scala',
    '*.cs',
    '*.bicep',
    '*.bicepparam',
  ];
  // ripgrep globs: a leading `**/` is implied for patterns without a slash; folder skips as `!name/`.
  const skips = [...defaultSkips, ...testSkips].map((g) => g.replace(/^\*\*\//, '').replace(/\/\*\*$/, '/'));
  return [
    '--hidden',
    '--no-ignore',
    '--max-filesize',
    `${MAX_FILE_BYTES / 1024}K`,
    ...families.flatMap((g) => ['--iglob', g]),
    '--iglob',
    '!*.d.ts',
    ...skips.flatMap((g) => ['--glob', `!${g}`]),
  ];
}

export function rgWholeTreeArgs(): string[] {
  return ['--hidden', '--no-ignore'];
}

function rgCommand(selection: string[]): string[] {
  return ['--no-config', '--stats', '-n', '-o', ...selection, ...RG_PATTERNS.flatMap((p) => ['-e', p]), '.'];
}

export interface Selection {
  /** Files GridLens analyses. */
  files: number;
  bytes: number;
  /** Files read and then rejected as binary. */
  binary: number;
  /** Candidates over the size limit (stat only). */
  oversize: number;
}

/** What `gridlens scan` reads in `root` with default options: the same rules as the CLI (families, skips, limits). */
export function gridlensSelection(root: string): Selection {
  const ignore = ignoreRules('', { extra: testSkips });
  const out: Selection = { files: 0, bytes: 0, binary: 0, oversize: 0 };
  const walk = (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = rel ? `${rel}/${entry.name}` : entry.name;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!ignore.test(`${p}/`) && !ignore.test(p)) walk(abs, p);
      } else if (entry.isFile() && detectFamily(p) && !ignore.test(p)) {
        const size = fs.statSync(abs).size;
        if (size > MAX_FILE_BYTES) {
          out.oversize++;
          continue;
        }
        const fd = fs.openSync(abs, 'r');
        const head = Buffer.alloc(Math.min(8192, size));
        fs.readSync(fd, head, 0, head.length, 0);
        fs.closeSync(fd);
        if (head.includes(0)) out.binary++;
        else {
          out.files++;
          out.bytes += size;
        }
      }
    }
  };
  walk(root, '');
  return out;
}

export interface RunResult {
  ms: number;
  /** Peak RSS in bytes (GridLens only). */
  peakRss?: number;
  exitCode: number;
}

function timed(command: string, args: string[], options: { cwd: string; outFile: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(options.outFile, 'w');
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      fs.closeSync(out);
      if (code !== 0 && code !== 1) reject(new Error(`${command} ${args.slice(0, 4).join(' ')}… exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ ms: elapsed, exitCode: code ?? -1 });
    });
  });
}

export async function runGridlens(
  cli: string,
  tree: string,
  outFile: string,
  env: NodeJS.ProcessEnv = {},
  extra: string[] = [],
): Promise<RunResult> {
  const rssFile = path.join(os.tmpdir(), `gridlens-bench-rss-${process.pid}`);
  fs.rmSync(rssFile, { force: true });
  const result = await timed(
    process.execPath,
    ['--require', path.join(__dirname, 'peak-rss.cjs'), cli, 'scan', '.', '--format', 'json', ...extra],
    {
      cwd: tree,
      outFile,
      env: { ...process.env, ...env, GRIDLENS_BENCH_RSS_FILE: rssFile },
    },
  );
  if (fs.existsSync(rssFile)) result.peakRss = Number(fs.readFileSync(rssFile, 'utf8')) * 1024;
  return result;
}

export interface RgStats {
  matches: number;
  files: number;
  bytes: number;
}

export function rgStats(outFile: string): RgStats {
  const fd = fs.openSync(outFile, 'r');
  const size = fs.fstatSync(fd).size;
  const tail = Buffer.alloc(Math.min(4096, size));
  fs.readSync(fd, tail, 0, tail.length, size - tail.length);
  fs.closeSync(fd);
  const text = tail.toString('utf8');
  const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  return { matches: num(/(\d+) matches\n/), files: num(/(\d+) files searched/), bytes: num(/(\d+) bytes searched/) };
}

export async function runRg(tree: string, selection: string[], outFile: string): Promise<RunResult> {
  return timed('rg', rgCommand(selection), { cwd: tree, outFile });
}

export function rgVersion(): string | undefined {
  const r = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** rg, or install it (Debian package ripgrep) when running as root; otherwise the exact command and exit 2. */
export function ensureRipgrep(log: (line: string) => void): string {
  const found = rgVersion();
  if (found) return found;
  const command = 'apt-get install -y ripgrep';
  if (process.getuid?.() === 0) {
    log(`ripgrep (rg) is missing: running \`${command}\` (Debian package ripgrep)…`);
    let r = spawnSync('apt-get', ['install', '-y', 'ripgrep'], { stdio: 'inherit' });
    if (r.status !== 0) {
      log('  apt-get install failed; retrying after `apt-get update`…');
      spawnSync('apt-get', ['update'], { stdio: 'inherit' });
      r = spawnSync('apt-get', ['install', '-y', 'ripgrep'], { stdio: 'inherit' });
    }
    const installed = rgVersion();
    if (installed) return installed;
  }
  console.error(
    `gridlens bench: ripgrep (rg) is required as the reference. Install the Debian package:\n\n  sudo apt-get update && sudo ${command}\n`,
  );
  process.exit(2);
}

export interface ScanFigures {
  selection: Selection;
  gridlens: Summary;
  gridlensRss: Summary;
  gridlensOneThread?: Summary;
  gridlensOneThreadRss?: Summary;
  identicalAcrossThreads?: boolean;
  /** One two-thread scan forced (GRIDLENS_THREADS=2: a reader and the analysing main thread), compared byte for byte with the one-thread report. */
  gridlensTwoWorkersMs?: number;
  rgSame: Summary;
  rgAll: Summary;
  rgSameStats: RgStats;
  rgAllStats: RgStats;
  report: { findings: number; pairs: number; errors: number; bytes: number };
}

/** Runs every configuration `rounds` times, interleaved, after one warm-up each. */
export async function scanBenchmark(
  cli: string,
  tree: string,
  outDir: string,
  rounds: number,
  log: (line: string) => void,
): Promise<ScanFigures> {
  fs.mkdirSync(outDir, { recursive: true });
  const selection = gridlensSelection(tree);
  const out = (name: string) => path.join(outDir, name);
  const sameArgs = rgSameFilesArgs();
  const allArgs = rgWholeTreeArgs();
  log('  warm-up (page cache)…');
  await runRg(tree, allArgs, out('rg-all.txt'));
  await runRg(tree, sameArgs, out('rg-same.txt'));
  await runGridlens(cli, tree, out('gridlens.json'));
  const times = {
    gridlens: [] as number[],
    rss: [] as number[],
    one: [] as number[],
    oneRss: [] as number[],
    rgSame: [] as number[],
    rgAll: [] as number[],
  };
  for (let i = 0; i < rounds; i++) {
    const rs = await runRg(tree, sameArgs, out('rg-same.txt'));
    const ra = await runRg(tree, allArgs, out('rg-all.txt'));
    const g = await runGridlens(cli, tree, out('gridlens.json'));
    times.rgSame.push(rs.ms);
    times.rgAll.push(ra.ms);
    times.gridlens.push(g.ms);
    if (g.peakRss) times.rss.push(g.peakRss);
    log(
      `  round ${i + 1}/${rounds}: gridlens ${(g.ms / 1000).toFixed(2)} s (peak ${((g.peakRss ?? 0) / 2 ** 20).toFixed(0)} MB) · rg same files ${(rs.ms / 1000).toFixed(2)} s · rg whole tree ${(ra.ms / 1000).toFixed(2)} s`,
    );
  }
  // One thread (workers off): the scaling, and a check that the parallel scan gives the same report byte for byte.
  let identical: boolean | undefined;
  for (let i = 0; i < Math.min(2, rounds); i++) {
    const one = await runGridlens(cli, tree, out('gridlens-1thread.json'), { GRIDLENS_THREADS: '1' });
    times.one.push(one.ms);
    if (one.peakRss) times.oneRss.push(one.peakRss);
    log(`  one thread ${i + 1}: ${(one.ms / 1000).toFixed(2)} s`);
  }
  // The default may itself pick one thread on a busy machine: force two threads so the comparison always crosses threads.
  let workers: number | undefined;
  if (times.one.length) {
    const forced = await runGridlens(cli, tree, out('gridlens-2workers.json'), { GRIDLENS_THREADS: '2' });
    workers = forced.ms;
    log(`  two threads (forced): ${(forced.ms / 1000).toFixed(2)} s`);
    identical = fs.readFileSync(out('gridlens-2workers.json')).equals(fs.readFileSync(out('gridlens-1thread.json')));
  }
  const json = JSON.parse(fs.readFileSync(out('gridlens.json'), 'utf8')) as { findings: unknown[]; pairs: unknown[]; errors: unknown[] };
  return {
    selection,
    gridlens: summary(times.gridlens),
    gridlensRss: summary(times.rss),
    gridlensOneThread: times.one.length ? summary(times.one) : undefined,
    gridlensOneThreadRss: times.oneRss.length ? summary(times.oneRss) : undefined,
    identicalAcrossThreads: identical,
    gridlensTwoWorkersMs: workers,
    rgSame: summary(times.rgSame),
    rgAll: summary(times.rgAll),
    rgSameStats: rgStats(out('rg-same.txt')),
    rgAllStats: rgStats(out('rg-all.txt')),
    report: {
      findings: json.findings.length,
      pairs: json.pairs.length,
      errors: json.errors.length,
      bytes: fs.statSync(out('gridlens.json')).size,
    },
  };
}
