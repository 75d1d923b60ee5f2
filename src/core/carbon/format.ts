// Number formatting shared by the CLI, the editor and the webview: few significant digits, never false precision.

/** Grams with two significant digits below 100 and whole numbers above (0.43, 17, 418, 1,250). */
export function formatGrams(value: number): string {
  if (!Number.isFinite(value)) return '?';
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(0);
  if (value >= 1) return value.toFixed(1);
  return value.toPrecision(2);
}

/** A grid figure as far as when it is for: a live reading (opt-in) or a yearly average, standing in for live data or not. */
interface GridWhen {
  year: number;
  datetime?: string;
  estimated?: boolean;
  fallback?: string;
}

/** When a grid figure is for: `2025`, `live 2026-12-06 02:00 UTC`, or `2025 average, live unavailable`. */
export function gridWhen(grid: GridWhen): string {
  if (grid.datetime !== undefined) return `live ${grid.datetime.slice(0, 16).replace('T', ' ')} UTC${grid.estimated ? ' (estimated)' : ''}`;
  return grid.fallback !== undefined ? `${grid.year} average, live unavailable` : String(grid.year);
}
