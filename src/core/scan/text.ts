// Offsets ↔ 1-based lines and columns, and small string helpers shared by the detectors.

/**
 * A copy of `s` that holds its own characters. V8 makes a substring of 13 characters or more as a slice that keeps the
 * whole string it was cut from alive (a file's text, for a name cut from it); a concatenation is flattened into a new
 * string when it is cut, so the cut points into that copy.
 */
export const ownCopy = (s: string): string => (' ' + s).slice(1);

/**
 * lineStarts' scratch space, grown to the longest text's line count up to 64 Ki lines (256 KB kept): one pass over a
 * text instead of counting its lines first.
 */
let startsScratch = new Uint32Array(1024);
const SCRATCH_MAX_KEPT = 1 << 16;

/** Offsets where each line starts (line 1 at 0); compact, and cheap to send between threads. */
export function lineStarts(text: string): Uint32Array {
  let starts = startsScratch;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (n === starts.length) {
      const grown = new Uint32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
      if (grown.length <= SCRATCH_MAX_KEPT) startsScratch = grown;
    }
    starts[n++] = i + 1;
  }
  return starts.slice(0, n);
}

/** 1-based line of an offset, from its text's line starts. */
export function lineIn(starts: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** 1-based line and column of an offset, from its text's line starts. */
export function positionIn(starts: Uint32Array, offset: number): { line: number; column: number } {
  const line = lineIn(starts, offset);
  return { line, column: offset - starts[line - 1] + 1 };
}

export class LineIndex {
  private readonly starts: Uint32Array;

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    return positionIn(this.starts, offset);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  lineEnd(line: number): number {
    const next = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    return next > 0 && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** Directory part of a '/'-separated path ('' for top-level files). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** An empty (but a leading '/'), '.' or '..' segment of a path, or the empty path. */
const oddSegment = /\/\.{0,2}(?:\/|$)|^\.{1,2}(?:\/|$)|^$/;

/** Joins and normalises a relative path against a folder ('a/b' + '../c' → 'a/c'). */
export function joinPath(folder: string, relative: string): string {
  // a top-level file's folder is '': its relative paths stay relative
  const full = relative.startsWith('/') || folder === '' ? relative : `${folder}/${relative}`;
  // most paths have no empty, '.' or '..' segment: already normal, no split and join (Terraform asks it per function)
  if (!oddSegment.test(full)) return full;
  const parts = full.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return (full.startsWith('/') ? '/' : '') + out.join('/');
}

/** Number of leading path segments two folders share. */
export function sharedDepth(a: string, b: string): number {
  if (!a || !b) return 0;
  // segment by segment without splitting: the same count as comparing a.split('/') with b.split('/')
  let n = 0;
  let i = 0;
  for (;;) {
    while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i) && a.charCodeAt(i) !== 47) i++;
    const aEnd = i === a.length || a.charCodeAt(i) === 47;
    const bEnd = i === b.length || b.charCodeAt(i) === 47;
    if (!aEnd || !bEnd) return n;
    n++;
    if (i === a.length || i === b.length) return n;
    i++;
  }
}
