// The two-thread scan (src/cli/scanParallel.ts): the reader's side (serveReads) and the main thread's
// (analyseWithReader) joined by an in-process message channel, on the repository's fixture folders, against the
// one-thread scan of the same candidates; a reader that runs out of memory part way; the claims on the batches.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, type Worker } from 'node:worker_threads';
import { fixturesDir } from '../fixtures/scan-harness';
import { nodeFiles } from '../../src/cli/nodeFiles';
import {
  analyseCandidates,
  analyseWithReader,
  batchClaims,
  claimBatch,
  KeptResults,
  READ_AHEAD_BATCHES,
  serveReads,
  type FromReader,
  type ToReader,
} from '../../src/cli/scanParallel';
import { bundledDataset } from '../../src/core/data/bundled';
import { finishFiles, lexAhead, startFile } from '../../src/core/scan/analyze';
import { compactLiterals } from '../../src/core/scan/facts';
import { ignoreRules } from '../../src/core/scan/ignore';
import { listCandidates, planBatches, readJoins, type FolderFamily } from '../../src/core/scan/pipeline';
import { detectFamily, folderFamilies } from '../../src/core/scan/registry';

const index = bundledDataset();
const options = { root: fixturesDir, maxFileBytes: 2 << 20, prefilter: true };

/** A reader on this thread: serveReads behind a message channel, with what it posted; `failAfter` batches, it fails as a worker out of memory does. */
function channelReader(failAfter = Infinity): Worker & { posted: FromReader[]; stopped: boolean } {
  const { port1, port2 } = new MessageChannel();
  serveReads(port1, options, index);
  const reader = Object.assign(new EventEmitter(), {
    posted: [] as FromReader[],
    stopped: false,
    postMessage: (message: unknown) => port2.postMessage(message),
    terminate: async () => {
      reader.stopped = true;
      port1.close();
      port2.close();
      return 0;
    },
  });
  let batches = 0;
  port2.on('message', (message: FromReader) => {
    if (reader.stopped) return;
    reader.posted.push(message);
    if ('read' in message && ++batches > failAfter) {
      reader.emit('error', Object.assign(new Error('out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }));
      void reader.terminate();
    } else reader.emit('message', message);
  });
  return reader as unknown as Worker & { posted: FromReader[]; stopped: boolean };
}

/**
 * A reader on this thread that takes the last `take` files to plan as soon as it is told them (as a reader already up
 * does, where the in-process one only gets to run once the main thread has read them all), then answers with what
 * it read of them or, `outOfMemory`, fails as a worker out of memory does.
 */
function planningReader(take: number, outOfMemory = false): Worker & { posted: FromReader[]; stopped: boolean } {
  const reader = channelReader();
  const forward = reader.postMessage.bind(reader);
  reader.postMessage = (message: ToReader) => {
    if (!('plan' in message)) return forward(message);
    const claims = new BigInt64Array(message.claims);
    const mine: number[] = [];
    for (let n = 0; n < take; n++) {
      const k = claimBatch(claims, 'back');
      if (k !== undefined) mine.unshift(k);
    }
    setImmediate(async () => {
      if (outOfMemory) {
        reader.emit('error', Object.assign(new Error('out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }));
        void reader.terminate();
        return;
      }
      const access = nodeFiles(fixturesDir);
      const joins = await Promise.all(mine.map((k) => readJoins(access, message.plan[k].path, message.plan[k].family, options)));
      reader.emit('message', { joins, from: mine[0] } satisfies FromReader);
    });
  };
  return reader;
}

describe('gridlens scan on two threads: a reader and the analysing main thread', () => {
  let candidates: string[];
  let oneThread: Awaited<ReturnType<typeof analyseCandidates>>;

  before(async () => {
    candidates = (await listCandidates(nodeFiles(fixturesDir), [{ path: '.' }], ignoreRules('', { defaults: true }))).candidates;
    oneThread = await analyseCandidates(candidates, { ...options, workers: 0, workerScript: '', index });
  });

  it('gives what one thread gives, with files the prefilter passed over never sent for analysis', async () => {
    assert.ok(candidates.length > 100 && oneThread.results.length > 50, 'the fixtures give a scan worth comparing');
    const reader = channelReader();
    const progress: number[] = [];
    const split = await analyseWithReader(candidates, { ...options, reader, index, onProgress: (done) => progress.push(done) });
    assert.deepEqual(split, oneThread);
    assert.ok(reader.stopped, 'the reader is stopped once its batches are in');
    assert.equal(progress[progress.length - 1], candidates.length, 'progress reaches every candidate');
    const reads = reader.posted.flatMap((m) => ('read' in m ? [m.read] : []));
    const passedOver = reads.reduce((n, r) => n + r.done.length, 0);
    const sent = reads.reduce((n, r) => n + r.pending.length, 0);
    assert.ok(passedOver > 0 && sent > 0, `${passedOver} files passed over by the reader, ${sent} sent for analysis`);
    const byReader = reads.flatMap((r) => [...r.done, ...r.pending].map((o) => o.item.i));
    assert.equal(new Set(byReader).size, byReader.length, 'no file read twice by the reader');
    assert.ok(
      reads.some((r) => r.pending.some((p) => p.lexed)),
      'code files come lexed',
    );
  });

  it('analyses a code file the reader lexed as one lexed here: findings, facts, problems in order', () => {
    const own = {
      'own/app.py':
        '"""Calls eu-west-1."""\n# us-east-1\nimport boto3\nc = boto3.client("bedrock-runtime", region_name="eu-west-1")\nx = "open\n',
      'own/app.ts':
        'const r = /eu-north-1/g; // us-west-2\nconst c = new BedrockRuntimeClient({ region: `eu-${z}-1` });\nconst s = "open\n',
    };
    const texts = [
      ...candidates.map((path) => ({ path, text: readFileSync(join(fixturesDir, path), 'utf8') })),
      ...Object.entries(own).map(([path, text]) => ({ path, text })),
    ];
    let handedOver = 0;
    for (const { path, text } of texts) {
      const lexed = lexAhead(path, text);
      if (!lexed) continue;
      handedOver++;
      // handed over as the reader hands it (its buffer transferred); every file analysed, its problems kept
      const ahead = startFile(index, path, text, false, true, structuredClone(lexed, { transfer: [lexed.tokens.buffer] }));
      const here = startFile(index, path, text, false, true);
      finishFiles([ahead, here]);
      assert.deepEqual([ahead.analysis, ahead.facts], [here.analysis, here.facts], path);
      if (path in own) assert.ok(here.analysis.findings.length && here.analysis.problems.length, `${path} has findings and problems`);
    }
    assert.ok(handedOver > 30, `${handedOver} code files lexed ahead`);
  });

  it('reads READ_AHEAD_BATCHES batches ahead of the analysis, then one more for each batch the main thread takes', async () => {
    const { port1, port2 } = new MessageChannel();
    serveReads(port1, options, index);
    let reads = 0;
    port2.on('message', (m: FromReader) => {
      if ('read' in m) reads++;
    });
    const settled = async () => {
      for (let last = -1; last !== reads;) {
        last = reads;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      return reads;
    };
    try {
      const { batches } = await planBatches(
        nodeFiles(fixturesDir),
        candidates.map((path, i) => ({ i, path })),
        options,
      );
      port2.postMessage({ batches, claims: batchClaims(batches.length).buffer });
      assert.equal(await settled(), READ_AHEAD_BATCHES, 'no credit: the reader waits');
      port2.postMessage({ credit: 1 });
      assert.equal(await settled(), READ_AHEAD_BATCHES + 1);
    } finally {
      port1.close();
      port2.close();
    }
  });

  it('reads the files to plan that the main thread has not taken, from the end, and answers with them in order', async () => {
    const files = candidates.flatMap((path) => {
      const family = detectFamily(path);
      return family && (folderFamilies as readonly string[]).includes(family) ? [{ path, family: family as FolderFamily }] : [];
    });
    assert.ok(files.length > 10, 'the fixtures hold folder-scoped files to plan');
    const access = nodeFiles(fixturesDir);
    const expected = await Promise.all(files.map((f) => readJoins(access, f.path, f.family, options)));
    assert.ok(
      expected.some((j) => 'joins' in j && j.joins.length > 0),
      'some of them join other folders',
    );
    const { port1, port2 } = new MessageChannel();
    serveReads(port1, options, index);
    try {
      const claims = batchClaims(files.length);
      for (let n = 0; n < 3; n++) claimBatch(claims, 'front');
      const answer = new Promise<FromReader>((resolve) => port2.once('message', resolve));
      port2.postMessage({ plan: files, claims: claims.buffer });
      assert.deepEqual(await answer, { joins: expected.slice(3), from: 3 });
      assert.equal(claimBatch(claims, 'front'), undefined, 'every file is taken');
    } finally {
      port1.close();
      port2.close();
    }
  });

  it('merges results held as objects, packed past the budget or before a heavy batch, all alike', () => {
    const batches: Array<Array<{ item: { i: number; path: string }; kept: (typeof oneThread.results)[number] }>> = [];
    for (let start = 0; start < oneThread.results.length; start += 7)
      batches.push(oneThread.results.slice(start, start + 7).map((r) => ({ item: { i: r.i, path: r.analysis.file }, kept: r })));
    const merge = (keep: KeptResults, heavyAt = -1) => {
      batches.forEach((batch, n) => {
        if (n === heavyAt) keep.packHeld();
        keep.add([...batch].reverse());
      });
      return keep.merged();
    };
    const held = merge(new KeptResults(Infinity));
    assert.deepEqual(held.results, oneThread.results);
    // packed results hold their env scopes' plain literals compactly, as compactLiterals does (the same lookups)
    const compacted = (m: typeof held) => ({ ...m, results: m.results.map((r) => ({ ...r, facts: compactLiterals(r.facts) })) });
    assert.notDeepEqual(compacted(held), held, 'the fixtures set plain literals');
    assert.deepEqual(merge(new KeptResults(0)), compacted(held), 'every batch packed');
    assert.deepEqual(compacted(merge(new KeptResults(Infinity), 3)), compacted(held), 'packed from the fourth batch on');
    const packed = merge(new KeptResults(0)).results;
    assert.notEqual(packed[0].analysis, oneThread.results[0].analysis, 'packed results are copies');
  });

  it('hands every batch to one thread only, the main thread from the start of the plan and the reader from its end', () => {
    const claims = batchClaims(5);
    assert.deepEqual(
      [claimBatch(claims, 'front'), claimBatch(claims, 'back'), claimBatch(claims, 'back'), claimBatch(claims, 'front')],
      [0, 4, 3, 1],
    );
    assert.deepEqual([claimBatch(claims, 'back'), claimBatch(claims, 'front'), claimBatch(claims, 'back')], [2, undefined, undefined]);
    assert.equal(claimBatch(batchClaims(0), 'front'), undefined);
  });

  it('plans with the files the reader read for the plan, or reads them itself when the reader runs out of memory then', async () => {
    for (const outOfMemory of [false, true]) {
      const reader = planningReader(7, outOfMemory);
      assert.deepEqual(await analyseWithReader(candidates, { ...options, reader, index }), oneThread, `out of memory: ${outOfMemory}`);
      assert.ok(reader.stopped);
    }
  });

  it('finishes on this thread when the reader runs out of memory part way', async () => {
    const reader = channelReader(2);
    const split = await analyseWithReader(candidates, { ...options, reader, index });
    assert.equal(reader.posted.filter((m) => 'read' in m).length, 3, 'the reader failed on its third batch');
    assert.deepEqual(split, oneThread);
  });
});
