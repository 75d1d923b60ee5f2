// Medians, spreads and percentiles; formatting of durations, sizes and rates for BENCHMARKS.md.

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** (max − min) / median, as a fraction. */
  spread: number;
}

export function summary(values: readonly number[]): Summary {
  if (!values.length) return { n: 0, median: NaN, min: NaN, max: NaN, spread: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    n: sorted.length,
    median,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    spread: median ? (sorted[sorted.length - 1] - sorted[0]) / median : 0,
  };
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

const trim = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** 1234.5 ms → "1.23 s"; 12.3 → "12.3 ms"; 0.42 → "0.42 ms". */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 10_000) return `${trim(value / 1000, 1)} s`;
  if (value >= 1000) return `${trim(value / 1000, 2)} s`;
  if (value >= 100) return `${trim(value, 0)} ms`;
  if (value >= 10) return `${trim(value, 1)} ms`;
  return `${trim(value, 2)} ms`;
}

export function us(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? `${trim(value, 0)} µs` : `${trim(value, 1)} µs`;
}

export function bytes(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 1024 * 1024) return `${trim(value / 1024 / 1024, 2)} MB`;
  if (value >= 1024) return `${trim(value / 1024, 1)} KB`;
  return `${value} B`;
}

export const pct = (fraction: number): string => (Number.isFinite(fraction) ? `±${trim((fraction * 100) / 2, 0)}%` : 'n/a');

/** "median (min–max, n runs)" for durations in ms. */
export function msSpread(s: Summary): string {
  return `${ms(s.median)} (${ms(s.min)}–${ms(s.max)}, n=${s.n})`;
}

export const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? `${trim(a / b, a / b >= 10 ? 0 : 1)}×` : 'n/a');
