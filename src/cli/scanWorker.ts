// Worker thread of `gridlens scan` (bundled as dist/scanWorkerMain.js, started by dist/scanWorker.js from its code
// cache: scanWorkerLauncher.ts), in one of two roles. An analyser reads the files
// it is handed through the scan pipeline, once each, runs the per-file detectors (Terraform files by module group,
// finished together) and posts back what pairing and the report need: findings, facts, problems and line starts,
// serialized (handed over, not copied); the text is dropped here. A reader (workerData.reader) plans, reads and
// prefilters the batches for the main thread, which analyses what passes (serveReads in scanParallel.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { bundledDataset } from '../core/data/bundled';
import { analyseBatch, serveReads, type WorkerBatch, type WorkerOptions, type WorkerReply } from './scanParallel';

const options = workerData as WorkerOptions & { reader?: boolean };
const port = parentPort;
if (!port) throw new Error('scanWorker must run as a worker thread');

if (options.reader) serveReads(port, options, bundledDataset());
else
  port.on('message', async (batch: WorkerBatch) => {
    let reply: WorkerReply;
    try {
      reply = { id: batch.id, ...(await analyseBatch(batch, options, bundledDataset())) };
    } catch (error) {
      reply = {
        id: batch.id,
        packed: new Uint8Array(0),
        errors: [],
        failure: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
    }
    port.postMessage(reply, [reply.packed.buffer as ArrayBuffer]);
  });
