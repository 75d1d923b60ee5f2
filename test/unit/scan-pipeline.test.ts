// The scan pipeline (src/core/scan/pipeline.ts) the CLI and the editor share: which files are candidates, how a file
// is accepted, how Terraform files are grouped into batches and what a tree scan keeps. The real core code runs here;
// an in-memory FileAccess stands in for the disk only.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { fixturesDir } from '../fixtures/scan-harness';
import { bundledDataset } from '../../src/core/data/bundled';
import { ignoreRules, testSkips } from '../../src/core/scan/ignore';
import {
  analyseBatch,
  groupFolders,
  listCandidates,
  planBatches,
  readBatch,
  readCandidate,
  scanTree,
  type EntryKind,
  type FileAccess,
  type FileStat,
} from '../../src/core/scan/pipeline';
import { joinPath, lineStarts } from '../../src/core/scan/text';
import { scanWorkspace } from '../../src/core/scan/workspace';

type Node = string | Uint8Array | { link: string } | { device: true } | { unreadable: string };

/** A disk in memory: files by path ('/'-separated), folders implied by them; counts the reads. */
function memoryFiles(tree: Record<string, Node>): FileAccess & { reads: string[] } {
  const failure = (code: string) => Object.assign(new Error(code), { code });
  const folders = new Set(['.']);
  for (const path of Object.keys(tree)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  const follow = (path: string, depth = 0): string => {
    const node = tree[path];
    if (node !== undefined && typeof node === 'object' && 'link' in node) {
      if (depth > 8) throw failure('ELOOP');
      return follow(node.link, depth + 1);
    }
    if (node === undefined && !folders.has(path)) throw failure('ENOENT');
    return path;
  };
  const kindOf = (path: string): EntryKind => {
    const node = tree[path];
    if (node === undefined) return 'folder';
    if (typeof node === 'string' || node instanceof Uint8Array || 'unreadable' in node) return 'file';
    return 'link' in node ? 'link' : 'other';
  };
  const reads: string[] = [];
  return {
    reads,
    list(folder) {
      if (!folders.has(folder)) throw failure('ENOENT');
      const prefix = folder === '.' ? '' : `${folder}/`;
      const names = new Set<string>();
      for (const path of [...Object.keys(tree), ...folders])
        if (path.startsWith(prefix) && path !== folder && path.length > prefix.length) names.add(path.slice(prefix.length).split('/')[0]);
      return [...names].reverse().map((name) => ({ name, kind: kindOf(prefix + name) }));
    },
    stat(path): FileStat {
      const target = follow(path);
      const node = tree[target];
      const kind = kindOf(target);
      const size = typeof node === 'string' ? new TextEncoder().encode(node).length : node instanceof Uint8Array ? node.length : 0;
      return { kind: kind === 'link' ? 'other' : kind, size };
    },
    read(path) {
      reads.push(path);
      const node = tree[follow(path)];
      if (typeof node === 'string') return new TextEncoder().encode(node);
      if (node instanceof Uint8Array) return node;
      throw failure(node !== undefined && 'unreadable' in node ? node.unreadable : 'EISDIR');
    },
  };
}

const index = bundledDataset();
const noIgnores = ignoreRules('');
const MB = 1 << 20;

describe('scan pipeline: candidates', () => {
  it('lists the files a detector reads, folder by folder in name order, and skips ignored folders without entering them', async () => {
    const access = memoryFiles({
      'b/main.tf': 'x',
      'a/app.py': 'x',
      'a/notes.txt': 'x',
      'a/types.d.ts': 'x',
      'node_modules/lib/index.js': 'x',
      '.env': 'x',
      'src/test/helper.py': 'x',
      'src/app.test.ts': 'x',
    });
    const withDefaults = ignoreRules('', { extra: testSkips });
    const { candidates, errors } = await listCandidates(access, [{ path: '.' }], withDefaults);
    assert.deepEqual(candidates, ['.env', 'a/app.py', 'b/main.tf']);
    assert.deepEqual(errors, []);
    const all = await listCandidates(access, [{ path: '.' }], ignoreRules('', { defaults: false }));
    assert.deepEqual(all.candidates, [
      '.env',
      'a/app.py',
      'b/main.tf',
      'node_modules/lib/index.js',
      'src/app.test.ts',
      'src/test/helper.py',
    ]);
  });

  it('follows no link: a link to a folder or to a file it would read is reported, one to another file is passed over', async () => {
    const access = memoryFiles({
      'real/main.tf': 'x',
      'linked-folder': { link: 'real' },
      'linked.tf': { link: 'real/main.tf' },
      'linked.txt': { link: 'real/main.tf' },
      'dangling.env': { link: 'gone' },
      'pipe.yaml': { device: true },
    });
    const { candidates, errors } = await listCandidates(access, [{ path: '.' }], noIgnores);
    assert.deepEqual(candidates, ['real/main.tf']);
    assert.deepEqual(errors, [
      { file: 'dangling.env', message: 'skipped: symbolic link that loops or leads nowhere (ENOENT); links are not followed' },
      { file: 'linked-folder', message: 'skipped: symbolic link to a folder; links are not followed' },
      { file: 'linked.tf', message: 'skipped: symbolic link to a file; links are not followed' },
      { file: 'pipe.yaml', message: 'skipped: not a regular file' },
    ]);
  });

  it('reads a file named as a root whatever its name, says which root is missing as it was given, and lists each file once', async () => {
    const access = memoryFiles({ 'docs/notes.txt': 'x', 'a/app.py': 'x' });
    const { candidates, errors } = await listCandidates(
      access,
      [{ path: 'docs/notes.txt' }, { path: 'gone', asGiven: '../gone' }, { path: 'a' }, { path: 'a/app.py' }],
      noIgnores,
    );
    assert.deepEqual(candidates, ['docs/notes.txt', 'a/app.py']);
    assert.deepEqual(errors, [{ file: '../gone', message: 'not found: ENOENT' }]);
  });
});

describe('scan pipeline: reading a file', () => {
  const read = (access: FileAccess, path: string, maxFileBytes = MB) => readCandidate(access, path, { maxFileBytes });

  it('skips a file over the limit from its size alone, without reading it', async () => {
    const access = memoryFiles({ 'big.json': 'x'.repeat(3000) });
    assert.deepEqual(await read(access, 'big.json', 2048), {
      error: { file: 'big.json', message: 'skipped: 3 KB is over the 2 KB limit' },
    });
    assert.deepEqual(access.reads, []);
    const named = await readCandidate(access, 'big.json', { maxFileBytes: 2048, limitName: 'gridlens.maxFileSizeKB (2)' });
    assert.deepEqual(named, { error: { file: 'big.json', message: 'skipped: 3 KB is over gridlens.maxFileSizeKB (2)' } });
  });

  it('takes a file with a NUL in its first 8 KB as binary, and one with a NUL further on as text', async () => {
    const early = new Uint8Array(9000).fill(0x61);
    early[8191] = 0;
    const late = new Uint8Array(9000).fill(0x61);
    late[8192] = 0;
    const access = memoryFiles({ 'early.yaml': early, 'late.yaml': late });
    assert.deepEqual(await read(access, 'early.yaml'), { error: { file: 'early.yaml', message: 'skipped: binary file' } });
    const text = await read(access, 'late.yaml');
    assert.ok('text' in text && text.text.length === 9000);
  });

  it('drops a byte-order mark and decodes invalid UTF-8 as Node does (U+FFFD), so the CLI reads what it read before', async () => {
    const withBom = await read(memoryFiles({ 'a.env': new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x3d, 0x31]) }), 'a.env');
    assert.deepEqual(withBom, { text: 'A=1' });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), async (bytes) => {
        const clean = bytes.map((b) => (b === 0 ? 1 : b));
        const got = await read(memoryFiles({ 'x.env': clean }), 'x.env');
        let expected = Buffer.from(clean).toString('utf8');
        if (expected.charCodeAt(0) === 0xfeff) expected = expected.slice(1);
        assert.deepEqual(got, { text: expected });
      }),
      { numRuns: 300 },
    );
  });

  it('reports a file that vanished or cannot be read, and a folder where a file was, instead of throwing', async () => {
    const access = memoryFiles({ 'locked.env': { unreadable: 'EACCES' }, 'dir.env/inner.txt': 'x' });
    assert.deepEqual(await read(access, 'gone.env'), { error: { file: 'gone.env', message: 'cannot read: ENOENT' } });
    assert.deepEqual(await read(access, 'locked.env'), { error: { file: 'locked.env', message: 'cannot read: EACCES' } });
    assert.deepEqual(await read(access, 'dir.env'), { error: { file: 'dir.env', message: 'skipped: not a regular file' } });
  });

  it('applies the same rules to a text the host holds decoded (an editor buffer)', async () => {
    const buffer = (text: string): FileAccess => ({ list: () => [], stat: () => ({ kind: 'file', size: 1 }), read: () => text });
    assert.deepEqual(await read(buffer('AWS_REGION=eu-west-1\n'), '.env'), { text: 'AWS_REGION=eu-west-1\n' });
    assert.deepEqual(await read(buffer('a\0b'), '.env'), { error: { file: '.env', message: 'skipped: binary file' } });
    assert.deepEqual(await read(buffer('x'.repeat(3000)), '.env', 2048), {
      error: { file: '.env', message: 'skipped: 3 KB is over the 2 KB limit' },
    });
  });
});

