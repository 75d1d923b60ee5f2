// The CLI's file access (src/cli/nodeFiles.ts) on a real folder: statAndRead reads a regular file within the limit
// and nothing else, lends each file's own bytes (the buffer it reuses never shows a previous file's), and names
// paths the way path.resolve would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFiles } from '../../src/cli/nodeFiles';
import { readCandidate, type FileAccess } from '../../src/core/scan/pipeline';

describe('nodeFiles: stat and read at once', () => {
  let root: string;
  let access: FileAccess;
  const contents: Record<string, string> = {
    'mid.env': 'B'.repeat(100 << 10),
    'small.env': 'A=1\n',
    'big.json': `"${'c'.repeat(1536 << 10)}"`,
    'empty.env': '',
    'over.env': 'x'.repeat(3000),
    'bom.env': '\ufeffA=2\n',
    'latin1.env': 'A=caf\xe9\n',
  };
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'gridlens-nodefiles-'));
    for (const [name, text] of Object.entries(contents)) writeFileSync(join(root, name), text, name === 'latin1.env' ? 'latin1' : 'utf8');
    writeFileSync(join(root, 'nul.env'), Buffer.from([0x41, 0x3d, 0, 0x31]));
    mkdirSync(join(root, 'dir.env'));
    mkdirSync(join(root, 'sub'));
    // through the link, the kernel's '..' is elsewhere/, which holds a small.env of its own; path.resolve's is root
    mkdirSync(join(root, 'elsewhere', 'inner'), { recursive: true });
    writeFileSync(join(root, 'elsewhere', 'small.env'), 'ELSEWHERE=1\n');
    symlinkSync(join(root, 'elsewhere', 'inner'), join(root, 'link'));
    access = nodeFiles(root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** statAndRead with a `use` that copies what it is lent, and says whether it was called. */
  const open = async (path: string, maxBytes = 4 << 20) => {
    let lent: string | undefined;
    const opened = await access.statAndRead?.(path, maxBytes, (bytes) => {
      lent = Buffer.from(bytes).toString('latin1');
      return lent.length;
    });
    assert.ok(opened);
    return { ...opened, lent };
  };

  it('lends each file its own bytes, in any order of sizes (one past the reused buffer too)', async () => {
    for (const name of ['mid.env', 'small.env', 'big.json', 'small.env', 'empty.env', 'mid.env', 'bom.env', 'small.env']) {
      const opened = await open(name);
      assert.equal(opened.lent, Buffer.from(contents[name]).toString('latin1'), name);
      assert.deepEqual(opened.stat, { kind: 'file', size: Buffer.byteLength(contents[name]) });
      assert.equal(opened.used, Buffer.byteLength(contents[name]));
    }
  });

  it('reads nothing of a file over the limit, a folder, or a named pipe, and says what each is', async () => {
    assert.deepEqual(await open('over.env', 2048), { stat: { kind: 'file', size: 3000 }, lent: undefined });
    assert.deepEqual((await open('dir.env')).lent, undefined);
    assert.equal((await open('dir.env')).stat.kind, 'folder');
    if (spawnSync('mkfifo', [join(root, 'pipe.env')]).status === 0) {
      assert.deepEqual(await open('pipe.env'), { stat: { kind: 'other', size: 0 }, lent: undefined });
    }
  });

  it('fails on a missing file as stat does, and names paths with . and .. segments as path.resolve does', async () => {
    await assert.rejects(async () => open('gone.env'), { code: 'ENOENT' });
    for (const path of ['./small.env', 'sub/../small.env', 'sub/./../small.env', 'link/../small.env'])
      assert.equal((await open(path)).lent, 'A=1\n', path);
    assert.equal((await access.stat('sub/..')).kind, 'folder');
    const names = async (folder: string) => (await access.list(folder)).map((e) => `${e.name} ${e.kind}`).sort();
    assert.deepEqual(await names('sub/..'), await names('.'));
    assert.ok((await names('.')).includes('sub folder'));
  });

  it('gives readCandidate each file as it was decoded before (the lent bytes are not kept), and its skips', async () => {
    const read = (path: string) => readCandidate(access, path, { maxFileBytes: 2048 });
    assert.deepEqual(await read('small.env'), { text: 'A=1\n' });
    assert.deepEqual(await read('bom.env'), { text: 'A=2\n' });
    assert.deepEqual(await read('latin1.env'), { text: 'A=caf\ufffd\n' });
    assert.deepEqual(await read('nul.env'), { error: { file: 'nul.env', message: 'skipped: binary file' } });
    assert.deepEqual(await read('small.env'), { text: 'A=1\n' });
    assert.deepEqual(await read('over.env'), { error: { file: 'over.env', message: 'skipped: 3 KB is over the 2 KB limit' } });
    assert.deepEqual(await read('dir.env'), { error: { file: 'dir.env', message: 'skipped: not a regular file' } });
    assert.deepEqual(await read('gone.env'), { error: { file: 'gone.env', message: 'cannot read: ENOENT' } });
    const texts = await Promise.all(['small.env', 'bom.env', 'small.env'].map(read));
    assert.deepEqual(texts, [{ text: 'A=1\n' }, { text: 'A=2\n' }, { text: 'A=1\n' }]);
  });
});
