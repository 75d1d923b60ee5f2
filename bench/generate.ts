// The benchmark workspace: a deterministic (seeded) mixed monorepo of ~20,000 files and ~200 MB. Services with
// Terraform, Kubernetes/CloudFormation/LiteLLM/compose YAML, JSON config and catalogues, Python and TypeScript
// sources and .env files, at realistic densities of regions and model ids; plus what a scanner must skip or survive:
// a node_modules tree, dist/ bundles, minified bundles outside dist/, test folders, binary files (one with a
// scannable extension) and a few multi-megabyte files. Also the single documents of the per-document benchmark.
//
//   tsx bench/generate.ts [--seed N] [--out DIR] [--force] [--realistic]
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as c from './lib/content';
import { Rng } from './lib/rng';

/** Bump when the output changes, so cached trees are regenerated. */
export const GENERATOR_VERSION = 1;
/** Version of the realistic tree's generator (the dense tree keeps GENERATOR_VERSION). */
export const REALISTIC_VERSION = 1;

/**
 * The two benchmark trees. `dense`: the original stress tree (every format at high density, multi-megabyte manifests
 * and exports, 12% YAML). `realistic`: the share of files holding a region or model literal and the mix of file kinds
 * measured on real repositories (see realisticService).
 */
export type TreeKind = 'dense' | 'realistic';
export const DEFAULT_SEED = 20260807;
export const BENCH_CACHE = path.resolve(__dirname, '..', '.cache', 'bench');

export interface TreeInfo {
  root: string;
  kind?: TreeKind;
  seed: number;
  generatorVersion: number;
  files: number;
  bytes: number;
  /** Files and bytes by category (what a scanner reads vs must skip). */
  categories: Record<string, { files: number; bytes: number }>;
  seconds: number;
}

class Writer {
  files = 0;
  bytes = 0;
  categories: TreeInfo['categories'] = {};

  constructor(readonly root: string) {}

  write(rel: string, content: string | Buffer, category: string): void {
    const abs = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    this.files++;
    this.bytes += size;
    const cat = (this.categories[category] ??= { files: 0, bytes: 0 });
    cat.files++;
    cat.bytes += size;
  }
}

const KB = 1024;
const MB = 1024 * KB;

function service(w: Writer, rng: Rng, dir: string): void {
  const name = path.basename(dir);
  // Terraform: most services own some infrastructure; a region in most stacks, a model in some.
  if (rng.chance(0.85)) {
    w.write(`${dir}/infra/main.tf`, c.terraform(rng, rng.int(6, 28) * KB, { hits: rng.int(1, 3) }), 'terraform');
    w.write(`${dir}/infra/variables.tf`, c.terraform(rng, rng.int(2, 6) * KB, { hits: rng.chance(0.5) ? 1 : 0 }), 'terraform');
    w.write(`${dir}/infra/iam.tf`, c.terraform(rng, rng.int(4, 18) * KB, { hits: 0 }), 'terraform');
    w.write(`${dir}/infra/outputs.tf`, c.terraform(rng, rng.int(1, 3) * KB, { hits: 0 }), 'terraform');
    if (rng.chance(0.6)) w.write(`${dir}/infra/terraform.tfvars`, c.tfvars(rng), 'terraform');
  }
  // YAML
  w.write(`${dir}/deploy/k8s/deployment.yaml`, c.k8s(rng, rng.int(4, 18) * KB, { hits: rng.chance(0.35) ? rng.int(1, 2) : 0 }), 'yaml');
  w.write(`${dir}/deploy/values.yaml`, c.plainYaml(rng, rng.int(2, 10) * KB), 'yaml');
  w.write(`${dir}/.github/workflows/ci.yml`, c.plainYaml(rng, rng.int(1, 4) * KB), 'yaml');
  if (rng.chance(0.25)) w.write(`${dir}/template.yaml`, c.cloudformation(rng, rng.int(8, 40) * KB, { hits: rng.int(0, 2) }), 'yaml');
  if (rng.chance(0.2)) w.write(`${dir}/docker-compose.yml`, c.compose(rng, rng.int(2, 6), rng.chance(0.5)), 'yaml');
  if (rng.chance(0.08)) w.write(`${dir}/litellm/config.yaml`, c.litellm(rng, rng.int(2, 12)), 'yaml');
  // JSON
  w.write(`${dir}/package.json`, c.packageJson(rng, `@acme/${name}`), 'json');
  w.write(`${dir}/config/settings.json`, c.appSettingsJson(rng, rng.int(2, 16) * KB, rng.chance(0.12)), 'json');
  if (rng.chance(0.5)) w.write(`${dir}/config/messages.en.json`, c.messagesJson(rng, rng.int(12, 50) * KB), 'json');
  // Sources
  for (let i = rng.int(5, 13); i > 0; i--)
    w.write(`${dir}/src/${rng.ident(2)}_${i}.py`, c.python(rng, rng.int(2, 10) * KB, { hits: rng.chance(0.12) ? 1 : 0 }), 'python');
  for (let i = rng.int(5, 13); i > 0; i--)
    w.write(`${dir}/web/${rng.ident(1)}-${i}.ts`, c.typescript(rng, rng.int(2, 9) * KB, { hits: rng.chance(0.08) ? 1 : 0 }), 'typescript');
  if (rng.chance(0.4)) w.write(`${dir}/.env`, c.dotenv(rng, rng.chance(0.7)), 'dotenv');
  if (rng.chance(0.3)) w.write(`${dir}/.env.example`, c.dotenv(rng, rng.chance(0.5)), 'dotenv');
  // Skipped by default: tests (test data), build output.
  for (let i = rng.int(1, 4); i > 0; i--)
    w.write(
      `${dir}/tests/test_${rng.ident(1)}_${i}.py`,
      c.python(rng, rng.int(2, 8) * KB, { hits: rng.chance(0.3) ? 1 : 0 }),
      'skipped: tests',
    );
  if (rng.chance(0.3)) w.write(`${dir}/dist/bundle.min.js`, c.minifiedJs(rng, rng.int(80, 300) * KB), 'skipped: dist');
  // Read but never analysed: not a scanned extension.
  if (rng.chance(0.5)) w.write(`${dir}/assets/logo.png`, c.binary(rng, rng.int(4, 60) * KB), 'binary');
  if (rng.chance(0.6))
    w.write(`${dir}/README.md`, `# ${name}\n\n${rng.sentence(20, 40)}\n\nDeployed to ${rng.pick(c.AWS_REGIONS)}.\n`, 'other');
  // A minified bundle outside dist/: scanned (one very long line).
  if (rng.chance(0.08)) w.write(`${dir}/public/vendor.min.js`, c.minifiedJs(rng, rng.int(100, 500) * KB), 'minified (scanned)');
}

