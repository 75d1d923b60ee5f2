// Number formatting shared by the CLI, the editor and the webview: few significant digits, never false precision.

/** Grams with two significant digits below 100 and whole numbers above (0.43, 17, 418, 1,250). */
export function formatGrams(value: number): string {
  if (!Number.isFinite(value)) return '?';
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(0);
  if (value >= 1) return value.toFixed(1);
  return value.toPrecision(2);
}
