// Child process: where one thread's scan time goes, by file format. Reads GridLens's selection of the tree (the CLI's
// own file walk), then times (CPU time, process.cpuUsage) the per-file detectors by family, the Terraform module
// analysis, the YAML parse alone, the workspace pairing, and the whole one-thread `gridlens scan` for the
// shares. Prints JSON.
//   node families.js <tree>
import { bundledDataset } from '../../src/core/data/bundled';
import { finishFiles, startFile, type FileResult } from '../../src/core/scan/analyze';
import { detectFamily } from '../../src/core/scan/registry';
import { ignoreRules, testSkips } from '../../src/core/scan/ignore';
import { pairResults } from '../../src/core/scan/workspace';
import { runScan } from '../../src/cli/scan';
import { nodeFiles } from '../../src/cli/nodeFiles';
import { listCandidates, readCandidate } from '../../src/core/scan/pipeline';
import { parseYamlTree } from '../../src/core/scan/yamlTree';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const tree = process.argv[2];
  const index = bundledDataset();
  let t = cpu();
  const access = nodeFiles(tree);
  const { candidates } = await listCandidates(access, [{ path: '.' }], ignoreRules('', { extra: testSkips }));
  const files: Array<{ path: string; text: string }> = [];
  for (const path of candidates) {
    const read = await readCandidate(access, path, { maxFileBytes: 2048 * 1024 });
    if ('text' in read) files.push({ path, text: read.text });
  }
  const readMs = cpu() - t;
  const families: Record<string, { files: number; bytes: number; ms: number }> = {};
  const results: FileResult[] = [];
  const terraform: FileResult[] = [];
  for (const f of files) {
    const family = detectFamily(f.path) ?? 'other';
    const entry = (families[family] ??= { files: 0, bytes: 0, ms: 0 });
    t = cpu();
    const r = startFile(index, f.path, f.text);
    if (family === 'terraform') terraform.push(r);
    else finishFiles([r]);
    entry.ms += cpu() - t;
    entry.files++;
    entry.bytes += Buffer.byteLength(f.text);
    results.push(r);
  }
  t = cpu();
  finishFiles(terraform);
  if (families.terraform) families.terraform.ms += cpu() - t;
  t = cpu();
  const pairs = pairResults(index, results);
  const pairMs = cpu() - t;
  // the YAML parse alone, on the same YAML files, as the detector makes it: GridLens's reader (yamlFast.ts), and the
  // `yaml` package for what that reader leaves to it
  t = cpu();
  for (const f of files) if (detectFamily(f.path) === 'yaml') void parseYamlTree(f.text);
  const yamlParseMs = cpu() - t;
  // the whole scan again, as the CLI runs it on one thread (reading, analysis, pairing, report), for the shares
  process.env.GRIDLENS_THREADS = '1';
  t = cpu();
  await runScan([tree, '--format', 'json'], { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false });
  const fullMs = cpu() - t;
  process.stdout.write(JSON.stringify({ readMs, families, pairMs, pairs: pairs.length, yamlParseMs, fullMs }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
