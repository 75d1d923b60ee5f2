// The scan pipeline, one for the CLI and the editor: which files are candidates (the registry's families, ignore
// rules, links not followed), how a file is read and accepted (size limit, binary sniff, decoding), how candidates
// are cut into batches (a folder-scoped family's files by the groups it declares), and what of an analysed file is
// kept for pairing and the report. The disk is behind FileAccess: Node's fs in the CLI (src/cli/nodeFiles.ts),
// workspace.fs in the editor (src/extension/workspaceFiles.ts). A file's text lives only while its batch is analysed.
import type { DatasetIndex } from '../data/dataset';
import { finishFiles, lexAhead, prefilterFile, startFile, type FileResult } from './analyze';
import type { IgnoreRules } from './ignore';
import { detectFamily, folderFamilies, formatOf } from './registry';
import { dirname, joinPath, lineStarts, ownCopy } from './text';
import type { PackedLex } from './token';
import type { Pair, ScanError } from './types';
import { keptFile, reportedPairs, type KeptFile } from './workspace';

export type EntryKind = 'file' | 'folder' | 'link' | 'other';

export interface FolderEntry {
  name: string;
  /** What the entry itself is: a symbolic link is 'link', whatever it leads to. */
  kind: EntryKind;
}

export interface FileStat {
  /** What the path leads to (links followed). */
  kind: Exclude<EntryKind, 'link'>;
  size: number;
}

type Maybe<T> = T | Promise<T>;

/**
 * The files a scan reads, by '/'-separated path relative to the scan's root ('.' is the root). Methods throw on
 * failure; an error's `code` (ENOENT, FileNotFound…) is what the scan reports, else its message.
 */
export interface FileAccess {
  /** A folder's entries. */
  list(folder: string): Maybe<FolderEntry[]>;
  /** What a path leads to (links followed) and its size in bytes. */
  stat(path: string): Maybe<FileStat>;
  /** A file's bytes, or its text where the host holds it decoded already (an editor's buffer with unsaved edits). */
  read(path: string): Maybe<Uint8Array | string>;
  /** Whether a symbolic link leads out of the scanned folder, where the host can tell. */
  leadsOutside?(path: string): Maybe<boolean>;
  /**
   * stat and read at once, where the host can do both with one open: what `stat` would say and, when the path is a
   * regular file of at most `maxBytes`, what `use` made of its bytes (else none read). The bytes are lent to `use`
   * for the call only: the host may read the next file into the same buffer. Fails only as `read` would.
   */
  statAndRead?<T>(path: string, maxBytes: number, use: (content: Uint8Array) => T): Maybe<{ stat: FileStat; used?: T }>;
}

/** The bytes sniffed for a NUL, as git and ripgrep do: a text file has none in its first 8 KB. */
export const BINARY_SNIFF_BYTES = 8192;

/** What an error says in a report: its code when it has one (ENOENT), else its message. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code ? code : error instanceof Error ? error.message : String(error);
}

const childOf = (folder: string, name: string) => (folder === '.' ? name : `${folder}/${name}`);

/** A path to scan: a folder is walked, a file is read whatever its name. `asGiven` names it in a 'not found' error. */
export interface ScanRoot {
  path: string;
  asGiven?: string;
}

/**
 * The files under `roots` that GridLens reads, in a stable order (each folder's entries by name), and why others
 * were passed over. Ignored folders are not entered. Links are not followed (a link can loop, or lead out of the
 * scanned folder): the ones that would have been scanned, a link to a folder or to a file GridLens reads, are reported.
 */