describe('scan pipeline: batches', () => {
  it('groups Terraform folders a local module call joins, in the order of their first file; any dynamic source joins all', () => {
    const file = (path: string) => ({ path });
    const groups = groupFolders([
      { file: file('a/main.tf'), joins: ['../modules/net'] },
      { file: file('b/main.tf'), joins: [] },
      { file: file('modules/net/main.tf'), joins: [] },
      { file: file('c/main.tf'), joins: ['./inner'] },
      { file: file('c/inner/main.tf'), joins: [] },
    ]);
    assert.deepEqual(
      groups.map((g) => g.map((f) => f.path)),
      [['a/main.tf', 'modules/net/main.tf'], ['b/main.tf'], ['c/main.tf', 'c/inner/main.tf']],
    );
    const all = groupFolders([
      { file: file('a/main.tf'), joins: [] },
      { file: file('b/main.tf'), joins: 'all' },
    ]);
    assert.deepEqual(all, [[file('a/main.tf'), file('b/main.tf')]]);
  });

  it('reads Terraform files to group them, reports the unreadable ones there, and batches the rest by file', async () => {
    const tree: Record<string, Node> = {
      'infra/main.tf': 'module "net" {\n  source = "../modules/net"\n}\n',
      'modules/net/main.tf': 'variable "region" {}\n',
      'broken.tf': new Uint8Array([0x61, 0, 0x62]),
    };
    for (let i = 0; i < 50; i++) tree[`svc/${String(i).padStart(2, '0')}.env`] = 'A=1\n';
    const access = memoryFiles(tree);
    const items = Object.keys(tree).map((path) => ({ path }));
    const { batches, errors } = await planBatches(access, items, { maxFileBytes: MB });
    assert.deepEqual(errors, [{ item: { path: 'broken.tf' }, error: { file: 'broken.tf', message: 'skipped: binary file' } }]);
    assert.deepEqual(batches[0], { items: [{ path: 'infra/main.tf' }, { path: 'modules/net/main.tf' }], folder: true });
    assert.deepEqual(
      batches.slice(1).map((b) => b.items.length),
      [48, 2],
    );
  });

  it('cuts batches of file-scoped files at about 1 MB: by their sizes when planned sized, else as they are read', async () => {
    const tree: Record<string, Node> = {};
    // 0.4 MB each (heavy: over 256 KB): a batch holds three, the third taking it past 1 MB
    for (let i = 0; i < 5; i++) tree[`docs/${i}.yaml`] = `# ${'x'.repeat(400_000)}\nregion: eu-west-1\n`;
    tree['docs/big.yaml'] = `# ${'x'.repeat(300_000)}\n`;
    const access = memoryFiles(tree);
    const items = Object.keys(tree).map((path) => ({ path }));
    const sized = await planBatches(access, items, { maxFileBytes: MB, sized: true });
    assert.deepEqual(
      sized.batches.map((b) => [b.items.length, b.heavy]),
      [
        [3, true],
        [3, true],
      ],
    );
    const { batches } = await planBatches(access, items, { maxFileBytes: MB });
    assert.deepEqual(
      batches.map((b) => b.items.length),
      [6],
    );
    const options = { maxFileBytes: MB, prefilter: true };
    const read = await readBatch(access, index, batches[0], options);
    assert.equal(read.done.length + read.pending.length, 3);
    assert.deepEqual(read.rest, items.slice(3));
    // analyseBatch reads on until every file is read
    const outcomes = await analyseBatch(access, index, batches[0], options);
    assert.deepEqual(outcomes.map((o) => o.item.path).sort(), Object.keys(tree).sort());
    assert.deepEqual(
      outcomes.filter((o) => o.kept?.analysis.findings.length).map((o) => o.item.path),
      Object.keys(tree).slice(0, 5),
    );
  });
});

