// Line-oriented lexing for hash-comment formats (.env, shell, Makefile, Dockerfile, properties, YAML
// comments): where a comment starts on a line, outside quotes.

/** Offset of the comment on the line text (a '#' at the start or after whitespace, outside quotes), or -1. */
export function hashCommentStart(line: string, markers = '#'): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      if (i === 0 || /[\s=:,[{(]/.test(line[i - 1])) quote = c;
      continue;
    }
    if (markers.includes(c) && (i === 0 || /\s/.test(line[i - 1]))) return i;
  }
  return -1;
}

export interface Line {
  /** Offset of the line's first character in the document. */
  start: number;
  /** Line text without the newline. */
  text: string;
  /** 0-based line number. */
  number: number;
}

export function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  let number = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const lineText = text.slice(start, end);
    out.push({ start, text: lineText.endsWith('\r') ? lineText.slice(0, -1) : lineText, number });
    if (nl < 0) break;
    start = nl + 1;
    number++;
  }
  return out;
}

/** Ranges of the hash comments of a document (for YAML and TOML, where the parser drops them). */
export function hashComments(text: string, markers = '#'): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const markerChars = [...markers];
  // only the lines that hold a marker are cut out and scanned for quotes: found from one marker to the next
  for (let from = 0; ;) {
    let marker = -1;
    for (const m of markerChars) {
      const at = text.indexOf(m, from);
      if (at >= 0 && (marker < 0 || at < marker)) marker = at;
    }
    if (marker < 0) return out;
    const start = text.lastIndexOf('\n', marker - 1) + 1;
    const nl = text.indexOf('\n', marker);
    const lineEnd = nl < 0 ? text.length : nl;
    const end = text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd; // a \r ending the line is no part of it
    const at = hashCommentStart(text.slice(start, end), markers);
    if (at >= 0) out.push({ start: start + at, end });
    if (nl < 0) return out;
    from = nl + 1;
  }
}
