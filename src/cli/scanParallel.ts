// `gridlens scan` on worker threads: the file list is cut into batches that idle workers pull (the files of a
// folder-scoped detector, such as Terraform's, by the groups it declares: its modules span files and folders); each
// worker reads its files once and runs the
// per-file detectors; the main thread merges the results in file order and pairs them once. Without workers the
// main thread analyses the same batches itself, so both ways give the same report byte for byte, and neither holds
// more than one batch's texts and trees at a time.
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { DatasetIndex } from '../core/data/dataset';
import { finishFiles, startFile, type FileResult } from '../core/scan/analyze';
import type { FileFacts } from '../core/scan/facts';
import { detectFamily, folderFamilies, formatOf } from '../core/scan/registry';
import { lineStarts } from '../core/scan/text';
import type { FileAnalysis, ScanError } from '../core/scan/types';

export interface WorkerItem {
  /** Index in the candidate list: results are merged back in this order. */
  i: number;
  abs: string;
  path: string;
  /** The text, when the main thread has read the file (a folder-scoped format, to group it); the worker reads the rest. */
  text?: string;
}

export interface WorkerBatch {
  id: number;
  items: WorkerItem[];
  /** Files of a folder-scoped detector, whole groups of them, finished together (Terraform module variables and providers span files). */
  folder?: boolean;
  /** Holds a file of HEAVY_FILE_BYTES or more: its parse needs tens of MB of heap for a moment. */
  heavy?: boolean;
}

/** What every batch is analysed with (a worker's workerData). */
export interface WorkerOptions {
  maxFileBytes: number;
  /** False: files that cannot hold a finding are parsed too (gridlens scan --no-prefilter). */
  prefilter: boolean;
}

/** What the main thread needs of an analysed file; files with nothing to report are not sent at all. */
export interface WorkerFileResult {
  i: number;
  analysis: FileAnalysis;
  facts: FileFacts;
  /** Offsets where lines start, for line and column numbers (files with findings or facts only). */
  lineStarts?: Uint32Array;
}

export interface WorkerReply {
  id: number;
  /**
   * The batch's WorkerFileResult[], serialized (v8.serialize): kept packed on the main thread until every batch is
   * in, at a third of the memory of the objects, and free of the texts their strings were cut from.
   */
  packed: Uint8Array;
  errors: Array<{ i: number; error: ScanError }>;
  failure?: string;
}