/**
 * What real repositories look like to the scanner, measured once by hand on a development corpus of 37 public AI/IaC
 * repositories kept outside this repository (the bench never reads it; these figures are its summary): of the files GridLens reads in
 * the six repositories whose whole file list could be read (159 files), 24 hold a region or model literal: **15%**
 * (the corpus keeps only the files on the model/region flow, and 76% of those hold one, so 15% is a floor for small AI
 * demos; large monorepos have a lower share). The mix of those 159 files: code 58% (Python 30%, TypeScript/JavaScript
 * 19%, Go 9%), Terraform 17%, JSON 11%, YAML 6%, Bicep 4%, other (env files, Dockerfiles, shell, TOML, notebooks) 5%.
 * A realistic service: 12 Python and 10 TypeScript files (a model or region in about one in six), 7 Terraform files, 4 JSON
 * files, 2 YAML files and an env file; no multi-megabyte manifests. The measured share of the generated tree is printed
 * by the bench (files with a finding / files read).
 */
export const MEASURED_LITERAL_SHARE = 0.15;

function realisticService(w: Writer, rng: Rng, dir: string): void {
  const name = path.basename(dir);
  const code = 0.165;
  if (rng.chance(0.75)) {
    w.write(`${dir}/infra/main.tf`, c.terraform(rng, rng.int(4, 16) * KB, { hits: rng.int(1, 2) }), 'terraform');
    w.write(`${dir}/infra/variables.tf`, c.terraform(rng, rng.int(1, 4) * KB, { hits: rng.chance(0.3) ? 1 : 0 }), 'terraform');
    for (const part of ['iam', 'outputs', 'network', 'locals', 'data'])
      w.write(`${dir}/infra/${part}.tf`, c.terraform(rng, rng.int(1, 8) * KB, { hits: 0 }), 'terraform');
  }
  w.write(`${dir}/.github/workflows/ci.yml`, c.plainYaml(rng, rng.int(1, 3) * KB), 'yaml');
  w.write(`${dir}/deploy/k8s/deployment.yaml`, c.k8s(rng, rng.int(2, 8) * KB, { hits: rng.chance(0.2) ? 1 : 0 }), 'yaml');
  w.write(`${dir}/package.json`, c.packageJson(rng, `@acme/${name}`), 'json');
  w.write(`${dir}/tsconfig.json`, c.appSettingsJson(rng, rng.int(1, 2) * KB, false), 'json');
  w.write(`${dir}/config/settings.json`, c.appSettingsJson(rng, rng.int(2, 8) * KB, rng.chance(0.1)), 'json');
  w.write(`${dir}/config/messages.en.json`, c.messagesJson(rng, rng.int(4, 20) * KB), 'json');
  for (let i = 12; i > 0; i--)
    w.write(`${dir}/src/${rng.ident(2)}_${i}.py`, c.python(rng, rng.int(2, 10) * KB, { hits: rng.chance(code) ? 1 : 0 }), 'python');
  for (let i = 10; i > 0; i--)
    w.write(`${dir}/web/${rng.ident(1)}-${i}.ts`, c.typescript(rng, rng.int(2, 9) * KB, { hits: rng.chance(code) ? 1 : 0 }), 'typescript');
  if (rng.chance(0.5)) w.write(`${dir}/.env.example`, c.dotenv(rng, rng.chance(0.5)), 'dotenv');
  for (let i = rng.int(1, 4); i > 0; i--)
    w.write(`${dir}/tests/test_${rng.ident(1)}_${i}.py`, c.python(rng, rng.int(2, 8) * KB, { hits: 0 }), 'skipped: tests');
  if (rng.chance(0.3)) w.write(`${dir}/dist/bundle.min.js`, c.minifiedJs(rng, rng.int(80, 300) * KB), 'skipped: dist');
  if (rng.chance(0.5)) w.write(`${dir}/assets/logo.png`, c.binary(rng, rng.int(4, 60) * KB), 'binary');
  if (rng.chance(0.6)) w.write(`${dir}/README.md`, `# ${name}\n\n${rng.sentence(20, 40)}\n`, 'other');
}

