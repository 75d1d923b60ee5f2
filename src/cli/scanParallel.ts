// `gridlens scan` on more than one thread. The scan pipeline (core/scan/pipeline.ts) cuts the file list into batches
// (the files of a folder-scoped detector, such as Terraform's, by the groups it declares: its modules span files and
// folders). Two threads: a reader worker reads and prefilters batches (readBatch) from the end of the plan, and the main
// thread analyses the files that pass (analyseRead), and reads batches from the start of the plan itself whenever the
// reader has none ready. More idle cores: analysing workers pull whole batches,
// each reading and analysing its batch through the same pipeline. Either way the main thread merges the results in
// file order and pairs them once; on one thread it analyses the same batches itself, so every way gives the same
// report byte for byte, and none holds more than a few batches' texts and trees at a time (besides the results the
// main thread holds until the end, packed past a budget: KeptResults).
import { availableParallelism, loadavg } from 'node:os';
import { deserialize, serialize, setFlagsFromString } from 'node:v8';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { DatasetIndex } from '../core/data/dataset';
import {
  analyseBatch as analyseFiles,
  analyseRead,
  planBatches,
  readBatch,
  readJoins,
  readsOf,
  type AnalyseOptions,
  HEAVY_FILE_BYTES,
  type Batch,
  type FolderFamily,
  type Joins,
  type Outcome,
  type ReadBatch,
  type FileAccess,
} from '../core/scan/pipeline';
import { compactLiterals } from '../core/scan/facts';
import type { ScanError } from '../core/scan/types';
import type { KeptFile } from '../core/scan/workspace';
import { nodeFiles } from './nodeFiles';

export interface WorkerItem {
  /** Index in the candidate list: results are merged back in this order. */
  i: number;
  /** Relative to the scanned root. */
  path: string;
}

export interface WorkerBatch extends Batch<WorkerItem> {
  id: number;
}

/** What every batch is analysed with (a worker's workerData). */
export interface WorkerOptions extends AnalyseOptions {
  /** The scanned folder: candidate paths are relative to it. */
  root: string;
}

/** What the main thread needs of an analysed file; files with nothing to report are not sent at all. */
export interface WorkerFileResult extends KeptFile {
  i: number;
}

export interface WorkerReply {
  id: number;
  /** The batch's WorkerFileResult[], serialized (v8.serialize): handed over rather than copied, and kept so (KeptResults). */
  packed: Uint8Array;
  errors: Array<{ i: number; error: ScanError }>;
  failure?: string;
}

/** Reads and analyses one batch in a worker: its reply. */
export async function analyseBatch(batch: WorkerBatch, options: WorkerOptions, index: DatasetIndex): Promise<Omit<WorkerReply, 'id'>> {
  const { results, errors } = unpacked(await analyseFiles(nodeFiles(options.root), index, batch, options));
  return { packed: packed(results), errors };
}

/**
 * Results serialized (v8.serialize), their env scopes' plain literals compacted first (compactLiterals): on the dense
 * bench tree they were most of the packed data, and unpacking them took KeptResults.merged 170 ms instead of 70.
 */
function packed(results: WorkerFileResult[]): Uint8Array {
  return serialize(results.map((r) => (r.facts.scopes.length ? { ...r, facts: compactLiterals(r.facts) } : r)));
}

/** A batch's outcomes: the results of the files kept, and the errors. */
function unpacked(outcomes: Array<Outcome<WorkerItem>>): { results: WorkerFileResult[]; errors: WorkerReply['errors'] } {
  const errors: WorkerReply['errors'] = [];
  const results: WorkerFileResult[] = [];
  for (const { item, kept, error } of outcomes) {
    if (error) errors.push({ i: item.i, error });
    else if (kept) results.push({ i: item.i, ...kept });
  }
  return { results, errors };
}

/**
 * Kept files' texts (in characters) past which the main thread packs its results. The realistic bench tree keeps
 * 18 MB, now held as objects: one thread's CPU 3.51 -> 3.34 s, peak 154 -> 162 MB (medians of 8 runs).
 */
