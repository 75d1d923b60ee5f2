// The scan pipeline's file access on Node's fs (core/scan/pipeline.ts): paths relative to the scanned root, read
// synchronously (one file at a time is what the scan needs, and the sync calls are the fastest). Links are listed as
// links; whether one leads out of the root is told from real paths.
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { resolve, sep } from 'node:path';
import type { EntryKind, FileAccess, FileStat } from '../core/scan/pipeline';

const kindOf = (entry: Dirent): EntryKind =>
  entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : entry.isSymbolicLink() ? 'link' : 'other';

const fileStat = (stat: Stats): FileStat => ({ kind: stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other', size: stat.size });

/** Opening a named pipe without O_NONBLOCK would wait for a writer (Windows has no such flag, nor such pipes in a tree). */
const OPEN_FOR_STAT = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Files up to this size are read into one buffer that the access reuses and lends to statAndRead's `use`: a new
 * buffer per file was about a fifth of the CPU of reading a tree of small files.
 */
const LENT_BUFFER_MAX_BYTES = 1 << 20;

/**
 * A path the scan names (a listed entry below a root) that is the same file joined to the root as it is resolved
 * against it: no '.' or '..' segment, no empty one. Joining is much cheaper than path.resolve, which the scan paid on
 * every open. Windows paths are left to resolve (its separator is not the scan's '/').
 */
const joinsPlainly = (path: string) =>
  sep === '/' && path[0] !== '/' && !path.endsWith('.') && !path.includes('./') && !path.includes('//');

export function nodeFiles(root: string): FileAccess {
  const resolvedRoot = resolve(root);
  const rootSlash = resolvedRoot.endsWith(sep) ? resolvedRoot : resolvedRoot + sep;
  const abs = (path: string) => (joinsPlainly(path) ? rootSlash + path : resolve(root, path));
  const stat = (path: string) => fileStat(statSync(abs(path)));
  let lent = Buffer.allocUnsafe(64 << 10);
  const bufferFor = (size: number): Buffer => {
    if (size > LENT_BUFFER_MAX_BYTES) return Buffer.allocUnsafe(size);
    if (size > lent.length) lent = Buffer.allocUnsafe(Math.min(LENT_BUFFER_MAX_BYTES, Math.max(size, 2 * lent.length)));
    return lent;
  };
  /** The `size` bytes of an open regular file (fewer if it shrank since its stat). */
  const readOpen = (fd: number, size: number): Uint8Array => {
    // a file that says it is empty may still have content (as /proc files do): read to its end, as readFileSync does
    if (size === 0) return readFileSync(fd);
    const buffer = bufferFor(size);
    let read = 0;
    while (read < size) {
      const got = readSync(fd, buffer, read, size - read, null);
      if (got === 0) break;
      read += got;
    }
    return buffer.subarray(0, read);
  };
  return {
    list: (folder) => readdirSync(abs(folder), { withFileTypes: true }).map((entry) => ({ name: entry.name, kind: kindOf(entry) })),
    stat,
    read: (path) => readFileSync(abs(path)),
    statAndRead(path, maxBytes, use) {
      let fd: number;
      try {
        fd = openSync(abs(path), OPEN_FOR_STAT);
      } catch {
        // what cannot be opened (missing, unreadable) fails as stat and read would, in that order
        return { stat: stat(path) };
      }
      try {
        const opened = fileStat(fstatSync(fd));
        return opened.kind === 'file' && opened.size <= maxBytes
          ? { stat: opened, used: use(readOpen(fd, opened.size)) }
          : { stat: opened };
      } finally {
        closeSync(fd);
      }
    },
    leadsOutside(path) {
      const real = realpathSync(abs(path));
      const base = realpathSync(root);
      return real !== base && !real.startsWith(base + sep);
    },
  };
}
