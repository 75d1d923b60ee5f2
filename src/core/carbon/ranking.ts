// Where a row ranks by carbon, the one rule the leaderboard (CLI, API, webview) sorts by: a regional row by its
// central figure; a cross-region profile or global endpoint, which has a range of destinations, by the midpoint of
// that range (its low end would rank a profile that may run on the dirtiest grid above a clean region). On a tie a
// point figure comes before a range, and a narrower range before a wider one.
export interface Ranked {
  carbon: { central: number } | null;
  carbonRange?: { min: number; max: number };
}

/** The figure a row ranks by, or null when it has none. */
export function rankingCarbon(row: Ranked): number | null {
  if (row.carbon) return row.carbon.central;
  return row.carbonRange ? (row.carbonRange.min + row.carbonRange.max) / 2 : null;
}

/** Ascending by rankingCarbon, rows without a figure last; ties as documented above. 0 when equal. */
export function compareByCarbon(a: Ranked, b: Ranked): number {
  const x = rankingCarbon(a) ?? Infinity;
  const y = rankingCarbon(b) ?? Infinity;
  if (x !== y) return x < y ? -1 : 1;
  const spread = (r: Ranked) => (r.carbon ? -1 : r.carbonRange ? r.carbonRange.max - r.carbonRange.min : Infinity);
  return spread(a) - spread(b);
}
