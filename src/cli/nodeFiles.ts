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

export function nodeFiles(root: string): FileAccess {
  const abs = (path: string) => resolve(root, path);
  const stat = (path: string) => fileStat(statSync(abs(path)));
  return {
    list: (folder) => readdirSync(abs(folder), { withFileTypes: true }).map((entry) => ({ name: entry.name, kind: kindOf(entry) })),
    stat,
    read: (path) => readFileSync(abs(path)),
    statAndRead(path, maxBytes) {
      let fd: number;
      try {
        fd = openSync(abs(path), OPEN_FOR_STAT);
      } catch {
        // what cannot be opened (missing, unreadable) fails as stat and read would, in that order
        return { stat: stat(path) };
      }
      try {
        const opened = fileStat(fstatSync(fd));
        return opened.kind === 'file' && opened.size <= maxBytes ? { stat: opened, content: readFileSync(fd) } : { stat: opened };
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