function nodeModules(w: Writer, rng: Rng, root: string, packages: number): void {
  for (let p = 0; p < packages; p++) {
    const pkg = `${root}/node_modules/${rng.chance(0.3) ? `@${rng.ident(1)}/` : ''}${rng.ident(1)}-${rng.ident(1)}-${p}`;
    w.write(`${pkg}/package.json`, c.packageJson(rng, path.basename(pkg)), 'skipped: node_modules');
    for (let i = rng.int(3, 10); i > 0; i--) {
      const js = rng.chance(0.15)
        ? c.minifiedJs(rng, rng.int(10, 40) * KB)
        : c.typescript(rng, rng.int(2, 10) * KB, { hits: rng.chance(0.01) ? 1 : 0 });
      w.write(`${pkg}/lib/${rng.ident(1)}-${i}.js`, js, 'skipped: node_modules');
    }
    if (rng.chance(0.5)) w.write(`${pkg}/index.d.ts`, c.typescript(rng, rng.int(1, 6) * KB, { hits: 0 }), 'skipped: node_modules');
  }
}

function bigFiles(w: Writer, rng: Rng): void {
  // Scanned (under the 2 MB default limit).
  w.write('platform/exports/cloudformation-export.json', c.cfnJson(rng, Math.round(1.6 * MB)), 'large (scanned)');
  w.write('platform/schema/generated_models.py', c.python(rng, Math.round(1.2 * MB), { hits: 2 }), 'large (scanned)');
  w.write('platform/k8s/all-manifests.yaml', c.k8s(rng, Math.round(1.8 * MB), { hits: 40 }), 'large (scanned)');
  // Over the limit: skipped after a stat, never read.
  w.write('platform/exports/catalogue-dump.json', c.messagesJson(rng, 6 * MB), 'large (over limit)');
  w.write('platform/openapi/openapi.yaml', c.plainYaml(rng, 3 * MB), 'large (over limit)');
  // Binary with a scannable extension (an MPEG transport stream named .ts): read, then rejected by the NUL check.
  w.write('media/intro.ts', c.binary(rng, Math.round(1.5 * MB)), 'binary (scannable name)');
  for (let i = 0; i < 6; i++) w.write(`media/clips/clip-${i}.ts`, c.binary(rng, rng.int(100, 400) * KB), 'binary (scannable name)');
  // Data files: not a scanned extension.
  w.write('data/events.parquet', c.binary(rng, 5 * MB), 'binary');
  w.write('data/model.bin', c.binary(rng, 4 * MB), 'binary');
}

