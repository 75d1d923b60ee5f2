// Which Terraform files must be analysed together: a module and its callers (local `source = "./…"` calls join
// their folders). Read from the raw text, before any parse, so the CLI can hand independent groups to different
// worker threads and still give the report a single thread gives.
import { dirname, joinPath } from './text';

/**
 * Terraform files grouped so that no local module call (`source = "./…"`, `"../…"`) crosses two groups: a module and
 * its callers are analysed together, anything else may be analysed apart with the same result. The calls are found
 * in the text, erring on the side of joining: a `source` attribute whose value is not a plain string literal joins
 * every folder into one group. Groups keep file order, and come in the order of their first file.
 */
export function terraformModuleGroups<F extends { path: string; text?: string }>(files: F[]): F[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  let joinAll = false;
  const folderOf = (path: string) => dirname(path);
  for (const f of files) {
    const folder = folderOf(f.path);
    find(folder);
    const text = f.text ?? '';
    const source = /\bsource["']?[ \t]*=(?!=)/g;
    for (let m = source.exec(text); m && !joinAll; m = source.exec(text)) {
      let j = m.index + m[0].length;
      while (j < text.length && ' \t\r\n('.includes(text[j])) j++;
      const c = text[j];
      if (c === '"') {
        const close = text.slice(j + 1).search(/["\n]/);
        const raw = close < 0 ? text.slice(j + 1) : text.slice(j + 1, j + 1 + close);
        if (/\\|\$\{|%\{/.test(raw)) joinAll = true;
        else if (raw.startsWith('.')) union(folder, joinPath(folder, raw));
      } else if (c === '<' || c === '#' || c === '/') joinAll = true; // a heredoc or a comment before the value
    }
  }
  if (joinAll) return files.length ? [files] : [];
  const groups = new Map<string, F[]>();
  for (const f of files) {
    const root = find(folderOf(f.path));
    const list = groups.get(root);
    if (list) list.push(f);
    else groups.set(root, [f]);
  }
  return [...groups.values()];
}