export async function listCandidates(
  access: FileAccess,
  roots: readonly ScanRoot[],
  ignore: IgnoreRules,
  cancelled: () => boolean = () => false,
): Promise<{ candidates: string[]; errors: ScanError[] }> {
  const errors: ScanError[] = [];
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries: FolderEntry[];
    try {
      entries = [...(await access.list(folder))];
    } catch (error) {
      errors.push({ file: folder, message: `cannot read folder: ${reasonOf(error)}` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    // an indexed loop: a for-of loop with an await in it is several times the bytecode (the iterator is closed on
    // every exit), and this loop runs for every entry of the tree
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (cancelled()) return;
      const path = childOf(folder, entry.name);
      if (entry.kind === 'folder') {
        if (!ignore.test(`${path}/`) && !ignore.test(path)) await walk(path);
      } else if (ignore.test(path)) continue;
      else if (entry.kind === 'file') {
        if (detectFamily(path)) found.push(path);
      } else if (entry.kind === 'link') {
        const problem = await linkProblem(access, path);
        if (problem) errors.push({ file: path, message: problem });
      } else if (detectFamily(path)) errors.push({ file: path, message: 'skipped: not a regular file' });
    }
  };
  for (const root of roots) {
    let stat: FileStat;
    try {
      stat = await access.stat(root.path);
    } catch (error) {
      errors.push({ file: root.asGiven ?? root.path, message: `not found: ${reasonOf(error)}` });
      continue;
    }
    if (stat.kind === 'folder') await walk(root.path);
    else found.push(root.path);
  }
  return { candidates: [...new Set(found)], errors };
}

async function linkProblem(access: FileAccess, path: string): Promise<string | undefined> {
  let target: FileStat;
  try {
    target = await access.stat(path);
  } catch (error) {
    const code = (error as { code?: unknown } | undefined)?.code;
    return `skipped: symbolic link that loops or leads nowhere (${typeof code === 'string' ? code : 'unreadable'}); links are not followed`;
  }
  if (target.kind !== 'folder' && !detectFamily(path)) return undefined;
  let outside = false;
  try {
    outside = (await access.leadsOutside?.(path)) ?? false;
  } catch {
    // reported as a plain link
  }
  return `skipped: symbolic link to a ${target.kind === 'folder' ? 'folder' : 'file'}${outside ? ' outside the scanned folder' : ''}; links are not followed`;
}

export interface ReadOptions {
  maxFileBytes: number;
  /** How a skip over the size limit names the limit (default: `the N KB limit`). */
  limitName?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Reads one candidate: the size limit (checked on the stat, before reading), the binary sniff and UTF-8 decoding (a
 * byte-order mark dropped, invalid bytes as U+FFFD). Problems are returned, never thrown.
 */
export async function readCandidate(
  access: FileAccess,
  path: string,
  options: ReadOptions,
): Promise<{ text: string } | { error: ScanError }> {
  const skip = (message: string) => ({ error: { file: path, message: `skipped: ${message}` } });
  const overLimit = (bytes: number) =>
    skip(`${Math.ceil(bytes / 1024)} KB is over ${options.limitName ?? `the ${Math.round(options.maxFileBytes / 1024)} KB limit`}`);
  /** The text of a file's content, or why it is passed over (the bytes are not kept: a host may lend them). */
  const accept = (content: Uint8Array | string) => {
    if (typeof content === 'string') {
      if (content.length > options.maxFileBytes) return overLimit(content.length);
      if (content.slice(0, BINARY_SNIFF_BYTES).includes('\0')) return skip('binary file');
      return { text: content };
    }
    // the file may have grown since the stat
    if (content.byteLength > options.maxFileBytes) return overLimit(content.byteLength);
    if (content.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return skip('binary file');
    return { text: decoder.decode(content) };
  };
  try {
    const opened = access.statAndRead ? await access.statAndRead(path, options.maxFileBytes, accept) : undefined;
    if (opened?.used) return opened.used;
    const stat = opened?.stat ?? (await access.stat(path));
    // a named pipe or a device would block the read or never end
    if (stat.kind !== 'file') return skip('not a regular file');
    if (stat.size > options.maxFileBytes) return overLimit(stat.size);
    return accept(await access.read(path));
  } catch (error) {
    return { error: { file: path, message: `cannot read: ${reasonOf(error)}` } };
  }
}

/** Files read and analysed together: one detector call per file, or a folder-scoped family's groups at once. */
export interface Batch<I extends { path: string }> {
  items: I[];
  /** Files of a folder-scoped family, whole groups of them (Terraform module variables and providers span files). */
  folder?: boolean;
  /** Holds a file of HEAVY_FILE_BYTES or more: its parse needs tens of MB of heap for a moment. */
  heavy?: boolean;
}

const BATCH_FILES = 48;
const BATCH_BYTES_HINT = 1 << 20;
/** A 250 KB minified script takes about 25 MB of heap to analyse, a 1.8 MB YAML file 75 MB. */
export const HEAVY_FILE_BYTES = 256 << 10;

/**
 * Groups files so that no link between folders crosses two groups: each file names the folders it joins with its
 * own ('all': every folder). Groups keep file order, and come in the order of their first file.
 */
export function groupFolders<F extends { path: string }>(files: ReadonlyArray<{ file: F; joins: readonly string[] | 'all' }>): F[][] {
  if (files.some((f) => f.joins === 'all')) return files.length ? [files.map((f) => f.file)] : [];
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  for (const { file, joins } of files) {
    const folder = dirname(file.path);
    find(folder);
    for (const other of joins as readonly string[]) {
      const a = find(folder);
      const b = find(joinPath(folder, other));
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, F[]>();
  for (const { file } of files) {
    const root = find(dirname(file.path));
    const list = groups.get(root);
    if (list) list.push(file);
    else groups.set(root, [file]);
  }
  return [...groups.values()];
}

/** How planBatches cuts the files of file-scoped families. */
export interface PlanOptions extends ReadOptions {
  /**
   * True: by their sizes too (a stat each), at about 1 MB of files, and heavy batches are flagged, for a scheduler
   * that hands whole batches to threads with capped heaps. Otherwise by count only, and reading cuts a batch at about
   * 1 MB (readBatch): the stats were 30 ms of the realistic bench tree's 2.4 s scan.
   */
  sized?: boolean;
}

/** A family whose detector reads a folder's files together. */
export type FolderFamily = (typeof folderFamilies)[number];

/** What planning reads of a folder-scoped file: the folders it joins with its own (FolderFormat.joins), or why it cannot be read. */
export type Joins = { joins: readonly string[] | 'all' } | { error: ScanError };

/** Reads a folder-scoped file of `family` for planBatches: the folders it joins (its text is not kept). */
export async function readJoins(access: FileAccess, path: string, family: FolderFamily, options: ReadOptions): Promise<Joins> {
  const read = await readCandidate(access, path, options);
  return 'error' in read ? read : { joins: formatOf(family).joins(read.text) };
}

/**
 * Cuts the candidates into batches: a folder-scoped family's files by the groups its files declare (read here for
 * that, and not kept: each is read again with its batch; keeping them raised the dense bench tree's peak memory by
 * about 10 MB, for under 1% less CPU), the others by count (and by size: PlanOptions.sized). Files that cannot be
 * read are returned as errors. `joinsOf` reads the folder-scoped files (readJoins; another thread may share the work),
 * each answer at its file's place.
 */
export async function planBatches<I extends { path: string }>(
  access: FileAccess,
  items: readonly I[],
  options: PlanOptions,
  joinsOf: (files: ReadonlyArray<{ item: I; family: FolderFamily }>) => Promise<Joins[]> = async (files) => {
    const out: Joins[] = [];
    for (const { item, family } of files) out.push(await readJoins(access, item.path, family, options));
    return out;
  },
): Promise<{ batches: Array<Batch<I>>; errors: Array<{ item: I; error: ScanError }> }> {
  const errors: Array<{ item: I; error: ScanError }> = [];
  const batches: Array<Batch<I>> = [];
  const families = items.map((item) => detectFamily(item.path));
  const grouped: Array<{ item: I; family: FolderFamily }> = [];
  for (const family of folderFamilies) items.forEach((item, i) => families[i] === family && grouped.push({ item, family }));
  const joins = await joinsOf(grouped);
  for (const family of folderFamilies) {
    const linked: Array<{ file: I; joins: readonly string[] | 'all' }> = [];
    grouped.forEach(({ item, family: of }, k) => {
      if (of !== family) return;
      const read = joins[k];
      if ('error' in read) errors.push({ item, error: read.error });
      else linked.push({ file: item, joins: read.joins });
    });
    let group: I[] = [];
    for (const members of groupFolders(linked)) {
      group.push(...members);
      if (group.length >= BATCH_FILES) {
        batches.push({ items: group, folder: true });
        group = [];
      }
    }
    if (group.length) batches.push({ items: group, folder: true });
  }
  let current: I[] = [];
  let bytes = 0;
  let heavy = false;
  for (const [i, item] of items.entries()) {
    const family = families[i];
    if (family !== undefined && formatOf(family).scope !== 'file') continue;
    current.push(item);
    if (options.sized)
      try {
        const size = (await access.stat(item.path)).size;
        bytes += size;
        heavy ||= size >= HEAVY_FILE_BYTES;
      } catch {
        // reported when the file is read
      }
    if (current.length >= BATCH_FILES || bytes >= BATCH_BYTES_HINT) {
      batches.push({ items: current, heavy });
      current = [];
      bytes = 0;
      heavy = false;
    }
  }
  if (current.length) batches.push({ items: current, heavy });
  return { batches, errors };
}

export interface AnalyseOptions extends ReadOptions {
  /** False: files that cannot hold a finding are parsed too (gridlens scan --no-prefilter). */
  prefilter: boolean;
}

/** How readBatch reads. */
export interface ReadBatchOptions extends AnalyseOptions {
  /**
   * True: the line starts of each text that passes are worked out too, by a reader thread for the thread that
   * analyses (which needs them for nearly every such file: KeptFile.lineStarts).
   */
  lineStarts?: boolean;
  /** True: code files that pass are lexed too (lexAhead), by a reader thread for the thread that analyses. */
  lex?: boolean;
}

/** What became of a candidate: an error, or what is kept of it (undefined: read, nothing to keep). */
export interface Outcome<I> {
  item: I;
  kept?: KeptFile;
  error?: ScanError;
}

/**
 * A batch read and prefiltered (readBatch): the outcomes of the files no detector needs to parse (unreadable, or
 * passed over by the prefilter), and the texts of the others with what the prefilter said of each.
 */
export interface ReadBatch<I> {
  folder?: boolean;
  done: Array<Outcome<I>>;
  pending: Array<{ item: I; text: string; mayHold?: boolean; lineStarts?: Uint32Array; lexed?: PackedLex }>;
  /** The batch's files left unread: a batch of file-scoped files is cut once about 1 MB of it is read. */
  rest: I[];
}

/**
 * Reads a batch and prefilters it: the cheap half of analyseBatch, which a scan can run on another thread. A batch
 * of file-scoped files is read up to about 1 MB (so a few large files never come at once, whatever the plan knew of
 * their sizes); the files after that are left for another read (`rest`).
 */
export async function readBatch<I extends { path: string }>(
  access: FileAccess,
  index: DatasetIndex,
  batch: Batch<I>,
  options: ReadBatchOptions,
): Promise<ReadBatch<I>> {
  const done: Array<Outcome<I>> = [];
  const pending: ReadBatch<I>['pending'] = [];
  let characters = 0;
  for (const [n, item] of batch.items.entries()) {
    if (!batch.folder && characters >= BATCH_BYTES_HINT) return { folder: batch.folder, done, pending, rest: batch.items.slice(n) };
    const read = await readCandidate(access, item.path, options);
    if ('error' in read) {
      done.push({ item, error: read.error });
      continue;
    }
    characters += read.text.length;
    const mayHold = batch.folder ? undefined : prefilterFile(index, item.path, read.text);
    if (options.prefilter && mayHold === false) done.push({ item, kept: analyseFile(index, item.path, read.text, true, false) });
    else
      pending.push({
        item,
        text: read.text,
        mayHold,
        lineStarts: options.lineStarts ? lineStarts(read.text) : undefined,
        lexed: options.lex ? lexAhead(item.path, read.text) : undefined,
      });
  }
  return { folder: batch.folder, done, pending, rest: [] };
}

/**
 * Analyses a file of a file-scoped family from start to finish: what is kept of it (`starts`: its text's line starts,
 * `lexed`: its tokens, when known).
 */
function analyseFile(
  index: DatasetIndex,
  path: string,
  text: string,
  prefilter: boolean,
  mayHold?: boolean,
  starts?: Uint32Array,
  lexed?: PackedLex,
): KeptFile | undefined {
  const result = startFile(index, path, text, prefilter, mayHold, lexed);
  finishFiles([result]);
  return keptFile(result, starts);
}

/** Analyses the files of a read batch that its prefilter passed: the costly half of analyseBatch. */
export function analyseRead<I extends { path: string }>(
  index: DatasetIndex,
  read: ReadBatch<I>,
  options: AnalyseOptions,
): Array<Outcome<I>> {
  const out: Array<Outcome<I> & { result?: FileResult; starts?: Uint32Array }> = [];
  for (const { item, text, mayHold, lineStarts: starts, lexed } of read.pending) {
    if (read.folder) out.push({ item, result: startFile(index, item.path, text, options.prefilter, mayHold, lexed), starts });
    else out.push({ item, kept: analyseFile(index, item.path, text, options.prefilter, mayHold, starts, lexed) });
  }
  if (read.folder) {
    finishFiles(out.flatMap((o) => (o.result ? [o.result] : [])));
    for (const o of out) if (o.result) o.kept = keptFile(o.result, o.starts);
  }
  return [...read.done, ...out.map(({ item, kept }) => ({ item, kept }))];
}

/** A batch read about 1 MB at a time (readBatch): each read in turn, the batch's files all read at the end. */
export async function* readsOf<I extends { path: string }>(
  access: FileAccess,
  index: DatasetIndex,
  batch: Batch<I>,
  options: AnalyseOptions,
): AsyncGenerator<ReadBatch<I>> {
  for (let items = batch.items; items.length;) {
    const read = await readBatch(access, index, { ...batch, items }, options);
    yield read;
    items = read.rest;
  }
}

/** Reads and analyses one batch, about 1 MB at a time (readsOf); each item's outcome. */
export async function analyseBatch<I extends { path: string }>(
  access: FileAccess,
  index: DatasetIndex,
  batch: Batch<I>,
  options: AnalyseOptions,
): Promise<Array<Outcome<I>>> {
  const outcomes: Array<Outcome<I>> = [];
  for await (const read of readsOf(access, index, batch, options)) outcomes.push(...analyseRead(index, read, options));
  return outcomes;
}

/**
 * A kept file whose strings are copies of their own (ownCopy), so that it does not keep its file's whole text alive
 * (on the dense bench tree, the kept files held 40 MB of texts so). Strings are replaced in place, which keeps shared
 * objects shared. A workers' scan need not: serializing its results copies them.
 */
function ownStrings(file: KeptFile): KeptFile {
  copyStrings(file.analysis);
  copyStrings(file.facts);
  return file;
}

/** Replaces every string in `value`'s plain objects and arrays by its own copy (see ownStrings). */
function copyStrings(value: object): void {
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (typeof v === 'string') record[key] = ownCopy(v);
    else if (typeof v === 'object' && v !== null) copyStrings(v);
  }
}

export interface TreeScan {
  /** Files with findings, facts or problems, in candidate order. */
  files: KeptFile[];
  pairs: Pair[];
  /** Files passed over or partly read, in candidate order after the listing's own. */
  errors: ScanError[];
  /** Candidates read and analysed. */
  read: number;
}

/**
 * A whole scan on this thread: lists, reads batch by batch and pairs (the CLI runs the same batches on workers when
 * they pay). Undefined when cancelled.
 */
export async function scanTree(
  access: FileAccess,
  index: DatasetIndex,
  roots: readonly ScanRoot[],
  options: AnalyseOptions & {
    ignore: IgnoreRules;
    onProgress?: (done: number, total: number) => void;
    cancelled?: () => boolean;
  },
): Promise<TreeScan | undefined> {
  const cancelled = options.cancelled ?? (() => false);
  const listed = await listCandidates(access, roots, options.ignore, cancelled);
  const items = listed.candidates.map((path, i) => ({ path, i }));
  const plan = await planBatches(access, items, options);
  const kept: Array<{ i: number; file: KeptFile }> = [];
  const errors = plan.errors.map((e) => ({ i: e.item.i, error: e.error }));
  let done = errors.length;
  options.onProgress?.(done, items.length);
  for (const batch of plan.batches) {
    if (cancelled()) return undefined;
    for (const { item, kept: file, error } of await analyseBatch(access, index, batch, options)) {
      if (error) errors.push({ i: item.i, error });
      else if (file) kept.push({ i: item.i, file: ownStrings(file) });
    }
    done += batch.items.length;
    options.onProgress?.(done, items.length);
  }
  if (cancelled()) return undefined;
  kept.sort((a, b) => a.i - b.i);
  errors.sort((a, b) => a.i - b.i);
  const files = kept.map((k) => k.file);
  return {
    files,
    pairs: reportedPairs(index, files, listed.candidates),
    errors: [...listed.errors, ...errors.map((e) => e.error)],
    read: items.length - errors.length,
  };
}
