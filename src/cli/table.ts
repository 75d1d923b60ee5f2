// Plain-text tables that fit a 100-column terminal: columns shrink from the widest, truncated with an ellipsis.

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Smallest width this column may shrink to. */
  min?: number;
}

export function renderTable(columns: readonly Column[], rows: readonly string[][], maxWidth = 100): string {
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const gap = 2;
  const total = () => widths.reduce((sum, w) => sum + w, 0) + gap * (widths.length - 1);
  while (total() > maxWidth) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i] > (columns[i].min ?? 6) && (widest < 0 || widths[i] > widths[widest])) widest = i;
    }
    if (widest < 0) break;
    widths[widest]--;
  }
  const cell = (text: string, i: number) => {
    const width = widths[i];
    const fitted = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    return columns[i].align === 'right' ? fitted.padStart(width) : fitted.padEnd(width);
  };
  const line = (cells: readonly string[]) => cells.map(cell).join(' '.repeat(gap)).trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
