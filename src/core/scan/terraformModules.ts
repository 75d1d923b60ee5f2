// Which Terraform files must be analysed together: a module and its callers (local `source = "./…"` calls join
// their folders). Read from the raw text, before any parse, so the scan pipeline can group files (pipeline.ts) and
// hand independent groups to different worker threads and still give the report a single thread gives.

/**
 * The folders a Terraform file's local module calls (`source = "./…"`, `"../…"`) join with its own, as written,
 * erring on the side of joining: a `source` attribute whose value is not a plain string literal joins every folder
 * ('all').
 */
export function terraformModuleJoins(text: string): string[] | 'all' {
  const joins: string[] = [];
  const source = /\bsource["']?[ \t]*=(?!=)/g;
  for (let m = source.exec(text); m; m = source.exec(text)) {
    let j = m.index + m[0].length;
    while (j < text.length && ' \t\r\n('.includes(text[j])) j++;
    const c = text[j];
    if (c === '"') {
      const close = text.slice(j + 1).search(/["\n]/);
      const raw = close < 0 ? text.slice(j + 1) : text.slice(j + 1, j + 1 + close);
      if (/\\|\$\{|%\{/.test(raw)) return 'all';
      if (raw.startsWith('.')) joins.push(raw);
    } else if (c === '<' || c === '#' || c === '/') return 'all'; // a heredoc or a comment before the value
  }
  return joins;
}
