// Worker thread of `gridlens scan` (bundled as dist/scanWorker.js): reads the files it is handed, once each, runs the
// per-file detectors (Terraform files: all of them together, as one batch, since modules span files) and posts back
// what pairing and the report need: findings, facts, problems and line starts. The text is dropped here.
import { parentPort, workerData } from 'node:worker_threads';
import { bundledDataset } from '../core/data/bundled';
import { finishFiles, startFile } from '../core/scan/analyze';
import { readCandidate, toWorkerResult, type WorkerBatch, type WorkerReply } from './scanParallel';

const { maxFileBytes } = workerData as { maxFileBytes: number };
const port = parentPort;
if (!port) throw new Error('scanWorker must run as a worker thread');

port.on('message', (batch: WorkerBatch) => {
  const reply: WorkerReply = { id: batch.id, results: [], errors: [], transfer: [] };
  try {
    const index = bundledDataset();
    const started: Array<{ i: number; result: ReturnType<typeof startFile> }> = [];
    for (const item of batch.items) {
      const read = item.text !== undefined ? { text: item.text } : readCandidate(item.abs, item.path, maxFileBytes);
      if ('error' in read) {
        reply.errors.push({ i: item.i, error: read.error });
        continue;
      }
      const result = startFile(index, item.path, read.text);
      // one file at a time, except a Terraform batch, which is finished together
      if (!batch.terraform) finishFiles([result]);
      started.push({ i: item.i, result });
    }
    if (batch.terraform) finishFiles(started.map((s) => s.result));
    for (const { i, result } of started) {
      const out = toWorkerResult(i, result);
      if (!out) continue;
      reply.results.push(out);
      if (out.lineStarts) reply.transfer.push(out.lineStarts.buffer as ArrayBuffer);
    }
  } catch (error) {
    reply.failure = error instanceof Error ? error.stack ?? error.message : String(error);
  }
  const transfer = reply.transfer;
  reply.transfer = [];
  port.postMessage(reply, transfer);
});