describe('scan pipeline: a whole tree', () => {
  const tree = {
    'api/.env': 'AWS_REGION=eu-west-1\nBEDROCK_MODEL_ID=anthropic.claude-3-haiku-20240307-v1:0\n',
    'api/app.py': 'import boto3, os\nclient = boto3.client("bedrock-runtime")\nclient.converse(modelId=os.environ["BEDROCK_MODEL_ID"])\n',
    'api/package.json': '{"name": "api"}\n',
    'web/package.json': '{"name": "web"}\n',
    'logo.yaml': new Uint8Array([0x61, 0, 0x62]),
  };

  it('keeps the files with findings or facts for pairing, counts the others as read, and reports what it passed over', async () => {
    const scan = await scanTree(memoryFiles(tree), index, [{ path: '.' }], { ignore: noIgnores, maxFileBytes: MB, prefilter: true });
    assert.ok(scan);
    assert.deepEqual(
      scan.files.map((f) => f.analysis.file),
      ['api/.env', 'api/app.py'],
    );
    assert.equal(scan.read, 4);
    assert.deepEqual(scan.errors, [{ file: 'logo.yaml', message: 'skipped: binary file' }]);
    assert.ok(scan.files.every((f) => f.lineStarts instanceof Uint32Array));
    // the pairs of the in-memory scan of the same texts
    const texts = Object.entries(tree).flatMap(([path, text]) => (typeof text === 'string' ? [{ path, text }] : []));
    const summary = (pairs: typeof scan.pairs) =>
      pairs.map((p) => `${p.model.file} ${p.model.finding.text} → ${p.region?.finding.text ?? p.state}`);
    assert.deepEqual(summary(scan.pairs), summary(scanWorkspace(index, texts).pairs));
    assert.deepEqual(summary(scan.pairs), ['api/.env anthropic.claude-3-haiku-20240307-v1:0 → eu-west-1']);
  });

  it('stops when cancelled, and tells its progress up to every candidate', async () => {
    const seen: number[] = [];
    let calls = 0;
    const cancelled = await scanTree(memoryFiles(tree), index, [{ path: '.' }], {
      ignore: noIgnores,
      maxFileBytes: MB,
      prefilter: true,
      cancelled: () => ++calls > 3,
    });
    assert.equal(cancelled, undefined);
    await scanTree(memoryFiles(tree), index, [{ path: '.' }], {
      ignore: noIgnores,
      maxFileBytes: MB,
      prefilter: true,
      onProgress: (done, total) => seen.push(done / total),
    });
    assert.equal(seen[seen.length - 1], 1);
  });
});

