// The scan pipeline's file access on Node's fs (core/scan/pipeline.ts): paths relative to the scanned root, read
// synchronously (one file at a time is what the scan needs, and the sync calls are the fastest). Links are listed as
// links; whether one leads out of the root is told from real paths.
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { EntryKind, FileAccess, FileStat } from '../core/scan/pipeline';

const kindOf = (entry: Dirent): EntryKind =>
  entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : entry.isSymbolicLink() ? 'link' : 'other';

export function nodeFiles(root: string): FileAccess {
  const abs = (path: string) => resolve(root, path);
  return {
    list: (folder) => readdirSync(abs(folder), { withFileTypes: true }).map((entry) => ({ name: entry.name, kind: kindOf(entry) })),
    stat(path): FileStat {
      const stat = statSync(abs(path));
      return { kind: stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other', size: stat.size };
    },
    read: (path) => readFileSync(abs(path)),
    leadsOutside(path) {
      const real = realpathSync(abs(path));
      const base = realpathSync(root);
      return real !== base && !real.startsWith(base + sep);
    },
  };
}