/** Generates the tree into `root` (removed first). */
export function generateTree(root: string, seed = DEFAULT_SEED, kind: TreeKind = 'dense'): TreeInfo {
  const started = Date.now();
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const rng = new Rng(seed);
  const w = new Writer(root);
  const teams = ['payments', 'search', 'support', 'catalog', 'identity', 'data', 'ml', 'growth', 'platform', 'ops'];
  if (kind === 'realistic') {
    for (let s = 0; s < 330; s++) realisticService(w, rng, `services/${rng.pick(teams)}/${rng.ident(1)}-${String(s).padStart(3, '0')}`);
    nodeModules(w, rng, '.', 700);
  } else {
    for (let s = 0; s < 440; s++) service(w, rng, `services/${rng.pick(teams)}/${rng.ident(1)}-${String(s).padStart(3, '0')}`);
    nodeModules(w, rng, '.', 700);
    bigFiles(w, rng);
  }
  w.write('README.md', '# acme monorepo\n', 'other');
  w.write('.gridlensignore', '# benchmark tree: the built-in skips only\n', 'other');
  const version = kind === 'realistic' ? REALISTIC_VERSION : GENERATOR_VERSION;
  return {
    root,
    kind,
    seed,
    generatorVersion: version,
    files: w.files,
    bytes: w.bytes,
    categories: w.categories,
    seconds: (Date.now() - started) / 1000,
  };
}

/** The tree for `seed`, generated once and reused while the generator version is unchanged. */
export function ensureTree(
  seed = DEFAULT_SEED,
  force = false,
  log: (line: string) => void = () => undefined,
  kind: TreeKind = 'dense',
): TreeInfo {
  const root = path.join(BENCH_CACHE, kind === 'realistic' ? `tree-realistic-${seed}` : `tree-${seed}`);
  const version = kind === 'realistic' ? REALISTIC_VERSION : GENERATOR_VERSION;
  const stamp = `${root}.json`;
  if (!force && fs.existsSync(stamp) && fs.existsSync(root)) {
    const info = JSON.parse(fs.readFileSync(stamp, 'utf8')) as TreeInfo;
    if (info.generatorVersion === version && info.seed === seed) return { ...info, kind };
  }
  log(`generating the ${kind} benchmark tree (seed ${seed}) in ${path.relative(process.cwd(), root)}…`);
  fs.rmSync(stamp, { force: true });
  const info = generateTree(root, seed, kind);
  fs.writeFileSync(stamp, JSON.stringify(info, null, 2));
  log(`  ${info.files} files, ${(info.bytes / MB).toFixed(1)} MB in ${info.seconds.toFixed(1)} s`);
  return info;
}

export interface SingleDocuments {
  terraform: string;
  yaml: string;
  python: string;
}

/** Keeps whole blocks (separated by blank lines) until `lines` lines. */
function cutLines(text: string, lines: number): string {
  const blocks = text.split(/\n\n(?=\S)/);
  const out: string[] = [];
  let count = 0;
  for (const b of blocks) {
    if (count >= lines) break;
    out.push(b);
    count += b.split('\n').length + 1;
  }
  return `${out.join('\n\n')}\n`;
}

/** The single documents: a 10,000-line Terraform file, a 5 MB YAML file, a 20,000-line Python file. */
export function ensureDocuments(seed = DEFAULT_SEED): SingleDocuments {
  const dir = path.join(BENCH_CACHE, `docs-${seed}-v${GENERATOR_VERSION}`);
  // one folder each: the editor also reads the files beside a document, and these must not be each other's context
  const docs = {
    terraform: path.join(dir, 'terraform', 'main.tf'),
    yaml: path.join(dir, 'yaml', 'manifests.yaml'),
    python: path.join(dir, 'python', 'service.py'),
  };
  if (Object.values(docs).every((f) => fs.existsSync(f))) return docs;
  for (const f of Object.values(docs)) fs.mkdirSync(path.dirname(f), { recursive: true });
  const rng = new Rng(seed ^ 0x5eed);
  fs.writeFileSync(docs.terraform, cutLines(c.terraform(rng, 400 * KB, { hits: 30 }), 10_000));
  fs.writeFileSync(docs.yaml, c.k8s(rng, 5 * MB, { hits: 120 }));
  fs.writeFileSync(docs.python, cutLines(c.python(rng, 800 * KB, { hits: 20 }), 20_000));
  return docs;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : DEFAULT_SEED;
  const outAt = args.indexOf('--out');
  const kind: TreeKind = args.includes('--realistic') ? 'realistic' : 'dense';
  if (outAt >= 0) {
    const info = generateTree(path.resolve(args[outAt + 1]), seed, kind);
    console.log(JSON.stringify(info, null, 2));
  } else {
    const info = ensureTree(seed, args.includes('--force'), console.log, kind);
    console.log(JSON.stringify({ ...info, documents: ensureDocuments(seed) }, null, 2));
  }
}