describe('scan pipeline: the tree scan pairs as the in-memory scan does', () => {
  const filesUnder = (folder: string): Record<string, string> => {
    const tree: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name !== 'expected.json') tree[relative(folder, path).split(sep).join('/')] = readFileSync(path, 'utf8');
      }
    };
    walk(folder);
    return tree;
  };
  const summary = (pairs: ReturnType<typeof scanWorkspace>['pairs']) =>
    pairs
      .map((p) => `${p.model.file}@${p.model.finding.range.start} ${p.model.finding.text} → ${p.region?.finding.text ?? p.state}`)
      .sort();
  const folders = readdirSync(fixturesDir).filter((name) => statSync(join(fixturesDir, name)).isDirectory());

  // The tree scan keeps only files with something to report; a project's manifest (a bare package.json) must still
  // keep a sibling project's values away, as in the in-memory scan of the same files.
  for (const folder of folders)
    it(`fixture ${folder}: same pairs`, async () => {
      const tree = filesUnder(join(fixturesDir, folder));
      const scan = await scanTree(memoryFiles(tree), index, [{ path: '.' }], { ignore: noIgnores, maxFileBytes: MB, prefilter: true });
      assert.ok(scan);
      const texts = Object.entries(tree).map(([path, text]) => ({ path, text }));
      assert.deepEqual(summary(scan.pairs), summary(scanWorkspace(index, texts).pairs));
    });
});