export const PACK_AFTER_TEXT_CHARS = 24 << 20;

/**
 * The results of the batches analysed so far, held on the main thread until every batch is in. Those analysed here
 * stay objects while few, since packing (v8.serialize, then deserialize at the end) costs CPU; those held are
 * packed once kept files' texts pass `packAfterChars`, and before a batch with a heavy file is analysed (tens of MB
 * of heap for a moment, on top of what is held; a read batch's text of HEAVY_FILE_BYTES characters or more counts as
 * one), and later ones are held again. Packed results take a third of the memory of the objects and are free of the
 * texts their strings were cut from: on the dense bench tree (44 MB of kept texts, heavy files) results held as
 * objects throughout took the peak from 215 MB to 310 MB. Results from workers come packed.
 */
export class KeptResults {
  private readonly parts: Array<Uint8Array | WorkerFileResult[]> = [];
  private readonly errors: WorkerReply['errors'] = [];
  /** Texts of the files whose results are held as objects (the offset of a text's last line: nearly its length). */
  private heldChars = 0;
  /** Where the parts held as objects start: those before are packed. */
  private firstHeld = 0;

  constructor(private readonly packAfterChars = PACK_AFTER_TEXT_CHARS) {}

  /** A batch analysed elsewhere. */
  addPacked(reply: Omit<WorkerReply, 'id'>): void {
    this.parts.push(reply.packed);
    this.errors.push(...reply.errors);
  }

  addErrors(errors: WorkerReply['errors']): void {
    this.errors.push(...errors);
  }

  /** A batch analysed on this thread. */
  add(outcomes: Array<Outcome<WorkerItem>>): void {
    const { results, errors } = unpacked(outcomes);
    this.errors.push(...errors);
    this.parts.push(results);
    for (const r of results) if (r.lineStarts) this.heldChars += r.lineStarts[r.lineStarts.length - 1];
    if (this.heldChars > this.packAfterChars) this.packHeld();
  }

  /** Packs the results held as objects (before a heavy batch, or past the budget). */
  packHeld(): void {
    for (let i = this.firstHeld; i < this.parts.length; i++) {
      const part = this.parts[i];
      if (Array.isArray(part)) this.parts[i] = packed(part);
    }
    this.firstHeld = this.parts.length;
    this.heldChars = 0;
  }

  /** Every batch's results and errors in candidate order; packed parts are dropped one by one as they are read. */
  merged(): { results: WorkerFileResult[]; errors: ScanError[] } {
    const results: WorkerFileResult[] = [];
    for (let part = this.parts.shift(); part; part = this.parts.shift())
      results.push(...(Array.isArray(part) ? part : (deserialize(part) as WorkerFileResult[])));
    results.sort((a, b) => a.i - b.i);
    this.errors.sort((a, b) => a.i - b.i);
    return { results, errors: this.errors.map((e) => e.error) };
  }
}

/**
 * Analyses a read batch on this thread into `kept`; the results held are packed first when the batch holds a heavy
 * file (its parse needs tens of MB of heap for a moment).
 */
function analyseReadHere(kept: KeptResults, index: DatasetIndex, read: ReadBatch<WorkerItem>, options: AnalyseOptions): void {
  if (read.pending.some((p) => p.text.length >= HEAVY_FILE_BYTES)) kept.packHeld();
  kept.add(analyseRead(index, read, options));
}

