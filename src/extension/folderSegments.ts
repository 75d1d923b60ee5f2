// The first path segment that names each workspace folder in a multi-root scan (workspaceFiles.ts): the folder's name,
// made one segment (a name given in a .code-workspace file may hold a slash, or be "." or "..") and unique (two
// folders may have the same name; each is scanned, the later ones as "name (2)", "name (3)"…).
export function folderSegments(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const single = name.replace(/[\\/]/g, '-').trim();
    const base = /^\.*$/.test(single) ? 'folder' : single;
    let segment = base;
    for (let n = 2; taken.has(segment); n++) segment = `${base} (${n})`;
    taken.add(segment);
    return segment;
  });
}
