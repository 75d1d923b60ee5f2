// Jupyter notebooks: the code cells are Python. Their sources are decoded out of the JSON into one Python text,
// scanned with the Python detector, and every range is mapped back to the notebook's own offsets (so lines are the
// .ipynb file's lines, as an editor shows them). Markdown cells and outputs are not code.
import { Collector } from './base';
import { analyzeCode } from './code';
import type { TextRange } from './types';

/** Python source decoded from code cells, with the notebook offset of each of its characters. */
interface Decoded {
  text: string;
  /** Notebook offset where the character at each decoded offset starts, and where it ends (exclusive). */
  from: number[];
  to: number[];
}

export function analyzeNotebook(c: Collector): void {
  let cells: unknown;
  try {
    cells = (JSON.parse(c.text.replace(/^\uFEFF/, '')) as { cells?: unknown }).cells;
  } catch (error) {
    c.problems.push(`not a valid notebook: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (!Array.isArray(cells)) return;
  const code = new Set(cells.flatMap((cell, i) => ((cell as { cell_type?: unknown } | null)?.cell_type === 'code' ? [i] : [])));
  const decoded = decodeSources(c.text, code);
  if (!decoded.text.trim()) return;
  const inner = new Collector(c.index, c.file, decoded.text);
  analyzeCode(inner, 'python');
  const remap = (r: TextRange) => {
    const { start, end } = r;
    r.start = start < decoded.from.length ? decoded.from[start] : decoded.to[decoded.to.length - 1];
    r.end = end > 0 ? decoded.to[end - 1] : decoded.from[0];
  };
  remapRanges([inner.findings, inner.facts], remap);
  for (const f of inner.findings) c.add(f);
  c.facts.anchors.push(...inner.facts.anchors);
  c.facts.scopes.push(...inner.facts.scopes);
  c.facts.symbols.push(...inner.facts.symbols);
  c.facts.azureDeployments.push(...inner.facts.azureDeployments);
  c.problems.push(...inner.problems.map((p) => `code cells: ${p}`));
}

/** Every {start, end} range reachable from the roots, each object once (findings are shared by facts). */
function remapRanges(roots: unknown[], remap: (r: TextRange) => void): void {
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') remap(o as unknown as TextRange);
    for (const x of Array.isArray(v) ? v : Object.values(o)) visit(x);
  };
  roots.forEach(visit);
}

/** The code cells' `source` strings (an array of lines, or one string), decoded, one cell after another. */
function decodeSources(json: string, codeCells: ReadonlySet<number>): Decoded {
  const out: Decoded = { text: '', from: [], to: [] };
  const chars: string[] = [];
  const emit = (ch: string, from: number, to: number) => {
    chars.push(ch);
    out.from.push(from);
    out.to.push(to);
  };
  const onString = (start: number, end: number, path: ReadonlyArray<string | number>) => {
    // path: cells, <i>, source[, <k>]
    if (path[0] !== 'cells' || typeof path[1] !== 'number' || !codeCells.has(path[1]) || path[2] !== 'source' || path.length > 4) return;
    if (path.length === 3 || path[3] === 0) {
      if (chars.length) emit('\n', start, start); // a new cell starts a new line
    }
    for (let i = start + 1; i < end - 1; i++) {
      const ch = json[i];
      if (ch !== '\\') {
        emit(ch, i, i + 1);
        continue;
      }
      const e = json[i + 1];
      if (e === 'u') {
        emit(String.fromCharCode(parseInt(json.slice(i + 2, i + 6), 16) || 32), i, i + 6);
        i += 5;
        continue;
      }
      emit(e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' || e === 'b' || e === 'f' ? ' ' : e, i, i + 2);
      i++;
    }
  };
  walkJson(json, onString);
  out.text = chars.join('');
  return out;
}

/** Calls back with the range (quotes included) and path of every string value in a JSON text. */
function walkJson(json: string, onString: (start: number, end: number, path: ReadonlyArray<string | number>) => void): void {
  const path: Array<string | number> = [];
  let i = 0;
  const space = () => {
    while (i < json.length && /\s/.test(json[i])) i++;
  };
  const string = (): number => {
    const start = i;
    i++;
    while (i < json.length && json[i] !== '"') i += json[i] === '\\' ? 2 : 1;
    i++;
    return start;
  };
  const value = (): void => {
    space();
    const ch = json[i];
    if (ch === '"') {
      const start = string();
      onString(start, i, path);
    } else if (ch === '{') {
      i++;
      for (;;) {
        space();
        if (json[i] === '}' || i >= json.length) break;
        const keyStart = string();
        const key = JSON.parse(json.slice(keyStart, i)) as string;
        space();
        i++; // ':'
        path.push(key);
        value();
        path.pop();
        space();
        if (json[i] === ',') i++;
      }
      i++;
    } else if (ch === '[') {
      i++;
      for (let k = 0; ; k++) {
        space();
        if (json[i] === ']' || i >= json.length) break;
        path.push(k);
        value();
        path.pop();
        space();
        if (json[i] === ',') i++;
      }
      i++;
    } else {
      while (i < json.length && !/[\s,\]}]/.test(json[i])) i++;
    }
  };
  value();
}