/** Reads and analyses a batch on this thread into `kept`, about 1 MB at a time (readsOf). */
async function analyseHere(
  kept: KeptResults,
  access: FileAccess,
  index: DatasetIndex,
  batch: Batch<WorkerItem>,
  options: AnalyseOptions,
): Promise<void> {
  for await (const read of readsOf(access, index, batch, options)) analyseReadHere(kept, index, read, options);
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

/**
 * How far V8 may let a heap grow past what its last full collection left live, in percent. V8 picks up to 300 on its
 * own; the scan keeps 20-40 MB live but allocates fast (each file's parse tree is garbage a moment later), so the
 * one-thread scan's heap grew to several times its live size. 100 took the dense bench tree's peak from 287 MB to
 * 215 MB (medians of 24 and 19 runs) for 2% more CPU; wall time rose more (+9% in 8 runs on a quiet 2-core machine,
 * likely as V8's collector threads overlap the scan less). 50: 210 MB for 5% more CPU; 200: 255-270 MB. A command-line flag
 * such as --max-old-space-size would take effect only in a new process; this one V8 reads at every collection.
 */
export const HEAP_GROWTH_PERCENT = 100;

/**
 * Caps heap growth for the whole process, for a scan on one thread. Not with workers: their heaps are capped
 * already, and with this flag two workers peaked 20-45 MB higher (likely as V8's own factor shrinks near a cap).
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
}

/**
 * V8's interrupt budget for the scan: how much a function runs before V8 considers optimising it (V8's own is
 * 67584). The scan runs hundreds of functions just hot enough for TurboFan, whose compiles run on a second core;
 * 200000 leaves the ones that matter optimised. Realistic bench tree, one thread: the main thread's CPU 2.5 s -> 2.6 s,
 * V8's background threads' 1.7 s -> 1.1 s (per-thread CPU from /proc), so the second core is free for a reader.
 */
export const INTERRUPT_BUDGET = 200_000;

/** Fewer optimising compiles (INTERRUPT_BUDGET), for every thread of the process; set before the scan's code runs hot. */
export function compileLess(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/** Below this many files one thread is faster than starting workers. */
export const PARALLEL_MIN_FILES = 200;

/**
 * Below this many files one thread is as fast as the reader split: the reader costs 150-190 ms of CPU to start (its
 * isolate, code and dataset), and the main thread waits for its first batch. Realistic tree's folders, main thread's
 * CPU: 219 files 365 -> 335 ms, 989 files 605 -> 540 ms, 18,000 files (11,169 read) 2.6 -> 2.05 s.
 */
export const SPLIT_MIN_FILES = 2000;

/**
 * Idle cores from which analysing workers pay: each compiles its own copy of the code, collects garbage in a capped
 * heap and sends its results back serialized, about 1.6 times one thread's CPU for the same files; two workers on
 * two cores were no faster than one thread (README "Performance").
 */
export const PARALLEL_MIN_IDLE_CORES = 3;

/** Cores not busy with other work: the core count less the last minute's load average (0 where there is none, as on Windows). */
export function idleCores(): number {
  return Math.floor(availableParallelism() - loadavg()[0]);
}

/**
 * Threads for a scan of `files` files: GRIDLENS_THREADS when set (1 = this thread alone, 2 = this thread analyses
 * what a reader reads, N > 2 = N analysing workers, whatever the tree); otherwise one thread below
 * PARALLEL_MIN_FILES files, one analysing worker per idle core (at most 8) with PARALLEL_MIN_IDLE_CORES idle cores
 * or more, and the reader split from SPLIT_MIN_FILES files on two cores or more, however busy: its main thread never
 * waits for the reader, and on 2 cores loaded with 1, 2 and 4 other busy processes it was still 4-15% faster than one
 * thread (README "Performance: threads").
 */
export function threadCount(files: number, idle = idleCores(), cores = availableParallelism()): number {
  const env = Number(process.env.GRIDLENS_THREADS);
  if (Number.isInteger(env) && env >= 1) return Math.min(env, 64);
  if (files < PARALLEL_MIN_FILES) return 1;
  if (idle >= PARALLEL_MIN_IDLE_CORES) return Math.min(idle, 8);
  return cores >= 2 && files >= SPLIT_MIN_FILES ? 2 : 1;
}

/**
 * Reads and analyses the candidates (paths relative to `root`) on `workers` worker threads running `workerScript`
 * (none: on this thread, with `index`). Results and read errors come back in candidate order. `onProgress` is told
 * how many candidates are done.
 */
export async function analyseCandidates(
  candidates: readonly string[],
  options: WorkerOptions & {
    workers: number;
    workerScript: string;
    index: DatasetIndex;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<{ results: WorkerFileResult[]; errors: ScanError[] }> {
  const items: WorkerItem[] = candidates.map((path, i) => ({ i, path }));
  options.onProgress?.(0, items.length); // before the first file is read
  // workers are handed whole batches, the heavy ones one at a time: sized; on this thread reading cuts them
  const plan = await planBatches(nodeFiles(options.root), items, { ...options, sized: options.workers > 0 });
  const errors = plan.errors.map(({ item, error }) => ({ i: item.i, error }));
  const batches: WorkerBatch[] = plan.batches.map((batch, id) => ({ id, ...batch }));

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
  const kept = new KeptResults();
  kept.addErrors(errors);
  const accept = (batch: WorkerBatch) => {
    done += batch.items.length;
    options.onProgress?.(done, items.length);
  };
  /** Batches whose worker ran out of memory (or all of them, without workers): analysed on this thread at the end. */
  const leftOver: WorkerBatch[] = [];
  const resourceLimits = { maxOldGenerationSizeMb: workerHeapMb(options.maxFileBytes), maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  const workers = Array.from(
    { length: Math.min(options.workers, batches.length) },
    () =>
      new Worker(options.workerScript, {
        workerData: { root: options.root, maxFileBytes: options.maxFileBytes, prefilter: options.prefilter } satisfies WorkerOptions,
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
              kept.addPacked(reply);
              accept(batches[reply.id]);
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
  const access = nodeFiles(options.root);
  for (const batch of leftOver) {
    await analyseHere(kept, access, options.index, batch, options);
    accept(batch);
  }
  return kept.merged();
}

/**
 * What the main thread tells a reader (see serveReads): the folder-scoped files that planning reads, with claims on
 * them (claimBatch: the reader takes its share from the end); then the planned batches with the claims on them, then
 * one credit for each batch read that it took.
 */
export type ToReader =
  | { plan: Array<{ path: string; family: FolderFamily }>; claims: SharedArrayBuffer }
  | { batches: Array<Batch<WorkerItem>>; claims: SharedArrayBuffer }
  | { credit: number };

/**
 * What a reader tells the main thread: what it read of the files to plan (those from `from` on; only when it took
 * any), each batch read (a part of one: readBatch cuts at about 1 MB), and the end.
 */
export type FromReader = { joins: Joins[]; from: number } | { read: ReadBatch<WorkerItem> } | { end: true } | { failure: string };

/** Batches a reader reads ahead of the main thread's analysis (each holds at most about 1 MB of texts, or one large file). */
export const READ_AHEAD_BATCHES = 2;

/**
 * The next batch of the plan for the main thread (`front`: from the first) or the reader (`back`: from the last), or
 * undefined once none is left. `claims` (shared by both threads) packs the next front batch in its low 32 bits and
 * the batch after the last one left in its high 32 bits; one atomic exchange takes a batch, so none is taken twice.
 */
export function claimBatch(claims: BigInt64Array, end: 'front' | 'back'): number | undefined {
  for (;;) {
    const packed = Atomics.load(claims, 0);
    const front = packed & 0xffffffffn;
    const back = packed >> 32n;
    if (front >= back) return undefined;
    const next = end === 'front' ? packed + 1n : ((back - 1n) << 32n) | front;
    if (Atomics.compareExchange(claims, 0, packed, next) === packed) return Number(end === 'front' ? front : back - 1n);
  }
}

/** Claims on `batches` batches, none taken yet (claimBatch). */
export function batchClaims(batches: number): BigInt64Array {
  const claims = new BigInt64Array(new SharedArrayBuffer(8));
  claims[0] = BigInt(batches) << 32n;
  return claims;
}

/**
 * Starts a reader: a worker that lists, plans and analyses nothing, but reads and prefilters batches (readBatch) for
 * the main thread, which analyses what passes (analyseWithReader). Started during the listing, so that its start-up
 * overlaps it. A two-thread scan limits heap growth (limitHeapGrowth) in any case; set before the reader starts, the
 * reader's bundle compiles from its code cache (made with the scan's V8 flags: esbuild.js, launch.ts).
 */
export function startReader(workerScript: string, options: WorkerOptions): Worker {
  limitHeapGrowth();
  return new Worker(workerScript, {
    workerData: { ...options, reader: true },
    resourceLimits: { maxOldGenerationSizeMb: workerHeapMb(options.maxFileBytes), maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
}

/**
 * The reader's side (scanWorker.ts): reads its share of the files to plan (planShare), then waits for the plan, then
 * claims batches from its end and reads them, READ_AHEAD_BATCHES ahead at most.
 */
export function serveReads(port: MessagePort, options: WorkerOptions, index: DatasetIndex): void {
  let credit = READ_AHEAD_BATCHES;
  let wake: (() => void) | undefined;
  const hasCredit = async () => {
    while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
  };
  const readAll = async (batches: Array<Batch<WorkerItem>>, claims: BigInt64Array) => {
    const access = nodeFiles(options.root);
    // the line starts of what passes come along, and the tokens of the code files (off the main thread, which needs
    // them for nearly every such file)
    const readOptions = { ...options, lineStarts: true, lex: true };
    for (;;) {
      // a batch is claimed only when it can be read at once: one waiting here would be one the main thread could read
      await hasCredit();
      const k = claimBatch(claims, 'back');
      if (k === undefined) break;
      for (let items = batches[k].items; items.length;) {
        await hasCredit();
        credit--;
        const read = await readBatch(access, index, { ...batches[k], items }, readOptions);
        port.postMessage(
          { read } satisfies FromReader,
          read.pending.flatMap((p) => [
            ...(p.lineStarts ? [p.lineStarts.buffer as ArrayBuffer] : []),
            ...(p.lexed ? [p.lexed.tokens.buffer] : []),
          ]),
        );
        items = read.rest;
      }
    }
    port.postMessage({ end: true } satisfies FromReader);
  };
  /** The files to plan that the reader claims from the end, until the main thread, reading from the start, meets it. */
  const planShare = async (files: Array<{ path: string; family: FolderFamily }>, claims: BigInt64Array) => {
    const access = nodeFiles(options.root);
    const joins: Joins[] = [];
    let from = files.length;
    for (let k = claimBatch(claims, 'back'); k !== undefined; k = claimBatch(claims, 'back')) {
      joins.push(await readJoins(access, files[k].path, files[k].family, options));
      from = k;
    }
    if (joins.length) port.postMessage({ joins: joins.reverse(), from } satisfies FromReader);
  };
  const failed = (error: unknown) =>
    port.postMessage({ failure: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromReader);
  port.on('message', (message: ToReader) => {
    if ('credit' in message) {
      credit += message.credit;
      wake?.();
      wake = undefined;
    } else if ('plan' in message) planShare(message.plan, new BigInt64Array(message.claims)).catch(failed);
    else readAll(message.batches, new BigInt64Array(message.claims)).catch(failed);
  });
}

/**
 * Analyses the candidates on this thread with `reader` (startReader) reading and prefiltering batches from the end
 * of the plan, while this thread takes batches from its start, reading them itself whenever the reader has none
 * ready (so it never waits for the reader's start-up), and analyses every file the same way as one thread does:
 * the same report. Should the reader run out of memory, this thread reads the files of its batches it did not get.
 */
export async function analyseWithReader(
  candidates: readonly string[],
  options: WorkerOptions & { reader: Worker; index: DatasetIndex; onProgress?: (done: number, total: number) => void },
): Promise<{ results: WorkerFileResult[]; errors: ScanError[] }> {
  const { reader, index, onProgress } = options;
  const items: WorkerItem[] = candidates.map((path, i) => ({ i, path }));
  onProgress?.(0, items.length);
  const access = nodeFiles(options.root);
  const inbox: FromReader[] = [];
  let wake: (() => void) | undefined;
  let stopped: Error | undefined;
  const stop = (error: Error) => {
    stopped ??= error;
    wake?.();
  };
  reader.on('message', (message: FromReader) => {
    inbox.push(message);
    wake?.();
  });
  reader.once('error', (error) => stop(error));
  // a reader that exits before its end ends the wait with an error rather than a hang
  reader.once('exit', () => stop(new Error('scan reader exited before the scan finished')));
  const plan = await planBatches(access, items, options, async (files) => {
    // the reader, idle until the plan is made, reads the files to plan from the end once it is up (its start-up
    // often ends part way through) while this thread reads them from the start
    const planClaims = batchClaims(files.length);
    reader.postMessage({
      plan: files.map(({ item, family }) => ({ path: item.path, family })),
      claims: planClaims.buffer as SharedArrayBuffer,
    } satisfies ToReader);
    const joins: Joins[] = [];
    for (let k = claimBatch(planClaims, 'front'); k !== undefined; k = claimBatch(planClaims, 'front'))
      joins[k] = await readJoins(access, files[k].item.path, files[k].family, options);
    const readersFirst = Number(Atomics.load(planClaims, 0) >> 32n);
    if (readersFirst === files.length) return joins;
    // the reader took the rest: its answer (or, should it have stopped, this thread reads them)
    while (!inbox.length && !stopped) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
    const message = inbox.shift();
    if (message && 'failure' in message) throw new Error(`scan reader failed: ${message.failure}`);
    if (message && 'joins' in message) message.joins.forEach((answer, n) => (joins[message.from + n] = answer));
    else for (let k = readersFirst; k < files.length; k++) joins[k] = await readJoins(access, files[k].item.path, files[k].family, options);
    return joins;
  });
  const kept = new KeptResults();
  kept.addErrors(plan.errors.map(({ item, error }) => ({ i: item.i, error })));
  let done = plan.errors.length;
  const accept = (files: number) => {
    done += files;
    onProgress?.(done, items.length);
  };
  /** Candidates the reader read (or passed over, or could not read). */
  const seen = new Set<number>();
  const claims = batchClaims(plan.batches.length);
  reader.postMessage({ batches: plan.batches, claims: claims.buffer as SharedArrayBuffer } satisfies ToReader);
  let readerDone = false;
  try {
    while (!stopped) {
      // the reader's batches come in as messages: let those posted meanwhile in, then prefer them to reading here
      if (!inbox.length) await new Promise((resolve) => setImmediate(resolve));
      const message = inbox.shift();
      if (message) {
        if ('failure' in message) throw new Error(`scan reader failed: ${message.failure}`);
        if ('end' in message) readerDone = true;
        else if ('read' in message) {
          reader.postMessage({ credit: 1 } satisfies ToReader);
          const { read } = message;
          for (const { item } of [...read.done, ...read.pending]) seen.add(item.i);
          analyseReadHere(kept, index, read, options);
          accept(read.done.length + read.pending.length);
        }
        continue;
      }
      const k = claimBatch(claims, 'front');
      if (k !== undefined) {
        await analyseHere(kept, access, index, plan.batches[k], options);
        accept(plan.batches[k].items.length);
      } else if (readerDone) break;
      else await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    if (stopped) {
      if ((stopped as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw stopped;
      // the reader ran out of memory: this thread takes the batches left, then the files of the reader's that it did
      // not get (a folder-scoped batch comes whole in one read, so its files come all or none)
      for (let k = claimBatch(claims, 'front'); k !== undefined; k = claimBatch(claims, 'front')) {
        await analyseHere(kept, access, index, plan.batches[k], options);
        accept(plan.batches[k].items.length);
      }
      const readersFirst = Number(Atomics.load(claims, 0) >> 32n);
      for (const batch of plan.batches.slice(readersFirst)) {
        const unread = batch.items.filter((item) => !seen.has(item.i));
        if (!unread.length) continue;
        await analyseHere(kept, access, index, { ...batch, items: unread }, options);
        accept(unread.length);
      }
    }
  } finally {
    void reader.terminate();
  }
  return kept.merged();
}
