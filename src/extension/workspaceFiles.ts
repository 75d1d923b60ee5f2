// The scan pipeline's file access through workspace.fs (core/scan/pipeline.ts), so virtual workspaces scan too. Paths
// are relative to the workspace folder; with several folders, the first segment names the folder. A file open in an
// editor is read from its buffer (unsaved edits included).
import * as vscode from 'vscode';
import type { EntryKind, FileAccess, FileStat } from '../core/scan/pipeline';
import type { IgnoreRules } from '../core/scan/ignore';
import { folderSegments } from './folderSegments';

export interface WorkspaceFiles extends FileAccess {
  /** The resource behind a path of this access. */
  uri(path: string): vscode.Uri | undefined;
}

const kindOf = (type: vscode.FileType): Exclude<EntryKind, 'link'> =>
  type & vscode.FileType.Directory ? 'folder' : type & vscode.FileType.File ? 'file' : 'other';

/** Access to the files under one folder. */
export const filesUnder = (folder: vscode.Uri): WorkspaceFiles =>
  filesAt((path) => (path === '.' ? folder : vscode.Uri.joinPath(folder, ...path.split('/'))), undefined);

/** The folders by the first segment that names each in this access's paths (folderSegments.ts). */
const bySegment = <T>(folders: readonly vscode.WorkspaceFolder[], value: (folder: vscode.WorkspaceFolder) => T): Map<string, T> => {
  const segments = folderSegments(folders.map((f) => f.name));
  return new Map(folders.map((f, i) => [segments[i], value(f)]));
};

/** Access to the workspace folders: the folder itself when there is one, else one named entry per folder. */
export function workspaceFiles(folders: readonly vscode.WorkspaceFolder[]): WorkspaceFiles {
  if (folders.length === 1) return filesUnder(folders[0].uri);
  const named = bySegment(folders, (f) => f.uri);
  return filesAt(
    (path) => {
      const [name, ...rest] = path.split('/');
      const base = named.get(name);
      return base && (rest.length ? vscode.Uri.joinPath(base, ...rest) : base);
    },
    [...named.keys()],
  );
}

/** `uri` places a path; `roots`, when given, are the named folders listed at '.'. */
function filesAt(uri: (path: string) => vscode.Uri | undefined, roots: string[] | undefined): WorkspaceFiles {
  const at = (path: string): vscode.Uri => {
    const found = uri(path);
    if (!found) throw vscode.FileSystemError.FileNotFound(path);
    return found;
  };
  // the editors open when this access first reads: one lookup per read instead of a search of every open document
  let openByUri: Map<string, vscode.TextDocument> | undefined;
  const openDocuments = () => (openByUri ??= new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d])));
  return {
    uri,
    async list(folder) {
      if (roots && folder === '.') return roots.map((name) => ({ name, kind: 'folder' as const }));
      const entries = await vscode.workspace.fs.readDirectory(at(folder));
      return entries.map(([name, type]) => ({ name, kind: type & vscode.FileType.SymbolicLink ? 'link' : kindOf(type) }));
    },
    async stat(path): Promise<FileStat> {
      if (roots && path === '.') return { kind: 'folder', size: 0 };
      const stat = await vscode.workspace.fs.stat(at(path));
      // a link that leads nowhere is a link to nothing known, as Node's stat would fail on it
      if (stat.type === vscode.FileType.SymbolicLink) throw vscode.FileSystemError.FileNotFound(at(path));
      return { kind: kindOf(stat.type), size: stat.size };
    },
    async read(path) {
      const open = openDocuments().get(at(path).toString());
      return open ? open.getText() : vscode.workspace.fs.readFile(at(path));
    },
  };
}

/**
 * Ignore rules per workspace folder (each folder's own `.gridlensignore`) over this access's paths: with several
 * folders a path's first segment picks the folder's rules, which see the rest.
 */
export function ignoreByFolder(
  folders: readonly vscode.WorkspaceFolder[],
  rulesOf: (folder: vscode.WorkspaceFolder) => IgnoreRules,
): IgnoreRules {
  if (folders.length === 1) return rulesOf(folders[0]);
  const rules = bySegment(folders, rulesOf);
  return {
    test(path) {
      const slash = path.indexOf('/');
      const rest = slash < 0 ? '' : path.slice(slash + 1);
      return rest !== '' && rest !== '/' && (rules.get(path.slice(0, Math.max(slash, 0)))?.test(rest) ?? false);
    },
  };
}