/** Reads one candidate: the size limit (stat only), the binary check and a byte-order mark; problems are returned, never thrown. */
export function readCandidate(abs: string, path: string, maxFileBytes: number): { text: string } | { error: ScanError } {
  try {
    const stat = statSync(abs);
    // a named pipe or a device would block the read or never end
    if (!stat.isFile()) return { error: { file: path, message: 'skipped: not a regular file' } };
    const size = stat.size;
    if (size > maxFileBytes)
      return {
        error: { file: path, message: `skipped: ${Math.ceil(size / 1024)} KB is over the ${Math.round(maxFileBytes / 1024)} KB limit` },
      };
    const bytes = readFileSync(abs);
    if (bytes.subarray(0, 8192).includes(0)) return { error: { file: path, message: 'skipped: binary file' } };
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch (error) {
    return { error: { file: path, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } };
  }
}

const hasFacts = (f: FileFacts) => f.anchors.length > 0 || f.scopes.length > 0 || f.symbols.length > 0 || f.azureDeployments.length > 0;

export function toWorkerResult(i: number, result: FileResult): WorkerFileResult | undefined {
  const { analysis, facts } = result;
  const relevant = analysis.findings.length > 0 || hasFacts(facts);
  if (!relevant && analysis.problems.length === 0) return undefined;
  return { i, analysis, facts, lineStarts: relevant ? lineStarts(result.text) : undefined };
}

/** Reads and analyses one batch (in a worker; on the main thread without workers, or when a worker ran out of memory). */
export function analyseBatch(batch: WorkerBatch, options: WorkerOptions, index: DatasetIndex): Omit<WorkerReply, 'id'> {
  const { maxFileBytes, prefilter } = options;
  const errors: WorkerReply['errors'] = [];
  const started: Array<{ i: number; result: FileResult }> = [];
  for (const item of batch.items) {
    const read = item.text !== undefined ? { text: item.text } : readCandidate(item.abs, item.path, maxFileBytes);
    if ('error' in read) {
      errors.push({ i: item.i, error: read.error });
      continue;
    }
    const result = startFile(index, item.path, read.text, prefilter);
    // one file at a time, except folder-scoped formats, whose groups are finished together
    if (!batch.folder) finishFiles([result]);
    started.push({ i: item.i, result });
  }
  if (batch.folder) finishFiles(started.map((s) => s.result));
  const results: WorkerFileResult[] = [];
  for (const { i, result } of started) {
    const out = toWorkerResult(i, result);
    if (out) results.push(out);
  }
  return { packed: serialize(results), errors };
}

/**
 * Old-generation heap of a worker, in MB. V8 lets a heap grow far past what is live before collecting; a cap keeps
 * each worker's memory near what its batch needs (a batch is about 1 MB of files, plus at most one file of up to
 * --max-file-size). A batch that still does not fit is analysed again on the main thread. The young generation is
 * capped too, at WORKER_YOUNG_MB: the parse trees of a file live for milliseconds.
 */
export function workerHeapMb(maxFileBytes: number): number {
  return Math.max(96, Math.ceil((maxFileBytes / (1 << 20)) * 48) + 48);
}

/** Young generation of a worker, in MB: 8 rather than 16 took about 14 MB off the bench scan's peak (same CPU time within noise). */
export const WORKER_YOUNG_MB = 8;

/** Below this many files one thread is faster than starting workers. */
export const PARALLEL_MIN_FILES = 200;

/**
 * Idle cores below which workers do not pay: each compiles its own copy of the code, collects garbage in a capped
 * heap and sends its results back serialized, about 1.6 times one thread's CPU for the same files; two workers on
 * two cores were no faster than one thread (README "Performance").
 */
export const PARALLEL_MIN_IDLE_CORES = 3;

/** Cores not busy with other work: the core count less the last minute's load average (0 where there is none, as on Windows). */
export function idleCores(): number {
  return Math.floor(availableParallelism() - loadavg()[0]);
}

/**
 * Threads for a scan of `files` files: GRIDLENS_THREADS when set (1 = none, N = N workers whatever the tree);
 * otherwise workers only when they pay, one per idle core (at most 8) for a tree of PARALLEL_MIN_FILES files or more
 * with PARALLEL_MIN_IDLE_CORES idle cores or more, and one thread (no workers) for anything less.
 */
export function threadCount(files: number, idle = idleCores()): number {
  const env = Number(process.env.GRIDLENS_THREADS);
  if (Number.isInteger(env) && env >= 1) return Math.min(env, 64);
  if (files < PARALLEL_MIN_FILES || idle < PARALLEL_MIN_IDLE_CORES) return 1;
  return Math.min(idle, 8);
}

const BATCH_FILES = 48;
const BATCH_BYTES_HINT = 1 << 20;
/** A 250 KB minified script takes about 25 MB of heap to analyse, a 1.8 MB YAML file 75 MB. */
const HEAVY_FILE_BYTES = 256 << 10;

/**
 * Reads and analyses the candidates on `workers` worker threads running `workerScript` (none: on this thread, with
 * `index`). Results and read errors come back in candidate order. `onProgress` is told how many candidates are done.
 */
export async function analyseCandidates(
  candidates: Array<{ abs: string; path: string }>,
  options: WorkerOptions & {
    workers: number;
    workerScript: string;
    index: DatasetIndex;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<{ results: WorkerFileResult[]; errors: ScanError[] }> {
  const items: WorkerItem[] = candidates.map((c, i) => ({ i, abs: c.abs, path: c.path }));
  options.onProgress?.(0, items.length); // before the first file is read
  const others = items.filter((it) => {
    const family = detectFamily(it.path);
    return family === undefined || formatOf(family).scope === 'file';
  });
  const errors: Array<{ i: number; error: ScanError }> = [];
  const batches: WorkerBatch[] = [];
  let id = 0;
  // Files of a folder-scoped format are read here, once, for the format to group them (Terraform: which folders
  // local module calls join): each group is analysed as a whole (in file order), and independent groups go to
  // different workers.
  for (const family of folderFamilies) {
    const read: WorkerItem[] = [];
    for (const it of items) {
      if (detectFamily(it.path) !== family) continue;
      const candidate = readCandidate(it.abs, it.path, options.maxFileBytes);
      if ('error' in candidate) errors.push({ i: it.i, error: candidate.error });
      else read.push({ ...it, text: candidate.text });
    }
    let group: WorkerItem[] = [];
    for (const members of formatOf(family).groups(read)) {
      group.push(...members);
      if (group.length >= BATCH_FILES) {
        batches.push({ id: id++, items: group, folder: true });
        group = [];
      }
    }
    if (group.length) batches.push({ id: id++, items: group, folder: true });
  }
  // Batches by count, cut early at about 1 MB of files so a few large files do not land in one batch.
  let current: WorkerItem[] = [];
  let bytes = 0;
  let heavy = false;
  for (const it of others) {
    current.push(it);
    try {
      const size = statSync(it.abs).size;
      bytes += size;
      heavy ||= size >= HEAVY_FILE_BYTES;
    } catch {
      // reported by the worker that reads it
    }
    if (current.length >= BATCH_FILES || bytes >= BATCH_BYTES_HINT) {
      batches.push({ id: id++, items: current, heavy });
      current = [];
      bytes = 0;
      heavy = false;
    }
  }
  if (current.length) batches.push({ id: id++, items: current, heavy });

  const waiting = [...batches];
  // Heavy batches go to one worker at a time: two at once would add their peaks. Workers with nothing else to
  // take wait until the heavy batch in flight is done.
  let heavyInFlight = false;
  const parked: Array<() => void> = [];
  const heavyDone = () => {
    heavyInFlight = false;
    for (const wake of parked.splice(0)) wake();
  };
  let done = errors.length;
  const packed: Uint8Array[] = [];
  const accept = (batch: WorkerBatch, reply: Omit<WorkerReply, 'id'>) => {
    packed.push(reply.packed);
    errors.push(...reply.errors);
    done += batch.items.length;
    batch.items = []; // the texts sent with it are no longer needed here
    options.onProgress?.(done, items.length);
  };
  /** Batches whose worker ran out of memory (or all of them, without workers): analysed on this thread at the end. */
  const leftOver: WorkerBatch[] = [];
  const resourceLimits = { maxOldGenerationSizeMb: workerHeapMb(options.maxFileBytes), maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  const workers = Array.from(
    { length: Math.min(options.workers, batches.length) },
    () =>
      new Worker(options.workerScript, {
        workerData: { maxFileBytes: options.maxFileBytes, prefilter: options.prefilter } satisfies WorkerOptions,
        resourceLimits,
      }),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let current: WorkerBatch | undefined;
            let finished = false;
            const finish = (error?: Error) => {
              if (finished) return;
              finished = true;
              if (error) reject(error);
              else resolve();
            };
            const feed = () => {
              const i = waiting.findIndex((b) => !(heavyInFlight && b.heavy));
              current = i < 0 ? undefined : waiting.splice(i, 1)[0];
              if (current) {
                heavyInFlight ||= current.heavy === true;
                worker.postMessage(current);
              } else if (waiting.length) parked.push(feed);
              else finish();
            };
            worker.on('message', (reply: WorkerReply) => {
              if (reply.failure) {
                finish(new Error(`scan worker failed: ${reply.failure}`));
                return;
              }
              accept(batches[reply.id], reply);
              if (batches[reply.id].heavy) heavyDone();
              feed();
            });
            worker.on('error', (error: Error & { code?: string }) => {
              if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') {
                finish(error);
                return;
              }
              if (current) leftOver.push(current);
              if (current?.heavy) heavyDone();
              current = undefined;
              finish();
            });
            worker.on('exit', (code) => {
              if (current) finish(new Error(`scan worker exited (${code}) before the scan finished`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // what no worker could take: batches of workers that ran out of memory, and any not handed out after that
  leftOver.push(...waiting);
  for (const batch of leftOver) accept(batch, analyseBatch(batch, options, options.index));
  // unpacked once the workers are gone, each batch's bytes dropped as it is read
  const results: WorkerFileResult[] = [];
  for (let bytes = packed.shift(); bytes; bytes = packed.shift()) results.push(...(deserialize(bytes) as WorkerFileResult[]));
  results.sort((a, b) => a.i - b.i);
  errors.sort((a, b) => a.i - b.i);
  return { results, errors: errors.map((e) => e.error) };
}