describe('lineStarts (the line numbers of kept files)', () => {
  /** Where each line starts, from the lines themselves. */
  const expected = (text: string) => {
    const starts = [0];
    for (const line of text.split('\n').slice(0, -1)) starts.push(starts[starts.length - 1] + line.length + 1);
    return starts;
  };

  it('gives every line start, whatever the line count, also for a short text after a long one', () => {
    // around its scratch space's sizes (1 Ki lines at first, kept up to 64 Ki), then short texts again
    const counts = [0, 1, 2, 1023, 1024, 1025, 2048, 70_000, 3, 1500, 0];
    const texts = counts.map(
      (count) => Array.from({ length: count }, (_, i) => `${count}: line ${i}${i % 7 === 0 ? '\r' : ''}\n`).join('') + 'last',
    );
    // all computed before any is compared: each result is the file's own, not shared space a later text overwrites
    const results = texts.map(lineStarts);
    results.forEach((starts, i) => {
      assert.ok(starts instanceof Uint32Array);
      assert.deepEqual([...starts], expected(texts[i]), `${counts[i]} newlines`);
    });
  });
});

describe('joinPath (the folders of module calls and function code)', () => {
  it('is the folder and the path with empty and "." segments dropped and each ".." taking one back, whether or not any is there', () => {
    const segment = fc.constantFrom('', '.', '..', '...', 'a', '.a', 'b.', 'modules', 'x..y');
    const path = fc.array(segment, { maxLength: 5 }).map((segments) => segments.join('/'));
    fc.assert(
      fc.property(path, path, (folder, relative) => {
        const full = relative.startsWith('/') || folder === '' ? relative : `${folder}/${relative}`;
        const kept: string[] = [];
        for (const s of full.split('/'))
          if (s === '..') kept.pop();
          else if (s !== '' && s !== '.') kept.push(s);
        assert.equal(joinPath(folder, relative), (full.startsWith('/') ? '/' : '') + kept.join('/'));
      }),
      { numRuns: 2000 },
    );
    assert.equal(joinPath('infra/app', 'build/x.zip'), 'infra/app/build/x.zip');
    assert.equal(joinPath('infra/app', '../modules//net/.'), 'infra/modules/net');
  });
});
